/*
 * The one route table: method, path pattern, handler and the minimum role,
 * in the manner of Redis's command table.  The permission is part of the
 * row, so the server dispatches on it and the permission-matrix test reads
 * it (styr serve --print-routes); a route cannot be added without saying
 * who may use it.  A route with a {unit} parameter is scoped: the
 * role that counts is the one held on that unit (grants inherit down the
 * org tree).  Anything not here is a 404.
 */
#include <stdio.h>
#include <string.h>

#include "web/web.h"

#define READER  STYR_ACCESS_READER
#define MANAGER STYR_ACCESS_UNIT_MANAGER
#define CTRL    STYR_ACCESS_CONTROLLER
#define ADMIN   STYR_ACCESS_ADMIN
#define PUBLIC  STYR_ACCESS_NONE
/* Open data (kolada.c): no login, and only with styr serve --open-data. */
#define OPEN (R_API | R_OPEN)

const struct route web_routes[] = {
    {"GET", "/", pg_root, PUBLIC, 0},
    {"GET", "/stil.css", pg_style, PUBLIC, 0},
    {"GET", "/healthz", pg_healthz, PUBLIC, 0},
    /* This machine's monitoring without a login, else an admin's token. */
    {"GET", "/metrics", pg_metrics, ADMIN, R_API | R_LOCAL},
    {"GET", "/login", pg_login_form, PUBLIC, 0},
    {"POST", "/login", pg_login, PUBLIC, R_NOCSRF | R_SLOW | R_THROTTLED},
    {"POST", "/logout", pg_logout, READER, 0},
    {"GET", "/min-sida", pg_mine, READER, 0},
    {"GET", "/min-sida/kalender.ics", pg_mine_ics, READER, 0},
    {"GET", "/org", pg_org, READER, 0},
    {"GET", "/mal/{goal}", pg_goal, READER, 0},
    {"GET", "/logg", pg_audit, CTRL, 0},
    {"GET", "/admin/anvandare", pg_users, ADMIN, 0},
    {"GET", "/konto/losenord", pg_password_form, READER, 0},
    {"POST", "/konto/losenord", pg_password_post, READER, R_SLOW | R_THROTTLED},
    {"GET", "/korrektur", pg_proof_form, READER, 0},
    {"POST", "/korrektur", pg_proof_post, READER, R_UPLOAD | R_SLOW},
    {"GET", "/enhet/{unit}", pg_unit, READER, 0},
    {"GET", "/enhet/{unit}/indikator/{ind}", pg_indicator, READER, 0},
    {"GET", "/enhet/{unit}/varde", pg_value_form, MANAGER, 0},
    {"POST", "/enhet/{unit}/varde", pg_value_post, MANAGER, 0},
    {"GET", "/enhet/{unit}/varden", pg_grid_form, MANAGER, 0},
    {"POST", "/enhet/{unit}/varden", pg_grid_post, MANAGER, 0},
    {"GET", "/enhet/{unit}/rapport", pg_report, READER, 0},
    {"GET", "/enhet/{unit}/indikatorrapport", pg_report_download, READER, R_SLOW},
    {"GET", "/enhet/{unit}/kalender", pg_calendar, READER, 0},
    {"GET", "/enhet/{unit}/dokument", pg_document, READER, R_SLOW},
    {"GET", "/enhet/{unit}/ekonomi", pg_economy, READER, 0},
    {"GET", "/enhet/{unit}/analys", pg_analysis_form, MANAGER, 0},
    {"POST", "/enhet/{unit}/analys", pg_analysis_post, MANAGER, 0},
    {"GET", "/enhet/{unit}/atgard", pg_action_form, MANAGER, 0},
    {"POST", "/enhet/{unit}/atgard", pg_action_post, MANAGER, 0},
    {"POST", "/enhet/{unit}/rapport/skicka", pg_report_submit, MANAGER, 0},
    {"POST", "/enhet/{unit}/rapport/godkann", pg_report_approve, CTRL, 0},
    {"POST", "/enhet/{unit}/rapport/returnera", pg_report_return, CTRL, 0},
    {"POST", "/enhet/{unit}/rapport/las-upp", pg_report_unlock, ADMIN, 0},
    /* Deleting a value, analysis or action: a confirmation, then its form. */
    {"GET", "/enhet/{unit}/ta-bort", pg_delete_form, MANAGER, 0},
    {"POST", "/enhet/{unit}/ta-bort", pg_delete_post, MANAGER, 0},
    {"GET", "/import", pg_import_form, ADMIN, 0},
    {"POST", "/import", pg_import_post, ADMIN, R_UPLOAD | R_SLOW},

    {"GET", "/api/v1/openapi.json", api_openapi, PUBLIC, R_API},
    {"GET", "/api/v1/units", api_units, READER, R_API},
    {"GET", "/api/v1/indicators", api_indicators, READER, R_API},
    {"GET", "/api/v1/goals", api_goals, READER, R_API},
    {"GET", "/api/v1/audit", api_audit, CTRL, R_API},
    {"GET", "/api/v1/units/{unit}/dashboard", api_dashboard, READER, R_API},
    {"GET", "/api/v1/units/{unit}/values", api_values_get, READER, R_API},
    {"POST", "/api/v1/units/{unit}/values", api_values_post, MANAGER, R_API},
    {"PUT", "/api/v1/units/{unit}/values/{ind}/{period}", api_value_put, MANAGER, R_API},
    {"DELETE", "/api/v1/units/{unit}/values/{ind}/{period}", api_value_delete, MANAGER, R_API},
    {"DELETE", "/api/v1/units/{unit}/analyses/{period}/{subject}", api_analysis_delete, MANAGER,
     R_API},
    {"DELETE", "/api/v1/units/{unit}/actions/{plan}", api_action_delete, MANAGER, R_API},
    {"GET", "/api/v1/units/{unit}/analyses", api_analyses_get, READER, R_API},
    {"POST", "/api/v1/units/{unit}/analyses", api_analyses_post, MANAGER, R_API},
    {"GET", "/api/v1/units/{unit}/actions", api_actions_get, READER, R_API},
    {"GET", "/api/v1/units/{unit}/ledger", api_ledger, READER, R_API},
    {"POST", "/api/v1/units/{unit}/actions", api_actions_post, MANAGER, R_API},
    {"GET", "/api/v1/units/{unit}/reports/{period}", api_report_get, READER, R_API},
    {"POST", "/api/v1/units/{unit}/reports/{period}/submit", api_report_submit, MANAGER, R_API},
    {"POST", "/api/v1/units/{unit}/reports/{period}/approve", api_report_approve, CTRL, R_API},
    {"POST", "/api/v1/units/{unit}/reports/{period}/return", api_report_return, CTRL, R_API},
    {"POST", "/api/v1/units/{unit}/reports/{period}/unlock", api_report_unlock, ADMIN, R_API},
    {"GET", "/api/v1/kolada/data/kpi/{ind}/municipality/{unit}", api_kolada, READER, R_API},

    {"GET", "/v2/data/kpi/{kpi}/municipality/{municipality}/year/{year}", kolada_v2_data, PUBLIC,
     OPEN},
    {"GET", "/v2/data/kpi/{kpi}/municipality/{municipality}", kolada_v2_data, PUBLIC, OPEN},
    {"GET", "/v2/data/kpi/{kpi}/year/{year}", kolada_v2_data, PUBLIC, OPEN},
    {"GET", "/v2/data/municipality/{municipality}/year/{year}", kolada_v2_data, PUBLIC, OPEN},
    {"GET", "/v2/oudata/kpi/{kpi}/ou/{ou}/year/{year}", kolada_v2_oudata, PUBLIC, OPEN},
    {"GET", "/v2/oudata/kpi/{kpi}/ou/{ou}", kolada_v2_oudata, PUBLIC, OPEN},
    {"GET", "/v2/oudata/kpi/{kpi}/year/{year}", kolada_v2_oudata, PUBLIC, OPEN},
    {"GET", "/v2/oudata/ou/{ou}/year/{year}", kolada_v2_oudata, PUBLIC, OPEN},
    {"GET", "/v2/kpi", kolada_v2_meta, PUBLIC, OPEN},
    {"GET", "/v2/kpi/{id}", kolada_v2_meta, PUBLIC, OPEN},
    {"GET", "/v2/municipality", kolada_v2_meta, PUBLIC, OPEN},
    {"GET", "/v2/municipality/{id}", kolada_v2_meta, PUBLIC, OPEN},
    {"GET", "/v2/ou", kolada_v2_meta, PUBLIC, OPEN},
    {"GET", "/v2/ou/{id}", kolada_v2_meta, PUBLIC, OPEN},
    {"GET", "/v2/kpi_groups", kolada_v2_meta, PUBLIC, OPEN},
    {"GET", "/v2/kpi_groups/{id}", kolada_v2_meta, PUBLIC, OPEN},
    {"GET", "/v2/municipality_groups", kolada_v2_meta, PUBLIC, OPEN},
    {"GET", "/v2/municipality_groups/{id}", kolada_v2_meta, PUBLIC, OPEN},
    {"GET", "/v3/data", kolada_v3_data, PUBLIC, OPEN},
    {"GET", "/v3/oudata", kolada_v3_oudata, PUBLIC, OPEN},
    {"GET", "/v3/kpi", kolada_v3_meta, PUBLIC, OPEN},
    {"GET", "/v3/kpi/{id}", kolada_v3_meta, PUBLIC, OPEN},
    {"GET", "/v3/municipality", kolada_v3_meta, PUBLIC, OPEN},
    {"GET", "/v3/municipality/{id}", kolada_v3_meta, PUBLIC, OPEN},
    {"GET", "/v3/ou", kolada_v3_meta, PUBLIC, OPEN},
    {"GET", "/v3/ou/{id}", kolada_v3_meta, PUBLIC, OPEN},
    {"GET", "/v3/kpi_groups", kolada_v3_meta, PUBLIC, OPEN},
    {"GET", "/v3/kpi_groups/{id}", kolada_v3_meta, PUBLIC, OPEN},
    {"GET", "/v3/municipality_groups", kolada_v3_meta, PUBLIC, OPEN},
    {"GET", "/v3/municipality_groups/{id}", kolada_v3_meta, PUBLIC, OPEN},
};

const size_t web_route_count = sizeof(web_routes) / sizeof(web_routes[0]);

void styr_web_print_routes(FILE *out)
{
	size_t i;

	for (i = 0; i < web_route_count; i++)
		fprintf(out, "%s %s %s %s\n", web_routes[i].method, web_routes[i].pattern,
		        web_routes[i].flags & R_OPEN ? "open"
		        : web_routes[i].flags & R_LOCAL
		            ? "local"
		            : styr_access_role_name(web_routes[i].min_role),
		        strstr(web_routes[i].pattern, "{unit}") ? "unit" : "-");
}
