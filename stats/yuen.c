/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * yuen.c: Yuen's trimmed-mean t tests (see yuen.h for the formulas).
 *
 * Each function sorts a copy, trims g = floor(0.2 n) from each end (the
 * same g as GSL's trimmed mean, so the estimate equals
 * brun_stats_trimmed_mean()), winsorises for the variance, and hands
 * estimate, standard error and df to brun_ttest_from_estimate().
 */
#include "config.h"

#include "stats/yuen.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stats/summary.h"

static int all_finite(const double *x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(x[i]))
            return 0;
    return 1;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Trimmed mean, its squared standard error and df of sorted s[0..n). */
static void parts_sorted(const double *s, size_t n, double *tm, double *v,
                         double *df)
{
    size_t g = (size_t)floor(BRUN_TRIM_FRACTION * (double)n);
    size_t h = n - 2 * g;
    double sum = 0;
    for (size_t i = g; i < n - g; i++)
        sum += s[i];
    *tm = sum / (double)h;
    /* Winsorised mean and variance: the g lowest count as s[g], the g
     * highest as s[n - g - 1]. */
    double wsum = sum + (double)g * (s[g] + s[n - g - 1]);
    double wmean = wsum / (double)n, ss = 0;
    for (size_t i = 0; i < n; i++) {
        double w = i < g ? s[g] : i >= n - g ? s[n - g - 1] : s[i];
        ss += (w - wmean) * (w - wmean);
    }
    double sw2 = ss / (double)(n - 1);
    *v = h > 1 ? (double)(n - 1) * sw2 / ((double)h * (double)(h - 1)) : 0;
    *df = (double)(h - 1);
}

/* parts_sorted() of an unsorted x.  0, or -1 (n < 2, non-finite, no
 * memory). */
static int parts(const double *x, size_t n, double *tm, double *v, double *df)
{
    if (n < 2 || !all_finite(x, n))
        return -1;
    double *s = malloc(n * sizeof *s);
    if (!s)
        return -1;
    memcpy(s, x, n * sizeof *s);
    qsort(s, n, sizeof *s, cmp_double);
    parts_sorted(s, n, tm, v, df);
    free(s);
    return 0;
}

/* "No evidence" through the common rules: an impossible level makes
 * brun_ttest_from_estimate() fill the neutral result. */
static int no_evidence(double diff, double level, struct brun_ttest *out)
{
    brun_ttest_from_estimate(isfinite(diff) ? diff : 0, 0, 0, 0, out);
    out->level = level > 0 && level < 1 ? level : 0.0;
    return -1;
}

int brun_yuen_parts(const double *x, size_t n, double *trimmed_mean, double *se,
                    double *df)
{
    double v;
    if (parts(x, n, trimmed_mean, &v, df) != 0)
        return -1;
    *se = sqrt(v);
    return 0;
}

int brun_yuen_one_sample(const double *d, size_t n, double level,
                         struct brun_ttest *out)
{
    double tm, v, df;
    if (parts(d, n, &tm, &v, &df) != 0)
        return no_evidence(0, level, out);
    return brun_ttest_from_estimate(tm, sqrt(v), df, level, out);
}

int brun_yuen_welch(const double *x, size_t nx, const double *y, size_t ny,
                    double extra_var, double extra_df, double level,
                    struct brun_ttest *out)
{
    double tx, vx, dfx, ty, vy, dfy;
    if (parts(x, nx, &tx, &vx, &dfx) != 0 || parts(y, ny, &ty, &vy, &dfy) != 0)
        return no_evidence(0, level, out);
    if (!(extra_var >= 0) || !isfinite(extra_var) || !(extra_df > 0))
        return no_evidence(tx - ty, level, out);
    double v = vx + vy + extra_var;
    double den = vx * vx / dfx + vy * vy / dfy +
                 (isfinite(extra_df) ? extra_var * extra_var / extra_df : 0);
    /* Zero variance everywhere: no Satterthwaite value; the smaller
     * sample's df is the cautious choice. */
    double df = den > 0 ? v * v / den : fmin(dfx, dfy);
    if (!isfinite(df) || df < 1)
        df = 1;
    return brun_ttest_from_estimate(tx - ty, sqrt(v), df, level, out);
}

int brun_yuen_crossover(const double *d, const unsigned char *second_new,
                        size_t n, double level, struct brun_ttest *out,
                        double *order, double *order_se, double *order_df)
{
    *order = *order_se = *order_df = 0;
    size_t na = 0;
    for (size_t i = 0; i < n; i++)
        na += second_new[i] != 0;
    if (na < 3 || n - na < 3 || !all_finite(d, n))
        return brun_yuen_one_sample(d, n, level, out);
    double *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b);
    if (!a || !b) {
        free(a);
        free(b);
        return no_evidence(0, level, out);
    }
    size_t ia = 0, ib = 0;
    for (size_t i = 0; i < n; i++) {
        if (second_new[i])
            a[ia++] = d[i];
        else
            b[ib++] = d[i];
    }
    /* new second: d = delta - phi; new first: d = delta + phi, with phi
     * the advantage of running second. */
    struct brun_ttest groups;
    brun_yuen_welch(b, ib, a, ia, 0, INFINITY, 0.95, &groups);
    double phi = groups.diff / 2;
    *order = phi;
    *order_se = groups.se / 2;
    *order_df = groups.df;
    for (size_t i = 0; i < n; i++)
        a[i] = second_new[i] ? d[i] + phi : d[i] - phi;
    double tm, v, df;
    int status = parts(a, n, &tm, &v, &df);
    free(a);
    free(b);
    if (status != 0)
        return no_evidence(0, level, out);
    return brun_ttest_from_estimate(tm, sqrt(v), df > 1 ? df - 1 : 1, level,
                                    out);
}
