/*
 * Importing the interchange CSV files.  Each file is read whole, checked to
 * be UTF-8, and recognised by its header; then all files are parsed with
 * libcsv and stored inside one transaction, in dependency order (units
 * before the values that name them), so that one bad cell anywhere leaves
 * the database exactly as it was.
 *
 * libcsv does not count lines, so the parser callbacks do: a record's line
 * is one more than the line breaks seen before it, those inside quoted
 * fields included.  Every error is prefixed "FILE:LINE: column "NAME": ".
 */
#include <csv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/interchange.h"
#include "import/ledger_sums.h"
#include "styr/ledger.h"
#include "styr/buf.h"
#include "styr/goals.h"
#include "styr/opendata.h"

#define CSV_FILE_MAX  ((size_t)2 << 30)
#define CSV_FIELD_MAX 8192

const struct interchange_spec interchange_specs[STYR_ENTITY_COUNT] = {
    [STYR_ENTITY_ORG] = {STYR_ENTITY_ORG,
                         7,
                         {"code", "name", "kind", "parent", "valid_from", "valid_to", "aliases"},
                         COLUMN_BIT(ORG_CODE) | COLUMN_BIT(ORG_NAME) | COLUMN_BIT(ORG_KIND)},
    [STYR_ENTITY_GOAL] = {STYR_ENTITY_GOAL,
                          8,
                          {"code", "parent", "level", "title", "text", "valid_from", "valid_to",
                           "owners"},
                          COLUMN_BIT(GOAL_CODE) | COLUMN_BIT(GOAL_LEVEL) | COLUMN_BIT(GOAL_TITLE)},
    [STYR_ENTITY_INDICATOR] = {STYR_ENTITY_INDICATOR,
                               10,
                               {"code", "name", "definition", "unit", "direction", "frequency",
                                "source", "tolerance", "goals", "category"},
                               COLUMN_BIT(IND_CODE) | COLUMN_BIT(IND_NAME),
                               COLUMN_BIT(IND_CATEGORY)},
    [STYR_ENTITY_TARGET] = {STYR_ENTITY_TARGET,
                            4,
                            {"indicator", "unit", "year", "target"},
                            COLUMN_BIT(TGT_INDICATOR) | COLUMN_BIT(TGT_YEAR) |
                                COLUMN_BIT(TGT_TARGET)},
    [STYR_ENTITY_VALUE] = {STYR_ENTITY_VALUE,
                           9,
                           {"indicator", "unit", "period", "value", "numerator", "denominator",
                            "missing_reason", "source", "comment"},
                           COLUMN_BIT(VAL_INDICATOR) | COLUMN_BIT(VAL_UNIT) |
                               COLUMN_BIT(VAL_PERIOD),
                           COLUMN_BIT(VAL_COMMENT)},
    [STYR_ENTITY_ANALYSIS] = {STYR_ENTITY_ANALYSIS,
                              10,
                              {"unit", "period", "subject", "title", "vad_har_hant", "varfor",
                               "vad_kommer_att_handa", "state", "author", "source"},
                              COLUMN_BIT(ANA_UNIT) | COLUMN_BIT(ANA_PERIOD) |
                                  COLUMN_BIT(ANA_SUBJECT)},
    /* Goals area (issue 7). */
    [STYR_ENTITY_UPPDRAG] = {STYR_ENTITY_UPPDRAG,
                             3,
                             {"goal", "deadline", "report_dates"},
                             COLUMN_BIT(UPP_GOAL)},
    [STYR_ENTITY_UPPDRAG_REPORT] = {STYR_ENTITY_UPPDRAG_REPORT,
                                    6,
                                    {"goal", "unit", "date", "status", "text", "source"},
                                    COLUMN_BIT(URP_GOAL) | COLUMN_BIT(URP_UNIT) |
                                        COLUMN_BIT(URP_DATE) | COLUMN_BIT(URP_STATUS)},
    [STYR_ENTITY_ESCALATION] = {STYR_ENTITY_ESCALATION,
                                5,
                                {"goal", "date", "step", "reason", "decided_by"},
                                COLUMN_BIT(ESC_GOAL) | COLUMN_BIT(ESC_DATE) | COLUMN_BIT(ESC_STEP) |
                                    COLUMN_BIT(ESC_REASON) | COLUMN_BIT(ESC_DECIDED_BY)},
    [STYR_ENTITY_FOLLOWUP] = {STYR_ENTITY_FOLLOWUP,
                              6,
                              {"year", "report", "months", "deadline", "handling", "source"},
                              COLUMN_BIT(FUP_YEAR) | COLUMN_BIT(FUP_REPORT) |
                                  COLUMN_BIT(FUP_MONTHS) | COLUMN_BIT(FUP_HANDLING)},
    [STYR_ENTITY_INTERNAL_CONTROL] = {STYR_ENTITY_INTERNAL_CONTROL,
                                      10,
                                      {"unit", "year", "risk", "probability", "consequence",
                                       "control", "responsible", "frequency", "result", "actions"},
                                      COLUMN_BIT(IKP_UNIT) | COLUMN_BIT(IKP_YEAR) |
                                          COLUMN_BIT(IKP_RISK) | COLUMN_BIT(IKP_PROBABILITY) |
                                          COLUMN_BIT(IKP_CONSEQUENCE) | COLUMN_BIT(IKP_CONTROL) |
                                          COLUMN_BIT(IKP_RESPONSIBLE) | COLUMN_BIT(IKP_FREQUENCY)},
    [STYR_ENTITY_INDEX_WEIGHT] = {STYR_ENTITY_INDEX_WEIGHT,
                                  3,
                                  {"index", "indicator", "weight"},
                                  COLUMN_BIT(IXW_INDEX) | COLUMN_BIT(IXW_INDICATOR) |
                                      COLUMN_BIT(IXW_WEIGHT)},
    /* economy */
    [STYR_ENTITY_LEDGER_ROW] = {STYR_ENTITY_LEDGER_ROW,
                                5,
                                {"code", "label", "parent", "position", "sign"},
                                COLUMN_BIT(LROW_CODE) | COLUMN_BIT(LROW_LABEL) |
                                    COLUMN_BIT(LROW_POSITION),
                                COLUMN_BIT(LROW_SIGN),
                                "position"},
    [STYR_ENTITY_LEDGER] = {STYR_ENTITY_LEDGER,
                            10,
                            {"unit", "table", "year", "month", "row", "kind", "amount", "source",
                             "enhet", "kostnadsstalle"},
                            COLUMN_BIT(LED_UNIT) | COLUMN_BIT(LED_YEAR) | COLUMN_BIT(LED_ROW) |
                                COLUMN_BIT(LED_KIND) | COLUMN_BIT(LED_AMOUNT),
                            COLUMN_BIT(LED_ENHET) | COLUMN_BIT(LED_KOST)},
    [STYR_ENTITY_RULE] = {STYR_ENTITY_RULE,
                          7,
                          {"rule", "name", "check", "subject", "expr", "tolerance", "table"},
                          COLUMN_BIT(RULE_CODE) | COLUMN_BIT(RULE_NAME) | COLUMN_BIT(RULE_CHECK) |
                              COLUMN_BIT(RULE_SUBJECT) | COLUMN_BIT(RULE_EXPR)},
    [STYR_ENTITY_ACTION] = {STYR_ENTITY_ACTION,
                            10,
                            {"plan", "unit", "insatsomrade", "title", "owner", "due", "state",
                             "expected", "achieved", "goal"},
                            COLUMN_BIT(ACT_PLAN) | COLUMN_BIT(ACT_UNIT) | COLUMN_BIT(ACT_TITLE) |
                                COLUMN_BIT(ACT_STATE),
                            COLUMN_BIT(ACT_GOAL)},
    [STYR_ENTITY_BRIDGE] = {STYR_ENTITY_BRIDGE,
                            6,
                            {"year", "unit", "step", "label", "amount", "source"},
                            COLUMN_BIT(BR_YEAR) | COLUMN_BIT(BR_UNIT) | COLUMN_BIT(BR_STEP) |
                                COLUMN_BIT(BR_AMOUNT)},
    /* Every month is required: a profile with a gap is a mistake, not a
     * zero. */
    [STYR_ENTITY_PROFILE] = {STYR_ENTITY_PROFILE,
                             15,
                             {"unit", "row", "year", "jan", "feb", "mar", "apr", "maj", "jun",
                              "jul", "aug", "sep", "okt", "nov", "dec"},
                             COLUMN_BIT(PRO_UNIT) | (0xfffu << PRO_JAN),
                             COLUMN_BIT(PRO_YEAR)},
    /* open data (issue 19): after the units and indicators it names */
    [STYR_ENTITY_OPEN_DATA] = {STYR_ENTITY_OPEN_DATA,
                               4,
                               {"subject", "code", "open_id", "published"},
                               COLUMN_BIT(OPEN_SUBJECT) | COLUMN_BIT(OPEN_CODE)},
    [STYR_ENTITY_GENDER_VALUE] = {STYR_ENTITY_GENDER_VALUE,
                                  7,
                                  {"indicator", "unit", "period", "gender", "value",
                                   "missing_reason", "source"},
                                  COLUMN_BIT(GV_INDICATOR) | COLUMN_BIT(GV_UNIT) |
                                      COLUMN_BIT(GV_PERIOD) | COLUMN_BIT(GV_GENDER),
                                  0,
                                  "gender"},
};

static const char *const entity_names[STYR_ENTITY_COUNT] = {
    "org",
    "goals",
    "indicators",
    "targets",
    "values",
    "analyses",
    /* Goals area (issue 7). */
    "uppdrag",
    "uppdrag_reports",
    "escalations",
    "followup",
    "internal_control",
    "index_weights",
    /* economy */
    "ledger_rows",
    "ledger",
    "rules",
    "actions",
    "bridge",
    "profiles",
    "open_data",
    "gender_values",
};

const char *styr_entity_name(enum styr_entity e)
{
	return (unsigned)e < STYR_ENTITY_COUNT ? entity_names[e] : "?";
}

int styr_entity_parse(const char *text, enum styr_entity *out, struct styr_err *err)
{
	char choices[256] = "";
	size_t len = 0;
	int i;

	for (i = 0; i < STYR_ENTITY_COUNT; i++) {
		if (!strcmp(text, entity_names[i])) {
			*out = (enum styr_entity)i;
			return STYR_OK;
		}
	}
	for (i = 0; i < STYR_ENTITY_COUNT && len < sizeof(choices); i++)
		len += (size_t)snprintf(choices + len, sizeof(choices) - len, "%s%s",
		                        i ? (i + 1 == STYR_ENTITY_COUNT ? " or " : ", ") : "",
		                        entity_names[i]);
	return styr_error(err, STYR_EUSAGE, "\"%s\": expected %s", text, choices);
}

/* The columns of each kind that name one stored row (the store's upsert
 * key): a key that occurs twice in one import is refused, since the later
 * row would silently replace the earlier.  0: rows have no key of their
 * own (escalations are a sequence per goal). */
static const unsigned key_columns[STYR_ENTITY_COUNT] = {
    [STYR_ENTITY_ORG] = COLUMN_BIT(ORG_CODE),
    [STYR_ENTITY_GOAL] = COLUMN_BIT(GOAL_CODE),
    [STYR_ENTITY_INDICATOR] = COLUMN_BIT(IND_CODE),
    [STYR_ENTITY_TARGET] = COLUMN_BIT(TGT_INDICATOR) | COLUMN_BIT(TGT_UNIT) | COLUMN_BIT(TGT_YEAR),
    [STYR_ENTITY_VALUE] = COLUMN_BIT(VAL_INDICATOR) | COLUMN_BIT(VAL_UNIT) | COLUMN_BIT(VAL_PERIOD),
    [STYR_ENTITY_ANALYSIS] = COLUMN_BIT(ANA_UNIT) | COLUMN_BIT(ANA_PERIOD) |
                             COLUMN_BIT(ANA_SUBJECT) | COLUMN_BIT(ANA_TITLE),
    [STYR_ENTITY_UPPDRAG] = COLUMN_BIT(UPP_GOAL),
    [STYR_ENTITY_UPPDRAG_REPORT] =
        COLUMN_BIT(URP_GOAL) | COLUMN_BIT(URP_UNIT) | COLUMN_BIT(URP_DATE),
    [STYR_ENTITY_ESCALATION] = 0,
    [STYR_ENTITY_FOLLOWUP] = COLUMN_BIT(FUP_YEAR) | COLUMN_BIT(FUP_REPORT),
    [STYR_ENTITY_INTERNAL_CONTROL] =
        COLUMN_BIT(IKP_UNIT) | COLUMN_BIT(IKP_YEAR) | COLUMN_BIT(IKP_RISK),
    [STYR_ENTITY_INDEX_WEIGHT] = COLUMN_BIT(IXW_INDEX) | COLUMN_BIT(IXW_INDICATOR),
    [STYR_ENTITY_LEDGER_ROW] = COLUMN_BIT(LROW_CODE),
    [STYR_ENTITY_LEDGER] = COLUMN_BIT(LED_UNIT) | COLUMN_BIT(LED_TABLE) | COLUMN_BIT(LED_YEAR) |
                           COLUMN_BIT(LED_MONTH) | COLUMN_BIT(LED_ROW) | COLUMN_BIT(LED_KIND) |
                           COLUMN_BIT(LED_KOST),
    [STYR_ENTITY_RULE] = COLUMN_BIT(RULE_CODE),
    [STYR_ENTITY_ACTION] = COLUMN_BIT(ACT_PLAN) | COLUMN_BIT(ACT_TITLE),
    [STYR_ENTITY_BRIDGE] =
        COLUMN_BIT(BR_YEAR) | COLUMN_BIT(BR_UNIT) | COLUMN_BIT(BR_STEP) | COLUMN_BIT(BR_LABEL),
    [STYR_ENTITY_PROFILE] = COLUMN_BIT(PRO_UNIT) | COLUMN_BIT(PRO_ROW) | COLUMN_BIT(PRO_YEAR),
    [STYR_ENTITY_OPEN_DATA] = COLUMN_BIT(OPEN_SUBJECT) | COLUMN_BIT(OPEN_CODE),
    [STYR_ENTITY_GENDER_VALUE] = COLUMN_BIT(GV_INDICATOR) | COLUMN_BIT(GV_UNIT) |
                                 COLUMN_BIT(GV_PERIOD) | COLUMN_BIT(GV_GENDER),
};

