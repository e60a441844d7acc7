/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * console_metrics.c: what --metric found beside time, on the terminal.
 *
 * After a target's time table, a compact table of the metrics its cases
 * measured (one column per metric measured anywhere in the run), each
 * value per iteration with its unit and, when comparing, its change;
 * after a comparison's summary, the notes that go with the metrics: time
 * and instructions disagreeing, the gate judged on a metric, and why a
 * regressed case got slower (the functions whose cost grew, and the
 * differential flame graph).  Words come from reports/model/wording.c,
 * as in the Markdown report and the PR comment; names from user code go
 * through brun_term_text / brun_table_set.  User counters
 * (benchrun_counter()) get a table of their own after the metrics: one
 * row per counter, its kind, value, spread over rounds and, when
 * comparing, its change with the baseline.
 */
#include "config.h"

#include "reports/console/console.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reports/model/wording.h"
#include "reports/text/escape.h"
#include "reports/text/format.h"
#include "reports/text/table.h"

#define ANSI_BOLD "\033[1m"
#define ANSI_RED "\033[31m"
#define ANSI_YELLOW "\033[33m"
#define ANSI_RESET "\033[0m"

/* Functions of an explanation shown on the terminal. */
#define FUNCTIONS_SHOWN 10

static const char *paint(const struct brun_console_style *style,
                         const char *ansi)
{
    return style->color ? ansi : "";
}

static int target_has_metrics(const struct brun_results *r, size_t target)
{
    for (size_t i = 0; i < r->case_count; i++)
        for (int m = 0; m < BRUN_METRIC_COUNT; m++)
            if (r->cases[i].target == target && r->cases[i].metrics[m].measured)
                return 1;
    return 0;
}

void brun_console_metrics(FILE *out, const struct brun_results *r,
                          size_t target, const struct brun_console_style *style)
{
    struct brun_table t;
    size_t column[BRUN_METRIC_COUNT];
    if (!target_has_metrics(r, target))
        return;
    brun_table_init(&t);
    brun_table_column(&t, "case", 0);
    for (int m = 0; m < BRUN_METRIC_COUNT; m++)
        column[m] = brun_wording_metric_shown(r, (enum brun_metric_id)m)
                        ? brun_table_column(
                              &t, brun_metric_name((enum brun_metric_id)m), 1)
                        : (size_t)-1;
    for (size_t i = 0; i < r->case_count; i++) {
        const struct brun_case_result *c = &r->cases[i];
        int any = 0;
        for (int m = 0; m < BRUN_METRIC_COUNT; m++)
            any |= c->metrics[m].measured;
        if (c->target != target || !any)
            continue;
        size_t row = brun_table_row(&t);
        if (row == (size_t)-1)
            break;
        brun_table_set(&t, row, 0, c->name);
        for (int m = 0; m < BRUN_METRIC_COUNT; m++) {
            char value[64], change[96], cell[176];
            if (column[m] == (size_t)-1 || !c->metrics[m].measured)
                continue;
            brun_wording_metric_value((enum brun_metric_id)m,
                                      c->metrics[m].value, value, sizeof value);
            change[0] = '\0';
            if (c->comparison)
                brun_wording_metric_change(&c->comparison->metric_changes[m],
                                           change, sizeof change);
            snprintf(cell, sizeof cell, "%s%s%s", value, change[0] ? " " : "",
                     change);
            brun_table_set(&t, row, column[m], cell);
        }
    }
    fputc('\n', out);
    brun_table_print(&t, out, style->color ? ANSI_BOLD : NULL,
                     style->color ? ANSI_RESET : NULL);
    brun_table_release(&t);
}

void brun_console_counters(FILE *out, const struct brun_results *r,
                           size_t target,
                           const struct brun_console_style *style)
{
    struct brun_table t;
    int any = 0, comparing = 0;
    for (size_t i = 0; i < r->case_count; i++)
        if (r->cases[i].target == target && r->cases[i].counter_count > 0) {
            any = 1;
            comparing |= r->cases[i].comparison != NULL;
        }
    if (!any)
        return;
    brun_table_init(&t);
    brun_table_column(&t, "case", 0);
    brun_table_column(&t, "counter", 0);
    brun_table_column(&t, "kind", 0);
    brun_table_column(&t, "value", 1);
    brun_table_column(&t, "±sd", 1);
    if (comparing)
        brun_table_column(&t, "change", 0);
    for (size_t i = 0; i < r->case_count; i++) {
        const struct brun_case_result *c = &r->cases[i];
        if (c->target != target)
            continue;
        for (size_t k = 0; k < c->counter_count; k++) {
            const struct brun_user_counter *u = &c->counters[k];
            char text[160];
            size_t row = brun_table_row(&t);
            if (row == (size_t)-1)
                break;
            brun_table_set(&t, row, 0, k == 0 ? c->name : "");
            brun_table_set(&t, row, 1, u->name);
            brun_table_set(&t, row, 2, brun_counter_kind_name(u->kind));
            brun_counter_format_value(u, text, sizeof text);
            brun_table_set(&t, row, 3, text);
            if (u->value != 0 && u->round_count > 1)
                brun_format_percent(fabs(u->sd / u->value), text, sizeof text);
            else
                snprintf(text, sizeof text, "-");
            brun_table_set(&t, row, 4, text);
            if (comparing) {
                text[0] = '\0';
                if (c->comparison && k < c->comparison->counter_change_count)
                    brun_counter_format_change(
                        &c->comparison->counter_changes[k], text, sizeof text);
                brun_table_set(&t, row, 5, text[0] ? text : "new");
            }
        }
    }
    fputc('\n', out);
    brun_table_print(&t, out, style->color ? ANSI_BOLD : NULL,
                     style->color ? ANSI_RESET : NULL);
    brun_table_release(&t);
}

