import { describe, expect, it } from 'vitest';
import { schoolFicheId } from '../../src/model/sync-protocol';
import { AuditDb } from '../../src/storage/db';
import { deleteFiche, InvalidRecordError, restoreFiche, saveRevision } from '../../src/storage/fiches';
import { listSchoolFiches } from '../../src/storage/fiche-queries';
import type { RevisionInput } from '../../src/storage/fiches';
import { writeDraft } from '../../src/storage/drafts';
import { makeClassroomData, makeSchoolData } from '../../src/model/make';
import type { Author } from '../../src/model/types';
import { freshDb } from '../support/db';

const author: Author = { name: 'Camille Martin', role: 'erun' };

function classroomInput(patch: Partial<RevisionInput<'classroom'>> = {}): RevisionInput<'classroom'> {
  return { id: crypto.randomUUID(), kind: 'classroom', uai: '0130569Y', campaign: '2026-2027', data: makeClassroomData(), author, ...patch };
}

describe('saveRevision', () => {
  it('writes the fiche and its outbox revision together', async () => {
    const db = freshDb();
    const fiche = await saveRevision(db, classroomInput({ data: makeClassroomData({ label: 'CM1 B' }) }));
    expect(await db.fiches.get(fiche.id)).toEqual(fiche);
    expect(await db.outbox.get(fiche.id)).toMatchObject({ id: fiche.id, rev: 1, record: fiche });
  });

  it('grows rev by one per save and keeps only the latest unsent revision in the outbox', async () => {
    const db = freshDb();
    const input = classroomInput();
    await saveRevision(db, input);
    await saveRevision(db, { ...input, data: makeClassroomData({ pupils: 24 }) });
    const third = await saveRevision(db, { ...input, data: makeClassroomData({ pupils: 25 }) });
    expect(third.rev).toBe(3);
    expect(await db.outbox.toArray()).toEqual([expect.objectContaining({ id: input.id, rev: 3 })]);
  });

  it('keeps the time of the first revision on every later one, so that lists keep their order', async () => {
    const db = freshDb();
    const input = classroomInput();
    const first = await saveRevision(db, input, { now: new Date('2026-10-12T08:00:00Z') });
    const later = await saveRevision(db, { ...input, data: makeClassroomData({ pupils: 24 }) }, { now: new Date('2026-10-12T09:30:00Z') });
    expect(first.createdAt).toBe('2026-10-12T08:00:00.000Z');
    expect(later).toMatchObject({ rev: 2, createdAt: '2026-10-12T08:00:00.000Z', updatedAt: '2026-10-12T09:30:00.000Z' });
  });

  it('makes no revision when nothing changed', async () => {
    const db = freshDb();
    const input = classroomInput();
    await saveRevision(db, input);
    const again = await saveRevision(db, { ...input, data: makeClassroomData() });
    expect(again.rev).toBe(1);
  });

  it('leaves neither the fiche nor the revision when the transaction fails', async () => {
    const db = freshDb();
    const input = classroomInput();
    await saveRevision(db, input);
    db.outbox.hook('updating', () => {
      throw new Error('disque plein');
    });
    await expect(saveRevision(db, { ...input, data: makeClassroomData({ pupils: 12 }) })).rejects.toThrow('disque plein');
    expect((await db.fiches.get(input.id))?.rev).toBe(1);
    expect((await db.fiches.get(input.id))?.data).toMatchObject({ pupils: null });
    expect(await db.outbox.get(input.id)).toMatchObject({ rev: 1 });
  });

  it('leaves nothing at all when the first save of a fiche fails', async () => {
    const db = freshDb();
    db.outbox.hook('creating', () => {
      throw new Error('quota dépassé');
    });
    const input = classroomInput();
    await expect(saveRevision(db, input)).rejects.toThrow('quota dépassé');
    expect(await db.fiches.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('refuses an invalid revision with French messages and writes nothing', async () => {
    const db = freshDb();
    const error = await saveRevision(db, classroomInput({ data: makeClassroomData({ pupils: 41 }) })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRecordError);
    expect((error as InvalidRecordError).errors[0]?.path).toBe('data.pupils');
    expect(await db.fiches.count()).toBe(0);
  });

  it('removes the draft in the same transaction when asked to', async () => {
    const db = freshDb();
    const input = classroomInput();
    await writeDraft(db, { id: input.id, kind: 'classroom', uai: input.uai, campaign: input.campaign, data: input.data, editedAt: new Date().toISOString() });
    await saveRevision(db, input, { clearDraft: true });
    expect(await db.drafts.count()).toBe(0);
  });

  it('keeps everything after the database is closed and opened again', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const first = new AuditDb(name);
    const fiche = await saveRevision(first, classroomInput());
    first.close();
    const second = new AuditDb(name);
    expect(await second.fiches.get(fiche.id)).toEqual(fiche);
    expect(await second.outbox.count()).toBe(1);
    await second.delete();
  });
});

describe('deleting a classroom', () => {
  it('writes a tombstone revision that is queued, and an undo that restores it', async () => {
    const db = freshDb();
    const input = classroomInput({ data: makeClassroomData({ label: 'CE2' }) });
    await saveRevision(db, input);
    const tombstone = await deleteFiche(db, input.id, author);
    expect(tombstone).toMatchObject({ rev: 2, deleted: true, data: { label: 'CE2' } });
    expect(await db.outbox.get(input.id)).toMatchObject({ rev: 2, record: { deleted: true } });

    const restored = await restoreFiche(db, input.id, author);
    expect(restored).toMatchObject({ rev: 3, deleted: false, data: { label: 'CE2' } });
    expect((await listSchoolFiches(db, '2026-2027', '0130569Y')).map((f) => f.rev)).toEqual([3]);
  });

  it('does not revive a deleted fiche when an edit is saved', async () => {
    const db = freshDb();
    const input = classroomInput();
    await saveRevision(db, input);
    await deleteFiche(db, input.id, author);
    expect(await saveRevision(db, { ...input, data: makeClassroomData({ pupils: 3 }) })).toMatchObject({ deleted: true, rev: 3 });
  });
});

describe('listSchoolFiches', () => {
  it('lists one school’s fiches of one campaign', async () => {
    const db = freshDb();
    await saveRevision(db, classroomInput());
    await saveRevision(db, { id: schoolFicheId('2026-2027', '0130569Y'), kind: 'school', uai: '0130569Y', campaign: '2026-2027', data: makeSchoolData(), author });
    await saveRevision(db, classroomInput({ uai: '0130541T' }));
    await saveRevision(db, classroomInput({ campaign: '2025-2026' }));
    expect((await listSchoolFiches(db, '2026-2027', '0130569Y')).map((f) => f.kind).sort()).toEqual(['classroom', 'school']);
  });
});
