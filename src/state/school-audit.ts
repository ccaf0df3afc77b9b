// Actions of the school screen and of the classroom form: classrooms added, copied, deleted and restored, and the
// loop from one classroom to the next (finish, or finish and copy for the next room).
import { signal } from '@preact/signals';
import type { AuditDb } from '../storage/db';
import { deleteFiche, restoreFiche, saveRevision } from '../storage/fiches';
import { getFiche } from '../storage/fiche-queries';
import { makeClassroomData } from '../model/make';
import { nextClassroomLabel } from '../model/classroom-label';
import type { Author, ClassroomData, ClassroomFiche } from '../model/types';
import { auditOf, noteRevision } from './audits';
import { referential } from './referential';
import { navigate } from './route';

/** The classroom just deleted, while its undo is offered. */
export const lastDeleted = signal<{ id: string; label: string } | null>(null);

/** A classroom just created: its form opens with its proposed name selected, replaced by the first keystroke. */
export const freshClassroom = signal<string | null>(null);

/** Set when a classroom is finished: the school screen opens on its list of classrooms, focused. */
export const returnToClassrooms = signal<string | null>(null);

async function createClassroom(db: AuditDb, uai: string, campaign: string, author: Author, data: ClassroomData) {
  const referentialVersion = referential.value.version;
  const fiche = await saveRevision(db, { id: crypto.randomUUID(), kind: 'classroom', uai, campaign, data, author, referentialVersion });
  noteRevision(fiche);
  freshClassroom.value = fiche.id;
  return fiche as ClassroomFiche;
}

function takenLabels(uai: string): string[] {
  return auditOf(uai).classrooms.map((c) => c.data.label);
}

export function addClassroom(db: AuditDb, uai: string, campaign: string, author: Author) {
  const label = nextClassroomLabel(undefined, takenLabels(uai));
  return createClassroom(db, uai, campaign, author, makeClassroomData({ label }));
}

/** A new classroom with the equipment of `sourceId`, a following label, and nothing that belongs to one room only. */
export async function copyClassroom(db: AuditDb, sourceId: string, author: Author) {
  const source = await getFiche(db, sourceId);
  if (!source || source.kind !== 'classroom') throw new Error(`no classroom ${sourceId}`);
  const data: ClassroomData = structuredClone(source.data);
  data.label = nextClassroomLabel(source.data.label, takenLabels(source.uai));
  data.computer.inventoryTag = null;
  data.notes = '';
  return createClassroom(db, source.uai, source.campaign, author, data);
}

/** Back to the school, on its list of classrooms: the form commits itself as it closes. */
export function finishClassroom(uai: string): void {
  returnToClassrooms.value = uai;
  navigate({ screen: 'school', uai });
}

/** Commits the classroom being typed, then opens a copy of it for the next room. */
export async function finishAndCopy(db: AuditDb, commit: () => Promise<void>, id: string, author: Author): Promise<void> {
  await commit();
  const copy = await copyClassroom(db, id, author);
  navigate({ screen: 'classroom', uai: copy.uai, id: copy.id });
}

export async function deleteClassroom(db: AuditDb, id: string, author: Author): Promise<void> {
  const fiche = await deleteFiche(db, id, author);
  noteRevision(fiche);
  lastDeleted.value = { id, label: fiche.kind === 'classroom' ? fiche.data.label : '' };
}

export async function undoDelete(db: AuditDb, author: Author): Promise<void> {
  const deleted = lastDeleted.value;
  if (!deleted) return;
  lastDeleted.value = null;
  noteRevision(await restoreFiche(db, deleted.id, author));
}
