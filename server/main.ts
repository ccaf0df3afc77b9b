// `npm start` / `npm run serve`: the reference server on 127.0.0.1, serving the built app (dist/) and the API on
// one origin, with the embedded SQLite file (or the PostgreSQL database of DATABASE_URL), for the territory of TNE13_DEPARTEMENT and TNE13_CAMPAIGNS. On first
// start it creates and prints a demonstration token (role admin).
import { existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { resolve } from 'node:path';
import { buildApp, parseCorsOrigins } from './src/app';
import { listenFailure, storeOpenFailure } from './src/startup-error';
import { describeStoreLocation, openStore, storeLocationFromEnv, storeOptionsFromEnv } from './src/store/open-store';
import type { Store } from './src/store/store';
import { describeTerritory, territoryFromEnv, type Territory } from './src/territory';
import { issueToken } from './src/tokens';
import { cliActor } from './src/audit';

const DEFAULT_PORT = 4173;
const DEMO_TOKEN_OWNER = 'Démonstration';

const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? DEFAULT_PORT);
const dbPath = storeLocationFromEnv(process.env);
const distDir = resolve('dist');

let territory: Territory;
try {
  territory = territoryFromEnv(process.env);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

// A file that cannot be opened (a path under a file, a full disk, not a database), or a PostgreSQL server that cannot
// be reached or refuses the connection, is said in French, location and cause.
let store: Store;
let demoToken: string | null;
try {
  store = await openStore(dbPath, storeOptionsFromEnv(process.env));
  if (await store.tokens.hasAny()) demoToken = null;
  else {
    const issued = await issueToken(store, DEMO_TOKEN_OWNER, { role: 'admin' });
    demoToken = issued.token;
    const { id, owner, role, createdAt, expiresOn } = issued.record;
    await store.audit.record({ kind: 'token-created', at: createdAt, by: cliActor(), token: { id, owner, role, expiresOn } });
  }
} catch (error) {
  console.error(storeOpenFailure(dbPath, error));
  process.exit(1);
}
const staticDir = existsSync(resolve(distDir, 'index.html')) ? distDir : undefined;
let app: FastifyInstance;
try {
  app = await buildApp({
    store,
    staticDir,
    corsOrigins: parseCorsOrigins(process.env.TNE13_CORS_ORIGINS),
    territory,
    logger: { level: 'warn' },
  });
  await app.listen({ host, port });
} catch (error) {
  console.error(listenFailure(host, port, error));
  await store.close();
  process.exit(1);
}

const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;
console.log(`TNE 13 : serveur démarré sur ${url}`);
console.log(`  API : ${url}api/v1/sync (envoi) et ${url}api/v1/changes (réception) · base de données : ${describeStoreLocation(dbPath)}`);
console.log(`  Territoire : ${describeTerritory(territory)} (TNE13_DEPARTEMENT, TNE13_CAMPAIGNS).`);
if (staticDir === undefined) console.warn("  Application non construite (dist/ absent) : lancez « npm start » pour la servir.");
if (demoToken !== null) {
  console.log(`  Premier démarrage : jeton de démonstration (rôle admin) créé pour « ${DEMO_TOKEN_OWNER} » (affiché une seule fois, conservez-le) :`);
  console.log(`  ${demoToken}`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void app.close().then(async () => {
      await store.close();
      process.exit(0);
    });
  });
}
