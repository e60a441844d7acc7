/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * metrics.h: what a run found out besides time, as every report sees it.
 *
 * --metric adds per-iteration figures to a case: hardware counters read
 * by perf_event_open around the timed samples (where the kernel has a
 * PMU), instructions counted by callgrind over exactly the timed loop
 * (where it has none), and allocations counted in a separate pass.  A
 * regression's explanation lists the functions whose cost grew between
 * the two builds.  The runner fills these structs (runner/diagnose/);
 * reports only print them.  Time stays the primary figure everywhere.
 */
#ifndef BRUN_METRICS_H
#define BRUN_METRICS_H

#include <stddef.h>

/* The metrics, in the order reports list them.  Their names (JSON keys,
 * --metric and --gate-metric values, Bencher measures) are given by
 * brun_metric_name(). */
enum brun_metric_id {
    BRUN_METRIC_INSTRUCTIONS,    /* per iteration */
    BRUN_METRIC_CYCLES,          /* per iteration, core cycles (PMU only) */
    BRUN_METRIC_BRANCH_MISSES,   /* per iteration (PMU only) */
    BRUN_METRIC_CACHE_MISSES,    /* per iteration (PMU only) */
    BRUN_METRIC_ALLOCATIONS,     /* malloc+calloc+realloc+aligned calls per
                                    iteration */
    BRUN_METRIC_FREES,           /* free calls per iteration */
    BRUN_METRIC_ALLOCATED_BYTES, /* bytes requested per iteration */
    BRUN_METRIC_PEAK_HEAP,       /* bytes: the highest live heap during the
                                    timed loop above its start (not per
                                    iteration) */
    BRUN_METRIC_COUNT
};

/* Where a metric's number came from. */
enum brun_metric_source {
    BRUN_SOURCE_NONE,
    BRUN_SOURCE_PERF_EVENT, /* hardware counter, every round */
    BRUN_SOURCE_CALLGRIND,  /* valgrind's callgrind, one exact pass */
    BRUN_SOURCE_ALLOC,      /* benchrun's allocation counter, one pass */
};

struct brun_metric {
    int measured;
    enum brun_metric_source source;
    double value;         /* per iteration (peak heap: bytes); for a
                             counter, the mean over rounds */
    double running_share; /* counters: time counted / time enabled, the
                             least over rounds (1: no multiplexing) */
    double *per_round;    /* counters: one value per round, else NULL */
    size_t round_count;
};

/* A metric compared with the baseline's. */
struct brun_metric_change {
    int valid;       /* both sides measured it */
    double baseline; /* the baseline's value */
    double ratio;    /* new / baseline */
    double lo, hi;   /* interval of the ratio; lo == hi == ratio when the
                        metric is exact (callgrind, allocations) */
    int exact;
};

/* One function in a regression's explanation: its cost per iteration in
 * each build (instructions from callgrind, or nanoseconds from perf
 * samples). */
struct brun_function_change {
    char *name;
    double self_before, self_after;           /* in the function itself */
    double inclusive_before, inclusive_after; /* with what it calls */
};

/* Why a regressed case got slower, from profiling both builds. */
struct brun_explanation {
    int attempted;
    char *engine;                     /* "callgrind" or "perf" */
    char *unit;                       /* "instructions" or "ns" */
    double total_before, total_after; /* per iteration, whole timed loop */
    struct brun_function_change *functions; /* most grown first */
    size_t function_count;
    char *flamegraph; /* differential flame-graph SVG path, or NULL */
    char *note;       /* one line when it could not be done, or NULL */
};

/* The metric names: "instructions", "cycles", "branch_misses",
 * "cache_misses", "allocations", "frees", "allocated_bytes",
 * "peak_heap_bytes". */
const char *brun_metric_name(enum brun_metric_id id);
/* The unit a report prints after a value: "instructions", "cycles",
 * "misses", "allocs", "frees", "B", "B". */
const char *brun_metric_unit(enum brun_metric_id id);
/* "perf_event", "callgrind", "alloc_counter" or "none". */
const char *brun_metric_source_name(enum brun_metric_source source);
/* The id for a name, or -1. */
int brun_metric_lookup(const char *name);
/* 1 when the metric is not per iteration (peak heap). */
int brun_metric_is_absolute(enum brun_metric_id id);

/* Frees what the metrics own (per_round arrays). */
void brun_metrics_release(struct brun_metric *m, size_t count);
/* Frees what an explanation owns and zeroes it. */
void brun_explanation_release(struct brun_explanation *e);

#endif /* BRUN_METRICS_H */
