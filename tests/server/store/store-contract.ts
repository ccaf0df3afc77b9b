// What every Store must do (server/src/store/store.ts), written once so that each implementation runs the same
// tests: the SQLite store (sqlite-store.test.ts) and the PostgreSQL store (pg-store.test.ts).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FAILED_AUTH_ADDRESSES_PER_MINUTE, OTHER_ADDRESSES, type AttachmentStore, type AuditEvent, type ChangesQuery, type PushOutcome, type Sender, type Store } from '../../../server/src/store/store';
import { openCampaignReader } from '../../../server/src/store/open-store';
import { makeClassroomFiche, makeDirectorySchool, makeSchoolFiche } from '../../../src/model/make';
import type { Fiche } from '../../../src/model/types';
import { distinctJpeg, sha256Of, WEBP } from '../fixtures/photos';
import { pushOf } from '../support';

/** Opens a new, empty store (seeded as a first start would), and removes whatever it left when done. */
export type OpenStore = () => Promise<{ store: Store; remove(): Promise<void> | void }>;

const sender = (deviceId: string, receivedAt = '2026-11-29T10:00:00.000Z'): Sender => ({ deviceId, tokenOwner: 'Camille Martin', receivedAt });
const query = (patch: Partial<ChangesQuery> = {}): ChangesQuery => ({ campaign: '2026-2027', since: 0, limit: 500, circonscriptions: [], uais: [], ...patch });
const withPupils = <T extends Fiche>(fiche: T, pupils: number): T => ({ ...fiche, data: { ...fiche.data, pupils } });

/**
 * What differs by design between stores. `backup`: 'file' when `Store.backup` writes a copy (SQLite), 'refused' when
 * the database is backed up with its own tools and `backup` rejects, saying which (PostgreSQL: pg_dump).
 */
export interface StoreTraits {
  backup: 'file' | { refusedFor: RegExp };
}

