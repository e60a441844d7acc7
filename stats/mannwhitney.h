/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * mannwhitney.h: the Mann–Whitney U (Wilcoxon rank-sum) test of two
 * independent samples.
 *
 * benchrun reports it as a secondary, distribution-free check on
 * per-round estimates; it never decides a verdict.  Conventions follow
 * scipy.stats.mannwhitneyu (scipy >= 1.7):
 *  - U is the statistic of the first sample: the sum of its midranks in the
 *    pooled data minus nx (nx + 1) / 2 (ties get the average of their
 *    ranks);
 *  - "greater" means x tends to be larger than y;
 *  - exact p-values (from the permutation distribution of U, counted by
 *    dynamic programming) when there are no ties and both sizes are at most
 *    BRUN_MWU_EXACT_MAX; otherwise the normal approximation with the tie
 *    correction of the variance and a continuity correction of 0.5
 *    (scipy's method="asymptotic", use_continuity=True).  The two-sided
 *    p-value is twice the smaller tail, at most 1.
 * When all pooled values are equal the approximation has zero variance;
 * the p-values are then 1 (as scipy gives), never NaN.
 */
#ifndef BRUN_MANNWHITNEY_H
#define BRUN_MANNWHITNEY_H

#include <stddef.h>

/* Largest per-sample size with exact p-values (C(50, 25) ~ 1.3e14 stays
 * an exact integer in a double). */
#define BRUN_MWU_EXACT_MAX 25

struct brun_mwu {
    double u; /* U of the first sample, in [0, nx ny] */
    double p_two_sided;
    double p_greater; /* H1: x stochastically greater than y */
    double p_less;    /* H1: x stochastically smaller than y */
    int exact;        /* 1: exact distribution, 0: normal approximation */
};

/* Tests x[0..nx) against y[0..ny).  Needs nx, ny >= 1 and finite values.
 * Returns 0, or -1 (bad input or out of memory) with u = 0, p-values 1 and
 * exact = 0. */
int brun_mwu_test(const double *x, size_t nx, const double *y, size_t ny,
                  struct brun_mwu *out);

#endif /* BRUN_MANNWHITNEY_H */
