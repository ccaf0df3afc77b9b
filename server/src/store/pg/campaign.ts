// One campaign as the consolidated export reads it, in PostgreSQL: the head of each fiche (tombstones left out), the
// device that made each fiche, the directory and the data version, in one REPEATABLE READ snapshot. The heads come
// through a cursor, a chunk at a time, rather than as one result of every record of the département.
//
// The data version is the campaign's last head seq and the directory's fingerprint (written with the directory,
// directory.ts): another instance's push or import changes it as this one's does, and reading it costs two index
// lookups.
import type pg from 'pg';
import type { DirectorySchool } from '../../../../src/model/school';
import type { Fiche } from '../../../../src/model/types';
import type { CampaignReader, CampaignSnapshot } from '../store';
import { ORIGIN_OF_HEAD } from '../head-row';
import { inSnapshot, openPool, type Client } from './pool';

/** Heads fetched from the cursor at a time: a few megabytes of JSON at most. */
const CHUNK = 1_000;

// Every stored revision gets a seq above all before it, so a new head of the campaign raises its largest seq.
const VERSION = `
  SELECT (SELECT COALESCE(MAX(seq), 0) FROM heads WHERE campaign = $1) AS "lastSeq",
         (SELECT fingerprint FROM directory_state) AS fingerprint`;

/** As SQLite's: `<last seq>.<directory fingerprint>`. */
export async function readExportVersion(client: Client | pg.Pool, campaign: string): Promise<string> {
  const { rows } = await client.query<{ lastSeq: number; fingerprint: string | null }>({ name: 'export-version', text: VERSION, values: [campaign] });
  const { lastSeq, fingerprint } = rows[0] as { lastSeq: number; fingerprint: string | null };
  return `${lastSeq}.${fingerprint ?? ''}`;
}

async function readHeads(client: Client, campaign: string): Promise<{ fiches: Fiche[]; deviceOf: Map<string, string> }> {
  // The origin is the sender of the fiche's first stored revision, as the pull tells the tablets.
  await client.query(
    `DECLARE campaign_heads NO SCROLL CURSOR FOR
       SELECT r.record, ${ORIGIN_OF_HEAD} AS origin FROM heads h JOIN revisions r ON r.seq = h.seq
        WHERE h.campaign = ${client.escapeLiteral(campaign)} AND NOT h.deleted
        ORDER BY h.seq`,
  );
  const fiches: Fiche[] = [];
  const deviceOf = new Map<string, string>();
  for (;;) {
    const { rows } = await client.query<{ record: string; origin: string }>(`FETCH ${CHUNK} FROM campaign_heads`);
    for (const row of rows) {
      const fiche = JSON.parse(row.record) as Fiche;
      fiches.push(fiche);
      deviceOf.set(fiche.id, row.origin);
    }
    if (rows.length < CHUNK) break;
  }
  await client.query('CLOSE campaign_heads');
  return { fiches, deviceOf };
}

export function pgCampaignReader(pool: pg.Pool): (campaign: string) => Promise<CampaignSnapshot> {
  return (campaign) =>
    inSnapshot(pool, async (client) => {
      const { fiches, deviceOf } = await readHeads(client, campaign);
      const { rows } = await client.query<{ record: string }>('SELECT record FROM schools ORDER BY uai');
      const version = await readExportVersion(client, campaign);
      return { directory: rows.map((row) => JSON.parse(row.record) as DirectorySchool), fiches, deviceOf, version };
    });
}

/** A connection of its own to the database at `url`, for the export worker's thread; it only reads. */
export function openPgCampaignReader(url: string): CampaignReader {
  // One job at a time in the worker: one connection.
  const pool = openPool(url, { max: 1 });
  const readCampaign = pgCampaignReader(pool);
  return {
    readCampaign,
    async close() {
      await pool.end();
    },
  };
}