/* Prints the table indented by two spaces. */
static void print_indented(const struct brun_table *t, FILE *out)
{
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    if (!f) {
        brun_table_print(t, out, NULL, NULL);
        return;
    }
    brun_table_print(t, f, NULL, NULL);
    if (fclose(f) != 0 || !text) {
        free(text);
        brun_table_print(t, out, NULL, NULL);
        return;
    }
    for (const char *p = text; *p;) {
        size_t len = strcspn(p, "\n");
        fprintf(out, "  %.*s\n", (int)len, p);
        p += len;
        if (*p == '\n')
            p++;
    }
    free(text);
}

static void explanation(FILE *out, const struct brun_case_result *c,
                        const struct brun_console_style *style)
{
    const struct brun_explanation *e = &c->comparison->explanation;
    char line[512];
    brun_wording_explanation_note(e, line, sizeof line);
    if (line[0]) {
        fputs("  ", out);
        brun_term_text(out, c->name);
        fputs(": ", out);
        brun_term_text(out, line);
        fputc('\n', out);
        return;
    }
    brun_wording_explanation_source(e, line, sizeof line);
    fprintf(out, "\n%swhy ", paint(style, ANSI_BOLD));
    brun_term_text(out, c->name);
    fputs(" got slower (", out);
    brun_term_text(out, line);
    fprintf(out, "):%s\n", paint(style, ANSI_RESET));

    struct brun_table t;
    brun_table_init(&t);
    brun_table_column(&t, "function", 0);
    brun_table_column(&t, "self before → after", 0);
    brun_table_column(&t, "self change", 0);
    brun_table_column(&t, "inclusive change", 0);
    for (size_t i = 0; i < e->function_count && i < FUNCTIONS_SHOWN; i++) {
        const struct brun_function_change *f = &e->functions[i];
        char before[48], after[48], text[128];
        size_t row = brun_table_row(&t);
        if (row == (size_t)-1)
            break;
        brun_table_set(&t, row, 0, f->name);
        brun_wording_explanation_value(e, f->self_before, before,
                                       sizeof before);
        brun_wording_explanation_value(e, f->self_after, after, sizeof after);
        snprintf(text, sizeof text, "%s → %s", before, after);
        brun_table_set(&t, row, 1, text);
        brun_wording_explanation_delta(e, f->self_before, f->self_after, text,
                                       sizeof text);
        brun_table_set(&t, row, 2, text);
        brun_wording_explanation_delta(e, f->inclusive_before,
                                       f->inclusive_after, text, sizeof text);
        brun_table_set(&t, row, 3, text);
    }
    print_indented(&t, out);
    brun_table_release(&t);
    if (e->function_count > FUNCTIONS_SHOWN)
        fprintf(out, "  (%zu more functions in the JSON report)\n",
                e->function_count - FUNCTIONS_SHOWN);
    char before[48], after[48], delta[128];
    brun_wording_explanation_value(e, e->total_before, before, sizeof before);
    brun_wording_explanation_value(e, e->total_after, after, sizeof after);
    brun_wording_explanation_delta(e, e->total_before, e->total_after, delta,
                                   sizeof delta);
    fprintf(out, "  %s: %s → %s (%s)\n", brun_wording_whole_loop, before, after,
            delta);
    if (e->flamegraph) {
        fprintf(out, "  %s: ", brun_wording_flamegraph);
        brun_term_text(out, e->flamegraph);
        fputc('\n', out);
    }
    if (e->note) {
        fputs("  note: ", out);
        brun_term_text(out, e->note);
        fputc('\n', out);
    }
}

void brun_console_metric_notes(FILE *out, const struct brun_results *r,
                               const struct brun_console_style *style)
{
    for (size_t i = 0; i < r->case_count; i++) {
        const struct brun_case_result *c = &r->cases[i];
        char line[400];
        if (!c->comparison)
            continue;
        brun_wording_metric_disagreement(c->comparison, line, sizeof line);
        if (line[0]) {
            fprintf(out, "  %snote%s ", paint(style, ANSI_YELLOW),
                    paint(style, ANSI_RESET));
            brun_term_text(out, c->name);
            fprintf(out, ": %s\n", line);
        }
        /* Only where it fails: the header says what the gate judged. */
        line[0] = '\0';
        if (c->comparison->stats.fails)
            brun_wording_metric_gate(c->comparison, line, sizeof line);
        if (line[0]) {
            fputs("  ", out);
            brun_term_text(out, c->name);
            fprintf(out, ": %s%s%s\n", paint(style, ANSI_RED), line,
                    paint(style, ANSI_RESET));
        }
    }
}

void brun_console_explanations(FILE *out, const struct brun_results *r,
                               const struct brun_console_style *style)
{
    for (size_t i = 0; i < r->case_count; i++) {
        const struct brun_case_result *c = &r->cases[i];
        if (c->comparison && c->comparison->explanation.attempted)
            explanation(out, c, style);
    }
}
