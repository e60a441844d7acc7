/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * markdown.c: the BENCHMARKS report (see markdown.h).
 *
 * Tables are found first (one per group, per target when there are
 * several, in the order cases come; cases of the baseline that the new
 * build lacks join the first table of their group, or a table of their
 * own at the end), then written row by row, each cell by one function
 * that knows every column; a group with multi-threaded cases gets a
 * threads table after its time table, one whose cases measured metrics a
 * metrics table, and every profiled regression a
 * "Why it got slower" section after all tables.  The verdicts are worded by
 * reports/model/wording.c, as on the console; the emoji are this file's.
 */
#include "config.h"

#include "reports/markdown/markdown.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "reports/export/export_fields.h"
#include "reports/model/wording.h"
#include "reports/text/escape.h"
#include "reports/text/format.h"

#define NO_TARGET ((size_t)-1)

/* In the order shown: the verdict and the change right after the case,
 * so they fit a pull-request comment (about 780 px, some 100 characters)
 * without scrolling; the figures they come from follow. */
enum column {
    COL_CASE,
    COL_VERDICT,
    COL_CHANGE,
    COL_CHANGE_CI,
    COL_BASELINE,
    COL_NEW,
    COL_MEAN,
    COL_MEDIAN,
    COL_CI,
    COL_THROUGHPUT,
    COL_SLO,
    COLUMN_COUNT
};

/* One table: the cases of one group (of one target). */
struct table {
    size_t target;     /* NO_TARGET: a group only missing cases have */
    const char *group; /* points into a case name */
    size_t group_len;
    int columns[COLUMN_COUNT]; /* 1 when the column is shown */
};

void brun_markdown_options_init(struct brun_markdown_options *o)
{
    o->title = NULL;
    o->environment = 1;
    o->method = 1;
    o->layout = BRUN_MARKDOWN_TABLE;
}

int brun_markdown_layout_parse(const char *word,
                               enum brun_markdown_layout *layout)
{
    if (word && strcmp(word, "table") == 0)
        *layout = BRUN_MARKDOWN_TABLE;
    else if (word && strcmp(word, "components") == 0)
        *layout = BRUN_MARKDOWN_COMPONENTS;
    else
        return -1;
    return 0;
}

static size_t group_length(const char *name)
{
    const char *slash = strchr(name, '/');
    return slash ? (size_t)(slash - name) : strlen(name);
}

static int same_group(const struct table *t, const char *name)
{
    return group_length(name) == t->group_len &&
           memcmp(name, t->group, t->group_len) == 0;
}

static const char *name_of(const char *name)
{
    return name ? name : "";
}

/* Index of the first table of name's group (any target), or count. */
static size_t first_table_of(const struct table *tables, size_t count,
                             const char *name)
{
    size_t i = 0;
    while (i < count && !same_group(&tables[i], name))
        i++;
    return i;
}

static int has_throughput(const struct brun_case_result *c)
{
    return c->bytes_per_iteration > 0 || c->items_per_iteration > 0;
}

/* Finds the tables and the columns each shows.  Returns the count, or
 * (size_t)-1 when out of memory. */
static size_t find_tables(const struct brun_results *r, struct table **out)
{
    size_t missing = r->comparison ? r->comparison->missing_count : 0;
    size_t count = 0;
    struct table *tables = calloc(r->case_count + missing + 1, sizeof *tables);
    if (!tables)
        return (size_t)-1;
    for (size_t i = 0; i < r->case_count; i++) {
        const struct brun_case_result *c = &r->cases[i];
        const char *name = name_of(c->name);
        size_t t = 0;
        while (t < count &&
               !(tables[t].target == c->target && same_group(&tables[t], name)))
            t++;
        if (t == count) {
            tables[count].target = c->target;
            tables[count].group = name;
            tables[count].group_len = group_length(name);
            count++;
        }
        tables[t].columns[COL_THROUGHPUT] |= has_throughput(c);
        tables[t].columns[COL_SLO] |= c->slo.status != BRUN_SLO_NONE;
    }
    for (size_t m = 0; m < missing; m++) {
        const char *name = name_of(r->comparison->missing[m].name);
        if (first_table_of(tables, count, name) == count) {
            tables[count].target = NO_TARGET;
            tables[count].group = name;
            tables[count].group_len = group_length(name);
            count++;
        }
    }
    for (size_t t = 0; t < count; t++) {
        int *k = tables[t].columns;
        k[COL_CASE] = k[COL_MEAN] = k[COL_MEDIAN] = k[COL_CI] = 1;
        k[COL_BASELINE] = k[COL_NEW] = k[COL_CHANGE] = k[COL_CHANGE_CI] =
            k[COL_VERDICT] = r->comparison != NULL;
    }
    *out = tables;
    return count;
}

static const char *plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

/* One part of the status line, after " · " unless it is the first. */
static void part(FILE *out, int *first, const char *fmt, size_t n,
                 const char *word)
{
    fputs(*first ? "" : " · ", out);
    *first = 0;
    fprintf(out, fmt, n, word);
}

/* The names the status line lists: at most NAMES_SHOWN, then "and N
 * more". */
#define NAMES_SHOWN 5

static int fails_gate(const struct brun_case_result *c)
{
    const struct brun_case_comparison *k = c->comparison;
    return k && k->presence == BRUN_PRESENT_BOTH && k->stats.valid &&
           k->stats.fails;
}

static int failed_to_run(const struct brun_case_result *c)
{
    return c->status == BRUN_STATUS_FAILED;
}

