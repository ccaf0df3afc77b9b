// Photos through the sync, against the real server (issue 17): each image is uploaded by its hash before the fiche
// that names it, once; an upload that fails in any way leaves the fiche on the tablet (the server never holds a fiche
// naming an image it lacks), and the next run sends both; an answer lost, or a tab dead before it marked the upload,
// costs one more PUT answered 200, never a second copy. A photo another tablet took is fetched when opened.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditDb } from '../../src/storage/db';
import { saveRevision } from '../../src/storage/fiches';
import { listOutbox } from '../../src/storage/outbox';
import { setSyncSettings } from '../../src/storage/prefs';
import { runSync, type RunOptions, type RunReport } from '../../src/sync/sync-run';
import { putAttachment } from '../../src/sync/attachments';
import { photoUrl } from '../../src/state/photo-view';
import { setDeviceDb } from '../../src/state/device-db';
import { makeClassroomData } from '../../src/model/make';
import type { Author, ClassroomFiche, Fiche, Photo } from '../../src/model/types';
import type { NewPhoto } from '../../src/storage/photos';
import { freshDb } from '../support/db';
import { makeNewPhoto, photoItem } from '../support/photos';
import { getChanges, makeTempDir, readDb, removeTempDir, startServer, type TestServer } from '../server/support';
import { NO_FAULTS, startFaultProxy } from './fault-proxy';

const CAMPAIGN = '2026-2027';
const author: Author = { name: 'Camille Martin', role: 'erun' };

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Setup {
  dir: string;
  server: TestServer;
  options: Omit<RunOptions, 'db'>;
}

async function setUp(url?: (server: TestServer) => Promise<string>): Promise<Setup> {
  const dir = makeTempDir();
  cleanups.push(() => removeTempDir(dir));
  const server = await startServer(join(dir, 'tne13.sqlite'));
  cleanups.push(() => server.close());
  const base = url ? await url(server) : server.url;
  const options = { endpoint: { url: `${base}/api/v1/sync`, token: server.token }, deviceId: 'tablette', campaign: CAMPAIGN, merger: { author, referentialVersion: '2026.1' } };
  return { dir, server, options };
}

/** The photos the server keeps: one file per image under attachments/ beside its database (tmp/ holds none). */
function heldOnServer(dir: string): string[] {
  const root = join(dir, 'attachments');
  if (!existsSync(root)) return [];
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((name) => /\.(jpg|webp)$/.test(name) && !name.startsWith('tmp'));
  return files.map((name) => (name.split('/').pop() as string).replace(/\.\w+$/, '')).sort();
}

/** Every revision the server ever stored names only images it holds. */
function expectNoFicheNamesAMissingImage(setup: Setup): void {
  const held = new Set(heldOnServer(setup.dir));
  const records = readDb(setup.server.dbPath, (db) => db.prepare('SELECT record FROM revisions').all() as Array<{ record: string }>);
  const named = records.flatMap((r) => ((JSON.parse(r.record) as Fiche).data.photos ?? []).map((p: Photo) => p.sha256));
  expect(named.filter((sha) => !held.has(sha))).toEqual([]);
}

async function serverHeads(server: TestServer): Promise<ClassroomFiche[]> {
  return (await getChanges(server, { campaign: CAMPAIGN })).body.changes.map((c) => c.record as ClassroomFiche);
}

async function ficheWithPhotos(db: AuditDb, count: number, label = 'CM1'): Promise<{ fiche: Fiche; photos: NewPhoto[] }> {
  const photos = await Promise.all(Array.from({ length: count }, () => makeNewPhoto(1500)));
  const data = makeClassroomData({ label, photos: photos.map((p, i) => photoItem(p, i === 0 ? 'display' : 'computer')) });
  const fiche = await saveRevision(db, { id: crypto.randomUUID(), kind: 'classroom', uai: '0130569Y', campaign: CAMPAIGN, data, author }, { photos });
  return { fiche, photos };
}

/** The real upload, with what the server answered recorded (created: 201; held already: 200). */
function recordedUpload(answers: string[]): typeof putAttachment {
  return async (...args) => {
    const outcome = await putAttachment(...args);
    answers.push(outcome.kind === 'answered' ? (outcome.response.created ? '201' : '200') : outcome.kind);
    return outcome;
  };
}

const sorted = (photos: readonly NewPhoto[]) => photos.map((p) => p.sha256).sort();

