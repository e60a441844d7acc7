/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * export_csv.c: the results as one CSV table (RFC 4180) for spreadsheets,
 * pandas, R and the like: a header row, then one row per case in the
 * order the cases ran, then one row per baseline case the new build no
 * longer has (status "missing").
 *
 * Rows end in CRLF; a field is quoted ("...", a quote doubled) when it
 * holds a comma, a quote, a CR or an LF, and written as is otherwise, so
 * every name reads back byte for byte (invalid UTF-8 included: the bytes
 * are the case's).  Numbers are the shortest text that reads back to the
 * same double, with '.' whatever the locale; a number the case does not
 * have (a failed case's mean, an interval with one round, a comparison
 * without a baseline) is an empty field, never "nan".  A column per
 * metric follows the fixed ones, only for the metrics some case measured.
 *
 * It deliberately has no scaling fits, rounds or samples: one table of
 * cases, one row each; the JSON (--json) has everything.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "reports/export/export.h"
#include "reports/export/export_fields.h"
#include "reports/text/json_writer.h"

static const char *const fixed_columns[] = {
    "target",           "case",        "status",     "mean_ns",
    "median_ns",        "ci_low_ns",   "ci_high_ns", "sd_ns",
    "rounds",           "samples",     "iterations", "bytes_per_second",
    "items_per_second", "baseline_ns", "change",     "change_low",
    "change_high",      "verdict",     "fails",      "slo_status",
};

#define FIXED_COUNT (sizeof fixed_columns / sizeof fixed_columns[0])

/* One row being written: whether a field was written yet. */
struct row {
    FILE *out;
    int started;
};

static void separator(struct row *w)
{
    if (w->started)
        fputc(',', w->out);
    w->started = 1;
}

/* A text field, quoted when it must be. */
static void text(struct row *w, const char *s)
{
    separator(w);
    if (!s)
        return;
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, w->out);
        return;
    }
    fputc('"', w->out);
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            fputc('"', w->out);
        fputc(*p, w->out);
    }
    fputc('"', w->out);
}

/* A number, or an empty field when it is not finite. */
static void number(struct row *w, double v)
{
    char buf[64];
    separator(w);
    if (!isfinite(v))
        return;
    brun_json_format_number(v, buf, sizeof buf);
    fputs(buf, w->out);
}

static void count(struct row *w, unsigned long long v)
{
    separator(w);
    fprintf(w->out, "%llu", v);
}

static void empty(struct row *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        separator(w);
}

static void end_row(struct row *w)
{
    fputs("\r\n", w->out);
    w->started = 0;
}

/* 1 for the metrics some case measured. */
static void measured_metrics(const struct brun_results *r,
                             int measured[BRUN_METRIC_COUNT])
{
    for (int m = 0; m < BRUN_METRIC_COUNT; m++) {
        measured[m] = 0;
        for (size_t i = 0; i < r->case_count && !measured[m]; i++)
            measured[m] = r->cases[i].metrics[m].measured;
    }
}

static const char *verdict(const struct brun_case_comparison *k)
{
    if (!k)
        return NULL;
    if (k->presence != BRUN_PRESENT_BOTH)
        return "new";
    if (!k->stats.valid)
        return "not comparable";
    return brun_label_name(k->stats.label);
}

/* baseline_ns .. fails, for a case with a comparison or without. */
static void comparison_fields(struct row *w,
                              const struct brun_case_comparison *k)
{
    if (!k || k->presence != BRUN_PRESENT_BOTH) {
        empty(w, 4);
        text(w, verdict(k));
        empty(w, 1);
        return;
    }
    number(w, k->baseline_ns);
    if (k->stats.valid) {
        number(w, k->stats.ratio - 1);
        number(w, k->stats.ci_lo - 1);
        number(w, k->stats.ci_hi - 1);
    } else {
        empty(w, 3);
    }
    text(w, verdict(k));
    text(w, k->stats.fails ? "true" : "false");
}

static void case_row(FILE *out, const struct brun_results *r, size_t i,
                     const int measured[BRUN_METRIC_COUNT])
{
    const struct brun_case_result *c = &r->cases[i];
    struct row w = {out, 0};
    int ok = c->status == BRUN_STATUS_OK;
    double mean = c->samples_summary.mean;
    int have_time = ok && c->samples_summary.n > 0 && mean > 0;
    text(&w, c->target < r->target_count ? r->targets[c->target].path : NULL);
    text(&w, c->name);
    text(&w, brun_status_name(c->status));
    if (ok) {
        number(&w, mean);
        number(&w, c->samples_summary.median);
    } else {
        empty(&w, 2);
    }
    if (ok && brun_export_has_ci(c)) {
        number(&w, c->ci_low_ns);
        number(&w, c->ci_high_ns);
    } else {
        empty(&w, 2);
    }
    if (ok && c->samples_summary.n > 1)
        number(&w, c->samples_summary.sd);
    else
        empty(&w, 1);
    count(&w, c->round_count);
    count(&w, c->plan.samples);
    count(&w, c->plan.iterations);
    if (have_time && c->bytes_per_iteration > 0)
        number(&w, brun_case_per_second(c, c->bytes_per_iteration, mean));
    else
        empty(&w, 1);
    if (have_time && c->items_per_iteration > 0)
        number(&w, brun_case_per_second(c, c->items_per_iteration, mean));
    else
        empty(&w, 1);
    comparison_fields(&w, c->comparison);
    text(&w, brun_slo_status_name(c->slo.status));
    for (int m = 0; m < BRUN_METRIC_COUNT; m++) {
        if (!measured[m])
            continue;
        if (c->metrics[m].measured)
            number(&w, c->metrics[m].value);
        else
            empty(&w, 1);
    }
    end_row(&w);
}

/* A baseline case the new build lacks: its name, status "missing" and
 * its baseline time; nothing else is known. */
static void missing_row(FILE *out, const struct brun_missing_case *m,
                        const int measured[BRUN_METRIC_COUNT])
{
    struct row w = {out, 0};
    empty(&w, 1);
    text(&w, m->name);
    text(&w, "missing");
    empty(&w, 10);
    number(&w, m->baseline_ns);
    empty(&w, 3);
    text(&w, "missing");
    empty(&w, 1);
    text(&w, "none");
    for (int k = 0; k < BRUN_METRIC_COUNT; k++)
        if (measured[k])
            empty(&w, 1);
    end_row(&w);
}

void brun_export_csv(FILE *out, const struct brun_results *r)
{
    int measured[BRUN_METRIC_COUNT];
    struct row w = {out, 0};
    measured_metrics(r, measured);
    for (size_t i = 0; i < FIXED_COUNT; i++)
        text(&w, fixed_columns[i]);
    for (int m = 0; m < BRUN_METRIC_COUNT; m++)
        if (measured[m])
            text(&w, brun_metric_name((enum brun_metric_id)m));
    end_row(&w);
    for (size_t i = 0; i < r->case_count; i++)
        case_row(out, r, i, measured);
    for (size_t i = 0; r->comparison && i < r->comparison->missing_count; i++)
        missing_row(out, &r->comparison->missing[i], measured);
}
