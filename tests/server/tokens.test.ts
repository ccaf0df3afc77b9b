// Access tokens: created by the CLI and shown once, kept only as a hash, and what the sync endpoint checks.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import type { ExecFileSyncOptionsWithStringEncoding } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeClassroomFiche } from '../../src/model/make';
import { hashToken } from '../../server/src/tokens';
import { makeBatch, makeTempDir, postSync, pushOf, readDb, removeTempDir, startServer } from './support';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let dir: string;
let dbPath: string;

beforeEach(() => {
  dir = makeTempDir();
  dbPath = join(dir, 'tne13.sqlite');
});

afterEach(() => removeTempDir(dir));

/** `npm run token -- …` on the test's database. */
function tokenCli(...args: string[]): string {
  const env = { ...process.env, TNE13_DB: dbPath };
  const options: ExecFileSyncOptionsWithStringEncoding = { env, cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] };
  return execFileSync(process.execPath, ['--import', 'tsx', 'server/cli/token.ts', ...args], options);
}

describe('access tokens', () => {
  it('keeps only a hash of the token: the token is nowhere in the database files', async () => {
    const server = await startServer(dbPath);
    await postSync(server, makeBatch([pushOf(makeClassroomFiche())]));
    const token = server.token;
    const stored = readDb(dbPath, (db) => db.prepare('SELECT hash FROM tokens').pluck().all());
    const files = [dbPath, `${dbPath}-wal`].filter((file) => existsSync(file)).map((file) => readFileSync(file));
    await server.close();

    expect(stored).toEqual([hashToken(token)]);
    expect(files.length).toBeGreaterThan(0);
    for (const bytes of files) {
      expect(bytes.includes(token)).toBe(false);
      expect(bytes.includes(Buffer.from(token, 'base64url'))).toBe(false);
    }
  });

  it('creates with the CLI a token printed once that the server accepts, and lists its owner', async () => {
    const output = tokenCli('create', 'Dominique Durand');
    const token = output.trim().split('\n').at(-1) ?? '';

    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tokenCli('list')).toContain('Dominique Durand');
    expect(tokenCli('list')).not.toContain(token);

    const server = await startServer(dbPath);
    try {
      const answer = await postSync(server, makeBatch([pushOf(makeClassroomFiche())]), { token });
      expect(answer.status).toBe(200);
      const owner = readDb(dbPath, (db) => db.prepare('SELECT token_owner FROM revisions').pluck().get());
      expect(owner).toBe('Dominique Durand');
    } finally {
      await server.close();
    }
  });

  it('refuses to create a token without an owner’s name, in French', () => {
    expect(() => tokenCli('create', '  ')).toThrow(/titulaire du jeton/);
  });
});
