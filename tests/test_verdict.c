/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * test_verdict.c: the per-case comparison, the §4.7 label table, the
 * suite decision (BH labels, Holm gate), the stopping rule, and seeded
 * simulations of interval coverage, A/A behaviour and power.
 *
 * Simulated per-round estimates are log-normal, so their logs are drawn
 * as normals with brun_rng_gaussian(); every simulation has a fixed seed,
 * so results are deterministic, and its bands are binomial tolerances
 * around the nominal rate (about +-4 standard errors).
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "stats/random.h"
#include "stats/verdict.h"

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

/* n rounds with sample mean `mean` and sample SD `sd` exactly (a fixed
 * pattern, standardised), so a test controls t and p precisely. */
static void exact_rounds(double mean, double sd, size_t n, double *out)
{
    double m = 0, ss = 0;
    for (size_t i = 0; i < n; i++) {
        out[i] = sin(1.7 * (double)i + 0.3); /* any non-constant pattern */
        m += out[i];
    }
    m /= (double)n;
    for (size_t i = 0; i < n; i++)
        ss += (out[i] - m) * (out[i] - m);
    double s = sqrt(ss / (double)(n - 1));
    for (size_t i = 0; i < n; i++)
        out[i] = mean + sd * (out[i] - m) / s;
}

/* Paired log differences of n rounds: a shared per-round disturbance
 * (cancels), and per-side noise of relative size `noise`. */
static void paired_rounds(struct brun_rng *r, double log_ratio, double noise,
                          size_t n, double *d)
{
    for (size_t i = 0; i < n; i++) {
        double shared = brun_rng_gaussian(r, 0.03);
        double base = 3.0 + shared + brun_rng_gaussian(r, noise);
        double new = 3.0 + log_ratio + shared + brun_rng_gaussian(r, noise);
        d[i] = new - base;
    }
}

static void side_rounds(struct brun_rng *r, double centre, double noise,
                        size_t n, double *x)
{
    for (size_t i = 0; i < n; i++)
        x[i] = centre + brun_rng_gaussian(r, noise);
}

static void assert_comparison_finite(const struct brun_comparison *c)
{
    const double v[] = {c->confidence,
                        c->alpha_per_look,
                        c->noise_floor,
                        c->fail_above,
                        c->ratio,
                        c->ci_lo,
                        c->ci_hi,
                        c->lower,
                        c->upper,
                        c->p_slower,
                        c->p_faster,
                        c->p_two,
                        c->t,
                        c->df,
                        c->se_log,
                        c->mde,
                        c->boot_lo,
                        c->boot_hi,
                        c->mwu_u,
                        c->mwu_p_slower,
                        c->mwu_p_faster,
                        c->mwu_p_two,
                        c->p_slower_bh,
                        c->p_faster_bh,
                        c->p_slower_holm};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        cr_assert(isfinite(v[i]), "field %zu is %g", i, v[i]);
    cr_assert(c->ratio > 0 && c->lower > 0 && c->ci_lo > 0);
    cr_assert(c->p_slower >= 0 && c->p_slower <= 1 && c->p_faster >= 0 &&
              c->p_faster <= 1 && c->p_two >= 0 && c->p_two <= 1);
    cr_assert(c->label >= BRUN_LABEL_INCONCLUSIVE &&
              c->label <= BRUN_LABEL_REGRESSED);
}

/* The settings these tests assume: benchrun's defaults at the time they
 * were written (the program's own come from its option table), with the
 * gate at x.  stats/ itself has no defaults. */
static struct brun_compare_settings settings(enum brun_compare_mode mode,
                                             double x)
{
    struct brun_compare_settings s = {
        .confidence = 0.95,
        .alpha_per_look = 0.05,
        .noise_floor = mode == BRUN_COMPARE_PAIRED ? 0.005 : 0.01,
        .fail_above = x,
        .session_noise = 0,
        .resamples = 2000,
        .seed = 0,
        .bootstrap = BRUN_BOOT_BCA,
        .stop_needs_label = 1,
    };
    return s;
}

static struct brun_suite_settings suite_settings(void)
{
    struct brun_suite_settings s = {.fdr = 0.05, .gate_alpha = 0.01};
    return s;
}

/* ---- the table ---------------------------------------------------- */

