// The server's territory (sync.md "Roles and tokens"): one département and the campaigns it accepts, from
// TNE13_DEPARTEMENT and TNE13_CAMPAIGNS. Over HTTP against the real server and SQLite file: a record outside it is
// `forbidden`, never stored, and the rest of its batch goes on; a campaign not accepted pulls empty pages.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { makeTerritory, outOfScopeMessage, territoryConfigFromEnv, territoryFromEnv } from '../../server/src/territory';
import { defaultReferentialFor, REFERENTIAL_V1, type Referential } from '../../src/model/referential';
import { territoryFor } from '../../src/territory/territory-for';
import { makeClassroomFiche, makeSchoolFiche } from '../../src/model/make';
import { uaiCheckLetter } from '../../src/model/uai';
import { openStore } from '../../server/src/store/open-store';
import { createToken } from '../../server/src/tokens';
import { countRows, getChanges, makeBatch, makeTempDir, postSync, push, pushOf, readDb, removeTempDir, startServer, type TestServer } from './support';
import { serveProcess } from './serve-process';
import { storeLocation } from './store-under-test';

/** A valid UAI from its seven digits. */
const uai = (digits: string): string => `${digits}${uaiCheckLetter(digits)}`;
const MARSEILLE = uai('0130569');
const PARIS = uai('0750001');
const AJACCIO = uai('6200001');

let dir: string;
let dbPath: string;
let server: TestServer | undefined;

beforeEach(() => {
  dir = makeTempDir();
  dbPath = join(dir, 'tne13.sqlite');
});

afterEach(async () => {
  await server?.close();
  server = undefined;
  removeTempDir(dir);
});

async function serve(departement: string, campaigns: string[] | null): Promise<TestServer> {
  server = await startServer(dbPath, { territory: makeTerritory(departement, campaigns) });
  return server;
}

describe('a push outside the server’s territory', () => {
  it('answers forbidden, naming the département or the campaign, stores neither, and stores the rest of the batch', async () => {
    const on = await serve('013', ['2026-2027', '2027-2028']);
    const otherDepartement = makeClassroomFiche({ uai: PARIS });
    const otherCampaign = makeSchoolFiche({ campaign: '2025-2026', uai: MARSEILLE });
    const valid = makeClassroomFiche({ uai: MARSEILLE });

    const results = await push(on, [pushOf(otherDepartement), pushOf(otherCampaign), pushOf(valid)]);

    expect(results).toEqual([
      {
        id: otherDepartement.id,
        status: 'forbidden',
        errors: [{ path: '', message: `Fiche hors du territoire de ce serveur : l'école ${PARIS} n'est pas du département 13, le seul qu'il accepte ; elle ne peut pas y être enregistrée.` }],
      },
      {
        id: otherCampaign.id,
        status: 'forbidden',
        errors: [
          {
            path: '',
            message:
              "Fiche hors du territoire de ce serveur : la campagne 2025-2026 n'y est pas acceptée (campagnes 2026-2027 et 2027-2028 seulement) ; elle ne peut pas y être enregistrée.",
          },
        ],
      },
      { id: valid.id, status: 'stored', rev: 1, seq: expect.any(Number) },
    ]);
    expect(readDb(dbPath, (db) => db.prepare('SELECT id FROM revisions').pluck().all())).toEqual([valid.id]);
    expect(countRows(dbPath, 'conflicts')).toBe(0);
  });

  it('holds Corsica’s schools by their UAI (620 for Corse-du-Sud), not the Bouches-du-Rhône’s', async () => {
    const on = await serve('2A', null);
    const statuses = (await push(on, [pushOf(makeClassroomFiche({ uai: AJACCIO })), pushOf(makeClassroomFiche({ uai: MARSEILLE }))])).map((r) => r.status);
    expect(statuses).toEqual(['stored', 'forbidden']);
  });

  it('accepts every campaign when none is configured', async () => {
    const on = await serve('013', null);
    const statuses = (await push(on, [pushOf(makeClassroomFiche({ campaign: '2019-2020' })), pushOf(makeClassroomFiche({ campaign: '2031-2032' }))])).map((r) => r.status);
    expect(statuses).toEqual(['stored', 'stored']);
  });
});

