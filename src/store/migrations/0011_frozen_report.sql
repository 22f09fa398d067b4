-- Approved means frozen (issue 17 item 3).  Approving a unit's report for
-- a period stores the rendered report in every format (frozen_report) and
-- the figures it was made from (frozen_line: one line per value, keyed by
-- the audit log's entity "value IND UNIT PERIOD", its text as formatted),
-- so that downloads of an approved period give the approved bytes and
-- `styr report diff` can list what changed since.  The rows stay when an
-- admin unlocks the report; the next approval replaces them.
CREATE TABLE frozen_report (
	unit TEXT NOT NULL,
	period TEXT NOT NULL,
	type TEXT NOT NULL,
	format TEXT NOT NULL CHECK (format IN ('html', 'pdf', 'xlsx')),
	content BLOB NOT NULL,
	hash TEXT NOT NULL,
	approver TEXT NOT NULL,
	approved TEXT NOT NULL,
	PRIMARY KEY (unit, period, type, format)
);
CREATE TABLE frozen_line (
	unit TEXT NOT NULL,
	period TEXT NOT NULL,
	figure TEXT NOT NULL,
	value TEXT NOT NULL,
	PRIMARY KEY (unit, period, figure)
);
