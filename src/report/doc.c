/*
 * Building the document tree.  Every string is copied in, so builders can
 * pass stack buffers; growth doubles, so building a report with thousands
 * of rows stays linear.
 */
#include <stdlib.h>
#include <string.h>

#include "report/doc.h"

static char *dup(const char *s, struct styr_err *err)
{
	char *p = strdup(s ? s : "");

	if (!p)
		styr_error(err, STYR_ENOMEM, "out of memory building a report");
	return p;
}

int doc_init(struct doc *d, const char *title, const char *subtitle, struct styr_err *err)
{
	memset(d, 0, sizeof(*d));
	d->title = dup(title, err);
	d->subtitle = dup(subtitle, err);
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
	memset(d, 0, sizeof(*d));
}

static struct doc_block *add_block(struct doc *d, enum doc_block_kind kind, struct styr_err *err)
{
	struct doc_block *b;

	if (d->nblocks == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 32;
		struct doc_block *v = realloc(d->blocks, cap * sizeof(*v));

		if (!v) {
			styr_error(err, STYR_ENOMEM, "out of memory building a report");
			return NULL;
		}
		d->blocks = v;
		d->cap = cap;
	}
	b = &d->blocks[d->nblocks++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	return b;
}

int doc_heading(struct doc *d, int level, const char *text, struct styr_err *err)
{
	struct doc_block *b = add_block(d, DOC_HEADING, err);

	if (!b)
		return STYR_ENOMEM;
	b->level = level;
	b->text = dup(text, err);
	return b->text ? STYR_OK : STYR_ENOMEM;
}

int doc_paragraph(struct doc *d, const char *text, struct styr_err *err)
{
	struct doc_block *b = add_block(d, DOC_PARAGRAPH, err);

	if (!b)
		return STYR_ENOMEM;
	b->text = dup(text, err);
	return b->text ? STYR_OK : STYR_ENOMEM;
}

int doc_table(struct doc *d, const char *caption, const char *const *head, size_t ncols,
              struct styr_err *err)
{
	struct doc_block *b = add_block(d, DOC_TABLE, err);
	size_t i;

	if (!b)
		return STYR_ENOMEM;
	b->table.caption = dup(caption, err);
	b->table.head = calloc(ncols, sizeof(char *));
	if (!b->table.caption || !b->table.head)
		return styr_error(err, STYR_ENOMEM, "out of memory building a report");
	b->table.ncols = ncols;
	for (i = 0; i < ncols; i++)
		if (!(b->table.head[i] = dup(head[i], err)))
			return STYR_ENOMEM;
	return STYR_OK;
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
	if (t->ncells == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : t->ncols * 16;
		struct doc_cell *v = realloc(t->cells, cap * sizeof(*v));

		if (!v) {
			styr_error(err, STYR_ENOMEM, "out of memory building a report");
			return NULL;
		}
		t->cells = v;
		t->cap = cap;
	}
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
	c->text = dup(text, err);
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