Test(verdict, label_table_follows_the_method)
{
    const double eps = 0.01;
    cr_assert_eq(brun_verdict_label(1.02, 1.08, eps), BRUN_LABEL_REGRESSED);
    cr_assert_eq(brun_verdict_label(1.0101, 1.5, eps), BRUN_LABEL_REGRESSED);
    cr_assert_eq(brun_verdict_label(0.90, 0.98, eps), BRUN_LABEL_IMPROVED);
    cr_assert_eq(brun_verdict_label(0.995, 1.005, eps), BRUN_LABEL_UNCHANGED);
    cr_assert_eq(brun_verdict_label(0.995, 1.02, eps), BRUN_LABEL_INCONCLUSIVE);
    cr_assert_eq(brun_verdict_label(0.98, 1.005, eps), BRUN_LABEL_INCONCLUSIVE);
    cr_assert_eq(brun_verdict_label(1.005, 1.02, eps), BRUN_LABEL_INCONCLUSIVE,
                 "significant but not beyond the noise floor");
    cr_assert_eq(brun_verdict_label(0.8, 1.3, eps), BRUN_LABEL_INCONCLUSIVE);
    cr_assert_eq(brun_verdict_label(1.01, 1.01, eps), BRUN_LABEL_INCONCLUSIVE,
                 "bounds exactly on the floor are not beyond it");
}

Test(verdict, gate_needs_significance_beyond_floor_and_point_beyond_threshold)
{
    cr_assert(brun_verdict_gate(1.02, 1.12, 0.01, 0.10));
    cr_assert(brun_verdict_gate(1.02, 1.10, 0.01, 0.10), "r = 1 + X fails");
    cr_assert(!brun_verdict_gate(1.02, 1.09, 0.01, 0.10), "point below X");
    cr_assert(!brun_verdict_gate(1.005, 1.30, 0.01, 0.10),
              "L within the floor");
    cr_assert(!brun_verdict_gate(1.5, 1.6, 0.01, 0.0), "X = 0: no gate");
    cr_assert(!brun_verdict_gate(1.5, 1.6, 0.01, -1.0), "X < 0: no gate");
}

Test(verdict, names_of_labels_and_modes)
{
    cr_assert_str_eq(brun_label_name(BRUN_LABEL_REGRESSED), "regressed");
    cr_assert_str_eq(brun_label_name(BRUN_LABEL_IMPROVED), "improved");
    cr_assert_str_eq(brun_label_name(BRUN_LABEL_UNCHANGED), "unchanged");
    cr_assert_str_eq(brun_label_name(BRUN_LABEL_INCONCLUSIVE), "inconclusive");
    cr_assert_str_eq(brun_compare_mode_name(BRUN_COMPARE_PAIRED), "paired");
    cr_assert_str_eq(brun_compare_mode_name(BRUN_COMPARE_INDEPENDENT),
                     "independent");
    cr_assert_str_eq(brun_stop_name(BRUN_STOP_FAIL), "fail");
}

Test(verdict, settings_left_unset_are_refused)
{
    /* No defaults hide in stats/: a caller that forgets a setting gets an
     * invalid comparison, not someone else's choice. */
    const double d[] = {0.01, 0.02, 0.015, 0.012, 0.018};
    struct brun_compare_settings unset;
    memset(&unset, 0, sizeof unset);
    struct brun_comparison c;
    cr_assert_eq(brun_compare_paired(d, 5, &unset, &c), -1);
    cr_assert_eq(c.valid, 0);
    struct brun_compare_settings s = settings(BRUN_COMPARE_PAIRED, 0.10);
    cr_assert_eq(brun_compare_paired(d, 5, &s, &c), 0);
    cr_assert_eq(c.valid, 1);
    struct brun_suite_settings none;
    memset(&none, 0, sizeof none);
    cr_assert_eq(brun_verdict_suite(&c, 1, &none, NULL), -1);
}

/* ---- single comparisons -------------------------------------------- */

Test(verdict, paired_ratio_and_intervals_are_exp_of_the_log_t_test)
{
    double d[12];
    exact_rounds(log(1.04), 0.02, 12, d);
    struct brun_compare_settings s = settings(BRUN_COMPARE_PAIRED, 0.10);
    struct brun_comparison c;
    cr_assert_eq(brun_compare_paired(d, 12, &s, &c), 0);
    assert_comparison_finite(&c);
    cr_assert_eq(c.valid, 1);
    cr_assert_eq(c.n_base, 12);
    cr_assert_eq(c.n_new, 12);
    cr_assert_float_eq(c.ratio, 1.04, 1e-12);
    cr_assert_float_eq(c.se_log, 0.02 / sqrt(12), 1e-12);
    cr_assert_float_eq(c.df, 11, 0);
    /* log-scale interval symmetric around log r */
    cr_assert_float_eq(log(c.ci_hi) - log(c.ratio), log(c.ratio) - log(c.ci_lo),
                       1e-12);
    cr_assert(c.ci_lo < c.lower && c.upper < c.ci_hi);
    cr_assert_float_eq(c.p_slower + c.p_faster, 1, 1e-12);
    cr_assert_eq(c.case_label, BRUN_LABEL_REGRESSED);
    cr_assert_eq(c.case_fails, 0);
    cr_assert_eq(c.boot_ok, 1);
    cr_assert(c.boot_lo < c.ratio && c.ratio < c.boot_hi);
    cr_assert_eq(c.mwu_computed, 0, "no rank test in paired mode");
    cr_assert_float_eq(c.mwu_p_two, 1, 0);
}

