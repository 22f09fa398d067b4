-- The write gate (issue 14 item 1): every audit entry names where the
-- write came from (file:line of an import, a web form, an API call, a
-- CLI command); "" for the entries written before.  The entry's hash
-- covers source only when it is not empty, so old chains still verify.
ALTER TABLE audit ADD COLUMN source TEXT NOT NULL DEFAULT '';
-- Settings of one database, by name: "four-eyes" = "on" makes the
-- approver of a report someone other than its submitter and the people
-- who entered its figures.
CREATE TABLE setting (
	name TEXT COLLATE "C" PRIMARY KEY,
	value TEXT NOT NULL
);
CREATE TRIGGER setting_data_changed BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE
	ON setting FOR EACH STATEMENT EXECUTE FUNCTION styr_data_changed();
