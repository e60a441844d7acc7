/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * markdown.h: the BENCHMARKS report in GitHub-flavoured Markdown, for a
 * file kept in the repository, a job summary or a pull-request comment.
 *
 * A heading, one status line ("🚨 1 regression beyond 10%", "✅ no
 * regression", failed cases, SLO breaches, naming the cases that fail,
 * up to 5), one table per group of cases
 * (the part of the name before the first '/'; per target as well when
 * there are several; or with the components layout one short table per
 * group), a "Scaling" table of the parameterized families, then optionally the environment and one paragraph
 * on the method.  Every untrusted string (case names, reasons, paths, CPU
 * model...) is a code span made by brun_md_code() (escape.h), so nothing
 * in it can break a table, add markup or HTML, or mention anyone.  No raw
 * HTML is written at all; the sticky-comment marker is the poster's job.
 * Deterministic: the date comes from the model, never from the clock.
 */
#ifndef BRUN_MARKDOWN_H
#define BRUN_MARKDOWN_H

#include <stdio.h>

#include "reports/model/model.h"

/* How the cases are laid out. */
enum brun_markdown_layout {
    BRUN_MARKDOWN_TABLE,      /* per group every column, verdict first */
    BRUN_MARKDOWN_COMPONENTS, /* per group | Component | Operation | Mean |
                                 ± | Status |, as users keep a
                                 BENCHMARKS.md by hand */
};

struct brun_markdown_options {
    const char *title; /* first heading; NULL: "Benchmarks" */
    int environment;   /* 1: include the environment block */
    int method;        /* 1: include the paragraph on the method */
    enum brun_markdown_layout layout;
};

/* "table" or "components" into *layout: 0, or -1 for any other word. */
int brun_markdown_layout_parse(const char *word,
                               enum brun_markdown_layout *layout);

/* title NULL, environment 1, method 1, layout table. */
void brun_markdown_options_init(struct brun_markdown_options *o);

/* Writes the report on r to out.  o may be NULL (the defaults). */
void brun_markdown_write(FILE *out, const struct brun_results *r,
                         const struct brun_markdown_options *o);

#endif /* BRUN_MARKDOWN_H */
