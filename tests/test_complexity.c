/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * test_complexity.c: the scaling fits of stats/complexity.h on synthetic
 * data: exact data recovers its shape and coefficients, seeded noisy
 * data picks the true shape nearly always and b's interval covers the
 * true b at its nominal rate, flat data is O(1), and the ratio of two
 * per-item costs against the formula worked by hand.
 */
#include "config.h"

#include <math.h>

#include <criterion/criterion.h>
#include <gsl/gsl_cdf.h>

#include "stats/complexity.h"
#include "stats/random.h"

#define MAXP 64

/* f(N), written out again so the test does not trust the code's. */
static double f_of(enum brun_complexity c, double n)
{
    switch (c) {
    case BRUN_O_LOG_N:
        return log(n);
    case BRUN_O_N:
        return n;
    case BRUN_O_N_LOG_N:
        return n * log(n);
    case BRUN_O_N2:
        return n * n;
    case BRUN_O_N3:
        return n * n * n;
    default:
        return 1;
    }
}

/* Points: `instances` values of N from ns[], `rounds` each, time
 * a + b f(N) times (1 + noise * gaussian). */
static size_t make_points(const double *ns, size_t instances, size_t rounds,
                          enum brun_complexity shape, double a, double b,
                          double noise, struct brun_rng *rng, double *x,
                          double *y)
{
    size_t k = 0;
    for (size_t i = 0; i < instances; i++)
        for (size_t r = 0; r < rounds; r++) {
            double t = a + b * f_of(shape, ns[i]);
            x[k] = ns[i];
            y[k] = rng ? t * (1 + brun_rng_gaussian(rng, noise)) : t;
            k++;
        }
    return k;
}

static const double four_ns[4] = {64, 256, 1024, 4096};

Test(complexity, exact_linear_data_gives_its_coefficients)
{
    double x[MAXP], y[MAXP];
    size_t n = make_points(four_ns, 4, 3, BRUN_O_N, 500, 1.81, 0, NULL, x, y);
    struct brun_fit fits[BRUN_COMPLEXITY_COUNT], best;
    cr_assert_eq(brun_complexity_choose(x, y, n, 0.95, fits, &best), 0);
    cr_assert_eq(best.shape, BRUN_O_N);
    cr_assert(best.valid);
    cr_assert_float_eq(best.per_item_ns, 1.81, 1e-9);
    cr_assert_float_eq(best.intercept_ns, 500, 1e-6);
    cr_assert_float_eq(best.r2, 1, 1e-12);
    cr_assert_eq(best.points, 12);
    cr_assert(best.per_item_lo <= 1.81 + 1e-9 &&
              best.per_item_hi >= 1.81 - 1e-9);
    cr_assert(fits[BRUN_O_N2].valid && fits[BRUN_O_N2].r2 < 1);
}

Test(complexity, exact_quadratic_and_log_data_give_their_shapes)
{
    double x[MAXP], y[MAXP];
    struct brun_fit fits[BRUN_COMPLEXITY_COUNT], best;
    size_t n = make_points(four_ns, 4, 2, BRUN_O_N2, 100, 0.25, 0, NULL, x, y);
    cr_assert_eq(brun_complexity_choose(x, y, n, 0.95, fits, &best), 0);
    cr_assert_eq(best.shape, BRUN_O_N2);
    cr_assert_float_eq(best.per_item_ns, 0.25, 1e-9);
    cr_assert_float_eq(best.intercept_ns, 100, 1e-3);

    n = make_points(four_ns, 4, 2, BRUN_O_LOG_N, 20, 7, 0, NULL, x, y);
    cr_assert_eq(brun_complexity_choose(x, y, n, 0.95, fits, &best), 0);
    cr_assert_eq(best.shape, BRUN_O_LOG_N);
    cr_assert_float_eq(best.per_item_ns, 7, 1e-9);

    n = make_points(four_ns, 4, 2, BRUN_O_N_LOG_N, 0, 3, 0, NULL, x, y);
    cr_assert_eq(brun_complexity_choose(x, y, n, 0.95, fits, &best), 0);
    cr_assert_eq(best.shape, BRUN_O_N_LOG_N);

    n = make_points(four_ns, 4, 2, BRUN_O_N3, 10, 1e-3, 0, NULL, x, y);
    cr_assert_eq(brun_complexity_choose(x, y, n, 0.95, fits, &best), 0);
    cr_assert_eq(best.shape, BRUN_O_N3);
    cr_assert_float_eq(best.per_item_ns, 1e-3, 1e-12);
}