Test(verdict, independent_mode_adds_session_variance_and_reports_mann_whitney)
{
    double base[10], new[12];
    exact_rounds(3.0, 0.02, 10, base);
    exact_rounds(3.0 + log(1.2), 0.03, 12, new);
    struct brun_compare_settings s = settings(BRUN_COMPARE_INDEPENDENT, 0.10);
    struct brun_comparison a, b;
    cr_assert_eq(brun_compare_independent(base, 10, new, 12, &s, &a), 0);
    s.session_noise = 0.02;
    cr_assert_eq(brun_compare_independent(base, 10, new, 12, &s, &b), 0);
    assert_comparison_finite(&a);
    assert_comparison_finite(&b);
    cr_assert_float_eq(a.ratio, 1.2, 1e-12);
    cr_assert_float_eq(a.se_log * a.se_log, 0.0004 / 10 + 0.0009 / 12, 1e-15);
    cr_assert_float_eq(b.se_log * b.se_log, a.se_log * a.se_log + 0.0004,
                       1e-15);
    cr_assert_lt(b.lower, a.lower);
    cr_assert_eq(a.n_base, 10);
    cr_assert_eq(a.n_new, 12);
    cr_assert_eq(a.mwu_computed, 1);
    cr_assert_lt(a.mwu_p_slower, 1e-4, "every new round is slower");
    cr_assert_gt(a.mwu_p_faster, 0.99);
    cr_assert_eq(a.case_label, BRUN_LABEL_REGRESSED);
    cr_assert_eq(a.case_fails, 1);
}

Test(verdict, clear_20_percent_slowdown_regresses_and_fails_at_10_percent)
{
    struct brun_rng *r = brun_rng_new(20);
    double d[8], base[8], new[8];
    paired_rounds(r, log(1.2), 0.01, 8, d);
    side_rounds(r, 3.0, 0.01, 8, base);
    side_rounds(r, 3.0 + log(1.2), 0.01, 8, new);
    struct brun_compare_settings sp = settings(BRUN_COMPARE_PAIRED, 0.10);
    struct brun_compare_settings si = settings(BRUN_COMPARE_INDEPENDENT, 0.10);
    struct brun_comparison c[2];
    cr_assert_eq(brun_compare_paired(d, 8, &sp, &c[0]), 0);
    cr_assert_eq(brun_compare_independent(base, 8, new, 8, &si, &c[1]), 0);
    for (int k = 0; k < 2; k++) {
        assert_comparison_finite(&c[k]);
        cr_assert(c[k].ratio > 1.15 && c[k].ratio < 1.25, "%g", c[k].ratio);
        cr_assert_eq(c[k].case_label, BRUN_LABEL_REGRESSED);
        cr_assert_eq(c[k].case_fails, 1);
        cr_assert_lt(c[k].p_slower, 1e-6);
    }
    cr_assert_eq(brun_verdict_stop(&c[0], &sp), BRUN_STOP_FAIL);
    struct brun_suite_settings ss;
    ss = suite_settings();
    cr_assert_eq(brun_verdict_suite(c, 2, &ss, NULL), 0);
    cr_assert_eq(c[0].fails, 1);
    cr_assert_eq(c[1].fails, 1);
    cr_assert_eq(c[0].label, BRUN_LABEL_REGRESSED);
    brun_rng_free(r);
}

Test(verdict, five_percent_slowdown_regresses_without_failing_at_10_percent)
{
    struct brun_rng *r = brun_rng_new(5);
    double d[16];
    paired_rounds(r, log(1.05), 0.005, 16, d);
    struct brun_compare_settings s = settings(BRUN_COMPARE_PAIRED, 0.10);
    struct brun_comparison c;
    cr_assert_eq(brun_compare_paired(d, 16, &s, &c), 0);
    cr_assert_eq(c.case_label, BRUN_LABEL_REGRESSED);
    cr_assert_eq(c.case_fails, 0);
    cr_assert_lt(c.upper, 1.10);
    cr_assert_eq(brun_verdict_stop(&c, &s), BRUN_STOP_EXCLUDED,
                 "a slowdown beyond X is excluded and the label is known");
    struct brun_suite_settings ss;
    ss = suite_settings();
    cr_assert_eq(brun_verdict_suite(&c, 1, &ss, NULL), 0);
    cr_assert_eq(c.label, BRUN_LABEL_REGRESSED);
    cr_assert_eq(c.fails, 0);
    brun_rng_free(r);
}