describe('photos pushed with their fiche', () => {
  it('uploads each image once before the fiche, marks it held, and sends none again with a later edit', async () => {
    const setup = await setUp();
    const db = freshDb();
    const { fiche, photos } = await ficheWithPhotos(db, 3);
    const answers: string[] = [];
    const report = await runSync({ ...setup.options, db, upload: recordedUpload(answers) });
    expect(report).toMatchObject({ end: { kind: 'done' }, uploaded: 3, acknowledged: 1 });
    expect(answers).toEqual(['201', '201', '201']);
    expect(heldOnServer(setup.dir)).toEqual(sorted(photos));
    expect((await serverHeads(setup.server)).map((h) => h.data.photos?.length)).toEqual([3]);
    expect((await db.photos.toArray()).every((row) => row.uploadedAt !== undefined)).toBe(true);
    // The image the server keeps is the one taken.
    const served = await fetch(`${setup.server.url}/api/v1/attachments/${photos[0]?.sha256}`, { headers: { Authorization: `Bearer ${setup.server.token}` } });
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(new Uint8Array(await (photos[0] as NewPhoto).blob.arrayBuffer()));

    await saveRevision(db, { ...fiche, data: { ...fiche.data, notes: 'Câble HDMI à changer' } } as Parameters<typeof saveRevision>[1]);
    const again = await runSync({ ...setup.options, db, upload: recordedUpload(answers) });
    expect(again).toMatchObject({ end: { kind: 'done' }, uploaded: 0, acknowledged: 1 });
    expect(answers).toHaveLength(3);
    expectNoFicheNamesAMissingImage(setup);
  });

  it('(a) an upload answer lost after the server kept the image: the next run hears 200, and the fiche follows', async () => {
    const setup = await setUp();
    const db = freshDb();
    const { photos } = await ficheWithPhotos(db, 1);
    const answers: string[] = [];
    const lost: typeof putAttachment = async (...args) => (await putAttachment(...args), { kind: 'unreachable', reason: 'la connexion au serveur a été coupée' });
    const first = await runSync({ ...setup.options, db, upload: lost });
    expect(first.end).toMatchObject({ kind: 'later', reason: 'la connexion au serveur a été coupée' });
    expect(first.sent).toBe(0);
    expect(heldOnServer(setup.dir)).toEqual(sorted(photos)); // kept by the server, unheard by the tablet
    expect(await serverHeads(setup.server)).toEqual([]);
    expect(await listOutbox(db)).toHaveLength(1);

    const second = await runSync({ ...setup.options, db, upload: recordedUpload(answers) });
    expect(second).toMatchObject({ end: { kind: 'done' }, uploaded: 1, acknowledged: 1 });
    expect(answers).toEqual(['200']);
    expect(heldOnServer(setup.dir)).toEqual(sorted(photos));
    expect((await serverHeads(setup.server))[0]?.data.photos?.map((p) => p.sha256)).toEqual(sorted(photos));
    expectNoFicheNamesAMissingImage(setup);
  });

  it('(b) the network drops before the upload: the fiche is not pushed, and the next run sends both', async () => {
    const setup = await setUp();
    const db = freshDb();
    const { photos } = await ficheWithPhotos(db, 2);
    const dropped: typeof putAttachment = async () => ({ kind: 'unreachable', reason: 'la connexion au serveur a été coupée' });
    const first = await runSync({ ...setup.options, db, upload: dropped });
    expect(first).toMatchObject({ end: { kind: 'later' }, sent: 0, uploaded: 0 });
    expect(await serverHeads(setup.server)).toEqual([]);
    expect((await db.outbox.toArray())[0]?.sent).toBeUndefined();

    const answers: string[] = [];
    const second = await runSync({ ...setup.options, db, upload: recordedUpload(answers) });
    expect(second).toMatchObject({ end: { kind: 'done' }, uploaded: 2, acknowledged: 1 });
    expect(answers).toEqual(['201', '201']);
    expect(heldOnServer(setup.dir)).toEqual(sorted(photos));
    expect(await serverHeads(setup.server)).toHaveLength(1);
    expectNoFicheNamesAMissingImage(setup);
  });

  it('(c) the tab dies between the upload and marking it: the next run uploads again (200) and pushes', async () => {
    const setup = await setUp();
    let db = freshDb();
    const { photos } = await ficheWithPhotos(db, 1);
    const abort = new AbortController();
    const dying: typeof putAttachment = async (...args) => {
      await putAttachment(...args);
      abort.abort(new Error('onglet fermé'));
      db.close();
      throw abort.signal.reason as Error;
    };
    await expect(runSync({ ...setup.options, db, upload: dying, signal: abort.signal })).rejects.toThrow('onglet fermé');
    db = new AuditDb(db.name); // the tab opened again
    expect((await db.photos.get(photos[0]?.sha256 as string))?.uploadedAt).toBeUndefined();
    expect(await serverHeads(setup.server)).toEqual([]);

    const answers: string[] = [];
    const report = await runSync({ ...setup.options, db, upload: recordedUpload(answers) });
    expect(report).toMatchObject({ end: { kind: 'done' }, uploaded: 1, acknowledged: 1 });
    expect(answers).toEqual(['200']);
    expect(heldOnServer(setup.dir)).toEqual(sorted(photos));
    expect(await serverHeads(setup.server)).toHaveLength(1);
    expectNoFicheNamesAMissingImage(setup);
  });

  it('waits as the server says on a 503 to an upload, with the fiche kept, then sends both', async () => {
    let proxy: Awaited<ReturnType<typeof startFaultProxy>> | undefined;
    const setup = await setUp(async (server) => {
      proxy = await startFaultProxy(server.url, { ...NO_FAULTS, unavailable: 1 }, 17);
      cleanups.push(() => proxy?.close());
      return proxy.url;
    });
    const db = freshDb();
    await ficheWithPhotos(db, 1);
    const first = await runSync({ ...setup.options, db });
    expect(first.end).toEqual({ kind: 'later', retryAfterMs: 1000, reason: 'Serveur momentanément indisponible.' });
    expect(proxy?.counts.upload.unavailable).toBe(1);
    expect(proxy?.counts.push.unavailable).toBe(0); // the fiche never left
    proxy?.setRates(NO_FAULTS);
    expect(await runSync({ ...setup.options, db })).toMatchObject({ end: { kind: 'done' }, uploaded: 1, acknowledged: 1 });
    expectNoFicheNamesAMissingImage(setup);
  });

  it('refuses visibly, naming the photo, a fiche whose image the server refuses, and sends the others of the batch', async () => {
    const setup = await setUp();
    const db = freshDb();
    const { fiche, photos } = await ficheWithPhotos(db, 2, 'CP');
    const { fiche: other } = await ficheWithPhotos(db, 1, 'CE1');
    // The second image damaged on the tablet's disk: its bytes no longer hash to its name.
    const damaged = photos[1] as NewPhoto;
    await db.photos.update(damaged.sha256, { blob: new Blob([(await makeNewPhoto(1500)).blob], { type: 'image/jpeg' }) });

    const report = await runSync({ ...setup.options, db });
    expect(report).toMatchObject({ end: { kind: 'done' }, refused: 1, acknowledged: 1 });
    expect((await serverHeads(setup.server)).map((h) => h.id)).toEqual([other.id]);
    const refused = await db.outbox.get(fiche.id);
    expect(refused?.refusal?.errors[0]?.message).toMatch(/^Fiche non envoyée\. Le serveur refuse la photo n° 2 \(Ordinateur\)\. Photo refusée : son empreinte SHA-256 est [0-9a-f]{64}, pas [0-9a-f]{64}.* Retirez cette photo de la fiche/);
    expectNoFicheNamesAMissingImage(setup);

    // The user takes the photo off: the fiche leaves with the image that was good.
    await saveRevision(db, { ...fiche, data: { ...fiche.data, photos: fiche.data.photos?.slice(0, 1) } } as Parameters<typeof saveRevision>[1]);
    expect(await runSync({ ...setup.options, db })).toMatchObject({ end: { kind: 'done' }, acknowledged: 1, refused: 0 });
    expect((await serverHeads(setup.server)).find((h) => h.id === fiche.id)?.data.photos?.map((p) => p.sha256)).toEqual([photos[0]?.sha256]);
    expectNoFicheNamesAMissingImage(setup);
  });
});

