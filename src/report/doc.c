/*
 * Building the document tree.  Every string is copied in, so builders can
 * pass stack buffers; growth doubles, so building a report with thousands
 * of rows stays linear.
 *
 * A finished tree is sealed with a content hash (SHA-256 through GLib's
 * GChecksum, which pango already brings): every format prints it, so a
 * reader can tell two reports made from the same data from two that were
 * not, whatever day they were rendered.
 */
#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/doc.h"
#include "styr/buf.h"

static char *doc_strdup(const char *s, struct styr_err *err)
{
	char *p = strdup(s ? s : "");

	if (!p)
		styr_error(err, STYR_ENOMEM, "out of memory building a report");
	return p;
}

int doc_init(struct doc *d, const char *title, const char *subtitle, struct styr_err *err)
{
	memset(d, 0, sizeof(*d));
	d->title = doc_strdup(title, err);
	d->subtitle = doc_strdup(subtitle, err);
	return d->title && d->subtitle ? STYR_OK : STYR_ENOMEM;
}

void doc_truncate(struct doc *d, size_t nblocks)
{
	size_t i, j;

	for (i = nblocks; i < d->nblocks; i++) {
		struct doc_block *b = &d->blocks[i];

		free(b->text);
		free(b->table.caption);
		for (j = 0; j < b->table.ncols; j++)
			free(b->table.head[j]);
		free(b->table.head);
		for (j = 0; j < b->table.ncells; j++)
			free(b->table.cells[j].text);
		free(b->table.cells);
		free(b->chart.alt);
		free(b->chart.ref_label);
		for (j = 0; j < b->chart.ncats; j++)
			free(b->chart.cats[j]);
		free(b->chart.cats);
		free(b->chart.status);
		for (j = 0; j < b->chart.nseries; j++) {
			free(b->chart.series[j].name);
			free(b->chart.series[j].values);
		}
	}
	if (nblocks < d->nblocks)
		d->nblocks = nblocks;
}

void doc_release(struct doc *d)
{
	doc_truncate(d, 0);
	free(d->blocks);
	free(d->title);
	free(d->subtitle);
	free(d->author);
	free(d->subject);
	free(d->period);
	free(d->mark);
	free(d->diarienummer);
	free(d->decided);
	memset(d, 0, sizeof(*d));
}

static struct doc_block *add_block(struct doc *d, enum doc_block_kind kind, struct styr_err *err)
{
	struct doc_block *b;

	if (styr_array_grow((void **)&d->blocks, &d->cap, d->nblocks, sizeof(*d->blocks), err))
		return NULL;
	b = &d->blocks[d->nblocks++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	return b;
}

int doc_note_comment(struct doc_notes *n, const char *indicator, const char *period,
                     const char *comment, struct styr_err *err)
{
	size_t size = strlen(indicator) + strlen(period) + strlen(comment) + 32;
	char *text;

	if (styr_array_grow((void **)&n->v, &n->cap, n->n, sizeof(*n->v), err))
		return STYR_ENOMEM;
	if (!(text = malloc(size)))
		return styr_error(err, STYR_ENOMEM, "out of memory building a report");
	snprintf(text, size, "Kommentar till %s, %s: %s", indicator, period, comment);
	n->v[n->n++] = text;
	return STYR_OK;
}

int doc_note_text(struct doc_notes *n, const char *text, struct styr_err *err)
{
	char *copy;

	if (styr_array_grow((void **)&n->v, &n->cap, n->n, sizeof(*n->v), err))
		return STYR_ENOMEM;
	if (!(copy = strdup(text)))
		return styr_error(err, STYR_ENOMEM, "out of memory building a report");
	n->v[n->n++] = copy;
	return STYR_OK;
}

int doc_notes_flush(struct doc *d, struct doc_notes *n, bool keep, struct styr_err *err)
{
	size_t i;
	int rc = STYR_OK;

	for (i = 0; i < n->n; i++) {
		if (keep && !rc)
			rc = doc_paragraph(d, n->v[i], err);
		free(n->v[i]);
	}
	n->n = 0;
	return rc;
}

void doc_notes_release(struct doc_notes *n)
{
	size_t i;

	for (i = 0; i < n->n; i++)
		free(n->v[i]);
	free(n->v);
	memset(n, 0, sizeof(*n));
}

int doc_heading(struct doc *d, int level, const char *text, struct styr_err *err)
{
	struct doc_block *b = add_block(d, DOC_HEADING, err);

	if (!b)
		return STYR_ENOMEM;
	b->level = level;
	b->text = doc_strdup(text, err);
	return b->text ? STYR_OK : STYR_ENOMEM;
}

int doc_paragraph(struct doc *d, const char *text, struct styr_err *err)
{
	struct doc_block *b = add_block(d, DOC_PARAGRAPH, err);

	if (!b)
		return STYR_ENOMEM;
	b->text = doc_strdup(text, err);
	return b->text ? STYR_OK : STYR_ENOMEM;
}

int doc_table(struct doc *d, const char *caption, const char *const *head, size_t ncols,
              struct styr_err *err)
{
	struct doc_block *b = add_block(d, DOC_TABLE, err);
	size_t i;

