// Issue 14, "the record is stored as validated": the attacks on what a record may hold, over HTTP against the real
// server and SQLite file. Each was reproduced before the fix: padding stored, unknown fields dropped silently,
// deep nesting stored, echoing answers, zero-width labels accepted, emoji counted twice.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { makeClassroomFiche, makeSchoolFiche } from '../../src/model/make';
import { RECORD_MAX_BYTES } from '../../src/model/record-bounds';
import { canonicalJson, type SyncResult } from '../../src/model/sync-protocol';
import { countRows, makeBatch, makeTempDir, postSync, push, pushOf, readDb, removeTempDir, startServer } from './support';
import type { TestServer } from './support';
import { ON_POSTGRES } from './store-under-test';

let dir: string;
let server: TestServer;

beforeEach(async () => {
  dir = makeTempDir();
  server = await startServer(join(dir, 'tne13.sqlite'));
});

afterEach(async () => {
  await server.close();
  removeTempDir(dir);
});

/**
 * The database's bytes on disk: the file and its write-ahead log, or on PostgreSQL the database's files (its
 * write-ahead log is the whole server's, shared with other tests' databases). PostgreSQL compresses a long text, so
 * there the records' stored length is what tells padding kept.
 */
function diskBytes(): number {
  if (ON_POSTGRES) return readDb(server.dbPath, (db) => db.prepare('SELECT pg_database_size(current_database()) AS size').pluck().get() as number);
  const wal = `${server.dbPath}-wal`;
  return statSync(server.dbPath).size + (existsSync(wal) ? statSync(wal).size : 0);
}

function storedRecord(id: string): Record<string, unknown> | undefined {
  const text = readDb(server.dbPath, (db) => db.prepare('SELECT record FROM revisions WHERE id = ?').pluck().get(id)) as string | undefined;
  return text === undefined ? undefined : (JSON.parse(text) as Record<string, unknown>);
}

/** A body whose JSON puts `raw` (a JSON text made by hand, such as deep nesting) in place of the marker. */
function bodyWith(records: unknown[], marker: string, raw: string): string {
  return JSON.stringify(makeBatch(records)).replace(`"${marker}"`, raw);
}

/** Objects nested `levels` deep (`{"a":{"a":…}}`), or arrays, which take fewer bytes. */
const nested = (levels: number, arrays = false) => (arrays ? '['.repeat(levels) + ']'.repeat(levels) : '{"a":'.repeat(levels) + '1' + '}'.repeat(levels));

describe('padding', () => {
  it('a notes field padded with a million spaces is stored trimmed, and the database grows by less than 64 KiB a record', async () => {
    const before = diskBytes();
    const fiches = Array.from({ length: 10 }, () => makeClassroomFiche({ data: { notes: 'ok' + ' '.repeat(1_040_000) } }));
    for (const fiche of fiches) expect((await push(server, [pushOf(fiche)]))[0]?.status).toBe('stored');

    for (const fiche of fiches) expect((storedRecord(fiche.id)?.data as { notes: string }).notes).toBe('ok');
    const storedBytes = readDb(server.dbPath, (db) => db.prepare('SELECT SUM(length(record)) FROM revisions').pluck().get() as number);
    expect(storedBytes).toBeLessThan(10 * 1_000);
    expect(diskBytes() - before).toBeLessThan(10 * 64 * 1_024);
  });

  it('padding with zero-width spaces and joiners is trimmed like spaces', async () => {
    const fiche = makeClassroomFiche({ data: { label: '\u200b\u2060CM1 B\ufeff\u200c\u200d', notes: 'fenêtre\u200b'.padEnd(300_000, '\u200b') } });
    expect((await push(server, [pushOf(fiche)]))[0]?.status).toBe('stored');
    expect(storedRecord(fiche.id)?.data).toMatchObject({ label: 'CM1 B', notes: 'fenêtre' });
  });

  it('spaces inside a text are kept as typed, and count: a million of them is refused, naming the length', async () => {
    const fiche = makeClassroomFiche({ data: { notes: `o${' '.repeat(1_000_000)}k` } });
    const [result] = await push(server, [pushOf(fiche)]);
    expect(result).toEqual({ id: fiche.id, status: 'invalid', errors: [{ path: 'data.notes', message: 'Remarques : 2\u202f000 caractères au plus (1\u202f000\u202f002 saisis).' }] });
    expect(countRows(server.dbPath, 'revisions')).toBe(0);
  });

  it('an export after a padding attack answers, and again after a restart', async () => {
    const padded = Array.from({ length: 20 }, (_, i) =>
      pushOf(makeClassroomFiche({ data: { label: `Salle ${i}${' '.repeat(40_000)}`, notes: 'ok' + '\u200b'.repeat(10_000) } })),
    );
    await push(server, padded.slice(0, 10));
    await push(server, padded.slice(10));
    const exportXlsx = async () => {
      const response = await fetch(`${server.url}/api/v1/export.xlsx?campaign=2026-2027`, { headers: { authorization: `Bearer ${server.token}` } });
      return { status: response.status, bytes: (await response.arrayBuffer()).byteLength };
    };
    const first = await exportXlsx();
    expect(first.status).toBe(200);
    expect(first.bytes).toBeLessThan(200_000);

    await server.close();
    server = await startServer(server.dbPath);
    expect((await exportXlsx()).status).toBe(200);
  });
});