/* ": `a`, `b` and 3 more": the cases of r that pick says. */
static void name_cases(FILE *out, const struct brun_results *r,
                       int (*pick)(const struct brun_case_result *))
{
    size_t shown = 0, more = 0;
    for (size_t i = 0; i < r->case_count; i++) {
        if (!pick(&r->cases[i]))
            continue;
        if (shown == NAMES_SHOWN) {
            more++;
            continue;
        }
        fputs(shown++ ? ", " : ": ", out);
        brun_md_code(out, name_of(r->cases[i].name), 0);
    }
    if (more)
        fprintf(out, " and %zu more", more);
}

static void status_line(FILE *out, const struct brun_results *r)
{
    size_t failing = 0, regressed = 0, failed = 0, skipped = 0;
    size_t critical = 0, warning = 0;
    int first = 1;
    for (size_t i = 0; i < r->case_count; i++) {
        const struct brun_case_result *c = &r->cases[i];
        const struct brun_case_comparison *k = c->comparison;
        failed += c->status == BRUN_STATUS_FAILED;
        skipped += c->status == BRUN_STATUS_SKIPPED;
        critical += c->slo.status == BRUN_SLO_CRITICAL;
        warning += c->slo.status == BRUN_SLO_WARNING;
        if (k && k->presence == BRUN_PRESENT_BOTH && k->stats.valid) {
            failing += k->stats.fails != 0;
            regressed +=
                !k->stats.fails && k->stats.label == BRUN_LABEL_REGRESSED;
        }
    }
    if (r->comparison) {
        const struct brun_comparison_summary *s = r->comparison;
        char gate[32];
        brun_format_percent(s->fail_above, gate, sizeof gate);
        if (failing > 0) {
            char text[96];
            brun_wording_failing(failing, s->fail_above, text, sizeof text);
            fprintf(out, "🚨 **%s**", text);
            name_cases(out, r, fails_gate);
            first = 0;
        }
        size_t scaling = brun_wording_scaling_failing(r), shown = 0;
        if (scaling > 0) {
            part(out, &first, "🚨 **%zu %s**", scaling,
                 plural(scaling, "scaling regression", "scaling regressions"));
            for (size_t i = 0; i < r->scaling_count; i++) {
                if (!r->scalings[i].compared || !r->scalings[i].fails)
                    continue;
                if (shown < NAMES_SHOWN) {
                    fputs(shown ? ", " : ": ", out);
                    brun_md_code(out, name_of(r->scalings[i].family), 0);
                }
                shown++;
            }
            if (shown > NAMES_SHOWN)
                fprintf(out, " and %zu more", shown - NAMES_SHOWN);
        }
        if (regressed > 0) {
            part(out, &first, "⚠️ %zu %s", regressed,
                 plural(regressed, "regression", "regressions"));
            if (s->fail_above > 0)
                fprintf(out, " below the %s gate", gate);
        }
        /* No check mark while a case is undecided: "no regression" would
         * then claim more than was shown. */
        if (failing == 0 && regressed == 0 && scaling == 0 &&
            s->counts.inconclusive == 0) {
            fputs(first ? "✅ no regression" : " · ✅ no regression", out);
            first = 0;
        }
        if (s->counts.improved)
            part(out, &first, "%zu %s", s->counts.improved,
                 brun_label_name(BRUN_LABEL_IMPROVED));
        if (s->counts.unchanged)
            part(out, &first, "%zu %s", s->counts.unchanged,
                 brun_label_name(BRUN_LABEL_UNCHANGED));
        if (s->counts.ok)
            part(out, &first, "%zu %s", s->counts.ok,
                 brun_label_name(BRUN_LABEL_OK));
        if (s->counts.inconclusive)
            part(out, &first, "❔ %zu %s", s->counts.inconclusive,
                 brun_label_name(BRUN_LABEL_INCONCLUSIVE));
        if (s->new_count)
            part(out, &first, "%zu %s", s->new_count, "new");
        if (s->missing_count)
            part(out, &first, "%zu %s", s->missing_count, "missing");
    } else {
        size_t measured = r->case_count - failed - skipped;
        part(out, &first,
             failed || critical ? "%zu %s measured" : "✅ %zu %s measured",
             measured, plural(measured, "case", "cases"));
    }
    if (failed) {
        part(out, &first, "❌ %zu %s", failed, "failed");
        name_cases(out, r, failed_to_run);
    }
    if (skipped)
        part(out, &first, "⏭️ %zu %s", skipped, "skipped");
    if (critical) {
        part(out, &first, "🚨 %zu %s", critical,
             brun_wording_slo_count(BRUN_SLO_CRITICAL, critical));
        if (r->slo && r->slo->warning_only)
            fputs(" (warning only)", out);
    }
    if (warning)
        part(out, &first, "⚠️ %zu %s", warning,
             brun_wording_slo_count(BRUN_SLO_WARNING, warning));
    fputs("\n", out);
}

static void header(FILE *out, const struct table *t, double level)
{
    static const char *const titles[COLUMN_COUNT] = {
        "case", "verdict", "change",  NULL,         "baseline", "new",
        "mean", "median",  "±95% CI", "throughput", "SLO"};
    static const int right[COLUMN_COUNT] = {0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0};
    for (int k = 0; k < COLUMN_COUNT; k++) {
        if (!t->columns[k])
            continue;
        if (k == COL_CHANGE_CI) {
            /* Each case's interval is at its own suite-corrected level
             * (the method paragraph says which); level is the strictest,
             * a case read alone. */
            char pct[32];
            brun_format_percent(level, pct, sizeof pct);
            fprintf(out, "| interval of change (≤ %s) ", pct);
        } else {
            fprintf(out, "| %s ", titles[k]);
        }
    }
    fputs("|\n", out);
    for (int k = 0; k < COLUMN_COUNT; k++)
        if (t->columns[k])
            fputs(right[k] ? "| ---: " : "| :--- ", out);
    fputs("|\n", out);
}

