/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * summary.c: descriptive statistics on GSL (see summary.h).
 *
 * GSL's median, quantile and trimmed-mean functions want sorted input, so
 * each call sorts one private copy and derives everything from it.
 */
#include "config.h"

#include "stats/summary.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

void brun_stats_init(void)
{
    gsl_set_error_handler_off();
}

static int all_finite(const double *x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(x[i]))
            return 0;
    return 1;
}

static double *sorted_copy(const double *x, size_t n)
{
    double *s = malloc(n * sizeof *s);
    if (!s)
        return NULL;
    memcpy(s, x, n * sizeof *s);
    gsl_sort(s, 1, n);
    return s;
}

int brun_stats_summarize(const double *x, size_t n, struct brun_summary *out)
{
    memset(out, 0, sizeof *out);
    if (n == 0 || !all_finite(x, n))
        return -1;
    double *s = sorted_copy(x, n);
    double *work = malloc(n * sizeof *work);
    if (!s || !work) {
        free(s);
        free(work);
        return -1;
    }
    out->n = n;
    out->mean = gsl_stats_mean(s, 1, n);
    out->median = gsl_stats_median_from_sorted_data(s, 1, n);
    out->trimmed_mean =
        gsl_stats_trmean_from_sorted_data(BRUN_TRIM_FRACTION, s, 1, n);
    out->sd = n > 1 ? gsl_stats_sd_m(s, 1, n, out->mean) : 0.0;
    out->mad = gsl_stats_mad(s, 1, n, work); /* GSL scales it by 1.4826 */
    out->min = s[0];
    out->max = s[n - 1];
    out->q1 = gsl_stats_quantile_from_sorted_data(s, 1, n, 0.25);
    out->q3 = gsl_stats_quantile_from_sorted_data(s, 1, n, 0.75);
    out->cv = out->mean != 0.0 ? out->sd / out->mean : 0.0;

    double iqr = out->q3 - out->q1;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < out->q1 - 3 * iqr)
            out->low_severe++;
        else if (s[i] < out->q1 - 1.5 * iqr)
            out->low_mild++;
        else if (s[i] > out->q3 + 3 * iqr)
            out->high_severe++;
        else if (s[i] > out->q3 + 1.5 * iqr)
            out->high_mild++;
    }
    free(work);
    free(s);
    return 0;
}

int brun_stats_trimmed_mean(const double *x, size_t n, double *out)
{
    if (n == 0 || !all_finite(x, n))
        return -1;
    double *s = sorted_copy(x, n);
    if (!s)
        return -1;
    *out = gsl_stats_trmean_from_sorted_data(BRUN_TRIM_FRACTION, s, 1, n);
    free(s);
    return 0;
}

int brun_stats_mean_ci(const double *x, size_t n, double level, double *lo,
                       double *hi)
{
    *lo = *hi = 0.0;
    if (n == 0 || !all_finite(x, n))
        return -1;
    double mean = gsl_stats_mean(x, 1, n);
    *lo = *hi = mean;
    if (n < 2 || !(level > 0 && level < 1))
        return -1;
    double se = gsl_stats_sd_m(x, 1, n, mean) / sqrt((double)n);
    double t = gsl_cdf_tdist_Pinv(0.5 + level / 2, (double)(n - 1));
    if (!isfinite(t))
        return -1;
    *lo = mean - t * se;
    *hi = mean + t * se;
    return 0;
}
