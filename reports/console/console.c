/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * console.c: the context block and the results table on the terminal.
 *
 * One table per target.  Every column says what it is: "mean" and
 * "median" are over all samples of all rounds, "±95% CI" is the half
 * width of the t-interval of the mean across rounds (between-process
 * spread, the honest one), relative to the mean.  Failed and skipped
 * cases get a row saying so and a paragraph below the table with the
 * reason and the tail of what the case printed; with --metric a table of
 * the metrics follows each (console_metrics.c); SLO statuses follow the
 * tables.  Reasons and SLOs are worded by reports/model/wording.c, as in
 * every other report; colour and capitals are this file's.
 *
 * Every string that comes from a bench or the machine (names, paths,
 * reasons, output, CPU model, warnings) goes through brun_term_text, so
 * it cannot move the cursor, recolour the terminal, end its line or
 * start a workflow command in a CI log.
 */
#include "config.h"

#include "reports/console/console.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "reports/model/wording.h"
#include "reports/text/escape.h"
#include "reports/text/format.h"
#include "reports/text/table.h"

#define ANSI_BOLD "\033[1m"
#define ANSI_RED "\033[31m"
#define ANSI_YELLOW "\033[33m"
#define ANSI_DIM "\033[2m"
#define ANSI_RESET "\033[0m"

/* Lines of a failed case's output shown under the table. */
#define OUTPUT_LINES_SHOWN 10

static const char *paint(const struct brun_console_style *style,
                         const char *ansi)
{
    return style->color ? ansi : "";
}

void brun_console_context(FILE *out, const struct brun_results *r,
                          const struct brun_console_style *style)
{
    const struct brun_context *c = &r->context;
    char freq[48], res[48], cost[48], empty[48];
    const char *b = paint(style, ANSI_BOLD), *x = paint(style, ANSI_RESET);

    brun_format_fixed(c->clock.ticks_per_second / 1e9, 5, freq, sizeof freq);
    brun_format_duration(c->clock.resolution_ns, res, sizeof res);
    brun_format_duration(c->clock.read_cost_ns, cost, sizeof cost);
    brun_format_duration(c->clock.empty_region_ns, empty, sizeof empty);

    fprintf(out, "%sbenchrun %s%s · %s · seed %llu\n", b, c->benchrun_version,
            x, c->date, (unsigned long long)c->seed);
    fprintf(out,
            "clock    %s at %s GHz%s · resolution %s · read cost %s · "
            "empty region %s\n",
            brun_clock_name(c->clock.kind), freq,
            c->clock.kind == BRUN_CLOCK_TSC
                ? " (invariant TSC, not core cycles)"
                : "",
            res, cost, empty);
    char load[32];
    brun_format_fixed(c->host.load_average, 2, load, sizeof load);
    fputs("host     ", out);
    brun_term_text(out,
                   c->host.cpu_model[0] ? c->host.cpu_model : "unknown CPU");
    fprintf(out, " · %d CPUs · ", c->host.cpus);
    brun_term_text(out, c->host.kernel);
    fputc(' ', out);
    brun_term_text(out, c->host.machine);
    fprintf(out, " · load %s%s", load,
            c->host.governor[0] ? " · governor " : "");
    brun_term_text(out, c->host.governor);
    fputc('\n', out);
    char warm[48], sample[48], budget[48];
    if (c->settings.warmup_ms > 0)
        brun_format_duration(c->settings.warmup_ms * 1e6, warm, sizeof warm);
    else
        snprintf(warm, sizeof warm, "none");
    brun_format_duration(c->settings.sample_ms * 1e6, sample, sizeof sample);
    brun_format_duration(c->settings.budget_s * 1e9, budget, sizeof budget);
    if (c->settings.iterations)
        fprintf(out,
                "plan     %u rounds × %u samples of %llu iterations · "
                "warm-up %s\n",
                c->settings.rounds, c->settings.samples,
                (unsigned long long)c->settings.iterations, warm);
    else
        fprintf(out,
                "plan     %u rounds × %u samples of %s · warm-up %s · "
                "budget %s per case\n",
                c->settings.rounds, c->settings.samples, sample, warm, budget);
    if (c->metrics_availability) {
        fprintf(out, "%-8s ", brun_wording_metrics_heading);
        brun_term_text(out, c->metrics_availability);
        fputc('\n', out);
    }
    for (size_t i = 0; i < c->warning_count; i++) {
        fprintf(out, "%swarning%s  ", paint(style, ANSI_YELLOW), x);
        brun_term_text(out, c->warnings[i]);
        fputc('\n', out);
    }
}

static int any_throughput(const struct brun_results *r, size_t target)
{
    for (size_t i = 0; i < r->case_count; i++)
        if (r->cases[i].target == target &&
            (r->cases[i].bytes_per_iteration > 0 ||
             r->cases[i].items_per_iteration > 0))
            return 1;
    return 0;
}

