// The photos in PostgreSQL (schema.ts, version 3): one row per photo, its bytes in a bytea column, so that a photo is
// written, kept and backed up (pg_dump) with everything else, and several instances of the server share it.
//
// bytea rather than large objects: a photo is at most 2 MiB, which a column holds and PostgreSQL moves out of the row
// by itself (TOAST); written and read in one statement, covered by the same `ON CONFLICT` as any row, gone with its
// row. Large objects are for values past what a column holds or read in pieces; they live apart from the row (a
// deleted row leaves its object behind unless it is unlinked), are read through a transaction of lo_* calls, and
// pg_dump handles them apart. None of that buys anything for an image of a few hundred kilobytes.
import type pg from 'pg';
import { SHA256_PATTERN } from '../../../../src/model/schema';
import type { PhotoType } from '../../../../src/model/types';
import type { AttachmentInfo, AttachmentStore } from '../store';

export function pgAttachments(pool: pg.Pool): AttachmentStore {
  async function info(sha256s: readonly string[]): Promise<Map<string, AttachmentInfo>> {
    if (sha256s.length === 0) return new Map();
    // octet_length reads the size TOAST keeps with the value: no image is read.
    const { rows } = await pool.query<{ sha256: string; type: PhotoType; bytes: number }>({
      name: 'attachment-info',
      text: 'SELECT sha256, type, octet_length(bytes) AS bytes FROM attachments WHERE sha256 = ANY($1::text[])',
      values: [[...new Set(sha256s)]],
    });
    return new Map(rows.map(({ sha256, type, bytes }) => [sha256, { type, bytes }]));
  }

  return {
    async put(sha256, type, bytes) {
      if (!SHA256_PATTERN.test(sha256)) throw new Error(`not a SHA-256: ${sha256.slice(0, 80)}`);
      // Of two uploads of one photo at once, the second waits for the first's commit, then inserts nothing: one row,
      // one "created". The commit is flushed to the write-ahead log before the device is told, as a push's is.
      const { rowCount } = await pool.query({
        name: 'attachment-put',
        text: 'INSERT INTO attachments (sha256, type, bytes) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING',
        values: [sha256, type, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)],
      });
      return rowCount === 1 ? 'created' : 'held';
    },
    async get(sha256) {
      const { rows } = await pool.query<{ type: PhotoType; bytes: Buffer }>({
        name: 'attachment-get',
        text: 'SELECT type, bytes FROM attachments WHERE sha256 = $1',
        values: [sha256],
      });
      return rows[0];
    },
    async held(sha256s) {
      return new Set((await info(sha256s)).keys());
    },
    info,
  };
}
