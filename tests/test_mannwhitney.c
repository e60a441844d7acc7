/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * test_mannwhitney.c: Mann–Whitney U against scipy.stats.mannwhitneyu
 * (exact and asymptotic, with and without ties) from reference.json, and
 * the edge cases scipy leaves undefined.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include <criterion/criterion.h>

#include "stats/mannwhitney.h"
#include "tests/fixtures/stats/reference.h"

Test(mannwhitney, matches_scipy_mannwhitneyu)
{
    json_t *root = stats_ref_load();
    json_t *sets = stats_ref_get(root, "mannwhitney");
    const char *name;
    json_t *ref;
    size_t exact = 0, asymptotic = 0;
    json_object_foreach(sets, name, ref) {
        size_t nx, ny;
        double *x = stats_ref_array(ref, "x", &nx);
        double *y = stats_ref_array(ref, "y", &ny);
        struct brun_mwu r;
        cr_assert_eq(brun_mwu_test(x, nx, y, ny, &r), 0, "%s", name);
        cr_assert_eq(r.exact, stats_ref_bool(ref, "exact"), "method of %s",
                     name);
        stats_ref_close(r.u, stats_ref_num(ref, "u"), 0, 1e-9, "U", name);
        stats_ref_close(r.p_two_sided, stats_ref_num(ref, "p_two_sided"), 1e-10,
                        1e-15, "p two-sided", name);
        stats_ref_close(r.p_greater, stats_ref_num(ref, "p_greater"), 1e-10,
                        1e-15, "p greater", name);
        stats_ref_close(r.p_less, stats_ref_num(ref, "p_less"), 1e-10, 1e-15,
                        "p less", name);
        exact += (size_t)r.exact;
        asymptotic += (size_t)!r.exact;
        free(x);
        free(y);
    }
    cr_assert_geq(exact, 4);
    cr_assert_geq(asymptotic, 4);
    json_decref(root);
}

Test(mannwhitney, swapping_samples_swaps_tails)
{
    const double x[] = {3.1, 4.7, 2.2, 5.9, 4.1};
    const double y[] = {1.0, 2.5, 3.3, 0.4, 2.0, 1.7};
    struct brun_mwu a, b;
    cr_assert_eq(brun_mwu_test(x, 5, y, 6, &a), 0);
    cr_assert_eq(brun_mwu_test(y, 6, x, 5, &b), 0);
    cr_assert_float_eq(a.u + b.u, 30, 1e-12);
    cr_assert_float_eq(a.p_greater, b.p_less, 1e-15);
    cr_assert_float_eq(a.p_less, b.p_greater, 1e-15);
    cr_assert_float_eq(a.p_two_sided, b.p_two_sided, 1e-15);
}

Test(mannwhitney, exact_tail_of_complete_separation_is_one_over_binomial)
{
    /* All 12 of x above all 12 of y: P(U >= 144) = 1 / C(24, 12). */
    double x[12], y[12];
    for (int i = 0; i < 12; i++) {
        x[i] = 100 + i;
        y[i] = i;
    }
    struct brun_mwu r;
    cr_assert_eq(brun_mwu_test(x, 12, y, 12, &r), 0);
    cr_assert_eq(r.exact, 1);
    cr_assert_float_eq(r.u, 144, 0);
    cr_assert_float_eq(r.p_greater, 1.0 / 2704156.0, 1e-20);
    cr_assert_float_eq(r.p_less, 1.0, 1e-12);
}

Test(mannwhitney, all_values_equal_gives_p_of_one)
{
    const double x[] = {2, 2, 2}, y[] = {2, 2, 2, 2};
    struct brun_mwu r;
    cr_assert_eq(brun_mwu_test(x, 3, y, 4, &r), 0);
    cr_assert_eq(r.exact, 0);
    cr_assert_float_eq(r.u, 6, 0);
    cr_assert_float_eq(r.p_two_sided, 1, 0);
    cr_assert_float_eq(r.p_greater, 1, 0);
    cr_assert_float_eq(r.p_less, 1, 0);
}

Test(mannwhitney, rejects_empty_and_non_finite_samples)
{
    const double x[] = {1, 2}, bad[] = {1, INFINITY};
    struct brun_mwu r;
    cr_assert_eq(brun_mwu_test(x, 2, x, 0, &r), -1);
    cr_assert_float_eq(r.p_two_sided, 1, 0);
    cr_assert_eq(brun_mwu_test(x, 2, bad, 2, &r), -1);
    cr_assert(isfinite(r.u) && r.p_greater == 1 && r.p_less == 1);
}