/* Column indexes of one table. */
struct columns {
    size_t name, mean, median, ci, rounds, iterations, throughput;
    size_t min, sd, outliers, cpu, spread;
};

static void add_columns(struct brun_table *t, struct columns *k, int throughput,
                        int verbose)
{
    k->name = brun_table_column(t, "case", 0);
    k->mean = brun_table_column(t, "mean", 1);
    k->median = brun_table_column(t, "median", 1);
    k->ci = brun_table_column(t, "±95% CI", 1);
    if (verbose) {
        k->min = brun_table_column(t, "min", 1);
        k->sd = brun_table_column(t, "sd", 1);
        k->outliers = brun_table_column(t, "outliers", 1);
        k->cpu = brun_table_column(t, "cpu/wall", 1);
        k->spread = brun_table_column(t, "rounds", 0);
    }
    k->rounds = brun_table_column(t, "rounds×samples", 1);
    k->iterations = brun_table_column(t, "iterations", 1);
    k->throughput =
        throughput ? brun_table_column(t, "throughput", 1) : (size_t)-1;
}

/* Share of wall time the worker thread was on a CPU, over all samples. */
static double cpu_share(const struct brun_case_result *c, double ns_per_tick)
{
    double cpu = 0, wall = 0;
    for (size_t i = 0; i < c->round_count; i++)
        for (size_t j = 0; j < c->rounds[i].sample_count; j++) {
            cpu += (double)c->rounds[i].samples[j].cpu_ns;
            wall += (double)(c->rounds[i].samples[j].ticks +
                             c->rounds[i].samples[j].paused_ticks) *
                    ns_per_tick;
        }
    return wall > 0 ? cpu / wall : 0;
}

/* -v: the case's round estimates as a sparkline (Unicode blocks with
 * colour, which is on only on a terminal; ASCII otherwise). */
static void set_spread(struct brun_table *t, size_t row, size_t column,
                       const struct brun_case_result *c, int unicode)
{
    enum {
        MAX_SHOWN = 32
    };
    double v[MAX_SHOWN];
    char text[MAX_SHOWN * 3 + 1];
    size_t n = c->round_count < MAX_SHOWN ? c->round_count : MAX_SHOWN;
    for (size_t i = 0; i < n; i++)
        v[i] = c->rounds[i].estimate_ns;
    brun_console_sparkline(v, n, unicode, text, sizeof text);
    brun_table_set(t, row, column, text);
}

void brun_console_sparkline(const double *v, size_t n, int unicode, char *out,
                            size_t size)
{
    static const char *const blocks[] = {"▁", "▂", "▃", "▄",
                                         "▅", "▆", "▇", "█"};
    static const char ascii[] = "_.-=^";
    const size_t levels = unicode ? 8 : 5;
    double lo = 0, hi = 0;
    int any = 0;
    size_t used = 0;

    for (size_t i = 0; i < n; i++) {
        if (!isfinite(v[i]))
            continue;
        if (!any || v[i] < lo)
            lo = v[i];
        if (!any || v[i] > hi)
            hi = v[i];
        any = 1;
    }
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        char one[2] = " ";
        const char *ch = one;
        if (isfinite(v[i])) {
            size_t level = 0;
            if (hi > lo) {
                double x = (v[i] - lo) / (hi - lo) * (double)levels;
                level = x >= (double)levels ? levels - 1 : (size_t)x;
            }
            if (unicode)
                ch = blocks[level];
            else
                one[0] = ascii[level];
        }
        size_t len = strlen(ch);
        if (used + len >= size)
            break;
        memcpy(out + used, ch, len + 1);
        used += len;
    }
}

