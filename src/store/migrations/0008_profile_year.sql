-- A budget profile may hold for one budget year: year 0 is every year
-- (what every profile stored before this migration is), any other year
-- only that year's budget, where it wins over the year-0 profile of the
-- same unit and row (src/calc/profile.c).  The key gains the year, which
-- SQLite cannot alter: the table is rebuilt (still WITHOUT ROWID) and its
-- rows copied with year 0.
CREATE TABLE budget_profile_new (
	unit_id INTEGER NOT NULL REFERENCES org_unit(id),
	row_code TEXT NOT NULL DEFAULT '',
	year INTEGER NOT NULL DEFAULT 0,
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
	PRIMARY KEY (unit_id, row_code, year)
) WITHOUT ROWID;
INSERT INTO budget_profile_new(unit_id, row_code, year, w1, w2, w3, w4, w5, w6, w7, w8, w9,
	w10, w11, w12)
	SELECT unit_id, row_code, 0, w1, w2, w3, w4, w5, w6, w7, w8, w9, w10, w11, w12
	FROM budget_profile;
DROP TABLE budget_profile;
ALTER TABLE budget_profile_new RENAME TO budget_profile;
