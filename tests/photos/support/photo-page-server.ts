// Builds tests/photos/support/photo-page.html with Vite (the page, the pipeline and the photo worker, bundled as the
// app bundles them) and serves it on 127.0.0.1, a secure context (crypto.subtle). Shared by the photo tests and
// bench/photo-compress.ts.
import { createServer } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const PHOTO_PAGE_PATH = '/tests/photos/support/photo-page.html';
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript' };

export interface PhotoPageServer {
  /** The page's address. */
  url: string;
  close(): Promise<void>;
}

export async function servePhotoPage(): Promise<PhotoPageServer> {
  const outDir = await mkdtemp(join(tmpdir(), 'tne13-photos-'));
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    mode: 'production',
    worker: { format: 'es' },
    build: { outDir, emptyOutDir: true, minify: false, rolldownOptions: { input: join(ROOT, PHOTO_PAGE_PATH) } },
  });
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    readFile(join(outDir, path)).then(
      (body) => response.writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}${PHOTO_PAGE_PATH}`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(outDir, { recursive: true, force: true });
    },
  };
}
