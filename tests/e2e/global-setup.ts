// Builds the app once and serves it with the reference server on 127.0.0.1 for every browser test.
import type { TestProject } from 'vitest/node';
import { serveBuild } from './support/serve-build';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    syncToken: string;
  }
}

export default async function setup(project: TestProject) {
  const { url, token, server } = await serveBuild();
  project.provide('baseUrl', url);
  project.provide('syncToken', token);
  return () => server.close();
}