static void throughput_cell(FILE *out, const struct brun_case_result *c)
{
    char text[64];
    double mean = c->samples_summary.mean;
    if (!(mean > 0) || !has_throughput(c)) {
        fputs("—", out);
        return;
    }
    if (c->bytes_per_iteration > 0) {
        brun_format_byte_rate(
            brun_case_per_second(c, c->bytes_per_iteration, mean), text,
            sizeof text);
        fputs(text, out);
    }
    if (c->items_per_iteration > 0) {
        brun_format_item_rate(
            brun_case_per_second(c, c->items_per_iteration, mean), text,
            sizeof text);
        fprintf(out, "%s%s", c->bytes_per_iteration > 0 ? " · " : "", text);
    }
}

static void slo_cell(FILE *out, const struct brun_case_slo *slo)
{
    static const char *const marks[] = {[BRUN_SLO_NONE] = "",
                                        [BRUN_SLO_OK] = "✅",
                                        [BRUN_SLO_WARNING] = "⚠️",
                                        [BRUN_SLO_CRITICAL] = "🚨"};
    char share[96];
    if (slo->status == BRUN_SLO_NONE || (size_t)slo->status >= 4) {
        fputs("—", out);
        return;
    }
    brun_wording_slo_share(slo, share, sizeof share);
    fprintf(out, "%s %s", marks[slo->status], share);
}

static void verdict_cell(FILE *out, const struct brun_case_comparison *k)
{
    char text[96];
    brun_wording_verdict(k, text, sizeof text);
    if (k->presence == BRUN_PRESENT_BOTH && k->stats.valid) {
        if (k->stats.fails)
            fputs("🚨 ", out);
        else if (k->stats.label == BRUN_LABEL_REGRESSED)
            fputs("⚠️ ", out);
    }
    fputs(text, out);
}

/* One cell of the row of a measured, failed or skipped case. */
static void case_cell(FILE *out, const struct brun_case_result *c, int column,
                      const struct table *t)
{
    const struct brun_case_comparison *k = c->comparison;
    const struct brun_summary *s = &c->samples_summary;
    int compared = k && k->presence == BRUN_PRESENT_BOTH;
    int valid = compared && k->stats.valid;
    char text[96], lo[32], hi[32];

    if (column == COL_CASE) {
        brun_md_code(out, name_of(c->name), 1);
        return;
    }
    if (column == COL_BASELINE) {
        if (compared)
            brun_format_duration(k->baseline_ns, text, sizeof text);
        fputs(compared ? text : "—", out);
        return;
    }
    if (column == COL_NEW) {
        /* The statistic the change is computed from: the geometric mean
         * of the round estimates, like "baseline". */
        int known = k && c->status == BRUN_STATUS_OK && k->new_ns > 0;
        if (known)
            brun_format_duration(k->new_ns, text, sizeof text);
        fputs(known ? text : "—", out);
        return;
    }
    if (c->status != BRUN_STATUS_OK) {
        /* Where the verdict is, or else where the mean would be. */
        if (column == (t->columns[COL_VERDICT] ? COL_VERDICT : COL_MEAN)) {
            fputs(c->status == BRUN_STATUS_FAILED ? "❌ failed"
                                                  : "⏭️ skipped",
                  out);
            if (c->reason && c->reason[0]) {
                fputs(": ", out);
                brun_md_code(out, c->reason, 1);
            }
        }
        return;
    }
    switch (column) {
    case COL_MEAN:
        brun_format_duration(s->mean, text, sizeof text);
        fputs(text, out);
        break;
    case COL_MEDIAN:
        brun_format_duration(s->median, text, sizeof text);
        fputs(text, out);
        break;
    case COL_CI:
        if (brun_export_has_ci(c) && s->mean > 0) {
            brun_format_fixed(50.0 * (c->ci_high_ns - c->ci_low_ns) / s->mean,
                              2, text, sizeof text);
            fprintf(out, "±%s%%", text);
        } else {
            fputs("—", out);
        }
        break;
    case COL_CHANGE:
        if (valid)
            brun_format_change(k->stats.ratio, text, sizeof text);
        fputs(valid ? text : "—", out);
        break;
    case COL_CHANGE_CI:
        if (valid) {
            brun_format_change(k->stats.ci_lo, lo, sizeof lo);
            brun_format_change(k->stats.ci_hi, hi, sizeof hi);
            fprintf(out, "%s to %s", lo, hi);
        } else {
            fputs("—", out);
        }
        break;
    case COL_VERDICT:
        if (k)
            verdict_cell(out, k);
        else
            fputs("—", out);
        break;
    case COL_THROUGHPUT:
        throughput_cell(out, c);
        break;
    case COL_SLO:
        slo_cell(out, &c->slo);
        break;
    }
}

/* One cell of the row of a case the new build no longer has. */
static void missing_cell(FILE *out, const struct brun_missing_case *m,
                         int column)
{
    char text[64];
    switch (column) {
    case COL_CASE:
        brun_md_code(out, name_of(m->name), 1);
        break;
    case COL_BASELINE:
        brun_format_duration(m->baseline_ns, text, sizeof text);
        fputs(text, out);
        break;
    case COL_VERDICT:
        fputs(brun_wording_missing, out);
        break;
    case COL_THROUGHPUT:
        break;
    default:
        fputs("—", out);
    }
}

