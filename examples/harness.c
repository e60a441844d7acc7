/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * harness.c: two cases that check the harness itself.
 *
 * harness/empty has an empty loop body.  An optimising compiler deletes
 * such a loop altogether, so it shows what benchrun does with a case
 * that takes no measurable time: it is skipped, with the reason, rather
 * than reported as 0 ps.
 *
 * harness/loop_only keeps the loop (its body is a compiler barrier that
 * emits no instruction), so it shows benchrun's real cost per iteration:
 * one decrement and one branch, about one core cycle: well under 1 ns.
 *
 * harness/chain_1000 runs 1000 dependent multiply-adds.  Each step must
 * wait for the previous one, so its cost is fixed by the CPU's multiply
 * and add latency (4 core cycles a step on x86-64: about 1.3 µs at
 * 3.1 GHz).  It is the calibrated workload for checking that benchrun's
 * numbers are stable from run to run.
 */
#include <benchrun.h>

#include <stdint.h>

BENCH(harness, empty)
{
    BENCH_LOOP(st) {
    }
}

BENCH(harness, loop_only)
{
    BENCH_LOOP(st) {
        BENCH_CLOBBER();
    }
}

BENCH(harness, chain_1000)
{
    /* Read through volatile so the compiler cannot fold the chain. */
    volatile uint64_t multiplier = 6364136223846793005u;
    volatile uint64_t increment = 1442695040888963407u;
    const uint64_t a = multiplier, c = increment;
    uint64_t x = 1;

    BENCH_LOOP(st) {
        for (int i = 0; i < 1000; i++)
            x = x * a + c;
        BENCH_KEEP(x);
    }
}
