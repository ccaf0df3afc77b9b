// The store announces the revisions it wrote once their transaction has committed, and nothing else.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exportBackup, importBackup } from '../../src/storage/backup';
import type { AuditDb } from '../../src/storage/db';
import { deleteFiche, saveRevision, type RevisionInput } from '../../src/storage/fiches';
import { onSaved } from '../../src/storage/saved';
import { readBackup } from '../../src/model/backup';
import { makeClassroomData } from '../../src/model/make';
import type { Author, Fiche } from '../../src/model/types';
import { freshDb } from '../support/db';

const author: Author = { name: 'Camille Martin', role: 'erun' };
const stops: Array<() => void> = [];
afterEach(() => stops.splice(0).forEach((stop) => stop()));

function classroomInput(patch: Partial<RevisionInput<'classroom'>> = {}): RevisionInput<'classroom'> {
  return { id: crypto.randomUUID(), kind: 'classroom', uai: '0130569Y', campaign: '2026-2027', data: makeClassroomData(), author, ...patch };
}

/** Every announce from now on, with what a fresh read of the same database held at that moment. */
function listen() {
  const heard: Array<{ fiches: readonly Fiche[]; db: AuditDb; onDisk: Promise<Array<Fiche | undefined>> }> = [];
  stops.push(onSaved((fiches, db) => heard.push({ fiches, db, onDisk: db.fiches.bulkGet(fiches.map((f) => f.id)) })));
  return heard;
}

describe('the announce of saved revisions', () => {
  it('announces a saved revision once it is on disk, with the database it went to', async () => {
    const heard = listen();
    const db = freshDb();
    const fiche = await saveRevision(db, classroomInput());
    expect(heard.map((h) => h.fiches)).toEqual([[fiche]]);
    expect(heard[0]?.db).toBe(db);
    expect(await heard[0]?.onDisk).toEqual([fiche]);
  });

  it('announces a deletion, which is a revision too', async () => {
    const db = freshDb();
    const { id } = await saveRevision(db, classroomInput());
    const heard = listen();
    const tombstone = await deleteFiche(db, id, author);
    expect(heard.map((h) => h.fiches)).toEqual([[tombstone]]);
  });

  it('announces nothing when nothing changed, since no revision was made', async () => {
    const db = freshDb();
    const input = classroomInput();
    await saveRevision(db, input);
    const heard = listen();
    await saveRevision(db, { ...input, data: makeClassroomData() });
    expect(heard).toEqual([]);
  });

  it('announces nothing when the transaction fails', async () => {
    const db = freshDb();
    const input = classroomInput();
    await saveRevision(db, input);
    db.outbox.hook('updating', () => {
      throw new Error('disque plein');
    });
    const heard = listen();
    await expect(saveRevision(db, { ...input, data: makeClassroomData({ pupils: 12 }) })).rejects.toThrow('disque plein');
    expect(heard).toEqual([]);
  });

  it('announces the fiches a backup brought as one batch, and nothing of a failed import', async () => {
    const source = freshDb();
    const fiches = [await saveRevision(source, classroomInput()), await saveRevision(source, classroomInput())];
    const reading = readBackup(JSON.stringify(await exportBackup(source, 'autre-tablette', { auditor: null, campaign: '2026-2027', referential: null })));
    if (!reading.ok) throw new Error(reading.message);
    const failing = freshDb();
    failing.outbox.hook('creating', () => {
      throw new Error('disque plein');
    });
    const heard = listen();
    await expect(importBackup(failing, reading.backup)).rejects.toThrow('disque plein');
    expect(heard).toEqual([]);

    const target = freshDb();
    await importBackup(target, reading.backup);
    expect(heard).toHaveLength(1);
    expect([...(heard[0]?.fiches ?? [])].sort((a, b) => a.id.localeCompare(b.id))).toEqual(fiches.sort((a, b) => a.id.localeCompare(b.id)));
  });

  it('keeps the save when a listener fails: the revision is on disk whatever the screens do with it', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    stops.push(onSaved(() => {
      throw new Error('écran cassé');
    }));
    const db = freshDb();
    const fiche = await saveRevision(db, classroomInput());
    expect(await db.fiches.get(fiche.id)).toEqual(fiche);
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
  });
});
