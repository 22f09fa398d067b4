-- The chart of accounts and the row plan as data (issue 15 item 5).
--
-- sign: the sign a row's amounts have in the resultaträkning: '+' an
-- income row (and SUMMA INTÄKTER), '-' a cost row (and SUMMA KOSTNADER),
-- '' either (RESULTAT, finansiella netto).  SIE's credit amounts are
-- turned into this sign by every chart alike; the column is what `styr
-- rows` shows and what a row plan file says about a row it adds.
ALTER TABLE ledger_row ADD COLUMN sign TEXT NOT NULL DEFAULT '';
UPDATE ledger_row SET sign = '+' WHERE code = 'summa_intakter' OR parent = 'summa_intakter';
UPDATE ledger_row SET sign = '-' WHERE code = 'summa_kostnader' OR (parent = 'summa_kostnader'
	AND code <> 'finansiella');
-- Köpt vård: a region's largest cost after personnel (Region-Bas kontoklass
-- 4, Kommun-Bas "köp av huvudverksamhet"), which the shipped charts map to.
-- It prints only where a unit has amounts on it, as every row.
INSERT INTO ledger_row(code, label, parent, position, sign)
	SELECT 'kopt_vard', 'Köpt vård', 'summa_kostnader', 15, '-'
	WHERE NOT EXISTS (SELECT 1 FROM ledger_row WHERE code = 'kopt_vard');
