/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * bootstrap.c: percentile and BCa bootstrap intervals (see bootstrap.h).
 *
 * Each call draws B resamples into one array of statistics, sorts it and
 * reads the interval off it; BCa adds a jackknife pass for the
 * acceleration.  Statistics are recomputed from scratch per resample
 * (rounds number in the tens, so O(B n log n) is cheap).
 */
#include "config.h"

#include "stats/bootstrap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "stats/random.h"
#include "stats/summary.h"

void brun_boot_settings_init(struct brun_boot_settings *s, size_t resamples,
                             double confidence)
{
    s->resamples = resamples;
    s->seed = 0;
    s->confidence = confidence;
    s->method = BRUN_BOOT_BCA;
}

static int settings_ok(const struct brun_boot_settings *s)
{
    return s && s->resamples >= BRUN_BOOT_MIN_RESAMPLES && s->confidence > 0 &&
           s->confidence < 1 &&
           (s->method == BRUN_BOOT_BCA || s->method == BRUN_BOOT_PERCENTILE);
}

static int all_finite(const double *x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(x[i]))
            return 0;
    return 1;
}

static int all_equal(const double *x, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (x[i] != x[0])
            return 0;
    return 1;
}

/* `stat` of buf[0..n); buf may be reordered. */
static double statistic(enum brun_boot_statistic stat, double *buf, size_t n)
{
    switch (stat) {
    case BRUN_BOOT_MEDIAN:
        gsl_sort(buf, 1, n);
        return gsl_stats_median_from_sorted_data(buf, 1, n);
    case BRUN_BOOT_TRIMMED_MEAN:
        gsl_sort(buf, 1, n);
        return gsl_stats_trmean_from_sorted_data(BRUN_TRIM_FRACTION, buf, 1, n);
    case BRUN_BOOT_MEAN:
    default:
        return gsl_stats_mean(buf, 1, n);
    }
}

/* buf[0..n) = a resample of x[0..n) with replacement. */
static void resample(struct brun_rng *rng, const double *x, size_t n,
                     double *buf)
{
    for (size_t i = 0; i < n; i++)
        buf[i] = x[brun_rng_below(rng, n)];
}

/* Jackknife of `stat` over x: jack[i] = stat of x without x[i].  buf holds
 * n - 1 values. */
static void jackknife(enum brun_boot_statistic stat, const double *x, size_t n,
                      double *buf, double *jack)
{
    for (size_t i = 0; i < n; i++) {
        memcpy(buf, x, i * sizeof *buf);
        memcpy(buf + i, x + i + 1, (n - i - 1) * sizeof *buf);
        jack[i] = statistic(stat, buf, n - 1);
    }
}

/* Sums of U^3 / n^3 and U^2 / n^2 over one sample's jackknife values, with
 * U_i = (n - 1) (mean of jack - jack[i])  (Efron & Tibshirani eq. 15.36). */
static void accel_terms(const double *jack, size_t n, double *num, double *den)
{
    double bar = gsl_stats_mean(jack, 1, n);
    double s2 = 0, s3 = 0;
    for (size_t i = 0; i < n; i++) {
        double u = (double)(n - 1) * (bar - jack[i]);
        s2 += u * u;
        s3 += u * u * u;
    }
    double nn = (double)n;
    *num += s3 / (nn * nn * nn);
    *den += s2 / (nn * nn);
}

static double acceleration(double num, double den)
{
    if (!(den > 0))
        return 0.0;
    double a = num / (6.0 * pow(den, 1.5));
    return isfinite(a) ? a : 0.0;
}

/* Reads the interval off the bootstrap values theta[0..B) (sorted here).
 * `accel` is used by BCa only. */
static void interval(double *theta, size_t B, double point, double accel,
                     const struct brun_boot_settings *s,
                     struct brun_boot_ci *out)
{
    gsl_sort(theta, 1, B);
    out->point = point;
    if (theta[0] == theta[B - 1]) {
        out->lo = out->hi = point;
        out->degenerate = 1;
        return;
    }
    double alpha = 1.0 - s->confidence;
    double q_lo = alpha / 2, q_hi = 1.0 - alpha / 2;
    if (s->method == BRUN_BOOT_BCA) {
        size_t below = 0, equal = 0;
        for (size_t b = 0; b < B; b++) {
            if (theta[b] < point)
                below++;
            else if (theta[b] == point)
                equal++;
        }
        double share = ((double)below + 0.5 * (double)equal) / (double)B;
        double edge = 0.5 / (double)B;
        if (share < edge)
            share = edge;
        if (share > 1.0 - edge)
            share = 1.0 - edge;
        double z0 = gsl_cdf_ugaussian_Pinv(share);
        double zs[2] = {gsl_cdf_ugaussian_Pinv(q_lo),
                        gsl_cdf_ugaussian_Pinv(q_hi)};
        double *qs[2] = {&q_lo, &q_hi};
        for (int k = 0; k < 2; k++) {
            double num = z0 + zs[k];
            double den = 1.0 - accel * num;
            if (!(den > 0) || !isfinite(z0))
                continue; /* keep the percentile level for this end */
            double q = gsl_cdf_ugaussian_P(z0 + num / den);
            if (isfinite(q))
                *qs[k] = q;
        }
    }
    out->lo = gsl_stats_quantile_from_sorted_data(theta, 1, B, q_lo);
    out->hi = gsl_stats_quantile_from_sorted_data(theta, 1, B, q_hi);
    if (out->lo > out->hi) {
        double t = out->lo;
        out->lo = out->hi;
        out->hi = t;
    }
    out->degenerate = 0;
}