Test(verdict, identical_samples_are_unchanged)
{
    const double zeros[6] = {0};
    const double same[5] = {3.1, 3.1, 3.1, 3.1, 3.1};
    struct brun_compare_settings sp = settings(BRUN_COMPARE_PAIRED, 0.10);
    struct brun_compare_settings si = settings(BRUN_COMPARE_INDEPENDENT, 0.10);
    struct brun_comparison c;
    cr_assert_eq(brun_compare_paired(zeros, 6, &sp, &c), 0);
    assert_comparison_finite(&c);
    cr_assert_float_eq(c.ratio, 1, 0);
    cr_assert_float_eq(c.p_two, 1, 0);
    cr_assert_float_eq(c.mde, 0, 0);
    cr_assert_eq(c.case_label, BRUN_LABEL_UNCHANGED);
    cr_assert_eq(c.case_fails, 0);
    cr_assert_eq(brun_compare_independent(same, 5, same, 5, &si, &c), 0);
    assert_comparison_finite(&c);
    cr_assert_eq(c.case_label, BRUN_LABEL_UNCHANGED);
    cr_assert_float_eq(c.p_slower, 1, 0);
    cr_assert_float_eq(c.mwu_p_two, 1, 0);
}

Test(verdict, degenerate_inputs_never_produce_nan)
{
    const double one[] = {0.3};
    const double constant[] = {0.2, 0.2, 0.2, 0.2};
    const double bad[] = {0.1, NAN, 0.2};
    const double huge[] = {800, 900, 1000};
    const double tiny[] = {-800, -900, -1000};
    struct brun_compare_settings sp = settings(BRUN_COMPARE_PAIRED, 0.10);
    struct brun_compare_settings si = settings(BRUN_COMPARE_INDEPENDENT, 0.10);
    struct brun_comparison c[9];
    cr_assert_eq(brun_compare_paired(one, 0, &sp, &c[0]), -1);
    cr_assert_eq(brun_compare_paired(one, 1, &sp, &c[1]), -1);
    cr_assert_eq(brun_compare_paired(bad, 3, &sp, &c[2]), -1);
    cr_assert_eq(brun_compare_paired(constant, 4, &sp, &c[3]), 0);
    cr_assert_eq(brun_compare_independent(one, 1, constant, 4, &si, &c[4]), -1);
    cr_assert_eq(brun_compare_independent(constant, 4, constant, 4, &si, &c[5]),
                 0);
    cr_assert_eq(brun_compare_independent(constant, 4, bad, 3, &si, &c[6]), -1);
    cr_assert_eq(brun_compare_independent(tiny, 3, huge, 3, &si, &c[7]), 0);
    struct brun_compare_settings wrong = sp;
    wrong.alpha_per_look = 0.7;
    cr_assert_eq(brun_compare_paired(constant, 4, &wrong, &c[8]), -1);
    for (int k = 0; k < 9; k++) {
        assert_comparison_finite(&c[k]);
        if (k == 3 || k == 5 || k == 7)
            continue;
        cr_assert_eq(c[k].valid, 0, "case %d", k);
        cr_assert_eq(c[k].case_label, BRUN_LABEL_INCONCLUSIVE, "case %d", k);
        cr_assert_float_eq(c[k].p_two, 1, 0);
        cr_assert_eq(brun_verdict_stop(&c[k], &sp), BRUN_STOP_CONTINUE);
    }
    cr_assert_float_eq(c[1].ratio, exp(0.3), 1e-12,
                       "n = 1 still reports its ratio");
    cr_assert_float_eq(c[4].ratio, exp(0.2 - 0.3), 1e-12);
    cr_assert_float_eq(c[6].ratio, 1, 0, "no finite mean on one side: ratio 1");
    struct brun_comparison empty;
    cr_assert_eq(brun_compare_independent(constant, 0, huge, 3, &si, &empty),
                 -1);
    assert_comparison_finite(&empty);
    cr_assert_float_eq(empty.ratio, 1, 0, "an empty side gives no ratio");
    /* all rounds 0.2 apart: zero variance, a definite slowdown */
    cr_assert_eq(c[3].valid, 1);
    cr_assert_float_eq(c[3].p_slower, 0, 0);
    cr_assert_float_eq(c[3].lower, exp(0.2), 1e-12);
    cr_assert_eq(c[3].case_fails, 1);
    struct brun_suite_settings ss;
    ss = suite_settings();
    struct brun_suite_counts counts;
    cr_assert_eq(brun_verdict_suite(c, 9, &ss, &counts), 0);
    for (int k = 0; k < 9; k++)
        assert_comparison_finite(&c[k]);
    cr_assert_eq(counts.regressed + counts.improved + counts.unchanged +
                     counts.inconclusive,
                 9);
}

