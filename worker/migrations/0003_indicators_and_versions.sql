-- Indicators are data (form definitions name them), so targets no longer list the two
-- indicator ids in a CHECK: the Worker checks an id against the definitions in force for the
-- year. A target also says how the plan words it (≥ or >, ≤ or < where less is better) and
-- which decision assigned it. SQLite cannot drop a CHECK in place: the table is rebuilt.
CREATE TABLE targets_v2 (
  year          INTEGER NOT NULL,
  unit_code     TEXT NOT NULL REFERENCES units(code),
  indicator     TEXT NOT NULL,
  target_pct    REAL NOT NULL CHECK (target_pct >= 0 AND target_pct <= 100),
  provisional   INTEGER NOT NULL DEFAULT 0 CHECK (provisional IN (0, 1)),
  comparison    TEXT NOT NULL DEFAULT 'gte' CHECK (comparison IN ('gte', 'gt', 'lte', 'lt')),
  decision_ref  TEXT,
  set_by        TEXT NOT NULL,
  set_at        TEXT NOT NULL,
  PRIMARY KEY (year, unit_code, indicator)
) WITHOUT ROWID;
INSERT INTO targets_v2 (year, unit_code, indicator, target_pct, provisional, set_by, set_at)
  SELECT year, unit_code, indicator, target_pct, provisional, set_by, set_at FROM targets;
DROP TABLE targets;
ALTER TABLE targets_v2 RENAME TO targets;

-- A definition is a version of a form in force from a date: (form, valid_from) identifies it,
-- so two versions under one regime (before and after the 1/7/2025 re-organisation) coexist.
CREATE TABLE form_definitions_v2 (
  form_id     TEXT NOT NULL,
  valid_from  TEXT NOT NULL,
  regime      TEXT NOT NULL,
  definition  TEXT NOT NULL,
  loaded_by   TEXT NOT NULL,
  loaded_at   TEXT NOT NULL,
  PRIMARY KEY (form_id, valid_from)
) WITHOUT ROWID;
INSERT INTO form_definitions_v2 (form_id, valid_from, regime, definition, loaded_by, loaded_at)
  SELECT form_id, valid_from, regime, definition, loaded_by, loaded_at FROM form_definitions;
DROP TABLE form_definitions;
ALTER TABLE form_definitions_v2 RENAME TO form_definitions;
