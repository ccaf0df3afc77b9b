// Builds the app and serves a build on 127.0.0.1, as `npm start` does; a test may build twice (two versions) and
// serve either on one port (one origin), or stop the server to be offline for real.
import { build, preview, type PreviewServer } from 'vite';

/** Builds into `outDir` (the default dist/ when absent), with BUILD_ID as the version shown in the footer. */
export async function buildApp(outDir?: string, buildId?: string): Promise<void> {
  // Inside Vitest NODE_ENV is 'test', which would make a development build (no service worker registered).
  const saved = { BUILD_ID: process.env.BUILD_ID, NODE_ENV: process.env.NODE_ENV };
  process.env.NODE_ENV = 'production';
  if (buildId !== undefined) process.env.BUILD_ID = buildId;
  try {
    await build({ logLevel: 'warn', mode: 'production', build: outDir ? { outDir, emptyOutDir: true } : {} });
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

/** Serves a build; `port` 0 picks a free one. */
export async function serveDir(outDir: string | undefined, port = 0): Promise<{ url: string; port: number; server: PreviewServer }> {
  const server = await preview({
    preview: { port, strictPort: port !== 0, host: '127.0.0.1' },
    build: outDir ? { outDir } : {},
    logLevel: 'warn',
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('the preview server has no address');
  return { url: url.replace(/\/$/, ''), port: Number(new URL(url).port), server };
}

export async function serveBuild(): Promise<{ url: string; server: PreviewServer }> {
  await buildApp();
  return serveDir(undefined);
}
