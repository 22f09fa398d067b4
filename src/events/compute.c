/*
 * Computing the indicators from event columns (docs/indicators.md).  Every
 * rule adds, per event, to a numerator and a denominator of the event's
 * unit and month; the previous year is counted too (ID0091's change, and
 * readmissions read across the year's end).  Units are then rolled up the
 * org tree by adding each unit's sums to its parent's, and a value is made
 * per unit, month and year.  All sums are integers, so the result does not
 * depend on the order of the events and agrees exactly with the same rules
 * written in SQL (tests/cli/t_events*.sh, bench/events).
 *
 * One pass per kind of event over flat arrays; the only sort is of the
 * inpatient episodes by patient and admission, for readmissions.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "events/events_int.h"
#include "styr/period.h"
#include "styr/err.h"
#include "styr/model.h"

#define NM 24 /* the previous year's months, then the year's */

enum rule {
	R_ID0069,
	R_ID0070,
	R_ID0139,
	R_ID0210,
	R_ID0340,
	R_AKUT4H,
	R_ID0128,
	R_ID0010,
	R_BEL,
	R_VPL,
	R_MVT,
	R_VTF,
	R_VD,
	R_BES,
	R_LAK,
	R_OVR,
	R_OPTOT,
	R_OPSV,
	R_OPOV,
	R_CMI,
	R_ID0091,
	R_ID0091F,
	R_N
};

enum shape {
	S_SNAPSHOT, /* share of the month's snapshot; the year is the mean of the months */
	S_SHARE,    /* 100 × num / den */
	S_MEAN,     /* num / den */
	S_MILLI,    /* num / den / 1000 */
	S_COUNT,    /* num */
	S_PERDAY,   /* num / the period's days */
	S_CHANGE    /* the year's num against the previous year's, in % */
};

