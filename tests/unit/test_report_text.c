/*
 * Tests for src/import/report_text.c.  The seed årsredovisning (seed 002,
 * Lasarettet i Landskrona 2024) is the reference: every indicator row it
 * prints is listed below with its name, target and three values as read
 * from the document by a person, not from the parser's output.  Small
 * synthetic texts then pin down one extraction quirk each.
 *
 * The seed is read by path: $SHARED/seeds/... when SHARED is set, else
 * relative to this source file (tests/unit/ -> ../../../shared).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "import/report_text.h"

#define N(a)      (sizeof(a) / sizeof((a)[0]))
#define SEED_NAME "002_23ab211d04b68d9f.txt"

/* ---- the seed ------------------------------------------------------------ */

struct exp_cell {
	enum styr_num_kind kind;
	double value;
	int decimals;
	bool percent;
	const char *reason; /* missing_reason; "" for a value */
};

#define V(v, d)                                                                                    \
	{                                                                                          \
		STYR_NUM_VALUE, v, d, false, ""                                                    \
	}
#define P(v, d)                                                                                    \
	{                                                                                          \
		STYR_NUM_VALUE, v, d, true, ""                                                     \
	}
#define MISS(r)                                                                                    \
	{                                                                                          \
		STYR_NUM_MISSING, 0, 0, false, r                                                   \
	}

struct exp_row {
	const char *code;
	int line;
	const char *name;
	const char *target;
	const char *heading;
	struct exp_cell cell[3];
};

#define H_NPE  "Akutmottagningar"
#define H_VG   "Följsamhet till vårdgarantin"
#define H_SPEC "Öka tillgänglighet till specialistvård"
#define H_AKUT "Effektivt omhändertagande av patienter som söker akutsjukvård"
#define H_TRYCK                                                                                    \
	"Minska förekomsten av trycksår, fallolyckor, vårdrelaterade infektioner och undernäring"
#define H_BELAGG                                                                                   \
	"Minska överbeläggning, utlokalisering samt överflyttning av intensivvårdspatienter"
#define H_LKM   "Ökad säkerhet och kvalitet i läkemedelsanvändningen"
#define H_ANTIB "Minska onödig antibiotikaförskrivning"
#define H_NARA  "God och nära vård. Nära vård med primärvård som nav"
#define H_VALD  "Fler våldsutsatta personer ska identifieras och stöttas"
#define H_SVF   "Fortsatt utveckling av standardiserade vårdförlopp (SVF)"
#define H_DIGI                                                                                       \
	"Digitala tjänster ska fortsatt utvecklas och införas i hälso- och sjukvården och goda " \
	"erfarenheter, avseende användningen av e-tjänsterna på 1177.se och digital vård under " \
	"pandemin, ska tillvaratas"
#define VI_HAR "Vi har inga <18 år"

