/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * complexity.c: least-squares fits of time against f(N), the choice of a
 * shape and the ratio of two per-item costs (see complexity.h for the
 * rule).  It does not group cases or read rounds: runner/compare/scaling.c
 * does, and hands over plain arrays.
 */
#include "config.h"

#include "stats/complexity.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_fit.h>

/* A growth b (f(N)_max - f(N)_min) below this share of the mean time is
 * rounding, not growth (exactly flat data fits b = 1e-17 or so). */
#define NEGLIGIBLE_GROWTH 1e-9

/* The two-sided t quantile at level with df degrees of freedom. */
static double t_quantile(double level, double df)
{
    return gsl_cdf_tdist_Pinv(1 - (1 - level) / 2, df);
}

static double mean_of(const double *y, size_t n)
{
    double s = 0;
    for (size_t i = 0; i < n; i++)
        s += y[i];
    return s / (double)n;
}

/* The mean as the O(1) fit; *rss is the total sum of squares. */
static int fit_constant(const double *y, size_t n, double level,
                        struct brun_fit *out, double *rss)
{
    double m = mean_of(y, n), ss = 0;
    for (size_t i = 0; i < n; i++)
        ss += (y[i] - m) * (y[i] - m);
    double se = sqrt(ss / (double)(n - 1) / (double)n);
    double q = t_quantile(level, (double)(n - 1));
    out->per_item_ns = m;
    out->per_item_lo = m - q * se;
    out->per_item_hi = m + q * se;
    out->r2 = 0;
    out->rms_relative = m != 0 ? sqrt(ss / (double)n) / fabs(m) : 0;
    *rss = ss;
    return 0;
}

/* The heteroscedasticity-consistent se of b (HC3, MacKinnon & White
 * 1985): sqrt(sum (f_i - fbar)^2 e_i^2 / (1 - h_i)^2) / Sff, with
 * leverage h_i = 1/n + (f_i - fbar)^2 / Sff.  Timing noise grows with the
 * time, so the points of the largest N scatter most and the classical se
 * (cov11 of gsl_fit_linear: one variance for all) is too small: its 95 %
 * interval covered the true b 82 % of the time with 10 % proportional
 * noise on 3 N x 10 rounds, HC3's 94 %, and 95.5 % with constant noise. */
static double hc3_se(const double *f, const double *y, size_t n, double a,
                     double b)
{
    double fbar = mean_of(f, n), sff = 0, sum = 0;
    for (size_t i = 0; i < n; i++)
        sff += (f[i] - fbar) * (f[i] - fbar);
    for (size_t i = 0; i < n; i++) {
        double d = f[i] - fbar, e = y[i] - a - b * f[i];
        double h = 1.0 / (double)n + d * d / sff;
        if (h >= 1)
            continue; /* a point the line must pass through */
        sum += d * d * e * e / ((1 - h) * (1 - h));
    }
    return sqrt(sum) / sff;
}

/* The fit of one shape, and its residual sum of squares in *rss. */
static int fit_shape(const double *x, const double *y, size_t n,
                     enum brun_complexity shape, double level,
                     struct brun_fit *out, double *rss)
{
    memset(out, 0, sizeof *out);
    out->shape = shape;
    out->points = n;
    if (n < 3 || (unsigned)shape >= BRUN_COMPLEXITY_COUNT)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!isfinite(x[i]) || !isfinite(y[i]))
            return -1;
    if (shape == BRUN_O_1) {
        fit_constant(y, n, level, out, rss);
        out->valid = 1;
        return 0;
    }
    double *f = malloc(n * sizeof *f);
    if (!f)
        return -1;
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        f[i] = brun_complexity_f(shape, x[i]);
        lo = fmin(lo, f[i]);
        hi = fmax(hi, f[i]);
    }
    double a, b, cov00, cov01, cov11, sumsq;
    int rc = hi > lo && isfinite(hi)
                 ? gsl_fit_linear(f, 1, y, 1, n, &a, &b, &cov00, &cov01, &cov11,
                                  &sumsq)
                 : GSL_EDOM;
    if (rc != GSL_SUCCESS || !isfinite(b) || !isfinite(cov11)) {
        free(f);
        return -1;
    }
    double m = mean_of(y, n), tss = 0;
    for (size_t i = 0; i < n; i++)
        tss += (y[i] - m) * (y[i] - m);
    double se = hc3_se(f, y, n, a, b);
    double q = t_quantile(level, (double)(n - 2));
    out->intercept_ns = a;
    out->per_item_ns = b;
    out->per_item_lo = b - q * se;
    out->per_item_hi = b + q * se;
    out->r2 = tss > 0 ? fmax(0, 1 - sumsq / tss) : 0;
    out->rms_relative = m != 0 ? sqrt(sumsq / (double)n) / fabs(m) : 0;
    out->valid = 1;
    *rss = sumsq;
    free(f);
    return 0;
}

