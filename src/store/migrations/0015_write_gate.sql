-- The write gate (issue 14 item 1): every audit entry names where the
-- write came from (file:line of an import, a web form, an API call, a
-- CLI command); "" for the entries written before.  The entry's hash
-- covers source only when it is not empty, so old chains still verify.
ALTER TABLE audit ADD COLUMN source TEXT NOT NULL DEFAULT '';
-- Settings of one database, by name: "four-eyes" = "on" makes the
-- approver of a report someone other than its submitter and the people
-- who entered its figures.
CREATE TABLE setting (
	name TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