/* Every row of seed 002, in the order printed. */
static const struct exp_row seed_rows[] = {
    {"ID0285", 392, "Helhetsintryck (NPE)", "-", H_NPE, {V(93.8, 1), V(94.3, 1), V(92.0, 1)}},
    {"ID0286", 393, "Tillgänglighet (NPE)", "-", H_NPE, {V(94.0, 1), V(95.5, 1), V(90.9, 1)}},
    {"ID0287",
     394,
     "Bemötande och respekt (NPE)",
     "-",
     H_NPE,
     {V(93.2, 1), V(92.2, 1), V(91.5, 1)}},
    {"ID0288",
     396,
     "Information och kunskap (NPE)",
     "-",
     H_NPE,
     {V(80.9, 1), V(82.7, 1), V(77.7, 1)}},
    {"ID0289", 398, "Emotionellt stöd (NPE)", "-", H_NPE, {V(89.1, 1), V(87.9, 1), V(83.6, 1)}},
    {"ID0290",
     400,
     "Kontinuitet och koordinering (NPE)",
     "-",
     H_NPE,
     {V(89.9, 1), V(90.5, 1), V(87.2, 1)}},
    {"ID0291",
     403,
     "Delaktighet och involvering (NPE)",
     "-",
     H_NPE,
     {V(88.4, 1), V(89.0, 1), V(85.5, 1)}},
    {"ID0069",
     554,
     "Väntande inom 90 dagar - första besök",
     ">95 %",
     H_VG,
     {V(83.8, 1), V(82.5, 1), V(80.2, 1)}},
    {"ID0070",
     559,
     "Väntande inom 90 dagar- operation/åtgärd",
     ">95 %",
     H_VG,
     {V(60.0, 1), V(50.9, 1), V(46.1, 1)}},
    {"ID0139",
     698,
     "Följsamhet till medicinskt måldatum för genomförda återbesök",
     ">88 %",
     H_SPEC,
     {P(69.2, 1), P(71.4, 1), P(71.8, 1)}},
    {"ID0340",
     764,
     "Andel patienter som väntar kortare tid än två timmar på inskrivning till vårdavdelning "
     "från akutmottagning",
     "≥80%",
     H_AKUT,
     {P(92.2, 1), P(88.5, 1), P(86.3, 1)}},
    {"ID0210",
     770,
     "Andel patienter som väntar mindre än en timme på en första läkarbedömning "
     "(akutmottagning)",
     ">80%",
     H_AKUT,
     {P(85.3, 1), P(82.9, 1), P(81.2, 1)}},
    {"ID0337",
     832,
     "Riskbedömning avseende undernäring 18 år och äldre",
     "≥80%",
     H_TRYCK,
     {P(63.4, 1), P(61.1, 1), P(59.6, 1)}},
    {"ID0338",
     838,
     "Vårdplan avseende undernäring 18 år och äldre med ökad risk för undernäring enligt "
     "riskbedömning",
     "≥95%",
     H_TRYCK,
     {P(88.5, 1), P(85.6, 1), P(83.1, 1)}},
    {"ID0410",
     843,
     "Riskbedömning i sluten vård - undernäring barn och unga <18år",
     "≥80%",
     H_TRYCK,
     {MISS(VI_HAR), MISS(VI_HAR), MISS(VI_HAR)}},
    {"ID0010",
     976,
     "Utlokaliserade patienter",
     "<0,5/100 vpl.",
     H_BELAGG,
     {V(0, 0), V(0, 0), V(0, 0)}},
    {"ID0128", 981, "Överbeläggningar", "<1/100 vpl.", H_BELAGG, {V(8.9, 1), V(9.6, 1), V(3.6, 1)}},
    {"ID0015",
     1007,
     "Tvärprofessionell läkemedelsgenomgång, inklusive läkemedelsavstämning (slutenvård)",
     ">50%",
     H_LKM,
     {P(9.0, 1), P(7.3, 1), P(6.6, 1)}},
    {"ID0306",
     1009,
     "Utskrivningsinformation ett eller fler läkemedel",
     "≥ 70%",
     H_LKM,
     {P(60.2, 1), P(58.2, 1), P(55.9, 1)}},
    {"ID0050",
     1026,
     "Penicillin V vid behandling av barn med luftvägsinfektion",
     ">75 %",
     H_ANTIB,
     {P(0, 2), P(50, 0), P(100, 0)}},
    {"ID0049",
     1031,
     "Bredspektrumantibiotika vid urinvägsinfektion",
     "<10%",
     H_ANTIB,
     {P(41.1, 1), P(47.5, 1), P(34.3, 1)}},
    {"ID0091",
     1051,
     "Återinskrivning 1-30 dagar för äldre",
     "≥ 10 % minskning/år",
     H_NARA,
     {P(10.5, 1), P(10.2, 1), P(11.3, 1)}},
    {"ID0367",
     1174,
     "Antal journalanteckningar om våld i nära relationer",
     "-",
     H_VALD,
     {V(1, 0), V(1, 0), MISS("-")}},
    {"ID0667",
     1179,
     "Orosanmälan barn enligt Socialtjänstlagen",
     "-",
     H_VALD,
     {V(4, 0), V(0, 0), MISS("-")}},
    {"ID0668",
     1181,
     "Information våld i nära relationer",
     "-",
     H_VALD,
     {MISS("-"), MISS("-"), MISS("-")}},
    {"ID0670",
     1185,
     "Samtal vuxen patient om minderårig anhörigs stödbehov",
     "-",
     H_VALD,
     {V(1, 0), V(0, 0), MISS("not printed")}},
    {"ID0242",
     1252,
     "Kontaktsjuksköterska vid cancer",
     ">80%",
     H_SVF,
     {P(95, 0), P(93, 0), P(82, 0)}},
    {"ID0341",
     1256,
     "Standardiserade vårdförlopp (SVF) inom stipulerad tid",
     "≥80%",
     H_SVF,
     {P(27, 0), P(38, 0), P(47, 0)}},
    {"ID0342",
     1261,
     "Andel patienter med cancerdiagnos som ingår i ett SVF-förlopp",
     "≥70%",
     H_SVF,
     {P(73, 0), P(75, 0), P(74, 0)}},
    {"ID0343",
     1266,
     "Tidig rehabiliteringsbedömning till SVF-patienter",
     "≥80%",
     H_SVF,
     {P(3, 0), P(13, 0), P(16, 0)}},
    {"ID0661",
     1705,
     "Enheter med e-tjänsten \"Kontakta oss\" (andel)",
     "100%*",
     H_DIGI,
     {P(100, 0), P(100, 0), P(69, 0)}},
    {"ID0662",
     1710,
     "Invånarinitierade ärenden via ”Kontakta oss” (antal)",
     "Ökning",
     H_DIGI,
     {V(4445, 0), V(1869, 0), V(1750, 0)}},
    {"ID0663",
     1715,
     "Invånarinitierade ärenden via 1177 e-tjänster (antal)",
     "Ökning",
     H_DIGI,
     {V(13742, 0), V(11856, 0), V(8752, 0)}},
    {"ID0664",
     1717,
     "Vårdinitierade ärenden via 1177 e-tjänster (antal)",
     "Ökning",
     H_DIGI,
     {V(15281, 0), V(9157, 0), V(3432, 0)}},
};

