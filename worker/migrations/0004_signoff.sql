-- Issue 13: sign-off. A report is the unit head's (TT 05/2024 Art. 9): the head confirms a
-- revision, the level above accepts or returns it; a correction carries its written reason
-- (Art. 11). What is said about a revision is recorded beside it, never locks it.

-- The head (Thủ trưởng, or the person authorised) gets a role of its own. SQLite cannot change
-- a CHECK in place, so the table is rebuilt with every column it has by now (0001, and 0002's
-- expiry, last use, revocation and rotation).
CREATE TABLE tokens_v2 (
  id            TEXT PRIMARY KEY,
  token_hash    TEXT NOT NULL UNIQUE,
  role          TEXT NOT NULL CHECK (role IN ('clerk', 'head', 'province', 'national', 'admin')),
  unit_code     TEXT NOT NULL REFERENCES units(code),
  label         TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  created_by    TEXT,
  revoked_at    TEXT,
  expires_at    TEXT,
  last_used_at  TEXT,
  revoked_by    TEXT,
  replaced_by   TEXT
);
INSERT INTO tokens_v2 (id, token_hash, role, unit_code, label, created_at, created_by, revoked_at, expires_at, last_used_at, revoked_by, replaced_by)
  SELECT id, token_hash, role, unit_code, label, created_at, created_by, revoked_at, expires_at, last_used_at, revoked_by, replaced_by FROM tokens;
DROP TABLE tokens;
ALTER TABLE tokens_v2 RENAME TO tokens;
CREATE INDEX tokens_unit ON tokens(unit_code);

-- Giải trình bổ sung: the written reason of a second or later revision. Part of the content
-- hash the head confirms.
ALTER TABLE submissions ADD COLUMN reason TEXT;

-- Every confirmation, acceptance and return, in order, never updated: the history of what was
-- said about each revision (and, for a province, about its figures as the Cục saw them).
CREATE TABLE signoff_events (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  unit_code      TEXT NOT NULL,
  form_id        TEXT NOT NULL,
  period         TEXT NOT NULL,
  -- The office's revision; NULL for a decision of the Cục on a province.
  submission_id  TEXT,
  revision       INTEGER,
  -- What was confirmed or decided on: the revision's content hash, or a province's basis.
  content_hash   TEXT NOT NULL,
  action         TEXT NOT NULL CHECK (action IN ('confirm', 'accept', 'return')),
  comment        TEXT,
  cells_json     TEXT NOT NULL DEFAULT '[]',
  actor          TEXT NOT NULL,
  actor_label    TEXT NOT NULL,
  role           TEXT NOT NULL,
  at             TEXT NOT NULL,
  request_id     TEXT NOT NULL
);
CREATE INDEX signoff_events_report ON signoff_events(unit_code, form_id, period);
CREATE INDEX signoff_events_submission ON signoff_events(submission_id);

-- Where each revision stands now, one row per revision anything was said about. The head's
-- confirmation is made once (its document is fixed from then on: `document_json` is the PDF's
-- content, drawn the same on every download); the parent's latest decision is kept here.
CREATE TABLE revision_signoff (
  submission_id     TEXT PRIMARY KEY REFERENCES submissions(id),
  unit_code         TEXT NOT NULL,
  form_id           TEXT NOT NULL,
  period            TEXT NOT NULL,
  revision          INTEGER NOT NULL,
  confirmed_at      TEXT,
  confirmed_by      TEXT,
  confirmed_label   TEXT,
  document_json     TEXT,
  decision          TEXT CHECK (decision IN ('accepted', 'returned')),
  decided_at        TEXT,
  decided_by        TEXT,
  decided_label     TEXT,
  comment           TEXT,
  cells_json        TEXT NOT NULL DEFAULT '[]',
  UNIQUE (unit_code, form_id, period, revision)
) WITHOUT ROWID;
CREATE INDEX revision_signoff_period ON revision_signoff(form_id, period, decision);

-- The Cục's latest decision on a province's report of a form and period. `basis` names the
-- offices' revisions it was about: when an office sends again, the decision no longer applies.
CREATE TABLE node_signoff (
  node_code      TEXT NOT NULL REFERENCES units(code),
  form_id        TEXT NOT NULL,
  period         TEXT NOT NULL,
  basis          TEXT NOT NULL,
  decision       TEXT NOT NULL CHECK (decision IN ('accepted', 'returned')),
  decided_at     TEXT NOT NULL,
  decided_by     TEXT NOT NULL,
  decided_label  TEXT NOT NULL,
  comment        TEXT,
  PRIMARY KEY (node_code, form_id, period)
) WITHOUT ROWID;

-- A sign-off write batch first inserts here the number of conditions its read still holds
-- (the revision is still the latest, not yet confirmed, …) and deletes it at the end. A
-- revision that landed between the read and the write makes the CHECK fail, which aborts the
-- whole batch: nothing changes, and the route answers 409 with the latest revision.
CREATE TABLE signoff_guard (
  still_true INTEGER NOT NULL CONSTRAINT signoff_unchanged CHECK (still_true = 1)
);
