// The SQLite store against the Store contract, on a fresh file per test, as the server opens it.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDirectorySchool } from '../../../src/model/make';
import { openSqliteStore } from '../../../server/src/store/sqlite/sqlite-store';
import { folderAttachments } from '../../../server/src/store/attachments/folder';
import { memoryAttachments } from '../../../server/src/store/attachments/memory';
import { makeTempDir, removeTempDir } from '../support';
import { describeAttachmentStoreContract, describeStoreContract } from './store-contract';

describeStoreContract('SQLite', async () => {
  const dir = makeTempDir();
  return { store: openSqliteStore(join(dir, 'tne13.sqlite')), remove: () => removeTempDir(dir) };
});

// A folder of its own (TNE13_ATTACHMENTS_DIR), and the photos of an in-memory database.
describeAttachmentStoreContract('A photo folder', async () => {
  const dir = makeTempDir();
  return { attachments: folderAttachments(join(dir, 'photos')), remove: () => removeTempDir(dir) };
});
describeAttachmentStoreContract('Photos in memory', async () => ({ attachments: memoryAttachments(), remove: () => {} }));

describe('the SQLite store’s export version', () => {
  it('changes when another connection replaces the directory (npm run import while the server runs)', async () => {
    const dir = makeTempDir();
    const path = join(dir, 'tne13.sqlite');
    const server = openSqliteStore(path);
    const importer = openSqliteStore(path);
    try {
      const before = await server.exportVersion('2026-2027');
      expect(await server.exportVersion('2026-2027')).toBe(before);
      await importer.directory.replace((current) => ({ schools: [...current, makeDirectorySchool({ uai: '0130002G' })] }));
      const after = await server.exportVersion('2026-2027');
      expect(after).not.toBe(before);
      expect(after).toBe(await importer.exportVersion('2026-2027'));
    } finally {
      await importer.close();
      await server.close();
      removeTempDir(dir);
    }
  });
});