describe('the pull of a campaign the server does not accept', () => {
  it('is an empty page that keeps its cursor, even for fiches held before the campaign was dropped', async () => {
    // Held while every campaign was accepted, then the server restarted with one campaign.
    const before = await serve('013', null);
    await push(before, [pushOf(makeClassroomFiche({ campaign: '2025-2026' })), pushOf(makeClassroomFiche({ campaign: '2026-2027' }))]);
    await before.close();
    server = undefined;
    const on = await serve('013', ['2026-2027']);

    const dropped = await getChanges(on, { campaign: '2025-2026', since: '0' });
    const accepted = await getChanges(on, { campaign: '2026-2027' });

    expect(dropped).toMatchObject({ status: 200, body: { changes: [], cursor: '0', more: false } });
    expect(accepted.body.changes).toHaveLength(1);
  });
});

describe('the territory’s configuration', () => {
  it('reads TNE13_DEPARTEMENT (013 by default) and TNE13_CAMPAIGNS (every campaign when absent or empty)', () => {
    expect(territoryFromEnv({})).toEqual({ departement: '13', uaiPrefix: '013', campaigns: null, config: territoryFor('13') });
    expect(territoryFromEnv({ TNE13_DEPARTEMENT: '2B', TNE13_CAMPAIGNS: ' 2026-2027, 2027-2028 ,' })).toEqual({
      departement: '2B',
      uaiPrefix: '720',
      campaigns: ['2026-2027', '2027-2028'],
      config: territoryFor('2B'),
    });
    expect(territoryFromEnv({ TNE13_DEPARTEMENT: '974', TNE13_CAMPAIGNS: '' })).toEqual({ departement: '974', uaiPrefix: '974', campaigns: null, config: territoryFor('974') });
    expect(territoryFromEnv({ TNE13_DEPARTEMENT: '6' }).uaiPrefix).toBe('006');
  });

  it('refuses, in French, a département that does not exist and a campaign that is not a school year', () => {
    expect(() => territoryFromEnv({ TNE13_DEPARTEMENT: '20' })).toThrow('Département « 20 » inconnu : attendu sous la forme 013, 2A ou 971 (TNE13_DEPARTEMENT).');
    expect(() => territoryFromEnv({ TNE13_DEPARTEMENT: 'Bouches-du-Rhône' })).toThrow(/^Département « Bouches-du-Rhône » inconnu/);
    expect(() => territoryFromEnv({ TNE13_CAMPAIGNS: '2026-2027,2027' })).toThrow('Campagne « 2027 » invalide : attendue sous la forme 2026-2027 (TNE13_CAMPAIGNS).');
  });

  it('takes the chefs de file from TNE13_TERRITORY, a file whose département is the default, as the import command does', () => {
    const file = join(dir, 'territoire.json');
    writeFileSync(file, JSON.stringify({ departement: '086', chefsDeFile: [{ id: 'ville-poitiers', label: 'Ville de Poitiers', communes: ['86194'] }] }));
    const config = territoryConfigFromEnv({ TNE13_TERRITORY: file, TNE13_DEPARTEMENT: '086' });
    // The server's territory carries the file's chefs de file: the référentiel it serves by default names them.
    expect(territoryFromEnv({ TNE13_TERRITORY: file })).toEqual({ departement: '86', uaiPrefix: '086', campaigns: null, config });
    expect(config.chefsDeFile.map((c) => c.id)).toEqual(['ville-poitiers', 'cd86']);
    expect(defaultReferentialFor(config).territory.chefsDeFile).toEqual(config.chefsDeFile);
    // Without a file: the shipped configuration, or the generic one of another département.
    expect(defaultReferentialFor(territoryConfigFromEnv({}))).toEqual(REFERENTIAL_V1);
    expect(territoryConfigFromEnv({ TNE13_DEPARTEMENT: '094' }).chefsDeFile.map((c) => c.label)).toEqual(['Conseil départemental du Val-de-Marne']);
  });

  it('refuses, in French, a territory file that is missing, not JSON, wrong, or of another département, so the server does not start', () => {
    const file = join(dir, 'territoire.json');
    expect(() => territoryFromEnv({ TNE13_TERRITORY: file })).toThrow(`TNE13_TERRITORY : « ${file} » : fichier introuvable.`);
    writeFileSync(file, '{ "departement": "086", }');
    expect(() => territoryFromEnv({ TNE13_TERRITORY: file })).toThrow(`TNE13_TERRITORY : « ${file} » : ce n'est pas un fichier JSON valide.`);
    writeFileSync(file, JSON.stringify({ departement: '086', targets: { classes: 2.5 } }));
    expect(() => territoryFromEnv({ TNE13_TERRITORY: file })).toThrow(
      `TNE13_TERRITORY : « ${file} » : Fichier de territoire invalide :\n- targets.classes : nombre entier de 0 à 100000 attendu, ou null (objectif non fixé).`,
    );
    writeFileSync(file, JSON.stringify({ departement: '086' }));
    expect(() => territoryFromEnv({ TNE13_TERRITORY: file, TNE13_DEPARTEMENT: '13' })).toThrow(
      'Le fichier de territoire décrit le département 86, pas le 13 (TNE13_DEPARTEMENT, TNE13_TERRITORY).',
    );
  });

  it('names one accepted campaign in the singular', () => {
    const record = pushOf(makeClassroomFiche({ campaign: '2025-2026' }));
    expect(outOfScopeMessage(record, makeTerritory('13', ['2026-2027']))).toContain('(campagne 2026-2027 seulement)');
  });
});

