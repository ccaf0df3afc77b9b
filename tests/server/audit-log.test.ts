// The audit log (issue 14): the token CLI's creations and revocations, failed authentications counted per address and
// minute, exports with their token's owner, directory imports; append-only; printed in French by `npm run audit-log`.
// Real CLI processes, the real server over HTTP and the real SQLite file.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../server/src/store/open-store';
import type { AuditEvent } from '../../server/src/store/store';
import { makeTempDir, readDb, removeTempDir, startServer, type TestServer, runCli, type CliRun } from './support';
import { AUDIT_BY, execOnStore, shownLocation, storeLocation } from './store-under-test';

const ACCOUNT = userInfo().username;
const BY_CLI = `compte ${ACCOUNT} \\(ligne de commande\\)`;
const TIME = String.raw`\d\d/\d\d/\d{4} \d\d:\d\d:\d\d`;

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

/** `npm run <script>` as a process on the test's database: its exit code and what it wrote. */
function cli(script: 'token' | 'audit-log' | 'import', ...args: string[]): CliRun {
  return runCli(script, dbPath, ...args);
}

/** The lines `npm run audit-log` prints after its heading. */
function auditLines(...args: string[]): string[] {
  const run = cli('audit-log', ...args);
  if (run.code !== 0) throw new Error(`npm run audit-log : ${run.stderr}`);
  return run.stdout.trimEnd().split('\n').slice(1);
}

/** A request with `token` on an export, as a lecteur's spreadsheet would ask. */
function exportCsv(token: string): Promise<Response> {
  return fetch(`${server?.url}/api/v1/export.csv?sheet=ecoles&campaign=2026-2027`, { headers: { authorization: `Bearer ${token}` } });
}

/** A minute's start plus 30 s, an hour from now: a server clock whose events come after the CLI's, in one minute. */
function halfMinuteAnHourAhead(): Date {
  return new Date(Math.floor(Date.now() / 60_000) * 60_000 + 3_600_000 + 30_000);
}

