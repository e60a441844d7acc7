/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * test_ttest.c: Welch and paired t tests against scipy.stats (ttest_ind
 * with equal_var=False, ttest_rel) from reference.json, plus the
 * documented behaviour on zero variance and unusable input.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include <criterion/criterion.h>

#include "stats/summary.h"
#include "stats/ttest.h"
#include "tests/fixtures/stats/reference.h"

#define P_TOL 1e-9

static void check_against(const struct brun_ttest *r, json_t *ref,
                          const char *name)
{
    size_t nci;
    double *ci = stats_ref_array(ref, "ci", &nci);
    stats_ref_close(r->diff, stats_ref_num(ref, "diff"), 1e-12, 1e-14, "diff",
                    name);
    stats_ref_close(r->se, stats_ref_num(ref, "se"), 1e-10, 1e-15, "se", name);
    stats_ref_close(r->t, stats_ref_num(ref, "t"), 1e-9, 1e-12, "t", name);
    stats_ref_close(r->df, stats_ref_num(ref, "df"), 1e-10, 0, "df", name);
    stats_ref_close(r->p_two_sided, stats_ref_num(ref, "p_two_sided"), P_TOL,
                    1e-14, "p two-sided", name);
    stats_ref_close(r->p_greater, stats_ref_num(ref, "p_greater"), P_TOL, 1e-14,
                    "p greater", name);
    stats_ref_close(r->p_less, stats_ref_num(ref, "p_less"), P_TOL, 1e-14,
                    "p less", name);
    stats_ref_close(r->ci_lo, ci[0], 1e-11, 1e-13, "CI low", name);
    stats_ref_close(r->ci_hi, ci[1], 1e-11, 1e-13, "CI high", name);
    stats_ref_close(r->lower, stats_ref_num(ref, "lower"), 1e-11, 1e-13,
                    "lower bound", name);
    stats_ref_close(r->upper, stats_ref_num(ref, "upper"), 1e-11, 1e-13,
                    "upper bound", name);
    cr_assert_eq(r->degenerate, 0, "%s", name);
    free(ci);
}

static size_t check_welch_set(json_t *root, const char *set)
{
    json_t *sets = stats_ref_get(root, set);
    const char *name;
    json_t *ref;
    size_t count = 0;
    json_object_foreach(sets, name, ref) {
        size_t nx, ny;
        double *x = stats_ref_array(ref, "x", &nx);
        double *y = stats_ref_array(ref, "y", &ny);
        struct brun_ttest r;
        cr_assert_eq(brun_ttest_welch(x, nx, y, ny,
                                      stats_ref_num(ref, "extra_var"),
                                      stats_ref_num(ref, "level"), &r),
                     0, "%s", name);
        check_against(&r, ref, name);
        free(x);
        free(y);
        count++;
    }
    return count;
}

Test(ttest, welch_matches_scipy_ttest_ind)
{
    json_t *root = stats_ref_load();
    cr_assert_geq(check_welch_set(root, "welch"), 5);
    json_decref(root);
}

Test(ttest, welch_extra_variance_matches_reference_formula)
{
    json_t *root = stats_ref_load();
    cr_assert_geq(check_welch_set(root, "welch_extra"), 2);
    json_decref(root);
}

Test(ttest, paired_matches_scipy_ttest_rel)
{
    json_t *root = stats_ref_load();
    json_t *sets = stats_ref_get(root, "paired");
    const char *name;
    json_t *ref;
    size_t count = 0;
    json_object_foreach(sets, name, ref) {
        size_t nx, ny;
        double *x = stats_ref_array(ref, "x", &nx);
        double *y = stats_ref_array(ref, "y", &ny);
        cr_assert_eq(nx, ny);
        struct brun_ttest r, d;
        cr_assert_eq(
            brun_ttest_paired(x, y, nx, stats_ref_num(ref, "level"), &r), 0);
        check_against(&r, ref, name);
        /* The one-sample test on the differences is the same test. */
        for (size_t i = 0; i < nx; i++)
            x[i] -= y[i];
        cr_assert_eq(
            brun_ttest_one_sample(x, nx, stats_ref_num(ref, "level"), &d), 0);
        check_against(&d, ref, name);
        free(x);
        free(y);
        count++;
    }
    cr_assert_geq(count, 3);
    json_decref(root);
}

Test(ttest, one_sided_p_values_are_complementary)
{
    const double x[] = {1.2, 0.7, 1.9, 1.4, 0.8, 1.1};
    const double y[] = {1.0, 1.3, 0.9, 1.6, 1.1};
    struct brun_ttest r;
    cr_assert_eq(brun_ttest_welch(x, 6, y, 5, 0, 0.9, &r), 0);
    cr_assert_float_eq(r.p_greater + r.p_less, 1.0, 1e-12);
    cr_assert_float_eq(r.p_two_sided, 2 * fmin(r.p_greater, r.p_less), 1e-12);
    cr_assert(r.ci_lo < r.lower && r.lower < r.diff && r.diff < r.upper &&
                  r.upper < r.ci_hi,
              "one-sided 90 %% bounds lie inside the two-sided interval");
}

