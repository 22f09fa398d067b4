-- Ledger dimensions (issue 15 item 4): kostnadsställe, projekt and the
-- other dimensions of an SIE file (#DIM, #OBJEKT, the object lists of
-- #TRANS and #PBUDGET) or of a CSV ledger's kostnadsstalle column.  The
-- ledger per unit stays as it is (every report, check and roll-up reads
-- it); ledger_detail holds the same amounts broken down by object, and an
-- object may name the org unit whose ledger its amounts go to, so that one
-- SIE file of a whole hospital fills all its units.
CREATE TABLE ledger_dim (
	dim INTEGER PRIMARY KEY,
	code TEXT COLLATE "C" NOT NULL UNIQUE,
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
	code TEXT COLLATE "C" NOT NULL,
	name TEXT NOT NULL DEFAULT '',
	unit_id BIGINT REFERENCES org_unit(id),
	PRIMARY KEY (dim, code)
);
CREATE TABLE ledger_detail (
	unit_id BIGINT NOT NULL REFERENCES org_unit(id),
	year INTEGER NOT NULL,
	month INTEGER NOT NULL CHECK (month BETWEEN 0 AND 12),
	row_code TEXT COLLATE "C" NOT NULL REFERENCES ledger_row(code),
	kind TEXT COLLATE "C" NOT NULL,
	dim INTEGER NOT NULL REFERENCES ledger_dim(dim),
	object TEXT COLLATE "C" NOT NULL,
	amount_ore BIGINT NOT NULL,
	source TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (unit_id, year, dim, object, month, row_code, kind)
);
DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['ledger_dim', 'ledger_object', 'ledger_detail']
	LOOP
		EXECUTE format('CREATE TRIGGER %I BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE '
			'ON %I FOR EACH STATEMENT EXECUTE FUNCTION styr_data_changed()',
			t || '_data_changed', t);
	END LOOP;
	FOREACH t IN ARRAY ARRAY['ledger_object', 'ledger_detail']
	LOOP
		EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS '
			'changed FOR EACH STATEMENT EXECUTE FUNCTION styr_last_changed_rows()',
			t || '_last_change_i', t);
		EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS '
			'changed FOR EACH STATEMENT EXECUTE FUNCTION styr_last_changed_rows()',
			t || '_last_change_u', t);
		EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS '
			'changed FOR EACH STATEMENT EXECUTE FUNCTION styr_last_changed_rows()',
			t || '_last_change_d', t);
		EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I FOR EACH STATEMENT '
			'EXECUTE FUNCTION styr_last_changed()', t || '_last_change_t', t);
	END LOOP;
END
$$;
