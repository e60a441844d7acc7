/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * compare.h: measuring a case against its baseline, round by round, until
 * the verdict is clear.
 *
 * Two modes.  Interleaved (paired): the baseline's executable runs again
 * in this job, one worker of each build per round, in ABBA order with the
 * same iteration count, and the statistic is the per-round log ratio.
 * Saved numbers (independent): only the new build runs, and its rounds
 * are compared with the baseline's saved rounds by Yuen–Welch, with the
 * between-session noise estimated from the baseline's history of saves
 * (or, without enough history, assumed, and then gating only beyond a
 * wide margin).
 *
 * Rounds come in sequential looks (by default at 10, 20 and 32 rounds):
 * after each look the case stops when its decision is clear and survives
 * the suite-wide correction whatever the other cases do (the gate fails
 * at Holm's strictest step, or a slowdown beyond the threshold is
 * excluded, or the ratio is known precisely).  The error budget is spent
 * over the looks by an alpha-spending plan (BRUN_SPENDING_POWER).  The
 * suite-wide decision (stats/verdict.h) runs over all compared cases at
 * the end.
 */
#ifndef BRUN_COMPARE_H
#define BRUN_COMPARE_H

#include <stddef.h>

#include "reports/model/model.h"
#include "runner/measure/measure.h"
#include "runner/options/options.h"

#define BRUN_MAX_LOOKS 16

/* Without a gate, "ok" means no slowdown beyond this margin, and looks
 * stop once such a slowdown is excluded, so a plain --baseline run stays
 * quick. */
#define BRUN_REPORT_THRESHOLD 0.05

/* Alpha spending: by the look that has taken a share t of the last
 * look's rounds, the error budget spent is t^BRUN_SPENDING_POWER (the
 * power family of Kim & DeMets); 1.5 keeps early looks strict enough
 * that deciding there costs the later ones little. */
#define BRUN_SPENDING_POWER 1.5

/* Saved-numbers mode estimates the noise between sessions from the
 * baseline's history once it holds this many session-to-session
 * differences (three saves of the case). */
#define BRUN_HISTORY_MIN_DIFFS 2

/* Everything the comparison needs, taken from the options once by
 * brun_compare_plan_init(): nothing below the plan reads the options, and
 * each setting keeps the option's name down to stats/verdict.h. */
struct brun_compare_plan {
    enum brun_compare_mode mode;
    unsigned looks[BRUN_MAX_LOOKS]; /* rounds at each look, increasing */
    unsigned look_count;
    double look_share[BRUN_MAX_LOOKS]; /* error budget spent at each look;
                                          they sum to 1 */
    size_t family;        /* cases compared in the suite (m); the caller
                              sets it before comparing (0 counts as 1) */
    double confidence;    /* level of the bootstrap interval (report) */
    double fail_above;    /* the run's gate (0: none) */
    double fdr;           /* BH level for the labels */
    double gate_alpha;    /* Holm level for failing */
    double noise_floor;   /* the option, or the mode's floor */
    double session_noise; /* independent mode only */
    unsigned resamples;
    enum brun_boot_method bootstrap;
    uint64_t seed; /* run seed; per case derived by name */
    const struct brun_threshold *thresholds;
    size_t threshold_count;
};

/* The plan for a mode from the options: looks at rounds, 2 x rounds, ...,
 * capped at max_rounds (which is always the last look). */
void brun_compare_plan_init(struct brun_compare_plan *p,
                            const struct brun_options *o, uint64_t seed,
                            enum brun_compare_mode mode);

/* The gate and noise floor in force for a case: the first threshold
 * whose pattern matches its name, else the run's. */
void brun_compare_case_limits(const struct brun_compare_plan *p,
                              const char *name, double *fail_above,
                              double *noise_floor);

/* Interleaved comparison of one case: the new build at new_path against
 * old_path.  iterations, when not 0, fixes the count per sample (e.g. the
 * baseline's); otherwise the new build is calibrated.  Fills out (a case
 * result with a comparison).  Returns 0; BRUN_MEASURE_INTERRUPTED; or
 * BRUN_MEASURE_NO_MEMORY when the comparison could not be kept, which the
 * caller must treat as an error, never as a pass (out is then released). */
int brun_compare_interleaved(const char *new_path, const char *old_path,
                             size_t target_index,
                             const struct brun_listed_case *new_listed,
                             const struct brun_listed_case *old_listed,
                             uint64_t iterations,
                             const struct brun_measure_env *env,
                             const struct brun_compare_plan *plan,
                             struct brun_case_result *out);

/* Saved-numbers comparison: the new build's rounds against the rounds of
 * saved (a case loaded from a baseline).  Same returns. */
int brun_compare_saved(const char *new_path, size_t target_index,
                       const struct brun_listed_case *listed,
                       const struct brun_case_result *saved,
                       const struct brun_measure_env *env,
                       const struct brun_compare_plan *plan,
                       struct brun_case_result *out);

/* One round of a case that no worker measures (a whole command,
 * runner/command/): appends a round to c->rounds.  index is 0-based, of
 * the rounds planned; 0 when the case may go on, 1 when it failed
 * (c->status and c->reason say why), -1 when the user interrupted. */
typedef int (*brun_round_fn)(void *ctx, unsigned index, unsigned of,
                             const struct brun_measure_env *env,
                             struct brun_case_result *c);

/* brun_compare_saved() with each round taken by round(ctx, ...) instead
 * of a worker of an executable.  Same returns. */
int brun_compare_saved_rounds(brun_round_fn round, void *ctx,
                              size_t target_index,
                              const struct brun_listed_case *listed,
                              const struct brun_case_result *saved,
                              const struct brun_measure_env *env,
                              const struct brun_compare_plan *plan,
                              struct brun_case_result *out);

/* The suite decision over every compared case of r (BH for labels, Holm
 * for failing, p-values first adjusted for the planned looks), and the
 * counts in r->comparison; *failing is the number of cases failing the
 * gate.  Returns 0, or -1 when the decision could not be made (out of
 * memory): the caller must fail the run, never pass it. */
int brun_compare_suite(struct brun_results *r,
                       const struct brun_compare_plan *plan, size_t *failing);

/* Geometric mean of the round estimates (0 when there are none). */
double brun_rounds_geomean(const struct brun_round_result *rounds,
                           size_t count);

#endif /* BRUN_COMPARE_H */
