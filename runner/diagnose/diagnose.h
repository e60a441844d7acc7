/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * diagnose.h: --metric for a run: what this machine can count, and the
 * counting passes of each measured case.
 *
 * Hardware counters, where the kernel has a PMU, are read in every timed
 * round (lib/probe.c), so they need nothing here but the decision.
 * Where it has none, instructions come from a callgrind pass; and
 * allocations always from a separate pass with the allocation counter.
 * Both builds of an interleaved comparison get the same passes with the
 * same iteration count, so an unchanged build counts exactly the same.
 * In a saved-numbers comparison the baseline's metrics are the saved
 * ones.
 */
#ifndef BRUN_DIAGNOSE_H
#define BRUN_DIAGNOSE_H

#include <stddef.h>

#include "reports/model/model.h"
#include "runner/diagnose/passes.h"
#include "runner/measure/measure.h"
#include "runner/options/options.h"
#include "runner/worker/discover.h"

struct brun_diagnose {
    const struct brun_options *options;
    struct brun_pass_tools tools;
    unsigned want; /* BRUN_WANT_* of --metric, the gates' metrics added */
    int pmu;       /* hardware counters available */
    char pmu_why[192];
    char alloc_why[300];
};

/* Finds the tools and decides what will be counted; *availability gets
 * the context block's line (caller frees), or NULL when nothing is
 * asked for.  0, or -1 with why (no scratch folder, no memory). */
int brun_diagnose_init(struct brun_diagnose *d, const struct brun_options *o,
                       char **availability, char *why, size_t why_size);
void brun_diagnose_release(struct brun_diagnose *d);

/* Whether timed rounds should read the hardware counters. */
int brun_diagnose_counters_in_rounds(const struct brun_diagnose *d);

/* The counting passes of a measured case c (status ok): its build at
 * path, and for an interleaved comparison the baseline build at old_path
 * (with old_listed), whose figures go to c->comparison->baseline_metrics;
 * for a saved one, saved's metrics are copied there.  A pass that fails
 * is a warning on stderr, never a failed case.  0, or -1 interrupted. */
int brun_diagnose_case(const struct brun_diagnose *d,
                       const struct brun_measure_env *env, const char *path,
                       const struct brun_listed_case *listed,
                       const char *old_path,
                       const struct brun_listed_case *old_listed,
                       const struct brun_case_result *saved,
                       struct brun_case_result *c);

#endif /* BRUN_DIAGNOSE_H */
