// Several instances of the server on one store (issue 16): two real server processes (`npm run serve`) on one store,
// eight tablets running the real sync client (src/sync, on fake-indexeddb) that send each batch and each page of a
// pull to either process at random, as a load balancer without affinity would. Tablets edit their own fiches and,
// three at a time, fiches they share (each a field of its own), concurrently: pushes meet conflicts and merge. Once
// they stop and sync until quiet, the server holds every revision acknowledged `stored` exactly once and nothing else,
// each fiche's head holds every last edit, and every tablet holds exactly the server's heads. Then what one instance
// answered holds on the other: ETags (304 on either), a token revoked (401 on both at once), and the failed
// authentications counted by one (429 on the other).
//
// Once on each store: SQLite (one file in WAL mode, two processes) and PostgreSQL; TNE13_TEST_STORE=sqlite or
// postgres runs one of them alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openStore } from '../../server/src/store/open-store';
import { createToken } from '../../server/src/tokens';
import { makeClassroomData } from '../../src/model/make';
import { contentOf, type ChangesResponse, type Head } from '../../src/model/sync-protocol';
import type { FicheHistory, Store } from '../../server/src/store/store';
import { AuditDb } from '../../src/storage/db';
import { saveRevision } from '../../src/storage/fiches';
import { listOutbox } from '../../src/storage/outbox';
import { cursorKey, getCursor } from '../../src/storage/pulled';
import { runSync, type RunReport } from '../../src/sync/sync-run';
import { fetchChanges, sendBatch, type Endpoint } from '../../src/sync/transport';
import type { Author, ClassroomData, ClassroomFiche } from '../../src/model/types';
import { createRandom } from '../fixtures/departement/prng';
import { requestFrom } from './raw-http';
import { createTestDatabase } from './pg/database';
import { serveProcess, type ServeProcess } from './serve-process';
import { makeTempDir, removeTempDir } from './support';
import { STORE_KIND } from './store-under-test';

const CAMPAIGN = '2026-2027';
const UAI = '0130569Y';
const DEVICES = 8;
/** Fiches each tablet creates for itself, and fiches shared by three tablets (created by the first of them). */
const OWN_FICHES = 3;
const SHARED_FICHES = 16;
const ROUNDS = 6;
/** Small batches and pages: a run's requests are many, and each goes to either instance. */
const BATCH_RECORDS = 5;
const PAGE_SIZE = 7;

/** The fields a tablet edits: on a shared fiche each of its three writers has one of them. */
const FIELDS = ['pupils', 'notes', 'year'] as const;
type Field = (typeof FIELDS)[number];

const valueOf = (data: ClassroomData, field: Field): unknown => (field === 'year' ? data.display.year : data[field]);

/** Where the two processes keep their data, and how the test reaches it. */
interface SharedStore {
  /** What `openStore` opens: a SQLite file, or a PostgreSQL URL. */
  location: string;
  /** What a server process is started with to use it (added to TNE13_DB = `location`, which the SQLite store reads). */
  env: Record<string, string>;
  drop(): Promise<void>;
}

type StoreKind = 'sqlite' | 'postgres';

const SHARED_STORES: Record<StoreKind, () => Promise<SharedStore>> = {
  // One file in WAL mode, opened by both processes.
  async sqlite() {
    const dir = makeTempDir();
    return { location: join(dir, 'tne13.sqlite'), env: {}, drop: async () => removeTempDir(dir) };
  },
  // A fresh database of the run's PostgreSQL server (tests/server/pg/global-setup.ts), named by DATABASE_URL.
  async postgres() {
    const database = await createTestDatabase();
    return { location: database.url, env: { DATABASE_URL: database.url }, drop: () => database.drop() };
  },
};

/** The store of the project running the file (store-under-test.ts): the server suite runs once on each. */
function storesUnderTest(): StoreKind[] {
  return [STORE_KIND];
}

