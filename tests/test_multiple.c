/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * test_multiple.c: Benjamini–Hochberg and Holm against statsmodels'
 * multipletests (fdr_bh, holm) from reference.json, and the textbook known
 * answer.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include <criterion/criterion.h>

#include "stats/multiple.h"
#include "tests/fixtures/stats/reference.h"

Test(multiple, bh_known_answer_rejects_only_the_first_two)
{
    const double p[] = {0.001, 0.008, 0.039, 0.041, 0.9};
    int reject[5];
    cr_assert_eq(brun_multiple_bh(p, 5, 0.05, NULL, reject), 2);
    const int want[] = {1, 1, 0, 0, 0};
    for (int i = 0; i < 5; i++)
        cr_assert_eq(reject[i], want[i], "p[%d]", i);
}

Test(multiple, matches_statsmodels_multipletests)
{
    json_t *root = stats_ref_load();
    json_t *sets = stats_ref_get(root, "multiple");
    const char *name;
    json_t *ref;
    size_t count = 0;
    json_object_foreach(sets, name, ref) {
        size_t m, k;
        double *p = stats_ref_array(ref, "p", &m);
        double level = stats_ref_num(ref, "level");
        double *adj = malloc(m * sizeof *adj);
        int *rej = malloc(m * sizeof *rej);
        const char *methods[] = {"bh", "holm"};
        for (int meth = 0; meth < 2; meth++) {
            char key[32];
            snprintf(key, sizeof key, "%s_adjusted", methods[meth]);
            double *want_adj = stats_ref_array(ref, key, &k);
            cr_assert_eq(k, m);
            snprintf(key, sizeof key, "%s_reject", methods[meth]);
            double *want_rej = stats_ref_array(ref, key, &k);
            long n = meth == 0 ? brun_multiple_bh(p, m, level, adj, rej)
                               : brun_multiple_holm(p, m, level, adj, rej);
            long want_n = 0;
            for (size_t i = 0; i < m; i++) {
                stats_ref_close(adj[i], want_adj[i], 1e-12, 1e-15, key, name);
                cr_assert_eq(rej[i], (int)want_rej[i], "%s %s[%zu]", name,
                             methods[meth], i);
                want_n += (long)want_rej[i];
            }
            cr_assert_eq(n, want_n, "%s %s count", name, methods[meth]);
            free(want_adj);
            free(want_rej);
        }
        free(rej);
        free(adj);
        free(p);
        count++;
    }
    cr_assert_geq(count, 5);
    json_decref(root);
}

Test(multiple, output_follows_input_order)
{
    const double p[] = {0.04, 0.3, 0.001, 0.02, 0.011};
    const size_t perm[] = {3, 0, 4, 2, 1};
    double q[5], adj_p[5], adj_q[5];
    int rej_p[5], rej_q[5];
    for (size_t i = 0; i < 5; i++)
        q[i] = p[perm[i]];
    for (int meth = 0; meth < 2; meth++) {
        long a = meth ? brun_multiple_holm(p, 5, 0.05, adj_p, rej_p)
                      : brun_multiple_bh(p, 5, 0.05, adj_p, rej_p);
        long b = meth ? brun_multiple_holm(q, 5, 0.05, adj_q, rej_q)
                      : brun_multiple_bh(q, 5, 0.05, adj_q, rej_q);
        cr_assert_eq(a, b);
        for (size_t i = 0; i < 5; i++) {
            cr_assert_float_eq(adj_q[i], adj_p[perm[i]], 0);
            cr_assert_eq(rej_q[i], rej_p[perm[i]]);
            cr_assert_geq(adj_p[i], p[i],
                          "adjusted p is never below the raw one");
        }
    }
}

Test(multiple, holm_rejects_no_more_than_bh)
{
    const double p[] = {0.0004, 0.003, 0.009, 0.012, 0.02, 0.03, 0.2, 0.6};
    int bh[8], holm[8];
    long nb = brun_multiple_bh(p, 8, 0.05, NULL, bh);
    long nh = brun_multiple_holm(p, 8, 0.05, NULL, holm);
    cr_assert_gt(nb, nh, "this set separates the two procedures");
    for (int i = 0; i < 8; i++)
        cr_assert(!holm[i] || bh[i], "p[%d] rejected by Holm only", i);
}

Test(multiple, rejects_invalid_p_values_and_levels)
{
    const double bad[] = {0.1, NAN}, neg[] = {-0.1}, big[] = {1.5},
                 ok[] = {0.01};
    double adj[2] = {7, 7};
    int rej[2] = {7, 7};
    cr_assert_eq(brun_multiple_bh(bad, 2, 0.05, adj, rej), -1);
    cr_assert_eq(brun_multiple_holm(bad, 2, 0.05, adj, rej), -1);
    cr_assert_float_eq(adj[0], 7, 0, "outputs untouched on error");
    cr_assert_eq(rej[0], 7);
    cr_assert_eq(brun_multiple_bh(neg, 1, 0.05, NULL, NULL), -1);
    cr_assert_eq(brun_multiple_holm(big, 1, 0.05, NULL, NULL), -1);
    cr_assert_eq(brun_multiple_bh(ok, 1, 0, NULL, NULL), -1);
    cr_assert_eq(brun_multiple_holm(ok, 1, 1.5, NULL, NULL), -1);
    cr_assert_eq(brun_multiple_bh(ok, 0, 0.05, NULL, NULL), 0);
    cr_assert_eq(brun_multiple_bh(ok, 1, 0.05, NULL, NULL), 1);
}
