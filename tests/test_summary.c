/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * test_summary.c: descriptive statistics against hand-checked values,
 * scipy/numpy reference values (tests/fixtures/stats/reference.json) and
 * NIST StRD certified values.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include <criterion/criterion.h>

#include "stats/summary.h"
#include "tests/fixtures/stats/reference.h"

Test(summary, median_of_even_count_is_midpoint)
{
    const double x[] = {4, 1, 3, 2};
    struct brun_summary s;
    cr_assert_eq(brun_stats_summarize(x, 4, &s), 0);
    cr_assert_float_eq(s.median, 2.5, 1e-12);
    cr_assert_float_eq(s.mean, 2.5, 1e-12);
    cr_assert_float_eq(s.min, 1, 1e-12);
    cr_assert_float_eq(s.max, 4, 1e-12);
}

Test(summary, rejects_empty_and_non_finite_input)
{
    const double x[] = {1, 1.0 / 0.0};
    struct brun_summary s;
    double v, lo, hi;
    cr_assert_eq(brun_stats_summarize(x, 0, &s), -1);
    cr_assert_eq(brun_stats_summarize(x, 2, &s), -1);
    cr_assert_eq(brun_stats_trimmed_mean(x, 2, &v), -1);
    lo = hi = NAN;
    cr_assert_eq(brun_stats_mean_ci(x, 2, 0.95, &lo, &hi), -1);
    cr_assert(lo == 0 && hi == 0, "outputs defined even on error");
}

Test(summary, matches_numpy_and_scipy_reference_values)
{
    json_t *root = stats_ref_load();
    json_t *sets = stats_ref_get(root, "summary");
    const char *name;
    json_t *ref;
    size_t count = 0;
    json_object_foreach(sets, name, ref) {
        size_t n, nci;
        double *x = stats_ref_array(ref, "x", &n);
        double *ci = stats_ref_array(ref, "mean_ci", &nci);
        struct brun_summary s;
        cr_assert_eq(brun_stats_summarize(x, n, &s), 0, "%s", name);
        cr_assert_eq(s.n, n);
        stats_ref_close(s.mean, stats_ref_num(ref, "mean"), 1e-13, 1e-13,
                        "mean", name);
        stats_ref_close(s.sd, stats_ref_num(ref, "sd"), 1e-11, 1e-13, "sd",
                        name);
        stats_ref_close(s.median, stats_ref_num(ref, "median"), 1e-14, 0,
                        "median", name);
        stats_ref_close(s.trimmed_mean, stats_ref_num(ref, "trimmed_mean"),
                        1e-13, 1e-13, "trimmed mean", name);
        stats_ref_close(s.mad, stats_ref_num(ref, "mad"), 1e-12, 1e-13, "MAD",
                        name);
        stats_ref_close(s.q1, stats_ref_num(ref, "q1"), 1e-13, 1e-13, "q1",
                        name);
        stats_ref_close(s.q3, stats_ref_num(ref, "q3"), 1e-13, 1e-13, "q3",
                        name);
        stats_ref_close(s.min, stats_ref_num(ref, "min"), 0, 0, "min", name);
        stats_ref_close(s.max, stats_ref_num(ref, "max"), 0, 0, "max", name);

        double tm, lo, hi;
        cr_assert_eq(brun_stats_trimmed_mean(x, n, &tm), 0);
        stats_ref_close(tm, stats_ref_num(ref, "trimmed_mean"), 1e-13, 1e-13,
                        "brun_stats_trimmed_mean", name);
        cr_assert_eq(brun_stats_mean_ci(x, n, 0.95, &lo, &hi), 0);
        stats_ref_close(lo, ci[0], 1e-12, 1e-12, "mean CI low", name);
        stats_ref_close(hi, ci[1], 1e-12, 1e-12, "mean CI high", name);
        free(ci);
        free(x);
        count++;
    }
    cr_assert_geq(count, 5, "too few reference data sets");
    json_decref(root);
}

