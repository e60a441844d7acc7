/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * metric_compare.c: metric changes, the metric gate and disagreements
 * (see metric_compare.h).
 */
#include "config.h"

#include "runner/diagnose/metric_compare.h"

#include <fnmatch.h>
#include <math.h>
#include <stdlib.h>

#include "stats/ttest.h"

/* Welch's t on log per-round values; 0, or -1 when there are too few. */
static int counter_interval(const struct brun_metric *baseline,
                            const struct brun_metric *now, double level,
                            double *lo, double *hi)
{
    size_t nb = baseline->round_count, nn = now->round_count;
    if (nb < 2 || nn < 2)
        return -1;
    double *x = malloc((nn + nb) * sizeof *x);
    if (!x)
        return -1;
    double *y = x + nn;
    for (size_t i = 0; i < nn; i++)
        x[i] = log(now->per_round[i] > 0 ? now->per_round[i] : 1e-300);
    for (size_t i = 0; i < nb; i++)
        y[i] =
            log(baseline->per_round[i] > 0 ? baseline->per_round[i] : 1e-300);
    struct brun_ttest t;
    int rc = brun_ttest_welch(x, nn, y, nb, 0, level, &t);
    free(x);
    if (rc != 0)
        return -1;
    *lo = exp(t.ci_lo);
    *hi = exp(t.ci_hi);
    return 0;
}

void brun_metric_change_set(struct brun_metric_change *change,
                            const struct brun_metric *baseline,
                            const struct brun_metric *now, double level)
{
    change->valid = 0;
    if (!baseline->measured || !now->measured)
        return;
    change->baseline = baseline->value;
    /* A ratio needs a baseline above zero: 0 -> 2 allocations per
     * iteration has no percentage (the metric gate still sees it). */
    if (!(baseline->value > 0)) {
        if (now->value == 0) {
            change->valid = 1;
            change->ratio = change->lo = change->hi = 1;
            change->exact = 1;
        }
        return;
    }
    change->valid = 1;
    change->ratio = now->value / baseline->value;
    change->exact = baseline->source != BRUN_SOURCE_PERF_EVENT &&
                    now->source != BRUN_SOURCE_PERF_EVENT;
    change->lo = change->hi = change->ratio;
    if (!change->exact &&
        counter_interval(baseline, now, level, &change->lo, &change->hi) != 0)
        change->lo = change->hi = change->ratio;
}

int brun_case_gate_metric(const struct brun_options *o, const char *name)
{
    for (size_t i = 0; i < o->threshold_count; i++) {
        const struct brun_threshold *t = &o->thresholds[i];
        if (fnmatch(t->pattern, name, 0) != 0)
            continue;
        if (t->gate_metric == -2)
            return -1; /* this entry gates on time */
        if (t->gate_metric >= 0)
            return t->gate_metric;
        break; /* the first match decides, as for fail_above */
    }
    return o->gate_metric;
}

/* Whether the metric's change fails the gate of k. */
static int metric_fails(const struct brun_case_comparison *k, int id,
                        const struct brun_metric *now)
{
    const struct brun_metric_change *m = &k->metric_changes[id];
    if (!(k->fail_above > 0))
        return 0;
    if (!m->valid) /* from zero to something: any growth is beyond X */
        return k->baseline_metrics[id].measured && now->measured &&
               now->value > 0;
    if (m->exact)
        return m->ratio > 1 + k->fail_above;
    return m->ratio > 1 + k->fail_above && m->lo > 1 + k->noise_floor;
}

static int disagrees(const struct brun_case_comparison *k)
{
    const struct brun_metric_change *i =
        &k->metric_changes[BRUN_METRIC_INSTRUCTIONS];
    if (!k->stats.valid || !i->valid)
        return 0;
    if (k->stats.label == BRUN_LABEL_IMPROVED)
        return i->lo > 1 + BRUN_DISAGREE_FRACTION;
    if (k->stats.label == BRUN_LABEL_REGRESSED)
        return i->hi < 1 - BRUN_DISAGREE_FRACTION;
    return 0;
}

size_t brun_metric_judge(struct brun_results *r, const struct brun_options *o)
{
    size_t failing = 0;
    double level = r->comparison ? r->comparison->confidence : 0.95;
    if (!(level > 0 && level < 1))
        level = 0.95;
    for (size_t i = 0; i < r->case_count; i++) {
        struct brun_case_result *c = &r->cases[i];
        struct brun_case_comparison *k = c->comparison;
        if (!k || k->presence != BRUN_PRESENT_BOTH)
            continue;
        for (int id = 0; id < BRUN_METRIC_COUNT; id++)
            brun_metric_change_set(&k->metric_changes[id],
                                   &k->baseline_metrics[id], &c->metrics[id],
                                   level);
        k->metric_disagrees = disagrees(k);
        int gate = brun_case_gate_metric(o, c->name);
        k->gate_on_metric = 0;
        if (gate >= 0 && c->metrics[gate].measured &&
            k->baseline_metrics[gate].measured) {
            k->gate_on_metric = 1;
            k->gate_metric = (enum brun_metric_id)gate;
            k->stats.fails = metric_fails(k, gate, &c->metrics[gate]);
        }
        failing += k->stats.fails ? 1 : 0;
    }
    if (r->comparison) {
        r->comparison->failing = failing;
        r->comparison->counts.failed = failing;
        r->comparison->gate_on_metric = o->gate_metric >= 0;
        r->comparison->gate_metric =
            o->gate_metric >= 0 ? (enum brun_metric_id)o->gate_metric : 0;
    }
    return failing;
}
