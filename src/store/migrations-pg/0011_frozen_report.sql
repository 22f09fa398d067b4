-- Approved means frozen: the PostgreSQL dialect of
-- migrations/0011_frozen_report.sql (the comments there say what the
-- tables hold).
CREATE TABLE frozen_report (
	unit TEXT COLLATE "C" NOT NULL,
	period TEXT COLLATE "C" NOT NULL,
	type TEXT COLLATE "C" NOT NULL,
	format TEXT COLLATE "C" NOT NULL CHECK (format IN ('html', 'pdf', 'xlsx')),
	content BYTEA NOT NULL,
	hash TEXT NOT NULL,
	approver TEXT NOT NULL,
	approved TEXT NOT NULL,
	PRIMARY KEY (unit, period, type, format)
);
CREATE TABLE frozen_line (
	unit TEXT COLLATE "C" NOT NULL,
	period TEXT COLLATE "C" NOT NULL,
	figure TEXT COLLATE "C" NOT NULL,
	value TEXT NOT NULL,
	PRIMARY KEY (unit, period, figure)
);
-- Tables added after 0004 attach the page cache's trigger themselves.
CREATE TRIGGER frozen_report_data_changed BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE
	ON frozen_report FOR EACH STATEMENT EXECUTE FUNCTION styr_data_changed();
CREATE TRIGGER frozen_line_data_changed BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE
	ON frozen_line FOR EACH STATEMENT EXECUTE FUNCTION styr_data_changed();