static void write_metrics(FILE *out, const struct brun_results *r,
                          const struct table *t);
static void write_counters(FILE *out, const struct brun_results *r,
                           const struct table *t);
static void write_threads(FILE *out, const struct brun_results *r,
                          const struct table *t);

static void write_table(FILE *out, const struct brun_results *r,
                        const struct table *tables, size_t index)
{
    const struct table *t = &tables[index];
    size_t missing = r->comparison ? r->comparison->missing_count : 0;

    /* The heading: the group, and the target when there are several. */
    char *group = malloc(t->group_len + 1);
    if (group) {
        memcpy(group, t->group, t->group_len);
        group[t->group_len] = '\0';
    }
    fputs("\n## ", out);
    brun_md_code(out, group ? group : t->group, 0);
    free(group);
    if (r->target_count > 1 && t->target != NO_TARGET &&
        t->target < r->target_count) {
        fputs(" in ", out);
        brun_md_code(out, r->targets[t->target].path, 0);
    }
    fputs("\n\n", out);
    header(out, t,
           r->comparison ? r->comparison->confidence : BRUN_CASE_CI_LEVEL);

    for (size_t i = 0; i < r->case_count; i++) {
        const struct brun_case_result *c = &r->cases[i];
        if (c->target != t->target || !same_group(t, name_of(c->name)))
            continue;
        for (int k = 0; k < COLUMN_COUNT; k++) {
            if (!t->columns[k])
                continue;
            fputs("| ", out);
            case_cell(out, c, k, t);
            fputc(' ', out);
        }
        fputs("|\n", out);
    }
    for (size_t m = 0; m < missing; m++) {
        const struct brun_missing_case *mc = &r->comparison->missing[m];
        if (first_table_of(tables, index + 1, name_of(mc->name)) != index)
            continue;
        for (int k = 0; k < COLUMN_COUNT; k++) {
            if (!t->columns[k])
                continue;
            fputs("| ", out);
            missing_cell(out, mc, k);
            fputc(' ', out);
        }
        fputs("|\n", out);
    }
    write_threads(out, r, t);
    write_metrics(out, r, t);
    write_counters(out, r, t);
}

/* ---- Metrics (--metric) ------------------------------------------------ */

static int case_has_metrics(const struct brun_case_result *c)
{
    for (int m = 0; m < BRUN_METRIC_COUNT; m++)
        if (c->metrics[m].measured)
            return 1;
    return 0;
}

/* The metrics table of table t's cases, when any measured one, and the
 * notes on them: time and instructions disagreeing, the metric gate. */
static void write_metrics(FILE *out, const struct brun_results *r,
                          const struct table *t)
{
    int shown[BRUN_METRIC_COUNT] = {0}, change[BRUN_METRIC_COUNT] = {0};
    int any = 0;
    for (size_t i = 0; i < r->case_count; i++) {
        const struct brun_case_result *c = &r->cases[i];
        if (c->target != t->target || !same_group(t, name_of(c->name)))
            continue;
        for (int m = 0; m < BRUN_METRIC_COUNT; m++) {
            shown[m] |= c->metrics[m].measured;
            change[m] |= c->metrics[m].measured && c->comparison &&
                         c->comparison->metric_changes[m].valid;
            any |= c->metrics[m].measured;
        }
    }
    if (!any)
        return;
    fputs("\n**Metrics** (per iteration; peak heap per run)\n\n| case ", out);
    for (int m = 0; m < BRUN_METRIC_COUNT; m++) {
        const char *name = brun_metric_name((enum brun_metric_id)m);
        if (shown[m])
            fprintf(out, "| %s ", name);
        if (change[m])
            fprintf(out, "| %s change ", name);
    }
    fputs("|\n| :--- ", out);
    for (int m = 0; m < BRUN_METRIC_COUNT; m++)
        fputs(shown[m] && change[m] ? "| ---: | ---: "
              : shown[m]            ? "| ---: "
                                    : "",
              out);
    fputs("|\n", out);
    for (size_t i = 0; i < r->case_count; i++) {
        const struct brun_case_result *c = &r->cases[i];
        if (c->target != t->target || !same_group(t, name_of(c->name)) ||
            !case_has_metrics(c))
            continue;
        fputs("| ", out);
        brun_md_code(out, name_of(c->name), 1);
        fputc(' ', out);
        for (int m = 0; m < BRUN_METRIC_COUNT; m++) {
            char text[128];
            if (shown[m]) {
                if (c->metrics[m].measured)
                    brun_wording_metric_value((enum brun_metric_id)m,
                                              c->metrics[m].value, text,
                                              sizeof text);
                fprintf(out, "| %s ", c->metrics[m].measured ? text : "—");
            }
            if (change[m]) {
                text[0] = '\0';
                if (c->comparison)
                    brun_wording_metric_change(
                        &c->comparison->metric_changes[m], text, sizeof text);
                fprintf(out, "| %s ", text[0] ? text : "—");
            }
        }
        fputs("|\n", out);
    }
    int notes = 0;
    for (size_t i = 0; i < r->case_count; i++) {
        const struct brun_case_result *c = &r->cases[i];
        char line[2][400];
        if (c->target != t->target || !same_group(t, name_of(c->name)))
            continue;
        brun_wording_metric_disagreement(c->comparison, line[0],
                                         sizeof line[0]);
        /* The metric gate is named where it fails; a pass is the
         * environment's "fail above 10% on instructions". */
        line[1][0] = '\0';
        if (c->comparison && c->comparison->stats.fails)
            brun_wording_metric_gate(c->comparison, line[1], sizeof line[1]);
        for (int n = 0; n < 2; n++) {
            if (!line[n][0])
                continue;
            fputs(notes++ ? "" : "\n", out);
            fputs(n == 0 ? "- ⚠️ " : "- 🚨 ", out);
            brun_md_code(out, name_of(c->name), 0);
            fprintf(out, ": %s\n", line[n]);
        }
    }
}

