/*
 * Synthetic care events for tests, the demo and the benchmark: one
 * hospital (an emergency department and N clinics) over some years,
 * deterministic for a seed (xoshiro256** seeded by splitmix64, never
 * rand()).  What makes them realistic enough to exercise every rule:
 * seasons (fewer planned visits and operations in July, more acute care
 * in winter), weekdays (planned care Monday to Friday), hours (ED arrivals
 * peak in the afternoon), queues that grow while capacity is short (the
 * summer) and shrink after, elderly patients who come back within 30
 * days, and the edge cases the rules must handle (events across midnight,
 * month and year; missing ED timestamps).
 *
 * Rows are formatted by hand into a large buffer: at 50 million events
 * printf would be most of the time.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "events/events_int.h"
#include "styr/period.h"
#include "styr/err.h"

struct rng {
	uint64_t s[4];
};

static uint64_t splitmix(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t next(struct rng *r)
{
	uint64_t *s = r->s, res = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return res;
}

static double unif(struct rng *r)
{
	return (double)(next(r) >> 11) * (1.0 / 9007199254740992.0);
}

static uint64_t below(struct rng *r, uint64_t n)
{
	return n ? next(r) % n : 0;
}

static double expo(struct rng *r, double mean)
{
	return -log(1.0 - unif(r)) * mean;
}

/* --- output -------------------------------------------------------------- */

struct out {
	FILE *f;
	char *buf;
	size_t n;
	int64_t rows;
};

#define OUT_BUF (1 << 20)

static int out_open(struct out *o, const char *dir, const char *name, const char *header,
                    struct styr_err *err)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	o->f = fopen(path, "w");
	o->buf = malloc(OUT_BUF + 256);
	o->n = 0;
	o->rows = 0;
	if (!o->f || !o->buf)
		return styr_error(err, STYR_EIO, "%s: cannot be written", path);
	fputs(header, o->f);
	return STYR_OK;
}

static void flush(struct out *o)
{
	fwrite(o->buf, 1, o->n, o->f);
	o->n = 0;
}

static int out_close(struct out *o, int64_t *written, struct styr_err *err)
{
	int bad;

	flush(o);
	bad = ferror(o->f);
	bad |= fclose(o->f);
	free(o->buf);
	*written += o->rows;
	return bad ? styr_error(err, STYR_EIO, "writing generated events failed") : STYR_OK;
}

static void put_s(struct out *o, const char *s)
{
	size_t n = strlen(s);

	memcpy(o->buf + o->n, s, n);
	o->n += n;
}

static void put_c(struct out *o, char c)
{
	o->buf[o->n++] = c;
}