bool styr_import_compares(enum styr_entity e)
{
	return e == STYR_ENTITY_ORG || e == STYR_ENTITY_INDICATOR || e == STYR_ENTITY_TARGET ||
	       e == STYR_ENTITY_VALUE || e == STYR_ENTITY_LEDGER;
}

/* A key seen in this import: where it was first read. */
struct key_seen {
	uint64_t hash;
	char *key; /* NULL: a free slot */
	size_t file;
	int line;
};

/* A CSV ledger's kostnadsställe rows (issue 15 item 4): each is ledger
 * detail of its unit's row; the unit's row is the exact sum of its
 * kostnadsställen (written after the files) unless the files give it too
 * (then as given: an SIE file's total holds amounts on no kostnadsställe),
 * and each kostnadsställe's subtotals (SUMMA INTÄKTER … RESULTAT) the sums
 * of its rows unless the files give them. */
struct dim_sum {
	char unit[STYR_CODE_MAX];
	int year, month;
	char row[STYR_CODE_MAX];
	char kind[STYR_LEDGER_KIND_MAX];
	char object[STYR_CODE_MAX]; /* "": the unit's ledger row */
	int64_t ore;
	bool given;
};

struct dim_sums {
	struct dim_sum *v;
	size_t n, cap;
	int *slot; /* open addressing over v; -1 free */
	size_t nslot;
	struct styr_ledger_row *plan;
	size_t nplan, capplan;
	bool plan_loaded;
};

static void dim_sums_release(struct dim_sums *d)
{
	free(d->v);
	free(d->slot);
	free(d->plan);
	memset(d, 0, sizeof(*d));
}

static uint64_t dim_hash(const struct dim_sum *k)
{
	uint64_t h = 1469598103934665603ULL;
	const char *parts[4] = {k->unit, k->row, k->kind, k->object};
	const char *p;
	int i;

	h = (h ^ (uint64_t)(k->year * 13 + k->month)) * 1099511628211ULL;
	for (i = 0; i < 4; i++) {
		for (p = parts[i]; *p; p++)
			h = (h ^ (unsigned char)*p) * 1099511628211ULL;
		h = (h ^ '|') * 1099511628211ULL;
	}
	return h ^ (h >> 29);
}

static bool dim_same(const struct dim_sum *a, const struct dim_sum *b)
{
	return a->year == b->year && a->month == b->month && !strcmp(a->unit, b->unit) &&
	       !strcmp(a->row, b->row) && !strcmp(a->kind, b->kind) &&
	       !strcmp(a->object, b->object);
}

static struct dim_sum *dim_find(struct dim_sums *d, const struct dim_sum *k, struct styr_err *err)
{
	size_t h, i;

	if (!d->nslot || (d->n + 1) * 2 > d->nslot) {
		size_t cap = d->nslot ? d->nslot * 2 : 1024;
		int *slot = malloc(cap * sizeof(*slot));

		if (!slot) {
			styr_error(err, STYR_ENOMEM, "out of memory");
			return NULL;
		}
		for (i = 0; i < cap; i++)
			slot[i] = -1;
		for (i = 0; i < d->n; i++) {
			for (h = dim_hash(&d->v[i]) & (cap - 1); slot[h] >= 0;
			     h = (h + 1) & (cap - 1))
				;
			slot[h] = (int)i;
		}
		free(d->slot);
		d->slot = slot;
		d->nslot = cap;
	}
	for (h = dim_hash(k) & (d->nslot - 1); d->slot[h] >= 0; h = (h + 1) & (d->nslot - 1))
		if (dim_same(&d->v[d->slot[h]], k))
			return &d->v[d->slot[h]];
	if (styr_array_grow((void **)&d->v, &d->cap, d->n, sizeof(*d->v), err))
		return NULL;
	d->v[d->n] = *k;
	d->v[d->n].ore = 0;
	d->v[d->n].given = false;
	d->slot[h] = (int)d->n;
	return &d->v[d->n++];
}

static int dim_plan_row(void *ctx, const struct styr_ledger_row *r)
{
	struct dim_sums *d = ctx;

	if (styr_array_grow((void **)&d->plan, &d->capplan, d->nplan, sizeof(*d->plan), NULL))
		return STYR_ENOMEM;
	d->plan[d->nplan++] = *r;
	return 0;
}

static const struct styr_ledger_row *dim_plan_find(const struct dim_sums *d, const char *code)
{
	size_t i;

	for (i = 0; i < d->nplan; i++)
		if (!strcmp(d->plan[i].code, code))
			return &d->plan[i];
	return NULL;
}

static bool dim_plan_leaf(const struct dim_sums *d, const char *code)
{
	size_t i;

	for (i = 0; i < d->nplan; i++)
		if (!strcmp(d->plan[i].parent, code))
			return false;
	return true;
}

/* Note a kostnadsställe row e of object (stored already as detail). */
static int dim_note(struct styr_db *db, struct dim_sums *d, const struct styr_ledger_entry *e,
                    const char *object, struct styr_err *err)
{
	struct dim_sum k, *s;
	const struct styr_ledger_row *row;
	int rc, depth;

	if (!d->plan_loaded) {
		if ((rc = styr_ledger_row_each(db, dim_plan_row, d, err)))
			return rc == STYR_ENOMEM ? styr_error(err, rc, "out of memory") : rc;
		d->plan_loaded = true;
	}
	memset(&k, 0, sizeof(k));
	snprintf(k.unit, sizeof(k.unit), "%s", e->unit);
	k.year = e->year;
	k.month = e->month;
	snprintf(k.row, sizeof(k.row), "%s", e->row);
	snprintf(k.kind, sizeof(k.kind), "%s", e->kind);
	snprintf(k.object, sizeof(k.object), "%s", object);
	if (!dim_plan_leaf(d, e->row)) {
		/* a subtotal the file gives: kept as given */
		if (!(s = dim_find(d, &k, err)))
			return STYR_ENOMEM;
		s->given = true;
		return STYR_OK;
	}
	k.object[0] = '\0';
	if (!(s = dim_find(d, &k, err)))
		return STYR_ENOMEM;
	s->ore += e->amount_ore;
	snprintf(k.object, sizeof(k.object), "%s", object);
	for (row = dim_plan_find(d, e->row), depth = 0; row && row->parent[0] && depth < 16;
	     row = dim_plan_find(d, row->parent), depth++) {
		snprintf(k.row, sizeof(k.row), "%s", row->parent);
		if (!(s = dim_find(d, &k, err)))
			return STYR_ENOMEM;
		s->ore += e->amount_ore;
	}
	return STYR_OK;
}

/* After the files: the units' rows and the kostnadsställen's subtotals. */
static int dim_write(struct styr_db *db, struct dim_sums *d, struct ledger_sums *sums,
                     struct styr_err *err)
{
	size_t i;
	int rc = STYR_OK;

	for (i = 0; i < d->n && !rc; i++) {
		const struct dim_sum *s = &d->v[i];
		struct styr_ledger_entry e;

		if (s->given)
			continue;
		memset(&e, 0, sizeof(e));
		snprintf(e.unit, sizeof(e.unit), "%s", s->unit);
		e.year = s->year;
		e.month = s->month;
		snprintf(e.row, sizeof(e.row), "%s", s->row);
		snprintf(e.kind, sizeof(e.kind), "%s", s->kind);
		e.amount_ore = s->ore;
		if (!s->object[0]) {
			snprintf(e.source, sizeof(e.source), "Σ av kostnadsställena (styr)");
			rc = styr_ledger_put(db, &e, err);
			if (!rc)
				rc = ledger_sums_note(db, sums, &e, err);
		} else {
			struct styr_ledger_detail t;

			snprintf(e.source, sizeof(e.source), "Σ av raderna (styr)");
			styr_ledger_detail_of(&t, &e, 1, s->object);
			rc = styr_ledger_detail_put(db, &t, err);
		}
	}
	return rc;
}

/* What one import shares across its files. */
struct import_ctx {
	struct csv_file *files;
	const struct styr_import_hook *hook;
	size_t rows, max_rows; /* data rows so far, and the limit (styr_import_hook) */
	struct key_seen *keys; /* open addressing, cap a power of two */
	size_t nkeys, cap;
	/* the stored ledger amounts of the last unit, table and year asked
	 * for, sorted by month, row and kind (ledger files come in that
	 * order, so a million amounts take one walk per unit and year) */
	struct styr_ledger_entry *ledger;
	size_t nledger, ledger_cap;
	char ledger_unit[STYR_CODE_MAX], ledger_tab[STYR_CODE_MAX];
	int ledger_year;
	bool ledger_loaded;
	/* the ledger groups written, for their subtotals (ledger_sums.h) */
	struct ledger_sums sums;
	/* the kostnadsställe rows' sums (ledger_dim_sums) */
	struct dim_sums dims;
	/* the plan's rows this import wrote, checked as a whole after its
	 * files (plan_finish): parents that come later, cycles */
	struct plan_seen *plan_rows;
	size_t nplan_rows, plan_cap;
};

/* A row of a row plan file: its parent as written, and where. */
struct plan_seen {
	char code[STYR_CODE_MAX];
	char parent[STYR_NAME_MAX];
	size_t file;
	int line;
	bool pending; /* the parent was not in the plan yet when read */
};

static void import_ctx_release(struct import_ctx *c)
{
	size_t i;

	for (i = 0; i < c->cap; i++)
		free(c->keys[i].key);
	free(c->keys);
	free(c->ledger);
	free(c->plan_rows);
	ledger_sums_release(&c->sums);
	dim_sums_release(&c->dims);
}

/* One file being imported. */
struct csv_file {
	const char *path;
	const char *text; /* NUL-terminated at len */
	size_t len;
	const struct interchange_origin *origin; /* NULL: a CSV file */
	const struct interchange_spec *spec;
	/* map[i]: which field of a record holds spec column i */
	int map[INTERCHANGE_MAX_COLUMNS];
	int nheader;
	size_t index; /* in import_ctx.files */
};

/* The parser's state while one file runs through libcsv. */
struct csv_run {
	struct styr_db *db;
	struct import_ctx *ctx;
	enum { ROW_STORED, ROW_ADDED, ROW_CHANGED, ROW_UNCHANGED } outcome;
	struct csv_file *file;
	struct styr_import_stats *stats;
	struct styr_err *err;
	struct styr_buf fields[INTERCHANGE_MAX_COLUMNS + 1];
	int nfields;
	int overflow;  /* fields beyond what we keep */
	int line;      /* line the current record started on */
	int next_line; /* line the next record starts on */
	bool header_done;
	int rc;
	/* the column a row's message is about, when the check knows it:
	 * the required column check_required found empty, or the cell
	 * take found too long */
	const char *column_at;
};

