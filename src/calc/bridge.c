/*
 * The regionbidrag bridge (seed 003 Bilaga 4B): for each board, last
 * year's regionbidrag (ingående) + tekniska justeringar + uppräkning (a
 * percent per sector: 2,9 % hälso- och sjukvård, 2,3 % the others) +
 * riktade satsningar = this year's (utgående); and the allocation model of
 * the hospital boards: the new ersättningsmodell gives each board a share
 * of their common pool (Sus 60,6 %, Landskrona 1,5 %, ...), and the
 * omfördelningseffekt is what that share gives minus what the board had.
 *
 * The document prints the shares rounded to 0,1 %, which on a pool of
 * 18 736 Mkr is ±9 Mkr, far more than the printed effects' precision; so
 * the model takes its shares from the effects (share = (base + effect) /
 * pool, exact), and checks that they round to the printed ones.  A what-if
 * (another uppräkning percent) then recomputes every board from the same
 * shares.  All amounts are tkr in int64_t; shares are ratios of such
 * amounts and applied with one rounding each.
 *
 * The checks that make the bridge a bridge (columns and zero-sum rows add
 * up, 4A agrees with 4B) are validation rules in data (rules.csv, check
 * kinds bridge*), run by styr check through bridge_check_run.
 */
#include <stdlib.h>
#include <string.h>

#include "calc/bridge_int.h"
#include "styr/buf.h"

static const char *const steps[] = {
    "ingaende",
    "summa_teknisk",
    "teknisk",
    "upprakning",
    "upprakning_pct",
    "riktad",
    "summa_riktad",
    "summa_forandring",
    "utgaende",
    "andel",
    "4a",
    "4a_summa",
    "4a_total",
    /* the region's financial figures (finance.csv, styr finance) */
    "arets_resultat",
    "realisationsvinster",
    "orealiserade_kursforluster",
    "justerat_resultat",
    "blandmodell",
    "rur_reservering",
    "rur_ianspratagande",
    "balanskravsresultat",
    "synnerliga_skal",
    "aterstallningskrav",
    "skatteintakter",
    "utjamning_bidrag",
    "skatt_utjamning_bidrag",
    "nettoskuld_borjan",
    "nettoskuld_forandring",
    "nettoskuld_slut",
};

int styr_bridge_step_check(const char *step, struct styr_err *err)
{
	size_t i;

	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if (!strcmp(step, steps[i]))
			return STYR_OK;
	return styr_error(err, STYR_EINPUT,
	                  "bridge step \"%s\": expected ingaende, teknisk, summa_teknisk, "
	                  "upprakning, upprakning_pct, riktad, summa_riktad, summa_forandring, "
	                  "utgaende, andel, 4a, 4a_summa, 4a_total or a financial measure such "
	                  "as arets_resultat (docs/formats.md)",
	                  step);
}

/* ---- loading ---- */

static int lines_add(void *ctx, const struct styr_bridge_line *b)
{
	struct bridge_lines *l = ctx;

	if (styr_array_grow((void **)&l->v, &l->cap, l->n, sizeof(*l->v), NULL))
		return STYR_ENOMEM;
	l->v[l->n++] = *b;
	return 0;
}

int bridge_lines_load(struct styr_db *db, int year, struct bridge_lines *l, struct styr_err *err)
{
	int rc;

	memset(l, 0, sizeof(*l));
	rc = styr_bridge_each(db, year, lines_add, l, err);
	if (rc == STYR_ENOMEM)
		rc = styr_error(err, STYR_ENOMEM, "out of memory");
	if (rc)
		bridge_lines_release(l);
	return rc;
}

void bridge_lines_release(struct bridge_lines *l)
{
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static struct styr_bridge_board *board(struct styr_bridge_model *m, const char *unit, size_t *cap)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		if (!strcmp(m->boards[i].unit, unit))
			return &m->boards[i];
	if (styr_array_grow((void **)&m->boards, cap, m->n, sizeof(*m->boards), NULL))
		return NULL;
	memset(&m->boards[m->n], 0, sizeof(m->boards[0]));
	snprintf(m->boards[m->n].unit, STYR_CODE_MAX, "%s", unit);
	return &m->boards[m->n++];
}