/* ---- Multi-threaded cases (BENCH_THREADS) ----------------------------- */

/* Table t's multi-threaded cases: threads, real and CPU time per
 * iteration of each thread, and the aggregate rate; nothing without. */
static void write_threads(FILE *out, const struct brun_results *r,
                          const struct table *t)
{
    int any = 0;
    for (size_t i = 0; i < r->case_count; i++) {
        const struct brun_case_result *c = &r->cases[i];
        any |= c->target == t->target && same_group(t, name_of(c->name)) &&
               c->threads > 1 && c->status == BRUN_STATUS_OK;
    }
    if (!any)
        return;
    fputs("\n**Threads** (times per iteration of each thread; the rate is "
          "the threads' together)\n\n"
          "| case | threads | real | CPU | iterations together | vs 1 thread "
          "|\n"
          "| :--- | ---: | ---: | ---: | ---: | ---: |\n",
          out);
    for (size_t i = 0; i < r->case_count; i++) {
        const struct brun_case_result *c = &r->cases[i];
        double mean = c->samples_summary.mean;
        char real[48], cpu[48], rate[48];
        if (c->target != t->target || !same_group(t, name_of(c->name)) ||
            c->threads <= 1 || c->status != BRUN_STATUS_OK)
            continue;
        brun_format_duration(mean, real, sizeof real);
        brun_format_duration(brun_case_cpu_ns(c), cpu, sizeof cpu);
        brun_format_item_rate(brun_case_per_second(c, 1, mean), rate,
                              sizeof rate);
        fputs("| ", out);
        brun_md_code(out, name_of(c->name), 1);
        fprintf(out, " | %u | %s | %s | %s | ", c->threads, real, cpu, rate);
        double speedup = brun_case_speedup(c, brun_case_one_thread(r, c));
        if (speedup > 0) {
            char times[32], share[32];
            brun_format_fixed(speedup, 2, times, sizeof times);
            brun_format_fixed(100.0 * speedup / c->threads, 0, share,
                              sizeof share);
            fprintf(out, "×%s (%s %%) |\n", times, share);
        } else {
            fputs("— |\n", out);
        }
    }
}

/* ---- User counters (benchrun_counter()) -------------------------------- */

/* The user counters of table t's cases, one row per counter, with the
 * change when comparing; nothing when no case reported any. */
static void write_counters(FILE *out, const struct brun_results *r,
                           const struct table *t)
{
    int any = 0, comparing = 0;
    for (size_t i = 0; i < r->case_count; i++) {
        const struct brun_case_result *c = &r->cases[i];
        if (c->target != t->target || !same_group(t, name_of(c->name)) ||
            c->counter_count == 0)
            continue;
        any = 1;
        comparing |= c->comparison != NULL;
    }
    if (!any)
        return;
    fputs("\n**User counters**\n\n| case | counter | kind | value ", out);
    fputs(comparing ? "| change |\n" : "|\n", out);
    fputs("| :--- | :--- | :--- | ---: ", out);
    fputs(comparing ? "| ---: |\n" : "|\n", out);
    for (size_t i = 0; i < r->case_count; i++) {
        const struct brun_case_result *c = &r->cases[i];
        if (c->target != t->target || !same_group(t, name_of(c->name)))
            continue;
        for (size_t k = 0; k < c->counter_count; k++) {
            const struct brun_user_counter *u = &c->counters[k];
            char text[160];
            fputs("| ", out);
            brun_md_code(out, name_of(c->name), 1);
            fputs(" | ", out);
            brun_md_code(out, u->name, 1);
            brun_counter_format_value(u, text, sizeof text);
            fprintf(out, " | %s | %s ", brun_counter_kind_name(u->kind), text);
            if (comparing) {
                text[0] = '\0';
                if (c->comparison && k < c->comparison->counter_change_count)
                    brun_counter_format_change(
                        &c->comparison->counter_changes[k], text, sizeof text);
                fprintf(out, "| %s ", text[0] ? text : "—");
            }
            fputs("|\n", out);
        }
    }
}

static void explanation(FILE *out, const struct brun_case_result *c)
{
    const struct brun_explanation *e = &c->comparison->explanation;
    char text[160], before[48], after[48];
    fputs("\n### ", out);
    brun_md_code(out, name_of(c->name), 0);
    if (e->function_count == 0) {
        fprintf(out, "\n\n%s: ", brun_wording_not_explained);
        brun_md_code(out, e->note ? e->note : "no profile", 0);
        fputs("\n", out);
        return;
    }
    brun_wording_explanation_source(e, text, sizeof text);
    fputs(" (", out);
    brun_md_code(out, text, 0);
    fputs(")\n\n| function | self before → after | self change | "
          "inclusive change |\n| :--- | ---: | ---: | ---: |\n",
          out);
    for (size_t i = 0; i < e->function_count; i++) {
        const struct brun_function_change *f = &e->functions[i];
        fputs("| ", out);
        brun_md_code(out, f->name, 1);
        brun_wording_explanation_value(e, f->self_before, before,
                                       sizeof before);
        brun_wording_explanation_value(e, f->self_after, after, sizeof after);
        fprintf(out, " | %s → %s | ", before, after);
        brun_wording_explanation_delta(e, f->self_before, f->self_after, text,
                                       sizeof text);
        fprintf(out, "%s | ", text);
        brun_wording_explanation_delta(e, f->inclusive_before,
                                       f->inclusive_after, text, sizeof text);
        fprintf(out, "%s |\n", text);
    }
    brun_wording_explanation_value(e, e->total_before, before, sizeof before);
    brun_wording_explanation_value(e, e->total_after, after, sizeof after);
    brun_wording_explanation_delta(e, e->total_before, e->total_after, text,
                                   sizeof text);
    fprintf(out, "\n%s: %s → %s (%s)\n", brun_wording_whole_loop, before, after,
            text);
    if (e->flamegraph) {
        fprintf(out, "\n%s: ", brun_wording_flamegraph);
        brun_md_code(out, e->flamegraph, 0);
        fputs("\n", out);
    }
    if (e->note) {
        fputs("\nnote: ", out);
        brun_md_code(out, e->note, 0);
        fputs("\n", out);
    }
}