describe('a server that lacks an image the tablet had marked held', () => {
  it('gets the image again and the fiche in the same run, instead of refusing the fiche for good', async () => {
    const setup = await setUp();
    const db = freshDb();
    const { fiche, photos } = await ficheWithPhotos(db, 2);
    await runSync({ ...setup.options, db });
    // The server restored without its photos: their files gone, the folders left.
    for (const sha of heldOnServer(setup.dir)) rmSync(join(setup.dir, 'attachments', sha.slice(0, 2), `${sha}.jpg`));
    expect(heldOnServer(setup.dir)).toEqual([]);
    await saveRevision(db, { ...fiche, data: { ...fiche.data, notes: 'Après la restauration' } } as Parameters<typeof saveRevision>[1]);

    const answers: string[] = [];
    const report = await runSync({ ...setup.options, db, upload: recordedUpload(answers) });
    expect(report).toMatchObject({ end: { kind: 'done' }, uploaded: 2, acknowledged: 1, refused: 0 });
    expect(answers).toEqual(['201', '201']);
    expect(heldOnServer(setup.dir)).toEqual(sorted(photos));
    expect((await serverHeads(setup.server))[0]).toMatchObject({ rev: 2, data: { notes: 'Après la restauration' } });
    expect(await listOutbox(db)).toEqual([]);
    expectNoFicheNamesAMissingImage(setup);
  });
});