/* The pool and each andel board's share, from the effects. */
static void shares(struct styr_bridge_model *m)
{
	size_t i;

	m->pool = 0;
	for (i = 0; i < m->n; i++)
		if (m->boards[i].has_andel)
			m->pool +=
			    m->boards[i].ingaende + m->boards[i].teknisk + m->boards[i].upprakning;
	for (i = 0; i < m->n && m->pool; i++) {
		struct styr_bridge_board *b = &m->boards[i];

		if (b->has_andel)
			b->share_ppm = styr_div_round(
			    (b->ingaende + b->teknisk + b->upprakning + b->effekt) * 1000000,
			    m->pool);
	}
}

int styr_bridge_model_load(struct styr_db *db, int year, struct styr_bridge_model *m,
                           struct styr_err *err)
{
	struct bridge_lines l;
	size_t i, cap = 0;
	int rc;

	memset(m, 0, sizeof(*m));
	m->year = year;
	rc = bridge_lines_load(db, year, &l, err);
	for (i = 0; !rc && i < l.n; i++) {
		const struct styr_bridge_line *x = &l.v[i];
		struct styr_bridge_board *b;

		if (!strncmp(x->step, "4a", 2) || !strcmp(x->unit, STYR_FINANCE_UNIT))
			continue;
		b = board(m, x->unit, &cap);
		if (!b) {
			rc = styr_error(err, STYR_ENOMEM, "out of memory");
			break;
		}
		if (!strcmp(x->step, "ingaende"))
			b->ingaende = x->amount;
		else if (!strcmp(x->step, "summa_teknisk"))
			b->teknisk = x->amount;
		else if (!strcmp(x->step, "upprakning"))
			b->upprakning = x->amount;
		else if (!strcmp(x->step, "summa_riktad"))
			b->riktad = x->amount;
		else if (!strcmp(x->step, "summa_forandring"))
			b->forandring = x->amount;
		else if (!strcmp(x->step, "utgaende"))
			b->utgaende = x->amount;
		else if (!strcmp(x->step, "upprakning_pct")) {
			b->pct = x->amount;
			b->has_pct = true;
		} else if (!strcmp(x->step, "andel")) {
			b->andel = x->amount;
			b->has_andel = true;
		} else if (!strcmp(x->step, "riktad") && !strcmp(x->label, STYR_OMFORDELNING_LABEL))
			b->effekt = x->amount;
	}
	bridge_lines_release(&l);
	if (rc) {
		styr_bridge_model_release(m);
		return rc;
	}
	shares(m);
	return STYR_OK;
}

void styr_bridge_model_release(struct styr_bridge_model *m)
{
	free(m->boards);
	memset(m, 0, sizeof(*m));
}

static void counterpart(struct styr_bridge_model *m)
{
	struct styr_bridge_board *f = NULL;
	int64_t upp = 0, rikt = 0;
	size_t i;

	for (i = 0; i < m->n; i++) {
		if (m->boards[i].ingaende < 0) {
			if (f)
				return; /* more than one: no single counterpart */
			f = &m->boards[i];
		}
	}
	if (!f)
		return;
	for (i = 0; i < m->n; i++) {
		if (&m->boards[i] == f)
			continue;
		upp += m->boards[i].upprakning;
		rikt += m->boards[i].riktad;
	}
	f->upprakning = -upp;
	f->riktad = -rikt;
	f->forandring = f->teknisk + f->upprakning + f->riktad;
	f->utgaende = f->ingaende + f->forandring;
}

