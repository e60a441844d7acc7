/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * complexity.h: fitting time = a + b f(N) to the rounds of a parameterized
 * case, for each shape f of reports/model/scaling.h, choosing one shape,
 * and comparing the per-item cost b of two fits.
 *
 * Each fit is ordinary least squares with unit weights (gsl_fit_linear)
 * on the points (f(N), time); b's interval is b ± t(level, n - 2) se(b),
 * se(b) heteroscedasticity-consistent (HC3), because timing noise grows
 * with the time and the classical se then makes intervals too narrow
 * (complexity.c has the figures).  O(1) is the mean: b is the
 * mean, its interval the t-interval of the mean (n - 1 df), intercept 0
 * and R² 0 by definition.
 *
 * The rule that picks a shape (brun_complexity_choose):
 *   1. Every shape has two parameters, so their residual sums of squares
 *      (RSS) compare directly; O(1)'s is the total sum of squares.
 *   2. A shape other than O(1) whose b is not positive is discarded: time
 *      cannot shrink as N grows here.
 *   3. O(1) is chosen when no other shape is left, or when b's interval
 *      contains 0 for every shape left (no growth is distinguishable
 *      from noise).
 *   4. Otherwise the shape with the lowest RSS is the best fit, and the
 *      simplest shape (lowest in the enum) whose RSS is within an F-like
 *      margin of it is chosen:
 *        (RSS_s - RSS_best) / (RSS_best / (n - 2)) <= F(0.95; 1, n - 2),
 *      i.e. RSS_s <= RSS_best (1 + F / (n - 2)), about 1.15 RSS_best at
 *      30 points.  A more complex shape must explain more than one
 *      extra parameter's worth of noise before it is preferred, so noise
 *      alone does not promote O(N) to O(N log N).
 * The points of one instance are not independent (they share its
 * process), so read the intervals as a guide, not a test.
 *
 * The shapes and the fit are declared here, not in reports/model/
 * (whose scaling.h includes this header), because reports/model/ already
 * includes stats/ and folders must not include each other in a circle.
 *
 * Needs n >= 3 points and, for shapes other than O(1), f(N) with spread
 * (at least two distinct N that f tells apart).
 */
#ifndef BRUN_COMPLEXITY_H
#define BRUN_COMPLEXITY_H

#include <math.h>
#include <stddef.h>

enum brun_complexity {
    BRUN_O_1,       /* constant */
    BRUN_O_LOG_N,   /* logarithmic */
    BRUN_O_N,       /* linear */
    BRUN_O_N_LOG_N, /* N log N */
    BRUN_O_N2,      /* quadratic */
    BRUN_O_N3,      /* cubic */
    BRUN_COMPLEXITY_COUNT
};

/* One fitted shape: time_ns = intercept_ns + per_item_ns * f(N). */
struct brun_fit {
    int valid;
    enum brun_complexity shape;
    double intercept_ns;
    double per_item_ns;              /* b, per unit of f(N) ("per item" for
                                    linear); for O(1) the constant itself */
    double per_item_lo, per_item_hi; /* its t-interval (runner: 95 %) */
    double r2;                       /* coefficient of determination */
    double rms_relative;             /* RMS residual / mean time */
    size_t points;                   /* per-round estimates fitted */
};

/* The F-like margin's level in rule 4 (fixed: not the report's level). */
#define BRUN_COMPLEXITY_SHAPE_ALPHA 0.05

/* Fits y = a + b f(x) for one shape; points with weights 1.  Returns 0,
 * or -1 (out->valid = 0) when fewer than 3 points, f(x) has no spread,
 * a value is not finite or the fit fails. */
int brun_complexity_fit(const double *x, const double *y, size_t n,
                        enum brun_complexity shape, double level,
                        struct brun_fit *out);

/* Fits every shape (fits[] in enum order, invalid ones with valid = 0)
 * and picks one by the rule above into *best.  Returns 0, or -1 when not
 * even O(1) could be fitted (fewer than 3 points). */
int brun_complexity_choose(const double *x, const double *y, size_t n,
                           double level,
                           struct brun_fit fits[BRUN_COMPLEXITY_COUNT],
                           struct brun_fit *best);

/* The ratio of per-item costs fresh->per_item_ns / base->per_item_ns with
 * an interval at `level`: a Welch-type t on log b, each side's se(log b)
 * = se(b) / b by the delta method, se(b) read back from its interval
 * (made at fit_level, with points - 2 df, points - 1 for O(1)), df by
 * Welch–Satterthwaite.  Returns 0, or -1 when either fit is invalid or
 * either b is not positive. */
int brun_complexity_ratio(const struct brun_fit *fresh,
                          const struct brun_fit *base, double fit_level,
                          double level, double *ratio, double *lo, double *hi);

/* f(N) for a shape: natural log, 0 for N <= 0 in the log shapes.
 * Inline, so the reports can draw a fit without linking stats/. */
static inline double brun_complexity_f(enum brun_complexity c, double n)
{
    switch (c) {
    case BRUN_O_1:
        return 1;
    case BRUN_O_LOG_N:
        return n > 0 ? log(n) : 0;
    case BRUN_O_N:
        return n;
    case BRUN_O_N_LOG_N:
        return n > 0 ? n * log(n) : 0;
    case BRUN_O_N2:
        return n * n;
    case BRUN_O_N3:
        return n * n * n;
    case BRUN_COMPLEXITY_COUNT:
        break;
    }
    return 0;
}

#endif /* BRUN_COMPLEXITY_H */
