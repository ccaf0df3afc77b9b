// What every Store must do (server/src/store/store.ts), written once so that each implementation runs the same
// tests: the SQLite store today (sqlite-store.test.ts), the PostgreSQL store of issue 16 later.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sender, Store, ValidRevision } from '../../../server/src/store/store';
import { makeClassroomFiche, makeDirectorySchool, makeSchoolFiche } from '../../../src/model/make';
import { canonicalJson } from '../../../src/model/sync-protocol';
import type { Fiche } from '../../../src/model/types';

/** Opens a new, empty store (seeded as a first start would), and removes whatever it left when done. */
export type OpenStore = () => Promise<{ store: Store; remove(): Promise<void> | void }>;

const revision = (fiche: Fiche): ValidRevision => ({ fiche, record: canonicalJson(fiche) });
const sender = (deviceId: string, receivedAt = '2026-11-29T10:00:00.000Z'): Sender => ({ deviceId, tokenOwner: 'Camille Martin', receivedAt });

export function describeStoreContract(name: string, open: OpenStore): void {
  describe(`${name}: the Store contract`, () => {
    let store: Store;
    let remove: () => Promise<void> | void;
    beforeEach(async () => ({ store, remove } = await open()));
    afterEach(async () => {
      await store.close();
      await remove();
    });

    it('finds a token’s owner by its hash, and lists the owners', async () => {
      expect(await store.tokens.hasAny()).toBe(false);
      await store.tokens.add('h1', 'Léa Durand', '2026-11-29T09:00:00.000Z');
      await store.tokens.add('h2', 'Camille Martin', '2026-11-29T08:00:00.000Z');
      expect(await store.tokens.ownerOf('h1')).toBe('Léa Durand');
      expect(await store.tokens.ownerOf('inconnu')).toBeNull();
      expect(await store.tokens.hasAny()).toBe(true);
      expect((await store.tokens.list()).map((t) => t.owner)).toEqual(['Camille Martin', 'Léa Durand']);
    });

    it('answers stored, duplicate, superseded and conflict, in the batch’s order', async () => {
      const fiche = makeClassroomFiche({ rev: 2 });
      expect(await store.revisions.append([revision(fiche)], sender('t1'))).toEqual(['stored']);
      const changed = { ...fiche, data: { ...fiche.data, pupils: 12 } };
      const statuses = await store.revisions.append(
        [revision(fiche), revision({ ...fiche, rev: 1 }), revision(changed), revision(changed), revision({ ...fiche, rev: 3 })],
        sender('t2'),
      );
      expect(statuses).toEqual(['duplicate', 'superseded', 'conflict', 'conflict', 'stored']);
    });

    it('reads a campaign’s latest revisions without tombstones, with the device that made each fiche', async () => {
      const kept = makeClassroomFiche();
      const deleted = makeSchoolFiche();
      const elsewhere = makeClassroomFiche({ campaign: '2025-2026' });
      await store.revisions.append([revision(kept), revision(deleted), revision(elsewhere)], sender('t1'));
      await store.revisions.append([revision({ ...kept, rev: 2 }), revision({ ...deleted, rev: 2, deleted: true })], sender('t2', '2026-11-29T11:00:00.000Z'));

      const snapshot = await store.readCampaign(kept.campaign);
      expect(snapshot.fiches).toEqual([{ ...kept, rev: 2 }]);
      expect(snapshot.deviceOf.get(kept.id)).toBe('t1');
      expect(snapshot.directory).toEqual(await store.directory.list());
    });

    it('replaces the directory with what the change makes of it, knowing which schools fiches hang on', async () => {
      const audited = makeDirectorySchool({ uai: '0130541T' });
      await store.directory.replace(() => ({ schools: [audited, makeDirectorySchool()] }));
      await store.revisions.append([revision(makeClassroomFiche({ uai: audited.uai }))], sender('t1'));

      const seen = await store.directory.replace((current, hasFiches) => ({
        schools: current.filter((school) => hasFiches(school.uai)),
        uais: current.map((school) => school.uai),
      }));
      expect(seen.uais).toEqual(['0130541T', '0130569Y']);
      expect(await store.directory.list()).toEqual([audited]);
    });

    it('answers a ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}
