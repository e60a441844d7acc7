/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * metric_values.c: METRIC answers into model metrics (see
 * metric_values.h).
 */
#include "config.h"

#include "runner/measure/metric_values.h"

#include <stdlib.h>

/* A count per iteration, scaled up when the kernel multiplexed the
 * group (it counted only running_ns of enabled_ns). */
static double per_iteration(const struct brun_probe_metric *x, double *share)
{
    double scale = 1;
    *share = 1;
    if (x->running_ns > 0 && x->running_ns < x->enabled_ns) {
        scale = (double)x->enabled_ns / (double)x->running_ns;
        *share = (double)x->running_ns / (double)x->enabled_ns;
    }
    if (x->iterations == 0)
        return x->value * scale;
    return x->value * scale / (double)x->iterations;
}

int brun_metrics_add_round(struct brun_metric *m,
                           const struct brun_probe_metric *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int id = brun_metric_lookup(v[i].name);
        if (id < 0 || v[i].running_ns == 0)
            continue; /* unknown, or never scheduled: nothing to scale */
        struct brun_metric *x = &m[id];
        double share;
        double value = per_iteration(&v[i], &share);
        double *grown =
            realloc(x->per_round, (x->round_count + 1) * sizeof *grown);
        if (!grown)
            return -1;
        x->per_round = grown;
        x->per_round[x->round_count++] = value;
        double sum = 0;
        for (size_t r = 0; r < x->round_count; r++)
            sum += x->per_round[r];
        x->value = sum / (double)x->round_count;
        if (!x->measured || share < x->running_share)
            x->running_share = share;
        x->measured = 1;
        x->source = BRUN_SOURCE_PERF_EVENT;
    }
    return 0;
}

void brun_metrics_set_pass(struct brun_metric *m,
                           enum brun_metric_source source,
                           const struct brun_probe_metric *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int id = brun_metric_lookup(v[i].name);
        if (id < 0)
            continue;
        double share;
        m[id].value = per_iteration(&v[i], &share);
        m[id].running_share = share;
        m[id].measured = 1;
        m[id].source = source;
    }
}
