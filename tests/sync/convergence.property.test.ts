// Random edits on three devices, synced with the real server in random orders (seeded): once every device stops
// editing, resolves what it holds "À arbitrer" and syncs, every device holds the server's heads, no outbox holds
// anything, and a field only one device changed ends with that device's last value (nothing lost, nothing invented).
import { afterEach, describe, expect, it } from 'vitest';
import { saveRevision, deleteFiche } from '../../src/storage/fiches';
import { listOutbox } from '../../src/storage/outbox';
import { heldFiche, resolveHeld } from '../../src/storage/heads';
import { runSync } from '../../src/sync/sync-run';
import type { AuditDb } from '../../src/storage/db';
import { makeClassroomData } from '../../src/model/make';
import { canonicalJson } from '../../src/model/sync-protocol';
import type { Author, ClassroomData, ClassroomFiche } from '../../src/model/types';
import { freshDb } from '../support/db';
import { createRandom, type Random } from '../fixtures/departement/prng';
import { makeTempDir, removeTempDir, startServer, type TestServer } from '../server/support';

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const UAI = '0134939Y';
const CAMPAIGN = '2026-2027';
const DEVICES = ['A', 'B', 'C'] as const;
const author = (name: string): Author => ({ name: `Tablette ${name}`, role: 'erun' });

/** The fields edited, each with a way to set it. */
const FIELDS: Record<string, (data: ClassroomData, random: Random) => [ClassroomData, unknown]> = {
  pupils: (d, r) => {
    const v = r.int(1, 30);
    return [{ ...d, pupils: v }, v];
  },
  notes: (d, r) => {
    const v = `note ${r.int(1, 1000)}`;
    return [{ ...d, notes: v }, v];
  },
  'display.year': (d, r) => {
    const v = r.int(2010, 2026);
    return [{ ...d, display: { ...d.display, year: v } }, v];
  },
};

/** Over every seed: the runs must reach merges and arbitrations, or the properties say nothing. */
const reached = { merged: 0, arbitrated: 0, sharedFields: 0 };

const at = (data: ClassroomData, field: string): unknown => (field === 'display.year' ? data.display.year : data[field as 'pupils' | 'notes']);

async function run(seed: number, steps: number) {
  const random = createRandom(seed);
  const dir = makeTempDir();
  cleanups.push(() => removeTempDir(dir));
  const s: TestServer = await startServer(`${dir}/tne13.sqlite`);
  cleanups.push(() => s.close());
  const endpoint = { url: `${s.url}/api/v1/sync`, token: s.token };
  const dbs = Object.fromEntries(DEVICES.map((d) => [d, freshDb()])) as Record<string, AuditDb>;
  const sync = async (name: string) => {
    const report = await runSync({ db: dbs[name] as AuditDb, endpoint, deviceId: name, campaign: CAMPAIGN, merger: { author: author(name), referentialVersion: '2026.1' } });
    reached.merged += report.merged;
    reached.arbitrated += report.arbitrated;
    return report;
  };
  const ids = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
  for (const [i, id] of ids.entries()) {
    await saveRevision(dbs.A as AuditDb, { id, kind: 'classroom', uai: UAI, campaign: CAMPAIGN, data: makeClassroomData({ label: `Classe ${i + 1}` }), author: author('A') });
  }
  for (const d of DEVICES) await sync(d);

  // Who wrote what: (fiche, field) → the devices that changed it, and each one's last value.
  const writes = new Map<string, Map<string, unknown>>();
  for (let step = 0; step < steps; step += 1) {
    const device = random.pick(DEVICES);
    const db = dbs[device] as AuditDb;
    if (random.chance(0.35)) {
      await sync(device);
      continue;
    }
    const id = random.pick(ids);
    const fiche = (await db.fiches.get(id)) as ClassroomFiche;
    if (random.chance(0.05) && !fiche.deleted) {
      await deleteFiche(db, id, author(device));
      continue;
    }
    const field = random.pick(Object.keys(FIELDS));
    const [data, value] = (FIELDS[field] as (typeof FIELDS)[string])(fiche.data, random);
    await saveRevision(db, { id, kind: 'classroom', uai: UAI, campaign: CAMPAIGN, data, author: author(device) });
    const key = `${id}/${field}`;
    if (!writes.has(key)) writes.set(key, new Map());
    (writes.get(key) as Map<string, unknown>).set(device, value);
  }
  // Everyone stops editing: each keeps its own version of what it holds "À arbitrer", and syncs until nothing moves.
  for (let round = 0; round < 4; round += 1) {
    for (const d of DEVICES) {
      const db = dbs[d] as AuditDb;
      await sync(d);
      for (const id of await db.arbitrations.toCollection().primaryKeys()) {
        const held = await heldFiche(db, id);
        const choices = Object.fromEntries((held?.conflicts ?? []).map((c) => [c.path, 'local' as const]));
        await resolveHeld(db, id, choices, { author: author(d), referentialVersion: '2026.1' });
      }
    }
  }
  for (const d of DEVICES) await sync(d);

  const states = await Promise.all(DEVICES.map(async (d) => (await (dbs[d] as AuditDb).fiches.toArray()).map((f) => canonicalJson({ id: f.id, deleted: f.deleted, data: f.data })).sort()));
  expect(states[1]).toEqual(states[0]);
  expect(states[2]).toEqual(states[0]);
  for (const d of DEVICES) {
    expect(await listOutbox(dbs[d] as AuditDb)).toEqual([]);
    expect(await (dbs[d] as AuditDb).arbitrations.count()).toBe(0);
  }
  const final = new Map((await (dbs.A as AuditDb).fiches.toArray()).map((f) => [f.id, f as ClassroomFiche]));
  for (const [key, byDevice] of writes) {
    const [id, field] = key.split('/') as [string, string];
    const value = at((final.get(id) as ClassroomFiche).data, field);
    // Nothing invented: the value is one some device wrote; nothing lost: a field one device alone changed keeps its value.
    expect([...byDevice.values()]).toContain(value);
    if (byDevice.size === 1) expect(value).toBe([...byDevice.values()][0]);
    else reached.sharedFields += 1;
  }
}

describe('random edits on three devices in random sync orders', () => {
  it.each([1, 2, 3, 4, 5])('converge and lose nothing (seed %i)', async (seed) => {
    await run(seed, 30);
  });

  it('reached merges, arbitrations and fields changed on several devices', () => {
    expect(reached.merged).toBeGreaterThan(0);
    expect(reached.arbitrated).toBeGreaterThan(0);
    expect(reached.sharedFields).toBeGreaterThan(0);
  });
});
