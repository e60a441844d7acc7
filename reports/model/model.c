/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * model.c: freeing results, counting them and naming their enums (see
 * model.h).
 */
#include "config.h"

#include "reports/model/model.h"

#include <stdlib.h>
#include <string.h>

void brun_case_result_release(struct brun_case_result *c)
{
    free(c->name);
    free(c->file);
    free(c->compiler);
    free(c->reason);
    free(c->output);
    brun_rounds_release(c->rounds, c->round_count);
    if (c->comparison) {
        brun_rounds_release(c->comparison->baseline_rounds,
                            c->comparison->baseline_round_count);
        brun_explanation_release(&c->comparison->explanation);
        brun_metrics_release(c->comparison->baseline_metrics,
                             BRUN_METRIC_COUNT);
        brun_user_counters_free(c->comparison->baseline_counters,
                                c->comparison->baseline_counter_count);
        free(c->comparison->counter_changes);
        free(c->comparison);
    }
    for (size_t i = 0; i < c->history_count; i++) {
        free(c->history[i].saved);
        free(c->history[i].build);
    }
    free(c->history);
    brun_metrics_release(c->metrics, BRUN_METRIC_COUNT);
    brun_user_counters_free(c->counters, c->counter_count);
    free(c->arg_name);
    memset(c, 0, sizeof *c);
}

void brun_rounds_release(struct brun_round_result *rounds, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(rounds[i].samples);
    free(rounds);
}

void brun_comparison_summary_free(struct brun_comparison_summary *s)
{
    if (!s)
        return;
    free(s->against);
    free(s->baseline_saved);
    free(s->baseline_commit);
    for (size_t i = 0; i < s->fingerprint_diff_count; i++)
        free(s->fingerprint_diffs[i]);
    free(s->fingerprint_diffs);
    for (size_t i = 0; i < s->missing_count; i++)
        free(s->missing[i].name);
    free(s->missing);
    free(s);
}

void brun_results_release(struct brun_results *r)
{
    for (size_t i = 0; i < r->case_count; i++)
        brun_case_result_release(&r->cases[i]);
    free(r->cases);
    for (size_t i = 0; i < r->target_count; i++) {
        free(r->targets[i].path);
        free(r->targets[i].library_version);
    }
    free(r->targets);
    for (size_t i = 0; i < r->context.warning_count; i++)
        free(r->context.warnings[i]);
    free(r->context.warnings);
    free(r->context.command_line);
    free(r->context.metrics_availability);
    brun_comparison_summary_free(r->comparison);
    free(r->slo);
    for (size_t i = 0; i < r->scaling_count; i++)
        brun_scaling_release(&r->scalings[i]);
    free(r->scalings);
    memset(r, 0, sizeof *r);
}

const char *brun_status_name(enum brun_case_status status)
{
    switch (status) {
    case BRUN_STATUS_FAILED:
        return "failed";
    case BRUN_STATUS_SKIPPED:
        return "skipped";
    case BRUN_STATUS_OK:
        break;
    }
    return "ok";
}

const char *brun_slo_status_name(enum brun_slo_status status)
{
    switch (status) {
    case BRUN_SLO_OK:
        return "ok";
    case BRUN_SLO_WARNING:
        return "warning";
    case BRUN_SLO_CRITICAL:
        return "critical";
    case BRUN_SLO_NONE:
        break;
    }
    return "none";
}

const char *brun_failure_name(enum brun_failure_kind kind)
{
    switch (kind) {
    case BRUN_FAILURE_REPORTED:
        return "reported";
    case BRUN_FAILURE_MISUSE:
        return "misuse";
    case BRUN_FAILURE_SIGNAL:
        return "signal";
    case BRUN_FAILURE_EXIT:
        return "exit";
    case BRUN_FAILURE_TIMEOUT:
        return "timeout";
    case BRUN_FAILURE_PROTOCOL:
        return "protocol";
    case BRUN_FAILURE_NONE:
        break;
    }
    return "";
}

void brun_results_tally(const struct brun_results *r, struct brun_tally *n)
{
    memset(n, 0, sizeof *n);
    n->cases = r->case_count;
    for (size_t i = 0; i < r->case_count; i++) {
        const struct brun_case_result *c = &r->cases[i];
        const struct brun_case_comparison *k = c->comparison;
        if (c->status == BRUN_STATUS_FAILED)
            n->failed++;
        if (c->slo.status == BRUN_SLO_WARNING)
            n->slo_warning++;
        else if (c->slo.status == BRUN_SLO_CRITICAL)
            n->slo_critical++;
        if (c->status != BRUN_STATUS_OK || !k ||
            k->presence != BRUN_PRESENT_BOTH)
            continue;
        n->compared++;
        if (k->stats.fails)
            n->failing++;
        switch (k->stats.label) {
        case BRUN_LABEL_REGRESSED:
            n->regressed++;
            break;
        case BRUN_LABEL_IMPROVED:
            n->improved++;
            break;
        case BRUN_LABEL_UNCHANGED:
            n->unchanged++;
            break;
        case BRUN_LABEL_OK:
            n->ok++;
            break;
        case BRUN_LABEL_INCONCLUSIVE:
            n->inconclusive++;
            break;
        }
    }
}

unsigned brun_name_threads(const char *name)
{
    const char *last = name ? strrchr(name, '/') : NULL;
    char *end;
    if (!last || strncmp(last, "/threads:", 9) != 0)
        return 1;
    unsigned long n = strtoul(last + 9, &end, 10);
    return *end == '\0' && n >= 1 && n <= 100000 ? (unsigned)n : 1;
}

double brun_case_per_second(const struct brun_case_result *c,
                            double per_iteration, double mean_ns)
{
    if (!(mean_ns > 0))
        return 0;
    return per_iteration * 1e9 / mean_ns * (c->threads > 1 ? c->threads : 1);
}

double brun_case_cpu_ns(const struct brun_case_result *c)
{
    double sum = 0;
    size_t n = 0;
    for (size_t i = 0; i < c->round_count; i++) {
        if (c->rounds[i].cpu_estimate_ns > 0) {
            sum += c->rounds[i].cpu_estimate_ns;
            n++;
        }
    }
    return n ? sum / (double)n : 0;
}

const struct brun_case_result *
brun_case_one_thread(const struct brun_results *r,
                     const struct brun_case_result *c)
{
    const char *last = strrchr(c->name, '/');
    if (c->threads <= 1 || !last)
        return NULL;
    size_t stem = (size_t)(last - c->name);
    for (size_t i = 0; i < r->case_count; i++) {
        const struct brun_case_result *o = &r->cases[i];
        if (o->target == c->target && o->status == BRUN_STATUS_OK &&
            strncmp(o->name, c->name, stem) == 0 &&
            strcmp(o->name + stem, "/threads:1") == 0)
            return o;
    }
    return NULL;
}

double brun_case_speedup(const struct brun_case_result *c,
                         const struct brun_case_result *one)
{
    double each = c->samples_summary.mean;
    double alone = one ? one->samples_summary.mean : 0;
    if (!(each > 0) || !(alone > 0))
        return 0;
    return (c->threads > 1 ? c->threads : 1) * alone / each;
}