/* The Digital bokning table has no ID-nr, only "*". */
static const int seed_star_lines[] = {1980, 1982, 1984, 1986};

struct seed {
	char *text;
	size_t len;
	struct rt_result res;
};

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
		buf = malloc((size_t)n + 1);
		if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		}
		if (buf) {
			buf[n] = '\0';
			*len = (size_t)n;
		}
	}
	fclose(f);
	return buf;
}

static int seed_setup(void **state)
{
	static const char rel[] = "/../../../shared";
	const char *shared = getenv("SHARED");
	struct styr_err err;
	struct seed *s;
	char path[4096];

	if (shared && *shared) {
		snprintf(path, sizeof(path), "%s/seeds/%s", shared, SEED_NAME);
	} else {
		const char *slash = strrchr(__FILE__, '/');
		int dir = slash ? (int)(slash - __FILE__) : 1;

		snprintf(path, sizeof(path), "%.*s%s/seeds/%s", dir, slash ? __FILE__ : ".", rel,
		         SEED_NAME);
	}
	s = calloc(1, sizeof(*s));
	if (!s)
		return -1;
	s->text = read_file(path, &s->len);
	if (!s->text) {
		fprintf(stderr, "cannot read the seed %s\n", path);
		free(s);
		return -1;
	}
	styr_err_init(&err);
	if (rt_parse(s->text, s->len, SEED_NAME, &s->res, &err) != STYR_OK) {
		fprintf(stderr, "%s\n", err.msg);
		free(s->text);
		free(s);
		return -1;
	}
	*state = s;
	return 0;
}

static int seed_teardown(void **state)
{
	struct seed *s = *state;

	/* cmocka tears down after a failed setup too. */
	if (!s)
		return 0;
	rt_result_release(&s->res);
	free(s->text);
	free(s);
	return 0;
}

static const struct rt_row *find_row(const struct rt_result *r, const char *code)
{
	size_t i;

	for (i = 0; i < r->nrows; i++)
		if (strcmp(r->rows[i].code, code) == 0)
			return &r->rows[i];
	return NULL;
}

