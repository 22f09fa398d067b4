/*
 * Open data's reading statements, the same text in both dialects but for
 * the placeholder of the day (SQLite's ?1, PostgreSQL's $1): written once
 * here so that the rule of what is open cannot differ between the
 * backends (sqlite_open.c, pg_open.c).
 *
 * A value is open when it is a whole year, its indicator is published on
 * or before the day, and the year is approved (styr_report_state_kind 2)
 * for its unit — by the unit's own report or by that of a unit above it,
 * the rule that locks the period (styr_period_check_open).  The totals
 * (value, gender "T") and the breakdowns (value_gender, "K" and "M") come
 * as consecutive rows per indicator, unit and year.
 */
#ifndef STYR_STORE_OPEN_SQL_H
#define STYR_STORE_OPEN_SQL_H

#define STORE_OPEN_VALUES_SQL(day)                                                                 \
	"WITH RECURSIVE approved(unit_id, year) AS (SELECT unit_id, year FROM report_state "       \
	"WHERE first_month = 1 AND last_month = 12 AND state = 2 UNION SELECT o.id, a.year FROM "  \
	"approved a JOIN org_unit o ON o.parent_id = a.unit_id), both_v AS (SELECT "               \
	"indicator_id, unit_id, year, first_month, last_month, 'T' AS gender, 0 AS g, kind, "      \
	"value, decimals, percent, missing_reason, changed FROM value UNION ALL SELECT "           \
	"indicator_id, unit_id, year, first_month, last_month, gender, CASE gender WHEN 'K' "      \
	"THEN 1 ELSE 2 END, kind, value, decimals, percent, missing_reason, changed FROM "         \
	"value_gender) SELECT i.code, u.code, v.year, v.kind, v.value, v.decimals, v.percent, "    \
	"v.missing_reason, v.changed, v.gender FROM both_v v JOIN open_indicator o ON "            \
	"o.indicator_id = v.indicator_id JOIN indicator i ON i.id = v.indicator_id JOIN "          \
	"org_unit u ON u.id = v.unit_id JOIN approved r ON r.unit_id = v.unit_id AND r.year = "    \
	"v.year WHERE v.first_month = 1 AND v.last_month = 12 AND o.published IS NOT NULL AND "    \
	"o.published <= " day " ORDER BY i.code, u.code, v.year, v.g"

#define STORE_OPEN_INDICATOR_EACH_SQL                                                              \
	"SELECT i.code, COALESCE(o.kolada_id, ''), COALESCE(o.published, '') FROM "                \
	"open_indicator o JOIN indicator i ON i.id = o.indicator_id ORDER BY i.code"

#define STORE_OPEN_UNIT_EACH_SQL                                                                   \
	"SELECT u.code, o.official_code FROM open_unit o JOIN org_unit u ON u.id = o.unit_id "     \
	"ORDER BY u.code"

#define STORE_GENDER_VALUE_EACH_SQL                                                                \
	"SELECT i.code, u.code, v.year, v.first_month, v.last_month, v.gender, v.kind, v.value, "  \
	"v.decimals, v.percent, v.missing_reason, v.source FROM value_gender v JOIN indicator i "  \
	"ON i.id = v.indicator_id JOIN org_unit u ON u.id = v.unit_id ORDER BY i.code, u.code, "   \
	"v.year, v.first_month, v.last_month, v.gender"

#define STORE_OPEN_WITHDRAWN_EACH_SQL                                                              \
	"SELECT i.code, u.code, w.year, w.gender, w.at FROM open_withdrawn w JOIN indicator i ON " \
	"i.id = w.indicator_id JOIN org_unit u ON u.id = w.unit_id ORDER BY i.code, u.code, "      \
	"w.year, CASE w.gender WHEN 'T' THEN 0 WHEN 'K' THEN 1 ELSE 2 END"

#endif
