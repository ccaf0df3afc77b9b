// PUT and GET /api/v1/attachments/<sha256> (sync.md v2) over HTTP against the real server and its real store (the
// SQLite file and its photo folder, or PostgreSQL): a photo is kept once however often it is sent, only when its
// bytes are the declared image and hash to its name, within 2 MiB, by the roles that may; and served back byte for
// byte, cacheable for ever, to every role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { PHOTO_MAX_BYTES } from '../../src/model/schema';
import type { SyncError } from '../../src/model/sync-protocol';
import { distinctJpeg, getPhoto, JPEG, photoUrl, putPhoto, sha256Of, WEBP } from './fixtures/photos';
import { keptPhotos } from './store-under-test';
import { makeTempDir, removeTempDir, startServer, type TestServer } from './support';

let dir: string;
let server: TestServer;
let lecteur: string;
let auditeur: string;
/** Each test's own photos: the server is shared, so a test never sends bytes another one sent. */
let next = 0;
const freshJpeg = () => distinctJpeg(++next);

beforeAll(async () => {
  dir = makeTempDir();
  server = await startServer(join(dir, 'tne13.sqlite'));
  lecteur = await server.makeToken('Léa Lecteur', { role: 'lecteur' });
  auditeur = await server.makeToken('Alex Auditeur', { role: 'auditeur' });
});

afterAll(async () => {
  await server.close();
  removeTempDir(dir);
});

/** The copies the store keeps of the photo `sha256`. */
const copiesOf = (sha256: string) => keptPhotos(server.dbPath).filter((photo) => photo.sha256 === sha256);

/** A refusal as sync.md says every one is: JSON `{ error, message }`, the message a French sentence, nothing kept. */
async function expectRefused(response: Response, status: number, error: string, sha256?: string): Promise<SyncError> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expect(response.headers.get('cache-control')).toBe('no-store');
  const body = (await response.json()) as SyncError;
  expect(Object.keys(body).sort()).toEqual(['error', 'message']);
  expect(body.error).toBe(error);
  expect(body.message).toMatch(/^[A-Z][^.]* .*\.$/);
  if (sha256 !== undefined) expect(copiesOf(sha256)).toEqual([]);
  return body;
}