describe('the audit log', () => {
  it('records a token created and revoked with the CLI: who ran it, for whom, the role and the last day', () => {
    expect(cli('token', 'create', 'Léa Martin', '--role', 'lecteur', '--expires', '2099-08-31').code).toBe(0);
    expect(cli('token', 'revoke', '1').code).toBe(0);
    expect(cli('token', 'revoke', '1').code).toBe(0);

    const rows = readDb(dbPath, (db) => db.prepare(`SELECT kind, ${AUDIT_BY} AS "by", details FROM audit_events ORDER BY seq`).all());
    expect(rows).toEqual([
      { kind: 'token-created', by: ACCOUNT, details: JSON.stringify({ token: { id: 1, owner: 'Léa Martin', role: 'lecteur', expiresOn: '2099-08-31' } }) },
      { kind: 'token-revoked', by: ACCOUNT, details: JSON.stringify({ token: { id: 1, owner: 'Léa Martin', role: 'lecteur' } }) },
    ]);
  });

  it('counts 50 wrong tokens from one address in one minute as one entry, not one per attempt, those refused at the 21st included', async () => {
    server = await startServer(dbPath, { now: () => new Date('2026-11-29T09:00:30.000Z') });
    const statuses: number[] = [];
    for (let i = 0; i < 50; i += 1) statuses.push((await exportCsv(crypto.randomUUID())).status);

    expect(statuses).toEqual([...Array(20).fill(401), ...Array(30).fill(429)]);
    // A refused request is answered without waiting for its count (app.ts): on PostgreSQL the last counts may still
    // be on their way when the answer arrives.
    const rows = () => readDb(dbPath, (db) => db.prepare('SELECT minute, address, count FROM failed_auths').all());
    await expect.poll(rows, { timeout: 10_000 }).toEqual([{ minute: '2026-11-29T09:00:00.000Z', address: '127.0.0.1', count: 50 }]);
  });

  it('counts a missing, a revoked and an expired token, and never a valid one refused for its role', async () => {
    server = await startServer(dbPath, { now: () => new Date('2026-11-29T09:00:30.000Z') });
    const auditeur = await server.makeToken('Dominique Durand');
    const expired = await server.makeToken('Léa Martin', { role: 'lecteur', expires: '2026-11-28', now: new Date('2026-11-01T09:00:00Z') });

    const missing = await fetch(`${server.url}/api/v1/export.csv?sheet=ecoles`);
    expect([missing.status, (await exportCsv(expired)).status, (await exportCsv(auditeur)).status]).toEqual([401, 401, 403]);
    expect(readDb(dbPath, (db) => db.prepare('SELECT count FROM failed_auths').pluck().all())).toEqual([2]);
  });

  it('records an export with the owner of its token, the campaign and the sheet', async () => {
    server = await startServer(dbPath, { now: () => new Date('2026-11-29T09:00:30.000Z') });
    const lecteur = await server.makeToken('Léa Martin', { role: 'lecteur' });
    expect((await exportCsv(lecteur)).status).toBe(200);
    const xlsx = await fetch(`${server.url}/api/v1/export.xlsx?campaign=2026-2027`, { headers: { authorization: `Bearer ${server.token}` } });
    expect(xlsx.status).toBe(200);

    const rows = readDb(dbPath, (db) => db.prepare(`SELECT at, kind, ${AUDIT_BY} AS "by", details FROM audit_events ORDER BY seq`).all());
    expect(rows).toEqual([
      { at: '2026-11-29T09:00:30.000Z', kind: 'export', by: 'Léa Martin', details: JSON.stringify({ campaign: '2026-2027', format: 'csv', sheet: 'ecoles' }) },
      { at: '2026-11-29T09:00:30.000Z', kind: 'export', by: 'Camille Martin', details: JSON.stringify({ campaign: '2026-2027', format: 'xlsx', sheet: null }) },
    ]);
  });

  it('records a directory import: who ran it, the files and what came of them', () => {
    const annuaire = join(dir, 'annuaire.csv');
    writeFileSync(
      annuaire,
      [
        'Identifiant_de_l_etablissement;Nom_etablissement;Type_etablissement;Statut_public_prive;Code_commune;Nom_commune;Code_departement;Ecole_maternelle;Ecole_elementaire;Appartenance_Education_Prioritaire;nom_circonscription;Nombre_d_eleves;etat',
        '0130569Y;École élémentaire François Moisson;Ecole;Public;13202;Marseille 2e Arrondissement;013;0;1;REP+;Marseille 02;212;OUVERT',
        '0950009E;École au code faux;Ecole;Public;13001;Aix-en-Provence;013;0;1;;Aix;100;OUVERT',
      ].join('\n'),
    );
    expect(cli('import', annuaire).code).toBe(0);

    expect(auditLines()).toEqual([
      expect.stringMatching(new RegExp(`^${TIME}  Import de l'annuaire  ${BY_CLI}  ${annuaire} : 1 école retenue \\(1 ajoutée, 0 mise à jour, 0 fermée\\), 1 ligne refusée$`)),
    ]);
  });

  it('is append-only: the file refuses to change or delete an entry, and a minute’s count only grows', async () => {
    const store = await openStore(storeLocation(dbPath));
    await store.audit.record({ kind: 'backup', at: '2026-11-29T09:00:00.000Z', by: 'ops', destination: '/sauvegardes/tne13.sqlite' });
    await store.audit.failedAuth('192.0.2.7', new Date('2026-11-29T09:00:00.000Z'));
    await store.close();

    // The same statements on both stores (the column of who acted aside), refused by their triggers.
    const run = (sql: string) => execOnStore(dbPath, { sqlite: sql, postgres: sql });
    expect(() => run(`UPDATE audit_events SET ${AUDIT_BY} = 'personne'`)).toThrow(/append-only/);
    expect(() => run('DELETE FROM audit_events')).toThrow(/append-only/);
    expect(() => run('UPDATE failed_auths SET count = count - 1')).toThrow(/only grows/);
    expect(() => run("UPDATE failed_auths SET address = '10.0.0.1', count = count + 1")).toThrow(/only grows/);
    expect(() => run('DELETE FROM failed_auths')).toThrow(/append-only/);
    run('UPDATE failed_auths SET count = count + 1');
    expect(readDb(dbPath, (db) => db.prepare('SELECT count FROM failed_auths').pluck().get())).toBe(2);
  });
});

