/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * test_bootstrap.c: bootstrap intervals against scipy.stats.bootstrap
 * (BCa and percentile, one and two samples; Monte Carlo answers, so
 * compared within a share of the interval's width), reproducibility from
 * the seed, and the degenerate inputs.
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "stats/bootstrap.h"
#include "tests/fixtures/stats/reference.h"

/* A measured number, on stderr as a TAP comment line.  Visible when the
 * program is run by hand (make check's TAP mode sends test output to
 * /dev/null). */
static void note(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("# ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

/* B here and 1 000 000 in scipy keep both Monte Carlo errors near 0.3 % of
 * the width; formula errors (a missing or sign-flipped bias correction or
 * acceleration) move the bounds by several per cent. */
#define B_CHECK 100000
#define WIDTH_TOL 0.02

Test(bootstrap, matches_scipy_bootstrap_within_monte_carlo_error)
{
    json_t *root = stats_ref_load();
    json_t *cases = stats_ref_get(root, "bootstrap");
    size_t i;
    json_t *ref;
    json_array_foreach(cases, i, ref) {
        const char *name = json_string_value(stats_ref_get(ref, "name"));
        const char *stat = json_string_value(stats_ref_get(ref, "statistic"));
        const char *method = json_string_value(stats_ref_get(ref, "method"));
        size_t nx, ny;
        double *x = stats_ref_array(ref, "x", &nx);
        double *y = stats_ref_array(ref, "y", &ny);
        struct brun_boot_settings s;
        brun_boot_settings_init(&s, 2000, 0.95);
        s.resamples = B_CHECK;
        s.seed = 1000 + i;
        s.confidence = stats_ref_num(ref, "level");
        s.method =
            strcmp(method, "BCa") == 0 ? BRUN_BOOT_BCA : BRUN_BOOT_PERCENTILE;
        struct brun_boot_ci ci;
        int status;
        if (strcmp(stat, "mean_diff") == 0)
            status = brun_boot_mean_diff(x, nx, y, ny, &s, &ci);
        else
            status = brun_boot_one(x, nx,
                                   strcmp(stat, "mean") == 0
                                       ? BRUN_BOOT_MEAN
                                       : BRUN_BOOT_TRIMMED_MEAN,
                                   &s, &ci);
        cr_assert_eq(status, 0, "%s", name);
        cr_assert_eq(ci.degenerate, 0, "%s", name);
        double lo = stats_ref_num(ref, "lo"), hi = stats_ref_num(ref, "hi");
        double tol = WIDTH_TOL * (hi - lo);
        note("%s: ours [%.6g, %.6g], scipy [%.6g, %.6g]", name, ci.lo, ci.hi,
             lo, hi);
        stats_ref_close(ci.lo, lo, 0, tol, "lower bound", name);
        stats_ref_close(ci.hi, hi, 0, tol, "upper bound", name);
        cr_assert(ci.lo < ci.point && ci.point < ci.hi, "%s: point inside",
                  name);
        free(x);
        free(y);
    }
    cr_assert_geq(i, 4);
    json_decref(root);
}

static const double skewed[] = {1.02, 0.97, 1.10, 0.99, 1.35,
                                1.01, 0.96, 1.05, 2.10, 1.00};

Test(bootstrap, same_seed_same_interval_other_seed_other_interval)
{
    struct brun_boot_settings s;
    brun_boot_settings_init(&s, 2000, 0.95);
    s.resamples = 500;
    s.seed = 77;
    struct brun_boot_ci a, b, c;
    cr_assert_eq(brun_boot_one(skewed, 10, BRUN_BOOT_MEAN, &s, &a), 0);
    cr_assert_eq(brun_boot_one(skewed, 10, BRUN_BOOT_MEAN, &s, &b), 0);
    cr_assert_float_eq(a.lo, b.lo, 0);
    cr_assert_float_eq(a.hi, b.hi, 0);
    s.seed = 78;
    cr_assert_eq(brun_boot_one(skewed, 10, BRUN_BOOT_MEAN, &s, &c), 0);
    cr_assert(a.lo != c.lo || a.hi != c.hi);
}

Test(bootstrap, bca_corrects_towards_the_skew)
{
    /* Right-skewed data: BCa moves both bounds up relative to the
     * percentile interval (positive acceleration and bias correction). */
    struct brun_boot_settings s;
    brun_boot_settings_init(&s, 2000, 0.95);
    s.resamples = 20000;
    struct brun_boot_ci pct, bca;
    s.method = BRUN_BOOT_PERCENTILE;
    cr_assert_eq(brun_boot_one(skewed, 10, BRUN_BOOT_MEAN, &s, &pct), 0);
    s.method = BRUN_BOOT_BCA;
    cr_assert_eq(brun_boot_one(skewed, 10, BRUN_BOOT_MEAN, &s, &bca), 0);
    cr_assert_gt(bca.lo, pct.lo);
    cr_assert_gt(bca.hi, pct.hi);
}

Test(bootstrap, median_with_ties_gives_an_ordered_finite_interval)
{
    const double x[] = {3, 3, 3, 4, 4, 5, 5, 5, 5, 9};
    struct brun_boot_settings s;
    brun_boot_settings_init(&s, 2000, 0.95);
    for (int m = 0; m < 2; m++) {
        s.method = m ? BRUN_BOOT_PERCENTILE : BRUN_BOOT_BCA;
        struct brun_boot_ci ci;
        cr_assert_eq(brun_boot_one(x, 10, BRUN_BOOT_MEDIAN, &s, &ci), 0);
        cr_assert_float_eq(ci.point, 4.5, 0);
        cr_assert(isfinite(ci.lo) && isfinite(ci.hi) && ci.lo <= ci.hi);
        cr_assert(ci.lo >= 3 && ci.hi <= 9);
    }
}

Test(bootstrap, all_equal_sample_gives_the_point_as_both_bounds)
{
    const double x[] = {2.5, 2.5, 2.5, 2.5, 2.5};
    struct brun_boot_settings s;
    brun_boot_settings_init(&s, 2000, 0.95);
    enum brun_boot_statistic stats[] = {BRUN_BOOT_MEAN, BRUN_BOOT_MEDIAN,
                                        BRUN_BOOT_TRIMMED_MEAN};
    for (int k = 0; k < 3; k++) {
        struct brun_boot_ci ci;
        cr_assert_eq(brun_boot_one(x, 5, stats[k], &s, &ci), 0);
        cr_assert_eq(ci.degenerate, 1);
        cr_assert_float_eq(ci.point, 2.5, 0);
        cr_assert_float_eq(ci.lo, 2.5, 0);
        cr_assert_float_eq(ci.hi, 2.5, 0);
    }
    const double y[] = {1, 1, 1};
    struct brun_boot_ci d;
    cr_assert_eq(brun_boot_mean_diff(x, 5, y, 3, &s, &d), 0);
    cr_assert_eq(d.degenerate, 1);
    cr_assert_float_eq(d.lo, 1.5, 0);
    cr_assert_float_eq(d.hi, 1.5, 0);
}

Test(bootstrap, one_constant_side_still_gives_an_interval)
{
    const double x[] = {2.5, 2.5, 2.5}, y[] = {1.0, 1.2, 0.9, 1.1};
    struct brun_boot_settings s;
    brun_boot_settings_init(&s, 2000, 0.95);
    struct brun_boot_ci d;
    cr_assert_eq(brun_boot_mean_diff(x, 3, y, 4, &s, &d), 0);
    cr_assert_eq(d.degenerate, 0);
    cr_assert(d.lo < 1.45 && d.hi > 1.45 && d.lo >= 1.3 && d.hi <= 1.6,
              "[%g, %g]", d.lo, d.hi);
}

static void assert_finite_ci(const struct brun_boot_ci *ci)
{
    cr_assert(isfinite(ci->point) && isfinite(ci->lo) && isfinite(ci->hi));
    cr_assert_float_eq(ci->lo, ci->point, 0);
    cr_assert_float_eq(ci->hi, ci->point, 0);
    cr_assert_eq(ci->degenerate, 1);
}

Test(bootstrap, unusable_input_returns_error_with_finite_values)
{
    const double one[] = {4.0}, two[] = {1.0, 2.0}, bad[] = {1.0, NAN, 2.0};
    struct brun_boot_settings s;
    brun_boot_settings_init(&s, 2000, 0.95);
    struct brun_boot_ci ci;
    cr_assert_eq(brun_boot_one(one, 1, BRUN_BOOT_MEAN, &s, &ci), -1);
    assert_finite_ci(&ci);
    cr_assert_float_eq(ci.point, 4.0, 0);
    cr_assert_eq(brun_boot_one(bad, 3, BRUN_BOOT_MEDIAN, &s, &ci), -1);
    assert_finite_ci(&ci);
    cr_assert_eq(brun_boot_one(two, 0, BRUN_BOOT_MEAN, &s, &ci), -1);
    assert_finite_ci(&ci);
    cr_assert_eq(brun_boot_mean_diff(two, 2, one, 1, &s, &ci), -1);
    assert_finite_ci(&ci);
    cr_assert_float_eq(ci.point, -2.5, 0);
    cr_assert_eq(brun_boot_mean_diff(two, 2, bad, 3, &s, &ci), -1);
    assert_finite_ci(&ci);
    s.resamples = 5;
    cr_assert_eq(brun_boot_one(two, 2, BRUN_BOOT_MEAN, &s, &ci), -1,
                 "too few resamples");
    brun_boot_settings_init(&s, 2000, 0.95);
    s.confidence = 1.0;
    cr_assert_eq(brun_boot_one(two, 2, BRUN_BOOT_MEAN, &s, &ci), -1,
                 "level outside (0, 1)");
}
