// src/export is the pure core that the tablet and the server share: builders and writers, no storage and no worker.
// The device shell that reads IndexedDB and runs the export worker lives in src/state/device-export. eslint says it
// per file; this check reads every import of the folder, dynamic ones and worker URLs included.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const EXPORT_DIR = join(ROOT, 'src/export');
const SPECIFIER = /(?:from\s+|import\s*\(\s*|import\s+|new URL\(\s*)['"]([^'"]+)['"]/g;

/** Every module a file of src/export reaches, as a path from the root (relative imports) or a package name. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(SPECIFIER)].map(([, spec = '']) =>
    spec.startsWith('.') ? relative(ROOT, resolve(dirname(file), spec)) : spec);
}

const files = readdirSync(EXPORT_DIR, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f)).map((f) => join(EXPORT_DIR, f));

describe('src/export', () => {
  it('has files to check', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it('imports nothing of the device: no storage, state, screen or worker plumbing, no Dexie, idb-keyval or Comlink', () => {
    const forbidden = /^(src\/(storage|state|ui|workers)\/|dexie$|idb-keyval$|comlink$)/;
    const offending = files.flatMap((file) => importsOf(file).filter((target) => forbidden.test(target)).map((target) => `${relative(ROOT, file)} → ${target}`));
    expect(offending).toEqual([]);
  });

  it('holds no worker', () => {
    expect(files.filter((file) => /\.worker\.ts$/.test(file) || /new Worker\(/.test(readFileSync(file, 'utf8')))).toEqual([]);
  });
});
