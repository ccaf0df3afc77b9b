// Schema version 7 (issue 16): the audit log also keeps the publication of a référentiel. SQLite cannot change a
// CHECK constraint in place: the table is made again with the new list of kinds and every row copied, seq included
// (the AUTOINCREMENT counter follows the copy, so no seq is ever given twice). Dropping the old table drops its
// triggers before its rows, so the append-only triggers never fire; they are made again on the new table.
export const AUDIT_REFERENTIAL_KIND = `
  CREATE TABLE audit_events_v7 (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('token-created', 'token-revoked', 'export', 'directory-import', 'backup', 'referential-published')),
    by TEXT NOT NULL,
    -- The rest of the event, as JSON.
    details TEXT NOT NULL
  );
  INSERT INTO audit_events_v7 (seq, at, kind, by, details) SELECT seq, at, kind, by, details FROM audit_events ORDER BY seq;
  DROP TABLE audit_events;
  ALTER TABLE audit_events_v7 RENAME TO audit_events;
  CREATE INDEX audit_events_by_time ON audit_events (at);
  CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
`;
