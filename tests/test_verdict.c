/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * test_verdict.c: the per-case comparison (Yuen's trimmed t, the
 * crossover term, the session noise), the label table with "ok", the
 * suite decision (the FCR-level interval that the labels read, the Holm
 * gate), the suite-aware stopping rule, and seeded simulations of
 * interval coverage, A/A behaviour, power and the minimum detectable
 * change.
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
    cr_assert(c->label >= BRUN_LABEL_INCONCLUSIVE && c->label <= BRUN_LABEL_OK);
}

/* The settings these tests assume: a one-case suite read at one-sided
 * alpha 0.025 over one look, noise floor 0.5 % (1 % saved), gate x.
 * stats/ itself has no defaults. */
static struct brun_compare_settings settings(enum brun_compare_mode mode,
                                             double x)
{
    struct brun_compare_settings s = {
        .alpha = 0.025,
        .look_share = 1,
        .family = 1,
        .fdr = 0.05,
        .gate_alpha = 0.01,
        .noise_floor = mode == BRUN_COMPARE_PAIRED ? 0.005 : 0.01,
        .fail_above = x,
        .margin = x > 0 ? x : 0.05,
        .session_noise = 0,
        .session_noise_df = INFINITY,
        .confidence = 0.95,
        .resamples = 2000,
        .seed = 0,
        .bootstrap = BRUN_BOOT_BCA,
    };
    return s;
}

/* Paired settings for a case of an m-case suite, read at R = 1. */
static struct brun_compare_settings in_suite_of(size_t m)
{
    struct brun_compare_settings s = settings(BRUN_COMPARE_PAIRED, 0.05);
    s.family = m;
    s.alpha = s.fdr / (2.0 * (double)m);
    return s;
}

static struct brun_suite_settings suite_settings(void)
{
    struct brun_suite_settings s = {.fdr = 0.05, .gate_alpha = 0.01};
    return s;
}

/* Bootstrap resamples where the bootstrap is not under test. */
#define FEW BRUN_BOOT_MIN_RESAMPLES

static double share(int hits, int trials)
{
    return (double)hits / trials;
}

/* ---- the table ---------------------------------------------------- */

Test(verdict, label_table_follows_the_method)
{
    const double eps = 0.01, m = 0.05;
    cr_assert_eq(brun_verdict_label(1.02, 1.08, eps, m), BRUN_LABEL_REGRESSED);
    cr_assert_eq(brun_verdict_label(0.90, 0.98, eps, m), BRUN_LABEL_IMPROVED);
    cr_assert_eq(brun_verdict_label(0.995, 1.005, eps, m),
                 BRUN_LABEL_UNCHANGED);
    cr_assert_eq(brun_verdict_label(0.97, 1.04, eps, m), BRUN_LABEL_OK,
                 "a slowdown beyond the margin is excluded");
    cr_assert_eq(brun_verdict_label(1.005, 1.049, eps, m), BRUN_LABEL_OK);
    cr_assert_eq(brun_verdict_label(0.97, 1.05, eps, m),
                 BRUN_LABEL_INCONCLUSIVE, "U = 1 + M does not exclude M");
    cr_assert_eq(brun_verdict_label(0.8, 1.3, eps, m), BRUN_LABEL_INCONCLUSIVE);
    cr_assert_eq(brun_verdict_label(1.02, 1.04, eps, m), BRUN_LABEL_REGRESSED,
                 "a significant slowdown below the margin is still regressed");
}

Test(verdict, gate_needs_significance_beyond_floor_and_point_beyond_threshold)
{
    cr_assert(brun_verdict_gate(1.02, 1.12, 0.01, 0.10));
    cr_assert(brun_verdict_gate(1.02, 1.10, 0.01, 0.10), "r = 1 + X fails");
    cr_assert(!brun_verdict_gate(1.02, 1.09, 0.01, 0.10), "point below X");
    cr_assert(!brun_verdict_gate(1.005, 1.30, 0.01, 0.10),
              "L inside the noise floor");
    cr_assert(!brun_verdict_gate(1.5, 1.6, 0.01, 0.0), "X = 0: no gate");
}

