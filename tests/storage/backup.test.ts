import { describe, expect, it } from 'vitest';
import { schoolFicheId } from '../../src/model/sync-protocol';
import { readBackup, type DeviceBackup } from '../../src/model/backup';
import { makeClassroomData, makeClassroomFiche, makeSchoolData } from '../../src/model/make';
import { REFERENTIAL_V1 } from '../../src/model/referential';
import type { Author, ClassroomFiche } from '../../src/model/types';
import type { AuditDb } from '../../src/storage/db';
import { exportBackup, importBackup } from '../../src/storage/backup';
import { deleteFiche, saveRevision, type RevisionInput } from '../../src/storage/fiches';
import { freshDb } from '../support/db';

const author: Author = { name: 'Camille Martin', role: 'erun' };
const DEVICE_A = '3f0c5e1a-8d2b-4c7e-9a10-1b2c3d4e5f60';
const settings: DeviceBackup['settings'] = { auditor: author, campaign: '2026-2027', referential: REFERENTIAL_V1 };
const at = (minute: number) => new Date(Date.UTC(2026, 10, 28, 9, minute));

function classroomInput(patch: Partial<RevisionInput<'classroom'>> = {}): RevisionInput<'classroom'> {
  return { id: crypto.randomUUID(), kind: 'classroom', uai: '0130569Y', campaign: '2026-2027', data: makeClassroomData(), author, ...patch };
}

const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);

async function contents(db: AuditDb) {
  return { fiches: (await db.fiches.toArray()).sort(byId), outbox: (await db.outbox.toArray()).sort(byId) };
}

/** What a tablet hands over: the export, written to a file and read back as the import screen does. */
async function handOver(db: AuditDb, deviceId = DEVICE_A, now = at(30)): Promise<DeviceBackup> {
  const reading = readBackup(JSON.stringify(await exportBackup(db, deviceId, settings, now)), now);
  if (!reading.ok) throw new Error(reading.message);
  return reading.backup;
}

function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([key, inner]) => [key, ...keysOf(inner)]);
  return [];
}

describe('exportBackup', () => {
  it('holds every fiche, the deleted ones too', async () => {
    const db = freshDb();
    const kept = await saveRevision(db, classroomInput({ data: makeClassroomData({ label: 'CP A' }) }), { now: at(1) });
    const gone = await saveRevision(db, classroomInput({ data: makeClassroomData({ label: 'CP B' }) }), { now: at(2) });
    const tombstone = await deleteFiche(db, gone.id, author, at(3));
    const school = await saveRevision(db, { id: schoolFicheId('2026-2027', '0130569Y'), kind: 'school', uai: '0130569Y', campaign: '2026-2027', data: makeSchoolData({ classesCount: 2 }), author }, { now: at(4) });
    const backup = await exportBackup(db, DEVICE_A, settings, at(5));
    expect(backup.fiches.sort(byId)).toEqual([kept, tombstone, school].sort(byId));
    expect(backup.fiches.find((f) => f.id === gone.id)).toMatchObject({ deleted: true, rev: 2 });
  });

  it('lists the unsent revisions as id and rev, and not the acknowledged ones', async () => {
    const db = freshDb();
    const sent = await saveRevision(db, classroomInput(), { now: at(1) });
    const input = classroomInput();
    await saveRevision(db, input, { now: at(2) });
    const edited = await saveRevision(db, { ...input, data: makeClassroomData({ pupils: 22 }) }, { now: at(3) });
    await db.outbox.delete(sent.id); // the server acknowledged it
    const backup = await exportBackup(db, DEVICE_A, settings, at(4));
    expect(backup.unsent).toEqual([{ id: edited.id, rev: 2 }]);
    expect(backup.fiches.map((f) => f.id).sort()).toEqual([sent.id, edited.id].sort());
  });

  it('says what it is, which device made it and when', async () => {
    const backup = await exportBackup(freshDb(), DEVICE_A, settings, at(7));
    expect(backup).toMatchObject({ format: 'tne13-etat-des-lieux/sauvegarde', version: 1, deviceId: DEVICE_A, exportedAt: '2026-11-28T09:07:00.000Z' });
  });

  it('carries the settings it is given', async () => {
    const backup = await exportBackup(freshDb(), DEVICE_A, settings, at(7));
    expect(backup.settings).toEqual(settings);
  });

  it('never writes a token anywhere in the file', async () => {
    const db = freshDb();
    await saveRevision(db, classroomInput(), { now: at(1) });
    const text = JSON.stringify(await exportBackup(db, DEVICE_A, settings, at(2)));
    expect(keysOf(JSON.parse(text)).map((k) => k.toLowerCase())).not.toContain('token');
    expect(text.toLowerCase()).not.toContain('token');
  });

  it('makes a file that reads back to the same fiches and unsent revisions', async () => {
    const db = freshDb();
    const input = classroomInput({ data: makeClassroomData({ label: 'CM1 B', pupils: 24, levels: ['CM1'] }) });
    await saveRevision(db, input, { now: at(1) });
    await saveRevision(db, { ...input, data: { ...input.data, notes: 'Salle au 1er étage' } }, { now: at(2) });
    const other = await saveRevision(db, classroomInput(), { now: at(3) });
    await deleteFiche(db, other.id, author, at(4));
    const exported = await exportBackup(db, DEVICE_A, settings, at(5));
    const reading = readBackup(JSON.stringify(exported), at(5));
    expect(reading.ok).toBe(true);
    if (!reading.ok) return;
    expect(reading.backup.fiches).toEqual(exported.fiches);
    expect(reading.backup.fiches.sort(byId)).toEqual((await db.fiches.toArray()).sort(byId));
    expect(reading.backup.unsent).toEqual(exported.unsent);
    expect(reading.backup.settings).toEqual(settings);
  });
});