static void check_cell(const struct rt_cell *got, const struct exp_cell *want)
{
	assert_int_equal(got->num.kind, want->kind);
	assert_string_equal(got->missing_reason, want->reason);
	if (want->kind != STYR_NUM_VALUE)
		return;
	assert_true(fabs(got->num.value - want->value) < 1e-9);
	assert_int_equal(got->num.decimals, want->decimals);
	assert_int_equal(got->num.percent, want->percent);
}

static void test_seed_rows(void **state)
{
	const struct seed *s = *state;
	size_t i;
	int c;

	for (i = 0; i < N(seed_rows); i++) {
		const struct exp_row *e = &seed_rows[i];
		const struct rt_row *r = find_row(&s->res, e->code);

		print_message("%s\n", e->code);
		assert_non_null(r);
		assert_int_equal(r->line, e->line);
		assert_string_equal(r->name, e->name);
		assert_string_equal(r->target, e->target);
		assert_string_equal(r->heading, e->heading);
		assert_int_equal(r->ncols, 3);
		assert_int_equal(r->year[0], 2024);
		assert_int_equal(r->year[1], 2023);
		assert_int_equal(r->year[2], 2022);
		for (c = 0; c < 3; c++)
			check_cell(&r->cell[c], &e->cell[c]);
	}
}

/* Nothing more and nothing less than the rows above, in the order printed. */
static void test_seed_row_set(void **state)
{
	const struct seed *s = *state;
	size_t i;

	assert_int_equal(s->res.nrows, N(seed_rows));
	for (i = 0; i < N(seed_rows); i++)
		assert_string_equal(s->res.rows[i].code, seed_rows[i].code);
}

/* "Andel: 10,5% Antal: 311 Förändring av antalet jmf m. 2023 4,4%" over
 * fourteen lines: value is the Andel, numerator the Antal, text kept. */
static void test_seed_composite(void **state)
{
	static const struct {
		double andel, antal;
		const char *text;
	} want[] = {
	    {10.5, 311, "Andel: 10,5% Antal: 311 Förändring av antalet jmf m. 2023 4,4%"},
	    {10.2, 298, "Andel: 10,2% Antal: 298 Förändring av antalet jmf m. 2022 - 6,6%"},
	    {11.3, 319,
	     "Andel: 11,3% Antal: 319 Förändring av antalet jmf m. 2021 (%): Finns inte "
	     "tillgängligt"},
	};
	const struct seed *s = *state;
	const struct rt_row *r = find_row(&s->res, "ID0091");
	size_t i;

	assert_non_null(r);
	for (i = 0; i < N(want); i++) {
		assert_int_equal(r->cell[i].num.kind, STYR_NUM_VALUE);
		assert_true(fabs(r->cell[i].num.value - want[i].andel) < 1e-9);
		assert_true(r->cell[i].num.percent);
		assert_true(r->cell[i].has_numerator);
		assert_true(fabs(r->cell[i].numerator - want[i].antal) < 1e-9);
		assert_string_equal(r->cell[i].text, want[i].text);
	}
}

/* Cell texts as printed, joined over the lines the extraction split. */
static void test_seed_cell_text(void **state)
{
	static const struct {
		const char *code;
		int col;
		const char *text;
	} want[] = {
	    {"ID0139", 2, "71,8 %"},
	    {"ID0663", 0, "13 742"},
	    {"ID0663", 1, "11 856"},
	    {"ID0663", 2, "8752"},
	    {"ID0410", 1, "Vi har inga <18 år"},
	    {"ID0670", 2, ""},
	    {"ID0049", 0, "41.1%"},
	    {"ID0050", 0, "0,00%"},
	    {"ID0668", 0, "-"},
	};
	const struct seed *s = *state;
	size_t i;

	for (i = 0; i < N(want); i++) {
		const struct rt_row *r = find_row(&s->res, want[i].code);

		assert_non_null(r);
		assert_string_equal(r->cell[want[i].col].text, want[i].text);
	}
}

