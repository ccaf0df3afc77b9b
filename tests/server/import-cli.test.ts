// `npm run import` loads the directory into the server's database; GET /api/v1/schools then serves it.
import { afterEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, removeTempDir, startServer, type TestServer } from './support';
import type { DirectorySchool } from '../../src/model/school';
import { CHAMPIGNY, CRETEIL, IVRY, VAL_DE_MARNE_CSV, VITRY_1, VITRY_2, VITRY_TERRITORY_FILE } from '../directory/fixtures/annuaire-val-de-marne';

const run = promisify(execFile);
const HEADER = 'Identifiant_de_l_etablissement;Nom_etablissement;Type_etablissement;Statut_public_prive;Code_commune;Nom_commune;Code_departement;Ecole_maternelle;Ecole_elementaire;Appartenance_Education_Prioritaire;nom_circonscription;Nombre_d_eleves;etat';
const ROWS = [
  '0130569Y;École élémentaire François Moisson;Ecole;Public;13202;Marseille 2e Arrondissement;013;0;1;REP+;Marseille 02;212;OUVERT',
  '0130541T;École élémentaire Canet Ambrosini;Ecole;Public;13214;Marseille 14e Arrondissement;013;0;1;REP;Marseille 14;180;OUVERT',
  '0950009E;École au code faux;Ecole;Public;13001;Aix-en-Provence;013;0;1;;Aix;100;OUVERT',
];
const EFFECTIFS = ['numero_ecole;rentree_scolaire;nombre_total_eleves;nombre_total_classes', '0130569Y;2023;205;9', '0130569Y;2024;212;10'];

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function importCli(dbPath: string, ...files: string[]) {
  return run(process.execPath, ['--import', 'tsx', 'server/cli/import.ts', ...files], { env: { ...process.env, TNE13_DB: dbPath } });
}

/** The command with the deployment's territory variables set (and none inherited). */
async function importCliIn(env: Record<string, string>, dbPath: string, ...args: string[]) {
  const { TNE13_DEPARTEMENT: _d, TNE13_TERRITORY: _t, ...inherited } = process.env;
  return run(process.execPath, ['--import', 'tsx', 'server/cli/import.ts', ...args], { env: { ...inherited, ...env, TNE13_DB: dbPath } });
}

async function servedChefs(dbPath: string): Promise<Record<string, string>> {
  const server: TestServer = await startServer(dbPath);
  cleanups.push(() => server.close());
  const schools = (await (await fetch(`${server.url}/api/v1/schools`)).json()) as DirectorySchool[];
  return Object.fromEntries(schools.map((s) => [s.uai, s.chefDeFile]));
}

describe('npm run import', () => {
  it('loads the annuaire and the effectifs, says what it refused, and a second import changes nothing', async () => {
    const dir = makeTempDir();
    cleanups.push(() => removeTempDir(dir));
    const annuaire = join(dir, 'annuaire.csv');
    const effectifs = join(dir, 'effectifs.csv');
    writeFileSync(annuaire, [HEADER, ...ROWS].join('\n'));
    writeFileSync(effectifs, EFFECTIFS.join('\n'));
    const dbPath = join(dir, 'tne13.sqlite');

    const first = await importCli(dbPath, annuaire, effectifs);
    expect(first.stdout).toContain('3 lignes lues, 2 écoles retenues (2 ajoutées, 0 mises à jour, 0 inchangées');
    expect(first.stdout).toContain('ligne 4 : UAI « 0950009E » : lettre de contrôle erronée (U attendue)');
    const second = await importCli(dbPath, annuaire, effectifs);
    expect(second.stdout).toContain('(0 ajoutées, 0 mises à jour, 2 inchangées');

    const server: TestServer = await startServer(dbPath);
    cleanups.push(() => server.close());
    const schools = (await (await fetch(`${server.url}/api/v1/schools`)).json()) as DirectorySchool[];
    expect(schools.map((s) => [s.uai, s.classes, s.pupils, s.chefDeFile, s.source])).toEqual([
      ['0130541T', null, 180, 'ville-marseille', 'annuaire'],
      ['0130569Y', 10, 212, 'ville-marseille', 'annuaire'],
    ]);
  }, 60_000);

  it('gives the schools of another département its Conseil départemental, or the city its territory file names', async () => {
    const dir = makeTempDir();
    cleanups.push(() => removeTempDir(dir));
    const annuaire = join(dir, 'annuaire-094.csv');
    writeFileSync(annuaire, VAL_DE_MARNE_CSV);

    const generic = join(dir, 'generic.sqlite');
    const plain = await importCliIn({}, generic, annuaire, '--departement=094');
    expect(plain.stdout).toContain('7 lignes lues, 5 écoles retenues (5 ajoutées');
    expect(plain.stdout).toContain('département 94 (Val-de-Marne) ; chefs de file : Conseil départemental du Val-de-Marne (toutes les autres communes)');
    expect(await servedChefs(generic)).toEqual({ [CHAMPIGNY]: 'cd94', [CRETEIL]: 'cd94', [IVRY]: 'cd94', [VITRY_1]: 'cd94', [VITRY_2]: 'cd94' });

    // The same variables as the server's: TNE13_TERRITORY names the city, and its département is the default.
    const territoryFile = join(dir, 'territoire.json');
    writeFileSync(territoryFile, JSON.stringify(VITRY_TERRITORY_FILE));
    const named = join(dir, 'named.sqlite');
    const withCity = await importCliIn({ TNE13_TERRITORY: territoryFile }, named, annuaire);
    expect(withCity.stdout).toContain('chefs de file : Ville de Vitry-sur-Seine (1 commune), Conseil départemental du Val-de-Marne (toutes les autres communes)');
    expect(await servedChefs(named)).toEqual({ [CHAMPIGNY]: 'cd94', [CRETEIL]: 'cd94', [IVRY]: 'cd94', [VITRY_1]: 'ville-vitry', [VITRY_2]: 'ville-vitry' });
  }, 60_000);

  it('refuses a territory file that does not hold, or of another département, in French and before importing', async () => {
    const dir = makeTempDir();
    cleanups.push(() => removeTempDir(dir));
    const annuaire = join(dir, 'annuaire-094.csv');
    writeFileSync(annuaire, VAL_DE_MARNE_CSV);
    const territoryFile = join(dir, 'territoire.json');
    writeFileSync(territoryFile, JSON.stringify({ ...VITRY_TERRITORY_FILE, chefsDeFile: [{ id: 'ville-vitry', label: 'Ville de Vitry-sur-Seine', communes: ['13055'] }] }));
    const refused = importCliIn({ TNE13_TERRITORY: territoryFile }, join(dir, 'a.sqlite'), annuaire);
    await expect(refused).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining(`TNE13_TERRITORY : « ${territoryFile} » : Fichier de territoire invalide :\n- chefsDeFile[0].communes[0] : la commune 13055 n'est pas du département 94.`),
    });
    writeFileSync(territoryFile, JSON.stringify(VITRY_TERRITORY_FILE));
    await expect(importCliIn({ TNE13_TERRITORY: territoryFile }, join(dir, 'b.sqlite'), annuaire, '--departement=086')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Le fichier de territoire décrit le département 94, pas le 86 (TNE13_DEPARTEMENT, TNE13_TERRITORY).'),
    });
  }, 60_000);
});