/* "Why it got slower": every case whose regression was profiled. */
static void explanations(FILE *out, const struct brun_results *r)
{
    int header = 0;
    for (size_t i = 0; i < r->case_count; i++) {
        const struct brun_case_result *c = &r->cases[i];
        if (!c->comparison || !c->comparison->explanation.attempted)
            continue;
        if (!header++)
            fputs("\n## Why it got slower\n", out);
        explanation(out, c);
    }
}

/* ---- Scaling of parameterized families ------------------------------- */

static void scaling(FILE *out, const struct brun_results *r)
{
    if (r->scaling_count == 0)
        return;
    fputs("\n## Scaling\n\n| family | fit | per item | ± | R² | change | "
          "status |\n| :--- | :--- | ---: | ---: | ---: | ---: | :--- |\n",
          out);
    for (size_t i = 0; i < r->scaling_count; i++) {
        const struct brun_scaling *s = &r->scalings[i];
        const struct brun_fit *b = &s->best;
        char cost[160], unit[64], text[160];
        fputs("| ", out);
        brun_md_code(out, name_of(s->family), 1);
        if (!b->valid) {
            fputs(" | no fit | — | — | — | — | — |\n", out);
            continue;
        }
        fprintf(out, " | %s %s | ", brun_complexity_word(b->shape),
                brun_complexity_name(b->shape));
        /* "1.81 µs per var ± 0.02": the cost, then its ± alone. */
        brun_wording_scaling_cost(s, b, cost, sizeof cost);
        char *pm = strstr(cost, " ± ");
        if (pm)
            *pm = '\0';
        brun_wording_scaling_unit(s, b->shape, unit, sizeof unit);
        brun_md_code(out, cost, 1);
        fprintf(out, " | %s | ", pm ? pm + strlen(" ± ") : "—");
        brun_format_fixed(b->r2, 3, text, sizeof text);
        fprintf(out, "%s | ", text);
        if (s->compared) {
            char v[32], lo[32], hi[32];
            brun_format_change(s->ratio, v, sizeof v);
            brun_format_change(s->ratio_lo, lo, sizeof lo);
            brun_format_change(s->ratio_hi, hi, sizeof hi);
            fprintf(out, "%s (%s to %s) | ", v, lo, hi);
        } else {
            fputs("— | ", out);
        }
        brun_wording_scaling_status(s, text, sizeof text);
        fprintf(out, "%s%s |\n",
                s->fails           ? "🚨 "
                : s->shape_changed ? "⚠️ "
                : s->compared      ? "✅ "
                                   : "",
                text);
    }
    for (size_t i = 0; i < r->scaling_count; i++) {
        char line[256];
        brun_wording_scaling_shape_change(&r->scalings[i], line, sizeof line);
        if (!line[0])
            continue;
        fputs("\n> ⚠️ **scaling changed**: ", out);
        brun_md_code(out, name_of(r->scalings[i].family), 0);
        fprintf(out, ": %s\n", line);
    }
}

/* ---- The components layout ------------------------------------------- */

/* The status of a case in one cell: the verdict word, its emoji and the
 * change ("✅ ok (+0.30%)", "❌ regressed +12.00%"), or without a
 * baseline its SLO status. */
static void component_status(FILE *out, const struct brun_case_result *c)
{
    const struct brun_case_comparison *k = c->comparison;
    char change[32];
    if (c->status != BRUN_STATUS_OK) {
        fputs(c->status == BRUN_STATUS_FAILED ? "❌ failed" : "⏭️ skipped",
              out);
        return;
    }
    if (!k) {
        if (c->slo.status == BRUN_SLO_NONE)
            fputs("✅ measured", out);
        else
            slo_cell(out, &c->slo);
        return;
    }
    if (k->presence == BRUN_PRESENT_NEW_ONLY) {
        fputs("🆕 new", out);
        return;
    }
    if (!k->stats.valid) {
        fputs("❔ not comparable", out);
        return;
    }
    brun_format_change(k->stats.ratio, change, sizeof change);
    if (k->stats.fails) {
        fprintf(out, "❌ regressed %s, FAILS", change);
        return;
    }
    switch (k->stats.label) {
    case BRUN_LABEL_REGRESSED:
        fprintf(out, "⚠️ regressed %s", change);
        break;
    case BRUN_LABEL_IMPROVED:
        fprintf(out, "🚀 improved %s", change);
        break;
    case BRUN_LABEL_INCONCLUSIVE:
        fprintf(out, "❔ inconclusive (%s)", change);
        break;
    default:
        fprintf(out, "✅ %s (%s)", brun_label_name(k->stats.label), change);
        break;
    }
}