/* The "*" rows are the only problems, each on its own line. */
static void test_seed_problems(void **state)
{
	const struct seed *s = *state;
	size_t i;

	assert_int_equal(s->res.nproblems, N(seed_star_lines));
	for (i = 0; i < N(seed_star_lines); i++) {
		assert_int_equal(s->res.problems[i].line, seed_star_lines[i]);
		assert_string_equal(s->res.problems[i].reason, "row has no ID-nr (marked *)");
	}
}

/* ---- synthetic inputs ---------------------------------------------------- */

static void parse_ok(const char *text, struct rt_result *r)
{
	struct styr_err err;

	styr_err_init(&err);
	if (rt_parse(text, strlen(text), "t.txt", r, &err) != STYR_OK)
		fail_msg("%s", err.msg);
}

static const struct rt_row *row_of(const struct rt_result *r, const char *code)
{
	const struct rt_row *row = find_row(r, code);

	if (!row)
		fail_msg("no row %s", code);
	return row;
}

#define HDR "Indikator ID-nr. Mål 2024 2023 2022\n"

/* One row per input: the target and the three cells as text. */
static const struct {
	const char *what, *in, *target, *cell[3];
} one_row[] = {
    {"target wrapped before %",
     HDR "Namn ID0001 >95\n\n%\n83,8 82,5 80,2\n",
     ">95 %",
     {"83,8", "82,5", "80,2"}},
    {"target wrapped before vpl.",
     HDR "Namn ID0001 <0,5/100\n\nvpl.\n0 0 0\n",
     "<0,5/100 vpl.",
     {"0", "0", "0"}},
    {"relative target wrapped",
     HDR "Namn ID0001 ≥ 10 %\nminskning/år\n1 2 3\n",
     "≥ 10 % minskning/år",
     {"1", "2", "3"}},
    {"target with footnote star",
     HDR "Namn ID0001 100%* 100% 100% 69%\n",
     "100%*",
     {"100%", "100%", "69%"}},
    {"direction target",
     HDR "Namn ID0001 Ökning  4445 1869  1750\n",
     "Ökning",
     {"4445", "1869", "1750"}},
    {"thousands groups",
     HDR "Namn ID0001 Ökning  13 742 11 856  8752\n",
     "Ökning",
     {"13 742", "11 856", "8752"}},
    {"thousands with no-break spaces",
     HDR "Namn ID0001 - 1\xc2\xa0"
         "234 5 6\n",
     "-",
     {"1 234", "5", "6"}},
    {"percent sign spaced off",
     HDR "Namn ID0001 >88 69,2% 71,4% 71,8 %\n",
     ">88",
     {"69,2%", "71,4%", "71,8 %"}},
    {"values on their own lines", HDR "Namn\n\nID0001 -\n\n1\n2\n\n3\n", "-", {"1", "2", "3"}},
    {"x and dashes", HDR "Namn ID0001 - x – -\n", "-", {"x", "–", "-"}},
    {"small count as text",
     HDR "Namn ID0001 - <5 12 Uppgift saknas\n",
     "-",
     {"<5", "12", "Uppgift saknas"}},
    {"fewer values than years", HDR "Namn ID0001 - 1 0\n\n\nText.\n", "-", {"1", "0", ""}},
    {"text cell wrapped differently per column",
     HDR "Namn ID0001 ≥80% Vi har inga\n<18 år\n\nVi har\ninga <18\n\når\nVi har\ninga "
         "<18\n\når\n",
     "≥80%",
     {VI_HAR, VI_HAR, VI_HAR}},
    {"caption after the last row",
     HDR "Namn ID0001 - 1 2 3\n\nAvser december månad\n\n\n",
     "-",
     {"1", "2", "3"}},
    {"windows line ends and a BOM",
     "\xef\xbb\xbf"
     "Indikator ID-nr. Mål 2024 2023 2022\r\n"
     "Namn ID0001 >5 1 2 3\r\n",
     ">5",
     {"1", "2", "3"}},
};

