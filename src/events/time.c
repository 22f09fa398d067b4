/*
 * Times in event files.  A region's systems print local Swedish time,
 * with or without a zone; the indicators count by the local calendar
 * (an ED visit that arrives 23:30 on 31 December belongs to December).
 * So a time becomes wall-clock seconds in Swedish local time, counted as
 * if that were UTC: a time printed without a zone is taken as printed,
 * one with a zone ("Z", "+02:00") is moved to CET/CEST by the EU rule
 * (summer time from 01:00 UTC on the last Sunday of March to 01:00 UTC on
 * the last Sunday of October).  Durations are differences of wall clock;
 * over the two nights a year the clock moves that is off by an hour,
 * which docs/indicators.md states.
 *
 * Parsing is by hand, not strptime: it is the hot path of loading, and a
 * pattern (mapping key time_format) understands %Y %m %d %H %M %S %z and
 * literal characters.
 */
#include <string.h>

#include "events/events_int.h"
#include "styr/period.h"

uint64_t ev_hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	h ^= h >> 29;
	return h ? h : 1;
}

static int digits(const char **p, int n, int *out)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if ((*p)[i] < '0' || (*p)[i] > '9')
			return -1;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	*out = v;
	return 0;
}

/* The last Sunday of month m in year y, as days. */
static int64_t last_sunday(int y, int m)
{
	int64_t d = styr_days_from_civil(y, m, styr_month_days(y, m));
	int64_t wd = (d + 4) % 7; /* 1970-01-01 was a Thursday: 0 = Sunday */

	if (wd < 0)
		wd += 7;
	return d - wd;
}

static int64_t to_swedish(int64_t utc)
{
	int y, m, d;
	int64_t start, end;

	styr_civil_from_days(utc >= 0 ? utc / 86400 : (utc - 86399) / 86400, &y, &m, &d);
	start = last_sunday(y, 3) * 86400 + 3600;
	end = last_sunday(y, 10) * 86400 + 3600;
	return utc + 3600 + (utc >= start && utc < end ? 3600 : 0);
}

static int zone(const char **p, int *off, bool *has)
{
	int h = 0, mi = 0, sign;

	if (**p == 'Z') {
		(*p)++;
		*off = 0;
		*has = true;
		return 0;
	}
	if (**p != '+' && **p != '-')
		return -1;
	sign = **p == '-' ? -1 : 1;
	(*p)++;
	if (digits(p, 2, &h))
		return -1;
	if (**p == ':')
		(*p)++;
	if (**p >= '0' && **p <= '9' && digits(p, 2, &mi))
		return -1;
	*off = sign * (h * 3600 + mi * 60);
	*has = true;
	return 0;
}

struct fields {
	int y, mo, d, h, mi, s, off;
	bool has_zone;
};

static int by_pattern(const char *s, const char *fmt, struct fields *f)
{
	const char *p = s;

	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			if (*p++ != *fmt)
				return -1;
			continue;
		}
		switch (*++fmt) {
		case 'Y':
			if (digits(&p, 4, &f->y))
				return -1;
			break;
		case 'm':
			if (digits(&p, 2, &f->mo))
				return -1;
			break;
		case 'd':
			if (digits(&p, 2, &f->d))
				return -1;
			break;
		case 'H':
			if (digits(&p, 2, &f->h))
				return -1;
			break;
		case 'M':
			if (digits(&p, 2, &f->mi))
				return -1;
			break;
		case 'S':
			if (digits(&p, 2, &f->s))
				return -1;
			break;
		case 'z':
			if (*p && zone(&p, &f->off, &f->has_zone))
				return -1;
			break;
		case '%':
			if (*p++ != '%')
				return -1;
			break;
		default:
			return -1;
		}
	}
	return *p ? -1 : 0;
}

/* YYYY-MM-DD, then optionally [ T]HH:MM[:SS[.fff]], then optionally a zone. */
static int iso(const char *s, struct fields *f)
{
	const char *p = s;

	if (digits(&p, 4, &f->y) || *p++ != '-' || digits(&p, 2, &f->mo) || *p++ != '-' ||
	    digits(&p, 2, &f->d))
		return -1;
	if (!*p)
		return 0;
	if (*p != ' ' && *p != 'T')
		return -1;
	p++;
	if (digits(&p, 2, &f->h) || *p++ != ':' || digits(&p, 2, &f->mi))
		return -1;
	if (*p == ':') {
		p++;
		if (digits(&p, 2, &f->s))
			return -1;
		if (*p == '.' || *p == ',') {
			p++;
			while (*p >= '0' && *p <= '9')
				p++;
		}
	}
	if (*p && zone(&p, &f->off, &f->has_zone))
		return -1;
	return *p ? -1 : 0;
}

static int check(const struct fields *f)
{
	if (f->y < 1900 || f->y > 2999 || f->mo < 1 || f->mo > 12 || f->d < 1 ||
	    f->d > styr_month_days(f->y, f->mo) || f->h > 23 || f->mi > 59 || f->s > 60)
		return -1;
	return 0;
}

int ev_parse_time(const char *s, const char *fmt, int64_t *out)
{
	struct fields f = {0};
	int64_t t;

	if ((fmt && *fmt ? by_pattern(s, fmt, &f) : iso(s, &f)) || check(&f))
		return -1;
	t = styr_days_from_civil(f.y, f.mo, f.d) * 86400 + f.h * 3600 + f.mi * 60 + f.s;
	if (f.has_zone)
		t = to_swedish(t - f.off);
	*out = t;
	return 0;
}

int ev_parse_date(const char *s, const char *fmt, int32_t *out)
{
	struct fields f = {0};

	if ((fmt && *fmt ? by_pattern(s, fmt, &f) : iso(s, &f)) || check(&f))
		return -1;
	*out = (int32_t)styr_days_from_civil(f.y, f.mo, f.d);
	return 0;
}