/* Per group: | Component | Operation | Mean | ± | Status |. */
static void component_table(FILE *out, const struct brun_results *r,
                            const struct table *t)
{
    fputs("\n| Component | Operation | Mean | ± | Status |\n"
          "| :--- | :--- | ---: | ---: | :--- |\n",
          out);
    for (size_t i = 0; i < r->case_count; i++) {
        const struct brun_case_result *c = &r->cases[i];
        const char *name = name_of(c->name);
        char text[64];
        if (c->target != t->target || !same_group(t, name))
            continue;
        char *group = strndup(name, t->group_len);
        fputs("| ", out);
        brun_md_code(out, group ? group : "", 1);
        free(group);
        fputs(" | ", out);
        brun_md_code(
            out, name[t->group_len] == '/' ? name + t->group_len + 1 : "—", 1);
        const struct brun_summary *s = &c->samples_summary;
        if (c->status == BRUN_STATUS_OK) {
            brun_format_duration(s->mean, text, sizeof text);
            fprintf(out, " | %s | ", text);
            if (brun_export_has_ci(c) && s->mean > 0) {
                brun_format_fixed(50.0 * (c->ci_high_ns - c->ci_low_ns) /
                                      s->mean,
                                  2, text, sizeof text);
                fprintf(out, "±%s%% | ", text);
            } else {
                fputs("— | ", out);
            }
        } else {
            fputs(" | — | — | ", out);
        }
        component_status(out, c);
        fputs(" |\n", out);
    }
}

static void write_components(FILE *out, const struct brun_results *r,
                             const struct table *tables, size_t count)
{
    for (size_t t = 0; t < count; t++) {
        if (tables[t].target == NO_TARGET)
            continue;
        char *group = strndup(tables[t].group, tables[t].group_len);
        fputs("\n## ", out);
        brun_md_code(out, group ? group : "", 0);
        free(group);
        if (r->target_count > 1 && tables[t].target < r->target_count) {
            fputs(" in ", out);
            brun_md_code(out, r->targets[tables[t].target].path, 0);
        }
        fputs("\n", out);
        component_table(out, r, &tables[t]);
    }
    if (r->comparison && r->comparison->missing_count > 0) {
        fprintf(out, "\n%s:", brun_wording_missing_list);
        for (size_t m = 0; m < r->comparison->missing_count; m++) {
            fputs(m ? ", " : " ", out);
            brun_md_code(out, name_of(r->comparison->missing[m].name), 0);
        }
        fputs("\n", out);
    }
}

static void environment(FILE *out, const struct brun_results *r)
{
    const struct brun_context *c = &r->context;
    char a[48], b[48], d[48];

    fprintf(out, "\n## Environment\n\n- **benchrun** %s · %s · seed %llu\n",
            c->benchrun_version ? c->benchrun_version : "?", c->date,
            (unsigned long long)c->seed);
    fputs("- **host** ", out);
    brun_md_code(out, c->host.cpu_model[0] ? c->host.cpu_model : "unknown CPU",
                 0);
    fprintf(out, " · %d %s · ", c->host.cpus,
            c->host.cpus == 1 ? "core" : "cores");
    {
        char kernel[sizeof c->host.kernel + sizeof c->host.machine + 2];
        snprintf(kernel, sizeof kernel, "%s%s%s", c->host.kernel,
                 c->host.machine[0] ? " " : "", c->host.machine);
        brun_md_code(out, kernel, 0);
    }
    brun_format_fixed(c->host.load_average, 2, a, sizeof a);
    fprintf(out, " · load %s", a);
    if (c->host.governor[0]) {
        fputs(" · governor ", out);
        brun_md_code(out, c->host.governor, 0);
    }
    brun_format_fixed(c->clock.ticks_per_second / 1e9, 5, a, sizeof a);
    brun_format_duration(c->clock.resolution_ns, b, sizeof b);
    brun_format_duration(c->clock.read_cost_ns, d, sizeof d);
    fprintf(out,
            "\n- **clock** %s at %s GHz%s · resolution %s · read cost %s\n",
            brun_clock_name(c->clock.kind), a,
            c->clock.kind == BRUN_CLOCK_TSC
                ? (c->clock.invariant ? " (invariant TSC)" : " (TSC)")
                : "",
            b, d);
    if (c->settings.iterations)
        brun_format_count(c->settings.iterations, a, sizeof a);
    else
        brun_format_duration(c->settings.sample_ms * 1e6, a, sizeof a);
    fprintf(out, "- **plan** up to %u rounds × %u samples of %s%s",
            c->settings.rounds, c->settings.samples, a,
            c->settings.iterations ? " iterations" : "");
    if (c->settings.warmup_ms > 0) {
        brun_format_duration(c->settings.warmup_ms * 1e6, b, sizeof b);
        fprintf(out, " · warm-up %s", b);
    }
    fputs("\n", out);
    for (size_t t = 0; t < r->target_count; t++) {
        fputs("- **target** ", out);
        brun_md_code(out, r->targets[t].path, 0);
        if (r->targets[t].library_version) {
            fputs(" built with libbenchrun ", out);
            brun_md_code(out, r->targets[t].library_version, 0);
        }
        fputs("\n", out);
    }
    if (r->comparison) {
        const struct brun_comparison_summary *s = r->comparison;
        fputs("- **compared with** ", out);
        brun_md_code(out, s->against, 0);
        if (s->baseline_saved) {
            fputs(" saved ", out);
            brun_md_code(out, s->baseline_saved, 0);
        }
        if (s->baseline_commit && s->baseline_commit[0]) {
            fputs(" at commit ", out);
            brun_md_code(out, s->baseline_commit, 0);
        }
        fputs(s->mode == BRUN_COMPARE_PAIRED
                  ? " · interleaved: both builds run now, round by round"
                  : " · against its saved numbers",
              out);
        if (s->fail_above > 0) {
            brun_format_percent(s->fail_above, a, sizeof a);
            fprintf(out, " · fail above %s", a);
            if (s->gate_on_metric)
                fprintf(out, " on %s", brun_metric_name(s->gate_metric));
        } else {
            fputs(" · no gate", out);
        }
        fputs("\n", out);
        if (s->fingerprint_diff_count > 0)
            fputs("- ⚠️ **this machine or build differs from the "
                  "baseline's**; "
                  "differences may not be the code's:\n",
                  out);
        for (size_t i = 0; i < s->fingerprint_diff_count; i++) {
            fputs("  - ", out);
            brun_md_code(out, s->fingerprint_diffs[i], 0);
            fputs("\n", out);
        }
    }
    if (c->metrics_availability) {
        fprintf(out, "- **%s** ", brun_wording_metrics_heading);
        brun_md_code(out, c->metrics_availability, 0);
        fputs("\n", out);
    }
    for (size_t i = 0; i < c->warning_count; i++) {
        fputs("- ⚠️ ", out);
        brun_md_code(out, c->warnings[i], 0);
        fputs("\n", out);
    }
}

