-- Budget profiles and the goal an action serves: the PostgreSQL dialect
-- of migrations/0006_profile.sql (the comments there say what each column
-- holds).  Codes that walks sort by are COLLATE "C" (SQLite's BINARY).
CREATE TABLE budget_profile (
	unit_id BIGINT NOT NULL REFERENCES org_unit(id),
	row_code TEXT COLLATE "C" NOT NULL DEFAULT '',
	w1 INTEGER NOT NULL CHECK (w1 >= 0),
	w2 INTEGER NOT NULL CHECK (w2 >= 0),
	w3 INTEGER NOT NULL CHECK (w3 >= 0),
	w4 INTEGER NOT NULL CHECK (w4 >= 0),
	w5 INTEGER NOT NULL CHECK (w5 >= 0),
	w6 INTEGER NOT NULL CHECK (w6 >= 0),
	w7 INTEGER NOT NULL CHECK (w7 >= 0),
	w8 INTEGER NOT NULL CHECK (w8 >= 0),
	w9 INTEGER NOT NULL CHECK (w9 >= 0),
	w10 INTEGER NOT NULL CHECK (w10 >= 0),
	w11 INTEGER NOT NULL CHECK (w11 >= 0),
	w12 INTEGER NOT NULL CHECK (w12 >= 0),
	CHECK (w1 + w2 + w3 + w4 + w5 + w6 + w7 + w8 + w9 + w10 + w11 + w12 > 0),
	PRIMARY KEY (unit_id, row_code)
);
-- A table added after 0004 attaches the page cache's trigger itself.
CREATE TRIGGER budget_profile_data_changed BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE
	ON budget_profile FOR EACH STATEMENT EXECUTE FUNCTION styr_data_changed();

ALTER TABLE action ADD COLUMN goal TEXT NOT NULL DEFAULT '';
