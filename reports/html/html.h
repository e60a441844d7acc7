/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * html.h: the whole run as one self-contained HTML page (--html FILE),
 * readable offline and as a CI artifact.
 *
 * The page holds a summary table (rows in name order; a small inline
 * script sorts it when a header is clicked, or from the address's
 * fragment "#sort=N" / "#sort=-N", column N from 0, descending with '-'),
 * then one section per case: its per-round estimates of the baseline and
 * the new build as a strip plot (dots jittered deterministically), the
 * change's interval, the SLO's warning and critical bands behind it, and
 * its metrics beside the baseline's with the change; then one plot per
 * parameterized family with its best fit, the environment and a
 * paragraph on the method.  Plots are inline SVG; every per-case plot is
 * <svg class="plot" data-case="NAME">, exactly one per case, failed and
 * skipped ones included, so a DOM check can count them.
 *
 * Nothing is fetched: no link, no external script, style, image or font,
 * and no URL is written but those inside the strings of the model.  Every
 * string from the model (case and function names come from user code) is
 * escaped for HTML: the five special characters as references, control
 * characters as their Unicode Control Pictures, invalid UTF-8 and
 * noncharacters as U+FFFD.  Deterministic: numbers are written without
 * the locale, the date comes from the model, the jitter from the round's
 * index.  It deliberately does not draw violins or histograms of
 * samples: a run has too few rounds for a density to mean anything.
 */
#ifndef BRUN_HTML_H
#define BRUN_HTML_H

#include <stdio.h>

#include "reports/model/model.h"

/* Writes the page on r to out.  Never fails on its own (a short write is
 * the caller's to see with ferror()). */
void brun_html_write_results(FILE *out, const struct brun_results *r);

/* Writes s as HTML character data (attribute = 0) or as the value of an
 * attribute in double quotes (attribute = 1), as described above.  NULL
 * is written as nothing. */
void brun_html_escape(FILE *out, const char *s, int attribute);

#endif /* BRUN_HTML_H */
