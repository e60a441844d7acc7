/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * console_compare.c: the comparison with a baseline, on the terminal.
 *
 * A header says what was compared with what and how (interleaved or
 * against saved numbers, the looks, the error rates), then loudly any
 * difference between this machine and the baseline's; one table per
 * target with baseline and new time, the change with its confidence
 * interval, the adjusted p-value and the verdict; then the cases that
 * disappeared, a summary line, and every case that fails the gate; with
 * --metric, each table is followed by its metrics and the summary by the
 * metric notes and explanations (console_metrics.c).  The
 * verdicts and the reasons a case fails are worded by
 * reports/model/wording.c, as in every other report; colour is this
 * file's.
 */
#include "config.h"

#include "reports/console/console.h"

#include <math.h>
#include <string.h>

#include "reports/model/wording.h"
#include "reports/text/escape.h"
#include "reports/text/format.h"
#include "reports/text/table.h"

#define ANSI_BOLD "\033[1m"
#define ANSI_RED "\033[31m"
#define ANSI_GREEN "\033[32m"
#define ANSI_YELLOW "\033[33m"
#define ANSI_RESET "\033[0m"

static const char *paint(const struct brun_console_style *style,
                         const char *ansi)
{
    return style->color ? ansi : "";
}

static void format_p(double p, char *out, size_t size)
{
    if (p < 0.001)
        snprintf(out, size, "<0.001");
    else
        brun_format_fixed(p, 3, out, size);
}

static void print_header(FILE *out, const struct brun_results *r,
                         const struct brun_console_style *style)
{
    const struct brun_comparison_summary *s = r->comparison;
    char alpha[32], gate[64], q[32], holm[32], noise[32];

    fprintf(out, "\n%sCompared with ", paint(style, ANSI_BOLD));
    brun_term_text(out, s->against);
    fputs(paint(style, ANSI_RESET), out);
    if (s->baseline_saved) {
        fputs(" (saved ", out);
        brun_term_text(out, s->baseline_saved);
        if (s->baseline_commit && *s->baseline_commit) {
            fputs(", commit ", out);
            brun_term_text(out, s->baseline_commit);
        }
        fputc(')', out);
    }
    fputs(s->mode == BRUN_COMPARE_PAIRED
              ? ": interleaved, both builds run now, round by round\n"
              : ": against its saved numbers (the baseline's executables were "
                "not run again)\n",
          out);
    brun_format_fixed(s->alpha_per_look, 4, alpha, sizeof alpha);
    brun_format_percent(s->fail_above, gate, sizeof gate);
    if (s->fail_above > 0 && s->gate_on_metric) {
        size_t len = strlen(gate);
        snprintf(gate + len, sizeof gate - len, " on %s",
                 brun_metric_name(s->gate_metric));
    }
    brun_format_fixed(s->fdr, 2, q, sizeof q);
    brun_format_fixed(s->gate_alpha, 2, holm, sizeof holm);
    fprintf(out,
            "  up to %u looks, alpha spent t^1.5 · intervals at the suite's "
            "level (one-sided α ≤ %s) · %s%s · "
            "labels BH q %s · gate Holm α %s",
            s->planned_looks, alpha, s->fail_above > 0 ? "fail above " : "",
            s->fail_above > 0 ? gate : "no gate (--fail-above not set)", q,
            holm);
    if (s->mode == BRUN_COMPARE_INDEPENDENT) {
        brun_format_percent(s->session_noise, noise, sizeof noise);
        fprintf(out, " · session noise %s", noise);
    }
    fputc('\n', out);
    if (s->fingerprint_diff_count > 0) {
        fprintf(out,
                "%sWARNING: this machine or build differs from the "
                "baseline's; differences below may not be the code's:%s\n",
                paint(style, ANSI_YELLOW), paint(style, ANSI_RESET));
        for (size_t i = 0; i < s->fingerprint_diff_count; i++) {
            fputs("  ", out);
            brun_term_text(out, s->fingerprint_diffs[i]);
            fputc('\n', out);
        }
    }
}

static const char *verdict_colour(const struct brun_case_comparison *k)
{
    if (k->stats.fails || k->stats.label == BRUN_LABEL_REGRESSED)
        return ANSI_RED;
    if (k->stats.label == BRUN_LABEL_IMPROVED)
        return ANSI_GREEN;
    if (k->stats.label == BRUN_LABEL_INCONCLUSIVE)
        return ANSI_YELLOW;
    return NULL;
}