static void test_one_row(void **state)
{
	size_t i;
	int c;

	(void)state;
	for (i = 0; i < N(one_row); i++) {
		struct rt_result r;
		const struct rt_row *row;

		print_message("%s\n", one_row[i].what);
		parse_ok(one_row[i].in, &r);
		assert_int_equal(r.nproblems, 0);
		assert_int_equal(r.nrows, 1);
		row = row_of(&r, "ID0001");
		assert_string_equal(row->name, "Namn");
		assert_string_equal(row->target, one_row[i].target);
		for (c = 0; c < 3; c++)
			assert_string_equal(row->cell[c].text, one_row[i].cell[c]);
		rt_result_release(&r);
	}
}

/* A page break inside a table: the page number is skipped, the blank lines
 * around it do not end the table, and a header repeated on the next page
 * continues the table under the same heading. */
static void test_page_break(void **state)
{
	static const char in[] = "Rubriken\n"
	                         "\n" HDR "Första namnet\n"
	                         "\n"
	                         "ID0001 >95\n"
	                         "\n"
	                         "12 (40)\n"
	                         "\n"
	                         "%\n"
	                         "1 2 3\n"
	                         "\n"
	                         " 13 (40) \n"
	                         "\n"
	                         "Andra ID0002 - 4 5 6\n"
	                         "\n"
	                         "14 (40)\n"
	                         "\n" HDR "Tredje ID0003 - 7 8 9\n";
	struct rt_result r;

	(void)state;
	parse_ok(in, &r);
	assert_int_equal(r.nproblems, 0);
	assert_int_equal(r.nrows, 3);
	assert_string_equal(row_of(&r, "ID0001")->target, ">95 %");
	assert_string_equal(row_of(&r, "ID0001")->cell[0].text, "1");
	assert_string_equal(row_of(&r, "ID0001")->name, "Första namnet");
	assert_string_equal(row_of(&r, "ID0002")->cell[2].text, "6");
	assert_int_equal(row_of(&r, "ID0002")->line, 15);
	assert_string_equal(row_of(&r, "ID0003")->heading, "Rubriken");
	rt_result_release(&r);
}

/* Rows that cannot be read become problems naming their line; the rows
 * around them are still read. */
static const struct {
	const char *what, *in, *reason;
	int line;
} bad_row[] = {
    {"no ID-nr", HDR "Ok ID0009 - 1 2 3\nNamn * Ökning 1427 x x\n", "row has no ID-nr (marked *)",
     3},
    {"too many values", HDR "Ok ID0009 - 1 2 3\nNamn ID0001 - 1 2 3 4\n",
     "ID0001: 4 values for 3 year columns (2024 2023 2022): \"1 2 3 4\"", 3},
    {"ambiguous thousands", HDR "Ok ID0009 - 1 2 3\nNamn ID0001 - 1 234 567 8\n",
     "ID0001: values \"1 234 567 8\" do not split into the 3 year columns (2024 2023 2022) in "
     "one way only: a space may separate thousands or two values",
     3},
    {"ambiguous with a value missing", HDR "Ok ID0009 - 1 2 3\nNamn ID0001 - 1 234\n",
     "ID0001: values \"1 234\" do not split into the 3 year columns (2024 2023 2022) in one way "
     "only: a space may separate thousands or two values",
     3},
    {"broken number", HDR "Ok ID0009 - 1 2 3\nNamn ID0001 - 1 8#,3 3\n",
     "ID0001: 2023: value \"8#,3\": expected a number such as 83,8", 3},
    {"target without values", HDR "Ok ID0009 - 1 2 3\nNamn ID0001 >95\n\n\n",
     "ID0001: no values after the target \">95\"", 3},
    {"nothing after the ID-nr", HDR "Ok ID0009 - 1 2 3\nNamn ID0001\n",
     "ID0001: no target or values after the ID-nr", 3},
    {"printed twice", HDR "Ok ID0009 - 1 2 3\nOk ID0009 - 1 2 3\n", "ID0009: duplicate of line 2",
     3},
    {"row after the table ended", HDR "Ok ID0009 - 1 2 3\n\n\nNamn ID0001 - 1 2 3\n",
     "ID0001: row outside an indicator table (no \"Indikator ID-nr. Mål ...\" header above it)", 5},
};

