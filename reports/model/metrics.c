/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * metrics.c: names of the metrics and freeing what they own (see
 * metrics.h).
 */
#include "config.h"

#include "reports/model/metrics.h"

#include <stdlib.h>
#include <string.h>

static const char *const metric_names[BRUN_METRIC_COUNT] = {
    "instructions", "cycles", "branch_misses",   "cache_misses",
    "allocations",  "frees",  "allocated_bytes", "peak_heap_bytes",
};

static const char *const metric_units[BRUN_METRIC_COUNT] = {
    "instructions", "cycles", "misses", "misses", "allocs", "frees", "B", "B",
};

const char *brun_metric_name(enum brun_metric_id id)
{
    return (unsigned)id < BRUN_METRIC_COUNT ? metric_names[id] : "unknown";
}

const char *brun_metric_unit(enum brun_metric_id id)
{
    return (unsigned)id < BRUN_METRIC_COUNT ? metric_units[id] : "";
}

const char *brun_metric_source_name(enum brun_metric_source source)
{
    switch (source) {
    case BRUN_SOURCE_PERF_EVENT:
        return "perf_event";
    case BRUN_SOURCE_CALLGRIND:
        return "callgrind";
    case BRUN_SOURCE_ALLOC:
        return "alloc_counter";
    case BRUN_SOURCE_NONE:
        break;
    }
    return "none";
}

int brun_metric_lookup(const char *name)
{
    for (int i = 0; i < BRUN_METRIC_COUNT; i++)
        if (strcmp(name, metric_names[i]) == 0)
            return i;
    return -1;
}

int brun_metric_is_absolute(enum brun_metric_id id)
{
    return id == BRUN_METRIC_PEAK_HEAP;
}

void brun_metrics_release(struct brun_metric *m, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        free(m[i].per_round);
        m[i].per_round = NULL;
        m[i].round_count = 0;
    }
}

void brun_explanation_release(struct brun_explanation *e)
{
    for (size_t i = 0; i < e->function_count; i++)
        free(e->functions[i].name);
    free(e->functions);
    free(e->engine);
    free(e->unit);
    free(e->flamegraph);
    free(e->note);
    memset(e, 0, sizeof *e);
}
