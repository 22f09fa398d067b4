/*
 * Writing the economy's interchange files: ledger amounts, validation
 * rules, action plans, the bridge and budget profiles, in the columns of interchange_specs so that
 * styr import csv reads the output back to the same rows.  Amounts are whole tkr written without
 * thousands separators (a machine file, not a report).
 */
#include <inttypes.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "export/export_int.h"
#include "import/interchange.h"
#include "styr/ledger.h"

struct econ_writer {
	FILE *out;
	const struct styr_value_filter *f;
};

void export_cell(FILE *out, const char *text, int last)
{
	if (strpbrk(text, ";\"\r\n")) {
		fputc('"', out);
		for (; *text; text++) {
			if (*text == '"')
				fputc('"', out);
			fputc(*text, out);
		}
		fputc('"', out);
	} else {
		fputs(text, out);
	}
	fputc(last ? '\n' : ';', out);
}

static int write_entry(void *ctx, const struct styr_ledger_entry *e)
{
	struct econ_writer *w = ctx;
	char num[32];

	export_cell(w->out, e->unit, 0);
	export_cell(w->out, e->tab, 0);
	snprintf(num, sizeof(num), "%d", e->year);
	export_cell(w->out, num, 0);
	snprintf(num, sizeof(num), "%d", e->month);
	export_cell(w->out, e->month ? num : "", 0);
	export_cell(w->out, e->row, 0);
	export_cell(w->out, e->kind, 0);
	snprintf(num, sizeof(num), "%" PRId64, e->amount);
	export_cell(w->out, num, 0);
	export_cell(w->out, e->source, 1);
	return 0;
}

static int write_rule(void *ctx, const struct styr_rule *r)
{
	struct econ_writer *w = ctx;
	char num[32];

	export_cell(w->out, r->code, 0);
	export_cell(w->out, r->name, 0);
	export_cell(w->out, r->check, 0);
	export_cell(w->out, r->subject, 0);
	export_cell(w->out, r->expr, 0);
	snprintf(num, sizeof(num), "%" PRId64, r->tolerance);
	export_cell(w->out, num, 0);
	/* "*" (every table) is the default an empty cell gives; "-" is the
	 * resultaträkning itself. */
	export_cell(w->out, !strcmp(r->tab, "*") ? "" : r->tab[0] ? r->tab : "-", 1);
	return 0;
}

/* JSON lines: each row's CSV cells as an object, numbers as numbers. */
struct json_lines {
	FILE *out;
	const char *const *keys;
	size_t nkeys;
	unsigned numeric; /* bit i: key i is a number */
	int rc;
};

/* The CSV writer writes into a memory stream; each line becomes an
 * object.  One place decides the cells, so CSV and JSON never differ. */
static int csv_to_json(struct json_lines *j, char *line)
{
	json_t *o = json_object();
	char *cell = line;
	size_t k;

	if (!o)
		return STYR_ENOMEM;
	for (k = 0; k < j->nkeys && cell; k++) {
		char *end = cell, *w;
		bool quoted = *cell == '"';
		json_t *v;

		if (quoted) {
			for (w = cell, end = cell + 1; *end; end++) {
				if (*end == '"' && end[1] == '"')
					*w++ = *end++;
				else if (*end == '"')
					break;
				else
					*w++ = *end;
			}
			*w = '\0';
			end = strchr(end, ';');
		} else {
			end = strchr(cell, ';');
			if (end)
				*end = '\0';
		}
		if (end)
			*end = '\0';
		if (j->numeric & (1u << k)) {
			char *comma = strchr(cell, ',');

			if (comma)
				*comma = '.';
			v = *cell ? (comma ? json_real(strtod(cell, NULL))
			                   : json_integer(strtoll(cell, NULL, 10)))
			          : json_null();
		} else {
			v = json_string(cell);
		}
		json_object_set_new(o, j->keys[k], v ? v : json_null());
		cell = end ? end + 1 : NULL;
	}
	if (json_dumpf(o, j->out, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15)) ||
	    fputc('\n', j->out) == EOF)
		j->rc = STYR_EIO;
	json_decref(o);
	return j->rc;
}

/* The end of a CSV row: the first line break outside quotes (a quoted
 * cell may hold one). */
static char *row_end(char *s)
{
	bool quoted = false;

	for (; *s; s++) {
		if (*s == '"')
			quoted = !quoted;
		else if (*s == '\n' && !quoted)
			return s;
	}
	return NULL;
}

