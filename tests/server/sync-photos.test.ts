// A pushed fiche's photos (sync.md v2): a record may reference a photo only once the server holds it, of the type and
// size the record says; else that record is `invalid` at the photo's path ("photo non reçue") and nothing of it is
// stored, while the rest of its batch is judged as usual. Devices upload photos first: once the photo is sent, the
// very same batch sent again is stored. Over HTTP against the real server and store; last, the batch's one question
// to the store, on the store under test, its photo calls counted.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { handleBatch } from '../../server/src/sync';
import { openStore } from '../../server/src/store/open-store';
import type { Store } from '../../server/src/store/store';
import { makeClassroomFiche, makeSchoolFiche } from '../../src/model/make';
import type { Fiche, Photo } from '../../src/model/types';
import { storeLocation } from './store-under-test';
import { distinctJpeg, photoOf, putPhoto, WEBP } from './fixtures/photos';
import { makeBatch, makeTempDir, postSync, pushOf, readDb, removeTempDir, startServer, type TestServer } from './support';

let dir: string;
let server: TestServer;
let next = 1000;
const freshJpeg = () => distinctJpeg(++next);

beforeAll(async () => {
  dir = makeTempDir();
  server = await startServer(join(dir, 'tne13.sqlite'));
});

afterAll(async () => {
  await server.close();
  removeTempDir(dir);
});

const withPhotos = <T extends Fiche>(fiche: T, photos: Photo[]): T => ({ ...fiche, data: { ...fiche.data, photos } });

/** How many revisions of the fiche `id` the store holds. */
const revisionsOf = (id: string) => readDb(server.dbPath, (db) => db.prepare('SELECT COUNT(*) FROM revisions WHERE id = ?').pluck().get(id)) as number;

async function upload(bytes: Buffer, type: Photo['type'] = 'image/jpeg'): Promise<void> {
  const response = await putPhoto(server, bytes, { type });
  expect([200, 201]).toContain(response.status);
}

describe('a pushed fiche that references photos', () => {
  it('is invalid at data.photos.<i>.sha256, "photo non reçue", while a photo is not held, and nothing of it is stored', async () => {
    const held = freshJpeg();
    const missing = freshJpeg();
    await upload(held);
    const fiche = withPhotos(makeClassroomFiche(), [photoOf(held), photoOf(missing, 'image/jpeg', { subject: 'computer' })]);

    const answer = await postSync(server, makeBatch([pushOf(fiche)]));

    expect(answer.status).toBe(200);
    expect(answer.body.results).toEqual([
      {
        id: fiche.id,
        status: 'invalid',
        errors: [{ path: 'data.photos.1.sha256', message: "Empreinte de la photo (n° 2) : photo non reçue par le serveur ; la tablette doit l'envoyer avant la fiche." }],
      },
    ]);
    expect(revisionsOf(fiche.id)).toBe(0);
  });

  it('is stored once its photos are uploaded: the same batch sent again, then again (duplicate)', async () => {
    const photo = freshJpeg();
    const fiche = withPhotos(makeSchoolFiche(), [photoOf(photo), photoOf(WEBP, 'image/webp', { subject: 'network', caption: 'Borne Wi-Fi du préau' })]);
    await upload(WEBP, 'image/webp');
    const batch = makeBatch([pushOf(fiche)]);

    const before = await postSync(server, batch);
    expect(before.body.results.map((result) => [result.status, (result.errors ?? []).map((error) => error.path)])).toEqual([['invalid', ['data.photos.0.sha256']]]);

    await upload(photo);
    const after = await postSync(server, batch);
    expect(after.body.results).toEqual([{ id: fiche.id, status: 'stored', rev: 1, seq: expect.any(Number) }]);
    const again = await postSync(server, batch);
    expect(again.body.results).toEqual([{ ...after.body.results[0], status: 'duplicate' }]);

    const stored = readDb(server.dbPath, (db) => db.prepare('SELECT record FROM revisions WHERE id = ?').pluck().get(fiche.id)) as string;
    expect(JSON.parse(stored).data.photos).toEqual(fiche.data.photos);
  });

  it('is invalid when the held photo is of another type or size than the record says, naming each field', async () => {
    const photo = freshJpeg();
    await upload(photo);
    const fiche = withPhotos(makeClassroomFiche(), [photoOf(photo, 'image/webp', { bytes: photo.length + 1 })]);

    const answer = await postSync(server, makeBatch([pushOf(fiche)]));

    expect(answer.body.results).toEqual([
      {
        id: fiche.id,
        status: 'invalid',
        errors: [
          { path: 'data.photos.0.type', message: 'Format de la photo (n° 1) : la photo reçue est une image JPEG, pas WebP.' },
          { path: 'data.photos.0.bytes', message: `Taille de la photo (n° 1) : la photo reçue fait ${photo.length.toLocaleString('fr-FR')} octets, pas ${(photo.length + 1).toLocaleString('fr-FR')}.` },
        ],
      },
    ]);
    expect(revisionsOf(fiche.id)).toBe(0);
  });

  it('is refused alone: the other records of its batch, with or without photos, are stored', async () => {
    const held = freshJpeg();
    await upload(held);
    const withHeld = withPhotos(makeClassroomFiche(), [photoOf(held)]);
    const withMissing = withPhotos(makeClassroomFiche(), [photoOf(freshJpeg())]);
    const without = makeClassroomFiche();

    const answer = await postSync(server, makeBatch([pushOf(withHeld), pushOf(withMissing), pushOf(without)]));

    expect(answer.body.results.map((result) => result.status)).toEqual(['stored', 'invalid', 'stored']);
    expect([withHeld, withMissing, without].map((fiche) => revisionsOf(fiche.id))).toEqual([1, 0, 1]);
  });

  it('lists at most five errors for a fiche of twenty photos none of which is held', async () => {
    const photos = Array.from({ length: 20 }, () => photoOf(freshJpeg()));
    const answer = await postSync(server, makeBatch([pushOf(withPhotos(makeClassroomFiche(), photos))]));
    const [result] = answer.body.results;
    expect(result?.status).toBe('invalid');
    const errors = result?.errors ?? [];
    expect(errors.map((error) => error.path)).toEqual(['data.photos.0.sha256', 'data.photos.1.sha256', 'data.photos.2.sha256', 'data.photos.3.sha256', '']);
    expect(errors[4]?.message).toBe('Et 16 autres erreurs sur cette fiche.');
  });
});

