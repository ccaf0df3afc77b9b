// A page of pulled heads and its cursor, written in one transaction (sync.md v2, "Pull"): a crash between pages
// leaves the cursor at the last page written, so the next pull asks for the rest and skips nothing.
import type { AuditDb, Base } from './db';
import type { Head } from '../model/sync-protocol';
import type { Fiche } from '../model/types';
import { announceSaved } from './saved';
import { headTables, keepOrigin, writeHead, type HeadOutcome, type Merger } from './heads';

/** Where a pull resumes: one cursor per campaign and scope (a cursor only means something with its filters). */
export function cursorKey(campaign: string, scope: readonly string[]): string {
  return `cursor:${campaign}:${[...scope].sort().join('|')}`;
}

export async function getCursor(db: AuditDb, key: string): Promise<string | undefined> {
  return (await db.meta.get(key))?.value;
}

/** Forgets where a pull got to: the next one asks for every head in its scope from the start ("Récupérer les fiches
 * du serveur"). Heads already held are skipped when they come again. */
export async function forgetCursor(db: AuditDb, key: string): Promise<void> {
  await db.meta.delete(key);
}

/** Pages this long read which fiches have a base from the keys of the table, in one request, and look up only
 * those; shorter ones (an incremental pull) look each up. */
const KEYS_FIRST = 100;

async function basesOf(db: AuditDb, ids: readonly string[]): Promise<Array<Base | undefined>> {
  if (ids.length < KEYS_FIRST) return db.bases.bulkGet(ids as string[]);
  const known = new Set(await db.bases.toCollection().primaryKeys());
  const present = ids.filter((id) => known.has(id));
  const found = new Map((await db.bases.bulkGet(present)).map((base, i) => [present[i], base]));
  return ids.map((id) => found.get(id));
}

export type PageReport = Record<HeadOutcome, number>;

export async function applyPulledPage(db: AuditDb, heads: readonly Head[], key: string, cursor: string, merger: Merger): Promise<PageReport> {
  const report: PageReport = { skipped: 0, taken: 0, merged: 0, arbitrate: 0 };
  const changed: Fiche[] = [];
  await db.transaction('rw', [...headTables(db), db.meta], async () => {
    // The page's state read at once. A head for a fiche with no unsent edit and nothing to arbitrate is taken in one
    // bulk write with the others (a first pull is only that); the rest go one by one through writeHead.
    const ids = heads.map((h) => h.record.id);
    // The outbox and the arbitrations are short (a day's unsent edits, a few fiches held): their keys come in one
    // request each, where a lookup per head of the page would cost one request per head.
    const [bases, unsent, arbitrated] = await Promise.all([basesOf(db, ids), db.outbox.toCollection().primaryKeys(), db.arbitrations.toCollection().primaryKeys()]);
    const pending = new Set<string>([...unsent, ...arbitrated]);
    const previous = new Map(ids.map((id, i) => [id, bases[i]]));
    const taken: Head[] = [];
    for (const [i, head] of heads.entries()) {
      const base = bases[i];
      if (pending.has(head.record.id)) {
        const { outcome, fiche } = await writeHead(db, head, merger);
        report[outcome] += 1;
        if (fiche) changed.push(fiche);
      } else if (base && head.rev <= base.rev) report.skipped += 1;
      else taken.push(head);
    }
    await db.fiches.bulkPut(taken.map((h) => h.record));
    await db.bases.bulkPut(taken.map((h) => keepOrigin({ id: h.record.id, rev: h.rev, seq: h.seq, ...(h.origin ? { origin: h.origin } : {}) }, previous.get(h.record.id))));
    report.taken += taken.length;
    changed.push(...taken.map((h) => h.record));
    await db.meta.put({ key, value: cursor });
  });
  if (changed.length > 0) announceSaved(db, changed, 'sync');
  return report;
}