describe('npm run serve with a territory', () => {
  it('says which territory it holds, and refuses the records outside it', async () => {
    const store = await openStore(storeLocation(dbPath));
    const token = await createToken(store, 'Camille Martin');
    await store.close();
    const started = await serveProcess(dbPath, { TNE13_DEPARTEMENT: '2A', TNE13_CAMPAIGNS: '2026-2027' });
    if (!('url' in started)) throw new Error(`le serveur s'est arrêté : ${started.stderr}`);
    try {
      expect(started.stdout).toContain('Territoire : département 2A, campagne 2026-2027 (TNE13_DEPARTEMENT, TNE13_CAMPAIGNS).');
      const records = [pushOf(makeClassroomFiche({ uai: AJACCIO })), pushOf(makeClassroomFiche({ uai: AJACCIO, campaign: '2027-2028' })), pushOf(makeClassroomFiche({ uai: MARSEILLE }))];
      const answer = await postSync({ url: started.url, token }, makeBatch(records));
      expect(answer.body.results.map((r) => r.status)).toEqual(['stored', 'forbidden', 'forbidden']);
      // The référentiel it serves names the Corse-du-Sud's Conseil départemental, and no target is set.
      const served = (await (await fetch(`${started.url}/api/v1/referential`, { headers: { authorization: `Bearer ${token}` } })).json()) as Referential;
      expect(served.territory).toMatchObject({ departement: '2A', name: 'Corse-du-Sud', chefsDeFile: [{ id: 'cd2a', label: 'Conseil départemental de la Corse-du-Sud', communes: [] }] });
      expect(served.targets).toEqual({ classes: null, newTeachers: null });
    } finally {
      await started.stop();
    }
  });

  it('does not start with a territory it cannot read, and says why in French', async () => {
    const stopped = await serveProcess(dbPath, { TNE13_DEPARTEMENT: '20' });
    expect(stopped).toEqual({ code: 1, stderr: 'Département « 20 » inconnu : attendu sous la forme 013, 2A ou 971 (TNE13_DEPARTEMENT).\n' });
  });
});
