/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * metric_values.h: a worker's METRIC answers turned into the model's
 * per-iteration metrics (reports/model/metrics.h).
 */
#ifndef BRUN_METRIC_VALUES_H
#define BRUN_METRIC_VALUES_H

#include <stddef.h>

#include "reports/model/metrics.h"
#include "runner/measure/measure.h"

/* One round's hardware counters: each count scaled for multiplexing
 * (× enabled / running) and divided by the iterations, appended to the
 * metric's per_round; value becomes their mean, running_share the least
 * share seen.  Names it does not know are ignored.  0 or -1 (memory). */
int brun_metrics_add_round(struct brun_metric *m,
                           const struct brun_probe_metric *v, size_t n);
/* One counting pass's figures (allocations): each metric's value is its
 * total per iteration (a level such as peak heap as it is), from source. */
void brun_metrics_set_pass(struct brun_metric *m,
                           enum brun_metric_source source,
                           const struct brun_probe_metric *v, size_t n);

#endif /* BRUN_METRIC_VALUES_H */
