import { describe, expect, it } from 'vitest';
import { BACKUP_FORMAT, BACKUP_VERSION, planImport, readBackup, type DeviceBackup } from '../../src/model/backup';
import { makeClassroomFiche, makeSchoolFiche } from '../../src/model/make';
import { REFERENTIAL_V1 } from '../../src/model/referential';
import type { Fiche } from '../../src/model/types';

const NOW = new Date('2026-11-28T10:00:00.000Z');
const NOTHING_IMPORTED = "Rien n'a été importé.";

function backupOf(fiches: Fiche[], patch: Partial<DeviceBackup> = {}): DeviceBackup {
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: NOW.toISOString(),
    deviceId: '3f0c5e1a-8d2b-4c7e-9a10-1b2c3d4e5f60',
    fiches,
    unsent: fiches.map(({ id, rev }) => ({ id, rev })),
    settings: { auditor: { name: 'Camille Martin', role: 'erun' }, campaign: '2026-2027', referential: null },
    ...patch,
  };
}

/** Reads a file expected to be refused, and returns the French message. */
function refusal(text: string, now: Date = NOW): string {
  const reading = readBackup(text, now);
  if (reading.ok) throw new Error('the file was accepted');
  return reading.message;
}

describe('readBackup', () => {
  it('refuses a file that is not JSON, saying so in French', () => {
    const message = refusal('{"format": "tne13-etat-des-lieux/sauvegarde", ');
    expect(message).toContain("n'est pas du JSON valide");
    expect(message.endsWith(NOTHING_IMPORTED)).toBe(true);
  });

  it('refuses an empty file as not JSON', () => {
    expect(refusal('')).toContain("n'est pas du JSON valide");
  });

  it.each([
    ['an empty object', {}],
    ['an array', []],
    ['null', null],
    ['a string', 'sauvegarde'],
    ['a sync request', { protocol: 1, deviceId: 'd', batchId: 'b', records: [] }],
  ])('refuses %s as a format it does not recognise', (_name, json) => {
    const message = refusal(JSON.stringify(json));
    expect(message).toContain('format non reconnu');
    expect(message.endsWith(NOTHING_IMPORTED)).toBe(true);
  });

  it('refuses a backup of another format name', () => {
    const other = { ...backupOf([makeClassroomFiche()]), format: 'autre-application/sauvegarde' };
    expect(refusal(JSON.stringify(other))).toContain('format non reconnu');
  });

  it('refuses a backup of another version', () => {
    const newer = { ...backupOf([makeClassroomFiche()]), version: BACKUP_VERSION + 1 };
    expect(refusal(JSON.stringify(newer))).toContain('format non reconnu');
  });

  it('refuses a backup that lacks its list of unsent revisions', () => {
    const { unsent: _unsent, ...withoutUnsent } = backupOf([makeClassroomFiche()]);
    expect(refusal(JSON.stringify(withoutUnsent))).toContain('format non reconnu');
  });

  it('refuses the whole file when one classroom has 41 pupils, naming the fiche and the field', () => {
    const good = makeClassroomFiche({ data: { label: 'CP A' } });
    const bad = makeClassroomFiche({ data: { label: 'CM2 B', pupils: 41 } });
    const message = refusal(JSON.stringify(backupOf([good, bad])));
    expect(message).toContain('Fiche n° 2');
    expect(message).toContain(bad.id);
    expect(message).not.toContain(good.id);
    expect(message).toContain("Nombre d'élèves");
    expect(message.endsWith(NOTHING_IMPORTED)).toBe(true);
  });

  it('refuses the whole file when one UAI has a wrong check letter, naming the fiche, the field and the right letter', () => {
    const bad = makeSchoolFiche({ uai: '0130569A' });
    const message = refusal(JSON.stringify(backupOf([makeClassroomFiche(), makeClassroomFiche(), bad])));
    expect(message).toContain(`Fiche n° 3 (${bad.id})`);
    expect(message).toContain('UAI');
    expect(message).toContain('0130569Y');
    expect(message.endsWith(NOTHING_IMPORTED)).toBe(true);
  });

  it('refuses a fiche whose id is not a UUID', () => {
    const message = refusal(JSON.stringify(backupOf([makeClassroomFiche({ id: 'fiche-1' })])));
    expect(message).toContain('Fiche n° 1 (fiche-1)');
    expect(message).toContain('UUID');
  });

  it('refuses a record that is not an object without failing itself', () => {
    const message = refusal(JSON.stringify({ ...backupOf([]), fiches: [42] }));
    expect(message).toContain('Fiche n° 1');
    expect(message.endsWith(NOTHING_IMPORTED)).toBe(true);
  });

  it('judges years against the clock it is given', () => {
    const fiche = makeClassroomFiche({ data: { computer: { type: 'laptop', year: 2027 } } });
    const text = JSON.stringify(backupOf([fiche]));
    expect(readBackup(text, new Date('2026-12-31T12:00:00.000Z')).ok).toBe(false);
    expect(readBackup(text, new Date('2027-01-02T12:00:00.000Z')).ok).toBe(true);
  });

  it('refuses an unsent revision that names no fiche of the file', () => {
    const fiche = makeClassroomFiche();
    const stray = '0b7c4a52-3d1e-4f6a-8b9c-0d1e2f3a4b5c';
    const message = refusal(JSON.stringify(backupOf([fiche], { unsent: [{ id: fiche.id, rev: 1 }, { id: stray, rev: 1 }] })));
    expect(message).toContain(stray);
    expect(message.endsWith(NOTHING_IMPORTED)).toBe(true);
  });

  it('refuses an unsent revision that names another revision of a fiche of the file', () => {
    const fiche = makeClassroomFiche({ rev: 3 });
    const message = refusal(JSON.stringify(backupOf([fiche], { unsent: [{ id: fiche.id, rev: 2 }] })));
    expect(message).toContain(fiche.id);
    expect(message).toContain('révision 2');
    expect(message.endsWith(NOTHING_IMPORTED)).toBe(true);
  });

  it('gives back the fiches, the unsent revisions and the settings of a valid file', () => {
    const school = makeSchoolFiche({ rev: 2, data: { classesCount: 6 } });
    const classroom = makeClassroomFiche({ rev: 4, data: { label: 'CM1 B', pupils: 24 } });
    const tombstone = makeClassroomFiche({ rev: 2, deleted: true });
    const backup = backupOf([school, classroom, tombstone], {
      unsent: [{ id: classroom.id, rev: 4 }],
      settings: { auditor: { name: 'Camille Martin', role: 'erun' }, campaign: '2026-2027', referential: REFERENTIAL_V1 },
    });
    const reading = readBackup(JSON.stringify(backup), NOW);
    expect(reading).toEqual({ ok: true, backup });
  });

  it('accepts a backup with no fiche at all', () => {
    const reading = readBackup(JSON.stringify(backupOf([])), NOW);
    expect(reading.ok && reading.backup.fiches).toEqual([]);
  });

  it('trims the text of the fiches it reads, as every entry point does', () => {
    const fiche = makeClassroomFiche({ data: { label: '  CM1 B  ' } });
    const reading = readBackup(JSON.stringify(backupOf([fiche])), NOW);
    expect(reading.ok && reading.backup.fiches[0]?.data).toMatchObject({ label: 'CM1 B' });
  });
});

