-- Economy: the resultaträkning plan, ledger amounts, validation rules and
-- the account mapping used by the SIE importer.
--
-- ledger_row is the plan of the resultaträkning: every row a report
-- prints, with the subtotal it belongs to (parent) and its place in the
-- printed order.  The default plan is the one Region Skåne's boards print
-- (seed 002); a row plan is data, so a region with other rows adds them.
CREATE TABLE ledger_row (
	code TEXT PRIMARY KEY,
	label TEXT NOT NULL,
	parent TEXT REFERENCES ledger_row(code),
	position INTEGER NOT NULL
);
-- Other printed labels of a row (matched case-insensitively).
CREATE TABLE ledger_label (
	label TEXT PRIMARY KEY COLLATE NOCASE,
	row_code TEXT NOT NULL REFERENCES ledger_row(code)
);
INSERT INTO ledger_row(code, label, parent, position) VALUES
	('resultat', 'RESULTAT', NULL, 100),
	('summa_intakter', 'SUMMA INTÄKTER', 'resultat', 10),
	('regionbidrag', 'Regionbidrag', 'summa_intakter', 1),
	('patientavgifter', 'Patient/trafikantavgifter', 'summa_intakter', 2),
	('forsaljning_verksamhet', 'Försäljning av verksamhet', 'summa_intakter', 3),
	('forsaljning_varor', 'Försäljn av varor och tjänster', 'summa_intakter', 4),
	('riktade_statsbidrag', 'Spec destinerade statsbidrag', 'summa_intakter', 5),
	('ovriga_intakter', 'Bidrag och övr intäkter', 'summa_intakter', 6),
	('summa_kostnader', 'SUMMA KOSTNADER', 'resultat', 30),
	('lonekostnader', 'Lönekostnader', 'summa_kostnader', 11),
	('arbetsgivaravgifter', 'Arbetsgivaravg o pensioner', 'summa_kostnader', 12),
	('ovriga_personalkostnader', 'Övriga personalkostnader', 'summa_kostnader', 13),
	('inhyrd_personal', 'Kostnader för inhyrd personal', 'summa_kostnader', 14),
	('material_tjanster', 'Material och tjänster', 'summa_kostnader', 15),
	('lakemedel', 'Läkemedel', 'summa_kostnader', 16),
	('fastighetskostnader', 'Fastighetskostnader', 'summa_kostnader', 17),
	('ovriga_kostnader', 'Övriga kostnader', 'summa_kostnader', 18),
	('avskrivningar', 'Avskrivningar', 'summa_kostnader', 19),
	('finansiella', 'Finansiella intäkter/kostnader', 'summa_kostnader', 20);
INSERT INTO ledger_label(label, row_code) VALUES
	('Summa intäkter', 'summa_intakter'),
	('Summa kostnader', 'summa_kostnader'),
	('Årets resultat', 'resultat'),
	('Patientavgifter', 'patientavgifter'),
	('Arbetsgivaravgifter och pensioner', 'arbetsgivaravgifter'),
	('Inhyrd personal', 'inhyrd_personal');

-- One amount of a unit's resultaträkning.  tab names the printed table the
-- amount belongs to ('' = the unit's resultaträkning; 'personal' = a table
-- of personnel costs only, whose SUMMA KOSTNADER is a partial sum).
-- month 0 is the whole year (jan–dec), 1..12 a single month.
-- kind: utfall, budget, prognos; avvikelse when a document printed one
-- (kept as printed so that styr check can compare it with utfall − budget).
-- amount: whole tkr.
CREATE TABLE ledger (
	unit_id INTEGER NOT NULL REFERENCES org_unit(id),
	tab TEXT NOT NULL DEFAULT '',
	year INTEGER NOT NULL,
	month INTEGER NOT NULL CHECK (month BETWEEN 0 AND 12),
	row_code TEXT NOT NULL REFERENCES ledger_row(code),
	kind TEXT NOT NULL,
	amount INTEGER NOT NULL,
	source TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (unit_id, tab, year, month, row_code, kind)
) WITHOUT ROWID;