/* Fills out for an input that cannot be resampled. */
static int give_up(struct brun_boot_ci *out, double point, int status)
{
    out->point = isfinite(point) ? point : 0.0;
    out->lo = out->hi = out->point;
    out->degenerate = 1;
    return status;
}

int brun_boot_one(const double *x, size_t n, enum brun_boot_statistic stat,
                  const struct brun_boot_settings *s, struct brun_boot_ci *out)
{
    if (n == 0 || !all_finite(x, n))
        return give_up(out, 0.0, -1);
    double *buf = malloc(n * sizeof *buf);
    if (!buf)
        return give_up(out, 0.0, -1);
    memcpy(buf, x, n * sizeof *buf);
    double point = statistic(stat, buf, n);
    if (n < 2 || !settings_ok(s)) {
        free(buf);
        return give_up(out, point, -1);
    }
    if (all_equal(x, n)) {
        free(buf);
        return give_up(out, point, 0);
    }
    size_t B = s->resamples;
    double *theta = malloc(B * sizeof *theta);
    double *jack = malloc(n * sizeof *jack);
    struct brun_rng *rng = brun_rng_new(s->seed);
    int status = -1;
    if (theta && jack && rng) {
        for (size_t b = 0; b < B; b++) {
            resample(rng, x, n, buf);
            theta[b] = statistic(stat, buf, n);
        }
        double accel = 0.0;
        if (s->method == BRUN_BOOT_BCA) {
            double num = 0, den = 0;
            jackknife(stat, x, n, buf, jack);
            accel_terms(jack, n, &num, &den);
            accel = acceleration(num, den);
        }
        interval(theta, B, point, accel, s, out);
        status = 0;
    } else {
        give_up(out, point, -1);
    }
    brun_rng_free(rng);
    free(jack);
    free(theta);
    free(buf);
    return status;
}

int brun_boot_mean_diff(const double *x, size_t nx, const double *y, size_t ny,
                        const struct brun_boot_settings *s,
                        struct brun_boot_ci *out)
{
    if (nx == 0 || ny == 0 || !all_finite(x, nx) || !all_finite(y, ny))
        return give_up(out, 0.0, -1);
    double point = gsl_stats_mean(x, 1, nx) - gsl_stats_mean(y, 1, ny);
    if (nx < 2 || ny < 2 || !settings_ok(s))
        return give_up(out, point, -1);
    if (all_equal(x, nx) && all_equal(y, ny))
        return give_up(out, point, 0);

    size_t B = s->resamples, nmax = nx > ny ? nx : ny;
    double *theta = malloc(B * sizeof *theta);
    double *buf = malloc(nmax * sizeof *buf);
    double *jack = malloc(nmax * sizeof *jack);
    struct brun_rng *rng = brun_rng_new(s->seed);
    int status = -1;
    if (theta && buf && jack && rng) {
        for (size_t b = 0; b < B; b++) {
            resample(rng, x, nx, buf);
            double mx = gsl_stats_mean(buf, 1, nx);
            resample(rng, y, ny, buf);
            theta[b] = mx - gsl_stats_mean(buf, 1, ny);
        }
        double accel = 0.0;
        if (s->method == BRUN_BOOT_BCA) {
            /* Leave out one x (y whole), then one y (x whole). */
            double num = 0, den = 0, my = gsl_stats_mean(y, 1, ny),
                   mx = gsl_stats_mean(x, 1, nx);
            jackknife(BRUN_BOOT_MEAN, x, nx, buf, jack);
            for (size_t i = 0; i < nx; i++)
                jack[i] -= my;
            accel_terms(jack, nx, &num, &den);
            jackknife(BRUN_BOOT_MEAN, y, ny, buf, jack);
            for (size_t i = 0; i < ny; i++)
                jack[i] = mx - jack[i];
            accel_terms(jack, ny, &num, &den);
            accel = acceleration(num, den);
        }
        interval(theta, B, point, accel, s, out);
        status = 0;
    } else {
        give_up(out, point, -1);
    }
    brun_rng_free(rng);
    free(jack);
    free(buf);
    free(theta);
    return status;
}
