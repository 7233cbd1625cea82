-- Issue 8 item 4: the rows of a list collection (one per case: cases of 20 tỷ or more, cases
-- older than 3 years). They belong to one revision and never change; the unit's figures
-- computed from them (counts, sums) are the revision's values, so latest_values, the
-- aggregates and every report work on them unchanged. A table of its own keeps the
-- submissions table, and every query of it, as it was.
CREATE TABLE submission_rows (
  submission_id  TEXT PRIMARY KEY REFERENCES submissions(id),
  rows_json      TEXT NOT NULL
) WITHOUT ROWID;
