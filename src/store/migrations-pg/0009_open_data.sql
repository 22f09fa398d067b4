-- Open data (issue 19): the PostgreSQL dialect of
-- migrations/0009_open_data.sql (the comments there say why).  The new
-- tables get the data-version trigger here (0004); value has it already.
CREATE TABLE open_indicator (
	indicator_id BIGINT PRIMARY KEY REFERENCES indicator(id),
	kolada_id TEXT COLLATE "C" UNIQUE,
	published TEXT
);
CREATE TABLE open_unit (
	unit_id BIGINT PRIMARY KEY REFERENCES org_unit(id),
	official_code TEXT COLLATE "C" NOT NULL UNIQUE
);
CREATE TRIGGER open_indicator_data_changed BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE
	ON open_indicator FOR EACH STATEMENT EXECUTE FUNCTION styr_data_changed();
CREATE TRIGGER open_unit_data_changed BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE
	ON open_unit FOR EACH STATEMENT EXECUTE FUNCTION styr_data_changed();
ALTER TABLE value ADD COLUMN changed TEXT NOT NULL DEFAULT '';
UPDATE value SET changed = to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"');
CREATE FUNCTION value_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	NEW.changed := to_char(clock_timestamp() AT TIME ZONE 'UTC',
		'YYYY-MM-DD"T"HH24:MI:SS"Z"');
	RETURN NEW;
END
$$;
CREATE TRIGGER value_changed BEFORE INSERT OR UPDATE OF kind, value, decimals, percent,
	numerator, denominator, missing_reason ON value
	FOR EACH ROW EXECUTE FUNCTION value_changed();
-- Values for women (K) and men (M) beside the total (T) that value holds;
-- migrations/0009_open_data.sql says why it is a table of its own.
CREATE TABLE value_gender (
	indicator_id BIGINT NOT NULL REFERENCES indicator(id),
	unit_id BIGINT NOT NULL REFERENCES org_unit(id),
	year INTEGER NOT NULL,
	first_month INTEGER NOT NULL,
	last_month INTEGER NOT NULL,
	gender TEXT COLLATE "C" NOT NULL CHECK (gender IN ('K', 'M')),
	kind INTEGER NOT NULL,
	value FLOAT8,
	decimals INTEGER NOT NULL DEFAULT 0,
	percent INTEGER NOT NULL DEFAULT 0,
	missing_reason TEXT NOT NULL DEFAULT '',
	source TEXT NOT NULL DEFAULT '',
	changed TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (indicator_id, unit_id, year, first_month, last_month, gender)
);
CREATE TRIGGER value_gender_data_changed BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE
	ON value_gender FOR EACH STATEMENT EXECUTE FUNCTION styr_data_changed();
-- Open values withdrawn by unpublishing their indicator (see the SQLite
-- dialect).
CREATE TABLE open_withdrawn (
	indicator_id BIGINT NOT NULL REFERENCES indicator(id),
	unit_id BIGINT NOT NULL REFERENCES org_unit(id),
	year INTEGER NOT NULL,
	gender TEXT COLLATE "C" NOT NULL,
	at TEXT NOT NULL,
	PRIMARY KEY (indicator_id, unit_id, year, gender)
);
CREATE TRIGGER open_withdrawn_data_changed BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE
	ON open_withdrawn FOR EACH STATEMENT EXECUTE FUNCTION styr_data_changed();
