/*
 * Importing a workbook from the browser: the page /import takes one XLSX
 * file (multipart/form-data) and hands it to styr_import_xlsx_data, the
 * same import as `styr import xlsx` (docs/formats.md, "XLSX").  The web
 * has no other import, and an import may write any unit's figures, so the
 * route is for admins; per-unit rights would need the importer to say
 * which units a file touches before it stores anything.
 *
 * The import and its audit entry ("import.xlsx", the file's name and what
 * was imported) are one transaction: the importer calls back before its
 * commit.  A refused workbook stores nothing and the page shows the
 * importer's message in Swedish (the message catalogue, err.h), which
 * names the sheet, the cell and the column.
 */
#include <stdio.h>
#include <string.h>

#include "web/web.h"

static void form(struct req *r)
{
	out_s(r,
	      "<p>En arbetsbok (.xlsx) med ett blad per slag av data, som de semikolonseparerade "
	      "filerna i docs/formats.md, och ett blad <code>budget</code> med månaderna som "
	      "kolumner. Allt importeras i en transaktion: ett fel någonstans och ingenting "
	      "sparas.</p><form method=\"post\" action=\"/import\" "
	      "enctype=\"multipart/form-data\">");
	page_csrf(r);
	out_s(r, "<p><label for=\"fil\">Arbetsbok</label> <input type=\"file\" id=\"fil\" "
	         "name=\"fil\" accept=\".xlsx,application/"
	         "vnd.openxmlformats-officedocument.spreadsheetml.sheet\" required></p>"
	         "<p><button type=\"submit\">Importera</button></p></form>");
}

int pg_import_form(struct req *r)
{
	page_begin(r, "Importera arbetsbok");
	form(r);
	return page_end(r);
}

/* Each kind as the page names it; the audit entry keeps the CLI's names
 * ("114 values"), which scripts read. */
static const char *const kind_sv[STYR_ENTITY_COUNT] = {
    [STYR_ENTITY_ORG] = "organisationsenheter",
    [STYR_ENTITY_GOAL] = "mål",
    [STYR_ENTITY_INDICATOR] = "indikatorer",
    [STYR_ENTITY_TARGET] = "målnivåer",
    [STYR_ENTITY_VALUE] = "värden",
    [STYR_ENTITY_ANALYSIS] = "analyser",
    [STYR_ENTITY_UPPDRAG] = "uppdrag",
    [STYR_ENTITY_UPPDRAG_REPORT] = "återrapporteringar",
    [STYR_ENTITY_ESCALATION] = "eskaleringar",
    [STYR_ENTITY_FOLLOWUP] = "uppföljningsregler",
    [STYR_ENTITY_INTERNAL_CONTROL] = "internkontrollrisker",
    [STYR_ENTITY_INDEX_WEIGHT] = "indexvikter",
    [STYR_ENTITY_LEDGER_ROW] = "rader i radplanen",
    [STYR_ENTITY_LEDGER] = "resultaträkningsrader",
    [STYR_ENTITY_RULE] = "kontrollregler",
    [STYR_ENTITY_ACTION] = "åtgärder",
    [STYR_ENTITY_BRIDGE] = "bryggsteg",
    [STYR_ENTITY_PROFILE] = "periodiseringsprofiler",
    [STYR_ENTITY_OPEN_DATA] = "beslut om öppna data",
    [STYR_ENTITY_GENDER_VALUE] = "värden per kön",
};

/* What an import stored: "42 org, 114 values" (names NULL: the CLI's
 * names) or "42 organisationsenheter, 114 värden". */
static void summary(const struct styr_import_stats *st, const char *const *names, char *out,
                    size_t n)
{
	size_t len = 0;
	int k;

	out[0] = '\0';
	for (k = 0; k < STYR_ENTITY_COUNT && len < n; k++)
		if (st->rows[k])
			len += (size_t)snprintf(
			    out + len, n - len, "%s%zu %s", len ? ", " : "", st->rows[k],
			    names ? names[k] : styr_entity_name((enum styr_entity)k));
	if (!out[0])
		snprintf(out, n, "inget");
}

struct audit_ctx {
	const char *user, *file;
};

static int audit_import(void *ctx, struct styr_db *db, const struct styr_import_stats *st,
                        struct styr_err *err)
{
	const struct audit_ctx *a = ctx;
	char what[512];
	int k;

	/* A workbook that changes nothing (every row of a kind the importer
	 * compares, and each unchanged, so not written) leaves no entry. */
	for (k = 0; k < STYR_ENTITY_COUNT; k++)
		if (st->rows[k] &&
		    (!styr_import_compares((enum styr_entity)k) || st->added[k] || st->changed[k]))
			break;
	if (k == STYR_ENTITY_COUNT)
		return STYR_OK;
	summary(st, NULL, what, sizeof(what));
	return styr_audit_append(db, a->user, "import.xlsx", a->file, "", what, err);
}

int pg_import_post(struct req *r)
{
	struct styr_import_stats st;
	struct styr_err err;
	struct audit_ctx a;
	struct styr_import_hook hook = {audit_import, &a, false, NULL, r->srv->import_rows_max};
	const char *file, *name;
	char what[512];
	size_t len;

	file = web_field_file(r, "fil", &len, &name);
	if (name && strrchr(name, '/'))
		name = strrchr(name, '/') + 1;
	if (!file || !len || !name) {
		r->status = 400;
		page_begin(r, "Importera arbetsbok");
		out_s(r, "<p role=\"alert\">Välj en arbetsbok (.xlsx) att importera.</p>");
		form(r);
		return page_end(r);
	}
	a.user = r->user;
	a.file = *name ? name : "uppladdning.xlsx";
	styr_err_init_lang(&err, STYR_LANG_SV);
	if (styr_import_xlsx_data(r->db, a.file, file, len, &hook, &st, &err)) {
		r->status = web_status_of(err.code);
		page_begin(r, "Arbetsboken importerades inte");
		out_s(r, "<p role=\"alert\">");
		out_h(r, styr_err_text(&err));
		out_s(r, "</p><p>Ingenting sparades. Rätta arbetsboken och försök igen.</p>");
		form(r);
		return page_end(r);
	}
	summary(&st, kind_sv, what, sizeof(what));
	page_begin(r, "Arbetsboken är importerad");
	out_s(r, "<p role=\"status\">");
	out_h(r, a.file);
	out_s(r, ": ");
	out_h(r, what);
	out_s(r, ".</p>");
	form(r);
	return page_end(r);
}
