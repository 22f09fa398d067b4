/*
 * Validation rules, as DHIS2 calls them: statements that must hold between
 * figures ("SUMMA INTÄKTER = Σ income rows", "Avvikelse = Utfall − Budget",
 * "RESULTAT = intäkter + kostnader").  The rules are data (a rules file,
 * stored in the database), not code, so a controller can add one without a
 * new styr; this file only knows two shapes of rule:
 *
 *   rows   subject row = Σ ±rows of expr, per unit, table, period and kind;
 *          expr "children" means the rows whose parent in the plan is the
 *          subject and that the table prints (a table of personnel costs
 *          only sums its three rows);
 *   kinds  subject kind = Σ ±kinds of expr, per unit, table, period and row
 *          ("avvikelse" = "utfall-budget").
 *
 * A rule is checked only where all of its terms exist; a difference within
 * the rule's tolerance is a rounding note (Mkr/tkr rounding in a printed
 * table), anything larger an error.  Ledger amounts are compared exactly
 * in öre (a tolerance is tkr, STYR_ORE_PER_TKR öre each); a finding shows
 * its figures in tkr, each rounded once.  The ledger is read once, in the
 * store's order, one group (unit, table, year, month) at a time, into a
 * small dense array, so a check over millions of rows needs no index and
 * little memory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calc/bridge_int.h"
#include "import/ledger_sums.h"
#include "styr/buf.h"
#include "styr/ledger.h"

#define MAX_TERMS 64

static const char *const kind_names[] = {"utfall", "budget", "prognos", "avvikelse"};
#define NKINDS 4

static int kind_index(const char *k)
{
	int i;

	for (i = 0; i < NKINDS; i++)
		if (!strcmp(k, kind_names[i]))
			return i;
	return -1;
}

struct term {
	int index; /* plan row or kind */
	int sign;  /* +1 or -1 */
};

struct compiled {
	struct styr_rule rule;
	bool rows;   /* else kinds */
	int subject; /* plan row or kind */
	struct term terms[MAX_TERMS];
	int nterms;
};

struct checker {
	struct styr_row_plan plan;
	struct compiled *rules;
	size_t nrules, cap;
	struct styr_rule *brules; /* rules over the bridge (bridge.c) */
	size_t nbrules, bcap;
	struct styr_err *err;
	/* the current group */
	struct styr_ledger_entry key;
	bool in_group;
	char last_row[STYR_CODE_MAX]; /* the row looked up last, and its index */
	int last_index;
	int64_t *amount; /* [plan row][kind] */
	unsigned char *has;
	char (*source)[STYR_SOURCE_MAX]; /* [plan row][kind]: where it came from */
	int (*cb)(void *, const struct styr_finding *);
	void *ctx;
	struct styr_check_stats *stats;
	int rc;
};

static int plan_index(const struct styr_row_plan *p, const char *code)
{
	size_t i = styr_row_plan_find(p, p->n, code);

	return i < p->n ? (int)i : -1;
}

/* Parse "a+b-c" (or "children" for rows) into terms.  plan is NULL for a
 * kinds rule. */
static int compile(const struct styr_rule *r, const struct styr_row_plan *plan, struct compiled *c,
                   struct styr_err *err)
{
	const char *p = r->expr;
	int sign = 1;