void interchange_column_name(int col, char *out)
{
	char rev[8];
	int n = 0;

	while (col > 0 && n < 7) {
		rev[n++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	while (n > 0)
		*out++ = rev[--n];
	*out = '\0';
}

/* Put where a message points in front of it, in the words of the input:
 * "FILE:LINE: " (with "column \"NAME\": " when the column is known) for a
 * CSV file; for a sheet "FILE: blad \"S\", cell D7 (column \"NAME\"): ",
 * or "rad 7" when the cell is not known.  field is the CSV field the
 * column is in, or -1.  Each form is a format of its own, so that the
 * message catalogue (err.h) words it in the err's language. */
static void where(struct styr_err *err, const struct csv_file *f, int line, int field,
                  const char *column)
{
	const struct interchange_origin *o = f->origin;
	char cell[8] = "";
	int row = 0, c = 0;

	if (!o) {
		if (column)
			styr_err_prefix(err, "%s:%d: column \"%s\": ", f->path, line, column);
		else
			styr_err_prefix(err, "%s:%d: ", f->path, line);
		return;
	}
	if (line > 0 && (size_t)line < o->nlines) {
		row = o->row[line];
		if (field >= 0 && field < INTERCHANGE_MAX_COLUMNS)
			c = (o->override & COLUMN_BIT(field)) && o->col_at ? o->col_at[line]
			                                                   : o->field_col[field];
	}
	interchange_column_name(c, cell);
	/* a budget sheet's amount is in the month's column: name that */
	if (c && column && c < o->ncol_names && o->col_names[c])
		column = o->col_names[c];
	if (c && column)
		styr_err_prefix(err, "%s: blad \"%s\", cell %s%d (column \"%s\"): ", f->path,
		                o->sheet, cell, row, column);
	else if (c)
		styr_err_prefix(err, "%s: blad \"%s\", cell %s%d: ", f->path, o->sheet, cell, row);
	else if (column)
		styr_err_prefix(err, "%s: blad \"%s\", rad %d, column \"%s\": ", f->path, o->sheet,
		                row, column);
	else
		styr_err_prefix(err, "%s: blad \"%s\", rad %d: ", f->path, o->sheet, row);
}

/* A row's source when its file gives none: where it was read. */
static void row_source(const struct csv_run *r, char *dst, size_t n)
{
	const struct interchange_origin *o = r->file->origin;

	if (o && r->line > 0 && (size_t)r->line < o->nlines)
		snprintf(dst, n, "%s:%s:%d", r->file->path, o->sheet, o->row[r->line]);
	else
		snprintf(dst, n, "%s:%d", r->file->path, r->line);
}

/* Field i of the spec in the current record ("" when empty). */
static const char *col(const struct csv_run *r, int i)
{
	int f = r->file->map[i];

	if (f < 0 || f >= r->nfields)
		return "";
	return r->fields[f].data ? r->fields[f].data : "";
}

static int col_index(const struct interchange_spec *spec, const char *name)
{
	size_t i;

	for (i = 0; i < spec->ncolumns; i++)
		if (!strcmp(spec->columns[i], name))
			return (int)i;
	return -1;
}

/* Fill dst from column i, refusing text longer than the field. */
static int take(struct csv_run *r, int i, char *dst, size_t n)
{
	int rc = styr_field_copy(dst, n, col(r, i), "the text", r->err);

	if (rc)
		r->column_at = r->file->spec->columns[i];
	return rc;
}

/* Split a "a|b|c" list cell, calling fn for each non-empty item. */
static int each_item(struct csv_run *r, const char *list,
                     int (*fn)(struct csv_run *r, const char *item, void *ctx), void *ctx)
{
	char item[STYR_NAME_MAX];

	while (*list) {
		const char *bar = strchr(list, '|');
		size_t n = bar ? (size_t)(bar - list) : strlen(list);
		size_t a = 0;
		int rc;

		while (a < n && list[a] == ' ')
			a++;
		while (n > a && list[n - 1] == ' ')
			n--;
		if (n - a >= sizeof(item))
			return styr_error(r->err, STYR_EINPUT, "list item too long");
		memcpy(item, list + a, n - a);
		item[n - a] = '\0';
		if (item[0]) {
			rc = fn(r, item, ctx);
			if (rc)
				return rc;
		}
		list = bar ? bar + 1 : list + strlen(list);
	}
	return STYR_OK;
}

static int parse_year(struct csv_run *r, const char *text, int *out)
{
	char *end;
	long y;

	if (!*text) {
		*out = 0;
		return STYR_OK;
	}
	y = strtol(text, &end, 10);
	if (*end || y < 1900 || y > 2999)
		return styr_error(r->err, STYR_EINPUT, "year \"%s\": expected a year such as 2024",
		                  text);
	*out = (int)y;
	return STYR_OK;
}

static int parse_date(struct csv_run *r, const char *text, char *out)
{
	int y, m, d;
	char tail;

	if (!*text) {
		out[0] = '\0';
		return STYR_OK;
	}
	if (strlen(text) != 10 || sscanf(text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 ||
	    m > 12 || d < 1 || d > 31)
		return styr_error(r->err, STYR_EINPUT,
		                  "date \"%s\": expected a date such as 2024-01-01", text);
	memcpy(out, text, 11);
	return STYR_OK;
}

/* The current record's key as people read it: its key columns' cells,
 * the empty ones left out ("ID0069 LKR 2024"). */
static void key_display(const struct csv_run *r, char *buf, size_t n)
{
	unsigned bits = key_columns[r->file->spec->kind];
	size_t len = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < INTERCHANGE_MAX_COLUMNS && len < n; i++)
		if ((bits & COLUMN_BIT(i)) && *col(r, i))
			len +=
			    (size_t)snprintf(buf + len, n - len, "%s%s", len ? " " : "", col(r, i));
}

/* The location of a record, as where() words it without a column and
 * without the trailing ": " (the same in every language). */
static void where_plain(const struct csv_file *f, int line, char *buf, size_t n)
{
	const struct interchange_origin *o = f->origin;

	if (!o)
		snprintf(buf, n, "%s:%d", f->path, line);
	else
		snprintf(buf, n, "%s: blad \"%s\", rad %d", f->path, o->sheet,
		         line > 0 && (size_t)line < o->nlines ? o->row[line] : 0);
}

static int grow_keys(struct import_ctx *c, struct styr_err *err)
{
	size_t cap = c->cap ? c->cap * 2 : 1024, i, j;
	struct key_seen *keys = calloc(cap, sizeof(*keys));

	if (!keys)
		return styr_error(err, STYR_ENOMEM, "out of memory");
	for (i = 0; i < c->cap; i++) {
		if (!c->keys[i].key)
			continue;
		for (j = c->keys[i].hash & (cap - 1); keys[j].key; j = (j + 1) & (cap - 1))
			;
		keys[j] = c->keys[i];
	}
	free(c->keys);
	c->keys = keys;
	c->cap = cap;
	return STYR_OK;
}

/* Refuse a key read before in this import (in any of its files), naming
 * both rows; remember it otherwise.  The message is complete: the caller
 * adds no prefix. */
static int check_key(struct csv_run *r)
{
	struct import_ctx *c = r->ctx;
	unsigned bits = key_columns[r->file->spec->kind];
	struct styr_buf key;
	uint64_t h = 1469598103934665603u;
	size_t i, slot;
	char kind = (char)('A' + r->file->spec->kind);
	int rc = STYR_OK;

	if (!bits)
		return STYR_OK;
	if (c->nkeys * 2 >= c->cap && (rc = grow_keys(c, r->err)))
		return rc;
	styr_buf_init(&key, (size_t)INTERCHANGE_MAX_COLUMNS * (CSV_FIELD_MAX + 1) + 2);
	rc = styr_buf_add(&key, &kind, 1, r->err);
	for (i = 0; i < INTERCHANGE_MAX_COLUMNS && !rc; i++)
		if (bits & COLUMN_BIT(i)) {
			rc = styr_buf_add(&key, col(r, (int)i), strlen(col(r, (int)i)), r->err);
			if (!rc)
				rc = styr_buf_add(&key, "\x1f", 1, r->err);
		}
	if (rc) {
		styr_buf_release(&key);
		return rc;
	}
	for (i = 0; i < key.len; i++)
		h = (h ^ (unsigned char)key.data[i]) * 1099511628211u;
	for (slot = h & (c->cap - 1); c->keys[slot].key; slot = (slot + 1) & (c->cap - 1)) {
		char here[STYR_ERR_MAX / 4], first[STYR_ERR_MAX / 4], shown[STYR_ERR_MAX / 4];

		if (c->keys[slot].hash != h || strcmp(c->keys[slot].key, key.data))
			continue;
		where_plain(r->file, r->line, here, sizeof(here));
		where_plain(&c->files[c->keys[slot].file], c->keys[slot].line, first,
		            sizeof(first));
		key_display(r, shown, sizeof(shown));
		styr_buf_release(&key);
		return styr_error(r->err, STYR_EINPUT, "%s: duplicate key %s: the same as %s", here,
		                  shown, first);
	}
	c->keys[slot].hash = h;
	c->keys[slot].key = strdup(key.data);
	c->keys[slot].file = r->file->index;
	c->keys[slot].line = r->line;
	styr_buf_release(&key);
	if (!c->keys[slot].key)
		return styr_error(r->err, STYR_ENOMEM, "out of memory");
	c->nkeys++;
	return STYR_OK;
}

/* Tell the hook that a stored field changes from old_text to new_text. */
static void report_change(struct csv_run *r, const char *field, const char *old_text,
                          const char *new_text, const char *unit, const struct styr_period *p)
{
	const struct styr_import_hook *h = r->ctx->hook;
	char at[STYR_ERR_MAX / 4], key[STYR_ERR_MAX / 4];
	struct styr_import_change c;

	if (!h || !h->on_change)
		return;
	where_plain(r->file, r->line, at, sizeof(at));
	key_display(r, key, sizeof(key));
	c.kind = r->file->spec->kind;
	c.where = at;
	c.key = key;
	c.field = field;
	c.old_text = old_text;
	c.new_text = new_text;
	c.unit = unit ? unit : "";
	c.period = p;
	h->on_change(h->ctx, &c);
}

/* Compare one text field of a stored row; 1 when it differs. */
static int diff_text(struct csv_run *r, const char *field, const char *old_text,
                     const char *new_text, const char *unit)
{
	if (!strcmp(old_text, new_text))
		return 0;
	report_change(r, field, old_text, new_text, unit, NULL);
	return 1;
}

static void set_outcome(struct csv_run *r, int differences)
{
	r->outcome = differences ? ROW_CHANGED : ROW_UNCHANGED;
}

/* The unit's code for a code or alias; the text itself when unknown (the
 * store's put then names it). */
static void unit_code(struct csv_run *r, const char *unit, char *out, size_t n)
{
	struct styr_org_unit u;
	struct styr_err quiet;

	styr_err_init(&quiet);
	if (*unit && !styr_org_find(r->db, unit, &u, &quiet))
		snprintf(out, n, "%s", u.code);
	else
		snprintf(out, n, "%s", unit);
}

static int compare_org(struct csv_run *r, const struct styr_org_unit *u)
{
	struct styr_org_unit old;
	struct styr_err quiet;
	char parent[STYR_CODE_MAX];
	int d = 0;

	styr_err_init(&quiet);
	if (styr_org_find(r->db, u->code, &old, &quiet) || strcmp(old.code, u->code)) {
		r->outcome = ROW_ADDED;
		return 0;
	}
	unit_code(r, u->parent, parent, sizeof(parent));
	d += diff_text(r, "name", old.name, u->name, u->code);
	d += diff_text(r, "kind", styr_org_kind_name(old.kind), styr_org_kind_name(u->kind),
	               u->code);
	d += diff_text(r, "parent", old.parent, parent, u->code);
	d += diff_text(r, "valid_from", old.valid_from, u->valid_from, u->code);
	d += diff_text(r, "valid_to", old.valid_to, u->valid_to, u->code);
	set_outcome(r, d);
	return d;
}

static void num_text(const struct styr_num *n, char *buf, size_t size)
{
	styr_num_format_num(buf, size, n);
}

static void count_text(bool has, double v, char *buf, size_t size)
{
	if (has)
		styr_num_format(buf, size, v, v == (double)(long long)v ? 0 : 2);
	else
		buf[0] = '\0';
}

static void compare_indicator(struct csv_run *r, const struct styr_indicator *ind)
{
	struct styr_indicator *old = calloc(1, sizeof(*old));
	struct styr_err quiet;
	char a[64], b[64];
	int d = 0;

	styr_err_init(&quiet);
	if (!old || styr_indicator_find(r->db, ind->code, old, &quiet)) {
		free(old);
		r->outcome = ROW_ADDED;
		return;
	}
	d += diff_text(r, "name", old->name, ind->name, "");
	d += diff_text(r, "definition", old->definition, ind->definition, "");
	d += diff_text(r, "unit", old->unit, ind->unit, "");
	d +=
	    diff_text(r, "direction", old->has_direction ? styr_direction_name(old->direction) : "",
	              ind->has_direction ? styr_direction_name(ind->direction) : "", "");
	d += diff_text(r, "frequency", old->frequency, ind->frequency, "");
	d += diff_text(r, "source", old->source, ind->source, "");
	count_text(old->tolerance >= 0, old->tolerance, a, sizeof(a));
	count_text(ind->tolerance >= 0, ind->tolerance, b, sizeof(b));
	d += diff_text(r, "tolerance", a, b, "");
	d += diff_text(r, "category", styr_indicator_category_name(old->category),
	               styr_indicator_category_name(ind->category), "");
	set_outcome(r, d);
	free(old);
}

static void compare_target(struct csv_run *r, const struct styr_indicator_target *t)
{
	struct styr_indicator_target old;
	struct styr_err quiet;
	char unit[STYR_CODE_MAX];

	styr_err_init(&quiet);
	unit_code(r, t->unit, unit, sizeof(unit));
	if (styr_target_find(r->db, t->indicator, unit, t->year, &old, &quiet) ||
	    old.year != t->year || strcmp(old.unit, unit)) {
		r->outcome = ROW_ADDED;
		return;
	}
	set_outcome(r, diff_text(r, "target", old.text, t->text, unit));
}

static void compare_value(struct csv_run *r, const struct styr_value *v)
{
	struct styr_value old;
	struct styr_err quiet;
	char unit[STYR_CODE_MAX], a[64], b[64];
	int d = 0;

	styr_err_init(&quiet);
	unit_code(r, v->unit, unit, sizeof(unit));
	if (styr_value_find(r->db, v->indicator, unit, &v->period, &old, &quiet)) {
		r->outcome = ROW_ADDED;
		return;
	}
	num_text(&old.num, a, sizeof(a));
	num_text(&v->num, b, sizeof(b));
	if (strcmp(a, b) || old.num.kind != v->num.kind) {
		report_change(r, "value", a, b, unit, &v->period);
		d++;
	}
	count_text(old.has_numerator, old.numerator, a, sizeof(a));
	count_text(v->has_numerator, v->numerator, b, sizeof(b));
	if (strcmp(a, b) || old.numerator != v->numerator) {
		report_change(r, "numerator", a, b, unit, &v->period);
		d++;
	}
	count_text(old.has_denominator, old.denominator, a, sizeof(a));
	count_text(v->has_denominator, v->denominator, b, sizeof(b));
	if (strcmp(a, b) || old.denominator != v->denominator) {
		report_change(r, "denominator", a, b, unit, &v->period);
		d++;
	}
	if (strcmp(old.missing_reason, v->missing_reason)) {
		report_change(r, "missing_reason", old.missing_reason, v->missing_reason, unit,
		              &v->period);
		d++;
	}
	if (strcmp(old.source, v->source)) {
		report_change(r, "source", old.source, v->source, unit, &v->period);
		d++;
	}
	if (v->has_comment && strcmp(old.comment, v->comment)) {
		report_change(r, "comment", old.comment, v->comment, unit, &v->period);
		d++;
	}
	set_outcome(r, d);
}

static int ledger_cmp(const void *pa, const void *pb)
{
	const struct styr_ledger_entry *a = pa, *b = pb;
	int c;

	if (a->month != b->month)
		return a->month < b->month ? -1 : 1;
	if ((c = strcmp(a->row, b->row)))
		return c;
	return strcmp(a->kind, b->kind);
}

static int ledger_keep(void *ctx, const struct styr_ledger_entry *e)
{
	struct import_ctx *c = ctx;

	if (c->nledger == c->ledger_cap) {
		size_t cap = c->ledger_cap ? c->ledger_cap * 2 : 256;
		struct styr_ledger_entry *v = realloc(c->ledger, cap * sizeof(*v));

		if (!v)
			return STYR_ENOMEM;
		c->ledger = v;
		c->ledger_cap = cap;
	}
	c->ledger[c->nledger++] = *e;
	return 0;
}

static int compare_ledger(struct csv_run *r, const struct styr_ledger_entry *e)
{
	struct import_ctx *c = r->ctx;
	struct styr_ledger_entry *old;
	char unit[STYR_CODE_MAX], a[32], b[32];
	int rc, d = 0;

	unit_code(r, e->unit, unit, sizeof(unit));
	if (!c->ledger_loaded || strcmp(c->ledger_unit, unit) || strcmp(c->ledger_tab, e->tab) ||
	    c->ledger_year != e->year) {
		struct styr_ledger_filter f = {unit, e->tab, e->year, 0};

		c->nledger = 0;
		c->ledger_loaded = false;
		if ((rc = styr_ledger_each(r->db, &f, ledger_keep, c, r->err)))
			return rc;
		if (c->nledger)
			qsort(c->ledger, c->nledger, sizeof(*c->ledger), ledger_cmp);
		snprintf(c->ledger_unit, sizeof(c->ledger_unit), "%s", unit);
		snprintf(c->ledger_tab, sizeof(c->ledger_tab), "%s", e->tab);
		c->ledger_year = e->year;
		c->ledger_loaded = true;
	}
	old = c->nledger ? bsearch(e, c->ledger, c->nledger, sizeof(*e), ledger_cmp) : NULL;
	if (!old) {
		r->outcome = ROW_ADDED;
		return STYR_OK;
	}
	styr_ore_tkr_text(a, sizeof(a), old->amount_ore);
	styr_ore_tkr_text(b, sizeof(b), e->amount_ore);
	d += diff_text(r, "amount", a, b, unit);
	d += diff_text(r, "source", old->source, e->source, unit);
	set_outcome(r, d);
	return STYR_OK;
}

static int put_alias(struct csv_run *r, const char *alias, void *unit)
{
	return styr_org_alias_put(r->db, alias, unit, r->err);
}

static int row_org(struct csv_run *r)
{
	struct styr_org_unit u;
	int rc;

	memset(&u, 0, sizeof(u));
	if ((rc = take(r, ORG_CODE, u.code, sizeof(u.code))) ||
	    (rc = take(r, ORG_NAME, u.name, sizeof(u.name))) ||
	    (rc = styr_org_kind_parse(col(r, ORG_KIND), &u.kind, r->err)) ||
	    (rc = take(r, ORG_PARENT, u.parent, sizeof(u.parent))) ||
	    (rc = parse_date(r, col(r, ORG_VALID_FROM), u.valid_from)) ||
	    (rc = parse_date(r, col(r, ORG_VALID_TO), u.valid_to)))
		return rc;
	compare_org(r, &u);
	if (r->outcome != ROW_UNCHANGED && (rc = styr_org_put(r->db, &u, r->err)))
		return rc;
	return each_item(r, col(r, ORG_ALIASES), put_alias, u.code);
}

static int put_owner(struct csv_run *r, const char *item, void *goal)
{
	struct styr_goal_owner o;
	const char *colon = strchr(item, ':');
	int rc;

	memset(&o, 0, sizeof(o));
	snprintf(o.goal, sizeof(o.goal), "%s", (const char *)goal);
	if (!colon || colon == item || (size_t)(colon - item) >= sizeof(o.unit))
		return styr_error(r->err, STYR_EINPUT,
		                  "owner \"%s\": expected UNIT:role such as LKR:huvudansvar", item);
	memcpy(o.unit, item, (size_t)(colon - item));
	rc = styr_owner_role_parse(colon + 1, &o.role, r->err);
	if (!rc)
		rc = styr_goal_owner_put(r->db, &o, r->err);
	return rc;
}

static int row_goal(struct csv_run *r)
{
	struct styr_goal *g = calloc(1, sizeof(*g));
	int rc;

	if (!g)
		return styr_error(r->err, STYR_ENOMEM, "out of memory");
	if (!(rc = take(r, GOAL_CODE, g->code, sizeof(g->code))) &&
	    !(rc = take(r, GOAL_PARENT, g->parent, sizeof(g->parent))) &&
	    !(rc = styr_goal_level_parse(col(r, GOAL_LEVEL), &g->level, r->err)) &&
	    !(rc = take(r, GOAL_TITLE, g->title, sizeof(g->title))) &&
	    !(rc = take(r, GOAL_TEXT, g->text, sizeof(g->text))) &&
	    !(rc = parse_year(r, col(r, GOAL_VALID_FROM), &g->valid_from)) &&
	    !(rc = parse_year(r, col(r, GOAL_VALID_TO), &g->valid_to)) &&
	    !(rc = styr_goal_put(r->db, g, r->err)))
		rc = each_item(r, col(r, GOAL_OWNERS), put_owner, g->code);
	free(g);
	return rc;
}

static int put_goal_link(struct csv_run *r, const char *goal, void *indicator)
{
	return styr_goal_indicator_put(r->db, goal, indicator, r->err);
}

static int row_indicator(struct csv_run *r)
{
	struct styr_indicator *ind = calloc(1, sizeof(*ind));
	const char *dir, *tol, *cat;
	int rc;

	if (!ind)
		return styr_error(r->err, STYR_ENOMEM, "out of memory");
	ind->tolerance = -1;
	dir = col(r, IND_DIRECTION);
	tol = col(r, IND_TOLERANCE);
	cat = col(r, IND_CATEGORY);
	if (!(rc = take(r, IND_CODE, ind->code, sizeof(ind->code))) &&
	    !(rc = take(r, IND_NAME, ind->name, sizeof(ind->name))) &&
	    !(rc = take(r, IND_DEFINITION, ind->definition, sizeof(ind->definition))) &&
	    !(rc = take(r, IND_UNIT, ind->unit, sizeof(ind->unit))) &&
	    !(rc = take(r, IND_FREQUENCY, ind->frequency, sizeof(ind->frequency))) &&
	    !(rc = take(r, IND_SOURCE, ind->source, sizeof(ind->source)))) {
		if (*dir) {
			ind->has_direction = true;
			rc = styr_direction_parse(dir, &ind->direction, r->err);
		}
		if (!rc && *tol) {
			struct styr_num n;

			rc = styr_num_parse(tol, &n, r->err);
			if (!rc && (n.kind != STYR_NUM_VALUE || n.value < 0))
				rc = styr_error(r->err, STYR_EINPUT,
				                "tolerance \"%s\": expected a number of 0 or more",
				                tol);
			ind->tolerance = n.value;
		}
		/* Empty (or no column, as in files from before it): kvalitet. */
		if (!rc && *cat)
			rc = styr_indicator_category_parse(cat, &ind->category, r->err);
	}
	if (!rc)
		compare_indicator(r, ind);
	if (!rc && r->outcome != ROW_UNCHANGED)
		rc = styr_indicator_put(r->db, ind, r->err);
	if (!rc)
		rc = each_item(r, col(r, IND_GOALS), put_goal_link, ind->code);
	free(ind);
	return rc;
}

static int row_target(struct csv_run *r)
{
	struct styr_indicator_target t;
	struct styr_target parsed;
	int rc;

	memset(&t, 0, sizeof(t));
	if ((rc = take(r, TGT_INDICATOR, t.indicator, sizeof(t.indicator))) ||
	    (rc = take(r, TGT_UNIT, t.unit, sizeof(t.unit))) ||
	    (rc = parse_year(r, col(r, TGT_YEAR), &t.year)) ||
	    (rc = take(r, TGT_TARGET, t.text, sizeof(t.text))) ||
	    (rc = styr_target_parse(t.text, &parsed, r->err)))
		return rc;
	compare_target(r, &t);
	return r->outcome == ROW_UNCHANGED ? STYR_OK : styr_target_put(r->db, &t, r->err);
}

static int parse_count(struct csv_run *r, const char *text, bool *has, double *out)
{
	struct styr_num n;
	int rc;

	*has = false;
	if (!*text)
		return STYR_OK;
	rc = styr_num_parse(text, &n, r->err);
	if (rc)
		return rc;
	if (n.kind != STYR_NUM_VALUE)
		return styr_error(r->err, STYR_EINPUT, "\"%s\": expected a number or nothing",
		                  text);
	*has = true;
	*out = n.value;
	return STYR_OK;
}

static int row_value(struct csv_run *r)
{
	struct styr_value v;
	const char *val;
	int rc;

	memset(&v, 0, sizeof(v));
	val = col(r, VAL_VALUE);
	if ((rc = take(r, VAL_INDICATOR, v.indicator, sizeof(v.indicator))) ||
	    (rc = take(r, VAL_UNIT, v.unit, sizeof(v.unit))) ||
	    (rc = styr_period_parse(col(r, VAL_PERIOD), &v.period, r->err)) ||
	    (rc = styr_num_parse(val, &v.num, r->err)) ||
	    (rc = parse_count(r, col(r, VAL_NUMERATOR), &v.has_numerator, &v.numerator)) ||
	    (rc = parse_count(r, col(r, VAL_DENOMINATOR), &v.has_denominator, &v.denominator)) ||
	    (rc = take(r, VAL_MISSING_REASON, v.missing_reason, sizeof(v.missing_reason))) ||
	    (rc = take(r, VAL_SOURCE, v.source, sizeof(v.source))) ||
	    (rc = take(r, VAL_COMMENT, v.comment, sizeof(v.comment))))
		return rc;
	/* A file without the column says nothing of comments: keep them. */
	v.has_comment = r->file->map[VAL_COMMENT] >= 0;
	/* An empty cell is a value nobody gave: only accept it with a reason,
	 * so that a forgotten cell is never taken for a deliberate gap. */
	if (!*val && !v.missing_reason[0])
		return styr_error(r->err, STYR_EINPUT,
		                  "value is empty: expected a number, \"-\", \"x\" or a "
		                  "missing_reason");
	if (!v.source[0])
		row_source(r, v.source, sizeof(v.source));
	compare_value(r, &v);
	return r->outcome == ROW_UNCHANGED ? STYR_OK : styr_value_put(r->db, &v, r->err);
}

/* An analysis: the three texts may be filled in over time, but a row with
 * none of them says nothing and is refused. */
static int row_analysis(struct csv_run *r)
{
	struct styr_analysis *a = malloc(sizeof(*a));
	int rc;

	if (!a)
		return styr_error(r->err, STYR_ENOMEM, "out of memory");
	memset(a, 0, sizeof(*a));
	if (!(rc = take(r, ANA_UNIT, a->unit, sizeof(a->unit))) &&
	    !(rc = styr_period_parse(col(r, ANA_PERIOD), &a->period, r->err)) &&
	    !(rc = take(r, ANA_SUBJECT, a->subject, sizeof(a->subject))) &&
	    !(rc = take(r, ANA_TITLE, a->title, sizeof(a->title))) &&
	    !(rc = take(r, ANA_WHAT, a->what, sizeof(a->what))) &&
	    !(rc = take(r, ANA_WHY, a->why, sizeof(a->why))) &&
	    !(rc = take(r, ANA_NEXT, a->next, sizeof(a->next))) &&
	    !(rc = styr_analysis_state_parse(col(r, ANA_STATE), &a->state, r->err)) &&
	    !(rc = take(r, ANA_AUTHOR, a->author, sizeof(a->author))) &&
	    !(rc = take(r, ANA_SOURCE, a->source, sizeof(a->source)))) {
		if (!a->what[0] && !a->why[0] && !a->next[0])
			rc = styr_error(r->err, STYR_EINPUT,
			                "vad_har_hant, varfor and vad_kommer_att_handa are all "
			                "empty: expected the text of at least one");
		if (!rc && !a->source[0])
			row_source(r, a->source, sizeof(a->source));
		if (!rc)
			rc = styr_analysis_put(r->db, a, r->err);
	}
	free(a);
	return rc;
}

/* Goals area (issue 7): uppdrag, återrapportering, escalation steps and
 * the follow-up plan; see include/styr/goals.h. */

static int check_date(struct csv_run *r, const char *text, const char *what)
{
	struct styr_err probe;

	styr_err_init(&probe);
	if (styr_date_check(text, &probe))
		return styr_error(r->err, STYR_EINPUT,
		                  "%s \"%s\": expected a date such as 2024-08-31", what, text);
	return STYR_OK;
}

static int add_report_date(struct csv_run *r, const char *item, void *ctx)
{
	struct styr_uppdrag *u = ctx;
	int rc = check_date(r, item, "report date");

	if (rc)
		return rc;
	if (u->nreport_dates == STYR_UPPDRAG_DATES_MAX)
		return styr_error(r->err, STYR_EINPUT,
		                  "report date \"%s\": at most %d dates allowed", item,
		                  STYR_UPPDRAG_DATES_MAX);
	if (u->nreport_dates && strcmp(item, u->report_dates[u->nreport_dates - 1]) <= 0)
		return styr_error(r->err, STYR_EINPUT,
		                  "report date \"%s\": expected dates in increasing order", item);
	memcpy(u->report_dates[u->nreport_dates++], item, STYR_DATE_MAX);
	return STYR_OK;
}

static int row_uppdrag(struct csv_run *r)
{
	struct styr_uppdrag u;
	const char *deadline = col(r, UPP_DEADLINE);
	int rc;

	memset(&u, 0, sizeof(u));
	if ((rc = take(r, UPP_GOAL, u.goal, sizeof(u.goal))))
		return rc;
	if (*deadline) {
		if ((rc = check_date(r, deadline, "deadline")))
			return rc;
		memcpy(u.deadline, deadline, STYR_DATE_MAX);
	}
	if ((rc = each_item(r, col(r, UPP_REPORT_DATES), add_report_date, &u)))
		return rc;
	return styr_uppdrag_put(r->db, &u, r->err);
}

static int row_uppdrag_report(struct csv_run *r)
{
	struct styr_uppdrag_report *rep = calloc(1, sizeof(*rep));
	int rc;

	if (!rep)
		return styr_error(r->err, STYR_ENOMEM, "out of memory");
	if (!(rc = take(r, URP_GOAL, rep->goal, sizeof(rep->goal))) &&
	    !(rc = take(r, URP_UNIT, rep->unit, sizeof(rep->unit))) &&
	    !(rc = check_date(r, col(r, URP_DATE), "date")) &&
	    !(rc = take(r, URP_DATE, rep->date, sizeof(rep->date))) &&
	    !(rc = styr_uppdrag_status_parse(col(r, URP_STATUS), &rep->status, r->err)) &&
	    !(rc = take(r, URP_TEXT, rep->text, sizeof(rep->text))) &&
	    !(rc = take(r, URP_SOURCE, rep->source, sizeof(rep->source)))) {
		if (!rep->source[0])
			row_source(r, rep->source, sizeof(rep->source));
		rc = styr_uppdrag_report_put(r->db, rep, r->err);
	}
	free(rep);
	return rc;
}

/* A step already recorded (the same file imported again) is skipped, so
 * that importing stays idempotent; any other step must be a legal move. */
static int same_step(void *ctx, const struct styr_escalation_step *s)
{
	const struct styr_escalation_step *e = ctx;

	return !strcmp(s->date, e->date) && s->to == e->to && !strcmp(s->reason, e->reason) &&
	       !strcmp(s->decided_by, e->decided_by);
}

static int row_escalation(struct csv_run *r)
{
	struct styr_escalation_step e;
	int rc;

	memset(&e, 0, sizeof(e));
	if ((rc = take(r, ESC_GOAL, e.goal, sizeof(e.goal))) ||
	    (rc = check_date(r, col(r, ESC_DATE), "date")) ||
	    (rc = take(r, ESC_DATE, e.date, sizeof(e.date))) ||
	    (rc = styr_escalation_parse(col(r, ESC_STEP), &e.to, r->err)) ||
	    (rc = take(r, ESC_REASON, e.reason, sizeof(e.reason))) ||
	    (rc = take(r, ESC_DECIDED_BY, e.decided_by, sizeof(e.decided_by))))
		return rc;
	rc = styr_escalation_each(r->db, e.goal, same_step, &e, r->err);
	if (rc == 1)
		return STYR_OK;
	if (rc)
		return rc;
	return styr_uppdrag_escalate(r->db, &e, r->err);
}

static int add_month(struct csv_run *r, const char *item, void *ctx)
{
	unsigned *months = ctx;
	char *end;
	long m = strtol(item, &end, 10);

	if (*end || m < 1 || m > 12)
		return styr_error(r->err, STYR_EINPUT,
		                  "months \"%s\": expected month numbers 1–12 such as 3|5|8|10",
		                  item);
	*months |= 1u << (m - 1);
	return STYR_OK;
}

static int row_followup(struct csv_run *r)
{
	struct styr_followup_rule f;
	const char *handling = col(r, FUP_HANDLING);
	const char *deadline = col(r, FUP_DEADLINE);
	int rc;

	memset(&f, 0, sizeof(f));
	if ((rc = parse_year(r, col(r, FUP_YEAR), &f.year)) ||
	    (rc = styr_report_kind_parse(col(r, FUP_REPORT), &f.kind, r->err)) ||
	    (rc = each_item(r, col(r, FUP_MONTHS), add_month, &f.months)) ||
	    (rc = styr_field_copy(f.deadline, sizeof(f.deadline), deadline, "the deadline",
	                          r->err)) ||
	    (rc = take(r, FUP_SOURCE, f.source, sizeof(f.source))))
		return rc;
	if (!strcmp(handling, "beslut"))
		f.decision = true;
	else if (strcmp(handling, "information"))
		return styr_error(r->err, STYR_EINPUT,
		                  "handling \"%s\": expected \"beslut\" or \"information\"",
		                  handling);
	/* Expanding the rule checks its deadline now, not when it is shown. */
	if (*deadline && *deadline != '+' && (rc = check_date(r, deadline, "deadline")))
		return rc;
	if (*deadline == '+') {
		char *end;
		long n = strtol(deadline + 1, &end, 10);

		if (*end || end == deadline + 1 || n < 0 || n > 730)
			return styr_error(
			    r->err, STYR_EINPUT,
			    "deadline \"%s\": expected a date such as 2024-11-04 or +N "
			    "days after the period such as +15",
			    deadline);
	}
	return styr_followup_rule_put(r->db, &f, r->err);
}

static int parse_scale(struct csv_run *r, const char *text, const char *what, int *out)
{
	char *end;
	long v = strtol(text, &end, 10);

	if (*end || end == text || v < 1 || v > STYR_RISK_SCALE_MAX)
		return styr_error(r->err, STYR_EINPUT, "%s \"%s\": expected a whole number 1 to %d",
		                  what, text, STYR_RISK_SCALE_MAX);
	*out = (int)v;
	return STYR_OK;
}

static int row_internal_control(struct csv_run *r)
{
	struct styr_internal_control *c = calloc(1, sizeof(*c));
	int rc;

	if (!c)
		return styr_error(r->err, STYR_ENOMEM, "out of memory");
	if (!(rc = take(r, IKP_UNIT, c->unit, sizeof(c->unit))) &&
	    !(rc = parse_year(r, col(r, IKP_YEAR), &c->year)) &&
	    !(rc = take(r, IKP_RISK, c->risk, sizeof(c->risk))) &&
	    !(rc = parse_scale(r, col(r, IKP_PROBABILITY), "probability", &c->probability)) &&
	    !(rc = parse_scale(r, col(r, IKP_CONSEQUENCE), "consequence", &c->consequence)) &&
	    !(rc = take(r, IKP_CONTROL, c->control, sizeof(c->control))) &&
	    !(rc = take(r, IKP_RESPONSIBLE, c->responsible, sizeof(c->responsible))) &&
	    !(rc = take(r, IKP_FREQUENCY, c->frequency, sizeof(c->frequency))) &&
	    !(rc = take(r, IKP_RESULT, c->result, sizeof(c->result))) &&
	    !(rc = take(r, IKP_ACTIONS, c->actions, sizeof(c->actions))))
		rc = styr_internal_control_put(r->db, c, r->err);
	free(c);
	return rc;
}

static int row_index_weight(struct csv_run *r)
{
	struct styr_index_weight w;
	struct styr_num n;
	int rc;

	memset(&w, 0, sizeof(w));
	if ((rc = take(r, IXW_INDEX, w.index, sizeof(w.index))) ||
	    (rc = take(r, IXW_INDICATOR, w.indicator, sizeof(w.indicator))))
		return rc;
	rc = styr_num_parse(col(r, IXW_WEIGHT), &n, r->err);
	if (!rc && (n.kind != STYR_NUM_VALUE || n.value <= 0))
		rc = styr_error(r->err, STYR_EINPUT, "weight \"%s\": expected a number above 0",
		                col(r, IXW_WEIGHT));
	if (rc)
		return rc;
	w.weight = n.value;
	return styr_index_weight_put(r->db, &w, r->err);
}

/* open data: "indicator;ID0069;N79010;2025-04-01" publishes an indicator
 * (an empty date: not public) with its Kolada id, "unit;RS;1200;" gives a
 * unit its official code.  The row replaces what was stored. */
static int row_open_data(struct csv_run *r)
{
	const char *subject = col(r, OPEN_SUBJECT), *id = col(r, OPEN_ID);
	int rc;

	if (strcspn(id, ",/ ?&#%") != strlen(id))
		return styr_error(
		    r->err, STYR_EINPUT,
		    "open_id \"%s\": expected letters and digits, without , / or spaces", id);
	if (!strcmp(subject, "indicator")) {
		struct styr_open_indicator o;

		memset(&o, 0, sizeof(o));
		if ((rc = take(r, OPEN_CODE, o.indicator, sizeof(o.indicator))) ||
		    (rc = take(r, OPEN_ID, o.kolada_id, sizeof(o.kolada_id))) ||
		    (rc = parse_date(r, col(r, OPEN_PUBLISHED), o.published)))
			return rc;
		return styr_open_indicator_put(r->db, &o, r->err);
	}
	if (!strcmp(subject, "unit")) {
		struct styr_open_unit u;

		memset(&u, 0, sizeof(u));
		if (*col(r, OPEN_PUBLISHED))
			return styr_error(
			    r->err, STYR_EINPUT,
			    "published \"%s\": a unit is not published; leave it empty",
			    col(r, OPEN_PUBLISHED));
		if (!*id)
			return styr_error(r->err, STYR_EINPUT,
			                  "open_id: a unit needs its official code, such as 1200");
		if ((rc = take(r, OPEN_CODE, u.unit, sizeof(u.unit))) ||
		    (rc = take(r, OPEN_ID, u.official_code, sizeof(u.official_code))))
			return rc;
		return styr_open_unit_put(r->db, &u, r->err);
	}
	return styr_error(r->err, STYR_EINPUT, "subject \"%s\": expected indicator or unit",
	                  subject);
}

/* A value for women (K) or men (M); the total (T) is a row of values.csv. */
static int row_gender_value(struct csv_run *r)
{
	struct styr_gender_value g;
	struct styr_value *v = &g.value;
	const char *val = col(r, GV_VALUE), *gender = col(r, GV_GENDER);
	int rc;

	memset(&g, 0, sizeof(g));
	if (strcmp(gender, "K") && strcmp(gender, "M"))
		return styr_error(r->err, STYR_EINPUT,
		                  "gender \"%s\": expected K (women) or M (men); the total is a "
		                  "row of the values file",
		                  gender);
	snprintf(g.gender, sizeof(g.gender), "%s", gender);
	if ((rc = take(r, GV_INDICATOR, v->indicator, sizeof(v->indicator))) ||
	    (rc = take(r, GV_UNIT, v->unit, sizeof(v->unit))) ||
	    (rc = styr_period_parse(col(r, GV_PERIOD), &v->period, r->err)) ||
	    (rc = styr_num_parse(val, &v->num, r->err)) ||
	    (rc = take(r, GV_MISSING_REASON, v->missing_reason, sizeof(v->missing_reason))) ||
	    (rc = take(r, GV_SOURCE, v->source, sizeof(v->source))))
		return rc;
	if (!*val && !v->missing_reason[0])
		return styr_error(r->err, STYR_EINPUT,
		                  "value is empty: expected a number, \"-\", \"x\" or a "
		                  "missing_reason");
	if (!v->source[0])
		snprintf(v->source, sizeof(v->source), "%s:%d", r->file->path, r->line);
	return styr_gender_value_put(r->db, &g, r->err);
}

/* The unit of a ledger amount: "tkr" (or empty, as in every file before
 * the column) with up to five decimals, "kr" with up to two: either is
 * exact öre. */
static int amount_unit(struct csv_run *r, const char *enhet, int *decimals)
{
	if (!*enhet || !strcmp(enhet, "tkr")) {
		*decimals = 5;
		return STYR_OK;
	}
	if (!strcmp(enhet, "kr")) {
		*decimals = 2;
		return STYR_OK;
	}
	return styr_error(r->err, STYR_EINPUT, "enhet \"%.60s\": expected kr or tkr", enhet);
}

/* economy: one amount of a resultaträkning (docs/formats.md, "Ledger") */
static int row_ledger(struct csv_run *r)
{
	struct styr_ledger_entry e;
	const char *month = col(r, LED_MONTH);
	char *end;
	long m = 0;
	int decimals = 5, rc;

	memset(&e, 0, sizeof(e));
	if ((rc = take(r, LED_UNIT, e.unit, sizeof(e.unit))) ||
	    (rc = take(r, LED_TABLE, e.tab, sizeof(e.tab))) ||
	    (rc = parse_year(r, col(r, LED_YEAR), &e.year)) ||
	    (rc = take(r, LED_ROW, e.row, sizeof(e.row))) ||
	    (rc = take(r, LED_KIND, e.kind, sizeof(e.kind))) ||
	    (rc = styr_ledger_kind_check(e.kind, r->err)) ||
	    (rc = amount_unit(r, col(r, LED_ENHET), &decimals)) ||
	    (rc = styr_amount_parse_ore(col(r, LED_AMOUNT), decimals, &e.amount_ore, r->err)) ||
	    (rc = take(r, LED_SOURCE, e.source, sizeof(e.source))))
		return rc;
	if (*month) {
		m = strtol(month, &end, 10);
		if (*end || m < 0 || m > 12)
			return styr_error(r->err, STYR_EINPUT,
			                  "month \"%s\": expected 1 to 12, or 0 or empty for the "
			                  "whole year",
			                  month);
	}
	e.month = (int)m;
	if (!e.source[0])
		row_source(r, e.source, sizeof(e.source));
	if (*col(r, LED_KOST)) {
		struct styr_ledger_detail d;
		char unit[STYR_CODE_MAX], object[STYR_CODE_MAX];

		if (e.tab[0])
			return styr_error(
			    r->err, STYR_EINPUT,
			    "table \"%s\": expected it empty (the resultaträkning) on "
			    "a row with a kostnadsstalle",
			    e.tab);
		if ((rc = take(r, LED_KOST, object, sizeof(object))))
			return rc;
		unit_code(r, e.unit, unit, sizeof(unit));
		snprintf(e.unit, sizeof(e.unit), "%s", unit);
		styr_ledger_detail_of(&d, &e, 1, object);
		r->outcome = ROW_STORED;
		if ((rc = styr_ledger_object_name_put(r->db, 1, d.object, "", r->err)) ||
		    (rc = styr_ledger_detail_put(r->db, &d, r->err)))
			return rc;
		return dim_note(r->db, &r->ctx->dims, &e, d.object, r->err);
	}
	/* a unit's row the file gives beside its kostnadsställen stays as
	 * given (an SIE file's total has amounts on no kostnadsställe) */
	if (r->file->map[LED_KOST] >= 0 && !e.tab[0]) {
		struct dim_sum k, *s;

		memset(&k, 0, sizeof(k));
		unit_code(r, e.unit, k.unit, sizeof(k.unit));
		k.year = e.year;
		k.month = e.month;
		snprintf(k.row, sizeof(k.row), "%s", e.row);
		snprintf(k.kind, sizeof(k.kind), "%s", e.kind);
		if (!(s = dim_find(&r->ctx->dims, &k, r->err)))
			return STYR_ENOMEM;
		s->given = true;
	}
	if ((rc = compare_ledger(r, &e)) ||
	    (r->outcome != ROW_UNCHANGED && (rc = styr_ledger_put(r->db, &e, r->err))))
		return rc;
	return ledger_sums_note(r->db, &r->ctx->sums, &e, r->err);
}

/* economy: a row of the plan (docs/formats.md, "Row plan").  A parent
 * the plan does not have yet may come later in the import (an export
 * lists rows before their sums): the row is stored without it for now,
 * and plan_finish sets it, or refuses it, once every file is read. */
static int row_ledger_row(struct csv_run *r)
{
	struct import_ctx *c = r->ctx;
	struct styr_ledger_row row, found;
	struct plan_seen *seen;
	const char *pos = col(r, LROW_POSITION), *sign = col(r, LROW_SIGN), *p;
	struct styr_err quiet;
	char *end;
	long position;
	bool pending = false;
	int rc;

	memset(&row, 0, sizeof(row));
	if ((rc = take(r, LROW_CODE, row.code, sizeof(row.code))) ||
	    (rc = take(r, LROW_LABEL, row.label, sizeof(row.label))) ||
	    (rc = take(r, LROW_PARENT, row.parent, sizeof(row.parent))))
		return rc;
	for (p = row.code; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
			return styr_error(
			    r->err, STYR_EINPUT,
			    "code \"%s\": expected lower-case letters a-z, digits and _, "
			    "such as kopt_vard",
			    row.code);
	position = strtol(pos, &end, 10);
	if (*end || end == pos || position < 0 || position > 1000000)
		return styr_error(r->err, STYR_EINPUT,
		                  "position \"%s\": expected a whole number from 0 (the printed "
		                  "order)",
		                  pos);
	row.position = (int)position;
	/* the minus a word processor writes counts as one */
	if (!strcmp(sign, "-") || !strcmp(sign, "\u2212"))
		snprintf(row.sign, sizeof(row.sign), "-");
	else if (!strcmp(sign, "+"))
		snprintf(row.sign, sizeof(row.sign), "+");
	else if (*sign)
		return styr_error(r->err, STYR_EINPUT,
		                  "sign \"%s\": expected + (an income row), - (a cost row) or "
		                  "empty (either)",
		                  sign);
	if (!strcmp(row.parent, row.code))
		return styr_error(r->err, STYR_EINPUT,
		                  "parent \"%s\": the subtotals form a cycle: %s → %s: expected "
		                  "the subtotal the row adds into, another row",
		                  row.parent, row.code, row.code);
	styr_err_init(&quiet);
	if (row.parent[0]) {
		if (!styr_ledger_row_find(r->db, row.parent, &found, &quiet))
			memcpy(row.parent, found.code, sizeof(row.parent));
		else
			pending = true;
	}
	if (pending) {
		/* keep what the store has until plan_finish knows */
		if (!styr_ledger_row_find(r->db, row.code, &found, &quiet) &&
		    !strcmp(found.code, row.code))
			memcpy(row.parent, found.parent, sizeof(row.parent));
		else
			row.parent[0] = '\0';
	}
	if (styr_array_grow((void **)&c->plan_rows, &c->plan_cap, c->nplan_rows,
	                    sizeof(*c->plan_rows), r->err))
		return STYR_ENOMEM;
	seen = &c->plan_rows[c->nplan_rows++];
	memset(seen, 0, sizeof(*seen));
	memcpy(seen->code, row.code, sizeof(seen->code));
	snprintf(seen->parent, sizeof(seen->parent), "%s", col(r, LROW_PARENT));
	seen->file = r->file->index;
	seen->line = r->line;
	seen->pending = pending;
	return styr_ledger_row_put(r->db, &row, r->err);
}

struct plan_all {
	struct styr_ledger_row *v;
	size_t n, cap;
};

static int plan_take(void *ctx, const struct styr_ledger_row *row)
{
	struct plan_all *a = ctx;

	if (styr_array_grow((void **)&a->v, &a->cap, a->n, sizeof(*a->v), NULL))
		return STYR_ENOMEM;
	a->v[a->n++] = *row;
	return 0;
}

static size_t plan_at(const struct plan_all *a, const char *code)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		if (!strcmp(a->v[i].code, code))
			return i;
	return (size_t)-1;
}

/* Message about the parent cell of a plan row read earlier. */
static int plan_fail(struct import_ctx *c, const struct plan_seen *s, struct styr_err *err)
{
	struct csv_file *f = &c->files[s->file];

	where(err, f, s->line, f->map[LROW_PARENT], "parent");
	return err->code;
}

/* After a row plan's files: set the parents that came later (refusing
 * one that is no row), then refuse a cycle, naming the row whose parent
 * closes it and the cycle. */
static int plan_finish(struct styr_db *db, struct import_ctx *c, struct styr_err *err)
{
	struct plan_all all = {NULL, 0, 0};
	struct styr_ledger_row row, parent;
	struct styr_err quiet;
	size_t i, at, steps;
	int rc = STYR_OK;

	styr_err_init(&quiet);
	for (i = 0; i < c->nplan_rows && !rc; i++) {
		const struct plan_seen *s = &c->plan_rows[i];

		if (!s->pending)
			continue;
		if (styr_ledger_row_find(db, s->parent, &parent, &quiet)) {
			styr_error(err, STYR_EINPUT,
			           "parent \"%s\": not a row of the plan: expected the code of a "
			           "subtotal in the plan or in this file, such as summa_kostnader",
			           s->parent);
			rc = plan_fail(c, s, err);
			break;
		}
		if ((rc = styr_ledger_row_find(db, s->code, &row, err)))
			break;
		memcpy(row.parent, parent.code, sizeof(row.parent));
		rc = styr_ledger_row_put(db, &row, err);
	}
	if (!rc && (rc = styr_ledger_row_each(db, plan_take, &all, err)) == STYR_ENOMEM)
		rc = styr_error(err, rc, "out of memory");
	for (i = 0; i < c->nplan_rows && !rc; i++) {
		const struct plan_seen *s = &c->plan_rows[i];
		size_t start = plan_at(&all, s->code);
		char path[STYR_ERR_MAX / 2];
		size_t len;

		if (start == (size_t)-1)
			continue;
		at = plan_at(&all, all.v[start].parent);
		for (steps = 0; at != (size_t)-1 && at != start && steps < all.n; steps++)
			at = plan_at(&all, all.v[at].parent);
		if (at != start)
			continue;
		/* the cycle, from this row round to it again */
		len = (size_t)snprintf(path, sizeof(path), "%s", s->code);
		at = plan_at(&all, all.v[start].parent);
		for (steps = 0; steps <= all.n && len < sizeof(path); steps++) {
			len += (size_t)snprintf(path + len, sizeof(path) - len, " → %s",
			                        all.v[at].code);
			if (at == start)
				break;
			at = plan_at(&all, all.v[at].parent);
		}
		styr_error(err, STYR_EINPUT,
		           "parent \"%s\": the subtotals form a cycle: %s: expected a plan where "
		           "each row adds into a row above it",
		           s->parent, path);
		rc = plan_fail(c, s, err);
	}
	free(all.v);
	return rc;
}

/* economy: a validation rule (docs/formats.md, "Rules") */
static int row_rule(struct csv_run *r)
{
	struct styr_rule u;
	const char *tol = col(r, RULE_TOLERANCE);
	int rc;

	memset(&u, 0, sizeof(u));
	if ((rc = take(r, RULE_CODE, u.code, sizeof(u.code))) ||
	    (rc = take(r, RULE_NAME, u.name, sizeof(u.name))) ||
	    (rc = take(r, RULE_CHECK, u.check, sizeof(u.check))) ||
	    (rc = take(r, RULE_SUBJECT, u.subject, sizeof(u.subject))) ||
	    (rc = take(r, RULE_EXPR, u.expr, sizeof(u.expr))) ||
	    (rc = take(r, RULE_TABLE, u.tab, sizeof(u.tab))))
		return rc;
	if (*tol && (rc = styr_amount_parse(tol, &u.tolerance, r->err)))
		return rc;
	if (u.tolerance < 0)
		return styr_error(r->err, STYR_EINPUT, "tolerance \"%s\": expected 0 or more", tol);
	if (!*col(r, RULE_TABLE))
		snprintf(u.tab, sizeof(u.tab), "*");
	else if (!strcmp(u.tab, "-"))
		u.tab[0] = '\0';
	rc = styr_rule_check(&u, r->err);
	if (!rc)
		rc = styr_rule_put(r->db, &u, r->err);
	return rc;
}

/* economy: an effect in Mkr as printed ("7,8", "-5,2") → whole tkr */
static int parse_mkr(struct csv_run *r, const char *column, const char *text, bool *has,
                     int64_t *out)
{
	struct styr_num n;
	int rc;

	*has = false;
	if (!*text)
		return STYR_OK;
	rc = styr_num_parse(text, &n, r->err);
	if (rc) {
		styr_err_prefix(r->err, "column \"%s\": ", column);
		return rc;
	}
	if (n.kind != STYR_NUM_VALUE || n.percent || n.decimals > 3)
		return styr_error(r->err, STYR_EINPUT,
		                  "column \"%s\": \"%s\": expected Mkr with at most three "
		                  "decimals, such as 7,8",
		                  column, text);
	/* exact: at most three decimals, so ×1000 is a whole number */
	*out = (int64_t)(n.value * 1000.0 + (n.value < 0 ? -0.5 : 0.5));
	*has = true;
	return STYR_OK;
}

/* economy: an åtgärd of an action plan (docs/formats.md, "Actions") */
static int row_action(struct csv_run *r)
{
	struct styr_action *a = calloc(1, sizeof(*a));
	struct styr_goal goal;
	char date[STYR_DATE_MAX];
	int rc;

	if (!a)
		return styr_error(r->err, STYR_ENOMEM, "out of memory");
	if (!(rc = take(r, ACT_PLAN, a->plan, sizeof(a->plan))) &&
	    !(rc = take(r, ACT_UNIT, a->unit, sizeof(a->unit))) &&
	    !(rc = take(r, ACT_AREA, a->insatsomrade, sizeof(a->insatsomrade))) &&
	    !(rc = take(r, ACT_TITLE, a->title, sizeof(a->title))) &&
	    !(rc = take(r, ACT_OWNER, a->owner, sizeof(a->owner))) &&
	    !(rc = parse_date(r, col(r, ACT_DUE), date)) &&
	    !(rc = take(r, ACT_STATE, a->state, sizeof(a->state))) &&
	    !(rc = styr_action_state_check(a->state, r->err)) &&
	    !(rc =
	          parse_mkr(r, "expected", col(r, ACT_EXPECTED), &a->has_expected, &a->expected)) &&
	    !(rc =
	          parse_mkr(r, "achieved", col(r, ACT_ACHIEVED), &a->has_achieved, &a->achieved)) &&
	    !(rc = take(r, ACT_GOAL, a->goal, sizeof(a->goal)))) {
		memcpy(a->due, date, sizeof(a->due));
		/* "goal \"X\" does not exist" names the goal column */
		if (a->goal[0])
			rc = styr_goal_find(r->db, a->goal, &goal, r->err);
		if (!rc)
			rc = styr_action_put(r->db, a, r->err);
	}
	free(a);
	return rc;
}

/* economy: a figure of the regionbidrag bridge (docs/formats.md, "Bridge") */
static int row_bridge(struct csv_run *r)
{
	struct styr_bridge_line b;
	bool has;
	int rc;

	memset(&b, 0, sizeof(b));
	if ((rc = parse_year(r, col(r, BR_YEAR), &b.year)) ||
	    (rc = take(r, BR_UNIT, b.unit, sizeof(b.unit))) ||
	    (rc = take(r, BR_STEP, b.step, sizeof(b.step))) ||
	    (rc = styr_bridge_step_check(b.step, r->err)) ||
	    (rc = take(r, BR_LABEL, b.label, sizeof(b.label))) ||
	    (rc = parse_mkr(r, "amount", col(r, BR_AMOUNT), &has, &b.amount)) ||
	    (rc = take(r, BR_SOURCE, b.source, sizeof(b.source))))
		return rc;
	if (!b.source[0])
		row_source(r, b.source, sizeof(b.source));
	return styr_bridge_put(r->db, &b, r->err);
}

/* economy: a budget profile (docs/formats.md, "Budget profiles"), for
 * one year or, year empty, for every year.  A weight is a number of at most two decimals, stored in
 * hundredths; each bad cell names its month's column. */
static int row_profile(struct csv_run *r)
{
	struct styr_budget_profile p;
	struct styr_ledger_row row;
	int i, rc;

	memset(&p, 0, sizeof(p));
	if ((rc = take(r, PRO_UNIT, p.unit, sizeof(p.unit))))
		return rc;
	/* year: empty (or no column) is every year, 0 in the store */
	if (*col(r, PRO_YEAR)) {
		const char *text = col(r, PRO_YEAR);
		char *end;
		long y = strtol(text, &end, 10);

		if (*text < '0' || *text > '9' || *end || y < 1900 || y > 2999)
			return styr_error(
			    r->err, STYR_EINPUT,
			    "column \"year\": year \"%s\": expected a year such as 2025, "
			    "or empty for every year",
			    text);
		p.year = (int)y;
	}
	for (i = 0; i < 12; i++) {
		const char *column = r->file->spec->columns[PRO_JAN + i];
		const char *text = col(r, PRO_JAN + i);
		struct styr_err quiet;
		struct styr_num n;

		styr_err_init(&quiet);
		if (styr_num_parse(text, &n, &quiet) || n.kind != STYR_NUM_VALUE || n.percent ||
		    n.decimals > 2)
			return styr_error(r->err, STYR_EINPUT,
			                  "column \"%s\": weight \"%s\": expected a number such as "
			                  "8 or 8,5 (at most two decimals)",
			                  column, text);
		if (n.value < 0 || n.value > 100000)
			return styr_error(r->err, STYR_EINPUT,
			                  "column \"%s\": weight \"%s\": expected %s", column, text,
			                  n.value < 0 ? "0 or more (a month cannot weigh less than "
			                                "nothing)"
			                              : "at most 100 000");
		p.weight[i] = (int)(n.value * 100.0 + 0.5);
	}
	if ((rc = styr_budget_profile_check(&p, r->err))) {
		styr_err_prefix(r->err, "columns \"jan\"–\"dec\": ");
		return rc;
	}
	/* the unit first, so that an unknown unit is named as such */
	if ((rc = styr_org_find(r->db, p.unit, &(struct styr_org_unit){0}, r->err)))
		return rc;
	if (*col(r, PRO_ROW)) {
		if ((rc = styr_ledger_row_find(r->db, col(r, PRO_ROW), &row, r->err)))
			return rc;
		memcpy(p.row, row.code, sizeof(p.row));
	}
	return styr_budget_profile_put(r->db, &p, r->err);
}

static int (*const row_fn[STYR_ENTITY_COUNT])(struct csv_run *) = {
    [STYR_ENTITY_ORG] = row_org,
    [STYR_ENTITY_GOAL] = row_goal,
    [STYR_ENTITY_INDICATOR] = row_indicator,
    [STYR_ENTITY_TARGET] = row_target,
    [STYR_ENTITY_VALUE] = row_value,
    [STYR_ENTITY_ANALYSIS] = row_analysis,
    [STYR_ENTITY_UPPDRAG] = row_uppdrag,
    [STYR_ENTITY_UPPDRAG_REPORT] = row_uppdrag_report,
    [STYR_ENTITY_ESCALATION] = row_escalation,
    [STYR_ENTITY_FOLLOWUP] = row_followup,
    [STYR_ENTITY_INTERNAL_CONTROL] = row_internal_control,
    [STYR_ENTITY_INDEX_WEIGHT] = row_index_weight,
    [STYR_ENTITY_OPEN_DATA] = row_open_data,
    [STYR_ENTITY_GENDER_VALUE] = row_gender_value,
    [STYR_ENTITY_LEDGER_ROW] = row_ledger_row,
    [STYR_ENTITY_LEDGER] = row_ledger,
    [STYR_ENTITY_RULE] = row_rule,
    [STYR_ENTITY_ACTION] = row_action,
    [STYR_ENTITY_BRIDGE] = row_bridge,
    [STYR_ENTITY_PROFILE] = row_profile,
};

static int check_required(struct csv_run *r)
{
	const struct interchange_spec *spec = r->file->spec;
	size_t i;

	for (i = 0; i < spec->ncolumns; i++) {
		if (!(spec->required & COLUMN_BIT(i)) || *col(r, (int)i))
			continue;
		/* a sheet's message names the cell and its column already */
		if (r->file->origin) {
			r->column_at = spec->columns[i];
			return styr_error(r->err, STYR_EINPUT, "empty: a value is required");
		}
		return styr_error(r->err, STYR_EINPUT,
		                  "column \"%s\" is empty: a value is required", spec->columns[i]);
	}
	return STYR_OK;
}

/* Name the column a row function failed on, from the message's first word
 * ("value \"8#,3\": ..." is the value column). */
static const char *failed_column(struct csv_run *r)
{
	static const struct {
		const char *prefix, *column;
	} hints[] = {
	    {"value ", "value"},
	    {"period ", "period"},
	    {"target ", "target"},
	    {"kind ", "kind"},
	    {"level ", "level"},
	    {"owner ", "owners"},
	    {"role ", "owners"},
	    {"date ", NULL},
	    {"year ", NULL},
	    {"tolerance ", "tolerance"},
	    {"direction ", "direction"},
	    {"category ", "category"},
	    {"state ", "state"},
	    {"indicator \"", "indicator"},
	    /* goals area (issue 7) */
	    {"deadline ", "deadline"},
	    {"report date ", "report_dates"},
	    {"status ", "status"},
	    {"step ", "step"},
	    {"cannot go from ", "step"},
	    {"reason ", "reason"},
	    {"decided_by ", "decided_by"},
	    {"report ", "report"},
	    {"months ", "months"},
	    {"handling ", "handling"},
	    {"probability ", "probability"},
	    {"consequence ", "consequence"},
	    {"weight ", "weight"},
	    {"unit \"", "unit"},
	    {"uppdrag ", "step"},
	    /* economy */
	    {"amount ", "amount"},
	    {"enhet ", "enhet"},
	    {"position ", "position"},
	    {"sign ", "sign"},
	    {"parent ", "parent"},
	    {"code ", "code"},
	    {"month ", "month"},
	    {"row \"", "row"},
	    {"ledger kind ", "kind"},
	    {"check ", "check"},
	    {"expr ", "expr"},
	    {"action state ", "state"},
	    {"bridge step ", "step"},
	};
	enum styr_entity kind = r->file->spec->kind;
	size_t i;

	/* A code that does not exist: which column named it depends on the
	 * kind of file. */
	if (!strncmp(r->err->msg, "org unit \"", 10))
		return kind == STYR_ENTITY_ORG    ? "parent"
		       : kind == STYR_ENTITY_GOAL ? "owners"
		                                  : "unit";
	if (!strncmp(r->err->msg, "goal \"", 6))
		return kind == STYR_ENTITY_GOAL        ? "parent"
		       : kind == STYR_ENTITY_INDICATOR ? "goals"
		                                       : "goal";
	if (!strncmp(r->err->msg, "date ", 5) &&
	    (kind == STYR_ENTITY_UPPDRAG_REPORT || kind == STYR_ENTITY_ESCALATION))
		return "date";
	for (i = 0; i < sizeof(hints) / sizeof(hints[0]); i++)
		if (!strncmp(r->err->msg, hints[i].prefix, strlen(hints[i].prefix)))
			return hints[i].column;
	return NULL;
}

static int header(struct csv_run *r)
{
	struct csv_file *f = r->file;
	int i;

	/* The spec was chosen from the header before parsing; map it. */
	for (i = 0; i < INTERCHANGE_MAX_COLUMNS; i++)
		f->map[i] = -1;
	for (i = 0; i < r->nfields; i++) {
		int c = col_index(f->spec, r->fields[i].data ? r->fields[i].data : "");

		if (c >= 0)
			f->map[c] = i;
	}
	f->nheader = r->nfields;
	return STYR_OK;
}

/* Take a leading lead "NAME\": " off msg, NAME into named; NULL when msg
 * does not start so. */
static const char *strip_column(char *msg, const char *lead, char *named, size_t n)
{
	size_t k = strlen(lead);
	const char *end;

	if (strncmp(msg, lead, k) || !(end = strstr(msg + k, "\": ")) ||
	    (size_t)(end - msg) - k >= n)
		return NULL;
	memcpy(named, msg + k, (size_t)(end - msg) - k);
	named[(size_t)(end - msg) - k] = '\0';
	memmove(msg, end + 3, strlen(end + 3) + 1);
	return named;
}

/* A row function that names its column itself ("column \"jan\": weight
 * ..."): for a sheet, take the name out of the message (and out of the
 * shown one, in its language) into named, so that the prefix can name
 * the cell.  NULL when the message names none. */
static const char *message_column(struct csv_run *r, char *named, size_t n)
{
	char lead[32], shown[64];
	const char *sv;

	if (!strip_column(r->err->msg, "column \"", named, n))
		return NULL;
	if (r->err->shown[0]) {
		/* the catalogue's "column" ends where its %s starts */
		sv = styr_msg(r->err->lang, "column \"%s\": ");
		snprintf(lead, sizeof(lead), "%.*s", (int)strcspn(sv, "%"), sv);
		strip_column(r->err->shown, lead, shown, sizeof(shown));
	}
	return named;
}

static void end_record(int c, void *data)
{
	struct csv_run *r = data;
	char named[64];
	int i;

	r->line = r->next_line;
	/* "\r\n" ends a record at '\r' and reports '\n' as an empty one:
	 * count only '\n' so that both line-end styles count once. */
	if (c == '\n')
		r->next_line++;
	for (i = 0; i < r->nfields; i++) {
		const char *s = r->fields[i].data;

		for (; s && *s; s++)
			if (*s == '\n')
				r->next_line++;
	}
	if (r->rc)
		goto done;
	/* Blank lines separate nothing in CSV; skip them. */
	if (r->nfields == 0 || (r->nfields == 1 && r->fields[0].len == 0))
		goto done;
	if (!r->header_done) {
		r->header_done = true;
		r->rc = header(r);
		goto done;
	}
	if (r->nfields + r->overflow != r->file->nheader) {
		r->rc = styr_error(r->err, STYR_EINPUT, "%d fields: expected %d as in the header",
		                   r->nfields + r->overflow, r->file->nheader);
		where(r->err, r->file, r->line, -1, NULL);
		goto done;
	}
	if (++r->ctx->rows > r->ctx->max_rows) {
		r->rc = styr_error(r->err, STYR_ETOOBIG,
		                   "more than %zu rows in one import: split the file, or raise "
		                   "the limit (--max-rows)",
		                   r->ctx->max_rows);
		where(r->err, r->file, r->line, -1, NULL);
		goto done;
	}
	r->column_at = NULL;
	r->outcome = ROW_STORED;
	r->rc = check_required(r);
	if (!r->rc) {
		char here[STYR_SOURCE_TEXT];

		/* the gate audits the row's writes with where it was read */
		row_source(r, here, sizeof(here));
		styr_db_source(r->db, here);
		r->rc = row_fn[r->file->spec->kind](r);
	}
	/* the row's own cells first; then whether an earlier row had its
	 * key (the message names both rows already: no prefix) */
	if (!r->rc && (r->rc = check_key(r)))
		goto done;
	if (r->rc) {
		const char *column = r->column_at ? r->column_at : failed_column(r);
		int c;

		if (!column && r->file->origin)
			column = message_column(r, named, sizeof(named));
		c = column ? col_index(r->file->spec, column) : -1;
		where(r->err, r->file, r->line, c >= 0 ? r->file->map[c] : -1, column);
	} else {
		enum styr_entity k = r->file->spec->kind;

		r->stats->rows[k]++;
		if (r->outcome == ROW_ADDED)
			r->stats->added[k]++;
		else if (r->outcome == ROW_CHANGED)
			r->stats->changed[k]++;
		else if (r->outcome == ROW_UNCHANGED)
			r->stats->unchanged[k]++;
	}
done:
	for (i = 0; i < r->nfields; i++)
		styr_buf_reset(&r->fields[i]);
	r->nfields = 0;
	r->overflow = 0;
}

static void end_field(void *s, size_t len, void *data)
{
	struct csv_run *r = data;
	struct styr_buf *b;
	size_t a = 0;

	if (r->rc)
		return;
	if (r->nfields > INTERCHANGE_MAX_COLUMNS) {
		r->overflow++;
		return;
	}
	b = &r->fields[r->nfields++];
	/* Trim spaces around a cell: Excel users pad by accident. */
	while (a < len && ((char *)s)[a] == ' ')
		a++;
	while (len > a && ((char *)s)[len - 1] == ' ')
		len--;
	styr_buf_reset(b);
	r->rc = styr_buf_add(b, (char *)s + a, len - a, r->err);
	if (r->rc)
		where(r->err, r->file, r->next_line, r->nfields - 1, NULL);
}

/* Recognise the kind of file from its first line. */
static int identify(struct csv_file *f, struct styr_err *err)
{
	char line[1024];
	char *cols[32];
	int ncols = 0, best = -1, best_hits = -1;
	size_t n = strcspn(f->text, "\r\n");
	char *p;
	int k, i;

	if (n == 0 || n >= sizeof(line)) {
		if (n == 0)
			styr_error(err, STYR_EINPUT,
			           "no header: expected a line of column names such as "
			           "indicator;unit;period;value;...");
		else
			styr_error(err, STYR_EINPUT, "header longer than %zu bytes",
			           sizeof(line) - 1);
		where(err, f, 1, -1, NULL);
		return err->code;
	}
	memcpy(line, f->text, n);
	line[n] = '\0';
	for (p = strtok(line, ";"); p && ncols < 32; p = strtok(NULL, ";")) {
		size_t len;

		while (*p == ' ' || *p == '"')
			p++;
		len = strlen(p);
		while (len && (p[len - 1] == ' ' || p[len - 1] == '"'))
			p[--len] = '\0';
		cols[ncols++] = p;
	}
	for (k = 0; k < STYR_ENTITY_COUNT; k++) {
		const char *marker = interchange_specs[k].marker;
		int hits = 0, marked = !marker;

		for (i = 0; i < ncols; i++) {
			hits += col_index(&interchange_specs[k], cols[i]) >= 0;
			marked |= marker && !strcmp(cols[i], marker);
		}
		if (!marked)
			continue;
		/* More matches win; on a tie, the first column decides. */
		if (hits > best_hits ||
		    (hits == best_hits && !strcmp(cols[0], interchange_specs[k].columns[0]))) {
			best = k;
			best_hits = hits;
		}
	}
	f->spec = &interchange_specs[best];
	for (i = 0; i < ncols; i++) {
		if (col_index(f->spec, cols[i]) >= 0)
			continue;
		if (f->origin)
			styr_error(err, STYR_EINPUT,
			           "unknown column \"%s\" in a %s sheet: expected the columns of "
			           "docs/formats.md",
			           cols[i], entity_names[best]);
		else
			styr_error(err, STYR_EINPUT,
			           "unknown column \"%s\" in a %s file: expected the columns of "
			           "docs/formats.md",
			           cols[i], entity_names[best]);
		where(err, f, 1, i, NULL);
		return err->code;
	}
	for (i = 0; i < (int)f->spec->ncolumns; i++) {
		int j, found = (f->spec->optional & COLUMN_BIT(i)) != 0;

		for (j = 0; j < ncols; j++)
			found |= !strcmp(cols[j], f->spec->columns[i]);
		if (found || (f->spec->optional & COLUMN_BIT(i)))
			continue;
		if (f->origin)
			styr_error(err, STYR_EINPUT,
			           "missing column \"%s\": a %s sheet needs the columns of "
			           "docs/formats.md",
			           f->spec->columns[i], entity_names[best]);
		else
			styr_error(
			    err, STYR_EINPUT,
			    "missing column \"%s\": a %s file needs the columns of docs/formats.md",
			    f->spec->columns[i], entity_names[best]);
		where(err, f, 1, -1, NULL);
		return err->code;
	}
	return STYR_OK;
}

static int run_file(struct styr_db *db, struct import_ctx *ctx, struct csv_file *f,
                    struct styr_import_stats *stats, struct styr_err *err)
{
	struct csv_parser p;
	struct csv_run *r = calloc(1, sizeof(*r));
	int i, rc;

	if (!r)
		return styr_error(err, STYR_ENOMEM, "out of memory");
	r->db = db;
	r->ctx = ctx;
	r->file = f;
	r->stats = stats;
	r->err = err;
	r->next_line = 1;
	for (i = 0; i <= INTERCHANGE_MAX_COLUMNS; i++)
		styr_buf_init(&r->fields[i], CSV_FIELD_MAX);
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL) != 0) {
		free(r);
		return styr_error(err, STYR_ENOMEM, "out of memory");
	}
	csv_set_delim(&p, ';');
	if (csv_parse(&p, f->text, f->len, end_field, end_record, r) != f->len && !r->rc)
		r->rc = styr_error(err, STYR_EINPUT, "%s:%d: %s", f->path, r->next_line,
		                   csv_strerror(csv_error(&p)));
	if (!r->rc && csv_fini(&p, end_field, end_record, r) != 0)
		r->rc = styr_error(err, STYR_EINPUT,
		                   "%s:%d: the file ends inside a quoted field: expected a "
		                   "closing \"",
		                   f->path, r->next_line);
	csv_free(&p);
	rc = r->rc;
	for (i = 0; i <= INTERCHANGE_MAX_COLUMNS; i++)
		styr_buf_release(&r->fields[i]);
	free(r);
	return rc;
}

