// The PostgreSQL database's schema and its migrations, numbered on their own (this store began at SQLite's schema 6,
// so its first version is that schema whole, without the steps that brought old SQLite files there). Revisions are
// append-only, as in SQLite: triggers refuse updates, deletes and TRUNCATE; each fiche's head follows by trigger in
// the transaction that stores the revision.
//
// Text that is ordered or compared by range (UAIs, ISO 8601 times) is COLLATE "C": byte order, as SQLite's, whatever
// the locale the cluster was made with (a locale's collation may ignore the '-' and ':' of a timestamp).
import { DEMO_SCHOOLS } from '../../../../src/directory/demo-schools';
import { writeSchools } from './directory';
import { inTransaction, lock, LOCKS, type Client } from './pool';
import type pg from 'pg';

// A released version is never edited: a change to the schema is a new entry that migrates the previous one.
const MIGRATIONS: readonly string[] = [
  // 1 (issue 16): what SQLite's schema 6 holds.
  `
  CREATE FUNCTION tne13_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation'; END
  $$;

  -- seq: server-wide, given under the write lock so that seqs commit in order (revisions.ts).
  CREATE TABLE revisions (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id text NOT NULL,
    rev integer NOT NULL,
    kind text NOT NULL,
    uai text NOT NULL,
    campaign text NOT NULL,
    deleted boolean NOT NULL,
    -- The record as stored (canonical JSON, with its rev): text, so that it is read back byte for byte.
    record text NOT NULL,
    device_id text NOT NULL,
    token_owner text NOT NULL,
    received_at text NOT NULL,
    UNIQUE (id, rev)
  );
  CREATE INDEX revisions_by_school ON revisions (campaign, uai);
  CREATE INDEX revisions_by_fiche ON revisions (id, seq);
  CREATE INDEX revisions_by_uai ON revisions (uai);
  CREATE TRIGGER revisions_append_only BEFORE UPDATE OR DELETE ON revisions
    FOR EACH ROW EXECUTE FUNCTION tne13_refuse_change('revisions are append-only');
  CREATE TRIGGER revisions_no_truncate BEFORE TRUNCATE ON revisions
    FOR EACH STATEMENT EXECUTE FUNCTION tne13_refuse_change('revisions are append-only');

  -- Each fiche's latest revision, by id, and by campaign then seq for the pull. A school fiche whose id is not
  -- ecole-<campaign>-<uai> never becomes a head (as in SQLite since its schema 2).
  CREATE TABLE heads (
    id text PRIMARY KEY,
    rev integer NOT NULL,
    seq bigint NOT NULL UNIQUE,
    kind text NOT NULL,
    uai text NOT NULL,
    campaign text NOT NULL,
    deleted boolean NOT NULL
  );
  CREATE INDEX heads_for_pull ON heads (campaign, seq);
  CREATE FUNCTION tne13_move_head() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.kind <> 'school' OR NEW.id = 'ecole-' || NEW.campaign || '-' || NEW.uai THEN
        INSERT INTO heads (id, rev, seq, kind, uai, campaign, deleted)
          VALUES (NEW.id, NEW.rev, NEW.seq, NEW.kind, NEW.uai, NEW.campaign, NEW.deleted)
          ON CONFLICT (id) DO UPDATE SET rev = excluded.rev, seq = excluded.seq, kind = excluded.kind, uai = excluded.uai,
            campaign = excluded.campaign, deleted = excluded.deleted
          WHERE excluded.rev > heads.rev;
      END IF;
      RETURN NULL;
    END
  $$;
  CREATE TRIGGER revisions_move_head AFTER INSERT ON revisions FOR EACH ROW EXECUTE FUNCTION tne13_move_head();

  -- The consolidated view of each fiche, for whoever reads the database: its head.
  CREATE VIEW fiches AS SELECT r.* FROM heads h JOIN revisions r ON r.seq = h.seq;

  -- A copy that conflicted with the head (sent on base_rev while the head was rev), kept aside once per content
  -- (record_sha256: the SHA-256 of its content, sync-protocol.ts contentOf).
  CREATE TABLE conflicts (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id text NOT NULL,
    rev integer NOT NULL,
    base_rev integer,
    record_sha256 text NOT NULL,
    record text NOT NULL,
    device_id text NOT NULL,
    token_owner text NOT NULL,
    received_at text NOT NULL,
    UNIQUE (id, record_sha256)
  );

  -- Only the SHA-256 of a token is kept: a copy of the database gives no way in. Ids are never reused.
  CREATE TABLE tokens (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    hash text NOT NULL UNIQUE,
    owner text NOT NULL,
    role text NOT NULL CHECK (role IN ('auditeur', 'lecteur', 'admin')),
    created_at text NOT NULL,
    -- AAAA-MM-JJ: valid until the end of that day, Paris time; NULL: no expiry.
    expires_on text,
    revoked_at text
  );

  -- The directory: each school's record as JSON, and its circonscription apart for the pull's filter.
  CREATE TABLE schools (
    uai text COLLATE "C" PRIMARY KEY,
    circonscription text,
    record text NOT NULL
  );
  CREATE INDEX schools_by_circonscription ON schools (circonscription);
  -- The fingerprint of the directory's content (directory.ts), written with it: the export version reads it.
  CREATE TABLE directory_state (
    single boolean PRIMARY KEY DEFAULT true CHECK (single),
    fingerprint text NOT NULL
  );

  -- The audit log (SQLite's schema 5): events one row each, never changed; failed authentications one row per
  -- address and minute, whose count only grows.
  CREATE TABLE audit_events (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at text COLLATE "C" NOT NULL,
    kind text NOT NULL CHECK (kind IN ('token-created', 'token-revoked', 'export', 'directory-import', 'backup')),
    actor text NOT NULL,
    -- The rest of the event, as JSON.
    details text NOT NULL
  );
  CREATE INDEX audit_events_by_time ON audit_events (at);
  CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION tne13_refuse_change('the audit log is append-only');
  CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION tne13_refuse_change('the audit log is append-only');

  CREATE TABLE failed_auths (
    -- The minute's start, ISO 8601 UTC.
    minute text COLLATE "C" NOT NULL,
    address text NOT NULL,
    count integer NOT NULL CHECK (count > 0),
    PRIMARY KEY (minute, address)
  );
  CREATE TRIGGER failed_auths_only_count_up BEFORE UPDATE ON failed_auths
    FOR EACH ROW WHEN (NEW.minute IS DISTINCT FROM OLD.minute OR NEW.address IS DISTINCT FROM OLD.address OR NEW.count <= OLD.count)
    EXECUTE FUNCTION tne13_refuse_change('the audit log is append-only: a count of failed authentications only grows');
  CREATE TRIGGER failed_auths_no_delete BEFORE DELETE ON failed_auths
    FOR EACH ROW EXECUTE FUNCTION tne13_refuse_change('the audit log is append-only');
  CREATE TRIGGER failed_auths_no_truncate BEFORE TRUNCATE ON failed_auths
    FOR EACH STATEMENT EXECUTE FUNCTION tne13_refuse_change('the audit log is append-only');

  -- The référentiels published by administrators (SQLite's schema 6): append-only, the latest in force.
  CREATE TABLE referentials (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    version text NOT NULL UNIQUE,
    -- The référentiel as JSON.
    body text NOT NULL,
    published_at text NOT NULL,
    published_by text NOT NULL
  );
  CREATE TRIGGER referentials_append_only BEFORE UPDATE OR DELETE ON referentials
    FOR EACH ROW EXECUTE FUNCTION tne13_refuse_change('published référentiels are append-only');
  CREATE TRIGGER referentials_no_truncate BEFORE TRUNCATE ON referentials
    FOR EACH STATEMENT EXECUTE FUNCTION tne13_refuse_change('published référentiels are append-only');

  -- The failed authentications the 429 rule counts, shared by every instance; minutes past are deleted.
  CREATE TABLE auth_failures (
    minute text COLLATE "C" NOT NULL,
    address text NOT NULL,
    count integer NOT NULL,
    PRIMARY KEY (minute, address)
  );

  -- What the health check's write probe writes (pg-store.ts): one row, rewritten.
  CREATE TABLE write_probe (
    single boolean PRIMARY KEY DEFAULT true CHECK (single),
    at text NOT NULL
  );
  `,
  // 2 (issue 16, SQLite's schema 7): the audit log also keeps the publication of a référentiel. Changing a CHECK
  // constraint touches no row, so the append-only triggers do not fire.
  `
  ALTER TABLE audit_events DROP CONSTRAINT audit_events_kind_check;
  ALTER TABLE audit_events ADD CONSTRAINT audit_events_kind_check
    CHECK (kind IN ('token-created', 'token-revoked', 'export', 'directory-import', 'backup', 'referential-published'));
  `,
  // 3 (issue 17): the photos devices upload, by the SHA-256 of their bytes (attachments.ts). SQLite's store keeps them
  // as files beside the database, with no table. A photo never changes under its hash: updates are refused.
  // STORAGE EXTERNAL: JPEG and WebP are compressed already, so TOAST moves them out of the row without trying to
  // compress them again.
  `
  CREATE TABLE attachments (
    sha256 text COLLATE "C" PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    type text NOT NULL CHECK (type IN ('image/jpeg', 'image/webp')),
    -- At most 2 MiB (PHOTO_MAX_BYTES).
    bytes bytea NOT NULL CHECK (octet_length(bytes) BETWEEN 1 AND 2097152)
  );
  ALTER TABLE attachments ALTER COLUMN bytes SET STORAGE EXTERNAL;
  CREATE TRIGGER attachments_never_change BEFORE UPDATE ON attachments
    FOR EACH ROW EXECUTE FUNCTION tne13_refuse_change('a photo never changes under its hash');
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings the database to the latest schema (or to `target`: tests make a database of an older server so) in one
 * transaction, under an advisory lock: a second instance starting at the same moment waits, then finds the schema
 * made and does nothing. Refuses a database of a newer server.
 */
export async function migrate(pool: pg.Pool, target: number = SCHEMA_VERSION): Promise<void> {
  await inTransaction(pool, async (client) => {
    await lock(client, LOCKS.migrations);
    await client.query('CREATE TABLE IF NOT EXISTS tne13_schema (version integer NOT NULL)');
    const { rows } = await client.query<{ version: number }>('SELECT version FROM tne13_schema');
    const from = rows[0]?.version ?? 0;
    if (from > SCHEMA_VERSION) {
      throw new Error(`Base de données d'une version plus récente (${from}) que ce serveur (${SCHEMA_VERSION}).`);
    }
    if (from >= target) return;
    // Several statements in one query, without parameters: the simple protocol runs them in this transaction.
    for (const migration of MIGRATIONS.slice(from, target)) await client.query(migration);
    if (from === 0) await seedSchools(client);
    if (rows.length === 0) await client.query('INSERT INTO tne13_schema (version) VALUES ($1)', [target]);
    else await client.query('UPDATE tne13_schema SET version = $1', [target]);
  });
}

// A new database starts with the demonstration directory; the import of the real one replaces it (issue 7).
async function seedSchools(client: Client): Promise<void> {
  await writeSchools(client, DEMO_SCHOOLS);
}
