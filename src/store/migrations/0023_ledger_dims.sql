-- Ledger dimensions (issue 15 item 4): kostnadsställe, projekt and the
-- other dimensions of an SIE file (#DIM, #OBJEKT, the object lists of
-- #TRANS and #PBUDGET) or of a CSV ledger's kostnadsstalle column.  The
-- ledger per unit stays as it is (every report, check and roll-up reads
-- it); ledger_detail holds the same amounts broken down by object, and an
-- object may name the org unit whose ledger its amounts go to, so that one
-- SIE file of a whole hospital fills all its units.
CREATE TABLE ledger_dim (
	dim INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL
);
INSERT INTO ledger_dim(dim, code, name) VALUES
	(1, 'kostnadsstalle', 'Kostnadsställe'),
	(2, 'kostnadsbarare', 'Kostnadsbärare'),
	(6, 'projekt', 'Projekt'),
	(7, 'anstalld', 'Anställd'),
	(20, 'verksamhet', 'Verksamhet');
CREATE TABLE ledger_object (
	dim INTEGER NOT NULL REFERENCES ledger_dim(dim),
	code TEXT NOT NULL,
	name TEXT NOT NULL DEFAULT '',
	unit_id INTEGER REFERENCES org_unit(id),
	PRIMARY KEY (dim, code)
);
CREATE TABLE ledger_detail (
	unit_id INTEGER NOT NULL REFERENCES org_unit(id),
	year INTEGER NOT NULL,
	month INTEGER NOT NULL CHECK (month BETWEEN 0 AND 12),
	row_code TEXT NOT NULL REFERENCES ledger_row(code),
	kind TEXT NOT NULL,
	dim INTEGER NOT NULL REFERENCES ledger_dim(dim),
	object TEXT NOT NULL,
	amount_ore INTEGER NOT NULL,
	source TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (unit_id, year, dim, object, month, row_code, kind)
);
CREATE TRIGGER ledger_detail_last_change_i AFTER INSERT ON ledger_detail
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER ledger_detail_last_change_u AFTER UPDATE ON ledger_detail
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER ledger_detail_last_change_d AFTER DELETE ON ledger_detail
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER ledger_object_last_change_i AFTER INSERT ON ledger_object
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER ledger_object_last_change_u AFTER UPDATE ON ledger_object
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
CREATE TRIGGER ledger_object_last_change_d AFTER DELETE ON ledger_object
	BEGIN UPDATE styr_last_change SET at = unixepoch(); END;
