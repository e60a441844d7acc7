/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * export_gab.c: the results as github-action-benchmark's custom JSON for
 * tool "customSmallerIsBetter": an array of {name, unit, value, range,
 * extra}, one element per case that was measured (failed and skipped
 * cases have no number to chart and are left out).
 *
 * value is the mean time per iteration in nanoseconds (the report's
 * "mean"); range is the text "± H" with H the half width of the 95 %
 * interval across rounds, in the same unit; extra is the tooltip: the
 * plan, the median, the throughput, and when compared or budgeted the
 * verdict and the SLO.  The action compares value with the previous
 * run's itself; benchrun's own verdict is only shown.  Metrics and
 * benchrun_counter() figures follow each case as entries of their own,
 * "CASE (counter NAME)" for a counter; the action reads them all as
 * smaller is better, as the tool says.
 */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "reports/export/export.h"
#include "reports/export/export_fields.h"
#include "reports/model/wording.h"
#include "reports/text/format.h"
#include "reports/text/json_writer.h"

struct text {
    char buf[1024];
    size_t len;
};

static void add(struct text *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void add(struct text *t, const char *fmt, ...)
{
    va_list ap;
    if (t->len >= sizeof t->buf - 1)
        return;
    va_start(ap, fmt);
    int n = vsnprintf(t->buf + t->len, sizeof t->buf - t->len, fmt, ap);
    va_end(ap);
    if (n > 0)
        t->len += (size_t)n < sizeof t->buf - t->len
                      ? (size_t)n
                      : sizeof t->buf - t->len - 1;
}

static void tooltip(const struct brun_case_result *c, struct text *t)
{
    char a[64];
    brun_format_count(c->plan.iterations, a, sizeof a);
    add(t, "%zu rounds × %u samples of %s iterations", c->round_count,
        c->plan.samples, a);
    brun_format_duration(c->samples_summary.median, a, sizeof a);
    add(t, "\nmedian %s", a);
    double mean = c->samples_summary.mean;
    if (mean > 0 && c->bytes_per_iteration > 0) {
        brun_format_byte_rate(
            brun_case_per_second(c, c->bytes_per_iteration, mean), a, sizeof a);
        add(t, "\nthroughput %s", a);
    }
    if (mean > 0 && c->items_per_iteration > 0) {
        brun_format_item_rate(
            brun_case_per_second(c, c->items_per_iteration, mean), a, sizeof a);
        add(t, "\nthroughput %s", a);
    }
    if (c->comparison) {
        char change[128], verdict[96];
        brun_wording_change(c->comparison, change, sizeof change);
        brun_wording_verdict(c->comparison, verdict, sizeof verdict);
        add(t, "\nvs baseline: %s%s%s", change, change[0] ? ", " : "", verdict);
    }
    if (c->slo.status != BRUN_SLO_NONE) {
        char slo[128];
        brun_wording_slo(&c->slo, slo, sizeof slo);
        add(t, "\n%s", slo);
    }
}

/* One entry per measured metric, after the time's: "NAME (instructions)"
 * in its unit, smaller is better like time. */
static void metric_entries(struct brun_json *j,
                           const struct brun_case_result *c, const char *name)
{
    for (int m = 0; m < BRUN_METRIC_COUNT; m++) {
        enum brun_metric_id id = (enum brun_metric_id)m;
        char *entry;
        if (!c->metrics[m].measured || !name)
            continue;
        size_t len = strlen(name) + strlen(brun_metric_name(id)) + 4;
        entry = malloc(len);
        if (!entry)
            continue;
        snprintf(entry, len, "%s (%s)", name, brun_metric_name(id));
        brun_json_object_begin(j, NULL);
        brun_json_string(j, "name", entry);
        brun_json_string(j, "unit", brun_metric_unit(id));
        brun_json_number(j, "value", c->metrics[m].value);
        if (c->comparison && c->comparison->metric_changes[m].valid) {
            char change[96], extra[160];
            brun_wording_metric_change(&c->comparison->metric_changes[m],
                                       change, sizeof change);
            snprintf(extra, sizeof extra, "vs baseline: %s", change);
            brun_json_string(j, "extra", extra);
        }
        brun_json_object_end(j);
        free(entry);
    }
}

/* One entry per user counter: "NAME (counter hits)" in the counter's
 * unit ("per iteration", "per second" or "" as given), with its kind and,
 * when comparing, its change in extra.  The action reads every entry of
 * the file with one direction (smaller or bigger is better). */
static void counter_entries(struct brun_json *j,
                            const struct brun_case_result *c, const char *name)
{
    for (size_t k = 0; k < c->counter_count && name; k++) {
        const struct brun_user_counter *u = &c->counters[k];
        size_t len = strlen(name) + strlen(u->name) + sizeof " (counter )";
        char *entry = malloc(len);
        if (!entry)
            continue;
        snprintf(entry, len, "%s (counter %s)", name, u->name);
        brun_json_object_begin(j, NULL);
        brun_json_string(j, "name", entry);
        brun_json_string(j, "unit",
                         u->kind == BRUN_COUNTER_KIND_PER_ITERATION
                             ? "per iteration"
                         : u->kind == BRUN_COUNTER_KIND_RATE ? "per second"
                                                             : "");
        brun_json_number(j, "value", u->value);
        char change[160], extra[220];
        change[0] = '\0';
        if (c->comparison && k < c->comparison->counter_change_count)
            brun_counter_format_change(&c->comparison->counter_changes[k],
                                       change, sizeof change);
        snprintf(extra, sizeof extra, "%s%s%s", brun_counter_kind_name(u->kind),
                 change[0] ? "\nvs baseline: " : "", change);
        brun_json_string(j, "extra", extra);
        brun_json_object_end(j);
        free(entry);
    }
}

/* A family's per-item cost: "FAMILY (per var)" in ns, smaller is better
 * like time; the fit and any change in extra. */
static void scaling_entry(struct brun_json *j, const struct brun_scaling *s)
{
    char unit[64], fit[256], change[160], extra[448];
    if (!s->best.valid)
        return;
    brun_wording_scaling_unit(s, s->best.shape, unit, sizeof unit);
    const char *family = s->family ? s->family : "";
    size_t len = strlen(family) + strlen(unit) + sizeof " (constant)";
    char *name = malloc(len);
    if (!name)
        return;
    snprintf(name, len, "%s (%s)", family, unit[0] ? unit : "constant");
    brun_wording_scaling_fit(s, fit, sizeof fit);
    brun_wording_scaling_change(s, change, sizeof change);
    snprintf(extra, sizeof extra, "%s%s%s", fit, change[0] ? "\n" : "", change);
    brun_json_object_begin(j, NULL);
    brun_json_string(j, "name", name);
    brun_json_string(j, "unit", "ns");
    brun_json_number(j, "value", s->best.per_item_ns);
    brun_json_string(j, "extra", extra);
    brun_json_object_end(j);
    free(name);
}

void brun_export_gab(FILE *out, const struct brun_results *r)
{
    struct brun_json j;
    brun_json_init(&j, out, 1);
    brun_json_array_begin(&j, NULL);
    for (size_t i = 0; i < r->case_count; i++) {
        const struct brun_case_result *c = &r->cases[i];
        if (c->status != BRUN_STATUS_OK)
            continue;
        char *name = brun_export_case_name(r, i);
        struct text extra = {.len = 0};
        extra.buf[0] = '\0';
        brun_json_object_begin(&j, NULL);
        brun_json_string(&j, "name", name ? name : c->name);
        brun_json_string(&j, "unit", "ns");
        brun_json_number(&j, "value", c->samples_summary.mean);
        if (brun_export_has_ci(c)) {
            char half[64], range[80];
            brun_export_significant((c->ci_high_ns - c->ci_low_ns) / 2, 4, half,
                                    sizeof half);
            snprintf(range, sizeof range, "± %s", half);
            brun_json_string(&j, "range", range);
        }
        tooltip(c, &extra);
        brun_json_string(&j, "extra", extra.buf);
        brun_json_object_end(&j);
        metric_entries(&j, c, name ? name : c->name);
        counter_entries(&j, c, name ? name : c->name);
        free(name);
    }
    for (size_t i = 0; i < r->scaling_count; i++)
        scaling_entry(&j, &r->scalings[i]);
    brun_json_array_end(&j);
}
