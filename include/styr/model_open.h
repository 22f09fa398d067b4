/*
 * The records of open data: which indicators are published, the units'
 * official codes, values by gender and withdrawn values (see opendata.h).
 *
 * Type-only: the store reads and writes these records (db.h), the
 * library computes with them; neither depends on the other through here.
 */
#ifndef STYR_MODEL_OPEN_H
#define STYR_MODEL_OPEN_H

#include "model.h"

/* An indicator's publication: published is "YYYY-MM-DD" from which it is
 * public, "" when it is not; kolada_id "" when it has none. */
struct styr_open_indicator {
	char indicator[STYR_CODE_MAX];
	char kolada_id[STYR_CODE_MAX];
	char published[STYR_DATE_MAX];
};

/* An org unit's official municipality or region code ("1200"). */
struct styr_open_unit {
	char unit[STYR_CODE_MAX];
	char official_code[STYR_CODE_MAX];
};

/* A value for women ("K") or men ("M") beside the total that struct
 * styr_value holds (Kolada's gender "T"); numerator and denominator are
 * not kept for them. */
struct styr_gender_value {
	struct styr_value value;
	char gender[2];
};

/* An open value: a yearly value as styr_value_each gives it, its gender
 * ("T" the total, "K", "M"), and when it last changed
 * ("YYYY-MM-DDTHH:MM:SSZ"). */
struct styr_open_value {
	struct styr_value value;
	char gender[2];
	char changed[24];
};

#endif