#define KV STYR_IND_KVALITET
#define PR STYR_IND_PRODUKTION
const struct ev_out ev_rules[R_N] = {
    [R_ID0069] = {"ID0069", "Väntande inom 90 dagar - första besök", "%",
                  "Andel väntande på första besök som väntat högst 90 dagar, ögonblicksbild vid "
                  "månadens slut; året är medelvärdet av månaderna.",
                  KV},
    [R_ID0070] = {"ID0070", "Väntande inom 90 dagar- operation/åtgärd", "%",
                  "Andel väntande på operation/åtgärd som väntat högst 90 dagar, "
                  "ögonblicksbild vid månadens slut; året är medelvärdet av månaderna.",
                  KV},
    [R_ID0139] = {"ID0139", "Följsamhet till medicinskt måldatum för genomförda återbesök", "%",
                  "Andel genomförda återbesök senast på det medicinska måldatumet.", KV},
    [R_ID0210] = {"ID0210",
                  "Andel patienter som väntar mindre än en timme på en första läkarbedömning "
                  "(akutmottagning)",
                  "%", "Andel akutbesök med första läkarbedömning inom en timme från ankomst.", KV},
    [R_ID0340] = {"ID0340",
                  "Andel patienter som väntar kortare tid än två timmar på inskrivning till "
                  "vårdavdelning från akutmottagning",
                  "%",
                  "Andel akutbesök med ankomst till avdelning inom två timmar från beslut "
                  "om inläggning.",
                  KV},
    [R_AKUT4H] = {"EV-AKUT4H", "Vistelsetid på akutmottagning högst 4 timmar", "%",
                  "Andel akutbesök med högst fyra timmar från ankomst till avgång.", KV},
    [R_ID0128] = {"ID0128", "Överbeläggningar", "per 100 vpl",
                  "Antal överbeläggningar per hundra vårdplatser.", KV},
    [R_ID0010] = {"ID0010", "Utlokaliserade patienter", "per 100 vpl",
                  "Antal utlokaliserade patienter per hundra vårdplatser.", KV},
    [R_BEL] = {"EV-BEL", "Beläggningsgrad", "%",
               "Belagda vårdplatser / disponibla vårdplatser, dag för dag.", PR},
    [R_VPL] = {"PROD-VPL", "Fastställda vårdplatser", "antal",
               "Medelantal disponibla vårdplatser i perioden (dagliga beläggningen).", PR},
    [R_MVT] = {"EV-MVT", "Medelvårdtid", "dagar",
               "Vårddagar för vårdtillfällen avslutade i perioden / antalet.", PR},
    [R_VTF] = {"PROD-SV-VTF", "Vårdtillfällen (avslutade sjukhusvårdtf)", "antal",
               "Vårdtillfällen avslutade i perioden.", PR},
    [R_VD] = {"PROD-SV-VD", "Vårddagar (periodiserade)", "antal",
              "Vårddagar (nätter) som infaller i perioden.", PR},
    [R_BES] = {"PROD-OV-BES", "Besök", "antal", "Öppenvårdsbesök, ny- och återbesök.", PR},
    [R_LAK] = {"PROD-OV-LAK", "varav läkarbesök", "antal", "Läkarbesök.", PR},
    [R_OVR] = {"PROD-OV-OVR", "varav övriga vårdgivare", "antal", "Besök hos övriga vårdgivare.",
               PR},
    [R_OPTOT] = {"PROD-OP-TOT", "Totalt antal operationer", "antal", "Operationer.", PR},
    [R_OPSV] = {"PROD-OP-SV", "Slutenvårdsoperationer", "antal", "Operationer i sluten vård.", PR},
    [R_OPOV] = {"PROD-OP-OV", "Öppenvårdsoperationer", "antal", "Operationer i öppen vård.", PR},
    [R_CMI] = {"EV-CMI", "Case mix (DRG-vikt per vårdtillfälle)", "DRG-poäng",
               "Summa DRG-vikter / vårdtillfällen med DRG, avslutade i perioden.", PR},
    [R_ID0091] = {"ID0091", "Återinskrivning 1-30 dagar för äldre", "%",
                  "Andel vårdtillfällen för patienter 65 år och äldre som följs av en ny "
                  "inskrivning 1–30 dagar efter utskrivningen.",
                  KV},
    [R_ID0091F] = {"EV-ID0091-F", "Återinskrivning för äldre, förändring av antalet", "%",
                   "Förändring av antalet återinskrivningar (ID0091) mot föregående år.", KV},
};
const size_t ev_nrules = R_N;

static const enum shape shapes[R_N] = {
    [R_ID0069] = S_SNAPSHOT, [R_ID0070] = S_SNAPSHOT, [R_ID0139] = S_SHARE, [R_ID0210] = S_SHARE,
    [R_ID0340] = S_SHARE,    [R_AKUT4H] = S_SHARE,    [R_ID0128] = S_SHARE, [R_ID0010] = S_SHARE,
    [R_BEL] = S_SHARE,       [R_VPL] = S_PERDAY,      [R_MVT] = S_MEAN,     [R_VTF] = S_COUNT,
    [R_VD] = S_COUNT,        [R_BES] = S_COUNT,       [R_LAK] = S_COUNT,    [R_OVR] = S_COUNT,
    [R_OPTOT] = S_COUNT,     [R_OPSV] = S_COUNT,      [R_OPOV] = S_COUNT,   [R_CMI] = S_MILLI,
    [R_ID0091] = S_SHARE,    [R_ID0091F] = S_CHANGE,
};

struct acc {
	int64_t num, den;
};

struct calc {
	const struct ev_data *d;
	int year;
	size_t nu;
	struct acc *a;          /* [rule][unit][NM] */
	int64_t mstart[NM + 1]; /* first day of each month, and the day after the last */
};

static struct acc *at(struct calc *c, int r, int32_t u, int mi)
{
	return &c->a[((size_t)r * c->nu + (size_t)u) * NM + (size_t)mi];
}