describe('unknown fields', () => {
  type Add = (record: Record<string, unknown>) => Record<string, unknown>;
  it.each<[string, Add]>([
    ['foo', (r) => ({ ...r, foo: 'x' })],
    ['data.foo', (r) => ({ ...r, data: { ...(r.data as object), foo: { bar: 1 } } })],
    ['data.display.foo', (r) => ({ ...r, data: { ...(r.data as object), display: { ...(r.data as { display: object }).display, foo: null } } })],
    ['author.email', (r) => ({ ...r, author: { ...(r.author as object), email: 'a@b.fr' } })],
  ])('an unknown field %s is refused naming it, and nothing is stored', async (path, add) => {
    const record = add(pushOf(makeClassroomFiche()) as unknown as Record<string, unknown>);
    const [result] = await push(server, [record]);
    expect(result).toEqual({ id: record.id, status: 'invalid', errors: [{ path, message: `Champ inconnu : ${path}.` }] });
    expect(countRows(server.dbPath, 'revisions')).toBe(0);
  });

  it('an unknown field in a fleet is refused naming the fleet', async () => {
    const school = makeSchoolFiche({ data: { fleets: [{ id: 'f1', type: 'tablet', count: 10, workingCount: 9, year: 2022, charging: 'cart', mdm: true }] } });
    const record = pushOf(school) as unknown as { data: { fleets: Record<string, unknown>[] } };
    record.data.fleets[0] = { ...record.data.fleets[0], serials: ['A1', 'A2'] };
    const [result] = await push(server, [record]);
    expect(result?.errors).toEqual([{ path: 'data.fleets.0.serials', message: 'Champ inconnu : data.fleets.0.serials.' }]);
  });

  it('an unknown field named by 100,000 characters is quoted by its start only', async () => {
    const name = 'x'.repeat(100_000);
    const [result] = await push(server, [{ ...pushOf(makeClassroomFiche()), [name]: 1 }]);
    expect(result?.errors).toEqual([{ path: `${'x'.repeat(40)}…`, message: `Champ inconnu : ${'x'.repeat(40)}….` }]);
  });
});

describe('size', () => {
  /** A valid school fiche whose canonical JSON, as stored, is exactly `bytes` long. */
  function schoolOfSize(bytes: number) {
    const family = '\u{1f468}\u200d\u{1f469}\u200d\u{1f467}\u200d\u{1f466}'; // one character, 25 bytes
    const school = makeSchoolFiche({ data: { needs: family.repeat(2_500) } });
    const size = (notes: string) => new TextEncoder().encode(canonicalJson({ ...school, data: { ...school.data, notes } })).length;
    return makeSchoolFiche({ data: { needs: school.data.needs, notes: 'x'.repeat(bytes - size('')) } });
  }

  it('a record of 64 KiB as stored is stored; one of 65 KiB is refused, naming its size', async () => {
    const fits = schoolOfSize(RECORD_MAX_BYTES);
    const over = schoolOfSize(65 * 1_024);
    const results = await push(server, [pushOf(fits), pushOf({ ...over, uai: '0130570Z', id: 'ecole-2026-2027-0130570Z' })]);

    expect(results[0]?.status).toBe('stored');
    expect(results[1]).toMatchObject({ status: 'invalid', errors: [{ path: 'data.needs', message: 'Besoins exprimés : texte trop long pour la fiche (65 Kio une fois enregistrée, au plus 64 Kio) : raccourcissez-le.' }] });
    const stored = readDb(server.dbPath, (db) => db.prepare('SELECT record FROM revisions').pluck().all() as string[]);
    expect(stored.map((text) => new TextEncoder().encode(text).length)).toEqual([RECORD_MAX_BYTES]);
  });

  it('200,000 empty fleets: the record is refused with one message, at once, and the answer is small', async () => {
    const body = bodyWith([{ ...pushOf(makeSchoolFiche()), data: { ...makeSchoolFiche().data, fleets: 'FLEETS' } }], 'FLEETS', `[${Array(200_000).fill('{}').join(',')}]`);
    const started = Date.now();
    const answer = await postSync(server, body);
    const elapsedMs = Date.now() - started;

    expect(answer.status).toBe(200);
    expect(answer.body.results[0]?.status).toBe('invalid');
    expect(answer.body.results[0]?.errors).toHaveLength(1);
    expect(JSON.stringify(answer.body).length).toBeLessThan(1_000);
    // Before: 14,000 messages and 600 ms for 2,000 fleets, minutes for 200,000, the server deaf meanwhile.
    expect(elapsedMs).toBeLessThan(5_000);
  });
});

