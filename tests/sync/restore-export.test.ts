// Issue 13's acceptance, "the spreadsheet from the server and from a tablet that pulled everything are the same, row
// for row": tablets audit and push to the real server; a fresh tablet takes the server's directory and pulls the
// campaign with runSync (a restored tablet); its export, built from its own storage as the app builds it, and the
// server's GET /api/v1/export.xlsx, read back by an independent reader, hold the same rows in every sheet. Nothing is
// ignored: both are made at the same time (EXPORTED_AT, the server's clock and the tablet's export time), so even the
// Référentiel sheet's export time and the file names match.
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { exportFromDevice } from '../../src/state/device-export/device-export';
import { REFERENTIAL_V1 } from '../../src/model/referential';
import type { DirectorySchool } from '../../src/model/school';
import type { Author, Fiche } from '../../src/model/types';
import { mergeIntoDirectory } from '../../src/storage/directory-merge';
import { deleteFiche, saveRevision, type RevisionInput } from '../../src/storage/fiches';
import { listOutbox } from '../../src/storage/outbox';
import { runSync, type RunReport } from '../../src/sync/sync-run';
import type { AuditDb } from '../../src/storage/db';
import { CAMPAIGN, DIRECTORY, EXPORTED_AT, fixtureFiches } from '../export/fixture';
import { generateDepartement } from '../fixtures/departement/generate-departement';
import { readXlsx, type ReadSheet } from '../export/support/read-xlsx';
import { expectSameWorkbook, records, sheetNamed } from '../export/support/same-workbook';
import { freshDb } from '../support/db';
import { makeTempDir, removeTempDir, startServer, useDirectory, type TestServer } from '../server/support';

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const RESTORED = 'tablette-restauree';
const RESTORER: Author = { name: 'Sami Benali', role: 'erun' };
const merger = (author: Author) => ({ author, referentialVersion: REFERENTIAL_V1.version });

async function serverWith(directory: readonly DirectorySchool[]): Promise<TestServer> {
  const dir = makeTempDir();
  cleanups.push(() => removeTempDir(dir));
  const dbPath = join(dir, 'tne13.sqlite');
  await useDirectory(dbPath, directory);
  const server = await startServer(dbPath, { now: () => EXPORTED_AT });
  cleanups.push(() => server.close());
  return server;
}

const endpointOf = (server: TestServer) => ({ url: `${server.url}/api/v1/sync`, token: server.token });

/** A tablet that saved `fiches` through its forms (each at its time, a tombstone as a deletion), then synced. */
async function auditAndPush(server: TestServer, deviceId: string, fiches: readonly Fiche[]): Promise<void> {
  const db = freshDb();
  for (const f of fiches) {
    const now = new Date(f.updatedAt);
    const input = { id: f.id, kind: f.kind, uai: f.uai, campaign: f.campaign, data: f.data, author: f.author, referentialVersion: f.referentialVersion };
    await saveRevision(db, input as RevisionInput, { now });
    if (f.deleted) await deleteFiche(db, f.id, f.author, new Date(now.getTime() + 60_000));
  }
  const report = await runSync({ db, endpoint: endpointOf(server), deviceId, campaign: CAMPAIGN, merger: merger(fiches[0]?.author as Author) });
  expect(report.end.kind).toBe('done');
  expect(await listOutbox(db)).toEqual([]);
}

/** A fresh tablet restored from the server: the directory as the app takes it (GET …/schools), then the campaign pulled. */
async function restore(server: TestServer, pageSize?: number): Promise<{ db: AuditDb; report: RunReport }> {
  const db = freshDb();
  const served = (await (await fetch(`${server.url}/api/v1/schools`)).json()) as DirectorySchool[];
  await mergeIntoDirectory(db, served);
  const report = await runSync({ db, endpoint: endpointOf(server), deviceId: RESTORED, campaign: CAMPAIGN, merger: merger(RESTORER), pageSize });
  expect(report).toMatchObject({ end: { kind: 'done' }, sent: 0, merged: 0, arbitrated: 0 });
  return { db, report };
}

