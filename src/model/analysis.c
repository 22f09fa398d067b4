/*
 * The states of an analysis text, by the Swedish names used in files and
 * in the user interface.  An analysis is written (utkast), handed in to the
 * level above (inlämnad) and approved (godkänd); reports show all three,
 * and say which state a text is in when it is not yet approved.
 */
#include <string.h>
#include <strings.h>

#include "styr/analysis.h"

static const char *const state_names[] = {"utkast", "inlämnad", "godkänd"};

const char *styr_analysis_state_name(enum styr_analysis_state s)
{
	return (unsigned)s < sizeof(state_names) / sizeof(state_names[0]) ? state_names[s] : "?";
}

int styr_analysis_state_parse(const char *text, enum styr_analysis_state *out, struct styr_err *err)
{
	size_t i;

	*out = STYR_ANALYSIS_DRAFT;
	if (!text || !*text)
		return STYR_OK;
	for (i = 0; i < sizeof(state_names) / sizeof(state_names[0]); i++) {
		if (!strcmp(text, state_names[i])) {
			*out = (enum styr_analysis_state)i;
			return STYR_OK;
		}
	}
	return styr_error(err, STYR_EINPUT, "state \"%s\": expected utkast, inlämnad or godkänd",
	                  text);
}
