// Builds the app once and serves the build on 127.0.0.1 for every browser test.
import type { TestProject } from 'vitest/node';
import { serveBuild } from './support/serve-build';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const { url, server } = await serveBuild();
  project.provide('baseUrl', url);
  return () => server.close();
}