/** The tablet's workbook, built from its storage as the app's export button does, and the server's, both read back. */
async function bothExports(server: TestServer, db: AuditDb): Promise<{ tablet: ReadSheet[]; served: ReadSheet[] }> {
  const tablet = await exportFromDevice({ dbName: db.name, campaign: CAMPAIGN, deviceId: RESTORED, referential: REFERENTIAL_V1, exportedAt: EXPORTED_AT.toISOString(), format: 'xlsx' });
  const answer = await fetch(`${server.url}/api/v1/export.xlsx`, { headers: { authorization: `Bearer ${server.token}` } });
  expect(answer.status).toBe(200);
  expect(answer.headers.get('content-disposition')).toBe(`attachment; filename="${tablet.fileName}"`);
  return { tablet: await readXlsx(tablet.bytes), served: await readXlsx(new Uint8Array(await answer.arrayBuffer())) };
}

describe('the spreadsheet of a tablet restored from the server', () => {
  it('is the server’s, row for row, for the export fixture audited on two tablets (duplicates across them marked)', async () => {
    const server = await serverWith(DIRECTORY);
    const { fiches, deviceOf } = fixtureFiches();
    for (const device of new Set(deviceOf.values())) await auditAndPush(server, device, fiches.filter((f) => deviceOf.get(f.id) === device));

    const { db, report } = await restore(server);
    // Every head of the campaign, the tombstone included; the other campaign's fiche stays on the server.
    const campaignFiches = fiches.filter((f) => f.campaign === CAMPAIGN);
    expect(report.pulled).toBe(campaignFiches.length);
    expect((await db.fiches.toArray()).map((f) => f.id).sort()).toEqual(campaignFiches.map((f) => f.id).sort());

    const { tablet, served } = await bothExports(server, db);
    expectSameWorkbook(tablet, served);
    // Not trivially equal: the rows are there, and "CP A" and " cp  a", from two tablets, are marked on both.
    const classes = records(sheetNamed(tablet, 'Classes'));
    expect(classes).toHaveLength(7);
    expect(classes.filter((r) => r['Doublon possible'] === 'Oui').map((r) => r.Classe).sort()).toEqual(['CP A', 'cp  a']);
    expect(records(sheetNamed(tablet, 'Écoles')).map((r) => r.UAI)).toHaveLength(6);

    // The restored tablet renames two rooms it pulled and pushes them: A's "CM1 B" to "CP A" (the label of A's other
    // room: one tablet's, not a duplicate) and B's " cp  a" to "CP B". They stay the rooms of the tablets that made
    // them, on the server and in this tablet's export: no duplicate left on either.
    const rename = async (label: string, to: string) => {
      const room = fiches.find((f) => f.kind === 'classroom' && f.data.label === label) as Fiche & { kind: 'classroom' };
      await saveRevision(db, { id: room.id, kind: 'classroom', uai: room.uai, campaign: CAMPAIGN, data: { ...room.data, label: to }, author: RESTORER }, { now: new Date('2026-11-20T10:00:00.000Z') });
    };
    await rename('CM1 B', 'CP A');
    await rename(' cp  a', 'CP B');
    expect(await runSync({ db, endpoint: endpointOf(server), deviceId: RESTORED, campaign: CAMPAIGN, merger: merger(RESTORER) })).toMatchObject({ end: { kind: 'done' }, acknowledged: 2 });
    const after = await bothExports(server, db);
    expectSameWorkbook(after.tablet, after.served);
    const renamed = records(sheetNamed(after.tablet, 'Classes')).filter((r) => r.UAI === '0130569Y');
    expect(renamed.map((r) => [r.Classe, r['Doublon possible']])).toEqual([['CP A', null], ['CP A', null], ['CP B', null]]);
  });

  it('is the server’s, row for row, for a generated département pulled page by page', async () => {
    const { schools, fiches } = generateDepartement({ schools: 60, classrooms: 400, now: EXPORTED_AT });
    const server = await serverWith(schools);
    await auditAndPush(server, 'tablette-erun', fiches);

    const { db, report } = await restore(server, 100);
    expect(report.pulled).toBe(fiches.length);
    const { tablet, served } = await bothExports(server, db);
    expectSameWorkbook(tablet, served);
    expect(records(sheetNamed(tablet, 'Classes'))).toHaveLength(fiches.filter((f) => f.kind === 'classroom').length);
  }, 30_000);
});
