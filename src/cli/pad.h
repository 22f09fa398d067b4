/*
 * Columns of Swedish text in a terminal: printf's "%-20s" counts bytes, so
 * "delårsrapport" came out one column short for every å, ä and ö.  These
 * count characters (UTF-8 code points) instead and never cut one in two.
 */
#ifndef STYR_CLI_PAD_H
#define STYR_CLI_PAD_H

#include <stdio.h>

/* Print s, cut to at most width characters, then spaces up to width. */
void cli_pad(FILE *out, const char *s, int width);
/* Print s cut to at most max characters (no padding). */
void cli_cut(FILE *out, const char *s, int max);

#endif
