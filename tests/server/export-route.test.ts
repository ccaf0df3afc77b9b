// GET /api/v1/export.xlsx and /api/v1/export.csv (export.md, sync.md) over HTTP against the real server and SQLite
// file: the token, the headers of a download, every fiche's head, and the same workbook as the tablet's for the
// same fiches.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { runExport } from '../../src/export/run-export';
import { exportFromDevice } from '../../src/state/device-export/device-export';
import { SHEET_SLUGS } from '../../src/export/sheet';
import { makeClassroomFiche } from '../../src/model/make';
import { REFERENTIAL_V1 } from '../../src/model/referential';
import type { DirectorySchool } from '../../src/model/school';
import type { Fiche } from '../../src/model/types';
import { putSchools } from '../../src/storage/directory';
import { deleteFiche, saveRevision, type RevisionInput } from '../../src/storage/fiches';
import { CAMPAIGN, DIRECTORY, EXPORTED_AT, fixtureFiches, OUTSIDE_UAI, TABLET_A, TABLET_B } from '../export/fixture';
import { freshDb } from '../support/db';
import { readXlsx, type ReadSheet, type Value } from '../export/support/read-xlsx';
import { expectSameWorkbook, records, sheetNamed } from '../export/support/same-workbook';
import { makeTempDir, postSync, pushOf, removeTempDir, startServer, syncStatuses, useDirectory, type TestServer } from './support';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const SHEET_NAMES = ['Synthèse', 'Écoles', 'Classes', 'Besoins', 'Référentiel'];
/** EXPORTED_AT is 17:38 UTC, 18:38 in Paris. */
const XLSX_NAME = 'tne13-etat-des-lieux-2026-2027-20261128-1838.xlsx';

let dir: string;
let server: TestServer;

async function startWith(now: Date, schools: readonly DirectorySchool[] = DIRECTORY): Promise<TestServer> {
  const dbPath = join(dir, `tne13-${crypto.randomUUID()}.sqlite`);
  await useDirectory(dbPath, schools);
  return startServer(dbPath, { now: () => now });
}

beforeEach(async () => {
  dir = makeTempDir();
  server = await startWith(EXPORTED_AT);
});

afterEach(async () => {
  await server.close();
  removeTempDir(dir);
});

interface Download {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
}

async function get(path: string, token: string | null = server.token, on: TestServer = server): Promise<Download> {
  const headers: Record<string, string> = token === null ? {} : { authorization: `Bearer ${token}` };
  const response = await fetch(`${on.url}${path}`, { headers });
  return { status: response.status, headers: response.headers, bytes: new Uint8Array(await response.arrayBuffer()) };
}

const json = (d: Download): { error: string; message: string } => JSON.parse(new TextDecoder().decode(d.bytes));

/** Sends each fiche, new to the server, from the device `deviceOf` names, one batch per device; every record must be stored. */
async function sendByDevice(fiches: readonly Fiche[], deviceOf: ReadonlyMap<string, string>, on: TestServer = server): Promise<void> {
  const devices = [...new Set(fiches.map((f) => deviceOf.get(f.id) as string))];
  for (const device of devices) {
    const mine = fiches.filter((f) => deviceOf.get(f.id) === device);
    expect(await syncStatuses(on, mine.map((f) => pushOf(f)), device)).toEqual(mine.map(() => 'stored'));
  }
}

const sameLabel = (value: Value | undefined): string => String(value ?? '').trim().replace(/\s+/g, ' ').toLowerCase();

/** The Valeur of the Référentiel's row named `label` ("Campagne", "Fiches couvertes"). */
function referentialValue(book: ReadSheet[], label: string): Value {
  return records(sheetNamed(book, 'Référentiel')).find((r) => r.Libellé === label)?.Valeur ?? null;
}

describe('the export requires a token', () => {
  // The token is checked before the parameters: a bad sheet or campaign without a token is still a 401.
  it.each(['/api/v1/export.xlsx', '/api/v1/export.csv?sheet=ecoles', '/api/v1/export.csv?sheet=foo&campaign=2026'])('refuses %s without a token and with an unknown one', async (path) => {
    for (const [token, message] of [[null, /^Jeton d'accès manquant/], ['pas-un-jeton-connu', /^Jeton d'accès inconnu/]] as const) {
      const answer = await get(path, token);
      expect(answer.status).toBe(401);
      expect(answer.headers.get('www-authenticate')).toBe('Bearer');
      expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
      expect(answer.headers.get('content-disposition')).toBeNull();
      expect(json(answer)).toEqual({ error: 'unauthorized', message: expect.stringMatching(message) });
    }
  });
});