Test(complexity, one_fit_matches_the_hand_computation)
{
    /* x = 1, 2, 3, 4; y = 1, 3, 2, 5: x mean 2.5, Sxx 5, Sxy 5.5, so
     * b = 1.1, a = 2.75 - 2.75 = 0; residuals -0.1, 0.8, -1.3, 0.6:
     * RSS 2.7; TSS 8.75.  HC3: deviations -1.5, -0.5, 0.5, 1.5, leverage
     * 1/4 + d^2 / 5 = 0.7, 0.3, 0.3, 0.7, so the sum of d^2 e^2 / (1-h)^2
     * is 0.0225/0.09 + 0.16/0.49 + 0.4225/0.49 + 0.81/0.09 and
     * se(b) = sqrt(sum) / 5. */
    const double x[4] = {1, 2, 3, 4}, y[4] = {1, 3, 2, 5};
    struct brun_fit f;
    cr_assert_eq(brun_complexity_fit(x, y, 4, BRUN_O_N, 0.95, &f), 0);
    cr_assert_float_eq(f.per_item_ns, 1.1, 1e-12);
    cr_assert_float_eq(f.intercept_ns, 0, 1e-12);
    double hc3 = 0.0225 / 0.09 + 0.16 / 0.49 + 0.4225 / 0.49 + 0.81 / 0.09;
    double half = gsl_cdf_tdist_Pinv(0.975, 2) * sqrt(hc3) / 5;
    cr_assert_float_eq(f.per_item_lo, 1.1 - half, 1e-12);
    cr_assert_float_eq(f.per_item_hi, 1.1 + half, 1e-12);
    cr_assert_float_eq(f.r2, 1 - 2.7 / 8.75, 1e-12);
    cr_assert_float_eq(f.rms_relative, sqrt(2.7 / 4) / 2.75, 1e-12);

    /* O(1): the mean 2.75 and its t-interval (3 df). */
    cr_assert_eq(brun_complexity_fit(x, y, 4, BRUN_O_1, 0.95, &f), 0);
    cr_assert_float_eq(f.per_item_ns, 2.75, 1e-12);
    cr_assert_float_eq(f.r2, 0, 0);
    half = gsl_cdf_tdist_Pinv(0.975, 3) * sqrt(8.75 / 3 / 4);
    cr_assert_float_eq(f.per_item_hi, 2.75 + half, 1e-12);
}

Test(complexity, too_few_points_or_no_spread_is_refused)
{
    const double x[3] = {5, 5, 5}, y[3] = {1, 2, 3};
    struct brun_fit f, fits[BRUN_COMPLEXITY_COUNT], best;
    cr_assert_eq(brun_complexity_fit(x, y, 2, BRUN_O_N, 0.95, &f), -1);
    cr_assert_eq(f.valid, 0);
    cr_assert_eq(brun_complexity_fit(x, y, 3, BRUN_O_N, 0.95, &f), -1);
    cr_assert_eq(brun_complexity_choose(x, y, 2, 0.95, fits, &best), -1);
    /* One N only: nothing but O(1) can be fitted, and it is chosen. */
    cr_assert_eq(brun_complexity_choose(x, y, 3, 0.95, fits, &best), 0);
    cr_assert_eq(best.shape, BRUN_O_1);
    cr_assert_float_eq(best.per_item_ns, 2, 1e-12);
}

Test(complexity, exactly_flat_data_is_constant)
{
    double x[MAXP], y[MAXP];
    size_t n = make_points(four_ns, 4, 3, BRUN_O_1, 0, 250, 0, NULL, x, y);
    struct brun_fit fits[BRUN_COMPLEXITY_COUNT], best;
    cr_assert_eq(brun_complexity_choose(x, y, n, 0.95, fits, &best), 0);
    cr_assert_eq(best.shape, BRUN_O_1);
    cr_assert_float_eq(best.per_item_ns, 250, 1e-9);
}

Test(complexity, shrinking_time_is_not_a_shape)
{
    /* Time falls with N: every growing shape is discarded. */
    double x[MAXP], y[MAXP];
    size_t n = make_points(four_ns, 4, 3, BRUN_O_N, 10000, -1, 0, NULL, x, y);
    struct brun_fit fits[BRUN_COMPLEXITY_COUNT], best;
    cr_assert_eq(brun_complexity_choose(x, y, n, 0.95, fits, &best), 0);
    cr_assert_eq(best.shape, BRUN_O_1);
}

/* How often the rule picks `shape` over 100 seeded draws of 3 instances
 * x 10 rounds with 10 % noise. */
static int picks(enum brun_complexity truth, double a, double b,
                 const double *ns, enum brun_complexity want, uint64_t seed)
{
    struct brun_rng *rng = brun_rng_new(seed);
    cr_assert_not_null(rng);
    int hits = 0;
    for (int draw = 0; draw < 100; draw++) {
        double x[MAXP], y[MAXP];
        size_t n = make_points(ns, 3, 10, truth, a, b, 0.10, rng, x, y);
        struct brun_fit fits[BRUN_COMPLEXITY_COUNT], best;
        cr_assert_eq(brun_complexity_choose(x, y, n, 0.95, fits, &best), 0);
        hits += best.shape == want;
    }
    brun_rng_free(rng);
    return hits;
}