describe('importBackup', () => {
  it('gives a fresh device the same fiches, and queues the revisions the source had not sent', async () => {
    const source = freshDb();
    const unsent = await saveRevision(source, classroomInput({ data: makeClassroomData({ label: 'CE1' }) }), { now: at(1) });
    const sent = await saveRevision(source, classroomInput({ data: makeClassroomData({ label: 'CE2' }) }), { now: at(2) });
    await source.outbox.delete(sent.id);
    const backup = await handOver(source);

    const target = freshDb();
    const result = await importBackup(target, backup, at(40));
    expect((await target.fiches.toArray()).sort(byId)).toEqual([unsent, sent].sort(byId));
    expect(await target.outbox.toArray()).toEqual([{ id: unsent.id, rev: 1, record: unsent, queuedAt: at(40).toISOString(), importedFrom: backup.deviceId }]);
    expect(result.added).toBe(2);
    expect(result.take.sort(byId)).toEqual([unsent, sent].sort(byId));
    expect(result.skipped).toEqual([]);
    expect(result.conflicts).toEqual([]);
  });

  it('stores a fiche the source had already sent without queuing it again', async () => {
    const fiche = makeClassroomFiche({ rev: 2, updatedAt: at(1).toISOString() });
    const backup: DeviceBackup = { format: 'tne13-etat-des-lieux/sauvegarde', version: 1, exportedAt: at(2).toISOString(), deviceId: DEVICE_A, fiches: [fiche], unsent: [], settings };
    const target = freshDb();
    await importBackup(target, backup, at(3));
    expect(await target.fiches.get(fiche.id)).toEqual(fiche);
    expect(await target.outbox.count()).toBe(0);
  });

  it('changes nothing when the same backup is imported twice', async () => {
    const source = freshDb();
    const input = classroomInput();
    await saveRevision(source, input, { now: at(1) });
    await saveRevision(source, { ...input, data: makeClassroomData({ pupils: 18 }) }, { now: at(2) });
    await saveRevision(source, classroomInput(), { now: at(3) });
    const backup = await handOver(source);

    const target = freshDb();
    await importBackup(target, backup, at(40));
    const before = await contents(target);
    const again = await importBackup(target, backup, at(50));
    expect(again.added).toBe(0);
    expect(again.take).toEqual([]);
    expect(again.conflicts).toEqual([]);
    expect(again.skipped.sort(byId)).toEqual([...backup.fiches].sort(byId));
    expect(await contents(target)).toEqual(before);
  });

  it('does not apply a backup fiche older than the one the device holds', async () => {
    const source = freshDb();
    const input = classroomInput({ data: makeClassroomData({ pupils: 10 }) });
    await saveRevision(source, input, { now: at(1) });
    await saveRevision(source, { ...input, data: makeClassroomData({ pupils: 11 }) }, { now: at(2) });
    const backup = await handOver(source); // rev 2, unsent

    const target = freshDb();
    await importBackup(target, backup, at(40));
    await saveRevision(target, { ...input, data: makeClassroomData({ pupils: 12 }) }, { now: at(41) });
    const before = await contents(target);
    expect(before.fiches).toEqual([expect.objectContaining({ rev: 3 })]);

    const result = await importBackup(target, backup, at(50));
    expect(result.take).toEqual([]);
    expect(result.skipped.map((f) => f.rev)).toEqual([2]);
    expect(await contents(target)).toEqual(before);
    expect((await target.fiches.get(input.id))?.data).toMatchObject({ pupils: 12 });
  });

  it('replaces an older revision with the backup one and queues it when the source had not sent it', async () => {
    const target = freshDb();
    const input = classroomInput({ data: makeClassroomData({ pupils: 10 }) });
    const local = (await saveRevision(target, input, { now: at(1) })) as ClassroomFiche;
    await target.outbox.delete(local.id); // this device's revision was acknowledged by the server
    const newer: ClassroomFiche = { ...local, rev: 2, updatedAt: at(2).toISOString(), data: makeClassroomData({ pupils: 14 }) };
    const backup: DeviceBackup = { format: 'tne13-etat-des-lieux/sauvegarde', version: 1, exportedAt: at(3).toISOString(), deviceId: DEVICE_A, fiches: [newer], unsent: [{ id: newer.id, rev: 2 }], settings };

    const result = await importBackup(target, backup, at(4));
    expect(result).toMatchObject({ take: [newer], added: 0 });
    expect(await target.fiches.get(input.id)).toEqual(newer);
    expect(await target.outbox.toArray()).toEqual([{ id: newer.id, rev: 2, record: newer, queuedAt: at(4).toISOString(), importedFrom: DEVICE_A }]);
  });

  it('keeps an edit made here and not yet sent, even against a higher revision, and reports the conflict', async () => {
    const target = freshDb();
    const input = classroomInput({ data: makeClassroomData({ pupils: 30 }) });
    const mine = (await saveRevision(target, input, { now: at(1) })) as ClassroomFiche;
    const theirs: ClassroomFiche = { ...mine, rev: 3, updatedAt: at(2).toISOString(), data: makeClassroomData({ pupils: 21 }) };
    const backup: DeviceBackup = { format: 'tne13-etat-des-lieux/sauvegarde', version: 1, exportedAt: at(3).toISOString(), deviceId: DEVICE_A, fiches: [theirs], unsent: [{ id: theirs.id, rev: 3 }], settings };
    const before = await contents(target);

    const result = await importBackup(target, backup, at(4));
    expect(result).toMatchObject({ take: [], conflicts: [theirs], added: 0 });
    expect(await contents(target)).toEqual(before);
  });

  it('takes a newer backup from the same device over the revision an older backup of it queued', async () => {
    const target = freshDb();
    const first = makeClassroomFiche({ rev: 2, updatedAt: at(1).toISOString() });
    const backupOf = (fiche: typeof first): DeviceBackup => ({ format: 'tne13-etat-des-lieux/sauvegarde', version: 1, exportedAt: at(5).toISOString(), deviceId: DEVICE_A, fiches: [fiche], unsent: [{ id: fiche.id, rev: fiche.rev }], settings });
    await importBackup(target, backupOf(first), at(2));
    const later = { ...first, rev: 3, updatedAt: at(3).toISOString(), data: makeClassroomData({ pupils: 12 }) };
    const result = await importBackup(target, backupOf(later), at(4));
    expect(result).toMatchObject({ take: [later], conflicts: [] });
    expect(await target.outbox.get(later.id)).toMatchObject({ rev: 3, importedFrom: DEVICE_A });
  });

  it('keeps the device copy of a revision held with other content and reports it as a conflict', async () => {
    const target = freshDb();
    const local = (await saveRevision(target, classroomInput({ data: makeClassroomData({ label: 'CM1 A' }) }), { now: at(1) })) as ClassroomFiche;
    const other: ClassroomFiche = { ...local, author: { name: 'Dominique Roux', role: 'technicien' }, data: makeClassroomData({ label: 'CM1 B' }) };
    const backup: DeviceBackup = { format: 'tne13-etat-des-lieux/sauvegarde', version: 1, exportedAt: at(3).toISOString(), deviceId: DEVICE_A, fiches: [other], unsent: [{ id: other.id, rev: 1 }], settings };
    const before = await contents(target);

    const result = await importBackup(target, backup, at(4));
    expect(result).toMatchObject({ take: [], skipped: [], conflicts: [other], added: 0 });
    expect(await contents(target)).toEqual(before);
  });

  it('writes nothing of the import when the transaction fails midway', async () => {
    const source = freshDb();
    await saveRevision(source, classroomInput(), { now: at(1) });
    await saveRevision(source, classroomInput(), { now: at(2) });
    const backup = await handOver(source);

    const target = freshDb();
    const mine = await saveRevision(target, classroomInput({ data: makeClassroomData({ label: 'Salle 12' }) }), { now: at(3) });
    const before = await contents(target);
    target.outbox.hook('creating', () => {
      throw new Error('disque plein');
    });
    await expect(importBackup(target, backup, at(40))).rejects.toThrow('disque plein');
    expect(await contents(target)).toEqual(before);
    expect(await target.fiches.toArray()).toEqual([mine]);
  });
});

