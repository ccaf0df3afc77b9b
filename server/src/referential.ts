// The référentiel the server holds (sync.md "Other endpoints"): the latest version an administrator published, else
// its territory's default. Devices compute with it, and so does the server's export. Publishing reads the body with
// the schema devices read it with (src/model/referential-schema.ts), numbers the version unless one is given, and
// keeps it in the store, append-only: a correction is a new version.
import { parisDateTime } from '../../src/export/paris-time';
import { defaultReferentialFor, migrateReferential, type Referential } from '../../src/model/referential';
import { readPublishedReferential, SERVER_VERSION } from '../../src/model/referential-schema';
import type { FieldError } from '../../src/model/types';
import type { Store } from './store/store';
import type { Territory } from './territory';

/** The référentiel a server serves while none was published: v1, with its département's chefs de file and targets. */
export function defaultServerReferential(territory: Territory): Referential {
  return defaultReferentialFor(territory.config);
}

/** The référentiel in force: the latest published, its rules and wording from this code, else the default. */
export async function referentialInForce(store: Store, territory: Territory): Promise<Referential> {
  const current = await store.referentials.current();
  const serverDefault = defaultServerReferential(territory);
  return current === null ? serverDefault : migrateReferential(current.referential as Partial<Referential>, serverDefault);
}

const versionParts = (version: string): [number, number] | null => {
  const match = SERVER_VERSION.exec(version);
  return match ? [Number(match[1]), Number(match[2])] : null;
};

/**
 * The version after every one of `held`: `<year>.<n>`, the year of `now` in Paris or the highest held if later, and n
 * one above the highest of that year (2026.1 → 2026.2; in 2027, 2026.3 → 2027.1).
 */
export function nextVersion(held: readonly string[], now: Date): string {
  const thisYear = Number((parisDateTime(now) ?? now.toISOString()).slice(0, 4));
  const parts = held.map(versionParts).filter((p): p is [number, number] => p !== null);
  const year = Math.max(thisYear, ...parts.map(([y]) => y));
  const n = Math.max(0, ...parts.filter(([y]) => y === year).map(([, k]) => k));
  return `${year}.${n + 1}`;
}

export type PublishOutcome =
  | { status: 'published'; referential: Referential }
  | { status: 'invalid'; errors: FieldError[] }
  | { status: 'version-taken'; version: string };

export interface PublishRequest {
  /** The body as sent: a référentiel (its `version`, rules and wording are not read). */
  body: unknown;
  /** The version asked for ("2026.2"); absent: the next one. */
  version?: string;
  by: string;
  via: 'api' | 'cli';
  at: Date;
}

/** How often the next version is tried again when another instance took it meanwhile. */
const NUMBERING_ATTEMPTS = 3;

/** The versions no publication may take: those published, and the default's, which devices already hold by that name. */
async function heldVersions(store: Store, territory: Territory): Promise<string[]> {
  return [defaultServerReferential(territory).version, ...(await store.referentials.list()).map((entry) => entry.version)];
}

/** Reads, numbers, keeps and logs a référentiel; nothing is kept when it is invalid or its version taken. */
export async function publishReferential(store: Store, territory: Territory, request: PublishRequest): Promise<PublishOutcome> {
  if (request.version !== undefined && !SERVER_VERSION.test(request.version)) {
    return { status: 'invalid', errors: [{ path: 'version', message: `Version « ${request.version.slice(0, 40)} » invalide : attendue sous la forme 2026.2 (année, point, numéro).` }] };
  }
  // Validated once: the numbering below changes only the version.
  const reading = readPublishedReferential(request.body, request.version ?? '0000.1', defaultServerReferential(territory));
  if (!reading.ok) return { status: 'invalid', errors: reading.errors };
  const at = request.at.toISOString();
  for (let attempt = 0; attempt < NUMBERING_ATTEMPTS; attempt += 1) {
    const held = await heldVersions(store, territory);
    const version = request.version ?? nextVersion(held, request.at);
    if (held.includes(version)) return { status: 'version-taken', version };
    const referential = { ...reading.referential, version };
    const kept = await store.referentials.publish({ version, referential: { ...referential }, publishedAt: at, publishedBy: request.by });
    if (kept === 'published') {
      await store.audit.record({ kind: 'referential-published', at, by: request.by, via: request.via, version });
      return { status: 'published', referential };
    }
    // Another instance published this very version between the read and the write.
    if (request.version !== undefined) return { status: 'version-taken', version };
  }
  return { status: 'version-taken', version: request.version ?? nextVersion(await heldVersions(store, territory), request.at) };
}

/** The 409's sentence: the version, and what to do. */
export function versionTakenMessage(version: string): string {
  return `La version ${version} du référentiel est déjà publiée : une version publiée ne change plus. Publiez sous une autre version, ou sans en donner (le serveur numérote).`;
}