describe('a photo another tablet took', () => {
  it('is not uploaded by a tablet that edits its fiche, and is fetched when opened, then shown offline', async () => {
    const setup = await setUp();
    const a = freshDb();
    const { fiche, photos } = await ficheWithPhotos(a, 2);
    await runSync({ ...setup.options, db: a });

    const b = freshDb();
    expect(await runSync({ ...setup.options, db: b, deviceId: 'tablette-b' })).toMatchObject({ end: { kind: 'done' }, pulled: 1 });
    const pulled = (await b.fiches.get(fiche.id)) as ClassroomFiche;
    await saveRevision(b, { ...pulled, data: { ...pulled.data, notes: 'Vu par la tablette B' }, author });
    const answers: string[] = [];
    expect(await runSync({ ...setup.options, db: b, deviceId: 'tablette-b', upload: recordedUpload(answers) })).toMatchObject({ end: { kind: 'done' }, acknowledged: 1 });
    expect(answers).toEqual([]);

    // Tablet B reaches the server through a link that the test cuts afterwards.
    const link = await startFaultProxy(setup.server.url, NO_FAULTS, 1);
    cleanups.push(() => link.close());
    setDeviceDb(b);
    await setSyncSettings({ endpoint: link.url, token: setup.server.token });
    const first = photos[0] as NewPhoto;
    const shown = await photoUrl(first.sha256, { size: 'full' });
    expect(shown).toMatchObject({ size: 'full', url: expect.stringMatching(/^blob:/) });
    const kept = await b.photos.get(first.sha256);
    expect(kept).toMatchObject({ bytes: first.bytes, uploadedAt: expect.any(String) });
    expect(new Uint8Array(await (kept?.blob as Blob).arrayBuffer())).toEqual(new Uint8Array(await first.blob.arrayBuffer()));

    await link.close();
    expect(await photoUrl(first.sha256)).toMatchObject({ size: 'full' }); // from the tablet now
    expect(await photoUrl((photos[1] as NewPhoto).sha256)).toBeUndefined(); // never opened while online
    await setSyncSettings({ endpoint: '', token: '' });
  });
});

describe('a bad network on uploads and pushes', () => {
  it('ends with every fiche and every image on the server once, and never a fiche naming an image it lacks', async () => {
    let proxy: Awaited<ReturnType<typeof startFaultProxy>> | undefined;
    const setup = await setUp(async (server) => {
      proxy = await startFaultProxy(server.url, { unavailable: 0.1, reset: 0.1, dropAnswer: 0.3 }, 2026);
      cleanups.push(() => proxy?.close());
      return proxy.url;
    });
    const db = freshDb();
    const taken: NewPhoto[] = [];
    const reports: RunReport[] = [];
    for (let round = 0; round < 12; round += 1) {
      for (let i = 0; i < 3; i += 1) taken.push(...(await ficheWithPhotos(db, 1 + ((round + i) % 3), `Classe ${round}-${i}`)).photos);
      reports.push(await runSync({ ...setup.options, db, maxRecords: 2 }));
      expectNoFicheNamesAMissingImage(setup);
    }
    proxy?.setRates(NO_FAULTS);
    reports.push(await runSync({ ...setup.options, db }));
    expect(reports.at(-1)?.end).toEqual({ kind: 'done' });
    expect(reports.some((r) => r.end.kind === 'later')).toBe(true);
    // The faults did fall on uploads: answers lost after the server kept the image, and uploads that never reached it.
    const upload = proxy?.counts.upload;
    expect(upload?.droppedAnswer, JSON.stringify(upload)).toBeGreaterThan(0);
    expect((upload?.unavailable ?? 0) + (upload?.reset ?? 0), JSON.stringify(upload)).toBeGreaterThan(0);
    expect(await listOutbox(db)).toEqual([]);
    expect(heldOnServer(setup.dir)).toEqual(sorted(taken));
    const heads = await serverHeads(setup.server);
    expect(heads).toHaveLength(36);
    expect(heads.flatMap((h) => h.data.photos?.map((p) => p.sha256) ?? []).sort()).toEqual(sorted(taken));
    expectNoFicheNamesAMissingImage(setup);
  });
});
