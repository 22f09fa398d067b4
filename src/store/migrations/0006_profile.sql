-- Budget profiles (periodiseringsprofiler) and the goal an action serves.
--
-- budget_profile: how a unit's year budget is spread over the months.
-- One row per unit and resultaträkning row; row_code '' holds for every
-- row of the unit that has no profile of its own (so '' is no row of the
-- plan and has no foreign key; the importer checks real row codes).
-- w1..w12 are the weights of january..december in hundredths (8,5 is
-- 850): only their proportions matter.  A unit without a profile takes
-- its parent's, up to the region's, which is the organisation-wide
-- default (src/calc/profile.c); with none anywhere the budget is flat.
CREATE TABLE budget_profile (
	unit_id INTEGER NOT NULL REFERENCES org_unit(id),
	row_code TEXT NOT NULL DEFAULT '',
	w1 INTEGER NOT NULL CHECK (w1 >= 0),
	w2 INTEGER NOT NULL CHECK (w2 >= 0),
	w3 INTEGER NOT NULL CHECK (w3 >= 0),
	w4 INTEGER NOT NULL CHECK (w4 >= 0),
	w5 INTEGER NOT NULL CHECK (w5 >= 0),
	w6 INTEGER NOT NULL CHECK (w6 >= 0),
	w7 INTEGER NOT NULL CHECK (w7 >= 0),
	w8 INTEGER NOT NULL CHECK (w8 >= 0),
	w9 INTEGER NOT NULL CHECK (w9 >= 0),
	w10 INTEGER NOT NULL CHECK (w10 >= 0),
	w11 INTEGER NOT NULL CHECK (w11 >= 0),
	w12 INTEGER NOT NULL CHECK (w12 >= 0),
	CHECK (w1 + w2 + w3 + w4 + w5 + w6 + w7 + w8 + w9 + w10 + w11 + w12 > 0),
	PRIMARY KEY (unit_id, row_code)
) WITHOUT ROWID;

-- The goal (its code) an action of an action plan works towards; '' when
-- the plan does not say.  Text rather than a key, like insatsomrade: the
-- importer checks that the goal exists.
ALTER TABLE action ADD COLUMN goal TEXT NOT NULL DEFAULT '';