describe('PUT /api/v1/attachments/<sha256>', () => {
  it('keeps a new JPEG (201), answers 200 to the same bytes sent again, and keeps one copy, byte for byte', async () => {
    const bytes = freshJpeg();
    const sha256 = sha256Of(bytes);

    const first = await putPhoto(server, bytes);
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ sha256, type: 'image/jpeg', bytes: bytes.length });
    for (let again = 0; again < 3; again += 1) {
      const repeated = await putPhoto(server, bytes);
      expect(repeated.status).toBe(200);
      expect(await repeated.json()).toEqual({ sha256, type: 'image/jpeg', bytes: bytes.length });
    }

    expect(copiesOf(sha256)).toEqual([{ sha256, type: 'image/jpeg', bytes }]);
  });

  it('keeps a WebP as a WebP', async () => {
    const sha256 = sha256Of(WEBP);
    expect((await putPhoto(server, WEBP, { type: 'image/webp' })).status).toBe(201);
    expect(copiesOf(sha256)).toEqual([{ sha256, type: 'image/webp', bytes: WEBP }]);
  });

  it('accepts a media type with parameters and in capitals, as HTTP allows', async () => {
    const bytes = freshJpeg();
    expect((await putPhoto(server, bytes, { type: 'Image/JPEG; charset=binary' })).status).toBe(201);
  });

  it('answers 400 to a name that is not 64 lowercase hex digits, before reading the body', async () => {
    const bytes = freshJpeg();
    const sha256 = sha256Of(bytes);
    for (const name of [sha256.toUpperCase(), sha256.slice(1), `${sha256}0`, `${sha256.slice(1)}g`, 'photo.jpg']) {
      const body = await expectRefused(await putPhoto(server, bytes, { name }), 400, 'invalid_attachment_name', sha256);
      expect(body.message).toContain('SHA-256');
    }
  });

  it('answers 400 to bytes that do not hash to the name, naming both hashes, and keeps nothing under either', async () => {
    const bytes = freshJpeg();
    const other = sha256Of(freshJpeg());
    const body = await expectRefused(await putPhoto(server, bytes, { name: other }), 400, 'invalid_attachment', other);
    expect(body.message).toBe(`Photo refusée : son empreinte SHA-256 est ${sha256Of(bytes)}, pas ${other} comme le dit l'adresse (image abîmée pendant l'envoi ?).`);
    expect(copiesOf(sha256Of(bytes))).toEqual([]);
  });

  it('answers 400 to bytes that are not the declared image: a JPEG sent as WebP, a WebP as JPEG, random bytes, a WAV, nothing', async () => {
    const jpeg = freshJpeg();
    const random = randomBytes(4096);
    const cases: Array<[Buffer, string, string]> = [
      [jpeg, 'image/webp', 'Photo refusée : le corps envoyé comme image/webp est une image JPEG.'],
      [WEBP, 'image/jpeg', 'Photo refusée : le corps envoyé comme image/jpeg est une image WebP.'],
      [random, 'image/jpeg', "Photo refusée : le corps envoyé comme image/jpeg n'est pas une image JPEG ni WebP."],
      // A RIFF file of another form (a sound) is no WebP.
      [Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WAVEfmt '), random]), 'image/webp', "Photo refusée : le corps envoyé comme image/webp n'est pas une image JPEG ni WebP."],
      [Buffer.alloc(0), 'image/webp', "Photo refusée : le corps envoyé comme image/webp n'est pas une image JPEG ni WebP."],
    ];
    const before = keptPhotos(server.dbPath).length;
    for (const [bytes, type, message] of cases) {
      // Each under its own hash: only what it is refuses it.
      const body = await expectRefused(await putPhoto(server, bytes, { type }), 400, 'invalid_attachment');
      expect(body.message).toBe(message);
    }
    expect(keptPhotos(server.dbPath).length).toBe(before);
  });

  it('answers 415 to another media type or none, even for a real JPEG', async () => {
    const bytes = freshJpeg();
    for (const type of ['image/png', 'application/octet-stream', 'application/json', 'text/plain', 'multipart/form-data; boundary=x', null]) {
      const body = await expectRefused(await putPhoto(server, bytes, { type }), 415, 'unsupported_media_type', sha256Of(bytes));
      expect(body.message).toContain('image/jpeg ou image/webp');
    }
  });

  it('answers 413 to a body over 2 MiB in the photo’s terms, and keeps one of exactly 2 MiB', async () => {
    // Bytes after a JPEG's end marker are ignored by decoders: the image stays a JPEG of any size asked.
    const padded = (size: number) => Buffer.concat([freshJpeg(), Buffer.alloc(size)]).subarray(0, size);
    const over = padded(PHOTO_MAX_BYTES + 1);
    const body = await expectRefused(await putPhoto(server, over), 413, 'payload_too_large', sha256Of(over));
    expect(body.message).toBe('Photo trop volumineuse : au plus 2 Mio (2\u202f097\u202f152 octets).');

    const atLimit = padded(PHOTO_MAX_BYTES);
    expect((await putPhoto(server, atLimit)).status).toBe(201);
    expect(copiesOf(sha256Of(atLimit)).map((photo) => photo.bytes.length)).toEqual([PHOTO_MAX_BYTES]);
  });

  it('answers 401 without a token or with an unknown one, and keeps nothing', async () => {
    const bytes = freshJpeg();
    await expectRefused(await putPhoto(server, bytes, { token: null }), 401, 'unauthorized', sha256Of(bytes));
    await expectRefused(await putPhoto(server, bytes, { token: 'inconnu' }), 401, 'unauthorized', sha256Of(bytes));
  });

  it('answers 403 to a lecteur, whatever the body, and lets an auditeur and an admin upload', async () => {
    const bytes = freshJpeg();
    const refusal = {
      error: 'forbidden',
      message: "Ce jeton (rôle lecteur) ne permet pas d'envoyer des photos ; demandez à l'administrateur un jeton d'auditeur.",
    };
    const refused = await putPhoto(server, bytes, { token: lecteur });
    expect([refused.status, await refused.json()]).toEqual([403, refusal]);
    // The role is refused before anything else is looked at.
    const notAPhoto = await putPhoto(server, Buffer.from('x'), { token: lecteur, type: 'text/plain', name: 'x' });
    expect([notAPhoto.status, await notAPhoto.json()]).toEqual([403, refusal]);
    expect(copiesOf(sha256Of(bytes))).toEqual([]);

    expect((await putPhoto(server, bytes, { token: auditeur })).status).toBe(201);
    expect((await putPhoto(server, bytes, { token: server.token })).status).toBe(200);
  });

  it('answers 405 naming PUT and GET to another method', async () => {
    const response = await fetch(photoUrl(server, sha256Of(JPEG)), { method: 'POST', headers: { authorization: `Bearer ${server.token}` } });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD, PUT');
  });
});

