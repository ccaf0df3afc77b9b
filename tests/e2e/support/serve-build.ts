// Builds the app and serves the build on 127.0.0.1 (a free port), as `npm start` does.
import { build, preview, type PreviewServer } from 'vite';

export async function serveBuild(): Promise<{ url: string; server: PreviewServer }> {
  await build({ logLevel: 'warn', mode: 'production' });
  const server = await preview({ preview: { port: 0, strictPort: false, host: '127.0.0.1' }, logLevel: 'warn' });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('the preview server has no address');
  return { url: url.replace(/\/$/, ''), server };
}
