/*
 * Charts of accounts: which resultaträkning row an account of classes 3–8
 * goes to (docs/ekonomi.md, "Kontoplaner").  styr ships three as data
 * compiled into the binary (data/charts/: BAS for companies, Region-Bas
 * for regions, Kommun-Bas for municipalities); a database chooses one
 * with the setting "chart" (styr config chart), an SIE import with
 * --chart; without either the stored map (account_map: BAS from
 * migration 0002, or what a --mapping file last wrote) holds, as before.
 *
 * A chart is read whole into memory and looked up there: the narrowest
 * range holding an account wins, as the stored map's lookup does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "styr/buf.h"
#include "styr/ledger.h"

extern const char styr_chart_bas[], styr_chart_region_bas[], styr_chart_kommun_bas[];
extern const size_t styr_chart_bas_len, styr_chart_region_bas_len, styr_chart_kommun_bas_len;

static const struct {
	const char *name;
	const char *text;
	const size_t *len;
} shipped[] = {
    {"bas", styr_chart_bas, &styr_chart_bas_len},
    {"region-bas", styr_chart_region_bas, &styr_chart_region_bas_len},
    {"kommun-bas", styr_chart_kommun_bas, &styr_chart_kommun_bas_len},
};

#define NSHIPPED (sizeof(shipped) / sizeof(shipped[0]))

const char *styr_chart_name(size_t i)
{
	return i < NSHIPPED ? shipped[i].name : NULL;
}

int styr_chart_name_check(const char *name, struct styr_err *err)
{
	size_t i;

	for (i = 0; i < NSHIPPED; i++)
		if (!strcmp(name, shipped[i].name))
			return STYR_OK;
	return styr_error(err, STYR_EINPUT, "chart \"%s\": expected bas, region-bas or kommun-bas",
	                  name);
}

static int add_range(struct styr_chart *c, int first, int last, const char *row,
                     struct styr_err *err)
{
	struct styr_account_range *r;

	if (styr_array_grow((void **)&c->r, &c->cap, c->n, sizeof(*c->r), err))
		return STYR_ENOMEM;
	r = &c->r[c->n++];
	r->first = first;
	r->last = last;
	snprintf(r->row, sizeof(r->row), "%s", row);
	return STYR_OK;
}

/* "accounts;row" lines; '#' starts a comment line.  Each row must be in
 * the plan (a label is taken as its code). */
static int parse(struct styr_db *db, const char *where, const char *text, size_t len,
                 struct styr_chart *c, struct styr_err *err)
{
	const char *p = text, *end = text + len;
	int lineno = 0, rc = STYR_OK;
	bool header = false;

	while (p < end && !rc) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char line[256], accounts[64], row[STYR_NAME_MAX];
		struct styr_ledger_row found;
		int first = 0, last = 0;
		char *semi, tail;

		lineno++;
		if (n && p[n - 1] == '\r')
			n--;
		if (n >= sizeof(line))
			return styr_error(err, STYR_EINPUT, "%s:%d: line longer than %zu bytes",
			                  where, lineno, sizeof(line) - 1);
		memcpy(line, p, n);
		line[n] = '\0';
		p = nl ? nl + 1 : end;
		if (!line[0] || line[0] == '#')
			continue;
		if (!header) {
			header = true;
			if (strcmp(line, "accounts;row"))
				return styr_error(err, STYR_EINPUT,
				                  "%s:%d: header \"%s\": expected accounts;row",
				                  where, lineno, line);
			continue;
		}
		semi = strchr(line, ';');
		if (!semi || (size_t)(semi - line) >= sizeof(accounts))
			return styr_error(err, STYR_EINPUT,
			                  "%s:%d: expected two columns, accounts;row, such as "
			                  "5000-5399;lonekostnader",
			                  where, lineno);
		memcpy(accounts, line, (size_t)(semi - line));
		accounts[semi - line] = '\0';
		snprintf(row, sizeof(row), "%s", semi + 1);
		if (sscanf(accounts, "%d-%d%c", &first, &last, &tail) != 2 &&
		    (sscanf(accounts, "%d%c", &first, &tail) != 1 || (last = first, 0)))
			first = -1;
		if (first < 0 || last > 9999 || last < first)
			return styr_error(err, STYR_EINPUT,
			                  "%s:%d: column \"accounts\": \"%s\": expected an account "
			                  "such as 5010 or a range such as 5000-5399",
			                  where, lineno, accounts);
		if (!strcmp(row, "-") || !row[0]) {
			rc = add_range(c, first, last, "", err);
			continue;
		}
		if ((rc = styr_ledger_row_find(db, row, &found, err))) {
			styr_err_prefix(err, "%s:%d: column \"row\": ", where, lineno);
			return rc;
		}
		rc = add_range(c, first, last, found.code, err);
	}
	if (!rc && !header)
		rc = styr_error(err, STYR_EINPUT, "%s: no header: expected accounts;row", where);
	return rc;
}

static int take_range(void *ctx, const struct styr_account_range *r)
{
	struct styr_chart *c = ctx;

	return add_range(c, r->first, r->last, r->row, NULL);
}

int styr_chart_load(struct styr_db *db, const char *name, struct styr_chart *out,
                    struct styr_err *err)
{
	char chosen[32] = "";
	size_t i;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!name) {
		if ((rc = styr_setting_get(db, "chart", chosen, sizeof(chosen), err)))
			return rc;
		name = chosen[0] ? chosen : NULL;
	}
	if (!name || !strcmp(name, "stored")) {
		snprintf(out->name, sizeof(out->name), "stored");
		rc = styr_account_map_each(db, take_range, out, err);
		if (rc == STYR_ENOMEM)
			rc = styr_error(err, rc, "out of memory");
		if (rc)
			styr_chart_release(out);
		return rc;
	}
	for (i = 0; i < NSHIPPED; i++)
		if (!strcmp(name, shipped[i].name))
			break;
	if (i == NSHIPPED)
		return styr_chart_name_check(name, err);
	snprintf(out->name, sizeof(out->name), "%s", name);
	{
		char where[64];

		snprintf(where, sizeof(where), "data/charts/%s.csv", name);
		rc = parse(db, where, shipped[i].text, *shipped[i].len, out, err);
	}
	if (rc)
		styr_chart_release(out);
	return rc;
}

int styr_chart_text(const char *name, const char **text, size_t *len)
{
	size_t i;

	for (i = 0; i < NSHIPPED; i++)
		if (!strcmp(name, shipped[i].name)) {
			*text = shipped[i].text;
			*len = *shipped[i].len;
			return STYR_OK;
		}
	return STYR_ENOTFOUND;
}

bool styr_chart_lookup(const struct styr_chart *c, int account, const char **row)
{
	const struct styr_account_range *best = NULL;
	size_t i;

	for (i = 0; i < c->n; i++) {
		const struct styr_account_range *r = &c->r[i];

		if (account < r->first || account > r->last)
			continue;
		if (!best || r->last - r->first < best->last - best->first ||
		    (r->last - r->first == best->last - best->first && r->first < best->first))
			best = r;
	}
	if (best && row)
		*row = best->row;
	return best != NULL;
}

void styr_chart_release(struct styr_chart *c)
{
	free(c->r);
	memset(c, 0, sizeof(*c));
}
