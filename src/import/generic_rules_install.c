/*
 * The generic validation rules that come with styr: the resultaträkning's
 * sums, the regionbidrag bridge of a budget's Bilaga 4A/4B and the
 * balanskrav chain (data/rules/generic.csv, compiled into the binary).  A
 * database without rules would let `styr check` say "0 fel" without having
 * checked anything, so styr init installs them into a database that has
 * none; a database whose rules someone has chosen keeps them.
 */
#include "styr/import.h"
#include "styr/ledger.h"

extern const char styr_generic_rules[];
extern const size_t styr_generic_rules_len;

static int count_rule(void *ctx, const struct styr_rule *r)
{
	(void)r;
	++*(size_t *)ctx;
	return 0;
}

int styr_rules_install_generic(struct styr_db *db, size_t *installed, struct styr_err *err)
{
	struct styr_import_stats stats;
	size_t have = 0;
	int rc;

	*installed = 0;
	if ((rc = styr_rule_each(db, count_rule, &have, err)) || have)
		return rc;
	rc = styr_import_csv_text(db, "data/rules/generic.csv", styr_generic_rules,
	                          styr_generic_rules_len, &stats, err);
	if (!rc)
		*installed = stats.rows[STYR_ENTITY_RULE];
	return rc;
}
