// Schema version 5 (issue 14): the audit log. Two tables, both append-only as the revisions are:
// - `audit_events`: tokens created and revoked, exports, directory imports, backups; one row each, never changed;
// - `failed_auths`: one row per address and minute with a count. An attack makes a row a minute, not a row a
//   request; the triggers let a row's count grow and refuse every other change, so the only update the table takes
//   is the counter's.
export const AUDIT_LOG = `
  CREATE TABLE audit_events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('token-created', 'token-revoked', 'export', 'directory-import', 'backup')),
    by TEXT NOT NULL,
    -- The rest of the event, as JSON.
    details TEXT NOT NULL
  );
  CREATE INDEX audit_events_by_time ON audit_events (at);
  CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

  CREATE TABLE failed_auths (
    -- The minute's start, ISO 8601 UTC.
    minute TEXT NOT NULL,
    address TEXT NOT NULL,
    count INTEGER NOT NULL CHECK (count > 0),
    PRIMARY KEY (minute, address)
  ) WITHOUT ROWID;
  CREATE TRIGGER failed_auths_only_count_up BEFORE UPDATE ON failed_auths
    WHEN NEW.minute IS NOT OLD.minute OR NEW.address IS NOT OLD.address OR NEW.count <= OLD.count
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: a count of failed authentications only grows'); END;
  CREATE TRIGGER failed_auths_no_delete BEFORE DELETE ON failed_auths
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
`;
