/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * test_random.c: the seeded generator: reproducibility, ranges, absence of
 * modulo bias, and per-case seeds that depend only on (run seed, name).
 */
#include "config.h"

#include <math.h>
#include <stdint.h>

#include <criterion/criterion.h>

#include "stats/random.h"

Test(random, same_seed_gives_same_stream)
{
    struct brun_rng *a = brun_rng_new(12345), *b = brun_rng_new(12345);
    cr_assert_not_null(a);
    cr_assert_not_null(b);
    for (int i = 0; i < 1000; i++) {
        cr_assert_eq(brun_rng_below(a, 1000003), brun_rng_below(b, 1000003));
        cr_assert_eq(brun_rng_uniform(a), brun_rng_uniform(b));
    }
    brun_rng_free(a);
    brun_rng_free(b);
}

Test(random, different_seeds_give_different_streams)
{
    /* Seeds differing only in their high 32 bits must differ too. */
    const uint64_t seeds[] = {1, 2, 1 + (1ULL << 32), 0};
    for (int i = 0; i < 4; i++)
        for (int j = i + 1; j < 4; j++) {
            struct brun_rng *a = brun_rng_new(seeds[i]),
                            *b = brun_rng_new(seeds[j]);
            int same = 0;
            for (int k = 0; k < 64; k++)
                same += brun_rng_below(a, UINT64_MAX) ==
                        brun_rng_below(b, UINT64_MAX);
            cr_assert_lt(same, 2, "seeds %d and %d", i, j);
            brun_rng_free(a);
            brun_rng_free(b);
        }
}

Test(random, uniform_is_in_unit_interval_and_flat)
{
    struct brun_rng *r = brun_rng_new(7);
    enum {
        N = 100000,
        BINS = 10
    };
    int bins[BINS] = {0};
    for (int i = 0; i < N; i++) {
        double u = brun_rng_uniform(r);
        cr_assert(u >= 0 && u < 1, "%g", u);
        bins[(int)(u * BINS)]++;
    }
    /* Chi-square with 9 df: 27.9 is its 0.999 quantile. */
    double chi = 0, e = (double)N / BINS;
    for (int k = 0; k < BINS; k++)
        chi += (bins[k] - e) * (bins[k] - e) / e;
    cr_assert_lt(chi, 27.9);
    brun_rng_free(r);
}

Test(random, below_stays_in_range_for_every_width)
{
    struct brun_rng *r = brun_rng_new(99);
    const uint64_t ns[] = {2,
                           3,
                           10,
                           1000,
                           0xffffffffULL,
                           0x100000000ULL,
                           0x100000001ULL,
                           (1ULL << 40) + 3,
                           UINT64_MAX};
    for (size_t k = 0; k < sizeof ns / sizeof ns[0]; k++)
        for (int i = 0; i < 2000; i++)
            cr_assert_lt(brun_rng_below(r, ns[k]), ns[k]);
    cr_assert_eq(brun_rng_below(r, 0), 0);
    cr_assert_eq(brun_rng_below(r, 1), 0);
    brun_rng_free(r);
}

Test(random, below_small_n_is_uniform)
{
    struct brun_rng *r = brun_rng_new(2024);
    enum {
        N = 60000,
        K = 6
    };
    int count[K] = {0};
    for (int i = 0; i < N; i++)
        count[brun_rng_below(r, K)]++;
    double chi = 0, e = (double)N / K;
    for (int k = 0; k < K; k++)
        chi += (count[k] - e) * (count[k] - e) / e;
    cr_assert_lt(chi, 20.5); /* 0.999 quantile of chi-square, 5 df */
    brun_rng_free(r);
}

Test(random, below_wide_n_has_no_modulo_bias)
{
    /* n = 3 * 2^62: reducing 64 random bits modulo n would put half of the
     * draws below 2^62 instead of a third. */
    struct brun_rng *r = brun_rng_new(5);
    const uint64_t n = 3ULL << 62;
    enum {
        N = 30000
    };
    int low = 0;
    for (int i = 0; i < N; i++)
        low += brun_rng_below(r, n) < (1ULL << 62);
    double share = (double)low / N;
    cr_assert(fabs(share - 1.0 / 3) < 0.015, "share below 2^62: %g", share);
    brun_rng_free(r);
}

Test(random, gaussian_has_requested_spread)
{
    struct brun_rng *r = brun_rng_new(11);
    enum {
        N = 50000
    };
    double s = 0, s2 = 0;
    for (int i = 0; i < N; i++) {
        double g = brun_rng_gaussian(r, 2.0);
        s += g;
        s2 += g * g;
    }
    double mean = s / N, sd = sqrt(s2 / N - mean * mean);
    cr_assert(fabs(mean) < 0.04, "mean %g", mean);
    cr_assert(fabs(sd - 2.0) < 0.04, "sd %g", sd);
    brun_rng_free(r);
}

Test(random, case_seed_depends_only_on_run_seed_and_name)
{
    uint64_t a = brun_rng_seed_for(42, "memcpy/4096");
    uint64_t b = brun_rng_seed_for(42, "memcpy/8192");
    uint64_t c = brun_rng_seed_for(43, "memcpy/4096");
    /* Asking in another order, after other names, changes nothing. */
    cr_assert_eq(brun_rng_seed_for(42, "memcpy/8192"), b);
    cr_assert_eq(brun_rng_seed_for(42, "memcpy/4096"), a);
    cr_assert_neq(a, b);
    cr_assert_neq(a, c);
    cr_assert_neq(b, c);
    cr_assert_eq(brun_rng_seed_for(42, NULL), brun_rng_seed_for(42, ""));
    cr_assert_neq(brun_rng_seed_for(0, ""), brun_rng_seed_for(1, ""));
}
