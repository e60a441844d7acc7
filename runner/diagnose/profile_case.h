/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * profile_case.h: `benchrun --profile PATTERN`: one case, one worker, its
 * timed loop under perf for a set time; folded stacks, benchrun's own
 * flame-graph SVG and the top functions.
 *
 * The case is calibrated first (a plain worker), then one worker runs
 * enough samples of that count to fill --profile-time, under perf
 * (perf_record.h).  Files go to the profile folder, named after the case:
 * STEM.perf.data, STEM.folded, STEM.svg.
 */
#ifndef BRUN_PROFILE_CASE_H
#define BRUN_PROFILE_CASE_H

#include <stdio.h>

#include "runner/diagnose/passes.h"
#include "runner/measure/measure.h"
#include "runner/worker/discover.h"

struct brun_profile_request {
    const char *pattern; /* POSIX ERE over case names */
    int memory;          /* --profile-memory rather than --profile */
    int memory_tool;     /* -1 first installed, else enum brun_memory_tool */
    const char *dir;     /* where the files go */
    double seconds;      /* timed loop under the profiler */
    int call_graph_dwarf;
    int verbosity;
};

/* The length of a profiled sample (seconds): each sample boundary is a
 * round trip to perf, so they are far apart. */
#define BRUN_PROFILE_SAMPLE_S 0.1

/* How many functions the top table lists. */
#define BRUN_PROFILE_TOP 15

/* Profiles one case, printing what it wrote and the top functions to
 * console.  0 done; 1 the case failed (reason printed); 2 perf is
 * missing or may not record (one line printed: why and what to do); -1
 * interrupted. */
int brun_profile_case(const struct brun_profile_request *q,
                      const struct brun_measure_env *env, const char *path,
                      const struct brun_listed_case *listed, FILE *console);

/* Calibrates a case in a plain worker: 0 with its iteration count per
 * sample (for the sample length of the settings) and ns per iteration,
 * 1 with why, -1 interrupted.  Shared with the memory profile. */
int brun_profile_calibrate(const struct brun_measure_env *env, const char *path,
                           const struct brun_listed_case *listed,
                           uint64_t *iterations, double *ns_per_iteration,
                           char *why, size_t why_size);

/* The samples of a perf profile of `seconds`, with *iterations per
 * sample raised so a sample lasts BRUN_PROFILE_SAMPLE_S at least (at
 * ns_per_iteration).  Shared with the explanations' perf engine. */
uint32_t brun_profile_samples(uint64_t *iterations, double ns_per_iteration,
                              double seconds);

/* A profile's stacks as folded stacks (f initialised here; release it
 * also on failure).  0 or -1 (memory). */
struct brun_profile;
struct brun_folded;
int brun_profile_fold(const struct brun_profile *p, struct brun_folded *f);

#endif /* BRUN_PROFILE_CASE_H */