Test(summary, counts_outliers_against_reference_quartile_fences)
{
    json_t *root = stats_ref_load();
    json_t *sets = stats_ref_get(root, "summary");
    const char *name;
    json_t *ref;
    size_t total = 0;
    json_object_foreach(sets, name, ref) {
        size_t n;
        double *x = stats_ref_array(ref, "x", &n);
        double q1 = stats_ref_num(ref, "q1"), q3 = stats_ref_num(ref, "q3");
        double iqr = q3 - q1;
        size_t want[4] = {0, 0, 0,
                          0}; /* low severe, low mild, high mild, high severe */
        for (size_t i = 0; i < n; i++) {
            if (x[i] < q1 - 3 * iqr)
                want[0]++;
            else if (x[i] < q1 - 1.5 * iqr)
                want[1]++;
            else if (x[i] > q3 + 3 * iqr)
                want[3]++;
            else if (x[i] > q3 + 1.5 * iqr)
                want[2]++;
        }
        struct brun_summary s;
        cr_assert_eq(brun_stats_summarize(x, n, &s), 0);
        cr_assert_eq(s.low_severe, want[0], "%s", name);
        cr_assert_eq(s.low_mild, want[1], "%s", name);
        cr_assert_eq(s.high_mild, want[2], "%s", name);
        cr_assert_eq(s.high_severe, want[3], "%s", name);
        total += want[0] + want[1] + want[2] + want[3];
        free(x);
    }
    cr_assert_gt(total, 0, "no data set exercises the fences");
    json_decref(root);
}

/* NIST StRD univariate NumAcc1-4: certified mean and sd.  NumAcc2-4 are
 * one centre value followed by 1000 values alternating centre - 0.1 and
 * centre + 0.1. */
static void numacc(double centre, double *x)
{
    x[0] = centre;
    for (int i = 1; i <= 1000; i++)
        x[i] = i % 2 ? centre - 0.1 : centre + 0.1;
}

Test(summary, meets_nist_numacc_certified_values)
{
    const double acc1[] = {10000001, 10000003, 10000002};
    struct brun_summary s;
    cr_assert_eq(brun_stats_summarize(acc1, 3, &s), 0);
    cr_assert_float_eq(s.mean, 10000002, 1e-15 * 10000002);
    cr_assert_float_eq(s.sd, 1.0, 1e-9);

    static double x[1001];
    const double centres[] = {1.2, 1000000.2, 10000000.2};
    const double sd_tol[] = {1e-13, 1e-8, 1e-7}; /* LRE >= 12, 7, 6 */
    for (int k = 0; k < 3; k++) {
        numacc(centres[k], x);
        cr_assert_eq(brun_stats_summarize(x, 1001, &s), 0);
        cr_assert(fabs(s.mean - centres[k]) <= 1e-14 * centres[k],
                  "NumAcc%d mean %.17g", k + 2, s.mean);
        cr_assert(fabs(s.sd - 0.1) <= sd_tol[k] * 0.1, "NumAcc%d sd %.17g",
                  k + 2, s.sd);
    }
}

Test(summary, single_value_has_zero_spread_and_no_interval)
{
    const double x[] = {42.5};
    struct brun_summary s;
    cr_assert_eq(brun_stats_summarize(x, 1, &s), 0);
    cr_assert_float_eq(s.mean, 42.5, 0);
    cr_assert_float_eq(s.trimmed_mean, 42.5, 0);
    cr_assert_float_eq(s.sd, 0, 0);
    cr_assert_float_eq(s.mad, 0, 0);
    cr_assert_float_eq(s.cv, 0, 0);
    double lo = 0, hi = 0;
    cr_assert_eq(brun_stats_mean_ci(x, 1, 0.95, &lo, &hi), -1);
    cr_assert_float_eq(lo, 42.5, 0);
    cr_assert_float_eq(hi, 42.5, 0);
}

Test(summary, constant_data_gives_a_zero_width_interval)
{
    const double x[] = {7, 7, 7, 7};
    double lo, hi;
    cr_assert_eq(brun_stats_mean_ci(x, 4, 0.95, &lo, &hi), 0);
    cr_assert_float_eq(lo, 7, 0);
    cr_assert_float_eq(hi, 7, 0);
}