static void test_bad_rows(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < N(bad_row); i++) {
		struct rt_result r;

		print_message("%s\n", bad_row[i].what);
		parse_ok(bad_row[i].in, &r);
		assert_int_equal(r.nrows, 1);
		assert_string_equal(r.rows[0].code, "ID0009");
		assert_int_equal(r.nproblems, 1);
		assert_int_equal(r.problems[0].line, bad_row[i].line);
		assert_string_equal(r.problems[0].reason, bad_row[i].reason);
		rt_result_release(&r);
	}
}

/* The same ID-nr with other figures is a row of its own: the importer
 * decides which one holds. */
static void test_duplicate_with_other_figures(void **state)
{
	struct rt_result r;

	(void)state;
	parse_ok(HDR "Ok ID0009 - 1 2 3\nOk ID0009 - 1 2 4\n", &r);
	assert_int_equal(r.nproblems, 0);
	assert_int_equal(r.nrows, 2);
	assert_int_equal(r.rows[1].line, 3);
	assert_string_equal(r.rows[1].cell[2].text, "4");
	rt_result_release(&r);
}

/* The heading is the nearest short block above the header that does not
 * end a sentence; bullets are dropped and wrapped words joined. */
static const struct {
	const char *what, *above, *heading;
} headings[] = {
    {"one line", "Minska onödig antibiotikaförskrivning\n\n",
     "Minska onödig antibiotikaförskrivning"},
    {"bullet and two lines",
     "Text.\n\n➢ Effektivt omhändertagande av patienter som söker\nakutsjukvård\n\n",
     "Effektivt omhändertagande av patienter som söker akutsjukvård"},
    {"glued to the paragraph above", "slut på stycket.\n Öka tillgänglighet\n\n \n",
     "Öka tillgänglighet"},
    {"full stop inside", "God och nära vård. Nära vård\n \n", "God och nära vård. Nära vård"},
    {"paragraph ending a sentence", "Detta är en mening om tabellen.\n\n", ""},
    {"hyphen at line end", "Andel SVF-\npatienter samt hälso-\noch sjukvård\n\n",
     "Andel SVF-patienter samt hälso- och sjukvård"},
    {"nothing above", "", ""},
};

static void test_headings(void **state)
{
	char in[512];
	size_t i;

	(void)state;
	for (i = 0; i < N(headings); i++) {
		struct rt_result r;

		print_message("%s\n", headings[i].what);
		snprintf(in, sizeof(in), "%s" HDR "Namn ID0001 - 1 2 3\n", headings[i].above);
		parse_ok(in, &r);
		assert_int_equal(r.nrows, 1);
		assert_string_equal(r.rows[0].heading, headings[i].heading);
		rt_result_release(&r);
	}
}

/* Unusable input is an error naming file and line; the result is empty. */
static const struct {
	const char *what;
	const char *in;
	size_t len;
	const char *msg;
} refused[] = {
    {"invalid UTF-8", "Rubrik\n" HDR "Namn ID0001 - 1 2 \xff\n", 0,
     "t.txt:3: invalid UTF-8 (byte 0xff); expected a UTF-8 text extract"},
    {"Latin-1 text", "Rubrik\n\nM\xe5l\n", 0,
     "t.txt:3: invalid UTF-8 (byte 0xe5); expected a UTF-8 text extract"},
    {"overlong encoding", "a\nb\nc \xc0\xaf\n", 0,
     "t.txt:3: invalid UTF-8 (byte 0xc0); expected a UTF-8 text extract"},
    {"NUL byte", "a\n\0b\n", 5, "t.txt:2: NUL byte; expected a UTF-8 text extract"},
    {"no table", "Årsredovisning 2024\n\nInga tabeller här.\n", 0,
     "t.txt:1: no indicator table; expected a header line such as \"Indikator ID-nr. Mål 2024 "
     "2023 2022\""},
    {"empty file", "", 0,
     "t.txt:1: no indicator table; expected a header line such as \"Indikator ID-nr. Mål 2024 "
     "2023 2022\""},
};

