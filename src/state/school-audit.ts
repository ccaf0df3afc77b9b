// Actions of the school screen and of the classroom form: classrooms added, copied, deleted and restored, and the
// loop from one classroom to the next (finish, or finish and copy for the next room).
import { signal } from '@preact/signals';
import { deleteFiche, restoreFiche, saveRevision } from '../storage/fiches';
import { getFiche } from '../storage/fiche-queries';
import { makeClassroomData } from '../model/make';
import { nextClassroomLabel } from '../model/classroom-label';
import type { ClassroomData, ClassroomFiche } from '../model/types';
import { auditOf } from './audits';
import { deviceDb } from './device-db';
import { referential } from './referential';
import { navigate } from './route';
import { campaign, currentAuthor } from './session';

/** The classroom just deleted, while its undo is offered. */
export const lastDeleted = signal<{ id: string; label: string } | null>(null);

/** A classroom just created: its form opens with its proposed name selected, replaced by the first keystroke. */
export const freshClassroom = signal<string | null>(null);

/** Set when a classroom is finished: the school screen opens on its list of classrooms, focused. */
export const returnToClassrooms = signal<string | null>(null);

// The store announces every revision saved here to the campaign's fiches and the gaps (storage/saved.ts).
async function createClassroom(uai: string, ficheCampaign: string, data: ClassroomData) {
  const referentialVersion = referential.value.version;
  const input = { id: crypto.randomUUID(), kind: 'classroom' as const, uai, campaign: ficheCampaign, data, author: currentAuthor(), referentialVersion };
  const fiche = await saveRevision(deviceDb(), input);
  freshClassroom.value = fiche.id;
  return fiche as ClassroomFiche;
}

function takenLabels(uai: string): string[] {
  return auditOf(uai).classrooms.map((c) => c.data.label);
}

/** A new classroom of the campaign in progress. */
export function addClassroom(uai: string) {
  const label = nextClassroomLabel(undefined, takenLabels(uai));
  return createClassroom(uai, campaign.value, makeClassroomData({ label }));
}

/** A new classroom with the equipment of `sourceId`, a following label, and nothing that belongs to one room only. */
export async function copyClassroom(sourceId: string) {
  const source = await getFiche(deviceDb(), sourceId);
  if (!source || source.kind !== 'classroom') throw new Error(`no classroom ${sourceId}`);
  const data: ClassroomData = structuredClone(source.data);
  data.label = nextClassroomLabel(source.data.label, takenLabels(source.uai));
  data.computer.inventoryTag = null;
  data.notes = '';
  return createClassroom(source.uai, source.campaign, data);
}

/** Back to the school, on its list of classrooms: the form commits itself as it closes. */
export function finishClassroom(uai: string): void {
  returnToClassrooms.value = uai;
  navigate({ screen: 'school', uai });
}

/** Commits the classroom being typed, then opens a copy of it for the next room. */
export async function finishAndCopy(commit: () => Promise<void>, id: string): Promise<void> {
  await commit();
  const copy = await copyClassroom(id);
  navigate({ screen: 'classroom', uai: copy.uai, id: copy.id });
}

export async function deleteClassroom(id: string): Promise<void> {
  const fiche = await deleteFiche(deviceDb(), id, currentAuthor());
  lastDeleted.value = { id, label: fiche.kind === 'classroom' ? fiche.data.label : '' };
}

export async function undoDelete(): Promise<void> {
  const deleted = lastDeleted.value;
  if (!deleted) return;
  lastDeleted.value = null;
  await restoreFiche(deviceDb(), deleted.id, currentAuthor());
}