describe('GET /api/v1/export.xlsx', () => {
  it('answers the five-sheet workbook as a download named after the campaign and the server’s Paris time, never cached', async () => {
    const answer = await get('/api/v1/export.xlsx');

    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe(XLSX_MIME);
    expect(answer.headers.get('content-disposition')).toBe(`attachment; filename="${XLSX_NAME}"`);
    // web.ts: every /api/ answer is no-store (it holds audits and a token was sent).
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    const book = await readXlsx(answer.bytes);
    expect(book.map((s) => s.name)).toEqual(SHEET_NAMES);
    expect(referentialValue(book, 'Campagne')).toBe(CAMPAIGN);
  });

  it('defaults to the school year of the server’s clock, in summer time too', async () => {
    const summer = await startWith(new Date('2026-07-01T10:05:00Z')); // 12:05 in Paris, school year 2025-2026
    try {
      const answer = await get('/api/v1/export.xlsx', summer.token, summer);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-disposition')).toBe('attachment; filename="tne13-etat-des-lieux-2025-2026-20260701-1205.xlsx"');
      expect(referentialValue(await readXlsx(answer.bytes), 'Campagne')).toBe('2025-2026');
    } finally {
      await summer.close();
    }
  });

  it('takes the school year in Paris: at 00:30 on 1 September in Paris, the server in UTC is already in the new one', async () => {
    const night = await startWith(new Date('2026-08-31T22:30:00Z'));
    try {
      const answer = await get('/api/v1/export.xlsx', night.token, night);
      expect(answer.headers.get('content-disposition')).toBe('attachment; filename="tne13-etat-des-lieux-2026-2027-20260901-0030.xlsx"');
      expect(referentialValue(await readXlsx(answer.bytes), 'Campagne')).toBe('2026-2027');
    } finally {
      await night.close();
    }
  });

  it('keeps the device that made a fiche when another device stores its next revision, or sends a stale one', async () => {
    // A clock that moves, as a real one does between two requests.
    let tick = 0;
    const ticking = await startServer(join(dir, 'ticking.sqlite'), { now: () => new Date(EXPORTED_AT.getTime() + 1000 * tick++) });
    const x = makeClassroomFiche({ id: '00000000-0000-4000-8000-0000000000d1', uai: '0130001F', updatedAt: '2026-11-03T14:00:00.000Z', data: { label: 'CE1' } });
    const y = makeClassroomFiche({ id: '00000000-0000-4000-8000-0000000000d2', uai: '0130001F', updatedAt: '2026-11-03T14:05:00.000Z', data: { label: 'ce1' } });
    try {
      expect(await syncStatuses(ticking, [pushOf(x), pushOf(y)], TABLET_A)).toEqual(['stored', 'stored']);
      // TABLET_B pulled X and edits it on the head; then a backup restored on it sends an edit on a base long gone.
      const edited = { ...x, updatedAt: '2026-11-04T09:00:00.000Z', data: { ...x.data, pupils: 22 } };
      expect(await syncStatuses(ticking, [pushOf(edited, 1)], TABLET_B)).toEqual(['stored']);
      expect(await syncStatuses(ticking, [pushOf({ ...x, data: { ...x.data, pupils: 5 } }, 1)], TABLET_B)).toEqual(['conflict']);
      const classes = records(sheetNamed(await readXlsx((await get('/api/v1/export.xlsx', ticking.token, ticking)).bytes), 'Classes'));
      expect(classes.filter((r) => r.UAI === '0130001F').map((r) => [r.Classe, r['Doublon possible']]).sort()).toEqual([['CE1', null], ['ce1', null]]);
    } finally {
      await ticking.close();
    }
  });

  it('covers every device’s latest revisions: no tombstone, no other campaign, duplicates across devices marked', async () => {
    const { fiches, deviceOf } = fixtureFiches();
    // Two rooms with one label in one school, both from TABLET_A: not a "Doublon possible".
    const sameDevice = ['Salle informatique', ' salle  INFORMATIQUE'].map((label, i) =>
      makeClassroomFiche({ id: `00000000-0000-4000-8000-0000000000c${i}`, uai: '0130001F', updatedAt: `2026-11-03T14:0${i}:00.000Z`, data: { label, pupils: 20 + i } }));
    for (const f of sameDevice) deviceOf.set(f.id, TABLET_A);
    await sendByDevice([...fiches, ...sameDevice], deviceOf);

    // A new revision of "CM1 B" from its tablet, and one of TABLET_B's " cp  a" made on TABLET_A (a backup moved
    // it): the duplicate mark follows the device that created the fiche, not the one that sent the last revision.
    const cm1b = fiches.find((f) => f.kind === 'classroom' && f.data.label === 'CM1 B') as Fiche & { kind: 'classroom' };
    const cpa = fiches.find((f) => f.kind === 'classroom' && f.data.label === ' cp  a') as Fiche & { kind: 'classroom' };
    const cm1bNext = { ...cm1b, updatedAt: '2026-11-20T10:00:00.000Z', data: { ...cm1b.data, pupils: 26 } };
    const cpaNext = { ...cpa, updatedAt: '2026-11-20T10:05:00.000Z', data: { ...cpa.data, pupils: 13 } };
    expect(await syncStatuses(server, [pushOf(cm1bNext, 1), pushOf(cpaNext, 1)], TABLET_A)).toEqual(['stored', 'stored']);

    const answer = await get('/api/v1/export.xlsx');
    expect(answer.status).toBe(200);
    const book = await readXlsx(answer.bytes);
    const classes = records(sheetNamed(book, 'Classes'));
    const labels = classes.map((r) => sameLabel(r.Classe));

    expect(classes.filter((r) => r.Classe === 'CM1 B').map((r) => r['Élèves'])).toEqual([26]);
    expect(labels).not.toContain('salle supprimée');
    expect(labels).not.toContain('ancienne');
    expect(classes).toHaveLength(9); // 8 classrooms of 2026-2027 sent, one of them a tombstone, plus the 2 same-device rooms
    const cp = classes.filter((r) => r.UAI === '0130569Y' && sameLabel(r.Classe) === 'cp a');
    expect(cp.map((r) => [r['Élèves'], r['Doublon possible']]).sort()).toEqual([[12, 'Oui'], [13, 'Oui']]);
    const informatique = classes.filter((r) => sameLabel(r.Classe) === 'salle informatique');
    expect(informatique.map((r) => [r.UAI, r['Doublon possible']])).toEqual([['0130001F', null], ['0130001F', null]]);
    expect(classes.filter((r) => r['Doublon possible'] !== null)).toHaveLength(2);
    expect(classes.map((r) => r['Doublon possible'])).not.toContain('Non');

    // Every school of the directory, and the schools with fiches outside it (a closed one, an unknown one).
    const schools = records(sheetNamed(book, 'Écoles'));
    expect(schools.map((r) => r.UAI).sort()).toEqual(['0130001F', '0130002G', '0130003H', '0130569Y', '0131234W', OUTSIDE_UAI].sort());
    expect(schools.filter((r) => r.Statut === 'hors annuaire').map((r) => r.UAI).sort()).toEqual(['0130003H', OUTSIDE_UAI]);
    expect(referentialValue(book, 'Fiches couvertes')).toBe(12); // 3 school fiches, 9 classroom fiches
  });
});

