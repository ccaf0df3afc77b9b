// Conditional GETs (RFC 9110 §13.1.2): a client sends back the ETag it was given and gets a 304 while it holds. Every
// tag is derived from what is answered (the store's data, the code that shapes it), never from this process (a
// counter, its start time): several instances of the server on one store give the same answer the same tag, so a
// device sent to either by a load balancer still gets its 304.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** If-None-Match compares weakly: `W/"x"` matches `"x"`, and `*` matches anything. */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || tag.replace(/^W\//, '') === etag;
  });
}

/**
 * A digest of the source files under `paths` (folders, read whole, or files), relative to `base`: names and contents,
 * in a fixed order. The same code gives the same digest on every machine; any change to it, another.
 */
export function sourceDigest(base: URL, paths: readonly string[]): string {
  const root = fileURLToPath(base);
  const hash = createHash('sha256');
  for (const path of paths) {
    const full = join(root, path);
    const files = statSync(full).isDirectory()
      ? readdirSync(full, { recursive: true, encoding: 'utf8' })
          .map((name) => join(path, name))
          .filter((name) => statSync(join(root, name)).isFile())
          .sort()
      : [path];
    for (const file of files) hash.update(`${file.split('\\').join('/')}\n`).update(readFileSync(join(root, file))).update('\n');
  }
  return hash.digest('base64url');
}