static void fill_ok_row(struct brun_table *t, size_t row,
                        const struct columns *k,
                        const struct brun_case_result *c, int verbose,
                        double ns_per_tick, int unicode)
{
    char text[64];
    const struct brun_summary *s = &c->samples_summary;

    brun_format_duration(s->mean, text, sizeof text);
    brun_table_set(t, row, k->mean, text);
    brun_format_duration(s->median, text, sizeof text);
    brun_table_set(t, row, k->median, text);
    if (c->round_count >= 2 && s->mean > 0) {
        char pct[32];
        brun_format_fixed(50.0 * (c->ci_high_ns - c->ci_low_ns) / s->mean, 2,
                          pct, sizeof pct);
        snprintf(text, sizeof text, "±%s%%", pct);
    } else {
        snprintf(text, sizeof text, "-");
    }
    brun_table_set(t, row, k->ci, text);
    if (verbose) {
        brun_format_duration(s->min, text, sizeof text);
        brun_table_set(t, row, k->min, text);
        brun_format_duration(s->sd, text, sizeof text);
        brun_table_set(t, row, k->sd, text);
        snprintf(text, sizeof text, "%zu",
                 s->low_mild + s->low_severe + s->high_mild + s->high_severe);
        brun_table_set(t, row, k->outliers, text);
        char pct[32];
        brun_format_fixed(100.0 * cpu_share(c, ns_per_tick), 1, pct,
                          sizeof pct);
        snprintf(text, sizeof text, "%s%%", pct);
        brun_table_set(t, row, k->cpu, text);
        set_spread(t, row, k->spread, c, unicode);
    }
    if (k->throughput != (size_t)-1 && s->mean > 0) {
        if (c->bytes_per_iteration > 0)
            brun_format_byte_rate(
                brun_case_per_second(c, c->bytes_per_iteration, s->mean), text,
                sizeof text);
        else if (c->items_per_iteration > 0)
            brun_format_item_rate(
                brun_case_per_second(c, c->items_per_iteration, s->mean), text,
                sizeof text);
        else
            text[0] = '\0';
        brun_table_set(t, row, k->throughput, text);
    }
}

void brun_console_problems(FILE *out, const struct brun_results *r,
                           size_t target,
                           const struct brun_console_style *style)
{
    int header = 0;
    for (size_t i = 0; i < r->case_count; i++) {
        const struct brun_case_result *c = &r->cases[i];
        if (c->target != target || c->status == BRUN_STATUS_OK)
            continue;
        if (!header) {
            fputc('\n', out);
            header = 1;
        }
        int failed = c->status == BRUN_STATUS_FAILED;
        fprintf(out, "%s%s%s ", paint(style, failed ? ANSI_RED : ANSI_YELLOW),
                failed ? "FAILED" : "skipped", paint(style, ANSI_RESET));
        brun_term_text(out, c->name);
        fputs(": ", out);
        brun_term_text(out, brun_wording_reason(c));
        fputc('\n', out);
        if (!c->output || !failed)
            continue;
        /* The last OUTPUT_LINES_SHOWN lines of what the case printed. */
        const char *start = c->output + strlen(c->output);
        if (start > c->output && start[-1] == '\n')
            start--;
        int lines = 0;
        while (start > c->output && lines < OUTPUT_LINES_SHOWN) {
            start--;
            if (*start == '\n' && ++lines == OUTPUT_LINES_SHOWN) {
                start++;
                break;
            }
        }
        fprintf(out, "  %soutput (last lines):%s\n", paint(style, ANSI_DIM),
                paint(style, ANSI_RESET));
        while (*start) {
            size_t len = strcspn(start, "\n");
            char *line = strndup(start, len);
            fputs("  | ", out);
            brun_term_text(out, line ? line : "(out of memory)");
            fputc('\n', out);
            free(line);
            start += len;
            if (*start == '\n')
                start++;
        }
    }
}

void brun_console_target_heading(FILE *out, const char *path,
                                 const struct brun_console_style *style)
{
    fprintf(out, "\n%s", paint(style, ANSI_BOLD));
    brun_term_text(out, path);
    fprintf(out, "%s\n", paint(style, ANSI_RESET));
}

/* -v: each case's per-round estimates, the numbers the statistics use. */
static void print_round_estimates(FILE *out, const struct brun_results *r,
                                  size_t target)
{
    fputs(
        "\nper-round estimates (20% trimmed mean of each worker's samples):\n",
        out);
    for (size_t i = 0; i < r->case_count; i++) {
        const struct brun_case_result *c = &r->cases[i];
        if (c->target != target || c->round_count == 0)
            continue;
        fputs("  ", out);
        brun_term_text(out, c->name);
        fputc(':', out);
        /* A round with too many preempted samples keeps them all
         * (estimate.c), so only the other rounds' count as left out. */
        unsigned left_out = 0, kept = 0;
        for (size_t k = 0; k < c->round_count; k++) {
            const struct brun_round_result *round = &c->rounds[k];
            char text[48];
            brun_format_duration(round->estimate_ns, text, sizeof text);
            fprintf(out, " %s", text);
            if (round->used_all_samples)
                kept += round->disturbed_samples;
            else
                left_out += round->disturbed_samples;
        }
        if (left_out)
            fprintf(out, " (%u preempted sample%s left out)", left_out,
                    left_out == 1 ? "" : "s");
        if (kept)
            fprintf(out, " (%u preempted sample%s kept: too many to leave out)",
                    kept, kept == 1 ? "" : "s");
        fputc('\n', out);
    }
}

