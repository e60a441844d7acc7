/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * bootstrap.h: bootstrap confidence intervals, seeded and reproducible.
 *
 * benchrun reports them as a cross-check of the t intervals it gates on
 * (stats-methods.md §3.4: with fewer than ~20 rounds bootstrap intervals
 * under-cover, so they never decide a verdict on their own).
 *
 * Two methods, chosen by enum brun_boot_method:
 *  - BRUN_BOOT_PERCENTILE: the alpha/2 and 1 - alpha/2 quantiles of the
 *    bootstrap distribution (interpolated as R type 7 / numpy "linear").
 *  - BRUN_BOOT_BCA (default): Efron's bias-corrected and accelerated
 *    interval.  Bias correction z0 = Phi^-1(share of bootstrap values below
 *    the point estimate, ties counted half), acceleration a from the
 *    jackknife; the quantile levels become
 *    Phi(z0 + (z0 + z) / (1 - a (z0 + z))) for z = Phi^-1(alpha/2) and
 *    Phi^-1(1 - alpha/2).  The share is clamped to [0.5/B, 1 - 0.5/B] so z0
 *    stays finite, and an end whose formula breaks down (a (z0 + z) >= 1)
 *    falls back to the percentile level.  For two samples the jackknife
 *    leaves out one observation of one sample at a time and combines both
 *    samples as in Efron & Tibshirani (1993) eq. 15.36, which is also what
 *    scipy.stats.bootstrap does (Chromium's ratio estimator leaves out pairs
 *    instead, which needs equal sizes).
 *
 * Resampling draws indices with brun_rng_below() from a generator seeded
 * with settings->seed, so the same input and seed give the same interval.
 * Nothing here is kept between calls; each call allocates and frees its
 * own working memory.  Not handled: paired two-sample data (pass the
 * differences to the one-sample function), hierarchical resampling.
 */
#ifndef BRUN_BOOTSTRAP_H
#define BRUN_BOOTSTRAP_H

#include <stddef.h>
#include <stdint.h>

#define BRUN_BOOT_MIN_RESAMPLES 10

enum brun_boot_method {
    BRUN_BOOT_BCA,       /* bias-corrected and accelerated (default) */
    BRUN_BOOT_PERCENTILE /* plain percentile interval */
};

/* The statistic whose interval one-sample resampling gives. */
enum brun_boot_statistic {
    BRUN_BOOT_MEAN,
    BRUN_BOOT_MEDIAN,
    BRUN_BOOT_TRIMMED_MEAN /* 20 % from each end, as brun_stats_trimmed_mean */
};

struct brun_boot_settings {
    size_t resamples; /* B, at least BRUN_BOOT_MIN_RESAMPLES */
    uint64_t seed;
    double confidence; /* two-sided level, in (0, 1) */
    enum brun_boot_method method;
};

struct brun_boot_ci {
    double point;   /* the statistic on the data as given */
    double lo, hi;  /* the interval; lo <= point-ish <= hi, never NaN */
    int degenerate; /* 1 when there was nothing to resample (fewer than 2
                       values, or every bootstrap value equal): then
                       lo = hi = point */
};

/* Settings for B resamples at a two-sided confidence level, seed 0, BCa.
 * There are no default B or level here: they are the caller's settings
 * (the program's come from its option table). */
void brun_boot_settings_init(struct brun_boot_settings *s, size_t resamples,
                             double confidence);

/* Interval for `stat` of x[0..n).  Returns 0 (also for all-equal data,
 * flagged degenerate), or -1 when n < 2, a value is not finite, the
 * settings are out of range or memory runs out; out is then still filled
 * with finite values (point of the data when there is one, else 0, and
 * lo = hi = point). */
int brun_boot_one(const double *x, size_t n, enum brun_boot_statistic stat,
                  const struct brun_boot_settings *s, struct brun_boot_ci *out);

/* Interval for mean(x) - mean(y) of two independent samples, each
 * resampled on its own.  Needs nx, ny >= 2; errors as brun_boot_one(). */
int brun_boot_mean_diff(const double *x, size_t nx, const double *y, size_t ny,
                        const struct brun_boot_settings *s,
                        struct brun_boot_ci *out);

#endif /* BRUN_BOOTSTRAP_H */
