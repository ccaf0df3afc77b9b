// The JavaScript a first visit loads (the scripts index.html references), raw and gzip, from a fresh build.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

await build({ logLevel: 'warn', mode: 'production' });
const html = readFileSync('dist/index.html', 'utf8');
const scripts = [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1] as string);
let raw = 0;
let gzip = 0;
for (const file of scripts) {
  const bytes = readFileSync(join('dist', file));
  raw += bytes.length;
  gzip += gzipSync(bytes, { level: 9 }).length;
}
console.log(`initial JavaScript (${scripts.length} file${scripts.length > 1 ? 's' : ''}): ${(raw / 1024).toFixed(1)} KB raw, ${(gzip / 1024).toFixed(1)} KB gzip`);