/* Store files already read and identified, in dependency order, in one
 * transaction. */
static int import_files(struct styr_db *db, struct csv_file *files, size_t n,
                        const struct styr_import_hook *hook, struct styr_import_stats *stats,
                        struct styr_err *err)
{
	struct import_ctx ctx;
	size_t i, sums;
	int k, rc = styr_db_begin(db, err);

	if (rc)
		return rc;
	memset(&ctx, 0, sizeof(ctx));
	ctx.files = files;
	ctx.hook = hook;
	ctx.max_rows = hook && hook->max_rows ? hook->max_rows : STYR_IMPORT_ROWS_MAX;
	for (k = 0; k < STYR_ENTITY_COUNT && !rc; k++) {
		for (i = 0; i < n && !rc; i++)
			if (files[i].spec->kind == (enum styr_entity)k)
				rc = run_file(db, &ctx, &files[i], stats, err);
		/* the plan whole before the amounts that name its rows */
		if (!rc && k == STYR_ENTITY_LEDGER_ROW && ctx.nplan_rows)
			rc = plan_finish(db, &ctx, err);
	}
	/* the kostnadsställen's sums, then a ledger's subtotals, as SIE's,
	 * once all its rows are in */
	if (!rc)
		rc = dim_write(db, &ctx.dims, &ctx.sums, err);
	if (!rc)
		rc = ledger_sums_write(db, &ctx.sums, &sums, err);
	import_ctx_release(&ctx);
	/* a dry run: everything checked and counted, nothing kept (and
	 * nothing audited) */
	if (!rc && hook && hook->dry_run) {
		styr_db_rollback(db);
		return STYR_OK;
	}
	if (!rc && hook && hook->before_commit)
		rc = hook->before_commit(hook->ctx, db, stats, err);
	if (rc)
		styr_db_rollback(db);
	else
		rc = styr_db_commit(db, err);
	return rc;
}