/** Runs `use` on a store of the test's own on `shared`, as a CLI would while the servers run. */
async function withStore<T>(shared: SharedStore, use: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(shared.location);
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

interface Acknowledged {
  id: string;
  rev: number;
  seq: number;
}

/** A tablet: its database, its token, its writes and what it heard. */
class Tablet {
  readonly db: AuditDb;
  readonly author: Author;
  readonly reports: RunReport[] = [];
  /** Every `stored` result it was answered. */
  readonly stored: Acknowledged[] = [];

  constructor(
    readonly index: number,
    private readonly token: string,
  ) {
    this.author = { name: `Tablette ${index}`, role: 'erun' };
    this.db = new AuditDb(`tablette-${index}-${crypto.randomUUID()}`);
  }

  endpointOf(server: ServeProcess): Endpoint {
    return { url: `${server.url}/api/v1/sync`, token: this.token };
  }
}

describe.each(storesUnderTest())('two server processes on one store (%s)', (kind) => {
  let store: SharedStore;
  let servers: ServeProcess[];
  let adminToken: string;
  const tablets: Tablet[] = [];

  beforeAll(async () => {
    store = await SHARED_STORES[kind]();
    // Tokens made before the servers start: neither prints a demonstration token.
    adminToken = await withStore(store, (opened) => createToken(opened, 'Test', { role: 'admin' }));
    for (let i = 0; i < DEVICES; i += 1) tablets.push(new Tablet(i, await withStore(store, (opened) => createToken(opened, `Tablette ${i}`))));
    const started = await Promise.all([serveProcess(store.location, store.env), serveProcess(store.location, store.env)]);
    servers = started.filter((s): s is ServeProcess => 'url' in s);
    expect(started.filter((s) => !('url' in s))).toEqual([]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all((servers ?? []).map((server) => server.stop()));
    await Promise.all(tablets.map((tablet) => tablet.db.delete()));
    await store?.drop();
  });

  const get = async <T>(server: ServeProcess, path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${adminToken}`, ...headers } });
    return { status: response.status, etag: response.headers.get('etag'), body: response.status === 200 ? ((await response.json()) as T) : undefined };
  };

  /** Every head of the campaign, paged through the first instance. */
  async function serverHeads(): Promise<Map<string, Head>> {
    const heads = new Map<string, Head>();
    for (let since = '0'; ; ) {
      const page = (await get<ChangesResponse>(servers[0] as ServeProcess, `/api/v1/changes?campaign=${CAMPAIGN}&since=${since}&limit=1000`)).body as ChangesResponse;
      for (const head of page.changes) heads.set(head.record.id, head);
      since = page.cursor;
      if (!page.more) return heads;
    }
  }

  it('loses and doubles no revision, and every tablet converges, with batches and pages sent to either instance', { timeout: 90_000 }, async () => {
    const random = createRandom(16);
    const used = { push: new Set<number>(), pull: new Set<number>() };
    const pick = (kind: 'push' | 'pull') => {
      const index = random.int(0, servers.length - 1);
      used[kind].add(index);
      return servers[index] as ServeProcess;
    };
    const sync = async (tablet: Tablet) => {
      const report = await runSync({
        db: tablet.db,
        endpoint: tablet.endpointOf(servers[0] as ServeProcess),
        deviceId: `tablette-${tablet.index}`,
        campaign: CAMPAIGN,
        merger: { author: tablet.author, referentialVersion: '2026.1' },
        maxRecords: BATCH_RECORDS,
        pageSize: PAGE_SIZE,
        send: async (_endpoint, request, signal) => {
          const outcome = await sendBatch(tablet.endpointOf(pick('push')), request, signal);
          if (outcome.kind === 'answered') {
            for (const result of outcome.response.results) if (result.status === 'stored') tablet.stored.push({ id: result.id, rev: result.rev as number, seq: result.seq as number });
          }
          return outcome;
        },
        fetchPage: (_endpoint, query, signal) => fetchChanges(tablet.endpointOf(pick('pull')), query, signal),
      });
      tablet.reports.push(report);
      return report;
    };
    /** A sync, again after the wait a refusal asked for (503 from a busy instance), until one ends done. */
    const syncUntilDone = async (tablet: Tablet) => {
      for (let attempt = 0; ; attempt += 1) {
        const report = await sync(tablet);
        if (report.end.kind !== 'later' || attempt === 5) {
          expect(report.end, `tablette ${tablet.index}`).toEqual({ kind: 'done' });
          return report;
        }
        await new Promise((done) => setTimeout(done, report.end.kind === 'later' ? (report.end.retryAfterMs ?? 1_000) : 0));
      }
    };

    // Who writes what: a tablet's own fiches, every field; a shared fiche, three tablets, one field each.
    const writers = new Map<string, Map<number, readonly Field[]>>();
    const create = async (tablet: Tablet, label: string, fields: Map<number, readonly Field[]>) => {
      const fiche = await saveRevision(tablet.db, { id: random.uuid(), kind: 'classroom', uai: UAI, campaign: CAMPAIGN, data: makeClassroomData({ label }), author: tablet.author });
      writers.set(fiche.id, fields);
    };
    for (const tablet of tablets) {
      for (let i = 0; i < OWN_FICHES; i += 1) await create(tablet, `Salle ${tablet.index}-${i}`, new Map([[tablet.index, FIELDS]]));
    }
    for (let i = 0; i < SHARED_FICHES; i += 1) {
      const three = [i % DEVICES, (i + 3) % DEVICES, (i + 5) % DEVICES];
      await create(tablets[three[0] as number] as Tablet, `Salle partagée ${i}`, new Map(three.map((d, k) => [d, [FIELDS[k] as Field]])));
    }
    // Everyone sends what it made, then takes the others'.
    for (let pass = 0; pass < 2; pass += 1) for (const tablet of tablets) await syncUntilDone(tablet);
    for (const tablet of tablets) expect(await tablet.db.fiches.count()).toBe(writers.size);

    // The last value written of each (fiche, field): each has one writer, so the server must end with exactly it.
    const expected = new Map<string, unknown>();
    const edit = async (tablet: Tablet) => {
      const mine = [...writers].flatMap(([id, fields]) => (fields.has(tablet.index) ? [[id, fields.get(tablet.index) as readonly Field[]] as const] : []));
      const [id, fields] = random.pick(mine);
      const field = random.pick(fields);
      const fiche = (await tablet.db.fiches.get(id)) as ClassroomFiche;
      const value = field === 'notes' ? `note ${random.int(1, 1_000_000)}` : field === 'pupils' ? random.int(0, 40) : random.int(2010, 2026);
      const data = field === 'year' ? { ...fiche.data, display: { ...fiche.data.display, year: value as number } } : { ...fiche.data, [field]: value };
      await saveRevision(tablet.db, { id, kind: 'classroom', uai: UAI, campaign: CAMPAIGN, data, author: tablet.author });
      expected.set(`${id} ${field}`, value);
    };

    // The tablets at work all at once: a few edits, a sync, again.
    await Promise.all(
      tablets.map(async (tablet) => {
        for (let round = 0; round < ROUNDS; round += 1) {
          for (let k = random.int(1, 4); k > 0; k -= 1) await edit(tablet);
          const report = await sync(tablet);
          // A busy instance may shed a request (503, Retry-After): what was not sent is sent at the next round.
          expect(['done', 'later'], `tablette ${tablet.index}`).toContain(report.end.kind);
          expect(report.arbitrated).toBe(0);
        }
      }),
    );

    // They stop, and sync one after the other until a round where nothing moves.
    for (let round = 0; ; round += 1) {
      expect(round).toBeLessThan(8);
      const reports: RunReport[] = [];
      for (const tablet of tablets) reports.push(await syncUntilDone(tablet));
      if (reports.every((r) => r.sent === 0 && r.pulled === 0 && r.merged === 0)) break;
    }

    // Both instances took pushes and pages, and tablets met conflicts and merged them.
    expect([...used.push].sort(), 'pushes').toEqual([0, 1]);
    expect([...used.pull].sort(), 'pulls').toEqual([0, 1]);
    const reports = tablets.flatMap((tablet) => tablet.reports);
    expect(reports.reduce((n, r) => n + r.merged, 0)).toBeGreaterThan(0);

    // The server's revisions are exactly those acknowledged `stored`, each once, revs 1 to the head's for each fiche.
    const heads = await serverHeads();
    expect([...heads.keys()].sort()).toEqual([...writers.keys()].sort());
    const histories = await Promise.all([...heads.keys()].map(async (id) => (await get<FicheHistory>(servers[1] as ServeProcess, `/api/v1/fiches/${id}/history`)).body as FicheHistory));
    const held = histories.flatMap((history) => history.revisions.map((r) => ({ id: history.id, rev: r.rev, seq: r.seq })));
    const order = (a: Acknowledged, b: Acknowledged) => a.seq - b.seq;
    expect(held.sort(order)).toEqual(tablets.flatMap((tablet) => tablet.stored).sort(order));
    for (const history of histories) {
      const head = heads.get(history.id) as Head;
      expect(history.revisions.map((r) => r.rev)).toEqual(Array.from({ length: head.rev }, (_, i) => i + 1));
      expect(history.revisions.at(-1)?.seq).toBe(head.seq);
      // No content stored twice: a batch sent again is a `duplicate`, never a new revision.
      expect(new Set(history.revisions.map((r) => contentOf(r.record))).size).toBe(history.revisions.length);
    }
    expect(new Set(held.map((r) => r.seq)).size).toBe(held.length);

    // Every last edit is in its fiche's head, whichever tablet made it and whichever instance stored it.
    for (const [key, value] of expected) {
      const [id, field] = key.split(' ') as [string, Field];
      expect(valueOf((heads.get(id) as Head).record.data as ClassroomData, field), key).toEqual(value);
    }

    // Every tablet holds exactly the server's heads, on their revs, with nothing left to send or arbitrate, and its
    // cursor at the newest change on either instance.
    const onServer = [...heads.values()].map((h) => `${h.record.id} ${contentOf(h.record)}`).sort();
    for (const tablet of tablets) {
      const name = `tablette ${tablet.index}`;
      expect((await tablet.db.fiches.toArray()).map((f) => `${f.id} ${contentOf(f)}`).sort(), name).toEqual(onServer);
      expect((await tablet.db.bases.bulkGet([...heads.keys()])).map((base) => base?.rev), name).toEqual([...heads.values()].map((h) => h.rev));
      expect(await listOutbox(tablet.db), name).toEqual([]);
      expect(await tablet.db.arbitrations.count(), name).toBe(0);
      const cursor = (await getCursor(tablet.db, cursorKey(CAMPAIGN, []))) as string;
      for (const server of servers) {
        expect((await get<ChangesResponse>(server, `/api/v1/changes?campaign=${CAMPAIGN}&since=${cursor}`)).body?.changes, name).toEqual([]);
      }
    }
  });

  it('answers 304 on either instance to the ETag the other gave: directory, OpenAPI description, export', async () => {
    const [a, b] = servers as [ServeProcess, ServeProcess];
    for (const path of ['/api/v1/schools', '/api/v1/openapi.json', `/api/v1/export.csv?campaign=${CAMPAIGN}&sheet=ecoles`]) {
      const first = await fetch(`${a.url}${path}`, { headers: { authorization: `Bearer ${adminToken}` } });
      await first.arrayBuffer();
      const etag = first.headers.get('etag');
      expect([first.status, etag], path).toEqual([200, expect.stringMatching(/^"/)]);
      const again = await fetch(`${b.url}${path}`, { headers: { authorization: `Bearer ${adminToken}`, 'if-none-match': etag as string } });
      expect(again.status, path).toBe(304);
    }
  });

  it('refuses on both instances at once a token revoked in the store', async () => {
    const token = await withStore(store, (opened) => createToken(opened, 'Léa Martin', { role: 'lecteur' }));
    const statuses = () => Promise.all(servers.map(async (server) => (await fetch(`${server.url}/api/v1/changes?campaign=${CAMPAIGN}`, { headers: { authorization: `Bearer ${token}` } })).status));
    expect(await statuses()).toEqual([200, 200]);
    await withStore(store, async (opened) => {
      const id = (await opened.tokens.list()).find((record) => record.owner === 'Léa Martin')?.id as number;
      await opened.tokens.revoke(id, new Date().toISOString());
    });
    expect(await statuses()).toEqual([401, 401]);
  });

  it('refuses on one instance an address whose 20 failed authentications the other counted', async () => {
    const [a, b] = servers as [ServeProcess, ServeProcess];
    // The count is per minute of the servers' clock: 20 failures that straddled a minute would not add up.
    const secondsLeft = 60 - new Date().getUTCSeconds();
    if (secondsLeft < 5) await new Promise((done) => setTimeout(done, secondsLeft * 1000 + 100));
    // From an address of its own, so that the refusal holds nothing else up (127.0.0.1 is the test's other requests').
    const changes = (server: ServeProcess) => `${server.url}/api/v1/changes?campaign=${CAMPAIGN}`;
    for (let i = 0; i < 20; i += 1) expect((await requestFrom('127.0.0.3', changes(a), { authorization: `Bearer devine-${i}` })).status).toBe(401);

    const refused = await requestFrom('127.0.0.3', changes(b), { authorization: `Bearer ${adminToken}` });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(refused.text)).toMatchObject({ error: 'too_many_failed_authentications' });
    expect((await requestFrom('127.0.0.1', changes(b), { authorization: `Bearer ${adminToken}` })).status).toBe(200);
  });
});
