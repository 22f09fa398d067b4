-- The ledger's year sums (issue 15, the roll-up at full size): per unit,
-- table, year, row and kind, the exact sum in öre of the months 1–12
-- (amount_ore), the year figure (month 0, year_ore) kept apart, and which
-- months are there (months: bit m for month m, bit 0 for the year
-- figure).  A table of the whole year whose compared months are all
-- twelve needs only these (src/calc/ledger.c), so the region's roll-up
-- reads one row where it read twelve.  Derived: triggers on ledger keep it
-- right for every writer (styr's imports and deletes, an administrator's
-- sqlite3, the bench's generator); a row goes when its last month does.
CREATE TABLE ledger_year (
	unit_id INTEGER NOT NULL,
	tab TEXT NOT NULL,
	year INTEGER NOT NULL,
	row_code TEXT NOT NULL,
	kind TEXT NOT NULL,
	months INTEGER NOT NULL,
	amount_ore INTEGER NOT NULL,
	year_ore INTEGER NOT NULL,
	PRIMARY KEY (unit_id, tab, year, row_code, kind)
) WITHOUT ROWID;
INSERT INTO ledger_year(unit_id, tab, year, row_code, kind, months, amount_ore, year_ore)
SELECT unit_id, tab, year, row_code, kind, sum(1 << month),
       sum(CASE WHEN month > 0 THEN amount_ore ELSE 0 END),
       sum(CASE WHEN month = 0 THEN amount_ore ELSE 0 END)
FROM ledger GROUP BY unit_id, tab, year, row_code, kind;
CREATE TRIGGER ledger_year_i AFTER INSERT ON ledger BEGIN
	INSERT INTO ledger_year(unit_id, tab, year, row_code, kind, months, amount_ore, year_ore)
	VALUES (NEW.unit_id, NEW.tab, NEW.year, NEW.row_code, NEW.kind, 1 << NEW.month,
	        CASE WHEN NEW.month > 0 THEN NEW.amount_ore ELSE 0 END,
	        CASE WHEN NEW.month = 0 THEN NEW.amount_ore ELSE 0 END)
	ON CONFLICT(unit_id, tab, year, row_code, kind) DO UPDATE SET
		months = months | excluded.months, amount_ore = amount_ore + excluded.amount_ore,
		year_ore = year_ore + excluded.year_ore;
END;
-- An amount changed in place (a re-import's upsert) is the common update:
-- one row's sum moves by the difference.
CREATE TRIGGER ledger_year_u AFTER UPDATE OF amount_ore ON ledger
WHEN NEW.unit_id = OLD.unit_id AND NEW.tab = OLD.tab AND NEW.year = OLD.year
     AND NEW.month = OLD.month AND NEW.row_code = OLD.row_code AND NEW.kind = OLD.kind BEGIN
	UPDATE ledger_year SET
		amount_ore = amount_ore + CASE WHEN NEW.month > 0 THEN NEW.amount_ore - OLD.amount_ore ELSE 0 END,
		year_ore = year_ore + CASE WHEN NEW.month = 0 THEN NEW.amount_ore - OLD.amount_ore ELSE 0 END
	WHERE unit_id = NEW.unit_id AND tab = NEW.tab AND year = NEW.year AND row_code = NEW.row_code
	      AND kind = NEW.kind;
END;
-- Any other update moves the amount from one key to another.
CREATE TRIGGER ledger_year_k AFTER UPDATE ON ledger
WHEN NOT (NEW.unit_id = OLD.unit_id AND NEW.tab = OLD.tab AND NEW.year = OLD.year
          AND NEW.month = OLD.month AND NEW.row_code = OLD.row_code AND NEW.kind = OLD.kind) BEGIN
	UPDATE ledger_year SET months = months & ~(1 << OLD.month),
		amount_ore = amount_ore - CASE WHEN OLD.month > 0 THEN OLD.amount_ore ELSE 0 END,
		year_ore = year_ore - CASE WHEN OLD.month = 0 THEN OLD.amount_ore ELSE 0 END
	WHERE unit_id = OLD.unit_id AND tab = OLD.tab AND year = OLD.year AND row_code = OLD.row_code
	      AND kind = OLD.kind;
	DELETE FROM ledger_year WHERE unit_id = OLD.unit_id AND tab = OLD.tab AND year = OLD.year
	      AND row_code = OLD.row_code AND kind = OLD.kind AND months = 0;
	INSERT INTO ledger_year(unit_id, tab, year, row_code, kind, months, amount_ore, year_ore)
	VALUES (NEW.unit_id, NEW.tab, NEW.year, NEW.row_code, NEW.kind, 1 << NEW.month,
	        CASE WHEN NEW.month > 0 THEN NEW.amount_ore ELSE 0 END,
	        CASE WHEN NEW.month = 0 THEN NEW.amount_ore ELSE 0 END)
	ON CONFLICT(unit_id, tab, year, row_code, kind) DO UPDATE SET
		months = months | excluded.months, amount_ore = amount_ore + excluded.amount_ore,
		year_ore = year_ore + excluded.year_ore;
END;
CREATE TRIGGER ledger_year_d AFTER DELETE ON ledger BEGIN
	UPDATE ledger_year SET months = months & ~(1 << OLD.month),
		amount_ore = amount_ore - CASE WHEN OLD.month > 0 THEN OLD.amount_ore ELSE 0 END,
		year_ore = year_ore - CASE WHEN OLD.month = 0 THEN OLD.amount_ore ELSE 0 END
	WHERE unit_id = OLD.unit_id AND tab = OLD.tab AND year = OLD.year AND row_code = OLD.row_code
	      AND kind = OLD.kind;
	DELETE FROM ledger_year WHERE unit_id = OLD.unit_id AND tab = OLD.tab AND year = OLD.year
	      AND row_code = OLD.row_code AND kind = OLD.kind AND months = 0;
END;
