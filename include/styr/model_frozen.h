/*
 * The records of an approved report: the documents as approved and the
 * snapshot of its figures (see frozen.h).
 *
 * Type-only: the store reads and writes these records (db.h), the
 * library computes with them; neither depends on the other through here.
 */
#ifndef STYR_MODEL_FROZEN_H
#define STYR_MODEL_FROZEN_H

#include "model.h"
#include "model_access.h"

#define STYR_FIGURE_MAX  192
#define STYR_FIGURE_TEXT 128

struct styr_frozen_report {
	char unit[STYR_CODE_MAX];
	char period[STYR_PERIOD_TEXT_MAX];
	char type[32];  /* arsredovisning, delarsrapport, manadsrapport */
	char format[8]; /* html, pdf, xlsx */
	char hash[65];  /* the document's content hash (doc_seal) */
	char approver[STYR_USER_MAX];
	char approved[32]; /* ISO 8601 UTC */
};

/* One figure of the snapshot: figure is the audit log's entity of the
 * value ("value IND UNIT PERIOD"), value its text as formatted. */
struct styr_frozen_line {
	char unit[STYR_CODE_MAX];
	char period[STYR_PERIOD_TEXT_MAX];
	char figure[STYR_FIGURE_MAX];
	char value[STYR_FIGURE_TEXT];
};

#endif
