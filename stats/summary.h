/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * summary.h: descriptive statistics of one set of timings.
 *
 * Input is a plain array of doubles (nanoseconds per iteration, usually);
 * output is a plain struct, so nothing outside stats/ sees a GSL type.
 * Outliers are counted with Tukey's fences and reported, never removed.
 */
#ifndef BRUN_SUMMARY_H
#define BRUN_SUMMARY_H

#include <stddef.h>

/* The share cut from each end by every trimmed mean in stats/. */
#define BRUN_TRIM_FRACTION 0.2

struct brun_summary {
    size_t n;
    double mean;
    double median;
    double trimmed_mean; /* 20 % trimmed from each end */
    double sd;           /* sample standard deviation (n - 1) */
    double mad;          /* median absolute deviation, scaled by 1.4826 */
    double min, max;
    double q1, q3; /* quartiles, GSL's interpolation (R type 7) */
    double cv;     /* sd / mean; 0 when the mean is 0 */
    /* Tukey fences: mild beyond 1.5 IQR, severe beyond 3 IQR. */
    size_t low_severe, low_mild, high_mild, high_severe;
};

/* Turns GSL's abort-on-error handler off, once, before any other stats
 * call: benchrun checks every status instead. */
void brun_stats_init(void);

/* Summarises x[0..n).  Returns 0, or -1 when n is 0 or a value is not
 * finite.  x is not modified. */
int brun_stats_summarize(const double *x, size_t n, struct brun_summary *out);

/* The 20 % trimmed mean of x (the per-round estimate benchrun uses).
 * Returns 0 or -1 as above. */
int brun_stats_trimmed_mean(const double *x, size_t n, double *out);

/* Student-t confidence interval for the mean of x at `level` (e.g. 0.95).
 * Needs n >= 2 and finite values; returns 0, or -1 with lo = hi = mean
 * (0 when there is no finite mean). */
int brun_stats_mean_ci(const double *x, size_t n, double level, double *lo,
                       double *hi);

#endif /* BRUN_SUMMARY_H */
