-- What an indicator measures: 'kvalitet' (followed up against a target: the
-- indicator tables, the status counts, the X-matris) or 'produktion'
-- (vårdtillfällen, besök, operationer … counted, not målsatt: the reports'
-- Produktion section).  Indicators stored before this migration were all
-- quality indicators but for the production figures, which were told by
-- their code prefix PROD-; they are marked here so that existing databases
-- need no re-import.
--
-- The PostgreSQL dialect of migrations/0007_indicator_category.sql; the
-- table already has its data-version trigger (0004).
ALTER TABLE indicator ADD COLUMN category TEXT NOT NULL DEFAULT 'kvalitet'
	CHECK (category IN ('kvalitet', 'produktion'));
UPDATE indicator SET category = 'produktion' WHERE code LIKE 'PROD-%';