Test(verdict, names_of_labels_and_modes)
{
    cr_assert_str_eq(brun_label_name(BRUN_LABEL_OK), "ok");
    cr_assert_str_eq(brun_label_name(BRUN_LABEL_REGRESSED), "regressed");
    cr_assert_str_eq(brun_label_name(BRUN_LABEL_INCONCLUSIVE), "inconclusive");
    cr_assert_str_eq(brun_label_name((enum brun_label)99), "?");
    cr_assert_str_eq(brun_compare_mode_name(BRUN_COMPARE_PAIRED), "paired");
    cr_assert_str_eq(brun_stop_name(BRUN_STOP_EXCLUDED), "excluded");
}

Test(verdict, settings_left_unset_are_refused)
{
    struct brun_compare_settings unset = {0};
    struct brun_comparison c;
    double d[5] = {0.01, 0.02, 0.0, 0.01, 0.015};
    cr_assert_eq(brun_compare_paired(d, 5, &unset, &c), -1);
    cr_assert_eq(c.valid, 0);
    struct brun_compare_settings s = settings(BRUN_COMPARE_PAIRED, 0.05);
    cr_assert_eq(brun_compare_paired(d, 5, &s, &c), 0);
    s.margin = 0;
    cr_assert_eq(brun_compare_paired(d, 5, &s, &c), -1, "no margin");
    struct brun_suite_settings none = {0};
    cr_assert_eq(brun_verdict_suite(&c, 1, &none, NULL), -1);
}

/* ---- the statistic ------------------------------------------------- */

Test(verdict, paired_ratio_is_exp_of_the_trimmed_mean_and_ignores_slow_rounds)
{
    /* Ten rounds at +3 %, two of them disturbed by +25 %: the trimmed
     * mean drops both, the mean would not. */
    double d[10];
    for (int i = 0; i < 10; i++)
        d[i] = log(1.03) + 0.002 * (i % 5 - 2);
    d[3] += log(1.25);
    d[7] += log(1.25);
    struct brun_compare_settings s = settings(BRUN_COMPARE_PAIRED, 0.05);
    struct brun_comparison c;
    cr_assert_eq(brun_compare_paired(d, 10, &s, &c), 0);
    cr_assert_float_eq(c.ratio, 1.03, 0.002, "ratio %g", c.ratio);
    cr_assert_eq(c.case_label, BRUN_LABEL_REGRESSED);
    cr_assert_eq(c.df, 5, "df = h - 1 = 10 - 4 - 1");
    cr_assert_float_eq(c.ci_lo, c.lower, 1e-15, "one interval");
    cr_assert_float_eq(c.ci_hi, c.upper, 1e-15);
    cr_assert_float_eq(c.confidence, 0.95, 1e-12);
    assert_comparison_finite(&c);
}

Test(verdict, crossover_term_removes_an_order_effect)
{
    /* No change, but the worker that runs second is 2 % faster: the
     * plain statistic sees noise of +-2 %, the crossover none. */
    enum {
        N = 20
    };
    double d[N];
    unsigned char second_new[N];
    struct brun_rng *r = brun_rng_new(77);
    for (int i = 0; i < N; i++) {
        second_new[i] =
            (unsigned char)(i % 2 ? !second_new[i - 1] : brun_rng_below(r, 2));
        d[i] = (second_new[i] ? -0.02 : 0.02) + brun_rng_gaussian(r, 0.002);
    }
    brun_rng_free(r);
    struct brun_compare_settings s = settings(BRUN_COMPARE_PAIRED, 0.05);
    struct brun_comparison plain, cross;
    cr_assert_eq(brun_compare_paired(d, N, &s, &plain), 0);
    s.second_new = second_new;
    cr_assert_eq(brun_compare_paired(d, N, &s, &cross), 0);
    note("order effect %.4f (se %.4f, p %.2g); se plain %.4f, crossover %.4f",
         cross.order_effect, cross.order_se, cross.order_p, plain.se_log,
         cross.se_log);
    cr_assert(cross.order_estimated);
    cr_assert(cross.order_removed);
    cr_assert_float_eq(cross.order_effect, 0.02, 0.003);
    cr_assert_lt(cross.order_p, 0.001);
    cr_assert_lt(cross.se_log, plain.se_log / 3);
    cr_assert_eq(cross.case_label, BRUN_LABEL_UNCHANGED);
    cr_assert_neq(plain.case_label, BRUN_LABEL_UNCHANGED);
}