static void test_refused(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < N(refused); i++) {
		struct rt_result r;
		struct styr_err err;
		size_t len = refused[i].len ? refused[i].len : strlen(refused[i].in);

		print_message("%s\n", refused[i].what);
		styr_err_init(&err);
		assert_int_equal(rt_parse(refused[i].in, len, "t.txt", &r, &err), STYR_EINPUT);
		assert_int_equal(err.code, STYR_EINPUT);
		assert_string_equal(err.msg, refused[i].msg);
		assert_null(r.rows);
		assert_int_equal(r.nrows, 0);
		assert_null(r.problems);
		assert_int_equal(r.nproblems, 0);
		rt_result_release(&r);
	}
}

/* A header with no row under it is reported; parsing goes on. */
static void test_table_without_rows(void **state)
{
	struct rt_result r;

	(void)state;
	parse_ok(HDR "\n\nLång text som följer direkt efter en tom tabell, utan några rader.\n"
	             "\n" HDR "Namn ID0001 - 1 2 3\n",
	         &r);
	assert_int_equal(r.nrows, 1);
	assert_int_equal(r.nproblems, 1);
	assert_int_equal(r.problems[0].line, 1);
	assert_string_equal(r.problems[0].reason, "table has no rows with an ID-nr");
	rt_result_release(&r);
}

/* Fewer year columns than three, and a header without "Mål". */
static void test_columns(void **state)
{
	struct rt_result r;
	const struct rt_row *row;

	(void)state;
	parse_ok("Indikator ID-nr. Mål 2024 2023\nA ID0001 >5 1 2\n\n\n"
	         "Indikator ID-nr. 2024 2023 2022 2021\nB ID0002 1 2 3 4\n",
	         &r);
	assert_int_equal(r.nproblems, 0);
	row = row_of(&r, "ID0001");
	assert_int_equal(row->ncols, 2);
	assert_int_equal(row->year[1], 2023);
	assert_string_equal(row->cell[1].text, "2");
	row = row_of(&r, "ID0002");
	assert_int_equal(row->ncols, 4);
	assert_string_equal(row->target, "-");
	assert_int_equal(row->year[3], 2021);
	assert_string_equal(row->cell[0].text, "1");
	assert_string_equal(row->cell[3].text, "4");
	rt_result_release(&r);
}

/* A name longer than the field is cut on a character boundary. */
static void test_long_name(void **state)
{
	char in[1024];
	struct rt_result r;
	size_t i, len;

	(void)state;
	len = (size_t)snprintf(in, sizeof(in), HDR);
	for (i = 0; i < 150; i++)
		len += (size_t)snprintf(in + len, sizeof(in) - len, "å");
	snprintf(in + len, sizeof(in) - len, " ID0001 - 1 2 3\n");
	parse_ok(in, &r);
	assert_int_equal(r.nrows, 1);
	assert_int_equal(strlen(r.rows[0].name), 254);
	rt_result_release(&r);
}

int main(void)
{
	const struct CMUnitTest seed_tests[] = {
	    cmocka_unit_test(test_seed_rows),      cmocka_unit_test(test_seed_row_set),
	    cmocka_unit_test(test_seed_composite), cmocka_unit_test(test_seed_cell_text),
	    cmocka_unit_test(test_seed_problems),
	};
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_one_row),
	    cmocka_unit_test(test_page_break),
	    cmocka_unit_test(test_bad_rows),
	    cmocka_unit_test(test_duplicate_with_other_figures),
	    cmocka_unit_test(test_headings),
	    cmocka_unit_test(test_refused),
	    cmocka_unit_test(test_table_without_rows),
	    cmocka_unit_test(test_columns),
	    cmocka_unit_test(test_long_name),
	};
	int failed = cmocka_run_group_tests_name("report_text seed 002", seed_tests, seed_setup,
	                                         seed_teardown);

	return failed + cmocka_run_group_tests_name("report_text edge cases", tests, NULL, NULL);
}
