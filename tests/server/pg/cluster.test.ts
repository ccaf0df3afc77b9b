// The test cluster's binaries: Debian's newest PostgreSQL, else the PATH's, else a refusal that says what to install
// (the PostgreSQL tests never pass by being skipped).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDir } from '../support';
import { findPostgresBin } from './cluster';

describe('the PostgreSQL binaries the test cluster runs', () => {
  let dir: string;
  const binaries = (bin: string) => {
    mkdirSync(bin, { recursive: true });
    for (const name of ['initdb', 'pg_ctl']) writeFileSync(join(bin, name), '');
    return bin;
  };
  beforeEach(() => (dir = makeTempDir()));
  afterEach(() => removeTempDir(dir));

  it('are Debian’s newest version, before the PATH', () => {
    binaries(join(dir, 'debian', '9', 'bin'));
    const newest = binaries(join(dir, 'debian', '15', 'bin'));
    expect(findPostgresBin(join(dir, 'debian'), binaries(join(dir, 'path')))).toBe(newest);
  });

  it('are found in the PATH when Debian has none', () => {
    const inPath = binaries(join(dir, 'path'));
    expect(findPostgresBin(join(dir, 'absent'), `/nonexistent:${inPath}`)).toBe(inPath);
  });

  it('missing, stop the run with a message saying to install Debian’s postgresql', () => {
    expect(() => findPostgresBin(join(dir, 'absent'), join(dir, 'empty'))).toThrow(/installez le paquet Debian « postgresql »/);
  });
});