void styr_bridge_whatif(struct styr_bridge_model *m, int64_t old_pct, int64_t new_pct)
{
	int64_t pool = 0;
	size_t i;

	for (i = 0; i < m->n; i++) {
		struct styr_bridge_board *b = &m->boards[i];

		if (b->has_pct && b->pct == old_pct) {
			/* percent × 1000: (base × pct) / 100 000 */
			b->upprakning =
			    styr_div_round((b->ingaende + b->teknisk) * new_pct, 100000);
			b->pct = new_pct;
		}
		if (b->has_andel)
			pool += b->ingaende + b->teknisk + b->upprakning;
	}
	for (i = 0; i < m->n; i++) {
		struct styr_bridge_board *b = &m->boards[i];
		int64_t effekt = b->effekt;

		if (b->has_andel && m->pool) {
			b->effekt = styr_div_round(b->share_ppm * pool, 1000000) -
			            (b->ingaende + b->teknisk + b->upprakning);
			b->riktad += b->effekt - effekt;
		}
		b->forandring = b->teknisk + b->upprakning + b->riktad;
		b->utgaende = b->ingaende + b->forandring;
	}
	m->pool = pool;
	/* The finansiering column (the one negative regionbidrag) books the
	 * counterpart of every row, so the rows stay zero-sum. */
	counterpart(m);
}

/* ---- validation rules over the bridge ---- */

static bool is_bridge_check(const char *check)
{
	return !strncmp(check, "bridge", 6);
}

bool bridge_rule(const struct styr_rule *r)
{
	return is_bridge_check(r->check);
}

/* "step" or "step@-1": the step and the year offset. */
static int term(const char *text, size_t n, char *step, size_t size, int *offset)
{
	const char *at = memchr(text, '@', n);
	size_t len = at ? (size_t)(at - text) : n;

	*offset = 0;
	if (len == 0 || len >= size)
		return -1;
	memcpy(step, text, len);
	step[len] = '\0';
	if (at) {
		char *end;
		long o = strtol(at + 1, &end, 10);

		if (end != text + n || o < -50 || o > 50)
			return -1;
		*offset = (int)o;
	}
	return 0;
}

int bridge_rule_check(const struct styr_rule *r, struct styr_err *err)
{
	static const char *const kinds[] = {"bridge", "bridge-pct", "bridge-zero", "bridge-total",
	                                    "bridge-100"};
	const char *p = r->expr;
	size_t i;
	int offset;
	char step[STYR_CODE_MAX];

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (!strcmp(r->check, kinds[i]))
			break;
	if (i == sizeof(kinds) / sizeof(kinds[0]))
		return styr_error(err, STYR_EINPUT,
		                  "check \"%s\": expected rows, kinds, bridge, bridge-pct, "
		                  "bridge-zero, bridge-total or bridge-100",
		                  r->check);
	if (styr_bridge_step_check(r->subject, err)) {
		err->code = STYR_OK;
		err->msg[0] = '\0';
		return styr_error(err, STYR_EINPUT, "subject \"%s\": not a bridge step",
		                  r->subject);
	}
	if (!strcmp(r->check, "bridge-zero") || !strcmp(r->check, "bridge-100"))
		return STYR_OK; /* expr is a label, "*" (all rows) or "each" (per label) */
	while (*p) {
		size_t n;
		struct styr_err local;

		while (*p == ' ' || *p == '+' || *p == '-')
			p++;
		n = strcspn(p, "+- ");
		/* "@-1" belongs to the term */
		while (p[n] == '-' && n && p[n - 1] == '@')
			n += 1 + strcspn(p + n + 1, "+- ");
		styr_err_init(&local);
		if (!n || term(p, n, step, sizeof(step), &offset) ||
		    styr_bridge_step_check(step, &local))
			return styr_error(
			    err, STYR_EINPUT,
			    "expr \"%s\": expected bridge steps joined by + and -, such "
			    "as ingaende+summa_forandring or 4a@-1",
			    r->expr);
		p += n;
	}
	return STYR_OK;
}

/* Σ amounts of step for (year, unit); unit NULL: all units; label NULL:
 * any label.  Returns the number of rows found. */
static int sum(const struct bridge_lines *l, int year, const char *unit, const char *step,
               const char *label, int64_t *out)
{
	size_t i;
	int found = 0;

	*out = 0;
	for (i = 0; i < l->n; i++) {
		const struct styr_bridge_line *x = &l->v[i];

		if (x->year == year && !strcmp(x->step, step) &&
		    (!unit || !strcmp(x->unit, unit)) && (!label || !strcmp(x->label, label))) {
			*out += x->amount;
			found++;
		}
	}
	return found;
}