static void put_u(struct out *o, uint64_t v)
{
	char t[24];
	int n = 0;

	do {
		t[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		o->buf[o->n++] = t[--n];
}

static void put_2(struct out *o, int v)
{
	o->buf[o->n++] = (char)('0' + v / 10);
	o->buf[o->n++] = (char)('0' + v % 10);
}

static void put_date(struct out *o, int64_t day)
{
	int y, m, d;

	styr_civil_from_days(day, &y, &m, &d);
	put_u(o, (uint64_t)y);
	put_c(o, '-');
	put_2(o, m);
	put_c(o, '-');
	put_2(o, d);
}

/* minutes since the epoch */
static void put_time(struct out *o, int64_t min)
{
	put_date(o, min / 1440);
	put_c(o, ' ');
	put_2(o, (int)(min % 1440 / 60));
	put_c(o, ':');
	put_2(o, (int)(min % 60));
}

static void end_row(struct out *o)
{
	o->buf[o->n++] = '\n';
	o->rows++;
	if (o->n >= OUT_BUF)
		flush(o);
}

/* --- the calendar ---------------------------------------------------------- */

struct cal {
	int64_t first, ndays;
	double *elective, *acute; /* cumulative weights over the days */
	double season[12];
};

static const double season_planned[12] = {1.0,  1.05, 1.05, 1.0,  1.0,  0.85,
                                          0.45, 0.7,  1.05, 1.05, 1.05, 0.8};
static const double season_acute[12] = {1.15, 1.1, 1.05, 1.0, 0.95, 0.95,
                                        0.9,  0.9, 0.95, 1.0, 1.05, 1.15};
static const double hour_ed[24] = {2,   1.5, 1,   1,   1,   1.2, 2,   3, 5,   6, 6.5, 6.5,
                                   6.5, 6.5, 6.5, 6.5, 6.5, 6,   5.5, 5, 4.5, 4, 3,   2.5};

static int cal_init(struct cal *c, int first_year, int years, struct styr_err *err)
{
	int64_t i;
	double se = 0, sa = 0;

	c->first = styr_days_from_civil(first_year, 1, 1);
	c->ndays = styr_days_from_civil(first_year + years, 1, 1) - c->first;
	c->elective = malloc((size_t)c->ndays * sizeof(double));
	c->acute = malloc((size_t)c->ndays * sizeof(double));
	if (!c->elective || !c->acute)
		return styr_error(err, STYR_ENOMEM, "out of memory");
	for (i = 0; i < c->ndays; i++) {
		int y, m, d, wd = (int)((c->first + i + 4) % 7); /* 0 Sunday */

		styr_civil_from_days(c->first + i, &y, &m, &d);
		se += season_planned[m - 1] * (wd == 0 || wd == 6 ? 0.03 : wd == 1 ? 1.1 : 1.0);
		sa += season_acute[m - 1] * (wd == 1 ? 1.15 : wd == 0 || wd == 6 ? 0.9 : 1.0);
		c->elective[i] = se;
		c->acute[i] = sa;
	}
	return STYR_OK;
}

static int64_t cal_pick(const struct cal *c, const double *cum, struct rng *r)
{
	double x = unif(r) * cum[c->ndays - 1];
	int64_t lo = 0, hi = c->ndays - 1;

	while (lo < hi) {
		int64_t mid = (lo + hi) / 2;

		if (cum[mid] > x)
			hi = mid;
		else
			lo = mid + 1;
	}
	return c->first + lo;
}

static int pick_hour(struct rng *r)
{
	double total = 0, x;
	int h;

	for (h = 0; h < 24; h++)
		total += hour_ed[h];
	x = unif(r) * total;
	for (h = 0; h < 23; h++) {
		x -= hour_ed[h];
		if (x < 0)
			break;
	}
	return h;
}

/* --- the files ------------------------------------------------------------- */

struct gen {
	const struct styr_events_gen_opts *o;
	struct rng r;
	struct cal cal;
	const char *dir;
	char prefix[16];
	uint64_t patients;
	int64_t id;
	int64_t written;
	struct styr_err *err;
};

static void put_unit(struct out *o, const struct gen *g, int clinic)
{
	put_s(o, g->prefix);
	if (clinic < 0) {
		put_s(o, "-AKM");
		return;
	}
	put_s(o, "-K");
	put_2(o, (clinic + 1) / 100 ? 99 : clinic + 1);
	if (clinic + 1 >= 100) {
		put_c(o, '-');
		put_u(o, (uint64_t)clinic + 1);
	}
}

static void put_patient(struct out *o, uint64_t p)
{
	put_c(o, 'P');
	put_u(o, p);
}

/* patient ages: a third 65 or older, fixed per patient */
static int age_of(uint64_t p)
{
	uint64_t x = p * 0x9e3779b97f4a7c15ULL;

	x ^= x >> 29;
	return (int)(x % 100) < 35 ? 65 + (int)(x >> 40) % 30 : (int)(x >> 40) % 65;
}

static int org_file(struct gen *g, int units, struct styr_err *err)
{
	struct out o;
	int k, rc;

	if ((rc = out_open(&o, g->dir, "org_units.csv",
	                   "code;name;kind;parent;valid_from;valid_to;aliases\n", err)))
		return rc;
	put_s(&o, g->prefix);
	put_s(&o, ";Genererade sjukhuset;förvaltning;");
	put_s(&o, g->o->parent ? g->o->parent : "");
	put_s(&o, ";;;");
	end_row(&o);
	put_unit(&o, g, -1);
	put_s(&o, ";Akutmottagningen (genererad);enhet;");
	put_s(&o, g->prefix);
	put_s(&o, ";;;");
	end_row(&o);
	for (k = 0; k < units; k++) {
		put_unit(&o, g, k);
		put_s(&o, ";Klinik ");
		put_u(&o, (uint64_t)k + 1);
		put_s(&o, " (genererad);verksamhetsområde;");
		put_s(&o, g->prefix);
		put_s(&o, ";;;");
		end_row(&o);
	}
	o.rows = 0;
	return out_close(&o, &g->written, err);
}

static int drg_file(struct gen *g, struct styr_err *err)
{
	struct out o;
	int k, rc;

	if ((rc = out_open(&o, g->dir, "drg.csv", "drg,weight\n", err)))
		return rc;
	for (k = 0; k < 60; k++) {
		int w = 300 + (int)((k * 7919) % 2900);

		put_s(&o, "D");
		put_2(&o, k);
		put_c(&o, ',');
		put_u(&o, (uint64_t)(w / 1000));
		put_c(&o, '.');
		put_c(&o, (char)('0' + w / 100 % 10));
		put_c(&o, (char)('0' + w / 10 % 10));
		put_c(&o, (char)('0' + w % 10));
		end_row(&o);
	}
	o.rows = 0;
	return out_close(&o, &g->written, err);
}

static int census_file(struct gen *g, int units, struct styr_err *err)
{
	struct out o;
	int64_t d;
	int k, rc;

	if ((rc = out_open(&o, g->dir, "census.csv",
	                   "unit,date,staffed,occupied,overbeds,outlying\n", err)))
		return rc;
	for (k = 0; k < units; k++) {
		int base = 18 + (int)below(&g->r, 24);

		for (d = g->cal.first; d < g->cal.first + g->cal.ndays; d++) {
			int y, m, dd, staffed, demand, over, outlying;

			styr_civil_from_days(d, &y, &m, &dd);
			staffed = (int)(base * (m == 7 ? 0.75 : m == 6 || m == 8 ? 0.88 : 1.0));
			demand = (int)(base * 0.93 * season_acute[m - 1] + unif(&g->r) * 5 - 2.5);
			if (demand < 0)
				demand = 0;
			over = demand > staffed ? demand - staffed : 0;
			outlying = over ? (int)below(&g->r, (uint64_t)over / 2 + 1) : 0;
			put_unit(&o, g, k);
			put_c(&o, ',');
			put_date(&o, d);
			put_c(&o, ',');
			put_u(&o, (uint64_t)staffed);
			put_c(&o, ',');
			put_u(&o, (uint64_t)(demand - outlying));
			put_c(&o, ',');
			put_u(&o, (uint64_t)over);
			put_c(&o, ',');
			put_u(&o, (uint64_t)outlying);
			end_row(&o);
		}
	}
	return out_close(&o, &g->written, err);
}

static int visits_file(struct gen *g, int units, int64_t n, struct styr_err *err)
{
	struct out o;
	int64_t i;
	int rc;

	if ((rc = out_open(&o, g->dir, "visits.csv", "id,patient,unit,time,kind,caregiver,target\n",
	                   err)))
		return rc;
	for (i = 0; i < n; i++) {
		int64_t day = cal_pick(&g->cal, g->cal.elective, &g->r);
		int y, m, d;
		bool ater = unif(&g->r) < 0.6;

		styr_civil_from_days(day, &y, &m, &d);
		put_c(&o, 'V');
		put_u(&o, (uint64_t)++g->id);
		put_c(&o, ',');
		put_patient(&o, below(&g->r, g->patients));
		put_c(&o, ',');
		put_unit(&o, g, (int)below(&g->r, (uint64_t)units));
		put_c(&o, ',');
		put_time(&o, day * 1440 + 7 * 60 + (int64_t)below(&g->r, 10 * 60));
		put_s(&o, ater ? ",ater," : ",ny,");
		put_s(&o, unif(&g->r) < 0.62 ? "lakare," : "ovrig,");
		if (ater && unif(&g->r) < 0.9) {
			/* late more often in the summer */
			int64_t slack = (int64_t)below(&g->r, 45) - (m >= 6 && m <= 8 ? 18 : 8);

			put_date(&o, day + slack);
		}
		end_row(&o);
	}
	return out_close(&o, &g->written, err);
}

static int ed_file(struct gen *g, int64_t n, struct styr_err *err)
{
	struct out o;
	int64_t i;
	int rc;

	if ((rc = out_open(&o, g->dir, "ed.csv",
	                   "id,patient,unit,arrival,doctor,decision,ward,departure\n", err)))
		return rc;
	for (i = 0; i < n; i++) {
		int64_t day = cal_pick(&g->cal, g->cal.acute, &g->r);
		int64_t arr = day * 1440 + pick_hour(&g->r) * 60 + (int64_t)below(&g->r, 60);
		int64_t doc = arr + (int64_t)expo(&g->r, 42), dec = -1, ward = -1, dep;
		bool admitted = unif(&g->r) < 0.28;

		if (admitted) {
			dec = doc + (int64_t)expo(&g->r, 80);
			ward = dec + (int64_t)expo(&g->r, 95);
			dep = ward;
		} else {
			dep = doc + (int64_t)expo(&g->r, 130);
		}
		put_c(&o, 'E');
		put_u(&o, (uint64_t)++g->id);
		put_c(&o, ',');
		put_patient(&o, below(&g->r, g->patients));
		put_c(&o, ',');
		put_unit(&o, g, -1);
		put_c(&o, ',');
		put_time(&o, arr);
		put_c(&o, ',');
		if (unif(&g->r) >= 0.04)
			put_time(&o, doc);
		put_c(&o, ',');
		if (admitted)
			put_time(&o, dec);
		put_c(&o, ',');
		if (admitted && unif(&g->r) >= 0.03)
			put_time(&o, ward);
		put_c(&o, ',');
		if (unif(&g->r) >= 0.02)
			put_time(&o, dep);
		end_row(&o);
	}
	return out_close(&o, &g->written, err);
}

static int inpatient_file(struct gen *g, int units, int64_t n, struct styr_err *err)
{
	struct out o;
	int64_t i, admit = 0, dis = 0;
	uint64_t p = 0;
	int rc, unit = 0;

	if ((rc = out_open(&o, g->dir, "inpatient.csv",
	                   "id,patient,unit,age,sex,admit,discharge,drg\n", err)))
		return rc;
	for (i = 0; i < n; i++) {
		double los;
		int age;

		/* an elderly patient discharged is readmitted within weeks now
		 * and then; others come back later or not at all */
		if (i && age_of(p) >= 65 && unif(&g->r) < 0.18) {
			admit = dis + 1440 * (1 + (int64_t)below(&g->r, 40)) +
			        (int64_t)below(&g->r, 600);
		} else {
			p = below(&g->r, g->patients);
			unit = (int)below(&g->r, (uint64_t)units);
			admit = cal_pick(&g->cal, g->cal.acute, &g->r) * 1440 +
			        pick_hour(&g->r) * 60 + (int64_t)below(&g->r, 60);
		}
		age = age_of(p);
		los = expo(&g->r, age >= 65 ? 5.5 : 3.5);
		dis = admit + (int64_t)(los * 1440) + (int64_t)below(&g->r, 180);
		put_c(&o, 'I');
		put_u(&o, (uint64_t)++g->id);
		put_c(&o, ',');
		put_patient(&o, p);
		put_c(&o, ',');
		put_unit(&o, g, unit);
		put_c(&o, ',');
		put_u(&o, (uint64_t)age);
		put_s(&o, p % 2 ? ",K," : ",M,");
		put_time(&o, admit);
		put_c(&o, ',');
		put_time(&o, dis);
		put_s(&o, ",D");
		put_2(&o, (int)below(&g->r, 60));
		end_row(&o);
	}
	return out_close(&o, &g->written, err);
}

static int operations_file(struct gen *g, int units, int64_t n, struct styr_err *err)
{
	struct out o;
	int64_t i;
	int rc;

	if ((rc = out_open(&o, g->dir, "operations.csv", "id,patient,unit,time,setting\n", err)))
		return rc;
	for (i = 0; i < n; i++) {
		int64_t day = cal_pick(&g->cal, g->cal.elective, &g->r);

		put_c(&o, 'O');
		put_u(&o, (uint64_t)++g->id);
		put_c(&o, ',');
		put_patient(&o, below(&g->r, g->patients));
		put_c(&o, ',');
		put_unit(&o, g, (int)below(&g->r, (uint64_t)units));
		put_c(&o, ',');
		put_time(&o, day * 1440 + 7 * 60 + 30 + (int64_t)below(&g->r, 9 * 60));
		put_s(&o, unif(&g->r) < 0.55 ? ",sluten" : ",oppen");
		end_row(&o);
	}
	return out_close(&o, &g->written, err);
}

/* The queue: per clinic and month, demand above capacity adds to a backlog
 * that the waiting time follows; the summer's low capacity makes it grow. */
static int waitlist_file(struct gen *g, int units, int64_t n, struct styr_err *err)
{
	int months = g->o->years * 12, k, mi;
	double *backlog = calloc((size_t)units * (size_t)months, sizeof(double));
	int64_t i, end = g->cal.first + g->cal.ndays;
	struct out o;
	int rc;

	if (!backlog)
		return styr_error(err, STYR_ENOMEM, "out of memory");
	for (k = 0; k < units; k++) {
		double b = 0;

		for (mi = 0; mi < months; mi++) {
			double cap = mi % 12 == 6                   ? 0.55
			             : mi % 12 == 5 || mi % 12 == 7 ? 0.85
			                                            : 1.07;

			b += 1.0 - cap;
			if (b < 0)
				b = 0;
			backlog[k * months + mi] = b;
		}
	}
	if ((rc = out_open(&o, g->dir, "waitlist.csv", "id,patient,unit,kind,listed,done,target\n",
	                   err))) {
		free(backlog);
		return rc;
	}
	for (i = 0; i < n; i++) {
		int64_t day = cal_pick(&g->cal, g->cal.elective, &g->r), done;
		int y, m, d, unit = (int)below(&g->r, (uint64_t)units);
		bool op = unif(&g->r) < 0.4;
		double mean;

		styr_civil_from_days(day, &y, &m, &d);
		mi = (y - g->o->first_year) * 12 + m - 1;
		mean = (op ? 55 : 40) * (1.0 + 1.5 * backlog[unit * months + mi]);
		done = day + (int64_t)expo(&g->r, mean);
		put_c(&o, 'W');
		put_u(&o, (uint64_t)++g->id);
		put_c(&o, ',');
		put_patient(&o, below(&g->r, g->patients));
		put_c(&o, ',');
		put_unit(&o, g, unit);
		put_s(&o, op ? ",operation," : ",besok,");
		put_date(&o, day);
		put_c(&o, ',');
		if (done < end)
			put_date(&o, done);
		put_c(&o, ',');
		put_date(&o, day + 90);
		end_row(&o);
	}
	free(backlog);
	return out_close(&o, &g->written, err);
}

int styr_events_generate(const char *dir, const struct styr_events_gen_opts *o, int64_t *written,
                         struct styr_err *err)
{
	struct gen g;
	uint64_t x;
	int64_t n, days;
	int rc, i;

	*written = 0;
	if (o->units < 1 || o->units > 999 || o->years < 1 || o->years > 50 || o->events < 1000 ||
	    o->first_year < 1900 || o->first_year + o->years > 2999)
		return styr_error(err, STYR_EUSAGE,
		                  "expected 1..999 units, 1..50 years from 1900 and at least 1000 "
		                  "events");
	if (mkdir(dir, 0777) && errno != EEXIST)
		return styr_error(err, STYR_EIO, "%s: cannot be created", dir);
	memset(&g, 0, sizeof(g));
	g.o = o;
	g.dir = dir;
	g.err = err;
	snprintf(g.prefix, sizeof(g.prefix), "%s", o->prefix ? o->prefix : "GEN");
	x = o->seed;
	for (i = 0; i < 4; i++)
		g.r.s[i] = splitmix(&x);
	if ((rc = cal_init(&g.cal, o->first_year, o->years, err)))
		goto out;
	days = g.cal.ndays;
	/* the census is a row per clinic and day; the rest shares the budget */
	n = o->events - (int64_t)o->units * days;
	if (n < 500)
		n = 500;
	g.patients = (uint64_t)(n / 6 > 500 ? n / 6 : 500);
	if ((rc = org_file(&g, o->units, err)) || (rc = drg_file(&g, err)) ||
	    (rc = census_file(&g, o->units, err)) ||
	    (rc = visits_file(&g, o->units, n * 45 / 100, err)) ||
	    (rc = ed_file(&g, n * 15 / 100, err)) ||
	    (rc = inpatient_file(&g, o->units, n * 12 / 100, err)) ||
	    (rc = operations_file(&g, o->units, n * 8 / 100, err)) ||
	    (rc = waitlist_file(&g, o->units,
	                        n - n * 45 / 100 - n * 15 / 100 - n * 12 / 100 - n * 8 / 100, err)))
		goto out;
	*written = g.written;
out:
	free(g.cal.elective);
	free(g.cal.acute);
	return rc;
}
