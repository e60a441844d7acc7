/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * passes.h: the extra workers that count instead of time.
 *
 * A callgrind pass runs a case's worker under valgrind's callgrind with
 * collection off at start; the worker turns it on for exactly its timed
 * samples (lib/probe.c), so the file callgrind writes holds the timed
 * loop's instructions and nothing else (not start-up, setup or
 * teardown).  Besides the loop, a sample holds a constant few dozen
 * instructions (the loop's entry and exit, one clock read); the metric
 * pass cancels it by running twice, with n and 2n iterations per sample,
 * and dividing the difference of the counts by the difference of the
 * iterations.  The figure is then exact and the same on every run of the
 * same build, whatever n calibration picked.  An allocation pass runs the worker with benchrun's
 * allocation counter preloaded (lib/alloc/), counting during the timed
 * samples only.  Both are separate workers, so counting never touches
 * a timed round, and both use no stack padding, so two runs of one build
 * see the same layout.
 */
#ifndef BRUN_PASSES_H
#define BRUN_PASSES_H

#include <stddef.h>
#include <stdint.h>

#include "reports/model/metrics.h"
#include "runner/measure/measure.h"

/* Samples a counting pass takes (of the case's planned iteration count). */
#define BRUN_PASS_SAMPLES 2

/* What the passes need to find on this machine. */
struct brun_pass_tools {
    char valgrind[4096];  /* "" when not installed */
    char alloc_lib[4096]; /* the preload; "" when not found */
    char scratch[4096];   /* private folder for callgrind's files */
};

/* Runs the two callgrind passes (iterations and twice that per sample)
 * and sets *per_iteration from their difference.  With keep_file set,
 * the output is written there (and kept) instead of the scratch folder;
 * separate_callers > 0 asks callgrind to tell call chains apart (for
 * flame graphs).  Sets *per_iteration to the instructions per iteration
 * and *iterations_run to the iterations counted.  0, 1 with why (the
 * pass failed: the case's timed result stands), -1 interrupted. */
int brun_pass_callgrind(const char *path, const struct brun_listed_case *listed,
                        const struct brun_measure_env *env,
                        const struct brun_pass_tools *tools,
                        uint64_t iterations, unsigned separate_callers,
                        const char *keep_file, double *per_iteration,
                        uint64_t *iterations_run, char *why, size_t why_size);

/* The same, keeping the whole profile (functions, folded stacks) in
 * *profile (caller releases) for an explanation. */
struct brun_profile;
int brun_pass_callgrind_profile(
    const char *path, const struct brun_listed_case *listed,
    const struct brun_measure_env *env, const struct brun_pass_tools *tools,
    uint64_t iterations, unsigned separate_callers, const char *keep_file,
    struct brun_profile *profile, uint64_t *iterations_run, char *why,
    size_t why_size);

/* Runs an allocation pass and fills the allocation metrics of m
 * (allocations, frees, allocated_bytes per iteration; peak heap).
 * 0, 1 with why, -1 interrupted. */
int brun_pass_alloc(const char *path, const struct brun_listed_case *listed,
                    const struct brun_measure_env *env,
                    const struct brun_pass_tools *tools, uint64_t iterations,
                    struct brun_metric *m, char *why, size_t why_size);

/* Runs one probed worker (brun_measure_probe) of samples × iterations.
 * On failure why holds the reason and the last line the process printed
 * (a profiler's own complaint).  0, 1 with why, -1 interrupted. */
int brun_pass_run(const char *path, const struct brun_listed_case *listed,
                  const struct brun_measure_env *env, uint64_t iterations,
                  uint32_t samples, const char *probe,
                  const struct brun_launch *launch, double timeout_s,
                  struct brun_probe_reply *reply, char *why, size_t why_size);

/* How long a pass may take: generous, valgrind runs code ~50x slower. */
double brun_pass_timeout(const struct brun_measure_env *env,
                         double native_seconds);

#endif /* BRUN_PASSES_H */