void brun_console_table(FILE *out, const struct brun_results *r,
                        const struct brun_console_style *style)
{
    const int verbose = style->verbosity > 0;
    const double ns_per_tick = 1e9 / r->context.clock.ticks_per_second;

    for (size_t target = 0; target < r->target_count; target++) {
        struct brun_table t;
        struct columns k;
        size_t shown = 0;

        brun_table_init(&t);
        add_columns(&t, &k, any_throughput(r, target), verbose);
        for (size_t i = 0; i < r->case_count; i++) {
            const struct brun_case_result *c = &r->cases[i];
            char text[64];
            if (c->target != target)
                continue;
            size_t row = brun_table_row(&t);
            if (row == (size_t)-1)
                break;
            shown++;
            brun_table_set(&t, row, k.name, c->name);
            if (c->status == BRUN_STATUS_OK) {
                fill_ok_row(&t, row, &k, c, verbose, ns_per_tick, style->color);
            } else {
                int failed = c->status == BRUN_STATUS_FAILED;
                brun_table_set(&t, row, k.mean, failed ? "FAILED" : "skipped");
                if (style->color)
                    brun_table_colour(&t, row, k.mean,
                                      failed ? ANSI_RED : ANSI_YELLOW);
            }
            if (c->status != BRUN_STATUS_OK)
                continue;
            snprintf(text, sizeof text, "%zu×%u", c->round_count,
                     c->plan.samples);
            brun_table_set(&t, row, k.rounds, text);
            brun_format_count(c->plan.iterations, text, sizeof text);
            brun_table_set(&t, row, k.iterations, text);
        }
        if (shown > 0) {
            brun_console_target_heading(out, r->targets[target].path, style);
            brun_table_print(&t, out, style->color ? ANSI_BOLD : NULL,
                             style->color ? ANSI_RESET : NULL);
            brun_console_threads(out, r, target, style);
            brun_console_metrics(out, r, target, style);
            brun_console_counters(out, r, target, style);
            if (verbose)
                print_round_estimates(out, r, target);
            brun_console_problems(out, r, target, style);
        }
        brun_table_release(&t);
    }
    if (!r->comparison)
        brun_console_scaling(out, r, style);
}

void brun_console_scaling(FILE *out, const struct brun_results *r,
                          const struct brun_console_style *style)
{
    if (r->scaling_count == 0)
        return;
    fputc('\n', out);
    for (size_t i = 0; i < r->scaling_count; i++) {
        const struct brun_scaling *s = &r->scalings[i];
        char fit[256], change[160], unit[64];
        brun_wording_scaling_fit(s, fit, sizeof fit);
        brun_wording_scaling_change(s, change, sizeof change);
        brun_wording_scaling_unit(s, s->best.shape, unit, sizeof unit);
        fputs("scaling  ", out);
        brun_term_text(out, s->family);
        fprintf(out, ": %s", fit);
        if (change[0])
            fprintf(out, "; %s%s%s", unit[0] ? unit : "cost", " ", change);
        fputc('\n', out);
    }
    for (size_t i = 0; i < r->scaling_count; i++) {
        char line[256];
        brun_wording_scaling_shape_change(&r->scalings[i], line, sizeof line);
        if (!line[0])
            continue;
        fprintf(out, "%sSCALING CHANGED%s ", paint(style, ANSI_RED),
                paint(style, ANSI_RESET));
        brun_term_text(out, r->scalings[i].family);
        fprintf(out, ": %s\n", line);
    }
}

void brun_console_slo(FILE *out, const struct brun_results *r,
                      const struct brun_console_style *style)
{
    if (!r->slo)
        return;
    fputc('\n', out);
    for (size_t i = 0; i < r->case_count; i++) {
        const struct brun_case_result *c = &r->cases[i];
        char mean[48], share[96], word[16];
        if (c->slo.status == BRUN_SLO_NONE)
            continue;
        /* A breach is shouted, like FAILED: it must stand out in a log
         * without colour. */
        snprintf(word, sizeof word, "%s", brun_slo_status_name(c->slo.status));
        for (char *p = word; c->slo.status == BRUN_SLO_CRITICAL && *p; p++)
            *p = (char)toupper((unsigned char)*p);
        const char *colour = c->slo.status == BRUN_SLO_CRITICAL  ? ANSI_RED
                             : c->slo.status == BRUN_SLO_WARNING ? ANSI_YELLOW
                                                                 : "";
        brun_format_duration(c->samples_summary.mean, mean, sizeof mean);
        brun_wording_slo_share(&c->slo, share, sizeof share);
        fprintf(out, "SLO %s%-8s%s ", paint(style, colour), word,
                paint(style, ANSI_RESET));
        brun_term_text(out, c->name);
        fprintf(out, ": mean %s is %s\n", mean, share);
    }
    if (r->slo->critical > 0 && r->slo->warning_only)
        fputs("(critical SLO breaches only warn: slo_warning_only is set)\n",
              out);
}
