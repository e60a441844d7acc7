/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * scaling.h: how a parameterized case's time grows with its argument, as
 * every report sees it.
 *
 * The instances of a parameterized case (BENCH_ARGS, BENCH_RANGE,
 * BENCH_RANGE_MUL: "group/name/N" for each N) form one family.  The
 * runner fits time per iteration = a + b * f(N) for each shape f below by
 * least squares on the per-round estimates of every instance, picks one
 * (stats/complexity.h documents the rule) and, against a baseline, fits
 * the baseline's rounds the same way and compares the per-item cost b.
 * Reports print these structs (runner/compare/scaling.c fills them).
 */
#ifndef BRUN_SCALING_H
#define BRUN_SCALING_H

#include <stddef.h>

#include "stats/complexity.h"

/* enum brun_complexity and struct brun_fit (one fitted shape) are in
 * stats/complexity.h, which fits them. */

/* A family of instances and its fits. */
struct brun_scaling {
    char *family;   /* "group/name" */
    char *arg_name; /* the unit of N (.arg_name), or "items" */
    size_t *cases;  /* indexes into brun_results.cases, N ascending */
    double *n;      /* each one's N */
    size_t case_count;
    struct brun_fit fits[BRUN_COMPLEXITY_COUNT]; /* every shape */
    struct brun_fit best;                        /* the one chosen */

    /* Against the baseline (compared = 0 when there was none, or it had
     * too few instances): the baseline's own best fit, and the change of
     * the per-item cost of the NEW best shape fitted to both sides. */
    int compared;
    struct brun_fit baseline_best;
    struct brun_fit baseline_same_shape; /* baseline fitted with best.shape */
    double ratio, ratio_lo, ratio_hi;    /* new b / baseline b, interval at
                                            the comparison's level */
    int shape_changed;                   /* baseline_best.shape != best.shape */
    int gated;                           /* a thresholds entry gates it */
    double fail_above;                   /* the gate, when gated */
    int fails;                           /* ratio_lo > 1 + noise floor and
                                            ratio > 1 + fail_above */
};

/* "O(1)", "O(log N)", "O(N)", "O(N log N)", "O(N^2)", "O(N^3)". */
const char *brun_complexity_name(enum brun_complexity c);
/* "constant", "logarithmic", "linear", "N log N", "quadratic", "cubic". */
const char *brun_complexity_word(enum brun_complexity c);

/* Frees what a scaling owns and zeroes it. */
void brun_scaling_release(struct brun_scaling *s);

#endif /* BRUN_SCALING_H */