describe('nesting', () => {
  it.each([[2_200, 'objects'], [500_000, 'arrays']])('%i levels of nesting (%s) in an unknown field: that record invalid, the rest of the batch stored, no 500', async (levels, kind) => {
    const good = pushOf(makeClassroomFiche());
    const deep = { ...pushOf(makeClassroomFiche()), extra: 'DEEP' };
    const answer = await postSync(server, bodyWith([good, deep], 'DEEP', nested(levels, kind === 'arrays')));

    expect(answer.status).toBe(200);
    expect(answer.body.results.map((r) => r.status)).toEqual(['stored', 'invalid']);
    expect(answer.body.results[1]?.errors?.[0]?.message).toMatch(/imbrication trop profonde/);
    expect(countRows(server.dbPath, 'revisions')).toBe(1);
  });

  it('deep nesting under "constructor" keys, which makes the parser scan for prototype poisoning, is refused the same way', async () => {
    const deep = { ...pushOf(makeClassroomFiche()), extra: 'DEEP' };
    const answer = await postSync(server, bodyWith([deep], 'DEEP', '{"constructor":'.repeat(60_000) + '1' + '}'.repeat(60_000)));
    expect(answer.status).toBe(200);
    expect(answer.body.results[0]?.errors?.[0]?.message).toMatch(/imbrication trop profonde sous extra\.constructor/);
  });

  it('deep nesting in a known field is refused the same way', async () => {
    const deep = { ...pushOf(makeClassroomFiche()), data: 'DEEP' };
    const answer = await postSync(server, bodyWith([deep], 'DEEP', nested(100_000)));
    expect(answer.status).toBe(200);
    expect(answer.body.results[0]).toMatchObject({ status: 'invalid', errors: [{ path: 'data.a.a.a.a.a.a.a', message: expect.stringMatching(/imbrication trop profonde sous data\.a\.a/) }] });
  });
});

describe('the answer to invalid records', () => {
  const answerBytes = (results: SyncResult[]) => JSON.stringify(results).length;

  it('stays smaller than the request when every field echoes 10,000 characters', async () => {
    const long = 'x'.repeat(10_000);
    const records = Array.from({ length: 12 }, () => ({
      ...pushOf(makeClassroomFiche()),
      id: long, uai: long, campaign: long,
      data: { ...makeClassroomFiche().data, label: long, levels: [long], display: { type: long, condition: long, year: 1850, sizeInches: null } },
    }));
    const body = JSON.stringify(makeBatch(records));
    const answer = await postSync(server, body);

    expect(answer.status).toBe(200);
    expect(answer.body.results.every((r) => r.status === 'invalid' && r.id === '' && (r.errors?.length ?? 0) <= 5)).toBe(true);
    expect(answerBytes(answer.body.results)).toBeLessThan(body.length / 10);
  });

  it('lists at most five errors a record, the last saying how many more', async () => {
    const record = { ...pushOf(makeSchoolFiche()), data: { status: 'draft' } };
    const [result] = await push(server, [record]);
    expect(result?.errors).toHaveLength(5);
    expect(result?.errors?.[4]).toEqual({ path: '', message: expect.stringMatching(/^Et \d+ autres erreurs sur cette fiche\.$/) });
  });

  it('answers 500 of the emptiest records in under 400 bytes a record (was 600, nine errors each)', async () => {
    const body = JSON.stringify(makeBatch(Array.from({ length: 500 }, () => ({ kind: 'school' }))));
    const answer = await postSync(server, body);
    expect(answer.status).toBe(200);
    expect(answer.body.results.every((r) => r.status === 'invalid' && r.errors?.length === 5)).toBe(true);
    expect(answerBytes(answer.body.results)).toBeLessThan(500 * 400);
  });
});

describe('characters as a reader counts them', () => {
  it('a label of zero-width spaces is blank: obligatoire', async () => {
    const fiche = makeClassroomFiche({ data: { label: '\u200b\u200c\u200d\u2060\ufeff \u200b' } });
    const [result] = await push(server, [pushOf(fiche)]);
    expect(result).toEqual({ id: fiche.id, status: 'invalid', errors: [{ path: 'data.label', message: 'Nom de la classe : ce champ est obligatoire.' }] });
  });

  it('31 emoji count as 31, and 61 are refused as 61', async () => {
    const emoji = ['😀', '👍🏽', '🇫🇷', '👩‍🏫', 'é'];
    const label = (n: number) => Array.from({ length: n }, (_, i) => emoji[i % emoji.length]).join('');
    const ok = makeClassroomFiche({ data: { label: label(31) } });
    const over = makeClassroomFiche({ data: { label: label(61) } });
    const results = await push(server, [pushOf(ok), pushOf(over)]);

    expect(results[0]?.status).toBe('stored');
    expect((storedRecord(ok.id)?.data as { label: string }).label).toBe(label(31));
    expect(results[1]?.errors).toEqual([{ path: 'data.label', message: 'Nom de la classe : 60 caractères au plus (61 saisis).' }]);
  });
});
