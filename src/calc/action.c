/*
 * Action plans (handlingsplaner): åtgärder with an expected and an achieved
 * economic effect.  The genomförandegrad of a plan or an insatsområde is
 * achieved / expected over its actions (seed 002: 5,8 of 7,8 Mkr = 74 %),
 * computed in whole tkr and rounded once, so that a plan's figure and the
 * sum of its parts never disagree by more than the printed rounding.
 */
#include <string.h>

#include "styr/ledger.h"

bool styr_completion_permille(int64_t achieved, int64_t expected, int64_t *out)
{
	if (expected == 0)
		return false;
	*out = styr_div_round(achieved * 1000, expected);
	return true;
}

int styr_action_state_check(const char *state, struct styr_err *err)
{
	static const char *const states[] = {"planerad", "pågår", "genomförd", "avbruten"};
	size_t i;

	for (i = 0; i < sizeof(states) / sizeof(states[0]); i++)
		if (!strcmp(state, states[i]))
			return STYR_OK;
	return styr_error(err, STYR_EINPUT,
	                  "action state \"%s\": expected planerad, pågår, genomförd or avbruten",
	                  state);
}