/* ---- the suite decision -------------------------------------------- */

/* m paired cases of 10 rounds: case 0 has log mean `mean0` and SD of the
 * log differences `sd0`; the others are nulls (mean 0, sd 0.01). */
static void suite_of(size_t m, double mean0, double sd0, double x,
                     struct brun_comparison *c)
{
    struct brun_compare_settings s = settings(BRUN_COMPARE_PAIRED, x);
    double d[10];
    for (size_t k = 0; k < m; k++) {
        exact_rounds(k == 0 ? mean0 : 0.0, k == 0 ? sd0 : 0.01, 10, d);
        cr_assert_eq(brun_compare_paired(d, 10, &s, &c[k]), 0);
    }
}

Test(verdict, bh_demotes_a_marginal_case_among_twenty)
{
    /* t = 2.4 on 9 df: p_slower ~ 0.02, L > 1 + eps: regressed on its own,
     * but BH over 20 cases needs p <= 0.05 / 20. */
    struct brun_comparison c[20];
    struct brun_suite_settings ss;
    ss = suite_settings();
    suite_of(1, 0.03, 0.0125 * sqrt(10), 0, c);
    cr_assert(c[0].p_slower > 0.0025 && c[0].p_slower < 0.05, "%g",
              c[0].p_slower);
    cr_assert_eq(c[0].case_label, BRUN_LABEL_REGRESSED);
    cr_assert_eq(brun_verdict_suite(c, 1, &ss, NULL), 0);
    cr_assert_eq(c[0].label, BRUN_LABEL_REGRESSED, "a family of one keeps it");

    suite_of(20, 0.03, 0.0125 * sqrt(10), 0, c);
    struct brun_suite_counts counts;
    cr_assert_eq(brun_verdict_suite(c, 20, &ss, &counts), 0);
    cr_assert_eq(c[0].case_label, BRUN_LABEL_REGRESSED, "per-case label kept");
    cr_assert_eq(c[0].label, BRUN_LABEL_INCONCLUSIVE);
    /* BH-adjusted: min(20 p / 1, the nulls' 20 * 0.5 / 20) */
    cr_assert_float_eq(c[0].p_slower_bh, fmin(20 * c[0].p_slower, 0.5), 1e-12);
    cr_assert_eq(counts.regressed, 0);
    cr_assert_eq(counts.inconclusive + counts.unchanged, 20);

    /* the same for an improvement */
    suite_of(20, -0.03, 0.0125 * sqrt(10), 0, c);
    cr_assert_eq(c[0].case_label, BRUN_LABEL_IMPROVED);
    cr_assert_eq(brun_verdict_suite(c, 20, &ss, &counts), 0);
    cr_assert_eq(c[0].label, BRUN_LABEL_INCONCLUSIVE);
    cr_assert_eq(counts.improved, 0);
}

Test(verdict, bh_keeps_a_strong_case_among_twenty)
{
    struct brun_comparison c[20];
    struct brun_suite_settings ss;
    ss = suite_settings();
    suite_of(20, 0.05, 0.01, 0, c);
    cr_assert_lt(c[0].p_slower, 1e-6);
    cr_assert_eq(brun_verdict_suite(c, 20, &ss, NULL), 0);
    cr_assert_eq(c[0].label, BRUN_LABEL_REGRESSED);
    cr_assert_lt(c[0].p_slower_bh, 0.05);
    cr_assert_geq(c[0].p_slower_bh, c[0].p_slower);
    for (int k = 1; k < 20; k++)
        cr_assert_neq(c[k].label, BRUN_LABEL_REGRESSED);
}

