// Schema version 4 (issue 14, roles and tokens): each token gets a short id that the CLI lists and revokes by, a role,
// an optional last valid day and a revocation time. The table is rebuilt (a new primary key cannot be added in place);
// ids follow the order tokens were created in.
//
// Tokens made before roles could push, pull and export: they become `admin`, so that no deployment loses what its
// tokens did. New tokens are `auditeur` unless the CLI is told otherwise.
export const TOKEN_ROLES = `
  CREATE TABLE tokens_v4 (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    hash TEXT NOT NULL UNIQUE,
    owner TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('auditeur', 'lecteur', 'admin')),
    created_at TEXT NOT NULL,
    -- AAAA-MM-JJ: valid until the end of that day, Paris time; NULL: no expiry.
    expires_on TEXT,
    revoked_at TEXT
  );
  INSERT INTO tokens_v4 (hash, owner, role, created_at)
    SELECT hash, owner, 'admin', created_at FROM tokens ORDER BY created_at, owner, hash;
  DROP TABLE tokens;
  ALTER TABLE tokens_v4 RENAME TO tokens;
`;
