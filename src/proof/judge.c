/*
 * Printed precision.  A figure printed as 8,6 stands for any value in
 * [8,55; 8,65), so a percent computed from two printed amounts is not one
 * number but an interval.  A derived figure is an error only when no value
 * inside its inputs' rounding intervals gives it; when the inputs as
 * printed do not give it but values inside their intervals do, the
 * difference is a rounding (avrundning); when they give it exactly there
 * is nothing to say.
 *
 * One more rounding is common in reports: a whole percent from a table
 * restated in the text with ",0" added ("ökade med 4,0 procent" for the
 * table's 4 %).  Such a figure is judged at whole precision and, if that
 * fits, called a rounding, because the text claims a precision the
 * figure does not have.
 */
#include <math.h>

#include "proof_int.h"

double proof_round(double v, int dec)
{
	double s = pow(10, dec);

	return (v < 0 ? -1 : 1) * floor(fabs(v) * s + 0.5 + 1e-9) / s;
}

struct pint proof_int_of(const struct ptok *t)
{
	double h = 0.5 * pow(10, -t->dec);

	return (struct pint){t->v - h, t->v + h};
}

bool proof_int_change(struct pint old, struct pint nw, struct pint *out)
{
	double c[4];
	int k;

	/* the change is monotone in each input while old keeps its sign */
	if (old.lo <= 0 && old.hi >= 0)
		return false;
	c[0] = 100 * (nw.lo - old.lo) / old.lo;
	c[1] = 100 * (nw.lo - old.hi) / old.hi;
	c[2] = 100 * (nw.hi - old.lo) / old.lo;
	c[3] = 100 * (nw.hi - old.hi) / old.hi;
	out->lo = out->hi = c[0];
	for (k = 1; k < 4; k++) {
		out->lo = fmin(out->lo, c[k]);
		out->hi = fmax(out->hi, c[k]);
	}
	return true;
}

static bool overlaps(struct pint a, struct pint b)
{
	return a.lo <= b.hi + 1e-9 && b.lo <= a.hi + 1e-9;
}

enum proof_verdict proof_judge(const struct ptok *printed, double exact, struct pint range)
{
	struct pint p = proof_int_of(printed);

	if (fabs(proof_round(exact, printed->dec) - printed->v) < 1e-9)
		return PROOF_OK;
	if (overlaps(p, range))
		return PROOF_ROUNDING;
	/* "4,0 procent" for a whole 4 %: judged at whole precision */
	if (printed->dec == 1 && fabs(printed->v - round(printed->v)) < 1e-9) {
		struct pint whole = {printed->v - 0.5, printed->v + 0.5};

		if (overlaps(whole, range))
			return PROOF_ROUNDING;
	}
	return PROOF_WRONG;
}
