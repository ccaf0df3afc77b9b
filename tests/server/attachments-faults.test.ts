// Photo uploads at the worst moments (issue 17, "nothing lost, nothing doubled"), against the real server and store:
// many devices sending one photo at once; a connection cut in the middle of a photo, or once it is sent and before
// its answer; and `npm run serve` killed with SIGKILL while devices upload (a power cut, the OOM killer), then started
// again. A photo is kept whole under its name or not at all, once, and a device's retry always completes it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import { sniffPhotoType } from '../../server/src/attachments';
import { TEMP_FOLDER } from '../../server/src/store/attachments/folder';
import { distinctJpeg, getPhoto, photoOf, putPhoto, sha256Of } from './fixtures/photos';
import { openSocket } from './raw-http';
import { DEMO_TOKEN_PRINTED, LISTENING, serveProcess, type ServeProcess } from './serve-process';
import { keptPhotos, ON_POSTGRES, photoFolder, photoTempFiles } from './store-under-test';
import { makeBatch, makeTempDir, postSync, pushOf, removeTempDir, startServer, type TestServer } from './support';
import { makeClassroomFiche } from '../../src/model/make';

let dir: string;
let dbPath: string;

beforeEach(() => {
  dir = makeTempDir();
  dbPath = join(dir, 'tne13.sqlite');
});

afterEach(() => {
  removeTempDir(dir);
});

/** A photo of about `size` bytes, its own: a JPEG followed by random bytes (which decoders ignore). */
const bigPhoto = (n: number, size: number) => Buffer.concat([distinctJpeg(n), randomBytes(size)]);

/** Every copy kept is whole: its bytes hash to its name and are the image its type says; no photo is kept twice. */
function expectEveryKeptPhotoWhole(): Set<string> {
  const kept = keptPhotos(dbPath);
  for (const photo of kept) {
    expect(sha256Of(photo.bytes), `${photo.sha256} kept with other bytes`).toBe(photo.sha256);
    expect(sniffPhotoType(photo.bytes)).toBe(photo.type);
  }
  const names = kept.map((photo) => photo.sha256);
  expect(new Set(names).size).toBe(names.length);
  return new Set(names);
}

describe('uploads in flight', () => {
  let server: TestServer;

  beforeEach(async () => {
    server = await startServer(dbPath);
  });

  afterEach(async () => {
    await server.close();
  });

  /** The server's side of the next connection made: resolves once the server has seen it closed. */
  function nextConnectionClosed(): Promise<void> {
    return new Promise((resolve) => server.app.server.once('connection', (socket: Socket) => socket.once('close', () => resolve())));
  }

  /** Sends the head of a PUT of `photo` and the first `sent` bytes of its body, then cuts the connection. */
  async function cutUpload(photo: Buffer, sent: number): Promise<void> {
    const { host } = new URL(server.url);
    const head = [
      `PUT /api/v1/attachments/${sha256Of(photo)} HTTP/1.1`,
      `Host: ${host}`,
      `Authorization: Bearer ${server.token}`,
      'Content-Type: image/jpeg',
      `Content-Length: ${photo.length}`,
      '',
      '',
    ].join('\r\n');
    const closedOnServer = nextConnectionClosed();
    const open = await openSocket(server.url, head, photo.subarray(0, sent));
    // What was written has left: the cut comes after it, as a network that drops mid-way.
    await new Promise<void>((done) => open.socket.write('', () => done()));
    open.socket.destroy();
    await closedOnServer;
  }

  it('keeps one copy of a photo that many devices send at once: each is answered 200 or 201, one of them 201', async () => {
    const photos = Array.from({ length: 6 }, (_, i) => bigPhoto(i, 300_000));
    const answers = await Promise.all(photos.flatMap((photo) => Array.from({ length: 5 }, () => putPhoto(server, photo))));
    const statuses = answers.map((answer) => answer.status);

    for (let i = 0; i < photos.length; i += 1) {
      const mine = statuses.slice(i * 5, i * 5 + 5);
      expect(mine.filter((status) => status === 201)).toHaveLength(1);
      expect(mine.filter((status) => status === 200)).toHaveLength(4);
    }
    expect(expectEveryKeptPhotoWhole()).toEqual(new Set(photos.map((photo) => sha256Of(photo))));
    expect(photoTempFiles(dbPath)).toEqual([]);
  });

  it('keeps nothing of an upload cut in the middle of the photo, or one byte short, and the retry keeps it', async () => {
    const photo = bigPhoto(10, 1_500_000);
    for (const sent of [Math.floor(photo.length / 2), photo.length - 1]) {
      await cutUpload(photo, sent);
      expect(keptPhotos(dbPath)).toEqual([]);
      expect(photoTempFiles(dbPath)).toEqual([]);
      expect((await getPhoto(server, sha256Of(photo))).status).toBe(404);
    }

    // The device's retry, and the fiche that waited for it.
    expect((await putPhoto(server, photo)).status).toBe(201);
    expect(expectEveryKeptPhotoWhole()).toEqual(new Set([sha256Of(photo)]));
    const fiche = { ...makeClassroomFiche(), data: { ...makeClassroomFiche().data, photos: [photoOf(photo)] } };
    expect((await postSync(server, makeBatch([pushOf(fiche)]))).body.results[0]?.status).toBe('stored');
  });

  it('keeps one copy of an upload whose answer was lost, and answers its retry 200 or 201', async () => {
    const photo = bigPhoto(11, 1_000_000);
    await cutUpload(photo, photo.length);
    const retry = await putPhoto(server, photo);
    expect([200, 201]).toContain(retry.status);
    expect(expectEveryKeptPhotoWhole()).toEqual(new Set([sha256Of(photo)]));
    expect(Buffer.from(await (await getPhoto(server, sha256Of(photo))).arrayBuffer()).equals(photo)).toBe(true);
  });
});

