-- Analysis texts per unit, period and subject (a goal code or a section
-- such as "ekonomi"): Vad har hänt? Varför har det hänt? Vad kommer att
-- hända?  state: utkast, inlämnad, godkänd.  A subject may hold several
-- analyses under different titles (seed 002 has three for one goal).
CREATE TABLE analysis (
	unit_id INTEGER NOT NULL REFERENCES org_unit(id),
	year INTEGER NOT NULL,
	first_month INTEGER NOT NULL,
	last_month INTEGER NOT NULL,
	subject TEXT NOT NULL,
	title TEXT NOT NULL DEFAULT '',
	vad_har_hant TEXT NOT NULL DEFAULT '',
	varfor TEXT NOT NULL DEFAULT '',
	vad_hander TEXT NOT NULL DEFAULT '',
	state TEXT NOT NULL DEFAULT 'utkast',
	author TEXT NOT NULL DEFAULT '',
	source TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (unit_id, year, first_month, last_month, subject, title)
);