	memset(c, 0, sizeof(*c));
	c->rule = *r;
	if (!strcmp(r->check, "rows"))
		c->rows = true;
	else if (strcmp(r->check, "kinds"))
		return styr_error(err, STYR_EINPUT, "check \"%s\": expected rows or kinds",
		                  r->check);
	c->subject = c->rows ? (plan ? plan_index(plan, r->subject) : 0) : kind_index(r->subject);
	if (c->subject < 0)
		return styr_error(err, STYR_EINPUT,
		                  c->rows ? "subject \"%s\": not a row of the resultaträkning plan"
		                          : "subject \"%s\": expected utfall, budget, prognos or "
		                            "avvikelse",
		                  r->subject);
	if (c->rows && !strcmp(p, "children")) {
		size_t i;

		for (i = 0; plan && i < plan->n && c->nterms < MAX_TERMS; i++)
			if (!strcmp(plan->rows[i].parent, r->subject))
				c->terms[c->nterms++] = (struct term){(int)i, 1};
		return STYR_OK;
	}
	while (*p) {
		char name[STYR_CODE_MAX];
		size_t n;
		int idx;

		while (*p == ' ')
			p++;
		if (*p == '+' || *p == '-') {
			sign = *p == '-' ? -1 : 1;
			p++;
			continue;
		}
		n = strcspn(p, "+- ");
		if (n == 0 || n >= sizeof(name))
			return styr_error(err, STYR_EINPUT,
			                  "expr \"%s\": expected names joined by + and -, such as "
			                  "utfall-budget",
			                  r->expr);
		memcpy(name, p, n);
		name[n] = '\0';
		p += n;
		idx = c->rows ? (plan ? plan_index(plan, name) : 0) : kind_index(name);
		if (idx < 0)
			return styr_error(err, STYR_EINPUT, "expr \"%s\": \"%s\" is not a %s",
			                  r->expr, name,
			                  c->rows ? "row of the plan" : "ledger kind");
		if (c->nterms == MAX_TERMS)
			return styr_error(err, STYR_EINPUT, "expr \"%s\": more than %d terms",
			                  r->expr, MAX_TERMS);
		c->terms[c->nterms++] = (struct term){idx, sign};
		sign = 1;
	}
	if (!c->nterms)
		return styr_error(err, STYR_EINPUT,
		                  "expr is empty: expected names joined by + and -");
	return STYR_OK;
}

int styr_rule_check(const struct styr_rule *r, struct styr_err *err)
{
	struct compiled c;

	if (bridge_rule(r))
		return bridge_rule_check(r, err);
	/* Row names are checked against the plan when the rule runs. */
	return compile(r, NULL, &c, err);
}

static int add_rule(void *ctx, const struct styr_rule *r)
{
	struct checker *k = ctx;

	if (bridge_rule(r)) {
		if (styr_array_grow((void **)&k->brules, &k->bcap, k->nbrules, sizeof(*k->brules),
		                    k->err))
			return STYR_ENOMEM;
		if (bridge_rule_check(r, k->err)) {
			styr_err_prefix(k->err, "rule %s: ", r->code);
			return STYR_EINPUT;
		}
		k->brules[k->nbrules++] = *r;
		return 0;
	}
	if (styr_array_grow((void **)&k->rules, &k->cap, k->nrules, sizeof(*k->rules), k->err))
		return STYR_ENOMEM;
	if (compile(r, &k->plan, &k->rules[k->nrules], k->err)) {
		styr_err_prefix(k->err, "rule %s: ", r->code);
		return STYR_EINPUT;
	}
	k->nrules++;
	return 0;
}

static bool tab_matches(const struct styr_rule *r, const char *tab)
{
	return !strcmp(r->tab, "*") || !strcmp(r->tab, tab);
}

/* left and right in units of scale (STYR_ORE_PER_TKR for the ledger's
 * öre, 1 for figures already in tkr): compared exactly, shown in tkr. */
static int finding(struct checker *k, const struct styr_rule *rule, const char *where,
                   const char *left_label, int64_t left, int64_t right, int64_t scale,
                   const char *source, bool unclear)
{
	struct styr_finding f;
	int64_t d = left - right;

	k->stats->checked++;
	if (d == 0)
		return 0;
	memset(&f, 0, sizeof(f));
	f.rule = rule;
	snprintf(f.unit, sizeof(f.unit), "%s", k->key.unit);
	snprintf(f.tab, sizeof(f.tab), "%s", k->key.tab);
	f.year = k->key.year;
	f.month = k->key.month;
	snprintf(f.where, sizeof(f.where), "%s", where);
	snprintf(f.left_label, sizeof(f.left_label), "%s", left_label);
	if (!strcmp(rule->check, "bridge-pct"))
		snprintf(f.right_label, sizeof(f.right_label), "upprakning_pct × (%.200s)",
		         rule->expr);
	else if (!strcmp(rule->check, "bridge-zero"))
		snprintf(f.right_label, sizeof(f.right_label), "0");
	else if (!strcmp(rule->check, "bridge-100"))
		snprintf(f.right_label, sizeof(f.right_label), "100 %%");
	else
		snprintf(f.right_label, sizeof(f.right_label), "%s", rule->expr);
	f.left = styr_ore_round(left, scale);
	f.right = styr_ore_round(right, scale);
	f.diff = styr_ore_round(d, scale);
	f.rounding = (d < 0 ? -d : d) <= rule->tolerance * scale;
	f.unclear = unclear && !f.rounding;
	snprintf(f.source, sizeof(f.source), "%s", source ? source : "");
	if (f.unclear)
		k->stats->unclear++;
	else if (f.rounding)
		k->stats->notes++;
	else
		k->stats->errors++;
	return k->cb ? k->cb(k->ctx, &f) : 0;
}

