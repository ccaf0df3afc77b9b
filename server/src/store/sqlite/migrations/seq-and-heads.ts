// Schema version 2 (sync protocol v2): revisions get a server-wide `seq`, each fiche a row in `heads`, which the pull
// and the exports read. The append-only table is rebuilt (its triggers refuse the ALTER that a new key would need):
// existing revisions are copied in arrival order, so their seqs follow received_at, then id, then rev.
//
// A school fiche whose id is not `ecole-<campaign>-<uai>` (v1's UUIDs) never becomes a head: its revisions stay in
// history untouched, and version 3 writes each school's fiche under its derived id (derived-school-ids.ts).
export const SEQ_AND_HEADS = `
  CREATE TABLE revisions_v2 (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
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
    UNIQUE (id, rev)
  );
  INSERT INTO revisions_v2 (id, rev, kind, uai, campaign, deleted, record, device_id, token_owner, received_at)
    SELECT id, rev, kind, uai, campaign, deleted, record, device_id, token_owner, received_at
      FROM revisions ORDER BY received_at, id, rev;
  DROP VIEW fiches;
  DROP TABLE revisions;
  ALTER TABLE revisions_v2 RENAME TO revisions;
  CREATE INDEX revisions_by_school ON revisions (campaign, uai);
  CREATE TRIGGER revisions_no_update BEFORE UPDATE ON revisions
    BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END;
  CREATE TRIGGER revisions_no_delete BEFORE DELETE ON revisions
    BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END;

  -- Each fiche's latest revision, by id, and by campaign then seq for the pull. Kept by the trigger below in the
  -- transaction that stores the revision, so it never disagrees with the history.
  CREATE TABLE heads (
    id TEXT PRIMARY KEY,
    rev INTEGER NOT NULL,
    seq INTEGER NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    uai TEXT NOT NULL,
    campaign TEXT NOT NULL,
    deleted INTEGER NOT NULL
  );
  CREATE INDEX heads_for_pull ON heads (campaign, seq);
  INSERT INTO heads (id, rev, seq, kind, uai, campaign, deleted)
    SELECT r.id, r.rev, r.seq, r.kind, r.uai, r.campaign, r.deleted FROM revisions r
     WHERE r.rev = (SELECT MAX(rev) FROM revisions WHERE id = r.id)
       AND (r.kind <> 'school' OR r.id = 'ecole-' || r.campaign || '-' || r.uai);
  CREATE TRIGGER revisions_move_head AFTER INSERT ON revisions
    WHEN NEW.kind <> 'school' OR NEW.id = 'ecole-' || NEW.campaign || '-' || NEW.uai
    BEGIN
      INSERT INTO heads (id, rev, seq, kind, uai, campaign, deleted)
        VALUES (NEW.id, NEW.rev, NEW.seq, NEW.kind, NEW.uai, NEW.campaign, NEW.deleted)
        ON CONFLICT (id) DO UPDATE SET rev = excluded.rev, seq = excluded.seq, kind = excluded.kind, uai = excluded.uai,
          campaign = excluded.campaign, deleted = excluded.deleted
        WHERE excluded.rev > heads.rev;
    END;

  -- The consolidated view of each fiche, for whoever reads the file: its head.
  CREATE VIEW fiches AS SELECT r.* FROM heads h JOIN revisions r ON r.seq = h.seq;

  -- v2 keeps aside a copy that conflicted with the head: sent on base_rev while the head was rev. Once per content
  -- (record_sha256 is the SHA-256 of its content, sync-protocol.ts contentOf). v1's rows keep base_rev NULL.
  ALTER TABLE conflicts ADD COLUMN base_rev INTEGER;
  CREATE UNIQUE INDEX conflicts_once_per_content ON conflicts (id, record_sha256) WHERE base_rev IS NOT NULL;

  -- The revisions a revision was made from, when the server made it (version 3's merge of a school's fiches):
  -- (id, rev) was made from (source_id, source_rev). Append-only like the revisions it names.
  CREATE TABLE revision_sources (
    id TEXT NOT NULL,
    rev INTEGER NOT NULL,
    source_id TEXT NOT NULL,
    source_rev INTEGER NOT NULL,
    PRIMARY KEY (id, rev, source_id)
  ) WITHOUT ROWID;
  CREATE TRIGGER revision_sources_no_update BEFORE UPDATE ON revision_sources
    BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END;
  CREATE TRIGGER revision_sources_no_delete BEFORE DELETE ON revision_sources
    BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END;
`;