Test(verdict, holm_gate_needs_family_wise_significance)
{
    struct brun_comparison c[20];
    struct brun_suite_settings ss;
    ss = suite_settings();
    /* r = 1.16, t = 3.5 on 9 df, p ~ 0.0034: fails alone (<= 0.01), not
     * among 20 (Holm needs <= 0.0005). */
    suite_of(1, 0.15, 0.043 * sqrt(10), 0.10, c);
    cr_assert(c[0].p_slower > 0.0005 && c[0].p_slower < 0.01, "%g",
              c[0].p_slower);
    cr_assert_eq(c[0].case_fails, 1);
    cr_assert_eq(brun_verdict_suite(c, 1, &ss, NULL), 0);
    cr_assert_eq(c[0].fails, 1);

    suite_of(20, 0.15, 0.043 * sqrt(10), 0.10, c);
    struct brun_suite_counts counts;
    cr_assert_eq(brun_verdict_suite(c, 20, &ss, &counts), 0);
    cr_assert_eq(c[0].case_fails, 1);
    cr_assert_eq(c[0].fails, 0);
    cr_assert_eq(counts.failed, 0);
    cr_assert_float_eq(c[0].p_slower_holm, 20 * c[0].p_slower, 1e-12);

    /* p ~ 0.001: BH (<= 0.0025) keeps "regressed", Holm still does not fail. */
    suite_of(20, 0.15, 0.035 * sqrt(10), 0.10, c);
    cr_assert(c[0].p_slower > 0.0005 && c[0].p_slower < 0.0025, "%g",
              c[0].p_slower);
    cr_assert_eq(brun_verdict_suite(c, 20, &ss, NULL), 0);
    cr_assert_eq(c[0].label, BRUN_LABEL_REGRESSED);
    cr_assert_eq(c[0].fails, 0);
}

Test(verdict, a_a_suites_flag_rarely_and_never_fail)
{
    /* BH keeps each direction's list of claims at FDR q; under pure A/A
     * every claim is false, so a suite shows a "regressed" (or an
     * "improved") label with probability at most q. */
    enum {
        SUITES = 400,
        M = 20,
        N = 8
    };
    struct brun_rng *r = brun_rng_new(424242);
    struct brun_compare_settings s = settings(BRUN_COMPARE_PAIRED, 0.10);
    s.resamples = BRUN_BOOT_MIN_RESAMPLES; /* the bootstrap is not under test */
    struct brun_suite_settings ss;
    ss = suite_settings();
    struct brun_comparison c[M];
    double d[N];
    int slower = 0, faster = 0, raw_flags = 0, fails = 0;
    for (int k = 0; k < SUITES; k++) {
        for (int i = 0; i < M; i++) {
            paired_rounds(r, 0.0, 0.01, N, d);
            cr_assert_eq(brun_compare_paired(d, N, &s, &c[i]), 0);
            raw_flags += c[i].case_label == BRUN_LABEL_REGRESSED ||
                         c[i].case_label == BRUN_LABEL_IMPROVED;
        }
        struct brun_suite_counts counts;
        cr_assert_eq(brun_verdict_suite(c, M, &ss, &counts), 0);
        slower += counts.regressed > 0;
        faster += counts.improved > 0;
        fails += (int)counts.failed;
    }
    double raw = (double)raw_flags / (SUITES * M);
    double fs = (double)slower / SUITES, ff = (double)faster / SUITES;
    note("A/A, %d suites of %d: per-case flags before BH %.4f; suites with a "
         "regressed label %.4f, with an improved label %.4f",
         SUITES, M, raw, fs, ff);
    cr_assert_eq(fails, 0);
    cr_assert_gt(raw * M, 0.1, "BH must have raw flags to remove");
    cr_assert_leq(fs, 0.075, "suites with a false regression: %.4f", fs);
    cr_assert_leq(ff, 0.075, "suites with a false improvement: %.4f", ff);
    brun_rng_free(r);
}

/* ---- stopping ------------------------------------------------------ */

