/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * detect_case.c: the workload of the detection-quality benchmark.
 *
 * One CPU-bound case of about 1 µs: a chain of dependent multiply-adds,
 * each step waiting for the previous one, so its time is set by the
 * CPU's latency and nothing else.  EXTRA_PERCENT (a compile-time define,
 * default 0) adds that percentage of steps: builds with 0, 1, 3, 5 and
 * 10 give a baseline and slowdowns of known size, in the same source, so
 * only the amount of work differs.  tests/perf/detection_quality.py
 * builds and compares them.  EXTRA_CASE adds a second case (for the
 * tests of new and missing cases in tests/test_gate.c).
 */
#include <benchrun.h>

#include <stdint.h>

#ifndef EXTRA_PERCENT
#define EXTRA_PERCENT 0
#endif

#define BASE_STEPS 1000
#define STEPS (BASE_STEPS + BASE_STEPS * EXTRA_PERCENT / 100)

BENCH(detect, chain)
{
    volatile uint64_t multiplier = 6364136223846793005u;
    volatile uint64_t increment = 1442695040888963407u;
    const uint64_t a = multiplier, c = increment;
    uint64_t x = 1;

    BENCH_LOOP(st) {
        for (int i = 0; i < STEPS; i++)
            x = x * a + c;
        BENCH_KEEP(x);
    }
}

#ifdef EXTRA_CASE
/* A case only some builds have, to show new and missing cases. */
BENCH(detect, extra)
{
    uint64_t x = 3;
    BENCH_LOOP(st) {
        x = x * 7 + 1;
        BENCH_KEEP(x);
    }
}
#endif
