// `npm run import` loads the directory into the server's database; GET /api/v1/schools then serves it.
import { afterEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, removeTempDir, startServer, type TestServer } from './support';
import type { DirectorySchool } from '../../src/model/school';
import { storeEnv } from './store-under-test';

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
  return run(process.execPath, ['--import', 'tsx', 'server/cli/import.ts', ...files], { env: { ...process.env, ...storeEnv(dbPath) } });
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
});