describe('GET /api/v1/attachments/<sha256>', () => {
  it('answers the photo byte for byte to every role, with its type, a strong ETag and a year of private caching', async () => {
    const bytes = freshJpeg();
    const sha256 = sha256Of(bytes);
    await putPhoto(server, bytes);

    for (const token of [lecteur, auditeur, server.token]) {
      const response = await getPhoto(server, sha256, token);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/jpeg');
      expect(response.headers.get('content-length')).toBe(String(bytes.length));
      expect(response.headers.get('etag')).toBe(`"${sha256}"`);
      expect(response.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
    }
  });

  it('answers a WebP as image/webp', async () => {
    await putPhoto(server, WEBP, { type: 'image/webp' });
    const response = await getPhoto(server, sha256Of(WEBP));
    expect(response.headers.get('content-type')).toBe('image/webp');
    expect(Buffer.from(await response.arrayBuffer()).equals(WEBP)).toBe(true);
  });

  it('answers 304 to its ETag, and HEAD without the body', async () => {
    const bytes = freshJpeg();
    const sha256 = sha256Of(bytes);
    await putPhoto(server, bytes);

    const again = await getPhoto(server, sha256, server.token, { 'if-none-match': `W/"${sha256}"` });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(`"${sha256}"`);
    expect(again.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect(await again.text()).toBe('');

    const head = await fetch(photoUrl(server, sha256), { method: 'HEAD', headers: { authorization: `Bearer ${server.token}` } });
    expect([head.status, head.headers.get('content-type'), head.headers.get('content-length'), await head.text()]).toEqual([200, 'image/jpeg', String(bytes.length), '']);
  });

  it('answers 404 in French to a photo not held, even to an ETag of its name', async () => {
    const sha256 = sha256Of(freshJpeg());
    const body = await expectRefused(await getPhoto(server, sha256), 404, 'not_found');
    expect(body.message).toBe(`Photo ${sha256} inconnue du serveur : elle n'a pas été reçue.`);
    await expectRefused(await getPhoto(server, sha256, server.token, { 'if-none-match': `"${sha256}"` }), 404, 'not_found');
  });

  it('answers 400 to a name that is no hash (a path that tries to leave the folder included), 401 without a token', async () => {
    for (const name of ['..%2F..%2Ftne13.sqlite', 'ABC', sha256Of(JPEG).toUpperCase()]) await expectRefused(await getPhoto(server, name), 400, 'invalid_attachment_name');
    await putPhoto(server, JPEG);
    await expectRefused(await getPhoto(server, sha256Of(JPEG), null), 401, 'unauthorized');
  });
});
