-- Goals area: uppdrag and their återrapportering, escalation (seed 004
-- Tabell 3) and the follow-up plan that the calendar is generated from
-- (seed 003 Bilaga 6).
CREATE TABLE uppdrag (
	goal_id INTEGER PRIMARY KEY REFERENCES goal(id),
	deadline TEXT,
	report_dates TEXT NOT NULL DEFAULT '', -- "YYYY-MM-DD|YYYY-MM-DD"
	level INTEGER NOT NULL DEFAULT 0      -- the last escalation step reached
);
CREATE TABLE uppdrag_report (
	goal_id INTEGER NOT NULL REFERENCES uppdrag(goal_id),
	unit_id INTEGER NOT NULL REFERENCES org_unit(id),
	date TEXT NOT NULL,
	status TEXT NOT NULL,
	text TEXT NOT NULL DEFAULT '',
	source TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (goal_id, unit_id, date)
);
CREATE TABLE uppdrag_escalation (
	goal_id INTEGER NOT NULL REFERENCES uppdrag(goal_id),
	seq INTEGER NOT NULL,
	date TEXT NOT NULL,
	from_level INTEGER NOT NULL,
	to_level INTEGER NOT NULL,
	reason TEXT NOT NULL,
	decided_by TEXT NOT NULL,
	PRIMARY KEY (goal_id, seq)
);
CREATE TABLE followup_rule (
	year INTEGER NOT NULL,
	kind TEXT NOT NULL,
	months INTEGER NOT NULL, -- bit m-1 for month m
	deadline TEXT NOT NULL DEFAULT '',
	decision INTEGER NOT NULL,
	source TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (year, kind)
);
CREATE TABLE followup_done (
	unit_id INTEGER NOT NULL REFERENCES org_unit(id),
	kind TEXT NOT NULL,
	year INTEGER NOT NULL,
	first_month INTEGER NOT NULL,
	last_month INTEGER NOT NULL,
	date TEXT NOT NULL,
	PRIMARY KEY (unit_id, kind, year, first_month, last_month)
);
-- Internkontroll (seed 001 lines 749-751: every board keeps a plan for
-- internal control, followed up at delår and årsredovisning): one row per
-- risk of a unit's plan for a year.
CREATE TABLE internal_control (
	unit_id INTEGER NOT NULL REFERENCES org_unit(id),
	year INTEGER NOT NULL,
	risk TEXT NOT NULL,
	probability INTEGER NOT NULL,
	consequence INTEGER NOT NULL,
	control TEXT NOT NULL,
	responsible TEXT NOT NULL,
	frequency TEXT NOT NULL,
	result TEXT NOT NULL DEFAULT '',
	actions TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (unit_id, year, risk)
);
-- The goal attainment index of seed 004 (lines 1857-1870): which
-- indicators make up an index and with what weight.
CREATE TABLE index_weight (
	name TEXT NOT NULL,
	indicator_id INTEGER NOT NULL REFERENCES indicator(id),
	weight REAL NOT NULL,
	PRIMARY KEY (name, indicator_id)
);
