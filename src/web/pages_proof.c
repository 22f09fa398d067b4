/*
 * Proof-reading on the web (issue 20): a form to upload a report's text
 * (and, optionally, the region's plan it quotes), answered with the same
 * marked-up page `styr proof --format html` writes: the document's lines
 * with each finding beside its line.  Nothing is stored; any logged-in
 * reader may use it.
 */
#include <string.h>

#include "web.h"

int pg_proof_form(struct req *r)
{
	page_begin(r, "Korrekturläsning");
	out_s(r, "<p>Ladda upp texten i en rapport (en PDF:s text) så listas varje ställe där "
	         "dokumentets siffror inte stämmer med varandra, markerat bredvid raden.</p>"
	         "<form method=\"post\" action=\"/korrektur\" enctype=\"multipart/form-data\">");
	page_csrf(r);
	out_s(
	    r,
	    "<p><label for=\"fil\">Rapportens text</label> "
	    "<input type=\"file\" id=\"fil\" name=\"fil\" accept=\".txt,text/plain\" required></p>"
	    "<p><label for=\"mot\">Regionens plan att jämföra med (frivillig)</label> "
	    "<input type=\"file\" id=\"mot\" name=\"mot\" accept=\".txt,text/plain\"></p>"
	    "<p><button type=\"submit\">Korrekturläs</button></p></form>");
	return page_end(r);
}

int pg_proof_post(struct req *r)
{
	struct styr_proof_doc doc, other;
	struct styr_proof_result res;
	size_t len = 0, olen = 0;
	const char *text = web_field_len(r, "fil", &len);
	const char *mot = web_field_len(r, "mot", &olen);
	struct styr_err err;
	int rc;

	if (!text || !len)
		return web_fail(r, 400, "missing_file",
		                "ladda upp rapportens text i fältet fil (multipart/form-data)");
	styr_err_init(&err);
	memset(&other, 0, sizeof(other));
	styr_proof_result_init(&res);
	rc = styr_proof_doc_from_text(&doc, "uppladdad text", text, len, &err);
	if (!rc && mot && olen)
		rc = styr_proof_doc_from_text(&other, "jämförd plan", mot, olen, &err);
	if (!rc)
		rc = styr_proof_run(&doc, mot && olen ? &other : NULL, &res, &err);
	if (!rc)
		rc = styr_proof_write_html(&doc, mot && olen ? &other : NULL, &res, &r->out, &err);
	styr_proof_result_release(&res);
	styr_proof_doc_release(&doc);
	styr_proof_doc_release(&other);
	if (rc)
		return web_fail_err(r, &err);
	r->status = 200;
	return 0;
}