int brun_complexity_fit(const double *x, const double *y, size_t n,
                        enum brun_complexity shape, double level,
                        struct brun_fit *out)
{
    double rss;
    return fit_shape(x, y, n, shape, level, out, &rss);
}

/* The spread of f(N) over the points, for the negligible-growth test. */
static double f_range(const double *x, size_t n, enum brun_complexity shape)
{
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        double f = brun_complexity_f(shape, x[i]);
        lo = fmin(lo, f);
        hi = fmax(hi, f);
    }
    return hi - lo;
}

int brun_complexity_choose(const double *x, const double *y, size_t n,
                           double level,
                           struct brun_fit fits[BRUN_COMPLEXITY_COUNT],
                           struct brun_fit *best)
{
    double rss[BRUN_COMPLEXITY_COUNT];
    int growing[BRUN_COMPLEXITY_COUNT] = {0};
    for (int s = 0; s < BRUN_COMPLEXITY_COUNT; s++)
        if (fit_shape(x, y, n, (enum brun_complexity)s, level, &fits[s],
                      &rss[s]) != 0)
            fits[s].valid = 0;
    if (!fits[BRUN_O_1].valid) {
        memset(best, 0, sizeof *best);
        return -1;
    }
    double mean = fabs(fits[BRUN_O_1].per_item_ns);
    int left = 0, distinguishable = 0;
    double best_rss = INFINITY;
    for (int s = BRUN_O_1 + 1; s < BRUN_COMPLEXITY_COUNT; s++) {
        const struct brun_fit *f = &fits[s];
        /* Rule 2: time cannot shrink as N grows. */
        if (!f->valid || !(f->per_item_ns > 0))
            continue;
        growing[s] = 1;
        left++;
        best_rss = fmin(best_rss, rss[s]);
        /* Rule 3: growth told apart from noise and from rounding. */
        double growth = f->per_item_ns * f_range(x, n, (enum brun_complexity)s);
        if (f->per_item_lo > 0 && growth > NEGLIGIBLE_GROWTH * mean)
            distinguishable = 1;
    }
    if (left == 0 || !distinguishable) {
        *best = fits[BRUN_O_1];
        return 0;
    }
    /* Rule 4: the simplest shape within the F-like margin of the best. */
    double df = (double)(n - 2);
    double margin =
        1 + gsl_cdf_fdist_Pinv(1 - BRUN_COMPLEXITY_SHAPE_ALPHA, 1, df) / df;
    for (int s = BRUN_O_1 + 1; s < BRUN_COMPLEXITY_COUNT; s++)
        if (growing[s] && rss[s] <= best_rss * margin) {
            *best = fits[s];
            return 0;
        }
    *best = fits[BRUN_O_1]; /* not reached: the best is within its margin */
    return 0;
}

/* se(b) / b of a fit, its variance on the log scale and its df. */
static int log_variance(const struct brun_fit *f, double fit_level, double *v,
                        double *df)
{
    if (!f->valid || !(f->per_item_ns > 0) || f->points < 3)
        return -1;
    *df = (double)f->points - (f->shape == BRUN_O_1 ? 1 : 2);
    double se =
        (f->per_item_hi - f->per_item_lo) / (2 * t_quantile(fit_level, *df));
    double rel = se / f->per_item_ns;
    *v = rel * rel;
    return isfinite(*v) ? 0 : -1;
}

int brun_complexity_ratio(const struct brun_fit *fresh,
                          const struct brun_fit *base, double fit_level,
                          double level, double *ratio, double *lo, double *hi)
{
    double v1, df1, v2, df2;
    if (log_variance(fresh, fit_level, &v1, &df1) != 0 ||
        log_variance(base, fit_level, &v2, &df2) != 0)
        return -1;
    double log_r = log(fresh->per_item_ns / base->per_item_ns);
    *ratio = exp(log_r);
    double v = v1 + v2;
    if (v <= 0) {
        *lo = *hi = *ratio;
        return 0;
    }
    double df = v * v / (v1 * v1 / df1 + v2 * v2 / df2);
    double half = t_quantile(level, df) * sqrt(v);
    *lo = exp(log_r - half);
    *hi = exp(log_r + half);
    return 0;
}
