// The device's database from version 1 to 2 (sync v2), inside Dexie's upgrade transaction: every school fiche
// takes its derived id (two of one school merged: derive-school-fiches.ts), fleets get ids, and the renamed fiche is
// queued to be sent (its old id's queued edit and draft move with it). Nothing is lost: a fiche the server held
// under its old id is merged there too, and the device's copy meets it as a conflict that merges.
import type { Transaction } from 'dexie';
import type { Fiche, SchoolFiche } from '../model/types';
import { schoolFicheId } from '../model/sync-protocol';
import { deriveSchoolFiche, lacksFleetIds, needsDerivedId } from '../model/merge/derive-school-fiches';

interface Entry {
  id: string;
  rev: number;
  record: Fiche;
  queuedAt: string;
  importedFrom?: string;
}

interface Draft {
  id: string;
  editedAt: string;
  data: unknown;
}

export async function migrateToV2(tx: Transaction): Promise<void> {
  const fiches = tx.table<Fiche, string>('fiches');
  const outbox = tx.table<Entry, string>('outbox');
  const drafts = tx.table<Draft, string>('drafts');
  const schools = (await fiches.toArray()).filter((f): f is SchoolFiche => f.kind === 'school');
  const groups = new Map<string, SchoolFiche[]>();
  for (const fiche of schools) {
    const id = schoolFicheId(fiche.campaign, fiche.uai);
    groups.set(id, [...(groups.get(id) ?? []), fiche]);
  }
  for (const [id, group] of groups) {
    const renamed = group.filter(needsDerivedId);
    if (renamed.length === 0 && !group.some(lacksFleetIds)) continue;
    const fiche = deriveSchoolFiche(group, Math.max(...group.map((f) => f.rev)) + 1);
    const oldIds = group.map((f) => f.id).filter((old) => old !== id);
    await fiches.bulkDelete(oldIds);
    await fiches.put(fiche);
    await outbox.bulkDelete(oldIds);
    await outbox.put({ id, rev: fiche.rev, record: fiche, queuedAt: fiche.updatedAt });
    // The newest draft of the school's fiches follows it: it holds typing not yet in a revision.
    const held = (await drafts.bulkGet([id, ...oldIds])).filter((d): d is Draft => d !== undefined);
    const newest = held.sort((a, b) => b.editedAt.localeCompare(a.editedAt))[0];
    await drafts.bulkDelete(oldIds);
    if (newest && newest.id !== id) await drafts.put({ ...newest, id });
  }
}
