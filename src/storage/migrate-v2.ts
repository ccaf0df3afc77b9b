// The device's database from version 1 to 2 (sync v2), inside Dexie's upgrade transaction: every school fiche
// takes its derived id (two of one school merged: derive-school-fiches.ts), fleets get ids, and the renamed fiche is
// queued to be sent (its old id's queued edit goes; its drafts, even of a school never saved, move onto it). Nothing
// is lost: a fiche the server held under its old id is merged there too, and the device's copy meets it as a
// conflict that merges. A failed upgrade leaves version 1 whole (one transaction) and runs again at the next start.
import type { Table, Transaction } from 'dexie';
import type { Fiche, SchoolData, SchoolFiche } from '../model/types';
import { schoolFicheId } from '../model/sync-protocol';
import { dataWithFleetIds, deriveSchoolFiche, lacksFleetIds, needsDerivedId } from '../model/merge/derive-school-fiches';
import { mergeFiche, resolveConflicts } from '../model/merge/merge';

interface Entry {
  id: string;
  rev: number;
  record: Fiche;
  queuedAt: string;
  importedFrom?: string;
  refusal?: { status: string };
}

interface Draft {
  id: string;
  kind: string;
  uai: string;
  campaign: string;
  editedAt: string;
  data: unknown;
}

/** One school's fiches and drafts (a v1 school screen gave a new fiche a UUID, and its draft that id). */
interface School {
  fiches: SchoolFiche[];
  drafts: Draft[];
}

export async function migrateToV2(tx: Transaction): Promise<void> {
  const fiches = tx.table<Fiche, string>('fiches');
  const outbox = tx.table<Entry, string>('outbox');
  const drafts = tx.table<Draft, string>('drafts');
  const schools = new Map<string, School>();
  const schoolOf = (campaign: string, uai: string): School => {
    const id = schoolFicheId(campaign, uai);
    const school = schools.get(id) ?? { fiches: [], drafts: [] };
    schools.set(id, school);
    return school;
  };
  for (const fiche of await fiches.toArray()) if (fiche.kind === 'school') schoolOf(fiche.campaign, fiche.uai).fiches.push(fiche);
  for (const draft of await drafts.toArray()) if (draft.kind === 'school') schoolOf(draft.campaign, draft.uai).drafts.push(draft);
  for (const [id, school] of schools) {
    const fiche = await deriveFiche(fiches, outbox, id, school.fiches);
    await moveDrafts(drafts, id, school, fiche);
  }
  // v1 set aside an edit whose rev the server held with other content; v2 merges such a conflict, so it is sent again.
  await outbox.toCollection().modify((entry) => {
    if (entry.refusal?.status === 'conflict') delete entry.refusal;
  });
}

/** The school's one fiche of the derived id, written and queued when it changed; undefined if it has none. */
async function deriveFiche(fiches: Table<Fiche, string>, outbox: Table<Entry, string>, id: string, group: SchoolFiche[]): Promise<SchoolFiche | undefined> {
  if (group.length === 0) return undefined;
  const renamed = group.filter(needsDerivedId);
  const fleetsMissing = group.some(lacksFleetIds);
  if (renamed.length === 0 && !fleetsMissing) return group[0];
  const fiche = deriveSchoolFiche(group, Math.max(...group.map((f) => f.rev)) + 1);
  const oldIds = group.map((f) => f.id).filter((old) => old !== id);
  await fiches.bulkDelete(oldIds);
  await fiches.put(fiche);
  await outbox.bulkDelete(oldIds);
  await outbox.put({ id, rev: fiche.rev, record: fiche, queuedAt: fiche.updatedAt });
  return fiche;
}

/**
 * The school's drafts (typing not yet in a revision) as one draft of the derived id. Each is laid, oldest first, on
 * the derived fiche as a merge against the fiche it was typed on: the typing wins where it changed a field, and what
 * the other fiche brought stays, so that saving the draft later takes nothing away.
 */
async function moveDrafts(drafts: Table<Draft, string>, id: string, school: School, derived: SchoolFiche | undefined): Promise<void> {
  const sorted = [...school.drafts].sort((a, b) => a.editedAt.localeCompare(b.editedAt));
  const newest = sorted.at(-1);
  if (!newest) return;
  let data: unknown = derived?.data;
  for (const draft of sorted) {
    const typed = draftWithFleetIds(draft.data);
    const own = school.fiches.find((f) => f.id === draft.id);
    data = data === undefined ? typed : onTop(own ? dataWithFleetIds(own.data) : null, typed, data);
  }
  await drafts.bulkDelete(school.drafts.map((d) => d.id).filter((old) => old !== id));
  await drafts.put({ ...newest, id, data });
}

function onTop(base: SchoolData | null, typed: unknown, current: unknown): unknown {
  const as = (data: unknown) => ({ kind: 'school', deleted: false, data }) as SchoolFiche;
  const merged = mergeFiche(base ? as(base) : null, as(typed), as(current));
  return resolveConflicts(merged, {}).data;
}

/** A draft's fleets as typed in v1 (no ids, possibly half filled): ids by position, as the fiche's got. */
function draftWithFleetIds(data: unknown): unknown {
  const fleets = (data as { fleets?: unknown } | null)?.fleets;
  if (!Array.isArray(fleets) || !fleets.every((f) => f !== null && typeof f === 'object')) return data;
  return dataWithFleetIds(data as SchoolData);
}
