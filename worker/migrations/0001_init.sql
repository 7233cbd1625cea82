-- Units: national → provinces → offices, with a materialised path ("/VN/52/52-01/")
-- so that a roll-up or a scope check is a prefix match on path.
CREATE TABLE units (
  code            TEXT PRIMARY KEY,
  name            TEXT NOT NULL,
  kind            TEXT NOT NULL CHECK (kind IN ('national', 'province', 'province_office', 'regional_office')),
  level           TEXT NOT NULL CHECK (level IN ('national', 'province', 'office')),
  parent_code     TEXT REFERENCES units(code),
  path            TEXT NOT NULL UNIQUE,
  reporting       INTEGER NOT NULL CHECK (reporting IN (0, 1)),
  valid_from      TEXT NOT NULL,
  valid_to        TEXT,
  successor_code  TEXT
);
CREATE INDEX units_parent ON units(parent_code);

-- Bearer tokens are stored only as SHA-256 hashes. The scope is a unit code:
-- the reporting unit of a clerk, the province of a province user, VN for national/admin.
CREATE TABLE tokens (
  id          TEXT PRIMARY KEY,
  token_hash  TEXT NOT NULL UNIQUE,
  role        TEXT NOT NULL CHECK (role IN ('clerk', 'province', 'national', 'admin')),
  unit_code   TEXT NOT NULL REFERENCES units(code),
  label       TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  created_by  TEXT,
  revoked_at  TEXT
);

-- Every accepted revision, immutable. The client-made id makes retries idempotent; the
-- UNIQUE revision per (unit, form, period) makes two racing writers fail as a whole batch.
CREATE TABLE submissions (
  id            TEXT PRIMARY KEY,
  unit_code     TEXT NOT NULL REFERENCES units(code),
  form_id       TEXT NOT NULL,
  period        TEXT NOT NULL,
  revision      INTEGER NOT NULL,
  regime        TEXT NOT NULL,
  values_json   TEXT NOT NULL,
  explanations_json TEXT NOT NULL DEFAULT '{}',
  content_hash  TEXT NOT NULL,
  submitted_by  TEXT NOT NULL,
  submitted_at  TEXT NOT NULL,
  deadline_at   TEXT NOT NULL,
  late          INTEGER NOT NULL CHECK (late IN (0, 1)),
  UNIQUE (unit_code, form_id, period, revision)
);
CREATE INDEX submissions_period ON submissions(form_id, period);

-- The authoritative (latest) values of each reporting unit, one row per field, so that
-- roll-up deltas can be computed inside the same SQL batch that stores a revision.
CREATE TABLE latest_values (
  unit_code  TEXT NOT NULL,
  form_id    TEXT NOT NULL,
  period     TEXT NOT NULL,
  field      TEXT NOT NULL,
  value      INTEGER NOT NULL,
  PRIMARY KEY (unit_code, form_id, period, field)
) WITHOUT ROWID;

CREATE TABLE latest_revisions (
  unit_code     TEXT NOT NULL,
  form_id       TEXT NOT NULL,
  period        TEXT NOT NULL,
  revision      INTEGER NOT NULL,
  submission_id TEXT NOT NULL,
  submitted_at  TEXT NOT NULL,
  late          INTEGER NOT NULL,
  PRIMARY KEY (unit_code, form_id, period)
) WITHOUT ROWID;
CREATE INDEX latest_revisions_period ON latest_revisions(form_id, period);

-- Province and national totals, kept current in the same batch as each submission.
CREATE TABLE aggregates (
  node_code  TEXT NOT NULL,
  form_id    TEXT NOT NULL,
  period     TEXT NOT NULL,
  field      TEXT NOT NULL,
  value      INTEGER NOT NULL,
  PRIMARY KEY (node_code, form_id, period, field)
) WITHOUT ROWID;

CREATE TABLE aggregate_meta (
  node_code     TEXT NOT NULL,
  form_id       TEXT NOT NULL,
  period        TEXT NOT NULL,
  contributors  INTEGER NOT NULL,
  updated_at    TEXT NOT NULL,
  PRIMARY KEY (node_code, form_id, period)
) WITHOUT ROWID;

-- Targets per statistical year, unit and indicator, in percent (84.70 = 84,70%).
CREATE TABLE targets (
  year         INTEGER NOT NULL,
  unit_code    TEXT NOT NULL REFERENCES units(code),
  indicator    TEXT NOT NULL CHECK (indicator IN ('rate_viec', 'rate_tien')),
  target_pct   REAL NOT NULL CHECK (target_pct >= 0 AND target_pct <= 100),
  provisional  INTEGER NOT NULL DEFAULT 0 CHECK (provisional IN (0, 1)),
  set_by       TEXT NOT NULL,
  set_at       TEXT NOT NULL,
  PRIMARY KEY (year, unit_code, indicator)
) WITHOUT ROWID;

-- A province closes a period for its subtree; reopening is allowed and audited.
CREATE TABLE period_locks (
  province_code  TEXT NOT NULL REFERENCES units(code),
  period         TEXT NOT NULL,
  closed         INTEGER NOT NULL CHECK (closed IN (0, 1)),
  changed_by     TEXT NOT NULL,
  changed_at     TEXT NOT NULL,
  reason         TEXT,
  PRIMARY KEY (province_code, period)
) WITHOUT ROWID;

-- Form definitions loaded by an administrator; they take precedence over the built-in ones.
CREATE TABLE form_definitions (
  form_id     TEXT NOT NULL,
  regime      TEXT NOT NULL,
  valid_from  TEXT NOT NULL,
  definition  TEXT NOT NULL,
  loaded_by   TEXT NOT NULL,
  loaded_at   TEXT NOT NULL,
  PRIMARY KEY (form_id, regime)
) WITHOUT ROWID;

CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  at          TEXT NOT NULL,
  actor       TEXT NOT NULL,
  role        TEXT NOT NULL,
  action      TEXT NOT NULL,
  target      TEXT NOT NULL,
  request_id  TEXT NOT NULL,
  detail      TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at ON audit_log(at);
