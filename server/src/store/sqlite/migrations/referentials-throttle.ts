// Schema version 6 (issue 16): the référentiels published by administrators (append-only, the latest in force) and
// the failed authentications counted per address and minute for the 429 rule, in the store so that several
// instances of the server share them (the audit log keeps its own capped count).
export const REFERENTIALS_AND_THROTTLE = `
  CREATE TABLE referentials (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    version TEXT NOT NULL UNIQUE,
    -- The référentiel as JSON.
    body TEXT NOT NULL,
    published_at TEXT NOT NULL,
    published_by TEXT NOT NULL
  );
  CREATE TRIGGER referentials_no_update BEFORE UPDATE ON referentials
    BEGIN SELECT RAISE(ABORT, 'published référentiels are append-only'); END;
  CREATE TRIGGER referentials_no_delete BEFORE DELETE ON referentials
    BEGIN SELECT RAISE(ABORT, 'published référentiels are append-only'); END;

  CREATE TABLE auth_failures (
    -- The minute's start, ISO 8601 UTC.
    minute TEXT NOT NULL,
    address TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (minute, address)
  ) WITHOUT ROWID;
`;