export function describeStoreContract(name: string, open: OpenStore, traits: StoreTraits = { backup: 'file' }): void {
  describe(`${name}: the Store contract`, () => {
    let store: Store;
    let remove: () => Promise<void> | void;
    beforeEach(async () => ({ store, remove } = await open()));
    afterEach(async () => {
      await store.close();
      await remove();
    });

    it('finds a token by its hash with its owner and role, and lists every token by id', async () => {
      expect(await store.tokens.hasAny()).toBe(false);
      const lea = await store.tokens.add({ hash: 'h1', owner: 'Léa Durand', role: 'lecteur', createdAt: '2026-11-29T09:00:00.000Z', expiresOn: '2027-08-31' });
      const camille = await store.tokens.add({ hash: 'h2', owner: 'Camille Martin', role: 'auditeur', createdAt: '2026-11-29T08:00:00.000Z', expiresOn: null });
      const held = { id: lea, owner: 'Léa Durand', role: 'lecteur', createdAt: '2026-11-29T09:00:00.000Z', expiresOn: '2027-08-31', revokedAt: null };
      expect(await store.tokens.find('h1')).toEqual(held);
      expect(await store.tokens.find('inconnu')).toBeNull();
      expect(await store.tokens.hasAny()).toBe(true);
      expect(camille).toBeGreaterThan(lea);
      expect((await store.tokens.list()).map((t) => [t.id, t.owner])).toEqual([[lea, 'Léa Durand'], [camille, 'Camille Martin']]);
    });

    it('revokes a token by id once: revoking it again keeps the first time; an unknown id is null', async () => {
      const id = await store.tokens.add({ hash: 'h1', owner: 'Léa Durand', role: 'auditeur', createdAt: '2026-11-29T09:00:00.000Z', expiresOn: null });
      expect(await store.tokens.revoke(id, '2026-11-30T10:00:00.000Z')).toMatchObject({ id, revokedAt: '2026-11-30T10:00:00.000Z' });
      expect(await store.tokens.revoke(id, '2026-12-01T10:00:00.000Z')).toMatchObject({ id, revokedAt: '2026-11-30T10:00:00.000Z' });
      expect(await store.tokens.find('h1')).toMatchObject({ revokedAt: '2026-11-30T10:00:00.000Z' });
      expect(await store.tokens.revoke(id + 1, '2026-11-30T10:00:00.000Z')).toBeNull();
    });

    it('numbers revisions: base 0 makes rev 1, the head’s rev the next, each with a larger seq', async () => {
      const a = makeClassroomFiche({ data: { pupils: 20 } });
      const b = makeSchoolFiche();
      const first = await store.revisions.push([pushOf(a), pushOf(b)], sender('t1'));
      const second = await store.revisions.push([pushOf(withPupils(a, 21), 1)], sender('t1'));

      expect(first).toEqual([
        { status: 'stored', rev: 1, seq: expect.any(Number) },
        { status: 'stored', rev: 1, seq: expect.any(Number) },
      ]);
      expect(second).toEqual([{ status: 'stored', rev: 2, seq: expect.any(Number) }]);
      const seqs = [...first, ...second].map((o) => (o.status === 'stored' ? o.seq : 0));
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
      expect(new Set(seqs).size).toBe(3);
    });

    it('holds the record with its rev and without baseRev as the head', async () => {
      const fiche = makeClassroomFiche({ rev: 7 });
      const [outcome] = await store.revisions.push([pushOf(fiche)], sender('t1'));

      const [head] = await store.revisions.changes(query());
      expect(head).toEqual({ rev: 1, seq: outcome?.status === 'stored' ? outcome.seq : -1, record: { ...fiche, rev: 1 }, origin: 't1' });
      expect(head?.record).not.toHaveProperty('baseRev');
    });

    it('answers duplicate for the content made on that base, whoever sends it, even once later revisions are held', async () => {
      const fiche = makeClassroomFiche({ data: { pupils: 20 } });
      const [made] = await store.revisions.push([pushOf(fiche)], sender('t1'));
      await store.revisions.push([pushOf(withPupils(fiche, 21), 1), pushOf(withPupils(fiche, 22), 2)], sender('t1'));

      expect(await store.revisions.push([pushOf(fiche)], sender('t2'))).toEqual([{ ...made, status: 'duplicate' }]);
      const [head] = await store.revisions.changes(query());
      expect(head?.rev).toBe(3);
    });

    it('answers conflict with the head to a stale or a forged base, and keeps the head', async () => {
      const fiche = makeClassroomFiche({ data: { pupils: 20 } });
      await store.revisions.push([pushOf(fiche), pushOf(withPupils(fiche, 21), 1)], sender('t1'));
      const [head] = await store.revisions.changes(query());

      const outcomes = await store.revisions.push([pushOf(withPupils(fiche, 30), 1), pushOf(withPupils(fiche, 31), 99)], sender('t2'));
      expect(outcomes).toEqual([
        { status: 'conflict', head },
        { status: 'conflict', head },
      ]);
      expect(await store.revisions.changes(query())).toEqual([head]);
    });

    it('answers unheld-base to a base above 0 for a fiche never held', async () => {
      expect(await store.revisions.push([pushOf(makeClassroomFiche(), 3)], sender('t1'))).toEqual([{ status: 'unheld-base' }]);
      expect(await store.revisions.changes(query())).toEqual([]);
    });

    it('judges each record of a batch on the heads the records before it left', async () => {
      const fiche = makeClassroomFiche({ data: { pupils: 20 } });
      const outcomes = await store.revisions.push(
        [pushOf(fiche), pushOf(withPupils(fiche, 21), 1), pushOf(withPupils(fiche, 25), 1), pushOf(fiche)],
        sender('t1'),
      );

      expect(outcomes.map((o) => [o.status, 'rev' in o ? o.rev : 'head' in o ? o.head.rev : null])).toEqual([
        ['stored', 1],
        ['stored', 2],
        ['conflict', 2],
        ['duplicate', 1],
      ]);
      // The head a conflict answers is the one stored by the record before it, with its seq and content.
      const [first, second, conflict, duplicate] = outcomes as [PushOutcome, PushOutcome, PushOutcome, PushOutcome];
      if (second.status !== 'stored' || conflict.status !== 'conflict' || first.status !== 'stored' || duplicate.status !== 'duplicate') throw new Error('statuses');
      expect(conflict.head).toMatchObject({ rev: 2, seq: second.seq, record: { rev: 2, data: { pupils: 21 } }, origin: 't1' });
      expect(duplicate.seq).toBe(first.seq);
    });

    it('answers a fiche’s history: each revision with its sender and seq, then the copies kept aside, oldest first', async () => {
      const fiche = makeClassroomFiche({ data: { pupils: 20 } });
      const other = makeClassroomFiche();
      const [first] = await store.revisions.push([pushOf(fiche), pushOf(other)], sender('t1', '2026-11-29T10:00:00.000Z'));
      const [second] = await store.revisions.push([pushOf(withPupils(fiche, 21), 1)], { deviceId: 't2', tokenOwner: 'Léa Durand', receivedAt: '2026-11-29T11:00:00.000Z' });
      // A stale base, twice the same content (kept once), then another content on a forged base.
      await store.revisions.push([pushOf(withPupils(fiche, 30), 1)], sender('t3', '2026-11-29T12:00:00.000Z'));
      await store.revisions.push([pushOf(withPupils(fiche, 30), 1)], sender('t3', '2026-11-29T12:05:00.000Z'));
      await store.revisions.push([pushOf(withPupils(fiche, 31), 9)], sender('t1', '2026-11-29T13:00:00.000Z'));
      const seqOf = (outcome: PushOutcome | undefined) => (outcome?.status === 'stored' ? outcome.seq : -1);

      expect(await store.revisions.history(fiche.id)).toEqual({
        id: fiche.id,
        revisions: [
          { rev: 1, seq: seqOf(first), deviceId: 't1', tokenOwner: 'Camille Martin', receivedAt: '2026-11-29T10:00:00.000Z', record: { ...fiche, rev: 1 } },
          { rev: 2, seq: seqOf(second), deviceId: 't2', tokenOwner: 'Léa Durand', receivedAt: '2026-11-29T11:00:00.000Z', record: { ...withPupils(fiche, 21), rev: 2 } },
        ],
        conflicts: [
          { headRev: 2, baseRev: 1, deviceId: 't3', tokenOwner: 'Camille Martin', receivedAt: '2026-11-29T12:00:00.000Z', record: pushOf(withPupils(fiche, 30), 1) },
          { headRev: 2, baseRev: 9, deviceId: 't1', tokenOwner: 'Camille Martin', receivedAt: '2026-11-29T13:00:00.000Z', record: pushOf(withPupils(fiche, 31), 9) },
        ],
      });
      expect((await store.revisions.history(other.id))?.conflicts).toEqual([]);
    });

    it('answers null for the history of a fiche never held, and keeps a tombstone in it', async () => {
      const fiche = makeSchoolFiche();
      expect(await store.revisions.history(fiche.id)).toBeNull();
      await store.revisions.push([pushOf(makeClassroomFiche(), 4)], sender('t1')); // unheld-base: nothing held
      await store.revisions.push([pushOf(fiche), pushOf({ ...fiche, deleted: true }, 1)], sender('t1'));

      const history = await store.revisions.history(fiche.id);
      expect(history?.revisions.map((r) => [r.rev, r.record.deleted])).toEqual([[1, false], [2, true]]);
      expect(await store.revisions.history('inconnue')).toBeNull();
    });

    it('answers the heads changed after a seq, by seq, at most limit, tombstones included, of one campaign', async () => {
      const [a, b, c] = [makeClassroomFiche(), makeClassroomFiche(), makeClassroomFiche()];
      const other = makeClassroomFiche({ campaign: '2025-2026' });
      await store.revisions.push([pushOf(a), pushOf(b), pushOf(other), pushOf(c)], sender('t1'));
      await store.revisions.push([pushOf({ ...a, deleted: true }, 1)], sender('t1'));

      const all = await store.revisions.changes(query());
      expect(all.map((h) => [h.record.id, h.rev, h.record.deleted])).toEqual([[b.id, 1, false], [c.id, 1, false], [a.id, 2, true]]);
      expect(all.map((h) => h.seq)).toEqual([...all.map((h) => h.seq)].sort((x, y) => x - y));
      expect((await store.revisions.changes(query({ limit: 2 }))).map((h) => h.record.id)).toEqual([b.id, c.id]);
      expect((await store.revisions.changes(query({ since: all[1]?.seq }))).map((h) => h.record.id)).toEqual([a.id]);
      expect(await store.revisions.changes(query({ since: all[2]?.seq }))).toEqual([]);
    });

    it('filters the heads by directory circonscription and by UAI, as a union', async () => {
      const joliette = makeDirectorySchool({ uai: '0130569Y', circonscription: 'Marseille 02 – Joliette' });
      const arles = makeDirectorySchool({ uai: '0130002G', circonscription: 'Arles' });
      const aix = makeDirectorySchool({ uai: '0130001F', circonscription: 'Aix-en-Provence Sud' });
      await store.directory.replace(() => ({ schools: [joliette, arles, aix] }));
      const fiches = [joliette, arles, aix].map((school) => makeClassroomFiche({ uai: school.uai }));
      const outside = makeClassroomFiche({ uai: '0139999Y' });
      await store.revisions.push([...fiches, outside].map((f) => pushOf(f)), sender('t1'));

      const uaisOf = async (patch: Partial<ChangesQuery>) => (await store.revisions.changes(query(patch))).map((h) => h.record.uai);
      expect(await uaisOf({ circonscriptions: ['Arles'] })).toEqual(['0130002G']);
      expect(await uaisOf({ circonscriptions: ['arles'] })).toEqual([]);
      expect(await uaisOf({ uais: ['0139999Y'] })).toEqual(['0139999Y']);
      expect(await uaisOf({ circonscriptions: ['Arles', 'Marseille 02 – Joliette'], uais: ['0139999Y', '0130002G'] })).toEqual(['0130569Y', '0130002G', '0139999Y']);
      expect(await uaisOf({})).toHaveLength(4);
    });

    it('reads a campaign’s heads without tombstones, with the device that made each fiche', async () => {
      const kept = makeClassroomFiche();
      const deleted = makeSchoolFiche();
      const elsewhere = makeClassroomFiche({ campaign: '2025-2026' });
      await store.revisions.push([pushOf(kept), pushOf(deleted), pushOf(elsewhere)], sender('t1'));
      await store.revisions.push([pushOf(kept, 1), pushOf({ ...deleted, deleted: true }, 1)], sender('t2', '2026-11-29T11:00:00.000Z'));

      const snapshot = await store.readCampaign(kept.campaign);
      expect(snapshot.fiches).toEqual([{ ...kept, rev: 2 }]);
      expect(snapshot.deviceOf.get(kept.id)).toBe('t1');
      expect(snapshot.directory).toEqual(await store.directory.list());
    });

    it('names the data version of a campaign’s export: a new head of it or another directory changes it, nothing else', async () => {
      const fiche = makeClassroomFiche();
      const campaign = fiche.campaign;
      const first = await store.exportVersion(campaign);
      expect(await store.exportVersion(campaign)).toBe(first);

      await store.revisions.push([pushOf(fiche)], sender('t1'));
      const pushed = await store.exportVersion(campaign);
      expect(pushed).not.toBe(first);
      await store.revisions.push([pushOf(fiche)], sender('t2')); // a duplicate stores nothing
      await store.revisions.push([pushOf(makeClassroomFiche({ campaign: '2025-2026' }))], sender('t1'));
      await store.tokens.add({ hash: 'h1', owner: 'Léa Durand', role: 'lecteur', createdAt: '2026-11-29T09:00:00.000Z', expiresOn: null });
      expect(await store.exportVersion(campaign)).toBe(pushed);

      await store.revisions.push([pushOf({ ...fiche, deleted: true }, 1)], sender('t1'));
      const deleted = await store.exportVersion(campaign);
      expect(deleted).not.toBe(pushed);
      await store.directory.replace((current) => ({ schools: [...current, makeDirectorySchool({ uai: '0130002G' })] }));
      expect(await store.exportVersion(campaign)).not.toBe(deleted);
    });

    it('reads a campaign from another connection, read-only, as the store reads it, with the version of that moment', async () => {
      if (store.readerLocation === null) throw new Error('this store has no location another thread could open');
      const fiche = makeClassroomFiche();
      await store.revisions.push([pushOf(fiche)], sender('t1'));
      const reader = await openCampaignReader(store.readerLocation);
      try {
        const read = await reader.readCampaign(fiche.campaign);
        expect(read).toEqual(await store.readCampaign(fiche.campaign));
        expect(read.version).toBe(await store.exportVersion(fiche.campaign));

        await store.revisions.push([pushOf(withPupils(fiche, 3), 1)], sender('t1'));
        const next = await reader.readCampaign(fiche.campaign);
        expect(next.fiches).toEqual([{ ...withPupils(fiche, 3), rev: 2 }]);
        expect(next.version).toBe(await store.exportVersion(fiche.campaign));
      } finally {
        await reader.close();
      }
    });

    it('replaces the directory with what the change makes of it, knowing which schools fiches hang on', async () => {
      const audited = makeDirectorySchool({ uai: '0130541T' });
      await store.directory.replace(() => ({ schools: [audited, makeDirectorySchool()] }));
      await store.revisions.push([pushOf(makeClassroomFiche({ uai: audited.uai }))], sender('t1'));

      const seen = await store.directory.replace((current, hasFiches) => ({
        schools: current.filter((school) => hasFiches(school.uai)),
        uais: current.map((school) => school.uai),
      }));
      expect(seen.uais).toEqual(['0130541T', '0130569Y']);
      expect(await store.directory.list()).toEqual([audited]);
    });

    it('keeps audit events with the minutes’ counts of failed authentications, oldest first, the latest `limit` from `since`', async () => {
      const created: AuditEvent = { kind: 'token-created', at: '2026-11-29T09:00:00.000Z', by: 'ops', token: { id: 1, owner: 'Léa Durand', role: 'lecteur', expiresOn: null } };
      const exported: AuditEvent = { kind: 'export', at: '2026-11-29T09:05:30.000Z', by: 'Léa Durand', campaign: '2026-2027', format: 'csv', sheet: 'ecoles' };
      const revoked: AuditEvent = { kind: 'token-revoked', at: '2026-11-29T09:07:00.000Z', by: 'ops', token: { id: 1, owner: 'Léa Durand', role: 'lecteur' } };
      await store.audit.record(created);
      await store.audit.record(exported);
      await store.audit.failedAuth('192.0.2.7', new Date('2026-11-29T09:05:01.000Z'));
      await store.audit.failedAuth('192.0.2.7', new Date('2026-11-29T09:05:59.999Z'));
      await store.audit.failedAuth('192.0.2.7', new Date('2026-11-29T09:06:00.000Z'));
      await store.audit.record(revoked);

      const failed = (at: string, count: number) => ({ kind: 'failed-auth', at, address: '192.0.2.7', count });
      expect(await store.audit.list()).toEqual([created, failed('2026-11-29T09:05:00.000Z', 2), exported, failed('2026-11-29T09:06:00.000Z', 1), revoked]);
      expect(await store.audit.list({ limit: 2 })).toEqual([failed('2026-11-29T09:06:00.000Z', 1), revoked]);
      expect(await store.audit.list({ since: '2026-11-29T09:05:30.000Z' })).toEqual([exported, failed('2026-11-29T09:06:00.000Z', 1), revoked]);
    });

    it('counts a minute’s failed authentications under the first addresses, the others together', async () => {
      const at = new Date('2026-11-29T09:05:00.000Z');
      for (let i = 0; i <= FAILED_AUTH_ADDRESSES_PER_MINUTE; i += 1) await store.audit.failedAuth(`2001:db8::${i.toString(16)}`, at);
      await store.audit.failedAuth('2001:db8::0', at);
      await store.audit.failedAuth('2001:db8::ffff', at);

      const entries = await store.audit.list();
      expect(entries).toHaveLength(FAILED_AUTH_ADDRESSES_PER_MINUTE + 1);
      expect(entries).toContainEqual({ kind: 'failed-auth', at: at.toISOString(), address: '2001:db8::0', count: 2 });
      expect(entries).toContainEqual({ kind: 'failed-auth', at: at.toISOString(), address: OTHER_ADDRESSES, count: 2 });
    });

    const { backup } = traits;
    if (backup === 'file') {
      it('backs up into a file, answering what the copy holds', async () => {
        await store.revisions.push([pushOf(makeClassroomFiche()), pushOf(makeSchoolFiche())], sender('t1'));
        await store.tokens.add({ hash: 'h1', owner: 'Léa Durand', role: 'auditeur', createdAt: '2026-11-29T09:00:00.000Z', expiresOn: null });
        const dir = mkdtempSync(join(tmpdir(), 'tne13-backup-'));
        try {
          const copyPath = join(dir, 'copie.sqlite');
          const summary = await store.backup(copyPath);
          expect(summary).toMatchObject({ revisions: 2, tokens: 1, schools: (await store.directory.list()).length });
          expect(summary.bytes).toBeGreaterThan(0);
          expect(existsSync(copyPath)).toBe(true);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });
    } else {
      it('refuses a backup into a file, naming the tool that backs the database up, and writes nothing', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'tne13-backup-'));
        try {
          const copyPath = join(dir, 'copie.sqlite');
          await expect(store.backup(copyPath)).rejects.toThrow(backup.refusedFor);
          expect(existsSync(copyPath)).toBe(false);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });
    }

    it('answers a ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('commits a write probe and checkpoints without changing what it holds', async () => {
      await store.revisions.push([pushOf(makeClassroomFiche({ id: 'salle-1' }))], sender('t1'));
      await expect(store.probeWrite()).resolves.toBeUndefined();
      await expect(store.checkpoint()).resolves.toBeUndefined();
      await expect(store.probeWrite()).resolves.toBeUndefined();
      expect((await store.revisions.changes(query())).map((head) => [head.record.id, head.rev])).toEqual([['salle-1', 1]]);
    });
    it('keeps the référentiels published, the latest in force, and refuses a version published before', async () => {
      expect(await store.referentials.current()).toBeNull();
      const first = { version: '2026.2', referential: { version: '2026.2', params: { maxAgeYears: 6 } }, publishedAt: '2026-11-29T10:00:00.000Z', publishedBy: 'Camille Martin' };
      const second = { ...first, version: '2026.3', referential: { version: '2026.3', params: { maxAgeYears: 7 } }, publishedAt: '2026-11-30T10:00:00.000Z' };
      expect(await store.referentials.publish(first)).toBe('published');
      expect(await store.referentials.current()).toEqual(first);
      expect(await store.referentials.publish(second)).toBe('published');
      expect(await store.referentials.publish({ ...first, referential: { version: '2026.2', params: {} } })).toBe('version-taken');
      expect(await store.referentials.current()).toEqual(second);
      expect(await store.referentials.list()).toEqual([first, second]);
    });

    it('counts failed authentications per address and minute, and forgets the minutes past', async () => {
      const at = new Date('2026-11-29T10:12:34.000Z');
      const sameMinute = new Date('2026-11-29T10:12:59.999Z');
      const nextMinute = new Date('2026-11-29T10:13:00.000Z');
      expect(await store.throttle.failures('192.0.2.1', at)).toBe(0);
      expect(await store.throttle.addFailure('192.0.2.1', at)).toBe(1);
      expect(await store.throttle.addFailure('192.0.2.1', sameMinute)).toBe(2);
      expect(await store.throttle.addFailure('192.0.2.2', at)).toBe(1);
      expect(await store.throttle.failures('192.0.2.1', sameMinute)).toBe(2);
      expect(await store.throttle.failures('192.0.2.1', nextMinute)).toBe(0);
      expect(await store.throttle.addFailure('192.0.2.1', nextMinute)).toBe(1);
      await store.throttle.forgetBefore(nextMinute);
      expect(await store.throttle.failures('192.0.2.1', at)).toBe(0);
      expect(await store.throttle.failures('192.0.2.1', nextMinute)).toBe(1);
    });

    describeAttachmentCases(() => store.attachments);
  });
}

