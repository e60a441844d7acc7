/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * bench_counters.c: a bench executable whose user counters have known
 * values, for tests/test_counters.c.  counters/known reports "hits" at
 * exactly HITS per iteration (3, or 6 with -DHITS=6: the changed build),
 * "bytes" as a rate of 1000 per iteration (so its value per second is
 * 1000 over the time per iteration), and "depth" as an average of
 * exactly 42.  counters/bad_name and counters/too_many misuse the call,
 * built only with -DMISUSE so the other builds stay clean.
 */
#include <benchrun.h>

#ifndef HITS
#define HITS 3
#endif

BENCH(counters, known)
{
    double hits = 0, bytes = 0;
    unsigned x = 1;
    BENCH_LOOP(st) {
        for (int i = 0; i < 16; i++)
            x = x * 1664525u + 1013904223u;
        BENCH_KEEP(x);
        hits += HITS;
        bytes += 1000;
    }
    benchrun_counter(st, "hits", hits, BENCHRUN_COUNTER_PER_ITERATION);
    benchrun_counter(st, "bytes", bytes,
                     BENCHRUN_COUNTER_RATE | BENCHRUN_COUNTER_HIGHER_IS_BETTER);
    benchrun_counter(st, "depth", 42, BENCHRUN_COUNTER_AVERAGE);
}

#ifdef MISUSE
BENCH(counters, bad_name)
{
    BENCH_LOOP(st) {
        BENCH_CLOBBER();
    }
    benchrun_counter(st, "bad name!", 1, BENCHRUN_COUNTER_AVERAGE);
}

BENCH(counters, too_many)
{
    BENCH_LOOP(st) {
        BENCH_CLOBBER();
    }
    char name[8] = "c00";
    for (int i = 0; i <= BENCHRUN_COUNTERS_MAX; i++) {
        name[1] = (char)('0' + i / 10);
        name[2] = (char)('0' + i % 10);
        benchrun_counter(st, name, i, BENCHRUN_COUNTER_AVERAGE);
    }
}
#endif
