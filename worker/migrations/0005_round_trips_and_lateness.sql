-- Issue 10: a submission's write batch guards against a period closed after its read, and a
-- report has one meaning of "late".

-- Each revision's batch first inserts the period's lock state here and deletes it again at the
-- end. A closed period makes the CHECK fail, which aborts the whole batch: a close that lands
-- between a submission's read and its write can no longer let the report in. The table is
-- empty outside a batch.
CREATE TABLE period_open_guard (
  closed INTEGER NOT NULL CONSTRAINT period_open CHECK (closed = 0)
);

-- A unit is on time for a period when its FIRST report arrived by the deadline; a later
-- correction is a correction, not lateness. submissions.late now holds the report's lateness
-- on every revision (a correction carries its first revision's value); corrections stored
-- before this migration held their own arrival, so they take the first revision's value.
UPDATE submissions
   SET late = (SELECT f.late FROM submissions f
                WHERE f.unit_code = submissions.unit_code AND f.form_id = submissions.form_id
                  AND f.period = submissions.period AND f.revision = 1)
 WHERE revision > 1
   AND EXISTS (SELECT 1 FROM submissions f
                WHERE f.unit_code = submissions.unit_code AND f.form_id = submissions.form_id
                  AND f.period = submissions.period AND f.revision = 1);

-- Nothing reads a latest revision's own lateness any more.
ALTER TABLE latest_revisions DROP COLUMN late;