describe('planImport', () => {
  const held = (...fiches: Fiche[]) => new Map(fiches.map((f) => [f.id, f]));

  it('takes a fiche the device does not hold', () => {
    const fiche = makeClassroomFiche();
    expect(planImport([fiche], held(makeClassroomFiche()))).toEqual({ take: [fiche], skipped: [], conflicts: [] });
  });

  it('takes a higher revision than the one the device holds', () => {
    const local = makeClassroomFiche({ rev: 2, data: { pupils: 20 } });
    const incoming = { ...local, rev: 3, data: { ...local.data, pupils: 22 } };
    expect(planImport([incoming], held(local))).toEqual({ take: [incoming], skipped: [], conflicts: [] });
  });

  it('skips the revision the device already holds with the same content', () => {
    const local = makeClassroomFiche({ rev: 2 });
    const incoming = structuredClone(local);
    expect(planImport([incoming], held(local))).toEqual({ take: [], skipped: [incoming], conflicts: [] });
  });

  it('never replaces a higher revision held by the device, whatever the content', () => {
    const local = makeClassroomFiche({ rev: 5, data: { pupils: 25 } });
    const older = { ...local, rev: 4, data: { ...local.data, pupils: 12 } };
    expect(planImport([older], held(local))).toEqual({ take: [], skipped: [older], conflicts: [] });
  });

  it('lists as a conflict the same revision held with other content', () => {
    const local = makeClassroomFiche({ rev: 2, data: { label: 'CM1 A' } });
    const other = { ...local, data: { ...local.data, label: 'CM1 B' } };
    expect(planImport([other], held(local))).toEqual({ take: [], skipped: [], conflicts: [other] });
  });

  it('sees a conflict when only the envelope differs (another author of the same revision)', () => {
    const local = makeClassroomFiche({ rev: 2 });
    const other: Fiche = { ...local, author: { name: 'Dominique Roux', role: 'technicien' } };
    expect(planImport([other], held(local)).conflicts).toEqual([other]);
  });

  it('sorts each fiche of a mixed backup into take, skipped or conflicts', () => {
    const fresh = makeClassroomFiche();
    const newer = makeClassroomFiche({ rev: 3 });
    const same = makeSchoolFiche({ rev: 1 });
    const older = makeClassroomFiche({ rev: 1 });
    const clash = makeClassroomFiche({ rev: 2, data: { notes: 'ici' } });
    const device = held(
      { ...newer, rev: 2 },
      same,
      { ...older, rev: 2 },
      { ...clash, data: { ...clash.data, notes: 'là' } },
    );
    expect(planImport([fresh, newer, same, older, clash], device)).toEqual({ take: [fresh, newer], skipped: [same, older], conflicts: [clash] });
  });

  it('does not change the fiches it is given nor what the device holds', () => {
    const local = makeClassroomFiche({ rev: 1 });
    const incoming = { ...local, rev: 2 };
    const device = held(local);
    const before = structuredClone({ incoming, device: [...device] });
    planImport([incoming], device);
    expect({ incoming, device: [...device] }).toEqual(before);
  });
});

describe('readBackup, on files that could only have been tampered with', () => {
  const valid = () => JSON.parse(JSON.stringify({ format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: '2026-11-28T10:00:00.000Z', deviceId: 'tablette', fiches: [], unsent: [], settings: { auditor: null, campaign: null, referential: null } })) as Record<string, unknown>;

  it('refuses a null record with a French message instead of failing', () => {
    const result = readBackup(JSON.stringify({ ...valid(), fiches: [null] }));
    expect(result).toMatchObject({ ok: false });
    expect(!result.ok && result.message).toMatch(/^Fiche n° 1 invalide : .*Rien n'a été importé\.$/);
  });

  it('refuses a file that holds one fiche twice', () => {
    const fiche = makeClassroomFiche({ rev: 3 });
    const older = { ...fiche, rev: 2 };
    const result = readBackup(JSON.stringify({ ...valid(), fiches: [fiche, older], unsent: [{ id: fiche.id, rev: 2 }] }), new Date('2026-11-28T12:00:00Z'));
    expect(result).toEqual({ ok: false, message: `La fiche ${fiche.id} figure deux fois dans le fichier (fiche n° 2) : une sauvegarde n'en contient qu'une. Rien n'a été importé.` });
  });
});
