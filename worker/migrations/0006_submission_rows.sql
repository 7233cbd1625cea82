-- Forms whose rows are not units (shared/forms/types.ts RowShape): a breakdown by Chấp hành
-- viên (forms 04/05) or a list of cases. The unit's own figures stay in values_json and roll
-- up as before; the rows are stored with the revision they belong to, as the clerk sent them
-- (a JSON array of {key, label, values}), and never enter an aggregate. NULL for forms with one
-- row per unit, which is every revision stored before this migration.
ALTER TABLE submissions ADD COLUMN rows_json TEXT;
