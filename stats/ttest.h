/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * ttest.h: Student t tests of a difference in means: Welch's two-sample
 * test (unequal variances, Welch–Satterthwaite df) and the paired /
 * one-sample test.
 *
 * benchrun applies them to per-round log estimates, so "difference" is a
 * log ratio; the tests themselves know nothing about logs.  Every field of
 * the result is finite, whatever the input:
 *  - zero standard error (all values equal within each sample): t = 0 and
 *    degenerate = 1; the p-values follow the sign of the difference
 *    (diff > 0: p_greater = 0, p_less = 1, p_two_sided = 0; diff < 0 the
 *    mirror image; diff = 0: all three are 1), and every interval bound
 *    equals diff;
 *  - too few values (or non-finite ones): the function returns -1 and the
 *    result says "no evidence": p-values 1, se = t = df = 0, bounds = diff
 *    (diff = 0 when it cannot be computed), degenerate = 1.
 * Not here: equal-variance (pooled) t, power analysis.
 */
#ifndef BRUN_TTEST_H
#define BRUN_TTEST_H

#include <stddef.h>

struct brun_ttest {
    double diff;         /* mean(x) - mean(y), or the mean of the differences */
    double se;           /* standard error of diff */
    double t;            /* diff / se (0 when se is 0) */
    double df;           /* degrees of freedom (not an integer for Welch) */
    double p_two_sided;  /* H1: true difference != 0 */
    double p_greater;    /* H1: true difference > 0 (x above y) */
    double p_less;       /* H1: true difference < 0 */
    double level;        /* confidence level of the bounds below */
    double ci_lo, ci_hi; /* two-sided interval for the difference at level */
    double lower;        /* one-sided lower bound at level: diff - t_level se */
    double upper;        /* one-sided upper bound at level: diff + t_level se */
    int degenerate;      /* 1 when se is 0 or the input was unusable */
};

/* Welch's test of mean(x) - mean(y).  `extra_var` (>= 0, usually 0) is a
 * known variance added to the variance of the difference (benchrun's
 * between-session term sigma_sess^2); it counts as having infinite degrees
 * of freedom in the Welch–Satterthwaite formula
 *   df = V^2 / (vx^2 / (nx - 1) + vy^2 / (ny - 1)),  V = vx + vy + extra_var,
 * with vx = var(x)/nx, vy = var(y)/ny.  When both sample variances are 0
 * the formula has no value and df = nx + ny - 2.  Needs nx, ny >= 2 and
 * level in (0, 1).  Returns 0 or -1 (see above). */
int brun_ttest_welch(const double *x, size_t nx, const double *y, size_t ny,
                     double extra_var, double level, struct brun_ttest *out);

/* One-sample test of mean(d) against 0 (df = n - 1): the paired test on
 * precomputed differences.  Needs n >= 2.  Returns 0 or -1. */
int brun_ttest_one_sample(const double *d, size_t n, double level,
                          struct brun_ttest *out);

/* The test of an estimate `diff` with standard error se and df degrees
 * of freedom (any estimator whose (diff - truth) / se is t-distributed:
 * Yuen's trimmed-mean tests in stats/yuen.c use it).  Same result rules
 * as above (se = 0: degenerate; bad level or df: no evidence, -1). */
int brun_ttest_from_estimate(double diff, double se, double df, double level,
                             struct brun_ttest *out);

/* Paired test of x[i] - y[i].  Needs n >= 2.  Returns 0 or -1. */
int brun_ttest_paired(const double *x, const double *y, size_t n, double level,
                      struct brun_ttest *out);

#endif /* BRUN_TTEST_H */
