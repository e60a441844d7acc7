/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * yuen.h: Yuen's trimmed-mean t tests, the statistic benchrun's verdicts
 * use.
 *
 * A 20 % trimmed mean (BRUN_TRIM_FRACTION: g = floor(0.2 n) values cut
 * from each end) with the standard error from the winsorised variance
 * (Tukey & McLaughlin 1963; Yuen 1974):
 *   se^2 = (n - 1) s_w^2 / (h (h - 1)),  h = n - 2g,  df = h - 1,
 * where s_w^2 is the sample variance after the g lowest values are set
 * to the lowest kept one and the g highest to the highest kept one.  On
 * rounds where a few workers ran slow (another tenant, a migration), the
 * mean and the ordinary t lose most of their power; the trimmed mean
 * ignores those rounds and keeps nearly all of it on clean data
 * (docs/method.md has the simulation).
 *
 * The results are struct brun_ttest (stats/ttest.h) with the same rules:
 * every field finite; zero se is "degenerate"; unusable input returns -1
 * with "no evidence".  Needs n >= 2 per sample (with n < 5 nothing is
 * trimmed and the test is Student's).
 */
#ifndef BRUN_YUEN_H
#define BRUN_YUEN_H

#include <stddef.h>

#include "stats/ttest.h"

/* Trimmed mean of d against 0 (the paired test on differences). */
int brun_yuen_one_sample(const double *d, size_t n, double level,
                         struct brun_ttest *out);

/* Yuen–Welch test of trimmed mean(x) - trimmed mean(y).  extra_var (>= 0)
 * is a variance added to the difference's (the between-session term of
 * saved-numbers mode) with extra_df degrees of freedom (INFINITY when it
 * is assumed, not estimated); df is Welch–Satterthwaite over the three
 * parts.  Returns 0 or -1. */
int brun_yuen_welch(const double *x, size_t nx, const double *y, size_t ny,
                    double extra_var, double extra_df, double level,
                    struct brun_ttest *out);

/* An ABBA crossover: d[i] is the log ratio of round i and second_new[i]
 * is 1 when the new build ran second in that round, else 0.  The order
 * effect gamma (half the difference of the two groups' trimmed means: how
 * much faster the second worker of a round is) is estimated, removed from
 * each d, and the trimmed mean of the adjusted values is tested with one
 * degree of freedom less.  *order, *order_se, *order_df describe gamma
 * (the Yuen–Welch test of the two groups, halved).  Needs at least 3
 * rounds of each order; with fewer, it is brun_yuen_one_sample() and
 * *order = *order_se = *order_df = 0.  Returns 0 or -1. */
int brun_yuen_crossover(const double *d, const unsigned char *second_new,
                        size_t n, double level, struct brun_ttest *out,
                        double *order, double *order_se, double *order_df);

/* The trimmed mean and its Yuen standard error and df, for callers that
 * need the parts (e.g. the minimum detectable change).  Returns 0 or -1
 * (n < 2, non-finite values, no memory). */
int brun_yuen_parts(const double *x, size_t n, double *trimmed_mean, double *se,
                    double *df);

#endif /* BRUN_YUEN_H */