-- Validation rules (consistency checks), defined as data: see
-- docs/formats.md "Rules".  tolerance in the rule's unit (tkr or
-- hundredths of a percent); a difference within it is a rounding note.
CREATE TABLE rule (
	code TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	check_kind TEXT NOT NULL,
	subject TEXT NOT NULL,
	expr TEXT NOT NULL,
	tolerance INTEGER NOT NULL DEFAULT 0,
	tab TEXT NOT NULL DEFAULT '*'
);

-- Account → resultaträkning row, for SIE imports.  Accounts first..last
-- (inclusive) map to row_code; a narrower range wins over a wider one;
-- row_code NULL keeps the accounts out of the resultaträkning (8999 Årets
-- resultat closes the year and would count the result twice).
-- The default follows the BAS kontoplan's classes 3–8.
CREATE TABLE account_map (
	first INTEGER NOT NULL,
	last INTEGER NOT NULL,
	row_code TEXT REFERENCES ledger_row(code),
	PRIMARY KEY (first, last)
);
INSERT INTO account_map(first, last, row_code) VALUES
	(3000, 3799, 'forsaljning_verksamhet'),
	(3800, 3999, 'ovriga_intakter'),
	(4000, 4999, 'material_tjanster'),
	(5000, 5199, 'fastighetskostnader'),
	(5200, 6999, 'ovriga_kostnader'),
	(7000, 7399, 'lonekostnader'),
	(7400, 7599, 'arbetsgivaravgifter'),
	(7600, 7699, 'ovriga_personalkostnader'),
	(7700, 7899, 'avskrivningar'),
	(7900, 7999, 'ovriga_kostnader'),
	(8000, 8899, 'finansiella'),
	(8900, 8999, NULL);

-- Account balances as an SIE file gave them, in öre: kind res (#RES),
-- ib/ub (#IB/#UB), psaldo/pbudget (#PSALDO/#PBUDGET, month 1..12), trans
-- (Σ #TRANS of the year's vouchers per account and month).
CREATE TABLE account_balance (
	unit_id INTEGER NOT NULL REFERENCES org_unit(id),
	year INTEGER NOT NULL,
	month INTEGER NOT NULL,
	account INTEGER NOT NULL,
	kind TEXT NOT NULL,
	amount_ore INTEGER NOT NULL,
	PRIMARY KEY (unit_id, year, month, account, kind)
) WITHOUT ROWID;
CREATE TABLE account (
	unit_id INTEGER NOT NULL REFERENCES org_unit(id),
	account INTEGER NOT NULL,
	name TEXT NOT NULL,
	PRIMARY KEY (unit_id, account)
) WITHOUT ROWID;

-- Action plans: åtgärder with their expected and achieved economic effect
-- in whole tkr (the documents print Mkr with one decimal).  An action is
-- identified by its plan and title.  expected/achieved NULL: not given.
CREATE TABLE action (
	plan TEXT NOT NULL,
	unit_id INTEGER NOT NULL REFERENCES org_unit(id),
	insatsomrade TEXT NOT NULL DEFAULT '',
	title TEXT NOT NULL,
	owner TEXT NOT NULL DEFAULT '',
	due TEXT NOT NULL DEFAULT '',
	state TEXT NOT NULL,
	expected INTEGER,
	achieved INTEGER,
	position INTEGER NOT NULL,
	PRIMARY KEY (plan, title)
);

-- Regionbidrag per board and year (seed 003 Bilaga 4A) and its bridge from
-- last year's (4B): steps ingaende, summa_teknisk, upprakning, riktad
-- (one row per label), summa_riktad, summa_forandring, utgaende; the
-- uppräkning percent (upprakning_pct) and the allocation model's share
-- (andel).  unit is the column's code as the document prints it (some
-- columns are budget lines, not org units).  amount: Mkr × 1000 = tkr;
-- percents × 1000 (2,9 % = 2900).
CREATE TABLE bridge (
	year INTEGER NOT NULL,
	unit TEXT NOT NULL,
	step TEXT NOT NULL,
	label TEXT NOT NULL DEFAULT '',
	amount INTEGER NOT NULL,
	source TEXT NOT NULL DEFAULT '',
	UNIQUE (year, unit, step, label)
);
