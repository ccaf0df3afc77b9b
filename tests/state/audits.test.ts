// The campaign's fiches follow what the device's database announces: no caller tells the state what it saved.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditOf, campaignFiches, loadCampaignFiches, onRevision } from '../../src/state/audits';
import { campaign } from '../../src/state/session';
import { saveRevision, type RevisionInput } from '../../src/storage/fiches';
import { makeClassroomData } from '../../src/model/make';
import type { Author, Fiche } from '../../src/model/types';
import { freshDb, freshDeviceDb } from '../support/db';

const author: Author = { name: 'Camille Martin', role: 'erun' };
const UAI = '0130569Y';
let db: ReturnType<typeof freshDeviceDb>;
let heard: Array<readonly Fiche[]>;
let stop: () => void;

beforeEach(async () => {
  db = freshDeviceDb();
  campaign.value = '2026-2027';
  await loadCampaignFiches();
  heard = [];
  stop = onRevision((fiches) => heard.push(fiches));
});
afterEach(() => stop());

function classroomInput(patch: Partial<RevisionInput<'classroom'>> = {}): RevisionInput<'classroom'> {
  return { id: crypto.randomUUID(), kind: 'classroom', uai: UAI, campaign: '2026-2027', data: makeClassroomData({ label: 'CM1 B' }), author, ...patch };
}

describe('the campaign’s fiches on this device', () => {
  it('take in a revision saved to the device’s database, and tell their listeners, without a hand call', async () => {
    const fiche = await saveRevision(db, classroomInput());
    expect(campaignFiches.value.get(fiche.id)).toEqual(fiche);
    expect(auditOf(UAI).classrooms.map((c) => c.data.label)).toEqual(['CM1 B']);
    expect(heard).toEqual([[fiche]]);
  });

  it('change nothing when the save fails', async () => {
    const input = classroomInput();
    await saveRevision(db, input);
    heard = [];
    db.outbox.hook('updating', () => {
      throw new Error('disque plein');
    });
    await expect(saveRevision(db, { ...input, data: makeClassroomData({ label: 'CM1 B', pupils: 12 }) })).rejects.toThrow('disque plein');
    expect(campaignFiches.value.get(input.id)?.data).toMatchObject({ pupils: null });
    expect(heard).toEqual([]);
  });

  it('leave out what another database or another campaign saved', async () => {
    await saveRevision(freshDb(), classroomInput());
    await saveRevision(db, classroomInput({ campaign: '2025-2026' }));
    expect(campaignFiches.value.size).toBe(0);
    expect(heard).toEqual([]);
  });
});