describe('the photos of a batch', () => {
  let storeDir: string;
  let store: Store;
  let infoCalls: Array<readonly string[]>;

  beforeEach(async () => {
    storeDir = makeTempDir();
    store = await openStore(storeLocation(join(storeDir, 'tne13.sqlite')));
    // The real store's answers, each call noted.
    const info = store.attachments.info.bind(store.attachments);
    infoCalls = [];
    store.attachments.info = async (sha256s) => {
      infoCalls.push(sha256s);
      return info(sha256s);
    };
  });

  afterEach(async () => {
    await store.close();
    removeTempDir(storeDir);
  });

  it('are looked up in one call to the store for the whole batch, however many records and photos', async () => {
    const images = Array.from({ length: 40 }, () => freshJpeg());
    for (const image of images.slice(0, 39)) await store.attachments.put(photoOf(image).sha256, 'image/jpeg', image);
    // 60 records of 20 photos each (the most a fiche holds); the last one's last photo is the one not held.
    const photosOf = (i: number) => (i === 59 ? images.slice(20) : Array.from({ length: 20 }, (_, j) => images[(i + j) % 39] as Buffer));
    const records = Array.from({ length: 60 }, (_, i) => pushOf(withPhotos(makeClassroomFiche(), photosOf(i).map((image) => photoOf(image)))));

    const answer = await handleBatch(store, makeBatch(records), 'Camille Martin');

    expect(infoCalls).toHaveLength(1);
    expect(new Set(infoCalls[0]).size).toBe(40);
    expect(answer.results.filter((result) => result.status === 'stored')).toHaveLength(59);
    expect(answer.results[59]).toMatchObject({ status: 'invalid', errors: [{ path: 'data.photos.19.sha256' }] });
  });

  it('ask the store nothing when no record has photos', async () => {
    await handleBatch(store, makeBatch([pushOf(makeClassroomFiche())]), 'Camille Martin');
    expect(infoCalls).toEqual([]);
  });
});
