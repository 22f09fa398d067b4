-- Open data (issue 19): what styr publishes in Kolada's shape without a
-- login.  Publishing is a decision recorded per indicator (the date it is
-- public from; NULL: not public), beside the indicator's id in Kolada
-- (N79010) where one exists.  An org unit may carry its official
-- municipality or region code (1200 for Region Skåne): such a unit is a
-- "municipality" in the API, the units below it are its "ou".  Both sit in
-- tables of their own rather than in indicator and org_unit, so that
-- nothing that writes those tables (imports, the goals area) can clear a
-- publication by rewriting a row.
CREATE TABLE open_indicator (
	indicator_id INTEGER PRIMARY KEY REFERENCES indicator(id),
	kolada_id TEXT UNIQUE,
	published TEXT
);
CREATE TABLE open_unit (
	unit_id INTEGER PRIMARY KEY REFERENCES org_unit(id),
	official_code TEXT NOT NULL UNIQUE
);
-- When a value last changed (UTC, ISO 8601), for Kolada's from_date.  Set
-- by triggers so that every path that writes values keeps it; values
-- stored before this migration count as changed when it ran.
ALTER TABLE value ADD COLUMN changed TEXT NOT NULL DEFAULT '';
UPDATE value SET changed = strftime('%Y-%m-%dT%H:%M:%SZ', 'now');
CREATE TRIGGER value_changed_insert AFTER INSERT ON value BEGIN
	UPDATE value SET changed = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
		WHERE indicator_id = NEW.indicator_id AND unit_id = NEW.unit_id
		AND year = NEW.year AND first_month = NEW.first_month
		AND last_month = NEW.last_month;
END;
CREATE TRIGGER value_changed_update AFTER UPDATE OF kind, value, decimals, percent, numerator,
	denominator, missing_reason ON value BEGIN
	UPDATE value SET changed = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
		WHERE indicator_id = NEW.indicator_id AND unit_id = NEW.unit_id
		AND year = NEW.year AND first_month = NEW.first_month
		AND last_month = NEW.last_month;
END;
-- Values for women (K) and men (M) beside the total (T) that value holds,
-- where styr has them, for Kolada's gender breakdown.  A table of its own
-- rather than a gender column in value's key: every reader of value (the
-- reports, assessments, the dashboard, the calculations) means the total,
-- and would otherwise have to filter on gender; the breakdown is read by
-- the open-data API and the interchange files only.
CREATE TABLE value_gender (
	indicator_id INTEGER NOT NULL REFERENCES indicator(id),
	unit_id INTEGER NOT NULL REFERENCES org_unit(id),
	year INTEGER NOT NULL,
	first_month INTEGER NOT NULL,
	last_month INTEGER NOT NULL,
	gender TEXT NOT NULL CHECK (gender IN ('K', 'M')),
	kind INTEGER NOT NULL,
	value REAL,
	decimals INTEGER NOT NULL DEFAULT 0,
	percent INTEGER NOT NULL DEFAULT 0,
	missing_reason TEXT NOT NULL DEFAULT '',
	source TEXT NOT NULL DEFAULT '',
	changed TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (indicator_id, unit_id, year, first_month, last_month, gender)
) WITHOUT ROWID;
-- Open values withdrawn by unpublishing their indicator, and when: Kolada's
-- from_date answers them with is_deleted while the indicator stays
-- withdrawn.
CREATE TABLE open_withdrawn (
	indicator_id INTEGER NOT NULL REFERENCES indicator(id),
	unit_id INTEGER NOT NULL REFERENCES org_unit(id),
	year INTEGER NOT NULL,
	gender TEXT NOT NULL,
	at TEXT NOT NULL,
	PRIMARY KEY (indicator_id, unit_id, year, gender)
) WITHOUT ROWID;