describe('GET /api/v1/export.csv', () => {
  it.each(['ecoles', 'ECOLES', encodeURIComponent('Écoles')])('answers sheet=%s as a French-Excel CSV download', async (sheet) => {
    const { fiches, deviceOf } = fixtureFiches();
    await sendByDevice(fiches, deviceOf);
    const answer = await get(`/api/v1/export.csv?sheet=${sheet}`);

    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')?.replace(/\s/g, '').toLowerCase()).toBe('text/csv;charset=utf-8');
    expect(answer.headers.get('content-disposition')).toBe('attachment; filename="tne13-etat-des-lieux-2026-2027-20261128-1838-ecoles.csv"');
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect([...answer.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(answer.bytes);
    expect(text.startsWith('\uFEFFUAI;École;Commune;Code commune;Circonscription;Chef de file;')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/); // no bare LF or CR: the fixture has no multi-line text
    const lines = text.slice(1, -2).split('\r\n');
    expect(lines).toHaveLength(1 + 6); // the 4 open schools of the directory, the closed one and the unknown one
    expect(lines.filter((l) => l.startsWith(`${OUTSIDE_UAI};`))).toHaveLength(1);
    expect(text).toContain(';300,5;'); // decimal comma
    expect(text).toContain(';12/10/2026;'); // JJ/MM/AAAA
  });

  it('refuses a missing or unknown sheet with a French message that lists the sheets', async () => {
    for (const path of ['/api/v1/export.csv', '/api/v1/export.csv?sheet=', '/api/v1/export.csv?sheet=foo']) {
      const answer = await get(path);
      expect(answer.status, path).toBe(400);
      expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
      const body = json(answer);
      expect(body.error).toBe('invalid_request');
      expect(body.message).toContain(SHEET_SLUGS.join(', '));
    }
    expect(json(await get('/api/v1/export.csv')).message).toBe('Paramètre sheet manquant : synthese, ecoles, classes, besoins, referentiel.');
    expect(json(await get('/api/v1/export.csv?sheet=foo')).message).toBe('Feuille « foo » inconnue : synthese, ecoles, classes, besoins, referentiel.');
  });

  it('refuses a campaign that is not a school year, on both endpoints', async () => {
    for (const path of ['/api/v1/export.xlsx?campaign=2026', '/api/v1/export.csv?sheet=ecoles&campaign=2026', '/api/v1/export.xlsx?campaign=2026-2028']) {
      const answer = await get(path);
      expect(answer.status, path).toBe(400);
      expect(json(answer)).toEqual({ error: 'invalid_request', message: expect.stringMatching(/^Campagne « 2026(-2028)? » invalide : attendue sous la forme 2026-2027\.$/) });
    }
  });

  it('exports another campaign when asked: only its fiches', async () => {
    const { fiches, deviceOf } = fixtureFiches();
    await sendByDevice(fiches, deviceOf);

    const xlsx = await get('/api/v1/export.xlsx?campaign=2025-2026');
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-disposition')).toBe('attachment; filename="tne13-etat-des-lieux-2025-2026-20261128-1838.xlsx"');
    const book = await readXlsx(xlsx.bytes);
    expect(records(sheetNamed(book, 'Classes')).map((r) => [r.UAI, r.Classe])).toEqual([['0130569Y', 'Ancienne']]);
    expect(referentialValue(book, 'Fiches couvertes')).toBe(1);
    // The directory's schools, each of that campaign; only the school with the fiche is started.
    expect(records(sheetNamed(book, 'Écoles')).map((r) => [r.UAI, r.Campagne, r.Statut]).sort()).toEqual([
      ['0130001F', '2025-2026', 'À auditer'], ['0130002G', '2025-2026', 'À auditer'],
      ['0130569Y', '2025-2026', 'En cours'], ['0131234W', '2025-2026', 'À auditer'],
    ]);

    const csv = new TextDecoder().decode((await get('/api/v1/export.csv?sheet=classes&campaign=2025-2026')).bytes);
    const lines = csv.split('\r\n').filter((l) => l !== '');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^0130569Y;École élémentaire François Moisson;.*;Ancienne;/);
  });
});

describe('the server’s export equals the tablet’s for the same fiches', () => {
  it('from the same pure pipeline: every sheet, every value, in XLSX and in each CSV', async () => {
    const { fiches, deviceOf } = fixtureFiches();
    await sendByDevice(fiches, deviceOf);
    const input = { campaign: CAMPAIGN, directory: DIRECTORY, fiches, deviceOf, referential: REFERENTIAL_V1, exportedAt: EXPORTED_AT };

    const answer = await get('/api/v1/export.xlsx');
    const tablet = runExport(input, 'xlsx', undefined);
    expect(answer.headers.get('content-disposition')).toBe(`attachment; filename="${tablet.fileName}"`);
    const serverBook = await readXlsx(answer.bytes);
    expectSameWorkbook(serverBook, await readXlsx(tablet.bytes));
    expect(records(sheetNamed(serverBook, 'Classes')).filter((r) => r['Doublon possible'] === 'Oui')).toHaveLength(2);
    expect(records(sheetNamed(serverBook, 'Écoles')).map((r) => r['Besoins exprimés'])).toContain('=HYPERLINK("http://x")');

    for (const slug of SHEET_SLUGS) {
      const csv = await get(`/api/v1/export.csv?sheet=${slug}`);
      const expected = runExport(input, 'csv', slug);
      expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="${expected.fileName}"`);
      const [serverLines, tabletLines] = [csv.bytes, expected.bytes].map((b) => new TextDecoder().decode(b).split('\r\n')) as [string[], string[]];
      expect([...serverLines].sort(), slug).toEqual([...tabletLines].sort());
      // Same order too: the CSV files are byte for byte the same.
      expect(Buffer.from(csv.bytes).equals(Buffer.from(expected.bytes)), slug).toBe(true);
    }
  });

  it('from the device’s own storage: the tablet’s file and the server’s hold the same rows', async () => {
    const DEVICE = 'tablette-de-camille';
    const db = freshDb();
    await putSchools(db, DIRECTORY);
    // The tablet's fiches as its forms save them (each at its time), the tombstone as a deletion.
    for (const f of fixtureFiches().fiches) {
      const now = new Date(f.updatedAt);
      const input = { id: f.id, kind: f.kind, uai: f.uai, campaign: f.campaign, data: f.data, author: f.author, referentialVersion: f.referentialVersion };
      await saveRevision(db, input as RevisionInput, { now });
      if (f.deleted) await deleteFiche(db, f.id, f.author, new Date(now.getTime() + 60_000));
    }
    // The tablet syncs its outbox: every revision is on the server, sent by this one device.
    const outbox = (await db.outbox.toArray()).map((entry) => entry.record);
    expect(outbox).toHaveLength(fixtureFiches().fiches.length);
    expect(await syncStatuses(server, outbox.map((record) => pushOf(record)), DEVICE)).toEqual(outbox.map(() => 'stored'));

    const tablet = await exportFromDevice({
      dbName: db.name, campaign: CAMPAIGN, deviceId: DEVICE, referential: REFERENTIAL_V1, exportedAt: EXPORTED_AT.toISOString(), format: 'xlsx',
    });
    const answer = await get('/api/v1/export.xlsx');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-disposition')).toBe(`attachment; filename="${tablet.fileName}"`);
    const [serverBook, tabletBook] = [await readXlsx(answer.bytes), await readXlsx(tablet.bytes)];
    expectSameWorkbook(serverBook, tabletBook);

    // Not trivially equal: the rows are there; "CP A" and " cp  a" come from one tablet, so neither is marked.
    const classes = records(sheetNamed(tabletBook, 'Classes'));
    expect(classes).toHaveLength(7);
    expect(classes.filter((r) => sameLabel(r.Classe) === 'cp a').map((r) => r['Doublon possible'])).toEqual([null, null]);
    expect(referentialValue(tabletBook, 'Fiches couvertes')).toBe(10);
  });
});

describe('the export and sync together', () => {
  it('stores every batch sent while exports are being answered, and a later export holds them all', async () => {
    const rooms = Array.from({ length: 300 }, (_, i) =>
      makeClassroomFiche({ uai: '0131234W', updatedAt: '2026-11-27T08:00:00.000Z', data: { label: `Salle ${String(i).padStart(3, '0')}`, pupils: 20 } }));
    const batches = [rooms.slice(0, 100), rooms.slice(100, 200), rooms.slice(200)];
    const answers = await Promise.all([
      get('/api/v1/export.xlsx'),
      ...batches.flatMap((batch) => [postSync(server, { protocol: 2, deviceId: TABLET_B, batchId: crypto.randomUUID(), records: batch.map((f) => pushOf(f)) }), get('/api/v1/export.xlsx')]),
    ]);

    for (const answer of answers) expect(answer.status).toBe(200);
    const syncs = answers.filter((a) => !('bytes' in a)) as Array<{ body: { results: Array<{ status: string }> } }>;
    expect(syncs.flatMap((s) => s.body.results.map((r) => r.status))).toEqual(rooms.map(() => 'stored'));
    for (const exported of answers.filter((a): a is Download => 'bytes' in a)) {
      const classes = sheetNamed(await readXlsx(exported.bytes), 'Classes');
      expect(classes.rows.length % 100).toBe(0); // each export saw whole batches, never half of one
    }
    const after = records(sheetNamed(await readXlsx((await get('/api/v1/export.xlsx')).bytes), 'Classes'));
    expect(after).toHaveLength(300);
  }, 30_000);
});