Test(verdict, independent_mode_adds_estimated_session_noise_with_its_df)
{
    double base[10], new[12];
    exact_rounds(5.0, 0.01, 10, base);
    exact_rounds(5.0 + log(1.02), 0.01, 12, new);
    struct brun_compare_settings s = settings(BRUN_COMPARE_INDEPENDENT, 0.05);
    struct brun_comparison none, assumed, estimated;
    cr_assert_eq(brun_compare_independent(base, 10, new, 12, &s, &none), 0);
    s.session_noise = 0.02;
    cr_assert_eq(brun_compare_independent(base, 10, new, 12, &s, &assumed), 0);
    s.session_noise_df = 2;
    cr_assert_eq(brun_compare_independent(base, 10, new, 12, &s, &estimated),
                 0);
    cr_assert_gt(assumed.se_log, none.se_log);
    cr_assert_float_eq(assumed.se_log, estimated.se_log, 1e-12);
    cr_assert_lt(estimated.df, assumed.df, "few sessions: few df");
    cr_assert_lt(estimated.lower, assumed.lower, "and a wider interval");
    cr_assert(none.mwu_computed);
    cr_assert_eq(estimated.session_noise_df, 2);
    assert_comparison_finite(&estimated);
}

Test(verdict, saved_mode_without_history_gates_only_beyond_the_wide_margin)
{
    double base[10], new[10];
    exact_rounds(5.0, 0.01, 10, base);
    exact_rounds(5.0 + log(1.12), 0.01, 10, new);
    struct brun_compare_settings s = settings(BRUN_COMPARE_INDEPENDENT, 0.05);
    struct brun_comparison c;
    cr_assert_eq(brun_compare_independent(base, 10, new, 10, &s, &c), 0);
    cr_assert(c.case_fails, "+12 %% with history fails");
    s.gate_needs_history = 1;
    cr_assert_eq(brun_compare_independent(base, 10, new, 10, &s, &c), 0);
    cr_assert_eq(c.case_label, BRUN_LABEL_REGRESSED, "still labelled");
    cr_assert(!c.case_fails, "but below +20 %% it does not gate");
    exact_rounds(5.0 + log(1.40), 0.01, 10, new);
    cr_assert_eq(brun_compare_independent(base, 10, new, 10, &s, &c), 0);
    cr_assert(c.case_fails, "+40 %% fails even without history");
}

Test(verdict, degenerate_inputs_never_produce_nan)
{
    const double one[1] = {0.1}, bad[3] = {0.1, NAN, 0.2};
    const double constant[4] = {0.02, 0.02, 0.02, 0.02};
    const double huge[3] = {700, 701, 702}, tiny[3] = {-700, -701, -702};
    struct brun_compare_settings sp = settings(BRUN_COMPARE_PAIRED, 0.05);
    struct brun_compare_settings si = settings(BRUN_COMPARE_INDEPENDENT, 0.05);
    struct brun_comparison c[7];
    cr_assert_eq(brun_compare_paired(one, 0, &sp, &c[0]), -1);
    cr_assert_eq(brun_compare_paired(one, 1, &sp, &c[1]), -1);
    cr_assert_eq(brun_compare_paired(bad, 3, &sp, &c[2]), -1);
    cr_assert_eq(brun_compare_paired(constant, 4, &sp, &c[3]), 0);
    cr_assert_eq(brun_compare_independent(one, 1, constant, 4, &si, &c[4]), -1);
    cr_assert_eq(brun_compare_independent(constant, 4, bad, 3, &si, &c[5]), -1);
    cr_assert_eq(brun_compare_independent(tiny, 3, huge, 3, &si, &c[6]), 0);
    for (int k = 0; k < 7; k++) {
        assert_comparison_finite(&c[k]);
        if (!c[k].valid)
            cr_assert_eq(brun_verdict_stop(&c[k], &sp), BRUN_STOP_CONTINUE);
    }
    cr_assert_eq(c[6].case_label, BRUN_LABEL_REGRESSED,
                 "an absurd slowdown is never 'unchanged'");
    struct brun_suite_counts counts;
    cr_assert_eq(brun_verdict_suite(
                     c, 7, &(struct brun_suite_settings){0.05, 0.01}, &counts),
                 0);
    for (int k = 0; k < 7; k++)
        assert_comparison_finite(&c[k]);
}