describe('hand-over between two tablets', () => {
  it('gives tablet B the fiches of tablet A and the revisions A had not sent', async () => {
    const a = freshDb();
    const cp = classroomInput({ data: makeClassroomData({ label: 'CP', levels: ['CP'], pupils: 21 }) });
    const ce1 = classroomInput({ data: makeClassroomData({ label: 'CE1', levels: ['CE1'], pupils: 23 }) });
    const cm2 = classroomInput({ data: makeClassroomData({ label: 'CM2', levels: ['CM2'], pupils: 27 }) });
    await saveRevision(a, cp, { now: at(1) });
    await saveRevision(a, ce1, { now: at(2) });
    await saveRevision(a, cm2, { now: at(3) });
    await saveRevision(a, { ...ce1, data: { ...ce1.data, pupils: 24 } }, { now: at(4) });
    await saveRevision(a, { ...ce1, data: { ...ce1.data, pupils: 24, display: { type: 'vpi', condition: 'working', year: 2019, sizeInches: 80 } } }, { now: at(5) });
    await deleteFiche(a, cm2.id, author, at(6));
    const onA = await contents(a);
    expect(onA.fiches.map(({ id, rev, deleted }) => ({ id, rev, deleted })).sort(byId)).toEqual(
      [{ id: cp.id, rev: 1, deleted: false }, { id: ce1.id, rev: 3, deleted: false }, { id: cm2.id, rev: 2, deleted: true }].sort(byId),
    );

    const b = freshDb();
    const result = await importBackup(b, await handOver(a), at(45));
    const onB = await contents(b);
    expect(result.added).toBe(3);
    expect(onB.fiches).toEqual(onA.fiches);
    expect(onB.outbox.map(({ id, rev, record }) => ({ id, rev, record }))).toEqual(onA.outbox.map(({ id, rev, record }) => ({ id, rev, record })));
    expect(onB.outbox.every((entry) => entry.queuedAt === at(45).toISOString())).toBe(true);
  });

  it("hands over only what A had not yet sent, and B's later backup brings nothing new back to A", async () => {
    const a = freshDb();
    const sent = await saveRevision(a, classroomInput({ data: makeClassroomData({ label: 'CP' }) }), { now: at(1) });
    const pending = await saveRevision(a, classroomInput({ data: makeClassroomData({ label: 'CE1' }) }), { now: at(2) });
    await a.outbox.delete(sent.id); // A met the network once

    const b = freshDb();
    await importBackup(b, await handOver(a), at(40));
    expect((await b.outbox.toArray()).map(({ id, rev }) => ({ id, rev }))).toEqual([{ id: pending.id, rev: 1 }]);

    const beforeOnA = await contents(a);
    const back = await importBackup(a, await handOver(b, crypto.randomUUID(), at(50)), at(55));
    expect(back).toMatchObject({ take: [], conflicts: [], added: 0 });
    expect(await contents(a)).toEqual(beforeOnA);
  });
});
