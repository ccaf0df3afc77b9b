// The reference server (sync.md): the sync endpoints (push and pull), health, the school directory, the référentiel, the exports, a
// fiche's history, the photos, the API's OpenAPI description, and optionally the built app on the same origin, behind its limits
// (timeouts, connections, failed authentications, load). `buildApp` does not listen: main.ts and the tests choose where.
import cors from '@fastify/cors';
import Fastify from 'fastify';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { registerAttachmentRoutes } from './attachments-route';
import { registerChangesRoute } from './changes-route';
import { handleError } from './errors';
import { registerExportRoutes } from './export-route';
import { FAILED_AUTHS_PER_MINUTE, limitFailedAuthentications } from './failed-auth-limit';
import { HEALTH_PROBE_INTERVAL_MS, registerHealthRoute } from './health-route';
import { registerHistoryRoute } from './history-route';
import { answerOnSocket, connectionOptions, DEFAULT_CONNECTION_LIMITS, refuseExpectation, type ConnectionLimits } from './http-limits';
import { DEFAULT_LOAD_LIMITS, shedLoad, type LoadLimits } from './load-shedding';
import { registerOpenApiRoute } from './openapi-route';
import { registerReferentialRoute } from './referential-route';
import { registerSchoolsRoute } from './schools-route';
import { openStore } from './store/open-store';
import type { Store } from './store/store';
import { registerSyncRoute } from './sync-route';
import { DEFAULT_TERRITORY, type Territory } from './territory';
import { checkpointPeriodically, WAL_CHECKPOINT_INTERVAL_MS } from './wal-checkpoint';
import { addResponseHeaders, answerFrameworkError, serveApp } from './web';
import { WorkQueue } from './work-queue';
import { noteApiRoutes } from './wrong-method';

/** Every limit of the server; tests shorten or tighten them to see them act. */
export interface ServerLimits extends ConnectionLimits, LoadLimits {
  failedAuthsPerMinute: number;
  /** How long a write probe's verdict answers /api/v1/health. */
  healthProbeIntervalMs: number;
  /** 0: never. */
  walCheckpointIntervalMs: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  ...DEFAULT_CONNECTION_LIMITS,
  ...DEFAULT_LOAD_LIMITS,
  failedAuthsPerMinute: FAILED_AUTHS_PER_MINUTE,
  healthProbeIntervalMs: HEALTH_PROBE_INTERVAL_MS,
  walCheckpointIntervalMs: WAL_CHECKPOINT_INTERVAL_MS,
};

export interface AppOptions {
  /** An open store, which the caller closes; or `dbPath`, opened here and closed with the app. */
  store?: Store;
  dbPath?: string;
  /** The built app (dist/) to serve on `/`; the API alone when absent. */
  staticDir?: string;
  /** Origins allowed to call the API from another origin; none by default. */
  corsOrigins?: readonly string[];
  logger?: FastifyServerOptions['logger'];
  /** The server's clock (arrival times, years accepted by validation, tokens' expiry). */
  now?: () => Date;
  /** The département and campaigns the server holds (TNE13_DEPARTEMENT, TNE13_CAMPAIGNS); 013 and every campaign by default. */
  territory?: Territory;
  /** Those of DEFAULT_LIMITS to change; a process measure (event-loop delay, heap) at 0 is not measured. */
  limits?: Partial<ServerLimits>;
  /** Told of each failed authentication, with the client's address (the audit log counts them). */
  onFailedAuth?: (address: string) => void;
}

/** What every route is registered with. */
export interface ServerContext {
  store: Store;
  now: () => Date;
  territory: Territory;
  limits: ServerLimits;
  /** The store's work for pushes and pulls, one task at a time (work-queue.ts). */
  work: WorkQueue;
}

type RegisterRoutes = (app: FastifyInstance, context: ServerContext) => void;

// The API, one register function per concern, each in its own file and calling only the Store interface.
const API_ROUTES: readonly RegisterRoutes[] = [
  registerHealthRoute,
  registerSchoolsRoute,
  registerReferentialRoute,
  registerSyncRoute,
  registerChangesRoute,
  registerExportRoutes,
  registerHistoryRoute,
  registerAttachmentRoutes,
  registerOpenApiRoute,
];

export async function buildApp(options: AppOptions = {}): Promise<FastifyInstance> {
  const limits: ServerLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const store = options.store ?? (await openStore(options.dbPath));
  const app = Fastify({
    logger: options.logger ?? false,
    ...connectionOptions(limits),
    clientErrorHandler: answerOnSocket(limits),
    // A URL Fastify cannot decode is answered as any other refusal.
    frameworkErrors: answerFrameworkError,
  });
  app.server.maxConnections = limits.maxConnections;
  app.server.on('checkExpectation', refuseExpectation);
  if (options.store === undefined) app.addHook('onClose', () => store.close());

  app.setErrorHandler(handleError);
  addResponseHeaders(app);
  // First, so that a device on another origin can read every refusal below (Retry-After included).
  const origins = options.corsOrigins ?? [];
  if (origins.length > 0) {
    await app.register(cors, {
      origin: [...origins],
      methods: ['GET', 'HEAD', 'POST', 'PUT'],
      allowedHeaders: ['Authorization', 'Content-Type', 'If-None-Match'],
      exposedHeaders: ['ETag', 'Retry-After'],
      maxAge: 600,
    });
  }
  const now = options.now ?? (() => new Date());
  // Then the addresses refused for their failed authentications (counted in the store, so that every instance of the
  // server refuses an address that failed on any), then the load (this process's own): neither reads a body.
  const countRefused = (address: string) =>
    void store.audit.failedAuth(address, now()).catch((cause: unknown) => app.log.error({ err: cause }, 'audit log: refused request not counted'));
  limitFailedAuthentications(app, {
    throttle: store.throttle,
    maxPerMinute: limits.failedAuthsPerMinute,
    now,
    onFailedAuth: options.onFailedAuth,
    onRefused: countRefused,
  });
  await shedLoad(app, limits);
  checkpointPeriodically(app, store, limits.walCheckpointIntervalMs);

  const work = new WorkQueue(limits.maxQueueWaitMs);
  const context: ServerContext = { store, now, territory: options.territory ?? DEFAULT_TERRITORY, limits, work };
  const answerWrongMethods = noteApiRoutes(app);
  for (const register of API_ROUTES) register(app, context);
  answerWrongMethods();
  await serveApp(app, options.staticDir);
  return app;
}

/** `TNE13_CORS_ORIGINS="https://a.example,https://b.example"` → the allowed origins. */
export function parseCorsOrigins(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
}