Test(verdict, an_order_effect_from_five_rounds_per_order_is_not_removed)
{
    /* Seen on memcpy-like cases: processes fall into two speeds, and by
     * chance the fast ones all ran in one order.  With five rounds per
     * order that "order effect" is too fragile to remove: it would make
     * the remaining noise vanish and call an A/A comparison improved. */
    const double d[10] = {-0.096, -0.009, -0.048, -0.421, -0.453,
                          -0.021, -0.021, -0.444, -0.440, -0.203};
    const unsigned char second_new[10] = {0, 0, 0, 1, 1, 0, 1, 1, 1, 0};
    struct brun_compare_settings s = settings(BRUN_COMPARE_PAIRED, 0.05);
    s.alpha = 0.05 / 20; /* a 10-case suite */
    s.second_new = second_new;
    struct brun_comparison c;
    cr_assert_eq(brun_compare_paired(d, 10, &s, &c), 0);
    cr_assert(c.order_estimated);
    cr_assert(!c.order_removed);
    cr_assert_neq(c.case_label, BRUN_LABEL_IMPROVED, "interval [%g, %g]",
                  c.lower, c.upper);
}

/* ---- the suite ----------------------------------------------------- */

/* m cases, the first `changed` of them at +change, the rest A/A, with
 * per-round noise sd. */
static void suite_of(struct brun_rng *r, size_t m, size_t changed,
                     double change, double sd, size_t n,
                     const struct brun_compare_settings *s,
                     struct brun_comparison *out)
{
    double d[64];
    for (size_t k = 0; k < m; k++) {
        for (size_t i = 0; i < n; i++)
            d[i] = (k < changed ? log1p(change) : 0) + brun_rng_gaussian(r, sd);
        cr_assert_eq(brun_compare_paired(d, n, s, &out[k]), 0);
    }
}

Test(verdict, the_printed_interval_is_the_one_the_labels_read)
{
    enum {
        M = 20,
        TRIALS = 200
    };
    struct brun_rng *r = brun_rng_new(4242);
    struct brun_compare_settings s = in_suite_of(M);
    struct brun_suite_settings ss = suite_settings();
    int checked = 0, selected = 0;
    for (int t = 0; t < TRIALS; t++) {
        struct brun_comparison c[M];
        suite_of(r, M, (size_t)(t % 6), 0.01 + 0.002 * (t % 5), 0.01, 12, &s,
                 c);
        cr_assert_eq(brun_verdict_suite(c, M, &ss, NULL), 0);
        for (int k = 0; k < M; k++) {
            enum brun_label from_interval = brun_verdict_label(
                c[k].ci_lo, c[k].ci_hi, c[k].noise_floor, c[k].margin);
            if (c[k].fails)
                continue;
            cr_assert_eq(c[k].label, from_interval,
                         "trial %d case %d: label %s, interval [%g, %g]", t, k,
                         brun_label_name(c[k].label), c[k].ci_lo, c[k].ci_hi);
            selected += c[k].label == BRUN_LABEL_REGRESSED;
            checked++;
        }
    }
    note("%d labels checked against their interval, %d regressed", checked,
         selected);
    cr_assert_gt(selected, 50, "the check must see selections");
    brun_rng_free(r);
}

Test(verdict, a_aa_suite_keeps_false_labels_and_failures_rare)
{
    enum {
        M = 10,
        TRIALS = 2000
    };
    struct brun_rng *r = brun_rng_new(9001);
    struct brun_compare_settings s = in_suite_of(M);
    s.resamples = FEW;
    struct brun_suite_settings ss = suite_settings();
    int false_label = 0, failing = 0, ok = 0, cases = 0;
    for (int t = 0; t < TRIALS; t++) {
        struct brun_comparison c[M];
        struct brun_suite_counts n;
        suite_of(r, M, 0, 0, 0.01, 10, &s, c);
        cr_assert_eq(brun_verdict_suite(c, M, &ss, &n), 0);
        false_label += n.regressed + n.improved > 0;
        failing += n.failed > 0;
        ok += (int)(n.ok + n.unchanged);
        cases += M;
    }
    note("A/A suites of %d at 1 %% noise: %.4f with a false label, %.4f "
         "failing; %.4f of cases ok or unchanged",
         M, share(false_label, TRIALS), share(failing, TRIALS),
         share(ok, cases));
    cr_assert_leq(share(false_label, TRIALS), 0.05 + 0.02, "FDR = FWER here");
    cr_assert_eq(failing, 0);
    cr_assert_geq(share(ok, cases), 0.95, "A/A is ok at 1 %% noise");
    brun_rng_free(r);
}