static void method(FILE *out, const struct brun_results *r)
{
    const struct brun_comparison_summary *s = r->comparison;
    char a[32], b[32];

    fputs("\n## Method\n\n"
          "Each case ran in rounds, each round a separate worker process "
          "(its own address-space layout, caches and frequency history), "
          "with timed samples after a warm-up; a round's estimate is the "
          "20 % trimmed mean of its samples' time per iteration. "
          "*mean* and *median* are over the samples of all rounds (samples "
          "during which the worker lost its CPU to another process are "
          "left out while most of a round is clean); *±95% CI* "
          "is the half width of the Student-t interval of the mean across "
          "rounds, relative to the mean, so it shows the spread between "
          "processes, not within one.",
          out);
    if (s) {
        fputs(" *baseline* and *new* are the geometric means of the round "
              "estimates, and *change* is their ratio new / baseline, with a "
              "t interval on the log "
              "ratios: paired round by round when both builds run "
              "interleaved, Welch's t between the new rounds and the "
              "baseline's saved ones otherwise, with an allowance for "
              "between-session noise",
              out);
        if (s->mode == BRUN_COMPARE_INDEPENDENT) {
            brun_format_percent(s->session_noise, a, sizeof a);
            fprintf(out, " (%s; this run compared with saved numbers)", a);
        } else {
            fputs(" (this run was interleaved)", out);
        }
        brun_format_fixed(s->fdr, 2, a, sizeof a);
        brun_format_fixed(s->gate_alpha, 2, b, sizeof b);
        fprintf(out,
                ". Each interval is the one the verdict reads, at the suite's "
                "corrected level: a case is *regressed* when it lies above "
                "the noise floor, *improved* when it lies below minus the "
                "noise floor, *unchanged* when it lies within it, *ok* when "
                "it excludes a slowdown beyond the threshold (no regression "
                "above it), and *inconclusive* when the data cannot tell: "
                "the verdict then gives the smallest slowdown the run would "
                "have labelled with 80 %% power. "
                "Labels hold only where Benjamini–Hochberg at q = %s over "
                "all compared cases agrees; ",
                a);
        if (s->fail_above > 0) {
            char gate[32];
            brun_format_percent(s->fail_above, gate, sizeof gate);
            fprintf(out,
                    "a case *FAILS* the gate when it regressed, its change "
                    "is at least %s and Holm at α = %s over all compared "
                    "cases still rejects.",
                    gate, b);
        } else {
            fputs("no gate was set (--fail-above), so no case fails.", out);
        }
        fputs(" *new* cases have no baseline; *missing* ones are only in the "
              "baseline.",
              out);
    } else {
        fputs(" Compare with a baseline (--baseline) to see changes and "
              "verdicts.",
              out);
    }
    if (r->slo) {
        brun_format_percent(r->slo->warning_fraction, a, sizeof a);
        brun_format_percent(r->slo->critical_fraction, b, sizeof b);
        fprintf(out,
                " An SLO is an absolute budget for the mean time per "
                "iteration: ⚠️ from %s of it, 🚨 from %s, which %s.",
                a, b,
                r->slo->warning_only ? "is only a warning in this run"
                                     : "fails the run");
    }
    fputs("\n", out);
}

void brun_markdown_write(FILE *out, const struct brun_results *r,
                         const struct brun_markdown_options *o)
{
    struct brun_markdown_options defaults;
    struct table *tables = NULL;
    if (!o) {
        brun_markdown_options_init(&defaults);
        o = &defaults;
    }
    fputs("# ", out);
    brun_md_text(out, o->title ? o->title : "Benchmarks");
    fputs("\n\n", out);
    status_line(out, r);
    size_t count = find_tables(r, &tables);
    if (count == (size_t)-1)
        fputs("\n(out of memory: no tables)\n", out);
    if (count != (size_t)-1 && o->layout == BRUN_MARKDOWN_COMPONENTS)
        write_components(out, r, tables, count);
    for (size_t t = 0;
         o->layout != BRUN_MARKDOWN_COMPONENTS && t != (size_t)-1 && t < count;
         t++)
        write_table(out, r, tables, t);
    free(tables);
    scaling(out, r);
    explanations(out, r);
    if (o->environment)
        environment(out, r);
    if (o->method)
        method(out, r);
}