/* The basis a line's label names: "budget", "prognos" or "utfall", or ""
 * when the label names none (a sector, a satsning, nothing). */
static const char *basis_of(const char *label)
{
	static const char *const bases[] = {"budget", "prognos", "utfall"};
	size_t i;

	for (i = 0; i < sizeof(bases) / sizeof(bases[0]); i++)
		if (!strcmp(label, bases[i]))
			return bases[i];
	return "";
}

/* Whether a row of step in year (and unit) has a basis other than basis:
 * last year's budget is not compared with this year's figures, which
 * start from last year's prognos (seed 003's nettoskuld). */
static bool other_basis(const struct bridge_lines *l, int year, const char *unit, const char *step,
                        const char *basis)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		const struct styr_bridge_line *x = &l->v[i];

		if (x->year == year && !strcmp(x->step, step) &&
		    (!unit || !strcmp(x->unit, unit)) && strcmp(basis_of(x->label), basis))
			return true;
	}
	return false;
}

/* Evaluate expr for (year, unit); false when no term has rows, or when a
 * term of another year (step@-1) has another basis than basis. */
static bool eval(const struct bridge_lines *l, const char *expr, int year, const char *unit,
                 const char *basis, int64_t *out)
{
	const char *p = expr;
	bool any = false;
	int sign = 1;

	*out = 0;
	while (*p) {
		char step[STYR_CODE_MAX];
		int64_t v;
		int offset;
		size_t n;

		if (*p == ' ') {
			p++;
			continue;
		}
		if (*p == '+' || *p == '-') {
			sign = *p++ == '-' ? -1 : 1;
			continue;
		}
		n = strcspn(p, "+- ");
		while (p[n] == '-' && n && p[n - 1] == '@')
			n += 1 + strcspn(p + n + 1, "+- ");
		if (term(p, n, step, sizeof(step), &offset))
			return false;
		if (offset && other_basis(l, year + offset, unit, step, basis))
			return false;
		if (sum(l, year + offset, unit, step, NULL, &v))
			any = true;
		*out += sign * v;
		sign = 1;
		p += n;
	}
	return any;
}

/* Units (distinct, in stored order) with rows of step in year. */
static bool first_of_unit(const struct bridge_lines *l, size_t i)
{
	size_t j;

	for (j = 0; j < i; j++)
		if (l->v[j].year == l->v[i].year && !strcmp(l->v[j].step, l->v[i].step) &&
		    !strcmp(l->v[j].unit, l->v[i].unit))
			return false;
	return true;
}

/* First row of step in its year; with by_label, first of its label too. */
static bool first_of_year(const struct bridge_lines *l, size_t i, const char *step, bool by_label)
{
	size_t j;

	for (j = 0; j < i; j++)
		if (l->v[j].year == l->v[i].year && !strcmp(l->v[j].step, step) &&
		    (!by_label || !strcmp(l->v[j].label, l->v[i].label)))
			return false;
	return true;
}