static int month_of_day(const struct calc *c, int64_t day)
{
	int lo = 0, hi = NM;

	if (day < c->mstart[0] || day >= c->mstart[NM])
		return -1;
	while (hi - lo > 1) {
		int mid = (lo + hi) / 2;

		if (day >= c->mstart[mid])
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static int64_t day_of(int64_t t)
{
	return t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
}

static int month_of(const struct calc *c, int64_t t)
{
	return month_of_day(c, day_of(t));
}

static void add(struct calc *c, int r, int32_t u, int mi, int64_t num, int64_t den)
{
	struct acc *a = at(c, r, u, mi);

	a->num += num;
	a->den += den;
}

static void waitlist(struct calc *c)
{
	const struct ev_table *t = &c->d->t[STYR_EV_WAITLIST];
	const int32_t *unit = t->col[2], *kind = t->col[3], *listed = t->col[4], *done = t->col[5];
	size_t i;

	for (i = 0; i < t->n; i++) {
		int r = kind[i] == 0 ? R_ID0069 : R_ID0070, mi;

		/* snapshot at the end of each month: waiting when listed on or
		 * before the month's last day and not done by it */
		for (mi = 0; mi < NM; mi++) {
			int64_t snap = c->mstart[mi + 1] - 1;

			if (listed[i] > snap)
				continue;
			if (done[i] != EV_NONE32 && done[i] <= snap)
				break;
			add(c, r, unit[i], mi, snap - listed[i] <= 90, 1);
		}
	}
}

static void visits(struct calc *c)
{
	const struct ev_table *t = &c->d->t[STYR_EV_VISITS];
	const int32_t *unit = t->col[2], *kind = t->col[4], *care = t->col[5], *target = t->col[6];
	const int64_t *time = t->col[3];
	size_t i;

	for (i = 0; i < t->n; i++) {
		int64_t day = day_of(time[i]);
		int mi = month_of_day(c, day);

		if (mi < 0)
			continue;
		add(c, R_BES, unit[i], mi, 1, 1);
		add(c, care[i] == 0 ? R_LAK : R_OVR, unit[i], mi, 1, 1);
		if (kind[i] == 1 && target[i] != EV_NONE32)
			add(c, R_ID0139, unit[i], mi, day <= target[i], 1);
	}
}

static void ed(struct calc *c)
{
	const struct ev_table *t = &c->d->t[STYR_EV_ED];
	const int32_t *unit = t->col[2];
	const int64_t *arr = t->col[3], *doc = t->col[4], *dec = t->col[5], *ward = t->col[6],
	              *dep = t->col[7];
	size_t i;

	for (i = 0; i < t->n; i++) {
		int mi = month_of(c, arr[i]);

		if (mi < 0)
			continue;
		if (doc[i] != EV_NONE64)
			add(c, R_ID0210, unit[i], mi, doc[i] - arr[i] < 3600, 1);
		if (dec[i] != EV_NONE64 && ward[i] != EV_NONE64)
			add(c, R_ID0340, unit[i], mi, ward[i] - dec[i] < 7200, 1);
		if (dep[i] != EV_NONE64)
			add(c, R_AKUT4H, unit[i], mi, dep[i] - arr[i] <= 4 * 3600, 1);
	}
}

static void operations(struct calc *c)
{
	const struct ev_table *t = &c->d->t[STYR_EV_OPERATIONS];
	const int32_t *unit = t->col[2], *setting = t->col[4];
	const int64_t *time = t->col[3];
	size_t i;

	for (i = 0; i < t->n; i++) {
		int mi = month_of(c, time[i]);

		if (mi < 0)
			continue;
		add(c, R_OPTOT, unit[i], mi, 1, 1);
		add(c, setting[i] == 0 ? R_OPSV : R_OPOV, unit[i], mi, 1, 1);
	}
}

static void census(struct calc *c)
{
	const struct ev_table *t = &c->d->t[STYR_EV_CENSUS];
	const int32_t *unit = t->col[0], *date = t->col[1], *staffed = t->col[2],
	              *occupied = t->col[3], *over = t->col[4], *out = t->col[5];
	size_t i;

	for (i = 0; i < t->n; i++) {
		int mi = month_of_day(c, date[i]);

		if (mi < 0)
			continue;
		add(c, R_ID0128, unit[i], mi, over[i], staffed[i]);
		add(c, R_ID0010, unit[i], mi, out[i], staffed[i]);
		add(c, R_BEL, unit[i], mi, occupied[i], staffed[i]);
		add(c, R_VPL, unit[i], mi, staffed[i], 1);
	}
}

/* --- inpatient episodes ------------------------------------------------ */

struct birth {
	size_t n;
	uint64_t *key;
	int32_t *year;
};

static int birth_init(struct birth *b, const struct ev_table *p, struct styr_err *err)
{
	const int64_t *id = p->col[0];
	const int32_t *by = p->col[1];
	size_t i;

	memset(b, 0, sizeof(*b));
	if (!p->n)
		return STYR_OK;
	for (b->n = 64; b->n < p->n * 2; b->n *= 2)
		;
	b->key = calloc(b->n, sizeof(*b->key));
	b->year = calloc(b->n, sizeof(*b->year));
	if (!b->key || !b->year)
		return styr_error(err, STYR_ENOMEM, "out of memory");
	for (i = 0; i < p->n; i++) {
		size_t h = (size_t)id[i] & (b->n - 1);

		while (b->key[h] && b->key[h] != (uint64_t)id[i])
			h = (h + 1) & (b->n - 1);
		b->key[h] = (uint64_t)id[i];
		b->year[h] = by[i];
	}
	return STYR_OK;
}

static int32_t birth_year(const struct birth *b, uint64_t id)
{
	size_t h;

	if (!b->n)
		return EV_NONE32;
	h = (size_t)id & (b->n - 1);
	while (b->key[h]) {
		if (b->key[h] == id)
			return b->year[h];
		h = (h + 1) & (b->n - 1);
	}
	return EV_NONE32;
}

/* An episode as the readmission pass needs it, so that the pass after
 * the sort reads one array in order rather than the columns at random. */
struct ep {
	int64_t patient;
	int64_t admit;
	int32_t d1; /* discharge day */
	int32_t unit;
	int32_t age; /* at admission; EV_NONE32 when unknown */
	uint32_t i;
};

static int ep_cmp(const void *a, const void *b)
{
	const struct ep *x = a, *y = b;

	if (x->patient != y->patient)
		return x->patient < y->patient ? -1 : 1;
	if (x->admit != y->admit)
		return x->admit < y->admit ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

static int inpatient(struct calc *c, struct styr_err *err)
{
	const struct ev_table *t = &c->d->t[STYR_EV_INPATIENT];
	const int64_t *patient = t->col[1], *admit = t->col[5], *dis = t->col[6];
	const int32_t *unit = t->col[2], *age = t->col[3], *drg = t->col[7];
	struct birth b;
	struct ep *e;
	size_t i, j;
	int rc;

	if (!t->n)
		return STYR_OK;
	if ((rc = birth_init(&b, &c->d->t[STYR_EV_PATIENTS], err)))
		goto out;
	e = malloc(t->n * sizeof(*e));
	if (!e) {
		rc = styr_error(err, STYR_ENOMEM, "out of memory");
		goto out;
	}
	for (i = 0; i < t->n; i++) {
		int64_t d0 = day_of(admit[i]), d1 = day_of(dis[i]), mi = month_of_day(c, d1), m;

		e[i].patient = patient[i];
		e[i].admit = admit[i];
		e[i].d1 = (int32_t)d1;
		e[i].unit = unit[i];
		e[i].age = age[i];
		e[i].i = (uint32_t)i;
		if (e[i].age == EV_NONE32) {
			int32_t by = birth_year(&b, (uint64_t)patient[i]);
			int y, m, d;

			if (by != EV_NONE32) {
				styr_civil_from_days(d0, &y, &m, &d);
				e[i].age = y - by;
			}
		}
		if (mi >= 0) {
			add(c, R_VTF, unit[i], (int)mi, 1, 1);
			add(c, R_MVT, unit[i], (int)mi, d1 - d0, 1);
			if (drg[i] != EV_NONE32 && c->d->drg.weight[drg[i]] != EV_NONE32)
				add(c, R_CMI, unit[i], (int)mi, c->d->drg.weight[drg[i]], 1);
		}
		/* vårddagar: the nights d0 … d1-1, each in its own month */
		for (m = month_of_day(c, d0 > c->mstart[0] ? d0 : c->mstart[0]); m >= 0 && m < NM;
		     m++) {
			int64_t lo = d0 > c->mstart[m] ? d0 : c->mstart[m];
			int64_t hi = d1 < c->mstart[m + 1] ? d1 : c->mstart[m + 1];

			if (hi <= lo)
				break;
			add(c, R_VD, unit[i], (int)m, hi - lo, hi - lo);
		}
	}
	qsort(e, t->n, sizeof(*e), ep_cmp);
	for (i = 0; i < t->n; i++) {
		int64_t d1 = e[i].d1;
		int mi;
		bool re = false;

		if (e[i].age == EV_NONE32 || e[i].age < 65 || (mi = month_of_day(c, d1)) < 0)
			continue;
		for (j = i + 1; j < t->n && e[j].patient == e[i].patient; j++) {
			int64_t gap = day_of(e[j].admit) - d1;

			if (gap > 30)
				break;
			if (gap >= 1) {
				re = true;
				break;
			}
		}
		add(c, R_ID0091, e[i].unit, mi, re, 1);
	}
	free(e);
out:
	free(b.key);
	free(b.year);
	return rc;
}

/* --- values ------------------------------------------------------------ */

static bool selected(const struct ev_sel *s, int r)
{
	size_t i;

	if (!s->indicators || !s->nindicators)
		return true;
	for (i = 0; i < s->nindicators; i++)
		if (!strcmp(s->indicators[i], ev_rules[r].code))
			return true;
	return false;
}

static bool under(const struct ev_units *u, int32_t x, int32_t top)
{
	int depth;

	for (depth = 0; x >= 0 && depth < 64; depth++, x = u->parent[x])
		if (x == top)
			return true;
	return false;
}

/* a / b rounded half away from zero, b > 0: values are rounded on the
 * integers, so that a tie (1,7685) rounds the same here as in any SQL
 * engine, whatever binary fraction the quotient would be. */
static int64_t div_round(int64_t a, int64_t b)
{
	return a >= 0 ? (2 * a + b) / (2 * b) : -((-2 * a + b) / (2 * b));
}

static int value(struct calc *c, int r, int32_t u, int mi, bool year,
                 int (*emit)(void *, const struct styr_value *), void *ctx)
{
	struct acc s = {0, 0}, prev = {0, 0};
	struct styr_value v;
	int64_t x = 0, tenths = 0; /* the value in units of 10^-dec */
	int dec = 1, m, months = 0, days;

	memset(&v, 0, sizeof(v));
	snprintf(v.indicator, sizeof(v.indicator), "%s", ev_rules[r].code);
	snprintf(v.unit, sizeof(v.unit), "%s", c->d->units.code[u]);
	v.period.year = c->year;
	v.period.first_month = year ? 1 : mi - 11;
	v.period.last_month = year ? 12 : mi - 11;
	for (m = year ? 12 : mi; m <= (year ? NM - 1 : mi); m++) {
		struct acc *a = at(c, r == R_ID0091F ? R_ID0091 : r, u, m);

		s.num += a->num;
		s.den += a->den;
		if (shapes[r] == S_SNAPSHOT && a->den) {
			tenths += div_round(1000 * a->num, a->den);
			months++;
		}
		if (r == R_ID0091F) {
			struct acc *p = at(c, R_ID0091, u, m - 12);

			prev.num += p->num;
			prev.den += p->den;
		}
	}
	if (!s.den)
		return 0;
	switch (shapes[r]) {
	case S_SNAPSHOT:
		/* the year: the mean of the months' values as printed */
		x = div_round(tenths, months);
		if (!year) {
			v.has_numerator = v.has_denominator = true;
			v.numerator = (double)s.num;
			v.denominator = (double)s.den;
		}
		break;
	case S_SHARE:
		x = div_round(1000 * s.num, s.den);
		v.has_numerator = v.has_denominator = true;
		v.numerator = (double)s.num;
		v.denominator = (double)s.den;
		break;
	case S_MEAN:
		x = div_round(10 * s.num, s.den);
		v.has_numerator = v.has_denominator = true;
		v.numerator = (double)s.num;
		v.denominator = (double)s.den;
		break;
	case S_MILLI:
		x = div_round(s.num, s.den);
		dec = 3;
		v.has_numerator = v.has_denominator = true;
		v.numerator = (double)s.num / 1000.0;
		v.denominator = (double)s.den;
		break;
	case S_COUNT:
		x = s.num;
		dec = 0;
		break;
	case S_PERDAY:
		days = (int)(c->mstart[year ? NM : mi + 1] - c->mstart[year ? 12 : mi]);
		x = div_round(10 * s.num, days);
		v.has_numerator = v.has_denominator = true;
		v.numerator = (double)s.num;
		v.denominator = days;
		break;
	case S_CHANGE:
		if (!year || !prev.den || !prev.num)
			return 0;
		x = div_round(1000 * (s.num - prev.num), prev.num);
		v.has_numerator = v.has_denominator = true;
		v.numerator = (double)(s.num - prev.num);
		v.denominator = (double)prev.num;
		break;
	}
	v.num.kind = STYR_NUM_VALUE;
	v.num.value = (double)x / (dec == 3 ? 1000.0 : dec == 1 ? 10.0 : 1.0);
	v.num.decimals = dec;
	return emit(ctx, &v);
}

int ev_compute(const struct ev_data *d, const struct ev_sel *sel,
               int (*emit)(void *ctx, const struct styr_value *v), void *ctx, struct styr_err *err)
{
	struct calc c;
	size_t n;
	int32_t u;
	int m, r, rc = STYR_OK;

	memset(&c, 0, sizeof(c));
	c.d = d;
	c.year = sel->year;
	c.nu = d->units.n;
	for (m = 0; m <= NM; m++)
		c.mstart[m] = styr_days_from_civil(sel->year - 1 + m / 12, m % 12 + 1, 1);
	n = (size_t)R_N * c.nu * NM;
	c.a = calloc(n ? n : 1, sizeof(*c.a));
	if (!c.a)
		return styr_error(err, STYR_ENOMEM, "out of memory");
	waitlist(&c);
	visits(&c);
	ed(&c);
	operations(&c);
	census(&c);
	if ((rc = inpatient(&c, err)))
		goto out;
	/* roll up: parents come before their children in the unit list */
	for (u = (int32_t)c.nu - 1; u >= 0; u--) {
		int32_t p = d->units.parent[u];

		if (p < 0)
			continue;
		for (r = 0; r < R_N; r++)
			for (m = 0; m < NM; m++) {
				at(&c, r, p, m)->num += at(&c, r, u, m)->num;
				at(&c, r, p, m)->den += at(&c, r, u, m)->den;
			}
	}
	for (r = 0; r < R_N && !rc; r++) {
		if (!selected(sel, r))
			continue;
		for (u = 0; u < (int32_t)c.nu && !rc; u++) {
			if (sel->unit >= 0 && !under(&d->units, u, sel->unit))
				continue;
			for (m = 12; m < NM && !rc; m++)
				rc = value(&c, r, u, m, false, emit, ctx);
			if (!rc)
				rc = value(&c, r, u, NM - 1, true, emit, ctx);
		}
	}
out:
	free(c.a);
	return rc;
}
