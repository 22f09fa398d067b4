-- Exact ledger amounts (issue 15 item 1): a ledger amount is whole öre,
-- no longer whole tkr, so that SIE months and CSV amounts in kr are kept
-- as they arrive and rounded once, when shown (docs/ekonomi.md).  The
-- amounts stored before were tkr: 1 tkr = 1 000 kr = 100 000 öre.  No new
-- table: the data-version trigger of 0004 covers ledger already.
ALTER TABLE ledger RENAME COLUMN amount TO amount_ore;
UPDATE ledger SET amount_ore = amount_ore * 100000;
