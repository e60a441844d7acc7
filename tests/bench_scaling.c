/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * bench_scaling.c: parameterized cases whose work grows with N in a known
 * way, for tests/test_scaling.c.
 *
 * scale/linear does N dependent multiply-adds (an empty asm after each
 * step keeps the compiler from folding or vectorising the chain), so its
 * time is a + b N; built with -DQUADRATIC it does N * N / 64 steps, the
 * same work at N = 64 and 64 times more at 4096, so a comparison of the
 * two builds sees the shape change from O(N) to O(N^2).  scale/square
 * does N * N steps in every build.
 */
#include <benchrun.h>

#include <stdint.h>

/* n dependent steps of a linear congruential chain, from x. */
static uint64_t chain(uint64_t x, long long n)
{
    const uint64_t a = 6364136223846793005u, c = 1442695040888963407u;
    for (long long i = 0; i < n; i++) {
        x = x * a + c;
        __asm__ __volatile__("" : "+r"(x));
    }
    return x;
}

BENCH(scale, linear, BENCH_RANGE_MUL(64, 4096, 4), .arg_name = "steps")
{
    long long n = benchrun_arg(st);
#ifdef QUADRATIC
    long long steps = n * n / 64;
#else
    long long steps = n;
#endif
    uint64_t x = 1;
    BENCH_LOOP(st) {
        x = chain(x, steps);
        BENCH_KEEP(x);
    }
}

BENCH(scale, square, BENCH_RANGE_MUL(16, 128, 2))
{
    long long n = benchrun_arg(st);
    uint64_t x = 3;
    BENCH_LOOP(st) {
        x = chain(x, n * n);
        BENCH_KEEP(x);
    }
}