static int report(struct checker *k, const struct compiled *c, const char *where,
                  const char *left_label, int64_t left, int64_t right, size_t at)
{
	return finding(k, &c->rule, where, left_label, left, right, STYR_ORE_PER_TKR, k->source[at],
	               false);
}

static int bridge_report(void *ctx, const struct styr_rule *r, const char *unit, int year,
                         const char *where, int64_t left, int64_t right, const char *source,
                         bool unclear)
{
	struct checker *k = ctx;

	memset(&k->key, 0, sizeof(k->key));
	snprintf(k->key.unit, sizeof(k->key.unit), "%s", unit);
	k->key.year = year;
	return finding(k, r, where, r->subject, left, right, 1, source, unclear);
}

static int check_group(struct checker *k)
{
	size_t i;
	int r, j, rc;

	for (i = 0; i < k->nrules; i++) {
		const struct compiled *c = &k->rules[i];

		if (!tab_matches(&c->rule, k->key.tab))
			continue;
		if (c->rows) {
			for (j = 0; j < NKINDS; j++) {
				int64_t sum = 0;
				int present = 0, t;
				size_t at = (size_t)c->subject * NKINDS + (size_t)j;

				if (!k->has[at])
					continue;
				for (t = 0; t < c->nterms; t++) {
					size_t ti = (size_t)c->terms[t].index * NKINDS + (size_t)j;

					if (k->has[ti]) {
						sum += c->terms[t].sign * k->amount[ti];
						present++;
					}
				}
				/* children: the rows the table prints; explicit: all */
				if (!present ||
				    (strcmp(c->rule.expr, "children") && present != c->nterms))
					continue;
				rc = report(k, c, kind_names[j], k->plan.rows[c->subject].label,
				            k->amount[at], sum, at);
				if (rc)
					return rc;
			}
		} else {
			for (r = 0; r < (int)k->plan.n; r++) {
				size_t base = (size_t)r * NKINDS;
				int64_t sum = 0;
				int t;

				if (!k->has[base + (size_t)c->subject])
					continue;
				for (t = 0; t < c->nterms; t++) {
					if (!k->has[base + (size_t)c->terms[t].index])
						break;
					sum += c->terms[t].sign *
					       k->amount[base + (size_t)c->terms[t].index];
				}
				if (t < c->nterms)
					continue;
				rc = report(k, c, k->plan.rows[r].label, c->rule.subject,
				            k->amount[base + (size_t)c->subject], sum,
				            base + (size_t)c->subject);
				if (rc)
					return rc;
			}
		}
	}
	memset(k->has, 0, k->plan.n * NKINDS);
	return 0;
}

static bool same_group(const struct styr_ledger_entry *a, const struct styr_ledger_entry *b)
{
	return a->year == b->year && a->month == b->month && !strcmp(a->unit, b->unit) &&
	       !strcmp(a->tab, b->tab);
}