/** Opens a new, empty photo store on its own, and removes whatever it left when done. */
export type OpenAttachmentStore = () => Promise<{ attachments: AttachmentStore; remove(): Promise<void> | void }>;

/** What every AttachmentStore must do, on its own (a store's photos kept elsewhere than the store itself, in memory). */
export function describeAttachmentStoreContract(name: string, open: OpenAttachmentStore): void {
  describe(`${name}: the AttachmentStore contract`, () => {
    let attachments: AttachmentStore;
    let remove: () => Promise<void> | void;
    beforeEach(async () => ({ attachments, remove } = await open()));
    afterEach(async () => {
      await remove();
    });
    describeAttachmentCases(() => attachments);
  });
}

function describeAttachmentCases(attachmentsOf: () => AttachmentStore): void {
  const jpeg = distinctJpeg(1);
  const other = distinctJpeg(2);

  it('keeps a photo once: created, then held; answers it byte for byte with its type', async () => {
    const attachments = attachmentsOf();
    expect(await attachments.get(sha256Of(jpeg))).toBeUndefined();
    expect(await attachments.put(sha256Of(jpeg), 'image/jpeg', jpeg)).toBe('created');
    expect(await attachments.put(sha256Of(jpeg), 'image/jpeg', jpeg)).toBe('held');
    expect(await attachments.put(sha256Of(WEBP), 'image/webp', WEBP)).toBe('created');

    const kept = await attachments.get(sha256Of(jpeg));
    expect(kept?.type).toBe('image/jpeg');
    expect(Buffer.from(kept?.bytes ?? []).equals(jpeg)).toBe(true);
    const webp = await attachments.get(sha256Of(WEBP));
    expect([webp?.type, Buffer.from(webp?.bytes ?? []).equals(WEBP)]).toEqual(['image/webp', true]);
    expect(await attachments.get(sha256Of(other))).toBeUndefined();
  });

  it('keeps the bytes as they were put, whatever becomes of the caller’s buffer', async () => {
    const attachments = attachmentsOf();
    const buffer = Buffer.from(jpeg);
    await attachments.put(sha256Of(jpeg), 'image/jpeg', buffer);
    buffer.fill(0);
    expect(Buffer.from((await attachments.get(sha256Of(jpeg)))?.bytes ?? []).equals(jpeg)).toBe(true);
  });

  it('tells which of a list are held, and their type and size, in one call', async () => {
    const attachments = attachmentsOf();
    await attachments.put(sha256Of(jpeg), 'image/jpeg', jpeg);
    await attachments.put(sha256Of(WEBP), 'image/webp', WEBP);
    const asked = [sha256Of(jpeg), sha256Of(other), sha256Of(jpeg), sha256Of(WEBP)];

    expect(await attachments.held(asked)).toEqual(new Set([sha256Of(jpeg), sha256Of(WEBP)]));
    expect(await attachments.info(asked)).toEqual(
      new Map([
        [sha256Of(jpeg), { type: 'image/jpeg', bytes: jpeg.length }],
        [sha256Of(WEBP), { type: 'image/webp', bytes: WEBP.length }],
      ]),
    );
    expect(await attachments.held([])).toEqual(new Set());
    expect(await attachments.info([])).toEqual(new Map());
  });

  it('never takes a name that is no SHA-256 for one: nothing held, nothing answered, nothing kept', async () => {
    const attachments = attachmentsOf();
    await attachments.put(sha256Of(jpeg), 'image/jpeg', jpeg);
    const notHashes = ['../../tne13.sqlite', sha256Of(jpeg).toUpperCase(), `${sha256Of(jpeg)}.jpg`, ''];
    for (const name of notHashes) expect(await attachments.get(name)).toBeUndefined();
    expect(await attachments.held(notHashes)).toEqual(new Set());
    await expect(attachments.put('../photo', 'image/jpeg', jpeg)).rejects.toThrow();
  });

  it('creates a photo put by many at once exactly once; the others find it held', async () => {
    const attachments = attachmentsOf();
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => attachments.put(sha256Of(other), 'image/jpeg', Buffer.from(other))));
    expect(outcomes.filter((outcome) => outcome === 'created')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === 'held')).toHaveLength(7);
    expect(Buffer.from((await attachments.get(sha256Of(other)))?.bytes ?? []).equals(other)).toBe(true);
  });
}
