/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * ttest.c: Welch and one-sample t tests on GSL's t distribution (see
 * ttest.h for the conventions on degenerate input).
 *
 * Both tests reduce to (diff, se, df); one function turns that triple into
 * p-values and bounds, so the zero-variance rules live in one place.
 */
#include "config.h"

#include "stats/ttest.h"

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>

static int all_finite(const double *x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(x[i]))
            return 0;
    return 1;
}

/* "No evidence": returned for unusable input. */
static int no_evidence(struct brun_ttest *out, double diff, double level)
{
    if (!isfinite(diff))
        diff = 0.0;
    out->diff = diff;
    out->se = out->t = out->df = 0.0;
    out->p_two_sided = out->p_greater = out->p_less = 1.0;
    out->level = level > 0 && level < 1 ? level : 0.0;
    out->ci_lo = out->ci_hi = out->lower = out->upper = diff;
    out->degenerate = 1;
    return -1;
}

/* Fills p-values and bounds from diff, se and df. */
static int finish(struct brun_ttest *out, double diff, double se, double df,
                  double level)
{
    out->diff = diff;
    out->se = se;
    out->df = df;
    out->level = level;
    out->degenerate = 0;
    double t = se > 0 ? diff / se : 0.0;
    if (!(se > 0) || !isfinite(t)) {
        out->se = 0.0;
        out->t = 0.0;
        out->degenerate = 1;
        out->p_greater = diff > 0 ? 0.0 : 1.0;
        out->p_less = diff < 0 ? 0.0 : 1.0;
        out->p_two_sided = diff != 0 ? 0.0 : 1.0;
        out->ci_lo = out->ci_hi = out->lower = out->upper = diff;
        return 0;
    }
    out->t = t;
    out->p_greater = gsl_cdf_tdist_Q(t, df);
    out->p_less = gsl_cdf_tdist_P(t, df);
    double p2 = 2.0 * gsl_cdf_tdist_Q(fabs(t), df);
    out->p_two_sided = p2 < 1.0 ? p2 : 1.0;
    double t2 = gsl_cdf_tdist_Pinv(0.5 + level / 2, df);
    double t1 = gsl_cdf_tdist_Pinv(level, df);
    if (!isfinite(t2) || !isfinite(t1) || !isfinite(out->p_greater) ||
        !isfinite(out->p_less) || !isfinite(out->p_two_sided))
        return no_evidence(out, diff, level);
    out->ci_lo = diff - t2 * se;
    out->ci_hi = diff + t2 * se;
    out->lower = diff - t1 * se;
    out->upper = diff + t1 * se;
    return 0;
}

int brun_ttest_welch(const double *x, size_t nx, const double *y, size_t ny,
                     double extra_var, double level, struct brun_ttest *out)
{
    if (nx == 0 || ny == 0 || !all_finite(x, nx) || !all_finite(y, ny))
        return no_evidence(out, 0.0, level);
    double mx = gsl_stats_mean(x, 1, nx), my = gsl_stats_mean(y, 1, ny);
    double diff = mx - my;
    if (nx < 2 || ny < 2 || !(level > 0 && level < 1) || !(extra_var >= 0) ||
        !isfinite(extra_var))
        return no_evidence(out, diff, level);
    double vx = gsl_stats_variance_m(x, 1, nx, mx) / (double)nx;
    double vy = gsl_stats_variance_m(y, 1, ny, my) / (double)ny;
    double v = vx + vy + extra_var;
    double den = vx * vx / (double)(nx - 1) + vy * vy / (double)(ny - 1);
    double df = den > 0 ? v * v / den : (double)(nx + ny - 2);
    if (!isfinite(df))
        df = (double)(nx + ny - 2);
    return finish(out, diff, sqrt(v), df, level);
}

int brun_ttest_one_sample(const double *d, size_t n, double level,
                          struct brun_ttest *out)
{
    if (n == 0 || !all_finite(d, n))
        return no_evidence(out, 0.0, level);
    double m = gsl_stats_mean(d, 1, n);
    if (n < 2 || !(level > 0 && level < 1))
        return no_evidence(out, m, level);
    double se = gsl_stats_sd_m(d, 1, n, m) / sqrt((double)n);
    return finish(out, m, se, (double)(n - 1), level);
}

int brun_ttest_from_estimate(double diff, double se, double df, double level,
                             struct brun_ttest *out)
{
    if (!isfinite(diff) || !(se >= 0) || !isfinite(se) || !(df > 0) ||
        !(level > 0 && level < 1))
        return no_evidence(out, diff, level);
    return finish(out, diff, se, df, level);
}

int brun_ttest_paired(const double *x, const double *y, size_t n, double level,
                      struct brun_ttest *out)
{
    if (n == 0)
        return no_evidence(out, 0.0, level);
    double *d = malloc(n * sizeof *d);
    if (!d)
        return no_evidence(out, 0.0, level);
    for (size_t i = 0; i < n; i++)
        d[i] = x[i] - y[i];
    int status = brun_ttest_one_sample(d, n, level, out);
    free(d);
    return status;
}
