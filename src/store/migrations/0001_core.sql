-- Organisation, goals, the Indikatorbibliotek, targets and values.
-- Codes are what people use; integer keys are the store's own.
CREATE TABLE org_unit (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	kind TEXT NOT NULL,
	parent_id INTEGER REFERENCES org_unit(id),
	valid_from TEXT,
	valid_to TEXT
);
CREATE TABLE org_alias (
	alias TEXT PRIMARY KEY COLLATE NOCASE,
	unit_id INTEGER NOT NULL REFERENCES org_unit(id)
);
CREATE TABLE goal (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	parent_id INTEGER REFERENCES goal(id),
	level TEXT NOT NULL,
	title TEXT NOT NULL,
	text TEXT NOT NULL DEFAULT '',
	valid_from INTEGER,
	valid_to INTEGER
);
CREATE TABLE goal_owner (
	goal_id INTEGER NOT NULL REFERENCES goal(id),
	unit_id INTEGER NOT NULL REFERENCES org_unit(id),
	role TEXT NOT NULL,
	PRIMARY KEY (goal_id, unit_id)
);
CREATE TABLE indicator (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	definition TEXT NOT NULL DEFAULT '',
	unit TEXT NOT NULL DEFAULT '',
	direction TEXT,
	frequency TEXT NOT NULL DEFAULT '',
	source TEXT NOT NULL DEFAULT '',
	tolerance REAL
);
CREATE TABLE goal_indicator (
	goal_id INTEGER NOT NULL REFERENCES goal(id),
	indicator_id INTEGER NOT NULL REFERENCES indicator(id),
	PRIMARY KEY (goal_id, indicator_id)
);
-- unit_id 0 stands for "every unit without its own target"; 0 rather than
-- NULL so that the primary key holds (NULLs are distinct in SQL keys).
CREATE TABLE target (
	indicator_id INTEGER NOT NULL REFERENCES indicator(id),
	unit_id INTEGER NOT NULL,
	year INTEGER NOT NULL,
	expr TEXT NOT NULL,
	PRIMARY KEY (indicator_id, unit_id, year)
);
-- kind: 0 value, 1 missing, 2 suppressed ("x").
CREATE TABLE value (
	indicator_id INTEGER NOT NULL REFERENCES indicator(id),
	unit_id INTEGER NOT NULL REFERENCES org_unit(id),
	year INTEGER NOT NULL,
	first_month INTEGER NOT NULL,
	last_month INTEGER NOT NULL,
	kind INTEGER NOT NULL,
	value REAL,
	decimals INTEGER NOT NULL DEFAULT 0,
	percent INTEGER NOT NULL DEFAULT 0,
	numerator REAL,
	denominator REAL,
	missing_reason TEXT NOT NULL DEFAULT '',
	source TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (indicator_id, unit_id, year, first_month, last_month)
) WITHOUT ROWID;
