/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * diagnose.c: what a run counts besides time, case by case (see
 * diagnose.h).
 */
#include "config.h"

#include "runner/diagnose/diagnose.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runner/diagnose/alloc_library.h"
#include "runner/diagnose/metric_compare.h"
#include "runner/diagnose/tools.h"

/* What the thresholds' gate metrics add to --metric. */
static unsigned gates_want(const struct brun_options *o)
{
    unsigned want = 0;
    for (size_t i = 0; i < o->threshold_count; i++) {
        int g = o->thresholds[i].gate_metric;
        if (g == BRUN_METRIC_INSTRUCTIONS)
            want |= BRUN_WANT_INSTRUCTIONS;
        else if (g >= BRUN_METRIC_CYCLES && g <= BRUN_METRIC_CACHE_MISSES)
            want |= BRUN_WANT_COUNTERS;
        else if (g >= 0)
            want |= BRUN_WANT_ALLOCATIONS;
    }
    return want;
}

int brun_diagnose_init(struct brun_diagnose *d, const struct brun_options *o,
                       char **availability, char *why, size_t why_size)
{
    char line[900];
    memset(d, 0, sizeof *d);
    d->options = o;
    d->want = o->metrics | gates_want(o);
    *availability = NULL;
    /* Explanations and profiles need the tools even without --metric. */
    if (brun_tool_find("valgrind", d->tools.valgrind,
                       sizeof d->tools.valgrind) != 0)
        d->tools.valgrind[0] = '\0';
    if (brun_alloc_library_path(d->tools.alloc_lib, sizeof d->tools.alloc_lib,
                                d->alloc_why, sizeof d->alloc_why) != 0)
        d->tools.alloc_lib[0] = '\0';
    if (brun_scratch_make(d->tools.scratch, sizeof d->tools.scratch, why,
                          why_size) != 0)
        return -1;
    if (!d->want)
        return 0;
    d->pmu = brun_pmu_available(d->pmu_why, sizeof d->pmu_why);

    size_t n = 0;
    if (d->pmu)
        n += (size_t)snprintf(line + n, sizeof line - n,
                              "hardware counters: available (perf_event)");
    else
        n += (size_t)snprintf(line + n, sizeof line - n,
                              "hardware counters: not available (%s)",
                              d->pmu_why);
    if ((d->want & BRUN_WANT_INSTRUCTIONS) && !d->pmu && n < sizeof line)
        n += (size_t)snprintf(line + n, sizeof line - n, "; %s",
                              d->tools.valgrind[0]
                                  ? "instructions via callgrind"
                                  : "instructions: not available (no PMU "
                                    "and no valgrind: apt-get install "
                                    "valgrind)");
    if ((d->want & BRUN_WANT_ALLOCATIONS) && n < sizeof line)
        snprintf(line + n, sizeof line - n, "; %s%s",
                 d->tools.alloc_lib[0] ? "allocations counted"
                                       : "allocations: not available: ",
                 d->tools.alloc_lib[0] ? "" : d->alloc_why);
    *availability = strdup(line);
    if (!*availability) {
        snprintf(why, why_size, "out of memory");
        return -1;
    }
    return 0;
}

void brun_diagnose_release(struct brun_diagnose *d)
{
    if (d->tools.scratch[0])
        brun_scratch_remove(d->tools.scratch);
    d->tools.scratch[0] = '\0';
}

int brun_diagnose_counters_in_rounds(const struct brun_diagnose *d)
{
    return d->pmu && (d->want & (BRUN_WANT_INSTRUCTIONS | BRUN_WANT_COUNTERS));
}

static void warn(const char *name, const char *what, const char *why)
{
    fprintf(stderr, "benchrun: warning: %s: %s not counted: %s\n", name, what,
            why);
}

/* The passes of one build into m.  0, or -1 interrupted. */
static int count_build(const struct brun_diagnose *d,
                       const struct brun_measure_env *env, const char *path,
                       const struct brun_listed_case *listed,
                       uint64_t iterations, const char *label,
                       struct brun_metric *m)
{
    char why[900];
    if ((d->want & BRUN_WANT_INSTRUCTIONS) && !d->pmu) {
        double per_iteration;
        uint64_t counted;
        int r = brun_pass_callgrind(path, listed, env, &d->tools, iterations, 0,
                                    NULL, &per_iteration, &counted, why,
                                    sizeof why);
        if (r < 0)
            return -1;
        if (r == 0) {
            m[BRUN_METRIC_INSTRUCTIONS].measured = 1;
            m[BRUN_METRIC_INSTRUCTIONS].source = BRUN_SOURCE_CALLGRIND;
            m[BRUN_METRIC_INSTRUCTIONS].value = per_iteration;
            m[BRUN_METRIC_INSTRUCTIONS].running_share = 1;
        } else {
            warn(listed->name,
                 label[0] ? "baseline instructions" : "instructions", why);
        }
    }
    if (d->want & BRUN_WANT_ALLOCATIONS) {
        int r = brun_pass_alloc(path, listed, env, &d->tools, iterations, m,
                                why, sizeof why);
        if (r < 0)
            return -1;
        if (r > 0)
            warn(listed->name,
                 label[0] ? "baseline allocations" : "allocations", why);
    }
    return 0;
}

/* Copies a saved case's metrics (per_round arrays too). */
static int copy_metrics(struct brun_metric *to, const struct brun_metric *from)
{
    for (int i = 0; i < BRUN_METRIC_COUNT; i++) {
        to[i] = from[i];
        to[i].per_round = NULL;
        to[i].round_count = 0;
        if (from[i].round_count == 0)
            continue;
        to[i].per_round = malloc(from[i].round_count * sizeof *to->per_round);
        if (!to[i].per_round)
            return -1;
        memcpy(to[i].per_round, from[i].per_round,
               from[i].round_count * sizeof *to->per_round);
        to[i].round_count = from[i].round_count;
    }
    return 0;
}

int brun_diagnose_case(const struct brun_diagnose *d,
                       const struct brun_measure_env *env, const char *path,
                       const struct brun_listed_case *listed,
                       const char *old_path,
                       const struct brun_listed_case *old_listed,
                       const struct brun_case_result *saved,
                       struct brun_case_result *c)
{
    if (!d->want || c->status != BRUN_STATUS_OK)
        return 0;
    uint64_t iterations = c->plan.iterations ? c->plan.iterations : 1;
    if (count_build(d, env, path, listed, iterations, "", c->metrics) != 0)
        return -1;
    struct brun_case_comparison *k = c->comparison;
    if (!k || k->presence != BRUN_PRESENT_BOTH)
        return 0;
    if (old_path && old_listed)
        return count_build(d, env, old_path, old_listed, iterations, "baseline",
                           k->baseline_metrics);
    if (saved && copy_metrics(k->baseline_metrics, saved->metrics) != 0)
        fprintf(stderr,
                "benchrun: warning: %s: out of memory for the "
                "baseline's metrics\n",
                c->name);
    return 0;
}
