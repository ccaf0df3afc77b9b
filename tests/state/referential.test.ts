// The référentiels a device keeps (real IndexedDB, fake-indexeddb): the Département's, received from the real server
// at a sync (GET /api/v1/referential with its ETag), and a simulation made in "Paramètres", kept apart. Each is read
// back after a reload (the signals made again from what is stored).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { clear, set } from 'idb-keyval';
import {
  departementReferential,
  loadReferential,
  referential,
  resetReferential,
  saveReferential,
  simulation,
  simulationOutdated,
} from '../../src/state/referential';
import { receiveReferential } from '../../src/state/referential-received';
import { REFERENTIAL_V1, type Referential } from '../../src/model/referential';
import { fetchReferential, type Endpoint } from '../../src/sync/transport';
import { makeTempDir, removeTempDir, startServer, type TestServer } from '../server/support';

const RECEIVED_AT = new Date('2026-11-29T09:12:00.000Z');

/** What the app holds after a reload: the signals emptied, then loaded from storage. */
async function reload(): Promise<void> {
  departementReferential.value = { referential: REFERENTIAL_V1, receivedAt: null, etag: null };
  simulation.value = null;
  referential.value = REFERENTIAL_V1;
  await loadReferential();
}

const served = (version: string, maxAgeYears: number): Referential => ({ ...REFERENTIAL_V1, version, params: { ...REFERENTIAL_V1.params, maxAgeYears } });
const editable = ({ version: _v, rules: _r, assumptions: _a, ...rest }: Referential) => rest;

beforeEach(async () => {
  await clear();
  await reload();
});

describe('the Département’s référentiel on the device', () => {
  it('is v1 as shipped until one is received; a received version is in force and kept across a reload', async () => {
    expect([referential.value, departementReferential.value.receivedAt, simulation.value]).toEqual([REFERENTIAL_V1, null, null]);

    expect(await receiveReferential(JSON.parse(JSON.stringify(served('2026.2', 6))), '"e2"', RECEIVED_AT)).toBe('adopted');
    expect([referential.value.version, referential.value.params.maxAgeYears]).toEqual(['2026.2', 6]);
    await reload();
    expect(departementReferential.value).toEqual({ referential: served('2026.2', 6), receivedAt: RECEIVED_AT.toISOString(), etag: '"e2"' });
    expect(referential.value.version).toBe('2026.2');
    // Received again (an ETag lost): nothing to compute again, the first reception's time kept.
    expect(await receiveReferential(served('2026.2', 6), '"e2bis"', new Date('2026-12-01T00:00:00.000Z'))).toBe('unchanged');
    expect(departementReferential.value.receivedAt).toBe(RECEIVED_AT.toISOString());
  });

  it('keeps what it has when the server answers something it cannot read, or a simulation’s version', async () => {
    await receiveReferential(served('2026.2', 6), '"e2"', RECEIVED_AT);
    for (const body of [{ ...served('2026.3', 40) }, { ...served('2026.3', 6), version: '2026.3-local.1' }, 'référentiel', null]) {
      expect(await receiveReferential(body, '"x"', RECEIVED_AT)).toBe('invalid');
    }
    await reload();
    expect(referential.value.version).toBe('2026.2');
  });
});

describe('a simulation', () => {
  it('is a local version kept apart from the Département’s: computations use it until the user goes back', async () => {
    await receiveReferential(served('2026.2', 6), '"e2"', RECEIVED_AT);
    const saved = await saveReferential({ ...editable(referential.value), params: { ...referential.value.params, minRamGb: 4 } });
    expect(saved.version).toBe('2026.2-local.1');
    await reload();
    expect([referential.value.version, referential.value.params.minRamGb, departementReferential.value.referential.version]).toEqual(['2026.2-local.1', 4, '2026.2']);
    expect(simulationOutdated.value).toBe(false);
    expect((await saveReferential(editable(referential.value))).version).toBe('2026.2-local.2');

    // A new version of the Département: kept, but the simulation stays in force and says it started from an older one.
    expect(await receiveReferential(served('2026.3', 7), '"e3"', RECEIVED_AT)).toBe('adopted');
    expect([referential.value.version, departementReferential.value.referential.version, simulationOutdated.value]).toEqual(['2026.2-local.2', '2026.3', true]);
    await reload();
    expect([referential.value.version, simulationOutdated.value]).toEqual(['2026.2-local.2', true]);

    await resetReferential();
    expect([referential.value.version, referential.value.params.maxAgeYears, simulation.value]).toEqual(['2026.3', 7, null]);
    await reload();
    expect([referential.value.version, simulation.value]).toEqual(['2026.3', null]);
  });

  it('is what an earlier version of the app kept after an edit; v1 kept there after "Rétablir" is none', async () => {
    await set('referential', { ...REFERENTIAL_V1, version: '2026.1-local.2', params: { ...REFERENTIAL_V1.params, classesPerGroup: 3 } });
    await reload();
    expect([referential.value.version, referential.value.params.classesPerGroup, simulation.value?.version]).toEqual(['2026.1-local.2', 3, '2026.1-local.2']);
    await set('referential', REFERENTIAL_V1);
    await reload();
    expect([referential.value, simulation.value]).toEqual([REFERENTIAL_V1, null]);
  });
});

describe('taking the référentiel from the real server', () => {
  let dir: string;
  let server: TestServer;
  beforeEach(async () => {
    dir = makeTempDir();
    server = await startServer(join(dir, 'tne13.sqlite'), { now: () => RECEIVED_AT });
  });
  afterEach(async () => {
    await server.close();
    removeTempDir(dir);
  });

  it('asks with the ETag held: unchanged while nothing is published, the new version once one is', async () => {
    const endpoint: Endpoint = { url: `${server.url}/api/v1/sync`, token: await server.makeToken('Tablette', { role: 'auditeur' }) };
    const first = await fetchReferential(endpoint, null);
    if (first.kind !== 'answered') throw new Error(`answered expected, got ${first.kind}`);
    // The server's default is v1, as shipped: nothing new to compute with.
    expect(await receiveReferential(first.body, first.etag, RECEIVED_AT)).toBe('unchanged');
    expect(departementReferential.value.receivedAt).toBe(RECEIVED_AT.toISOString());
    expect(await fetchReferential(endpoint, departementReferential.value.etag)).toEqual({ kind: 'unchanged' });

    const put = await fetch(`${server.url}/api/v1/referential`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(served('2026.1', 6)),
    });
    expect(put.status).toBe(201);
    const next = await fetchReferential(endpoint, departementReferential.value.etag);
    if (next.kind !== 'answered') throw new Error(`answered expected, got ${next.kind}`);
    expect(await receiveReferential(next.body, next.etag, RECEIVED_AT)).toBe('adopted');
    expect([referential.value.version, referential.value.params.maxAgeYears]).toEqual(['2026.2', 6]);
    expect(await fetchReferential({ ...endpoint, token: 'jeton-inconnu' }, null)).toEqual({ kind: 'failed' });
  });
});
