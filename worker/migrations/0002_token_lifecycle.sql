-- Tokens fit for 390 offices (issue 9): an expiry, the last time each was used, who revoked
-- it, and which token replaced it when it was rotated. Tokens are still stored only as hashes.
ALTER TABLE tokens ADD COLUMN expires_at TEXT;
ALTER TABLE tokens ADD COLUMN last_used_at TEXT;
ALTER TABLE tokens ADD COLUMN revoked_by TEXT;
ALTER TABLE tokens ADD COLUMN replaced_by TEXT;

-- Tokens issued before expiry existed get the default lifetime from their issue: one
-- statistical year plus a month, ending at 23:59:59.999 in Vietnam (16:59:59.999 UTC).
UPDATE tokens
   SET expires_at = strftime('%Y-%m-%d', created_at, '+7 hours', '+13 months') || 'T16:59:59.999Z'
 WHERE expires_at IS NULL;

-- Listing a province's tokens walks its offices.
CREATE INDEX tokens_unit ON tokens(unit_code);

-- Failed authentications past the limit lock a client address or a token prefix for a while.
-- The counting happens at the edge (rate-limit binding) or in memory; only the lockout itself
-- is written here, once, so that every Worker instance refuses the locked key until `until`.
CREATE TABLE auth_lockouts (
  key         TEXT PRIMARY KEY,
  until       TEXT NOT NULL,
  locked_at   TEXT NOT NULL
) WITHOUT ROWID;