Test(verdict, stop_rule_follows_the_documented_cases)
{
    double d[8];
    struct brun_comparison c;
    struct brun_compare_settings s = settings(BRUN_COMPARE_PAIRED, 0.10);

    exact_rounds(0.0, 0.002, 8, d); /* tight A/A: unchanged, U < 1 + X */
    brun_compare_paired(d, 8, &s, &c);
    cr_assert_eq(c.case_label, BRUN_LABEL_UNCHANGED);
    cr_assert_eq(brun_verdict_stop(&c, &s), BRUN_STOP_EXCLUDED);

    exact_rounds(0.0, 0.05, 8, d); /* noisy A/A: U < 1 + X, label unknown */
    brun_compare_paired(d, 8, &s, &c);
    cr_assert_eq(c.case_label, BRUN_LABEL_INCONCLUSIVE);
    cr_assert_lt(c.upper, 1.10);
    cr_assert_eq(brun_verdict_stop(&c, &s), BRUN_STOP_CONTINUE);
    s.stop_needs_label = 0;
    cr_assert_eq(brun_verdict_stop(&c, &s), BRUN_STOP_EXCLUDED);
    s.stop_needs_label = 1;

    exact_rounds(0.0, 0.3, 8, d); /* very noisy: U beyond X */
    brun_compare_paired(d, 8, &s, &c);
    cr_assert_gt(c.upper, 1.10);
    cr_assert_eq(brun_verdict_stop(&c, &s), BRUN_STOP_CONTINUE);

    /* regressed below X, U above X, se <= X / 4 */
    s.fail_above = 0.05;
    exact_rounds(0.045, 0.01 * sqrt(8), 8, d);
    brun_compare_paired(d, 8, &s, &c);
    cr_assert_eq(c.case_label, BRUN_LABEL_REGRESSED);
    cr_assert_eq(c.case_fails, 0);
    cr_assert_geq(c.upper, 1.05);
    cr_assert_leq(c.se_log, 0.05 / 4);
    cr_assert_eq(brun_verdict_stop(&c, &s), BRUN_STOP_PRECISE);
    s.fail_above = 0.02; /* the same data now fails */
    brun_compare_paired(d, 8, &s, &c);
    cr_assert_eq(brun_verdict_stop(&c, &s), BRUN_STOP_FAIL);

    /* no gate: stop once the label is known */
    s.fail_above = 0;
    brun_compare_paired(d, 8, &s, &c);
    cr_assert_eq(brun_verdict_stop(&c, &s), BRUN_STOP_DETERMINED);
    exact_rounds(0.0, 0.05, 8, d);
    brun_compare_paired(d, 8, &s, &c);
    cr_assert_eq(brun_verdict_stop(&c, &s), BRUN_STOP_CONTINUE);
}

/* ---- simulations: coverage and power ------------------------------- */

struct cover {
    int trials, two_sided, lower, boot;
};

/* Paired: `trials` runs of n rounds with true ratio `ratio`. */
static struct cover cover_paired(uint64_t seed, size_t n, int trials,
                                 double ratio, size_t resamples)
{
    struct brun_rng *r = brun_rng_new(seed);
    struct brun_compare_settings s = settings(BRUN_COMPARE_PAIRED, 0);
    s.resamples = resamples;
    struct cover k = {trials, 0, 0, 0};
    double d[64];
    for (int t = 0; t < trials; t++) {
        paired_rounds(r, log(ratio), 0.01, n, d);
        s.seed = (uint64_t)t;
        struct brun_comparison c;
        cr_assert_eq(brun_compare_paired(d, n, &s, &c), 0);
        k.two_sided += c.ci_lo <= ratio && ratio <= c.ci_hi;
        k.lower += c.lower <= ratio;
        k.boot += c.boot_lo <= ratio && ratio <= c.boot_hi;
    }
    brun_rng_free(r);
    return k;
}

/* Independent: base nb rounds (noise 2 %), new nn rounds (noise 3 %),
 * an optional session offset of SD `offset` on the base side, analysed
 * with sigma_sess. */
static struct cover cover_independent(uint64_t seed, size_t nb, size_t nn,
                                      int trials, double ratio, double offset,
                                      double sigma_sess, size_t resamples)
{
    struct brun_rng *r = brun_rng_new(seed);
    struct brun_compare_settings s = settings(BRUN_COMPARE_INDEPENDENT, 0);
    s.resamples = resamples;
    s.session_noise = sigma_sess;
    struct cover k = {trials, 0, 0, 0};
    double base[64], new[64];
    for (int t = 0; t < trials; t++) {
        double session = offset > 0 ? brun_rng_gaussian(r, offset) : 0.0;
        side_rounds(r, 5.0 + session, 0.02, nb, base);
        side_rounds(r, 5.0 + log(ratio), 0.03, nn, new);
        s.seed = (uint64_t)t;
        struct brun_comparison c;
        cr_assert_eq(brun_compare_independent(base, nb, new, nn, &s, &c), 0);
        k.two_sided += c.ci_lo <= ratio && ratio <= c.ci_hi;
        k.lower += c.lower <= ratio;
        k.boot += c.boot_lo <= ratio && ratio <= c.boot_hi;
    }
    brun_rng_free(r);
    return k;
}

/* Bootstrap resamples where the bootstrap is not under test. */
#define FEW BRUN_BOOT_MIN_RESAMPLES

static double share(int hits, int trials)
{
    return (double)hits / trials;
}