Test(ttest, extra_variance_widens_the_interval)
{
    const double x[] = {1.2, 0.7, 1.9, 1.4, 0.8, 1.1};
    const double y[] = {1.0, 1.3, 0.9, 1.6, 1.1};
    struct brun_ttest a, b;
    cr_assert_eq(brun_ttest_welch(x, 6, y, 5, 0, 0.95, &a), 0);
    cr_assert_eq(brun_ttest_welch(x, 6, y, 5, 0.04, 0.95, &b), 0);
    cr_assert_float_eq(b.se * b.se, a.se * a.se + 0.04, 1e-12);
    cr_assert_gt(b.df, a.df, "a known variance adds degrees of freedom");
    cr_assert_gt(b.ci_hi - b.ci_lo, a.ci_hi - a.ci_lo);
    cr_assert_gt(b.p_two_sided, a.p_two_sided);
}

static void assert_all_finite(const struct brun_ttest *r)
{
    const double v[] = {r->diff,        r->se,        r->t,      r->df,
                        r->p_two_sided, r->p_greater, r->p_less, r->level,
                        r->ci_lo,       r->ci_hi,     r->lower,  r->upper};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        cr_assert(isfinite(v[i]), "field %zu is %g", i, v[i]);
}

Test(ttest, zero_variance_gives_definite_p_values_without_nan)
{
    const double a[] = {2, 2, 2}, b[] = {3, 3, 3, 3};
    struct brun_ttest r;
    cr_assert_eq(brun_ttest_welch(a, 3, b, 4, 0, 0.95, &r), 0);
    assert_all_finite(&r);
    cr_assert_eq(r.degenerate, 1);
    cr_assert_float_eq(r.diff, -1, 0);
    cr_assert_float_eq(r.p_less, 0, 0);
    cr_assert_float_eq(r.p_greater, 1, 0);
    cr_assert_float_eq(r.p_two_sided, 0, 0);
    cr_assert_float_eq(r.ci_lo, -1, 0);
    cr_assert_float_eq(r.upper, -1, 0);
    cr_assert_float_eq(r.df, 5, 0);

    cr_assert_eq(brun_ttest_welch(b, 4, a, 3, 0, 0.95, &r), 0);
    cr_assert_float_eq(r.p_greater, 0, 0);
    cr_assert_float_eq(r.p_less, 1, 0);

    cr_assert_eq(brun_ttest_welch(a, 3, a, 3, 0, 0.95, &r), 0);
    assert_all_finite(&r);
    cr_assert_float_eq(r.p_two_sided, 1, 0);
    cr_assert_float_eq(r.p_greater, 1, 0);
    cr_assert_float_eq(r.p_less, 1, 0);

    const double d[] = {0.25, 0.25, 0.25, 0.25};
    cr_assert_eq(brun_ttest_one_sample(d, 4, 0.95, &r), 0);
    assert_all_finite(&r);
    cr_assert_float_eq(r.p_greater, 0, 0);
    cr_assert_float_eq(r.lower, 0.25, 0);
}

Test(ttest, zero_variance_with_extra_variance_is_an_ordinary_test)
{
    const double a[] = {2, 2, 2}, b[] = {2.1, 2.1, 2.1};
    struct brun_ttest r;
    cr_assert_eq(brun_ttest_welch(b, 3, a, 3, 0.01, 0.95, &r), 0);
    assert_all_finite(&r);
    cr_assert_eq(r.degenerate, 0);
    cr_assert_float_eq(r.se, 0.1, 1e-12);
    cr_assert_float_eq(r.t, 1.0, 1e-9);
    cr_assert(r.p_greater > 0.1 && r.p_greater < 0.5, "%g", r.p_greater);
}

Test(ttest, too_few_or_non_finite_values_report_no_evidence)
{
    const double one[] = {1.5}, many[] = {1, 2, 3}, bad[] = {1, NAN, 3};
    struct brun_ttest r;
    cr_assert_eq(brun_ttest_welch(one, 1, many, 3, 0, 0.95, &r), -1);
    assert_all_finite(&r);
    cr_assert_float_eq(r.p_two_sided, 1, 0);
    cr_assert_float_eq(r.p_greater, 1, 0);
    cr_assert_float_eq(r.p_less, 1, 0);
    cr_assert_float_eq(r.diff, -0.5, 1e-12);
    cr_assert_eq(brun_ttest_welch(many, 3, many, 0, 0, 0.95, &r), -1);
    assert_all_finite(&r);
    cr_assert_eq(brun_ttest_one_sample(one, 1, 0.95, &r), -1);
    assert_all_finite(&r);
    cr_assert_eq(brun_ttest_one_sample(bad, 3, 0.95, &r), -1);
    assert_all_finite(&r);
    cr_assert_eq(brun_ttest_paired(many, bad, 3, 0.95, &r), -1);
    assert_all_finite(&r);
    cr_assert_eq(brun_ttest_one_sample(many, 3, 1.5, &r), -1,
                 "level outside (0, 1)");
    assert_all_finite(&r);
    cr_assert_eq(brun_ttest_welch(many, 3, many, 3, -1, 0.95, &r), -1,
                 "negative extra variance");
}
