-- The event engine (issue 18).  Event files are not copied into the
-- database: each loaded file is recorded with its kind, absolute path,
-- sha256 and the column mapping it was read with, and computing reads the
-- files again, refusing one whose sha256 changed (docs/hacking.md,
-- "Händelsemotorn", says why).  event_run records one computation's set of
-- files and rule version; a computed value's source names its id.
CREATE TABLE event_file (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL CHECK (kind IN ('waitlist', 'visits', 'ed', 'inpatient', 'operations',
		'census', 'drg', 'patients')),
	path TEXT NOT NULL,
	sha256 TEXT NOT NULL,
	mapping TEXT NOT NULL DEFAULT '',
	mapping_sha256 TEXT NOT NULL DEFAULT '',
	rows INTEGER NOT NULL CHECK (rows >= 0),
	skipped INTEGER NOT NULL DEFAULT 0 CHECK (skipped >= 0),
	skip_bad INTEGER NOT NULL DEFAULT 0,
	loaded_at TEXT NOT NULL,
	UNIQUE (kind, path)
);
CREATE TABLE event_run (
	id TEXT PRIMARY KEY,
	rule TEXT NOT NULL,
	files TEXT NOT NULL,
	computed_at TEXT NOT NULL
);