/* ---- stopping ------------------------------------------------------ */

Test(verdict, stop_rule_fails_only_what_the_suite_will_fail)
{
    double d[10];
    struct brun_compare_settings s = settings(BRUN_COMPARE_PAIRED, 0.05);
    struct brun_comparison c;
    exact_rounds(log(1.10), 0.03, 10, d);
    brun_compare_paired(d, 10, &s, &c);
    cr_assert(c.case_fails);
    cr_assert_eq(brun_verdict_stop(&c, &s), BRUN_STOP_FAIL, "p %g", c.p_slower);
    /* The same evidence in a suite of 5000 cases is not enough for
     * Holm's strictest step: go on. */
    s.family = 5000;
    cr_assert_neq(brun_verdict_stop(&c, &s), BRUN_STOP_FAIL);

    s = settings(BRUN_COMPARE_PAIRED, 0.05);
    exact_rounds(0.0, 0.02, 10, d); /* A/A: U < 1 + X */
    brun_compare_paired(d, 10, &s, &c);
    cr_assert_eq(c.case_label, BRUN_LABEL_OK);
    cr_assert_eq(brun_verdict_stop(&c, &s), BRUN_STOP_EXCLUDED);

    exact_rounds(0.0, 0.3, 10, d); /* very noisy: U beyond X */
    brun_compare_paired(d, 10, &s, &c);
    cr_assert_eq(brun_verdict_stop(&c, &s), BRUN_STOP_CONTINUE);

    exact_rounds(log(1.03), 0.005, 10, d); /* regressed below X, precise */
    s.fail_above = s.margin = 0.031;
    brun_compare_paired(d, 10, &s, &c);
    cr_assert_eq(c.case_label, BRUN_LABEL_REGRESSED);
    cr_assert_eq(brun_verdict_stop(&c, &s), BRUN_STOP_PRECISE);

    s.fail_above = 0; /* no gate: stop once the label is known */
    s.margin = 0.05;
    brun_compare_paired(d, 10, &s, &c);
    cr_assert_eq(brun_verdict_stop(&c, &s), BRUN_STOP_DETERMINED);
}

/* ---- simulations: coverage and power ------------------------------- */

/* Log ratios of n rounds: N(log ratio, sd), and with probability `slow`
 * a round whose one worker ran 15-30 % slow (either side). */
static void contaminated(struct brun_rng *r, double log_ratio, double sd,
                         double slow, size_t n, double *d)
{
    for (size_t i = 0; i < n; i++) {
        d[i] = log_ratio + brun_rng_gaussian(r, sd);
        if (brun_rng_uniform(r) < slow) {
            double hit = log(1.15 + 0.15 * brun_rng_uniform(r));
            d[i] += brun_rng_uniform(r) < 0.5 ? hit : -hit;
        }
    }
}

Test(verdict, yuen_interval_covers_at_nominal_rate_clean_and_contaminated)
{
    enum {
        TRIALS = 4000
    };
    const double slows[] = {0, 0.1};
    const size_t ns[] = {10, 20};
    for (int a = 0; a < 2; a++)
        for (int b = 0; b < 2; b++) {
            struct brun_rng *r = brun_rng_new(500 + 10 * a + b);
            struct brun_compare_settings s =
                settings(BRUN_COMPARE_PAIRED, 0.05);
            s.resamples = FEW;
            int lower = 0, both = 0;
            double d[32];
            for (int t = 0; t < TRIALS; t++) {
                contaminated(r, log(1.02), 0.01, slows[a], ns[b], d);
                struct brun_comparison c;
                cr_assert_eq(brun_compare_paired(d, ns[b], &s, &c), 0);
                lower += c.lower <= 1.02;
                both += c.lower <= 1.02 && 1.02 <= c.upper;
            }
            double one = share(lower, TRIALS), two = share(both, TRIALS);
            note("Yuen n=%zu, %.0f %% slow rounds: one-sided coverage %.4f "
                 "(nominal 0.975), two-sided %.4f (0.95)",
                 ns[b], 100 * slows[a], one, two);
            cr_assert(one >= 0.955 && one <= 0.99, "one-sided %.4f", one);
            cr_assert(two >= 0.92 && two <= 0.975, "two-sided %.4f", two);
            brun_rng_free(r);
        }
}

