/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * bench_diag.c: the bench executable the diagnose tests profile, count
 * and explain.  Built twice (tests/diagnose_run.mk): as is, and with
 * SLOW_FACTOR=2, which makes slow_part() twice as expensive and leaves
 * everything else alone; and once with CHAIN_STEPS=1010, one per cent
 * more steps in the chain case.
 *
 * diag/slow_and_fast spends two thirds of its time in slow_part() and
 * one third in fast_part(); diag/mallocs does exactly three allocations
 * (80 bytes) and three frees per iteration; diag/chain is a serial chain
 * of CHAIN_STEPS steps; diag/with_setup spends far longer in its setup
 * than in a sample.  The asm statements keep the compiler from
 * folding the loops into closed forms.
 */
#include <benchrun.h>
#include <stdlib.h>

#ifndef SLOW_FACTOR
#define SLOW_FACTOR 1
#endif
#ifndef CHAIN_STEPS
#define CHAIN_STEPS 1000
#endif

/* A serial chain of steps, inlined into each function, so the time is
 * each function's own ("self") time. */
#define STEPS(x, n)                         \
    for (int i_ = 0; i_ < (n); i_++) {      \
        (x) = (x)*1103515245u + 12345u;     \
        __asm__ __volatile__("" : "+r"(x)); \
    }

__attribute__((noinline)) unsigned slow_part(unsigned x);
__attribute__((noinline)) unsigned fast_part(unsigned x);

unsigned slow_part(unsigned x)
{
    STEPS(x, 200 * SLOW_FACTOR);
    return x ^ 1u;
}

unsigned fast_part(unsigned x)
{
    STEPS(x, 100);
    return x ^ 2u;
}

BENCH(diag, slow_and_fast)
{
    unsigned x = 1;
    BENCH_LOOP(st) {
        x = slow_part(x);
        x = fast_part(x);
    }
    BENCH_KEEP(x);
}

/* Setup that costs far more than the timed loop: a profile that showed
 * it would not be of the timed loop only. */
__attribute__((noinline)) unsigned expensive_setup(unsigned x);
unsigned expensive_setup(unsigned x)
{
    STEPS(x, 20000000);
    return x;
}

BENCH(diag, with_setup)
{
    unsigned x = expensive_setup(1);
    BENCH_LOOP(st) {
        x = fast_part(x);
    }
    BENCH_KEEP(x);
}

BENCH(diag, mallocs)
{
    BENCH_LOOP(st) {
        void *a = malloc(16);
        void *b = malloc(32);
        void *c = calloc(4, 8);
        BENCH_ESCAPE(a);
        BENCH_ESCAPE(b);
        BENCH_ESCAPE(c);
        free(a);
        free(b);
        free(c);
    }
}

BENCH(diag, chain)
{
    unsigned x = 1;
    BENCH_LOOP(st) {
        for (int i = 0; i < CHAIN_STEPS; i++) {
            x = x * 3u + 1u;
            __asm__ __volatile__("" : "+r"(x));
        }
    }
    BENCH_KEEP(x);
}