static void fill_row(struct brun_table *t, size_t row,
                     const struct brun_case_result *c,
                     const struct brun_console_style *style)
{
    const struct brun_case_comparison *k = c->comparison;
    char text[128], lo[32], hi[32];

    if (c->status != BRUN_STATUS_OK) {
        brun_table_set(t, row, 6,
                       c->status == BRUN_STATUS_FAILED ? "FAILED" : "skipped");
        if (style->color)
            brun_table_colour(t, row, 6,
                              c->status == BRUN_STATUS_FAILED ? ANSI_RED
                                                              : ANSI_YELLOW);
        return;
    }
    brun_wording_verdict(k, text, sizeof text);
    brun_table_set(t, row, 6, text);
    brun_format_duration(k ? k->new_ns : c->samples_summary.mean, text,
                         sizeof text);
    brun_table_set(t, row, 2, text);
    if (!k || k->presence == BRUN_PRESENT_NEW_ONLY) {
        brun_table_set(t, row, 1, "-");
        return;
    }
    brun_format_duration(k->baseline_ns, text, sizeof text);
    brun_table_set(t, row, 1, text);
    if (!k->stats.valid)
        return;
    brun_format_change(k->stats.ratio, text, sizeof text);
    brun_table_set(t, row, 3, text);
    brun_format_change(k->stats.ci_lo, lo, sizeof lo);
    brun_format_change(k->stats.ci_hi, hi, sizeof hi);
    snprintf(text, sizeof text, "[%s, %s]", lo, hi);
    brun_table_set(t, row, 4, text);
    format_p(k->stats.ratio >= 1 ? k->stats.p_slower_bh : k->stats.p_faster_bh,
             text, sizeof text);
    brun_table_set(t, row, 5, text);
    const char *colour = verdict_colour(k);
    if (style->color && colour)
        brun_table_colour(t, row, 6, colour);
    snprintf(text, sizeof text, "%zu", c->round_count);
    brun_table_set(t, row, 7, text);
}

static void print_summary(FILE *out, const struct brun_results *r,
                          const struct brun_console_style *style)
{
    const struct brun_comparison_summary *s = r->comparison;
    char line[512];

    if (s->missing_count > 0) {
        fprintf(out, "\n%s:", brun_wording_missing_list);
        for (size_t i = 0; i < s->missing_count; i++) {
            char t[48];
            brun_format_duration(s->missing[i].baseline_ns, t, sizeof t);
            fputs(i ? ", " : " ", out);
            brun_term_text(out, s->missing[i].name);
            fprintf(out, " (%s)", t);
        }
        fputc('\n', out);
    }
    for (size_t i = 0; i < r->case_count; i++) {
        char note[400];
        brun_wording_contention(&r->cases[i], note, sizeof note);
        if (note[0]) {
            fputs("  ", out);
            brun_term_text(out, r->cases[i].name);
            fprintf(out, ": %s\n", note);
        }
        brun_wording_order_effect(r->cases[i].comparison, note, sizeof note);
        if (!note[0])
            brun_wording_session_noise(r->cases[i].comparison, note,
                                       sizeof note);
        if (note[0]) {
            fputs("  ", out);
            brun_term_text(out, r->cases[i].name);
            fprintf(out, ": %s\n", note);
        }
    }
    brun_console_metric_notes(out, r, style);
    brun_wording_compared(r, line, sizeof line);
    fprintf(out, "\n%s\n", line);
    for (size_t i = 0; i < r->case_count; i++) {
        const struct brun_case_comparison *k = r->cases[i].comparison;
        char why[256];
        if (!k || !k->stats.fails)
            continue;
        brun_wording_gate_failure(k, why, sizeof why);
        fprintf(out, "%sREGRESSION%s ", paint(style, ANSI_RED),
                paint(style, ANSI_RESET));
        brun_term_text(out, r->cases[i].name);
        fprintf(out, ": %s\n", why);
    }
    for (size_t i = 0; i < r->scaling_count; i++) {
        char why[320];
        brun_wording_scaling_gate_failure(&r->scalings[i], why, sizeof why);
        if (!why[0])
            continue;
        fprintf(out, "%sSCALING REGRESSION%s ", paint(style, ANSI_RED),
                paint(style, ANSI_RESET));
        brun_term_text(out, r->scalings[i].family);
        fprintf(out, ": %s\n", why);
    }
    brun_console_explanations(out, r, style);
}

void brun_console_comparison(FILE *out, const struct brun_results *r,
                             const struct brun_console_style *style)
{
    if (!r->comparison)
        return;
    print_header(out, r, style);
    for (size_t target = 0; target < r->target_count; target++) {
        struct brun_table t;
        const char *const headers[] = {"case",    "baseline", "new",
                                       "change",  "interval", "p adj.",
                                       "verdict", "rounds"};
        static const int right[] = {0, 1, 1, 1, 1, 1, 0, 1};
        size_t shown = 0;

        brun_table_init(&t);
        for (size_t h = 0; h < 8; h++)
            brun_table_column(&t, headers[h], right[h]);
        for (size_t i = 0; i < r->case_count; i++) {
            if (r->cases[i].target != target)
                continue;
            size_t row = brun_table_row(&t);
            if (row == (size_t)-1)
                break;
            brun_table_set(&t, row, 0, r->cases[i].name);
            fill_row(&t, row, &r->cases[i], style);
            shown++;
        }
        if (shown) {
            brun_console_target_heading(out, r->targets[target].path, style);
            brun_table_print(&t, out, style->color ? ANSI_BOLD : NULL,
                             style->color ? ANSI_RESET : NULL);
            brun_console_threads(out, r, target, style);
            brun_console_metrics(out, r, target, style);
            brun_console_counters(out, r, target, style);
            brun_console_problems(out, r, target, style);
        }
        brun_table_release(&t);
    }
    brun_console_scaling(out, r, style);
    print_summary(out, r, style);
}