static const double three_ns[3] = {64, 512, 4096};

Test(complexity, noisy_linear_data_picks_linear)
{
    int hits = picks(BRUN_O_N, 200, 2, three_ns, BRUN_O_N, 11);
    cr_assert_geq(hits, 95, "linear picked %d of 100 times", hits);
}

Test(complexity, noisy_quadratic_data_picks_quadratic)
{
    int hits = picks(BRUN_O_N2, 200, 0.01, three_ns, BRUN_O_N2, 12);
    cr_assert_geq(hits, 95, "quadratic picked %d of 100 times", hits);
}

Test(complexity, noisy_flat_data_picks_constant)
{
    int hits = picks(BRUN_O_1, 0, 800, three_ns, BRUN_O_1, 13);
    cr_assert_geq(hits, 90, "O(1) picked %d of 100 times", hits);
}

Test(complexity, the_interval_of_b_covers_the_true_b_at_its_level)
{
    /* Additive normal noise, so the t-interval is exact: 1000 draws give
     * 95 % with an SD of 0.7 %. */
    struct brun_rng *rng = brun_rng_new(2026);
    cr_assert_not_null(rng);
    int covered = 0;
    for (int draw = 0; draw < 1000; draw++) {
        double x[MAXP], y[MAXP];
        size_t n =
            make_points(three_ns, 3, 10, BRUN_O_N, 300, 1.5, 0, NULL, x, y);
        for (size_t i = 0; i < n; i++)
            y[i] += brun_rng_gaussian(rng, 400);
        struct brun_fit f;
        cr_assert_eq(brun_complexity_fit(x, y, n, BRUN_O_N, 0.95, &f), 0);
        covered += f.per_item_lo <= 1.5 && 1.5 <= f.per_item_hi;
    }
    brun_rng_free(rng);
    cr_assert(covered >= 920 && covered <= 980, "covered %d of 1000", covered);
}

Test(complexity, the_interval_holds_when_noise_grows_with_the_time)
{
    /* 10 % noise proportional to the time, as timing noise is: the
     * largest N scatter most (HC3's case). */
    struct brun_rng *rng = brun_rng_new(4242);
    cr_assert_not_null(rng);
    int covered = 0;
    for (int draw = 0; draw < 1000; draw++) {
        double x[MAXP], y[MAXP];
        size_t n =
            make_points(three_ns, 3, 10, BRUN_O_N, 300, 1.5, 0.10, rng, x, y);
        struct brun_fit f;
        cr_assert_eq(brun_complexity_fit(x, y, n, BRUN_O_N, 0.95, &f), 0);
        covered += f.per_item_lo <= 1.5 && 1.5 <= f.per_item_hi;
    }
    brun_rng_free(rng);
    cr_assert(covered >= 920 && covered <= 980, "covered %d of 1000", covered);
}

Test(complexity, ratio_is_a_welch_t_on_log_b)
{
    /* Two fits with 12 points (10 df) and relative se 0.02 and 0.03. */
    double q10 = gsl_cdf_tdist_Pinv(0.975, 10);
    struct brun_fit fresh = {.valid = 1, .shape = BRUN_O_N, .points = 12};
    struct brun_fit base = fresh;
    fresh.per_item_ns = 3;
    fresh.per_item_lo = 3 - q10 * 0.06;
    fresh.per_item_hi = 3 + q10 * 0.06;
    base.per_item_ns = 2;
    base.per_item_lo = 2 - q10 * 0.06;
    base.per_item_hi = 2 + q10 * 0.06;
    double r, lo, hi;
    cr_assert_eq(brun_complexity_ratio(&fresh, &base, 0.95, 0.90, &r, &lo, &hi),
                 0);
    cr_assert_float_eq(r, 1.5, 1e-12);
    double v1 = 0.02 * 0.02, v2 = 0.03 * 0.03, v = v1 + v2;
    double df = v * v / (v1 * v1 / 10 + v2 * v2 / 10);
    double half = gsl_cdf_tdist_Pinv(0.95, df) * sqrt(v);
    cr_assert_float_eq(lo, 1.5 * exp(-half), 1e-9);
    cr_assert_float_eq(hi, 1.5 * exp(half), 1e-9);

    base.per_item_ns = -1;
    cr_assert_eq(brun_complexity_ratio(&fresh, &base, 0.95, 0.9, &r, &lo, &hi),
                 -1);
}