int interchange_import(struct styr_db *db, const struct interchange_text *texts, size_t n,
                       const struct styr_import_hook *hook, struct styr_import_stats *stats,
                       struct styr_err *err)
{
	struct csv_file *files = calloc(n ? n : 1, sizeof(*files));
	struct styr_import_stats local;
	char base[STYR_SOURCE_TEXT];
	size_t i;
	int rc = STYR_OK;

	if (!files)
		return styr_error(err, STYR_ENOMEM, "out of memory");
	snprintf(base, sizeof(base), "%s", styr_db_source_text(db));
	if (!stats)
		stats = &local;
	memset(stats, 0, sizeof(*stats));
	for (i = 0; i < n && !rc; i++) {
		files[i].path = texts[i].name;
		files[i].text = texts[i].text;
		files[i].len = texts[i].len;
		files[i].origin = texts[i].origin;
		files[i].index = i;
		rc = identify(&files[i], err);
	}
	if (!rc)
		rc = import_files(db, files, n, hook, stats, err);
	styr_db_source(db, base);
	if (rc)
		memset(stats, 0, sizeof(*stats));
	free(files);
	return rc;
}

int styr_import_csv(struct styr_db *db, const char *const *paths, size_t npaths,
                    struct styr_import_stats *stats, struct styr_err *err)
{
	return styr_import_csv_hook(db, paths, npaths, NULL, stats, err);
}