Test(verdict, paired_t_interval_covers_true_ratio_at_nominal_rate)
{
    const size_t ns[] = {8, 16};
    for (int i = 0; i < 2; i++) {
        struct cover k = cover_paired(1000 + i, ns[i], 2000, 1.03, FEW);
        double two = share(k.two_sided, k.trials),
               one = share(k.lower, k.trials);
        note("paired n=%zu: t 95%% CI coverage %.4f, one-sided L coverage %.4f",
             ns[i], two, one);
        cr_assert(two >= 0.93 && two <= 0.97, "n=%zu two-sided %.4f", ns[i],
                  two);
        cr_assert(one >= 0.93 && one <= 0.97, "n=%zu one-sided %.4f", ns[i],
                  one);
    }
}

Test(verdict, welch_interval_covers_true_ratio_at_nominal_rate)
{
    struct cover k = cover_independent(2000, 10, 12, 2000, 0.97, 0, 0, FEW);
    double two = share(k.two_sided, k.trials), one = share(k.lower, k.trials);
    note(
        "independent 10/12: t 95%% CI coverage %.4f, one-sided L coverage %.4f",
        two, one);
    cr_assert(two >= 0.93 && two <= 0.97, "two-sided %.4f", two);
    cr_assert(one >= 0.93 && one <= 0.97, "one-sided %.4f", one);
}

Test(verdict, session_variance_term_restores_coverage_of_saved_baselines)
{
    struct cover naive =
        cover_independent(3000, 10, 10, 2000, 1.0, 0.02, 0, FEW);
    struct cover fixed =
        cover_independent(3000, 10, 10, 2000, 1.0, 0.02, 0.02, FEW);
    double a = share(naive.two_sided, naive.trials);
    double b = share(fixed.two_sided, fixed.trials);
    note("2 %% session offset: coverage %.4f without sigma_sess, %.4f with", a,
         b);
    cr_assert_lt(a, 0.85, "ignoring the session offset must under-cover");
    cr_assert(b >= 0.93 && b <= 0.97, "with sigma_sess %.4f", b);
}

Test(verdict, bootstrap_cross_check_covers_roughly_at_nominal_rate)
{
    /* Bootstrap intervals under-cover with few rounds (stats-methods.md
     * §3.4), hence the looser band and 16 rounds; n = 8 is only logged. */
    struct cover p16 = cover_paired(4000, 16, 2000, 1.03, 500);
    struct cover p8 = cover_paired(4001, 8, 1000, 1.03, 500);
    struct cover i16 = cover_independent(4002, 16, 16, 2000, 1.03, 0, 0, 500);
    double a = share(p16.boot, p16.trials), b = share(p8.boot, p8.trials),
           c = share(i16.boot, i16.trials);
    note("BCa bootstrap 95%% coverage: paired n=16 %.4f, paired n=8 %.4f, "
         "independent 16/16 %.4f",
         a, b, c);
    cr_assert(a >= 0.90 && a <= 0.98, "paired n=16 %.4f", a);
    cr_assert(c >= 0.90 && c <= 0.98, "independent %.4f", c);
    cr_assert(b >= 0.85 && b <= 0.98, "paired n=8 %.4f", b);
}

Test(verdict, mde_is_the_effect_detected_with_80_percent_power)
{
    enum {
        N = 16,
        TRIALS = 2000
    };
    const double sd = 0.02; /* SD of the log differences */
    double d[N];
    struct brun_compare_settings s = settings(BRUN_COMPARE_PAIRED, 0);
    s.resamples = BRUN_BOOT_MIN_RESAMPLES;
    struct brun_comparison c, c32;
    exact_rounds(0.0, sd, N, d);
    cr_assert_eq(brun_compare_paired(d, N, &s, &c), 0);
    double d32[32];
    exact_rounds(0.0, sd, 32, d32);
    cr_assert_eq(brun_compare_paired(d32, 32, &s, &c32), 0);
    cr_assert_lt(c32.mde, c.mde, "more rounds detect smaller effects");
    cr_assert(c.mde > 2.5 * sd / sqrt(N) && c.mde < 3.5 * sd / sqrt(N), "%g",
              c.mde);

    struct brun_rng *r = brun_rng_new(8080);
    int detected = 0;
    for (int t = 0; t < TRIALS; t++) {
        for (int i = 0; i < N; i++)
            d[i] = log1p(c.mde) + brun_rng_gaussian(r, sd);
        struct brun_comparison x;
        cr_assert_eq(brun_compare_paired(d, N, &s, &x), 0);
        detected += x.p_slower < s.alpha_per_look;
    }
    double power = share(detected, TRIALS);
    note("MDE %.4f at n=%d: simulated power %.4f", c.mde, N, power);
    cr_assert(power >= 0.74 && power <= 0.86, "power %.4f", power);
    brun_rng_free(r);
}
