-- A budget profile may hold for one budget year: the PostgreSQL dialect
-- of migrations/0008_profile_year.sql (the comments there say why).
-- PostgreSQL alters the key in place; existing rows get year 0, and the
-- table keeps its data-version trigger (0006).
ALTER TABLE budget_profile ADD COLUMN year INTEGER NOT NULL DEFAULT 0;
ALTER TABLE budget_profile DROP CONSTRAINT budget_profile_pkey;
ALTER TABLE budget_profile ADD PRIMARY KEY (unit_id, row_code, year);