int styr_import_csv_hook(struct styr_db *db, const char *const *paths, size_t npaths,
                         const struct styr_import_hook *hook, struct styr_import_stats *stats,
                         struct styr_err *err)
{
	struct interchange_text *texts = calloc(npaths ? npaths : 1, sizeof(*texts));
	size_t i;
	int rc = STYR_OK;

	if (!texts)
		return styr_error(err, STYR_ENOMEM, "out of memory");
	for (i = 0; i < npaths && !rc; i++) {
		char *text = NULL;

		texts[i].name = paths[i];
		rc = styr_file_read_text(paths[i], CSV_FILE_MAX, &text, &texts[i].len, err);
		texts[i].text = text;
	}
	if (!rc)
		rc = interchange_import(db, texts, npaths, hook, stats, err);
	else if (stats)
		memset(stats, 0, sizeof(*stats));
	for (i = 0; i < npaths; i++)
		free((char *)texts[i].text);
	free(texts);
	return rc;
}

int styr_import_csv_text(struct styr_db *db, const char *name, const char *text, size_t len,
                         struct styr_import_stats *stats, struct styr_err *err)
{
	struct interchange_text t = {name, NULL, len, NULL};
	char *copy = malloc(len + 1);
	int rc;

	if (!copy)
		return styr_error(err, STYR_ENOMEM, "out of memory");
	memcpy(copy, text, len);
	copy[len] = '\0';
	t.text = copy;
	rc = interchange_import(db, &t, 1, NULL, stats, err);
	free(copy);
	return rc;
}