	if (!b)
		return STYR_ENOMEM;
	b->table.caption = doc_strdup(caption, err);
	b->table.head = calloc(ncols, sizeof(char *));
	if (!b->table.caption || !b->table.head)
		return styr_error(err, STYR_ENOMEM, "out of memory building a report");
	b->table.ncols = ncols;
	for (i = 0; i < ncols; i++)
		if (!(b->table.head[i] = doc_strdup(head[i], err)))
			return STYR_ENOMEM;
	return STYR_OK;
}

int doc_move_tail(struct doc *d, size_t from, size_t to, struct styr_err *err)
{
	size_t n = d->nblocks - from;
	struct doc_block *tmp;

	if (to >= from || !n)
		return STYR_OK;
	tmp = malloc(n * sizeof(*tmp));
	if (!tmp)
		return styr_error(err, STYR_ENOMEM, "out of memory building a report");
	memcpy(tmp, d->blocks + from, n * sizeof(*tmp));
	memmove(d->blocks + to + n, d->blocks + to, (from - to) * sizeof(*tmp));
	memcpy(d->blocks + to, tmp, n * sizeof(*tmp));
	free(tmp);
	return STYR_OK;
}

int doc_period(struct doc *d, const char *period, struct styr_err *err)
{
	free(d->period);
	d->period = doc_strdup(period, err);
	return d->period ? STYR_OK : STYR_ENOMEM;
}

/* An optional text of the cover: NULL or "" leaves none. */
static int cover_text(char **field, const char *text, struct styr_err *err)
{
	free(*field);
	*field = NULL;
	if (!text || !text[0])
		return STYR_OK;
	*field = doc_strdup(text, err);
	return *field ? STYR_OK : STYR_ENOMEM;
}

int doc_mark(struct doc *d, const char *mark, struct styr_err *err)
{
	return cover_text(&d->mark, mark, err);
}

int doc_decision(struct doc *d, const char *diarienummer, const char *decided, struct styr_err *err)
{
	int rc = cover_text(&d->diarienummer, diarienummer, err);

	return rc ? rc : cover_text(&d->decided, decided, err);
}

size_t doc_cover_lines(const struct doc *d, char lines[DOC_COVER_LINES][DOC_COVER_LINE_MAX])
{
	size_t n = 0;

	if (d->period)
		snprintf(lines[n++], DOC_COVER_LINE_MAX, "Period: %s", d->period);
	if (d->diarienummer)
		snprintf(lines[n++], DOC_COVER_LINE_MAX, "Diarienummer: %s", d->diarienummer);
	if (d->decided)
		snprintf(lines[n++], DOC_COVER_LINE_MAX, "Beslutsdatum: %s", d->decided);
	return n;
}

int doc_meta(struct doc *d, const char *author, const char *subject, struct styr_err *err)
{
	free(d->author);
	free(d->subject);
	d->author = doc_strdup(author, err);
	d->subject = doc_strdup(subject, err);
	return d->author && d->subject ? STYR_OK : STYR_ENOMEM;
}

int doc_chart(struct doc *d, enum doc_chart_kind kind, const char *title, const char *alt,
              const char *const *cats, size_t ncats, struct styr_err *err)
{
	struct doc_block *b = add_block(d, DOC_CHART, err);
	size_t i;

	if (!b)
		return STYR_ENOMEM;
	b->chart.kind = kind;
	b->chart.decimals = 1;
	b->text = doc_strdup(title, err);
	b->chart.alt = doc_strdup(alt, err);
	b->chart.cats = calloc(ncats ? ncats : 1, sizeof(char *));
	if (!b->text || !b->chart.alt || !b->chart.cats)
		return styr_error(err, STYR_ENOMEM, "out of memory building a report");
	for (i = 0; i < ncats; i++) {
		if (!(b->chart.cats[i] = doc_strdup(cats[i], err)))
			return STYR_ENOMEM;
		b->chart.ncats = i + 1;
	}
	return STYR_OK;
}

static struct doc_chart *last_chart(struct doc *d, struct styr_err *err)
{
	if (!d->nblocks || d->blocks[d->nblocks - 1].kind != DOC_CHART) {
		styr_error(err, STYR_EINPUT, "chart data outside a chart");
		return NULL;
	}
	return &d->blocks[d->nblocks - 1].chart;
}

int doc_chart_series(struct doc *d, const char *name, const double *values, struct styr_err *err)
{
	struct doc_chart *c = last_chart(d, err);
	struct doc_series *s;

	if (!c)
		return STYR_EINPUT;
	if (c->nseries == DOC_CHART_SERIES_MAX)
		return styr_error(err, STYR_EINPUT, "a chart holds at most %d series",
		                  DOC_CHART_SERIES_MAX);
	s = &c->series[c->nseries];
	s->name = doc_strdup(name, err);
	s->values = malloc((c->ncats ? c->ncats : 1) * sizeof(double));
	if (!s->name || !s->values) {
		free(s->name);
		free(s->values);
		s->name = NULL;
		s->values = NULL;
		return styr_error(err, STYR_ENOMEM, "out of memory building a report");
	}
	memcpy(s->values, values, c->ncats * sizeof(double));
	c->nseries++;
	return STYR_OK;
}

int doc_chart_status(struct doc *d, const enum styr_status *status, struct styr_err *err)
{
	struct doc_chart *c = last_chart(d, err);

	if (!c)
		return STYR_EINPUT;
	free(c->status);
	c->status = malloc((c->ncats ? c->ncats : 1) * sizeof(*status));
	if (!c->status)
		return styr_error(err, STYR_ENOMEM, "out of memory building a report");
	memcpy(c->status, status, c->ncats * sizeof(*status));
	return STYR_OK;
}

void doc_chart_ref(struct doc *d, double ref, const char *label)
{
	struct doc_chart *c = last_chart(d, NULL);

	if (c) {
		c->has_ref = true;
		c->ref = ref;
		free(c->ref_label);
		c->ref_label = strdup(label ? label : "");
	}
}

void doc_chart_format(struct doc *d, int decimals, bool percent)
{
	struct doc_chart *c = last_chart(d, NULL);

	if (c) {
		c->decimals = decimals;
		c->percent = percent;
	}
}

/* A new cell at the end of the last table. */
static struct doc_cell *next_cell(struct doc *d, struct styr_err *err)
{
	struct doc_table *t;
	struct doc_cell *c;

