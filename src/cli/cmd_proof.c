/*
 * styr proof: proof-read a report's text before it is published.  Reads
 * the file (and, with --against, the region's document it quotes), asks
 * the library for the findings and prints them as text, JSON lines or an
 * HTML page.  Needs no database.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "styr/proof.h"

#define PROOF_OUT_MAX (256u << 20)

static int run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"against", required_argument, NULL, 'a'},
	    {"format", required_argument, NULL, 'f'},
	    {"year", required_argument, NULL, 'y'},
	    {NULL, 0, NULL, 0},
	};
	struct styr_proof_doc doc, other;
	struct styr_proof_result res;
	const char *against = NULL, *format = "text";
	struct styr_buf out;
	struct styr_err err;
	int c, year = 0, rc;

	(void)cli;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'a':
			against = optarg;
			break;
		case 'f':
			format = optarg;
			break;
		case 'y':
			if (cli_year(&cmd_proof_def, optarg, &year))
				return EXIT_INPUT;
			break;
		default:
			return cli_usage(&cmd_proof_def, "unknown option");
		}
	}
	if (optind + 1 != argc)
		return cli_usage(&cmd_proof_def, "needs one FILE");
	if (strcmp(format, "text") && strcmp(format, "jsonl") && strcmp(format, "html"))
		return cli_usage(&cmd_proof_def, "--format \"%s\": expected text, jsonl or html",
		                 format);
	styr_err_init(&err);
	memset(&other, 0, sizeof(other));
	styr_proof_result_init(&res);
	styr_buf_init(&out, PROOF_OUT_MAX);
	rc = styr_proof_doc_load(&doc, argv[optind], &err);
	doc.year = year;
	if (!rc && against)
		rc = styr_proof_doc_load(&other, against, &err);
	if (!rc)
		rc = styr_proof_run(&doc, against ? &other : NULL, &res, &err);
	if (!rc && !strcmp(format, "jsonl"))
		rc = styr_proof_write_jsonl(&doc, against ? &other : NULL, &res, &out, &err);
	else if (!rc && !strcmp(format, "html"))
		rc = styr_proof_write_html(&doc, against ? &other : NULL, &res, &out, &err);
	else if (!rc)
		rc = styr_proof_write_text(&doc, against ? &other : NULL, &res, &out, &err);
	if (!rc && out.len)
		fwrite(out.data, 1, out.len, stdout);
	if (!rc)
		rc = res.count[STYR_PROOF_FEL] ? -1 : 0;
	styr_buf_release(&out);
	styr_proof_result_release(&res);
	styr_proof_doc_release(&doc);
	styr_proof_doc_release(&other);
	if (rc > 0)
		return cli_fail(&err);
	return rc < 0 ? EXIT_FINDINGS : 0;
}

const struct command cmd_proof_def = {
    "proof",
    run,
    "proof-read a report's text: figures that do not add up",
    "styr proof FILE [--against OTHER] [--format text|jsonl|html] [--year Y]\n"
    "Reads the text of a report (a PDF's text, as in the seeds) and lists every\n"
    "place where its figures disagree: sums and sub-totals of its tables,\n"
    "difference and percent columns, changes stated in the text against the\n"
    "figures they are between, text against the table beside it, years in the\n"
    "wrong order.  --against OTHER compares a unit's plan with the region's\n"
    "plan and budget it quotes (regionbidrag, uppräkning).  Each finding has a\n"
    "class: fel (a contradiction), avrundning (within the printed precision),\n"
    "oklart (the document does not settle it); a table that cannot be read\n"
    "safely is listed as not read.  --year Y names the year the text reports\n"
    "on: what it says about goals and changes is judged on that year's column\n"
    "of each indicator table (by default the latest the table prints).  No\n"
    "database is needed.\n"
    "exit codes: 0 no fel, 1 at least one fel, 2 bad input\n",
};