int styr_export_econ_json(struct styr_db *db, enum styr_entity kind,
                          const struct styr_value_filter *f, FILE *out, struct styr_err *err)
{
	const struct interchange_spec *spec = &interchange_specs[kind];
	struct json_lines j = {out, spec->columns, spec->ncolumns, 0, 0};
	char *buf = NULL, *line, *nl;
	size_t len = 0;
	FILE *mem;
	int rc;

	if (kind == STYR_ENTITY_LEDGER)
		j.numeric = 1u << LED_YEAR | 1u << LED_MONTH | 1u << LED_AMOUNT;
	else if (kind == STYR_ENTITY_ACTION)
		j.numeric = 1u << ACT_EXPECTED | 1u << ACT_ACHIEVED;
	else if (kind == STYR_ENTITY_BRIDGE)
		j.numeric = 1u << BR_YEAR | 1u << BR_AMOUNT;
	else if (kind == STYR_ENTITY_RULE)
		j.numeric = 1u << RULE_TOLERANCE;
	else if (kind == STYR_ENTITY_PROFILE)
		j.numeric = 0xfffu << PRO_JAN;
	else
		return styr_error(err, STYR_EUSAGE,
		                  "--format json: expected values, ledger, rules, "
		                  "actions, bridge or profiles");
	mem = open_memstream(&buf, &len);
	if (!mem)
		return styr_error(err, STYR_ENOMEM, "out of memory");
	rc = export_econ_csv(db, kind, f, mem, err);
	if (fclose(mem) && !rc)
		rc = styr_error(err, STYR_ENOMEM, "out of memory");
	for (line = buf; !rc && line && *line; line = nl ? nl + 1 : NULL) {
		nl = row_end(line);
		if (nl)
			*nl = '\0';
		rc = csv_to_json(&j, line);
		if (rc)
			rc = styr_error(err, rc, "writing JSON failed");
	}
	free(buf);
	return rc;
}

/* Whole tkr as Mkr with the decimals needed ("7,8", "1,5", "15"). */
static void mkr(char *buf, size_t n, int64_t tkr)
{
	int64_t a = tkr < 0 ? -tkr : tkr, frac = a % 1000;
	const char *sign = tkr < 0 ? "-" : "";

	if (frac == 0)
		snprintf(buf, n, "%s%" PRId64, sign, a / 1000);
	else if (frac % 100 == 0)
		snprintf(buf, n, "%s%" PRId64 ",%01" PRId64, sign, a / 1000, frac / 100);
	else if (frac % 10 == 0)
		snprintf(buf, n, "%s%" PRId64 ",%02" PRId64, sign, a / 1000, frac / 10);
	else
		snprintf(buf, n, "%s%" PRId64 ",%03" PRId64, sign, a / 1000, frac);
}

static int write_action(void *ctx, const struct styr_action *a)
{
	struct econ_writer *w = ctx;
	char e[32] = "", b[32] = "";

	if (a->has_expected)
		mkr(e, sizeof(e), a->expected);
	if (a->has_achieved)
		mkr(b, sizeof(b), a->achieved);
	export_cell(w->out, a->plan, 0);
	export_cell(w->out, a->unit, 0);
	export_cell(w->out, a->insatsomrade, 0);
	export_cell(w->out, a->title, 0);
	export_cell(w->out, a->owner, 0);
	export_cell(w->out, a->due, 0);
	export_cell(w->out, a->state, 0);
	export_cell(w->out, e, 0);
	export_cell(w->out, b, 0);
	export_cell(w->out, a->goal, 1);
	return 0;
}

static int write_bridge(void *ctx, const struct styr_bridge_line *b)
{
	struct econ_writer *w = ctx;
	char num[32];

	snprintf(num, sizeof(num), "%d", b->year);
	export_cell(w->out, num, 0);
	export_cell(w->out, b->unit, 0);
	export_cell(w->out, b->step, 0);
	export_cell(w->out, b->label, 0);
	mkr(num, sizeof(num), b->amount);
	export_cell(w->out, num, 0);
	export_cell(w->out, b->source, 1);
	return 0;
}

/* A weight in hundredths with the decimals needed ("8", "8,5", "8,25"). */
static int write_profile(void *ctx, const struct styr_budget_profile *p)
{
	struct econ_writer *w = ctx;
	char num[32];
	int i;

	export_cell(w->out, p->unit, 0);
	export_cell(w->out, p->row, 0);
	for (i = 0; i < 12; i++) {
		int v = p->weight[i];

		if (v % 100 == 0)
			snprintf(num, sizeof(num), "%d", v / 100);
		else if (v % 10 == 0)
			snprintf(num, sizeof(num), "%d,%d", v / 100, v % 100 / 10);
		else
			snprintf(num, sizeof(num), "%d,%02d", v / 100, v % 100);
		export_cell(w->out, num, i == 11);
	}
	return 0;
}

int export_econ_csv(struct styr_db *db, enum styr_entity kind, const struct styr_value_filter *f,
                    FILE *out, struct styr_err *err)
{
	struct econ_writer w = {out, f};

	if (kind == STYR_ENTITY_LEDGER) {
		struct styr_ledger_filter lf = {f ? f->unit : NULL, NULL, f ? f->year : 0};

		return styr_ledger_each(db, &lf, write_entry, &w, err);
	}
	if (kind == STYR_ENTITY_BRIDGE)
		return styr_bridge_each(db, f ? f->year : 0, write_bridge, &w, err);
	if (kind == STYR_ENTITY_ACTION)
		return styr_action_each(db, NULL, write_action, &w, err);
	if (kind == STYR_ENTITY_PROFILE)
		return styr_budget_profile_each(db, f ? f->unit : NULL, write_profile, &w, err);
	return styr_rule_each(db, write_rule, &w, err);
}