	if (!d->nblocks || d->blocks[d->nblocks - 1].kind != DOC_TABLE) {
		styr_error(err, STYR_EINPUT, "a table cell outside a table");
		return NULL;
	}
	t = &d->blocks[d->nblocks - 1].table;
	if (styr_array_grow((void **)&t->cells, &t->cap, t->ncells, sizeof(*t->cells), err))
		return NULL;
	c = &t->cells[t->ncells++];
	memset(c, 0, sizeof(*c));
	t->nrows = t->ncells / t->ncols;
	return c;
}

static struct doc_cell *last_cell(struct doc *d)
{
	struct doc_table *t = &d->blocks[d->nblocks - 1].table;

	return t->ncells ? &t->cells[t->ncells - 1] : NULL;
}

int doc_cell_text(struct doc *d, const char *text, struct styr_err *err)
{
	struct doc_cell *c = next_cell(d, err);

	if (!c)
		return err ? err->code : STYR_ENOMEM;
	c->text = doc_strdup(text, err);
	return c->text ? STYR_OK : STYR_ENOMEM;
}

int doc_cell_number(struct doc *d, const char *text, double number, struct styr_err *err)
{
	int rc = doc_cell_text(d, text, err);

	if (!rc) {
		struct doc_cell *c = last_cell(d);

		c->numeric = true;
		c->number = number;
	}
	return rc;
}

void doc_cell_status(struct doc *d, enum styr_status s)
{
	struct doc_cell *c = last_cell(d);

	if (c) {
		c->has_status = true;
		c->status = s;
	}
}

void doc_cell_trend(struct doc *d, enum styr_trend t)
{
	struct doc_cell *c = last_cell(d);

	if (c) {
		c->has_trend = true;
		c->trend = t;
	}
}

const char *doc_status_symbol(enum styr_status s)
{
	switch (s) {
	case STYR_STATUS_MET:
		return "✓";
	case STYR_STATUS_NEAR:
		return "◐";
	case STYR_STATUS_NOT_MET:
		return "✗";
	case STYR_STATUS_MISSING:
		return "?";
	default:
		return "–";
	}
}

void doc_status_rgb(enum styr_status s, double rgb[3])
{
	/* Region Skåne's report colours: green, amber, red, grey. */
	static const double colours[][3] = {{0.16, 0.60, 0.29},
	                                    {0.95, 0.68, 0.10},
	                                    {0.82, 0.17, 0.17},
	                                    {0.62, 0.62, 0.62},
	                                    {0.85, 0.85, 0.85}};
	int i;

	switch (s) {
	case STYR_STATUS_MET:
		i = 0;
		break;
	case STYR_STATUS_NEAR:
		i = 1;
		break;
	case STYR_STATUS_NOT_MET:
		i = 2;
		break;
	case STYR_STATUS_MISSING:
		i = 3;
		break;
	default:
		i = 4;
	}
	memcpy(rgb, colours[i], sizeof(colours[i]));
}

const char *doc_trend_symbol(enum styr_trend t)
{
	switch (t) {
	case STYR_TREND_BETTER:
		return "↑";
	case STYR_TREND_SAME:
		return "→";
	case STYR_TREND_WORSE:
		return "↓";
	case STYR_TREND_CHANGED:
		return "↕";
	default:
		return "";
	}
}

void doc_table_drop_empty(struct doc *d, size_t i, size_t first, size_t last)
{
	struct doc_table *t = &d->blocks[i].table;
	size_t c, r, k, n;

	for (c = last + 1; c-- > first && c < t->ncols;) {
		bool empty = true;

		for (r = 0; r < t->nrows && empty; r++)
			empty = !t->cells[r * t->ncols + c].text[0];
		if (!empty || t->ncols < 2)
			continue;
		free(t->head[c]);
		memmove(t->head + c, t->head + c + 1, (t->ncols - c - 1) * sizeof(*t->head));
		for (r = 0, n = 0; r < t->nrows; r++)
			for (k = 0; k < t->ncols; k++) {
				struct doc_cell *cell = &t->cells[r * t->ncols + k];

				if (k == c)
					free(cell->text);
				else
					t->cells[n++] = *cell;
			}
		t->ncols--;
		t->ncells = n;
	}
}

/* Each field is written with its length first, so that no text can be
 * mistaken for a boundary ("ab","c" and "a","bc" hash differently). */
static void hash_text(GChecksum *h, const char *s)
{
	char len[32];

	s = s ? s : "";
	snprintf(len, sizeof(len), "%zu:", strlen(s));
	g_checksum_update(h, (const guchar *)len, (gssize)strlen(len));
	g_checksum_update(h, (const guchar *)s, (gssize)strlen(s));
}

static void hash_number(GChecksum *h, double v)
{
	char num[64];

	if (isnan(v))
		snprintf(num, sizeof(num), "-");
	else
		snprintf(num, sizeof(num), "%.17g", v);
	hash_text(h, num);
}

int doc_seal(struct doc *d, struct styr_err *err)
{
	GChecksum *h = g_checksum_new(G_CHECKSUM_SHA256);
	size_t i, j, k;

	if (!h)
		return styr_error(err, STYR_ENOMEM, "out of memory hashing a report");
	hash_text(h, "styr-report-1");
	hash_text(h, d->title);
	hash_text(h, d->subtitle);
	for (i = 0; i < d->nblocks; i++) {
		const struct doc_block *b = &d->blocks[i];

		hash_number(h, (double)b->kind);
		hash_number(h, (double)b->level);
		hash_text(h, b->text);
		if (b->kind == DOC_TABLE) {
			hash_text(h, b->table.caption);
			for (j = 0; j < b->table.ncols; j++)
				hash_text(h, b->table.head[j]);
			for (j = 0; j < b->table.ncells; j++) {
				const struct doc_cell *c = &b->table.cells[j];

				hash_text(h, c->text);
				hash_number(h, c->has_status ? (double)c->status : -1);
				hash_number(h, c->has_trend ? (double)c->trend : -1);
			}
		} else if (b->kind == DOC_CHART) {
			hash_text(h, b->chart.alt);
			for (j = 0; j < b->chart.ncats; j++) {
				hash_text(h, b->chart.cats[j]);
				if (b->chart.status)
					hash_number(h, (double)b->chart.status[j]);
				for (k = 0; k < b->chart.nseries; k++)
					hash_number(h, b->chart.series[k].values[j]);
			}
			for (k = 0; k < b->chart.nseries; k++)
				hash_text(h, b->chart.series[k].name);
			hash_number(h, b->chart.has_ref ? b->chart.ref : NAN);
		}
	}
	snprintf(d->hash, sizeof(d->hash), "%s", g_checksum_get_string(h));
	g_checksum_free(h);
	return STYR_OK;
}

void doc_hash_label(const struct doc *d, char *buf, size_t size)
{
	if (d->hash[0])
		snprintf(buf, size, "Dataunderlag: sha256 %.16s", d->hash);
	else if (size)
		buf[0] = '\0';
}