describe('the server killed while devices upload', () => {
  const UPLOADERS = 6;
  const PHOTOS = 48;
  /** Photos acknowledged, and uploads in flight at that moment, before the kill may come. */
  const ACKNOWLEDGED_BEFORE_KILL = 12;
  const IN_FLIGHT_AT_KILL = 3;

  let running: ServeProcess | undefined;

  afterEach(async () => {
    if (running !== undefined) {
      process.kill(running.pid, 'SIGKILL');
      await running.exited;
      running = undefined;
    }
  });

  async function start(printed: RegExp): Promise<ServeProcess> {
    const started = await serveProcess(dbPath, {}, printed);
    if (!('url' in started)) throw new Error(`le serveur ne démarre pas (${started.code}) : ${started.stderr}`);
    running = started;
    return started;
  }

  it('leaves every photo kept whole under its name, each acknowledged one kept, and every retry completes', async () => {
    const photos = Array.from({ length: PHOTOS }, (_, i) => bigPhoto(100 + i, 200_000 + ((i * 37_000) % 1_600_000)));
    let server = await start(DEMO_TOKEN_PRINTED);
    const token = /Premier démarrage.*\n +(\S+)\n/.exec(server.stdout)?.[1] as string;
    const reachable = { url: server.url, token };

    const acknowledged = new Set<string>();
    let inFlight = 0;
    let nextPhoto = 0;
    let killed = false;
    const uploader = async () => {
      while (!killed && nextPhoto < photos.length) {
        const photo = photos[nextPhoto++] as Buffer;
        inFlight += 1;
        try {
          const answer = await putPhoto(reachable, photo);
          expect([200, 201]).toContain(answer.status);
          acknowledged.add(sha256Of(photo));
          // The kill comes at an answer, once enough are acknowledged and while others are on their way.
          if (!killed && acknowledged.size >= ACKNOWLEDGED_BEFORE_KILL && inFlight - 1 >= IN_FLIGHT_AT_KILL) {
            killed = true;
            process.kill(server.pid, 'SIGKILL');
          }
        } catch (error) {
          // Only the kill ends an upload without an answer.
          if (!killed) throw error;
        } finally {
          inFlight -= 1;
        }
      }
    };
    await Promise.all(Array.from({ length: UPLOADERS }, uploader));
    expect(killed).toBe(true);
    await server.exited;
    running = undefined;

    const keptAtKill = expectEveryKeptPhotoWhole();
    for (const sha256 of acknowledged) expect(keptAtKill.has(sha256), `acknowledged ${sha256} lost`).toBe(true);
    expect(keptAtKill.size).toBeLessThan(PHOTOS);

    // What a write killed long ago would have left in tmp/, and what another instance may be writing right now.
    const tempFolder = join(photoFolder(dbPath), TEMP_FOLDER);
    if (!ON_POSTGRES) {
      mkdirSync(tempFolder, { recursive: true });
      writeFileSync(join(tempFolder, 'ancien'), 'x');
      const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
      utimesSync(join(tempFolder, 'ancien'), twoHoursAgo, twoHoursAgo);
      writeFileSync(join(tempFolder, 'en-cours'), 'x');
    }

    server = await start(LISTENING);
    const again = { url: server.url, token };
    if (!ON_POSTGRES) {
      expect(existsSync(join(tempFolder, 'ancien'))).toBe(false);
      expect(readdirSync(tempFolder)).toContain('en-cours');
    }
    // Every device sends again what it has not seen acknowledged; what was acknowledged is held.
    for (const photo of photos) {
      const answer = await putPhoto(again, photo);
      expect(answer.status).toBe(keptAtKill.has(sha256Of(photo)) ? 200 : 201);
    }
    expect(expectEveryKeptPhotoWhole()).toEqual(new Set(photos.map((photo) => sha256Of(photo))));
    for (const photo of photos.slice(0, 5)) {
      expect(Buffer.from(await (await getPhoto(again, sha256Of(photo))).arrayBuffer()).equals(photo)).toBe(true);
    }
  });
});

describe('a configured photo folder (TNE13_ATTACHMENTS_DIR)', () => {
  it('is where `npm run serve` keeps photos, whatever the store, and nothing goes to the store’s own place', async () => {
    const shared = join(dir, 'partage-photos');
    const started = await serveProcess(dbPath, { TNE13_ATTACHMENTS_DIR: shared }, DEMO_TOKEN_PRINTED);
    if (!('url' in started)) throw new Error(`le serveur ne démarre pas (${started.code}) : ${started.stderr}`);
    try {
      const token = /Premier démarrage.*\n +(\S+)\n/.exec(started.stdout)?.[1] as string;
      const photo = distinctJpeg(500);
      const sha256 = sha256Of(photo);
      expect((await putPhoto({ url: started.url, token }, photo)).status).toBe(201);

      expect(readdirSync(join(shared, sha256.slice(0, 2)))).toEqual([`${sha256}.jpg`]);
      expect(keptPhotos(dbPath)).toEqual([]);
      expect(Buffer.from(await (await getPhoto({ url: started.url, token }, sha256)).arrayBuffer()).equals(photo)).toBe(true);
    } finally {
      await started.stop();
    }
  });
});