int bridge_check_run(const struct bridge_lines *l, const struct styr_rule *r, const char *unit,
                     int year, bridge_report_fn report, void *ctx)
{
	size_t i;
	int rc;

	for (i = 0; i < l->n; i++) {
		const struct styr_bridge_line *x = &l->v[i];
		int64_t left, right, pct;
		char where[STYR_NAME_MAX * 2];
		struct styr_rule rr;

		if (strcmp(x->step, r->subject) || (year && x->year != year))
			continue;
		if (!strcmp(r->check, "bridge") || !strcmp(r->check, "bridge-pct")) {
			if ((unit && strcmp(unit, x->unit)) || !first_of_unit(l, i))
				continue;
			sum(l, x->year, x->unit, x->step, NULL, &left);
			if (!eval(l, r->expr, x->year, x->unit, basis_of(x->label), &right))
				continue;
			rr = *r;
			if (!strcmp(r->check, "bridge-pct")) {
				int64_t half = 500;

				if (!sum(l, x->year, x->unit, "upprakning_pct", NULL, &pct))
					continue;
				/* the percent as typed ("2,9") stands for any value
				 * that rounds to it: the base times half its last
				 * digit is a rounding, as styr proof judges it */
				while (half > 0 && pct % (half * 2))
					half /= 10;
				rr.tolerance +=
				    styr_div_round((right < 0 ? -right : right) * half, 100000);
				right = styr_div_round(right * pct, 100000);
			}
			snprintf(where, sizeof(where), "%s", x->step);
			/* an uppräkning of 0 against a percent: is the unit
			 * raised at all?  The lines do not say (proof: oklart) */
			rc = report(ctx, &rr, x->unit, x->year, where, left, right, x->source,
			            !strcmp(r->check, "bridge-pct") && left == 0 && right != 0);
		} else if (!strcmp(r->check, "bridge-total")) {
			const char *label = x->label[0] ? x->label : NULL;

			if (unit && strcmp(unit, x->unit))
				continue;
			if (!sum(l, x->year, NULL, r->expr, label, &right))
				continue;
			snprintf(where, sizeof(where), "%s%s%s", x->step, label ? " " : "",
			         label ? label : "");
			rc = report(ctx, r, x->unit, x->year, where, x->amount, right, x->source,
			            false);
		} else { /* bridge-zero, bridge-100: one sum per year (or label) */
			bool each = !strcmp(r->expr, "each");
			const char *label = each ? x->label : strcmp(r->expr, "*") ? r->expr : NULL;

			if (unit || !first_of_year(l, i, r->subject, each))
				continue;
			if (!sum(l, x->year, NULL, r->subject, label, &left))
				continue;
			snprintf(where, sizeof(where), "%s%s%s", r->subject, label ? " " : "",
			         label ? label : "");
			rc = report(ctx, r, "alla", x->year, where, left,
			            !strcmp(r->check, "bridge-100") ? 100000 : 0, NULL, false);
		}
		if (rc)
			return rc;
	}
	return 0;
}

/* ---- financial goals ---- */

static bool finance_value(const struct bridge_lines *l, int year, const char *step, int64_t *out)
{
	return sum(l, year, STYR_FINANCE_UNIT, step, NULL, out) > 0;
}

int styr_finance_years(struct styr_db *db, int first, size_t n, struct styr_finance_year *out,
                       struct styr_err *err)
{
	struct bridge_lines l;
	size_t i;
	int rc = bridge_lines_load(db, 0, &l, err);

	if (rc)
		return rc;
	for (i = 0; i < n; i++) {
		struct styr_finance_year *y = &out[i];
		int64_t r_sum = 0, s_sum = 0, v;
		int k, years = 0;

		memset(y, 0, sizeof(*y));
		y->year = first + (int)i;
		y->has_resultat = finance_value(&l, y->year, "arets_resultat", &y->resultat);
		y->has_sub = finance_value(&l, y->year, "skatt_utjamning_bidrag", &y->sub);
		y->has_bkr =
		    finance_value(&l, y->year, "balanskravsresultat", &y->balanskravsresultat);
		finance_value(&l, y->year, "synnerliga_skal", &y->synnerliga_skal);
		y->has_skuld = finance_value(&l, y->year, "nettoskuld_slut", &y->nettoskuld);
		if (y->has_resultat && y->has_sub && y->sub)
			y->resultat_pct100 = styr_div_round(y->resultat * 10000, y->sub);
		if (y->has_skuld && y->has_sub && y->sub)
			/* printed as a liability: negative is debt */
			y->skuld_pct100 = styr_div_round(
			    (y->nettoskuld < 0 ? -y->nettoskuld : 0) * 10000, y->sub);
		/* the rolling five years need all five */
		for (k = 0; k < 5; k++) {
			int64_t r;

			if (finance_value(&l, y->year - k, "arets_resultat", &r) &&
			    finance_value(&l, y->year - k, "skatt_utjamning_bidrag", &v)) {
				r_sum += r;
				s_sum += v;
				years++;
			}
		}
		if (years == 5 && s_sum) {
			y->has_rolling = true;
			y->rolling_pct100 = styr_div_round(r_sum * 10000, s_sum);
		}
	}
	bridge_lines_release(&l);
	return STYR_OK;
}
