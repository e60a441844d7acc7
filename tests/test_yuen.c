/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * test_yuen.c: Yuen's trimmed-mean tests against answers worked by hand
 * from the formulas in stats/yuen.h (the arithmetic is in the comments),
 * and their edge cases.
 */
#include "config.h"

#include <math.h>

#include <criterion/criterion.h>
#include <gsl/gsl_cdf.h>

#include "stats/yuen.h"

/* 1..9 and an outlier of 100: g = 2, kept 3..8, trimmed mean 5.5;
 * winsorised 3,3,3,4,5,6,7,8,8,8 (mean 5.5, sum of squares 42.5), so
 * s_w^2 = 42.5 / 9 and se^2 = 9 s_w^2 / (6 * 5) = 42.5 / 30; df = 5. */
static const double outlier_set[10] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 100};

Test(yuen, one_sample_matches_the_hand_computation)
{
    struct brun_ttest t;
    cr_assert_eq(brun_yuen_one_sample(outlier_set, 10, 0.95, &t), 0);
    cr_assert_float_eq(t.diff, 5.5, 1e-12);
    cr_assert_float_eq(t.se, sqrt(42.5 / 30), 1e-12);
    cr_assert_float_eq(t.df, 5, 0);
    cr_assert_float_eq(t.t, 5.5 / sqrt(42.5 / 30), 1e-9);
    double q = gsl_cdf_tdist_Pinv(0.975, 5);
    cr_assert_float_eq(t.ci_lo, 5.5 - q * sqrt(42.5 / 30), 1e-9);
    double tm, se, df;
    cr_assert_eq(brun_yuen_parts(outlier_set, 10, &tm, &se, &df), 0);
    cr_assert_float_eq(se, t.se, 1e-15);
}

Test(yuen, welch_adds_the_parts_and_an_extra_variance)
{
    /* y = outlier_set - 1: same variance part 42.5 / 30, difference 1;
     * df = (2v)^2 / (2 v^2 / 5) = 10; with extra variance e and df_e:
     * V = 2v + e, df = V^2 / (2 v^2 / 5 + e^2 / df_e). */
    double y[10];
    for (int i = 0; i < 10; i++)
        y[i] = outlier_set[i] - 1;
    double v = 42.5 / 30;
    struct brun_ttest t;
    cr_assert_eq(brun_yuen_welch(outlier_set, 10, y, 10, 0, INFINITY, 0.95, &t),
                 0);
    cr_assert_float_eq(t.diff, 1, 1e-12);
    cr_assert_float_eq(t.se, sqrt(2 * v), 1e-12);
    cr_assert_float_eq(t.df, 10, 1e-9);
    cr_assert_eq(brun_yuen_welch(outlier_set, 10, y, 10, 0.5, 3, 0.95, &t), 0);
    double V = 2 * v + 0.5;
    cr_assert_float_eq(t.se, sqrt(V), 1e-12);
    cr_assert_float_eq(t.df, V * V / (2 * v * v / 5 + 0.25 / 3), 1e-9);
    cr_assert_eq(
        brun_yuen_welch(outlier_set, 10, y, 10, 0.5, INFINITY, 0.95, &t), 0);
    cr_assert_float_eq(t.df, V * V / (2 * v * v / 5), 1e-9);
}

Test(yuen, small_samples_are_student_and_bad_input_is_no_evidence)
{
    const double x[4] = {1, 2, 3, 10}; /* g = 0: the ordinary t */
    struct brun_ttest t;
    cr_assert_eq(brun_yuen_one_sample(x, 4, 0.95, &t), 0);
    cr_assert_float_eq(t.diff, 4, 1e-12);
    cr_assert_float_eq(t.df, 3, 0);
    const double bad[3] = {1, NAN, 2};
    cr_assert_eq(brun_yuen_one_sample(bad, 3, 0.95, &t), -1);
    cr_assert_eq(t.p_two_sided, 1);
    cr_assert_eq(brun_yuen_one_sample(x, 1, 0.95, &t), -1);
    const double same[6] = {2, 2, 2, 2, 2, 2};
    cr_assert_eq(brun_yuen_one_sample(same, 6, 0.95, &t), 0);
    cr_assert(t.degenerate);
    cr_assert_eq(t.p_greater, 0, "a constant positive difference");
}

Test(yuen, crossover_needs_three_rounds_of_each_order)
{
    const double d[6] = {0.03, 0.01, 0.03, 0.01, 0.03, 0.01};
    const unsigned char few[6] = {1, 0, 1, 0, 0, 0};
    const unsigned char both[6] = {0, 1, 0, 1, 0, 1};
    struct brun_ttest t;
    double order, se, df;
    cr_assert_eq(brun_yuen_crossover(d, few, 6, 0.95, &t, &order, &se, &df), 0);
    cr_assert_eq(df, 0, "two rounds new-first: no order term");
    cr_assert_eq(brun_yuen_crossover(d, both, 6, 0.95, &t, &order, &se, &df),
                 0);
    cr_assert_float_eq(order, 0.01, 1e-12, "new second is 0.01 faster");
    cr_assert_float_eq(t.diff, 0.02, 1e-12);
    cr_assert_lt(t.se, 1e-12, "nothing but the order effect");
}
