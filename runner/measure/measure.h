/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * measure.h: measuring one case, from calibration to its last round.
 */
#ifndef BRUN_MEASURE_H
#define BRUN_MEASURE_H

#include <stddef.h>

#include "lib/clock.h"
#include "reports/model/model.h"
#include "runner/worker/discover.h"

struct brun_rng;
struct brun_launch;

/* Told before each worker starts: round 0 is the calibration. */
typedef void (*brun_progress_fn)(void *ctx, const char *case_name,
                                 unsigned round, unsigned rounds);

/* Fewest rounds and samples a time budget may cut a case down to. */
#define BRUN_MIN_ROUNDS 3
#define BRUN_MIN_SAMPLES 1

/* What measuring a case needs from the user's settings, named as the
 * options that set them; the caller (run.c) copies them from struct
 * brun_options, so nothing here reads the options. */
struct brun_measure_settings {
    unsigned rounds;
    unsigned samples;
    double warmup_s;
    double sample_s;
    double budget_s;
    double timeout_s;
    uint64_t iterations; /* 0 = calibrate */
    int jitter;
};

struct brun_measure_env {
    struct brun_measure_settings settings;
    const struct brun_clock_info *clock;
    struct brun_rng *rng;      /* iteration jitter and stack padding */
    brun_progress_fn progress; /* or NULL */
    void *progress_ctx;
    int counters; /* read hardware counters in every round (--metric on a
                     machine with a PMU) */
};

/* What measuring or comparing a case returns besides 0 (the case is a
 * result, whatever happened to it). */
enum {
    BRUN_MEASURE_INTERRUPTED = -1, /* the user interrupted the run */
    BRUN_MEASURE_NO_MEMORY = -2    /* the result could not be kept: the
                                      run has no verdict (exit 2) */
};

/* The steps of measuring a case, for callers that interleave two
 * executables (compare.c).  Each step that runs a worker returns 0 when
 * the case may go on, 1 when it failed or skipped (c->status and
 * c->reason say why), -1 when the user interrupted the run. */

/* Initialises c for listed, with the plan from the options. */
void brun_measure_begin(struct brun_case_result *c, size_t target_index,
                        const struct brun_listed_case *listed,
                        const struct brun_measure_env *env);

/* Runs the calibration worker: sets c->plan.iterations and fits rounds
 * and samples to the budget. */
int brun_measure_calibrate(const char *path,
                           const struct brun_listed_case *listed,
                           const struct brun_measure_env *env,
                           struct brun_case_result *c);

/* The iteration count for the next round: n plus up to 10 % at random
 * when jitter is on. */
uint64_t brun_measure_jitter(const struct brun_measure_env *env, uint64_t n);

/* Runs one round (worker) of `iterations` per sample and appends it to
 * c->rounds; index and of only label progress and messages. */
int brun_measure_round(const char *path, const struct brun_listed_case *listed,
                       const struct brun_measure_env *env, unsigned index,
                       unsigned of, uint64_t iterations,
                       struct brun_case_result *c);

/* Contention: after a round in which at least half the samples were
 * preempted, samples shrink so that clean ones exist, and there are more
 * of them (the round keeps its length).  The new length aims at 0.3
 * expected preemptions per sample (about three in four clean) at the
 * rate the recent rounds saw, never below BRUN_CONTENDED_SAMPLE_MS (nor
 * 1000 clock resolutions); it only ever shrinks, and never when
 * --iterations fixed the count (a comparison running the baseline's
 * saved count adapts it). */
#define BRUN_CONTENDED_SAMPLE_MS 0.5
#define BRUN_CONTENDED_MAX_SAMPLES 100

/* Applies the rule above to c->plan from the rounds just taken
 * (recent[0..n)), recording what it did in c->contention.  Returns 1 when
 * it shortened the samples. */
int brun_measure_adapt(struct brun_case_result *c,
                       const struct brun_round_result *const *recent, size_t n,
                       const struct brun_measure_env *env);

/* A random stack padding (BENCHRUN_ENV_PAD length) for one worker. */
size_t brun_measure_pad(const struct brun_measure_env *env);

/* brun_measure_round() with the padding given: an interleaved round
 * gives both builds the same one, so the layout it causes shifts both
 * and cancels in their ratio, while rounds still differ in layout. */
int brun_measure_round_padded(const char *path,
                              const struct brun_listed_case *listed,
                              const struct brun_measure_env *env,
                              unsigned index, unsigned of, uint64_t iterations,
                              size_t pad, struct brun_case_result *c);

/* What a probed worker answered (brun_measure_probe). */
#define BRUN_PROBE_METRICS_MAX 12
struct brun_probe_metric {
    char name[32];
    double value;        /* total over the measured samples */
    uint64_t iterations; /* they ran; 0 for a level (peak heap) */
    uint64_t enabled_ns, running_ns;
};
struct brun_probe_reply {
    uint64_t iterations; /* measured iterations, all samples (every
                            thread's, for a multi-threaded case) */
    struct brun_probe_metric metrics[BRUN_PROBE_METRICS_MAX];
    size_t metric_count;
    char note[256]; /* the probe's NOTE, or "" */
    long pid;       /* of the process started (the profiler, if any) */
    double wall_s;
};
/* Runs one worker of `samples` × `iterations` with no warm-up, started
 * through launch (a profiler, a preload; NULL: plainly) and with the
 * probe named (lib/probe.h), within timeout_s (0: the settings').  For
 * the diagnose passes (runner/diagnose/), never for timing.  Returns 0,
 * 1 when it failed (c->status and c->reason say why: pass a scratch
 * result, not the measured case), -1 when interrupted. */
int brun_measure_probe(const char *path, const struct brun_listed_case *listed,
                       const struct brun_measure_env *env, uint64_t iterations,
                       uint32_t samples, const char *probe,
                       const struct brun_launch *launch, double timeout_s,
                       size_t pad, struct brun_probe_reply *out,
                       struct brun_case_result *c);
/* Computes the summaries of a completed case and its wall time. */
void brun_measure_finish(struct brun_case_result *c);

/* Measures one case of the target at path into out (which it
 * initialises).  A case that fails, crashes or hangs is a result, not an
 * error: out->status says so.  Returns 0, or -1 when the user interrupted
 * the run (out is then released). */
int brun_measure_case(const char *path, size_t target_index,
                      const struct brun_listed_case *listed,
                      const struct brun_measure_env *env,
                      struct brun_case_result *out);

#endif /* BRUN_MEASURE_H */