Test(verdict, yuen_keeps_power_where_slow_rounds_ruin_the_mean)
{
    /* The reason for the trimmed mean (docs/method.md): +3 %, 10 rounds,
     * 10 % of rounds with a slow worker. */
    enum {
        TRIALS = 2000,
        N = 10
    };
    struct brun_rng *r = brun_rng_new(31337);
    struct brun_compare_settings s = settings(BRUN_COMPARE_PAIRED, 0.05);
    s.resamples = FEW;
    s.alpha = 0.05 / 6; /* a 10-case suite's first look */
    int yuen = 0, mean_t = 0;
    double d[N];
    for (int t = 0; t < TRIALS; t++) {
        contaminated(r, log(1.03), 0.01, 0.1, N, d);
        struct brun_comparison c;
        cr_assert_eq(brun_compare_paired(d, N, &s, &c), 0);
        yuen += c.case_label == BRUN_LABEL_REGRESSED;
        /* The mean-based t at the same level, for comparison. */
        double m = 0, ss = 0;
        for (int i = 0; i < N; i++)
            m += d[i] / N;
        for (int i = 0; i < N; i++)
            ss += (d[i] - m) * (d[i] - m);
        double se = sqrt(ss / (N - 1) / N);
        mean_t += m - 3.69 * se > log(1.005); /* t_{1-0.05/6, 9} = 3.69 */
    }
    note("+3 %%, 10 rounds, 10 %% slow: regressed by Yuen %.3f, by the mean's "
         "t %.3f",
         share(yuen, TRIALS), share(mean_t, TRIALS));
    cr_assert_gt(share(yuen, TRIALS), share(mean_t, TRIALS) + 0.15);
    brun_rng_free(r);
}

Test(verdict, mde_is_the_slowdown_labelled_regressed_with_80_percent_power)
{
    enum {
        TRIALS = 3000
    };
    const size_t ns[] = {10, 20, 32};
    for (int k = 0; k < 3; k++) {
        size_t n = ns[k];
        struct brun_rng *r = brun_rng_new(8080 + k);
        struct brun_compare_settings s = settings(BRUN_COMPARE_PAIRED, 0.05);
        s.resamples = FEW;
        s.alpha = 0.05 / 20; /* a 10-case suite, half the budget */
        double d[32];
        /* The MDE a typical run prints (median over runs). */
        double mdes[TRIALS];
        for (int t = 0; t < TRIALS; t++) {
            for (size_t i = 0; i < n; i++)
                d[i] = brun_rng_gaussian(r, 0.01);
            struct brun_comparison c;
            cr_assert_eq(brun_compare_paired(d, n, &s, &c), 0);
            mdes[t] = c.mde;
        }
        double mde = 0;
        for (int t = 0; t < TRIALS; t++) /* mean of the printed values */
            mde += mdes[t] / TRIALS;
        int detected = 0;
        for (int t = 0; t < TRIALS; t++) {
            for (size_t i = 0; i < n; i++)
                d[i] = log1p(mde) + brun_rng_gaussian(r, 0.01);
            struct brun_comparison c;
            cr_assert_eq(brun_compare_paired(d, n, &s, &c), 0);
            detected += c.case_label == BRUN_LABEL_REGRESSED;
        }
        double power = share(detected, TRIALS);
        note("n=%zu: printed MDE %.4f, power there %.4f (goal 0.80)", n, mde,
             power);
        cr_assert(power >= 0.70 && power <= 0.90, "n=%zu power %.4f", n, power);
        brun_rng_free(r);
    }
}
