// Schema version 3 (issue 13): every school's fiche under its derived id `ecole-<campaign>-<uai>`. For each school
// and campaign, the heads of its v1 school fiches (UUID ids) are made into one fiche (src/model/merge/derive-school-fiches.ts: one
// taken as it is, two or more merged), stored as the next revision of the derived id, with its sources named in
// `revision_sources`.
//
// The v1 fiches are not tombstoned: their revisions stay in history untouched, and since version 2 a school fiche
// under another id never becomes a head, so the pull, the exports and the consolidated view no longer see them.
import type Database from 'better-sqlite3';
import { canonicalJson, schoolFicheId } from '../../../../../src/model/sync-protocol';
import { deriveSchoolFiche, type LegacySchoolFiche } from '../../../../../src/model/merge/derive-school-fiches';

/** Who a revision made by the migration is recorded as sent by: the server itself, not a device or a token. */
export const MIGRATION_DEVICE = 'serveur:migration-3';
export const MIGRATION_OWNER = 'Migration : une fiche école par école (identifiant dérivé)';

interface LegacyHead {
  id: string;
  rev: number;
  record: string;
}

export function deriveSchoolFicheIds(db: Database.Database): void {
  // The head of every school fiche whose id is not derived, by school and campaign.
  const legacy = db
    .prepare(
      `SELECT r.id, r.rev, r.record, r.campaign, r.uai FROM revisions r
        WHERE r.kind = 'school' AND r.id <> 'ecole-' || r.campaign || '-' || r.uai
          AND r.rev = (SELECT MAX(rev) FROM revisions WHERE id = r.id)
        ORDER BY r.campaign, r.uai, r.seq`,
    )
    .all() as Array<LegacyHead & { campaign: string; uai: string }>;
  const bySchool = new Map<string, LegacyHead[]>();
  for (const head of legacy) {
    const key = schoolFicheId(head.campaign, head.uai);
    bySchool.set(key, [...(bySchool.get(key) ?? []), head]);
  }

  const headOf = db.prepare('SELECT h.id, h.rev, r.record FROM heads h JOIN revisions r ON r.seq = h.seq WHERE h.id = ?');
  const insertRevision = db.prepare(
    `INSERT INTO revisions (id, rev, kind, uai, campaign, deleted, record, device_id, token_owner, received_at)
     VALUES (@id, @rev, 'school', @uai, @campaign, @deleted, @record, @device, @owner, @receivedAt)`,
  );
  const insertSource = db.prepare('INSERT INTO revision_sources (id, rev, source_id, source_rev) VALUES (?, ?, ?, ?)');
  const receivedAt = new Date().toISOString();

  for (const [id, heads] of bySchool) {
    // A v1 server never held a derived id (its schema wanted UUIDs); were one held, its head is merged in too.
    const held = headOf.get(id) as LegacyHead | undefined;
    const sources = held === undefined ? heads : [...heads, held];
    const fiche = deriveSchoolFiche(sources.map((s) => JSON.parse(s.record) as LegacySchoolFiche), (held?.rev ?? 0) + 1);
    insertRevision.run({
      id, rev: fiche.rev, uai: fiche.uai, campaign: fiche.campaign, deleted: fiche.deleted ? 1 : 0, record: canonicalJson(fiche),
      device: MIGRATION_DEVICE, owner: MIGRATION_OWNER, receivedAt,
    });
    for (const source of sources) insertSource.run(id, fiche.rev, source.id, source.rev);
  }
}