static int take_entry(void *ctx, const struct styr_ledger_entry *e)
{
	struct checker *k = ctx;
	int row, kind, rc;
	size_t n;

	if (!k->in_group || !same_group(&k->key, e)) {
		if (k->in_group && (rc = check_group(k)))
			return rc;
		/* only the group's key is needed later */
		memcpy(k->key.unit, e->unit, sizeof(k->key.unit));
		memcpy(k->key.tab, e->tab, sizeof(k->key.tab));
		k->key.year = e->year;
		k->key.month = e->month;
	}
	k->in_group = true;
	kind = kind_index(e->kind);
	/* the kinds of one row come one after another: look the row up once */
	if (strcmp(k->last_row, e->row)) {
		size_t i = styr_row_plan_find(
		    &k->plan, k->last_index < 0 ? k->plan.n : (size_t)k->last_index, e->row);

		memcpy(k->last_row, e->row, sizeof(k->last_row));
		k->last_index = i < k->plan.n ? (int)i : -1;
	}
	row = k->last_index;
	if (kind < 0 || row < 0)
		return 0;
	k->amount[(size_t)row * NKINDS + (size_t)kind] = e->amount_ore;
	k->has[(size_t)row * NKINDS + (size_t)kind] = 1;
	/* the text, not the whole buffer: this runs for every amount */
	n = strnlen(e->source, sizeof(e->source) - 1);
	memcpy(k->source[(size_t)row * NKINDS + (size_t)kind], e->source, n);
	k->source[(size_t)row * NKINDS + (size_t)kind][n] = '\0';
	return 0;
}

int styr_check_run(struct styr_db *db, const struct styr_ledger_filter *f,
                   int (*cb)(void *ctx, const struct styr_finding *fd), void *ctx,
                   struct styr_check_stats *stats, struct styr_err *err)
{
	struct checker k;
	struct styr_check_stats local;
	int rc;

	memset(&k, 0, sizeof(k));
	if (!stats)
		stats = &local;
	memset(stats, 0, sizeof(*stats));
	k.err = err;
	k.cb = cb;
	k.ctx = ctx;
	k.stats = stats;
	k.last_index = -1;
	rc = styr_row_plan_load(db, &k.plan, err);
	if (!rc)
		rc = styr_rule_each(db, add_rule, &k, err);
	stats->rules = k.nrules + k.nbrules;
	if (!rc) {
		k.amount = calloc(k.plan.n * NKINDS + 1, sizeof(*k.amount));
		k.has = calloc(k.plan.n * NKINDS + 1, 1);
		k.source = calloc(k.plan.n * NKINDS + 1, sizeof(*k.source));
		if (!k.amount || !k.has || !k.source)
			rc = styr_error(err, STYR_ENOMEM, "out of memory");
	}
	if (!rc)
		rc = styr_ledger_each(db, f, take_entry, &k, err);
	if (!rc && k.in_group)
		rc = check_group(&k);
	if (!rc && k.nbrules) {
		struct bridge_lines l;
		size_t i;

		/* all years: a rule may look at last year (step@-1) */
		rc = bridge_lines_load(db, 0, &l, err);
		for (i = 0; !rc && i < k.nbrules; i++)
			rc = bridge_check_run(&l, &k.brules[i], f ? f->unit : NULL, f ? f->year : 0,
			                      bridge_report, &k);
		bridge_lines_release(&l);
	}
	free(k.amount);
	free(k.has);
	free(k.source);
	free(k.rules);
	free(k.brules);
	styr_row_plan_release(&k.plan);
	return rc;
}

void styr_finding_source_text(const char *source, char *buf, size_t size)
{
	size_t n = strlen(source);
	const char *at = strstr(source, " at ");
	static const char sie[] = " (SIE)", text[] = " (rapporttext)";

	if (!n)
		snprintf(buf, size, "%s", "");
	else if (!strcmp(source, LEDGER_SUMS_SOURCE))
		snprintf(buf, size, "summan av de inlästa raderna (räknad av styr)");
	else if (n > strlen(sie) && !strcmp(source + n - strlen(sie), sie))
		snprintf(buf, size, "i bokföringen (%.*s, SIE)", (int)(n - strlen(sie)), source);
	else if (n > strlen(text) && !strcmp(source + n - strlen(text), text))
		snprintf(buf, size, "i rapporttexten (%.*s)", (int)(n - strlen(text)), source);
	else if (at && (!strchr(source, ':') || strchr(source, ':') > at))
		snprintf(buf, size, "inmatat av %.*s (%s)", (int)(at - source), source, at + 4);
	else
		snprintf(buf, size, "i de inlästa uppgifterna (%s)", source);
}
