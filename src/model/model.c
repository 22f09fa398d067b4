/*
 * Names of the model's enumerations as they are written in files and
 * shown to people.  One table per enumeration, so a new level is one line,
 * and the parse error lists exactly the choices the table has.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "model/names.h"
#include "styr/buf.h"
#include "styr/model.h"

static const struct name_entry org_kinds[] = {
    {STYR_ORG_REGION, "region"},
    {STYR_ORG_NAMND, "nämnd"},
    {STYR_ORG_STYRELSE, "styrelse"},
    {STYR_ORG_FORVALTNING, "förvaltning"},
    {STYR_ORG_VERKSAMHETSOMRADE, "verksamhetsområde"},
    {STYR_ORG_ENHET, "enhet"},
};

static const struct name_entry goal_levels[] = {
    {STYR_GOAL_VISION, "vision"},
    {STYR_GOAL_OVERGRIPANDE, "övergripande mål"},
    {STYR_GOAL_STRATEGISKT, "strategiskt mål"},
    {STYR_GOAL_INSATSOMRADE, "insatsområde"},
    {STYR_GOAL_DELMAL, "delmål"},
    {STYR_GOAL_UPPDRAG, "uppdrag"},
    {STYR_GOAL_MALSATTNING, "målsättning"},
    {STYR_GOAL_KVALITETSDIMENSION, "kvalitetsdimension"},
};

static const struct name_entry owner_roles[] = {
    {STYR_ROLE_HUVUDANSVAR, "huvudansvar"},
    {STYR_ROLE_MEDANSVAR, "medansvar"},
};

static const struct name_entry indicator_categories[] = {
    {STYR_IND_KVALITET, "kvalitet"},
    {STYR_IND_PRODUKTION, "produktion"},
};

const char *styr_org_kind_name(enum styr_org_kind k)
{
	return name_of(org_kinds, COUNT(org_kinds), (int)k);
}

int styr_org_kind_parse(const char *text, enum styr_org_kind *out, struct styr_err *err)
{
	int v = 0;
	int rc = parse_name(org_kinds, COUNT(org_kinds), text, &v, "kind", err);

	*out = (enum styr_org_kind)v;
	return rc;
}

const char *styr_goal_level_name(enum styr_goal_level l)
{
	return name_of(goal_levels, COUNT(goal_levels), (int)l);
}

int styr_goal_level_parse(const char *text, enum styr_goal_level *out, struct styr_err *err)
{
	int v = 0;
	int rc = parse_name(goal_levels, COUNT(goal_levels), text, &v, "level", err);

	*out = (enum styr_goal_level)v;
	return rc;
}

const char *styr_owner_role_name(enum styr_owner_role r)
{
	return name_of(owner_roles, COUNT(owner_roles), (int)r);
}

int styr_owner_role_parse(const char *text, enum styr_owner_role *out, struct styr_err *err)
{
	int v = 0;
	int rc = parse_name(owner_roles, COUNT(owner_roles), text, &v, "role", err);

	*out = (enum styr_owner_role)v;
	return rc;
}

int styr_field_copy(char *dst, size_t n, const char *src, const char *what, struct styr_err *err)
{
	size_t len = strlen(src);

	if (len >= n)
		return styr_error(err, STYR_EINPUT, "%s is %zu bytes long: at most %zu allowed",
		                  what, len, n - 1);
	memcpy(dst, src, len + 1);
	return STYR_OK;
}

size_t styr_value_format(const struct styr_value *v, const struct styr_indicator *ind, char *buf,
                         size_t size)
{
	struct styr_num n = v->num;

	if (n.kind == STYR_NUM_MISSING && v->missing_reason[0])
		return (size_t)snprintf(buf, size, "%s", v->missing_reason);
	if (ind && !strcmp(ind->unit, "%"))
		n.percent = true;
	return styr_num_format_num(buf, size, &n);
}

static const struct styr_goal *goal_by_code(const struct styr_goal *goals, size_t n,
                                            const char *code)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(goals[i].code, code))
			return &goals[i];
	return NULL;
}

const struct styr_goal *styr_goal_ancestor(const struct styr_goal *goals, size_t n,
                                           const char *code, enum styr_goal_level level)
{
	const struct styr_goal *g = goal_by_code(goals, n, code);
	size_t steps;

	for (steps = 0; g && steps <= n; steps++) {
		if (g->level == level)
			return g;
		g = g->parent[0] ? goal_by_code(goals, n, g->parent) : NULL;
	}
	return NULL;
}

const char *name_of(const struct name_entry *t, size_t n, int value)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (t[i].value == value)
			return t[i].name;
	return "?";
}

int parse_name(const struct name_entry *t, size_t n, const char *text, int *out, const char *what,
               struct styr_err *err)
{
	char choices[512] = "";
	size_t i, len = 0;

	for (i = 0; i < n; i++) {
		if (text && !strcasecmp(text, t[i].name)) {
			*out = t[i].value;
			return STYR_OK;
		}
	}
	for (i = 0; i < n && len < sizeof(choices); i++)
		len += (size_t)snprintf(choices + len, sizeof(choices) - len, "%s\"%s\"",
		                        i ? (i + 1 == n ? " or " : ", ") : "", t[i].name);
	return styr_error(err, STYR_EINPUT, "%s \"%s\": expected %s", what, text ? text : "",
	                  choices);
}

const char *styr_indicator_category_name(enum styr_indicator_category c)
{
	return name_of(indicator_categories, COUNT(indicator_categories), (int)c);
}

int styr_indicator_category_parse(const char *text, enum styr_indicator_category *out,
                                  struct styr_err *err)
{
	int v = 0;
	int rc = parse_name(indicator_categories, COUNT(indicator_categories), text, &v, "category",
	                    err);

	*out = (enum styr_indicator_category)v;
	return rc;
}
