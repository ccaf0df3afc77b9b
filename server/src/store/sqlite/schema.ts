// The SQLite file's schema and its migrations. Revisions are append-only: every revision stored is kept with who
// sent it and when (triggers refuse updates and deletes); the consolidated view of a fiche is its head (version 2:
// the `heads` table, sync.md v2).
import type Database from 'better-sqlite3';
import { DEMO_SCHOOLS } from '../../../../src/directory/demo-schools';
import { SEQ_AND_HEADS } from './migrations/seq-and-heads';
import { deriveSchoolFicheIds } from './migrations/derived-school-ids';
import { TOKEN_ROLES } from './migrations/token-roles';
import { AUDIT_LOG } from './migrations/audit-log';
import { REFERENTIALS_AND_THROTTLE } from './migrations/referentials-throttle';
import { AUDIT_REFERENTIAL_KIND } from './migrations/audit-referential-kind';

/** SQL run as it is, or a step written in TypeScript (it runs inside the same transaction). */
type Migration = string | ((db: Database.Database) => void);

// A released version is never edited: a change to the schema is a new entry that migrates the previous one.
const MIGRATIONS: readonly Migration[] = [
  `
  CREATE TABLE revisions (
    id TEXT NOT NULL,
    rev INTEGER NOT NULL,
    kind TEXT NOT NULL,
    uai TEXT NOT NULL,
    campaign TEXT NOT NULL,
    deleted INTEGER NOT NULL,
    record TEXT NOT NULL,
    device_id TEXT NOT NULL,
    token_owner TEXT NOT NULL,
    received_at TEXT NOT NULL,
    PRIMARY KEY (id, rev)
  ) WITHOUT ROWID;
  CREATE INDEX revisions_by_school ON revisions (campaign, uai);
  CREATE TRIGGER revisions_no_update BEFORE UPDATE ON revisions
    BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END;
  CREATE TRIGGER revisions_no_delete BEFORE DELETE ON revisions
    BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END;

  -- The latest revision of each fiche: what exports read.
  CREATE VIEW fiches AS
    SELECT r.* FROM revisions r WHERE r.rev = (SELECT MAX(rev) FROM revisions WHERE id = r.id);

  -- A sent copy that differs from the held one under the same (id, rev): kept aside, once per content.
  CREATE TABLE conflicts (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL,
    rev INTEGER NOT NULL,
    record_sha256 TEXT NOT NULL,
    record TEXT NOT NULL,
    device_id TEXT NOT NULL,
    token_owner TEXT NOT NULL,
    received_at TEXT NOT NULL,
    UNIQUE (id, rev, record_sha256)
  );

  -- Only the SHA-256 of a token is kept: a copy of the file gives no way in.
  CREATE TABLE tokens (
    hash TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    created_at TEXT NOT NULL
  );

  CREATE TABLE schools (
    uai TEXT PRIMARY KEY,
    record TEXT NOT NULL
  );
  `,
  // 2 (sync protocol v2, issue 13): a server-wide `seq` on every revision, the heads table the pull reads, the
  // conflicting copies keyed by their base, the sources of a revision the server made.
  SEQ_AND_HEADS,
  // 3 (issue 13): every school fiche under its derived id `ecole-<campaign>-<uai>`, two of one school merged.
  deriveSchoolFicheIds,
  // 4 (issue 14): tokens get an id, a role (`admin` for those made before roles), an expiry and a revocation time.
  TOKEN_ROLES,
  // 5 (issue 14): the audit log (tokens created and revoked, failed authentications by address and minute, exports,
  // directory imports).
  AUDIT_LOG,
  // 6 (issue 16): the référentiels published by administrators, and the failed authentications that the 429 rule
  // counts, shared by every instance of the server.
  REFERENTIALS_AND_THROTTLE,
  // 7 (issue 16): the audit log keeps the publication of a référentiel (a new kind of event).
  AUDIT_REFERENTIAL_KIND,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings the file to the latest schema (or to `version`, which tests use to make a file of an older server) in one
 * transaction; refuses a file written by a newer server.
 */
export function migrate(db: Database.Database, version: number = SCHEMA_VERSION): void {
  const from = db.pragma('user_version', { simple: true }) as number;
  if (from > SCHEMA_VERSION) {
    throw new Error(`Base de données d'une version plus récente (${from}) que ce serveur (${SCHEMA_VERSION}).`);
  }
  db.transaction(() => {
    for (const migration of MIGRATIONS.slice(from, Math.max(from, version))) {
      if (typeof migration === 'string') db.exec(migration);
      else migration(db);
    }
    if (from === 0) seedSchools(db);
    db.pragma(`user_version = ${Math.max(from, version)}`);
  }).immediate();
}

// A new database starts with the demonstration directory; the import of the real one replaces it (issue 7).
function seedSchools(db: Database.Database): void {
  const insert = db.prepare('INSERT INTO schools (uai, record) VALUES (?, ?)');
  for (const school of DEMO_SCHOOLS) insert.run(school.uai, JSON.stringify(school));
}