describe('npm run audit-log', () => {
  it('prints each entry on a line, oldest first, Paris time: the event, who, the details', async () => {
    expect(cli('token', 'create', 'Léa Martin', '--role', 'lecteur', '--expires', '2099-08-31').code).toBe(0);
    const lecteur = cli('token', 'create', 'Dominique Durand', '--role', 'lecteur').stdout.trim().split('\n').at(-1) ?? '';
    expect(cli('token', 'revoke', '1').code).toBe(0);
    server = await startServer(dbPath, { now: halfMinuteAnHourAhead });
    for (let i = 0; i < 3; i += 1) expect((await exportCsv('faux')).status).toBe(401);
    expect((await exportCsv(lecteur)).status).toBe(200);

    const run = cli('audit-log');
    expect(run.code).toBe(0);
    expect(run.stdout.trimEnd().split('\n')).toEqual([
      `Journal d'audit de ${shownLocation(dbPath)} (heure de Paris) : 5 entrées.`,
      expect.stringMatching(new RegExp(`^${TIME}  Jeton créé  ${BY_CLI}  n° 1 pour « Léa Martin », rôle lecteur, expire le 31/08/2099 à 24 h$`)),
      expect.stringMatching(new RegExp(`^${TIME}  Jeton créé  ${BY_CLI}  n° 2 pour « Dominique Durand », rôle lecteur, sans expiration$`)),
      expect.stringMatching(new RegExp(`^${TIME}  Jeton révoqué  ${BY_CLI}  n° 1 de « Léa Martin », rôle lecteur$`)),
      expect.stringMatching(/^\d\d\/\d\d\/\d{4} \d\d:\d\d {2}Échecs d'authentification {2}adresse 127\.0\.0\.1 {2}3 jetons refusés \(401\) dans la minute$/),
      expect.stringMatching(new RegExp(`^${TIME}  Export du tableau départemental  Dominique Durand  campagne 2026-2027, feuille ecoles en CSV$`)),
    ]);
  });

  it('writes the day and time in Paris, summer and winter alike', async () => {
    const store = await openStore(storeLocation(dbPath));
    const exported = (at: string): AuditEvent => ({ kind: 'export', at, by: 'Léa Martin', campaign: '2026-2027', format: 'xlsx', sheet: null });
    await store.audit.record(exported('2026-07-14T21:59:59.000Z'));
    await store.audit.record(exported('2026-12-15T23:30:05.000Z'));
    await store.close();

    expect(auditLines()).toEqual([
      '14/07/2026 23:59:59  Export du tableau départemental  Léa Martin  campagne 2026-2027, classeur XLSX',
      '16/12/2026 00:30:05  Export du tableau départemental  Léa Martin  campagne 2026-2027, classeur XLSX',
    ]);
  });

  it('prints the entries since a day in Paris, or the latest N, saying when older ones are left out', async () => {
    const store = await openStore(storeLocation(dbPath));
    const revoked = (id: number, at: string): AuditEvent => ({ kind: 'token-revoked', at, by: 'ops', token: { id, owner: 'Léa Martin', role: 'auditeur' } });
    // 23:30 UTC on 27 November is 00:30 on the 28th in Paris.
    for (const [id, at] of [[1, '2026-11-27T22:30:00.000Z'], [2, '2026-11-27T23:30:00.000Z'], [3, '2026-11-29T08:00:00.000Z']] as const) await store.audit.record(revoked(id, at));
    await store.close();

    expect(auditLines('--since', '2026-11-28').map((line) => line.split('  ')[3])).toEqual(['n° 2 de « Léa Martin », rôle auditeur', 'n° 3 de « Léa Martin », rôle auditeur']);
    expect(cli('audit-log', '--since', '2026-11-28').stdout).toMatch(/^Journal d'audit de .* depuis le 28\/11\/2026 \(heure de Paris\) : 2 entrées\.\n/);
    expect(auditLines('--limit', '1')).toEqual([
      '  Entrées plus anciennes non affichées : --limit N pour en voir davantage, ou --since AAAA-MM-JJ.',
      '29/11/2026 09:00:00  Jeton révoqué  compte ops (ligne de commande)  n° 3 de « Léa Martin », rôle auditeur',
    ]);
  });

  it('refuses, in French, a day it cannot read and a limit that is not a number', () => {
    const runs = [cli('audit-log', '--since', '28/11/2026'), cli('audit-log', '--limit', 'dix'), cli('audit-log', '--jusqua', '2026-11-28')];

    expect(runs.map((run) => run.code)).toEqual([2, 2, 2]);
    expect(runs.map((run) => run.stderr.split('\n')[0])).toEqual([
      'Date « 28/11/2026 » illisible : attendue sous la forme AAAA-MM-JJ (par exemple 2026-11-29).',
      "Limite « dix » invalide : un nombre d'entrées, 1 ou plus.",
      'Arguments « --jusqua 2026-11-28 » non reconnus.',
    ]);
  });
});
