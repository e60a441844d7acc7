/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * profile_target.c: a small real program for the profile readers' tests
 * (test_profile_read.c), run under callgrind and perf.  main() first runs
 * setup_part() outside the measured region, then ROUNDS (argv[1],
 * default 200) rounds of slow_part() and fast_part(), which do the same
 * loop 2N and N times: 2:1 work.  The region is bracketed by
 * CALLGRIND_TOGGLE_COLLECT, as benchrun brackets a timed loop, so under
 * `valgrind --tool=callgrind --collect-atstart=no` only the rounds are
 * counted.  Built -O2 -g -fno-omit-frame-pointer; the accumulator lives
 * on the stack so each function keeps its frame for perf -g.
 */
#include <stdio.h>
#include <stdlib.h>
/* The client requests are header-only macros from the valgrind package;
 * without the header the program still builds (and the callgrind tests
 * skip where valgrind itself is missing). */
#if defined(__has_include)
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#endif
#endif
#ifndef CALLGRIND_TOGGLE_COLLECT
#define CALLGRIND_TOGGLE_COLLECT
#endif

#define N 20000UL

static unsigned long sink;

static unsigned long loop(unsigned long n, unsigned long seed)
{
    volatile unsigned long x = seed;
    for (unsigned long i = 0; i < n; i++)
        x = x * 31 + i;
    return x;
}

__attribute__((noinline)) unsigned long slow_part(unsigned long seed)
{
    return loop(2 * N, seed);
}

__attribute__((noinline)) unsigned long fast_part(unsigned long seed)
{
    return loop(N, seed);
}

__attribute__((noinline)) unsigned long setup_part(unsigned long seed)
{
    return loop(5 * N, seed);
}

int main(int argc, char **argv)
{
    unsigned long rounds = argc > 1 ? strtoul(argv[1], NULL, 10) : 200;
    sink = setup_part(1);
    CALLGRIND_TOGGLE_COLLECT;
    for (unsigned long r = 0; r < rounds; r++) {
        sink = slow_part(sink);
        sink = fast_part(sink);
    }
    CALLGRIND_TOGGLE_COLLECT;
    printf("%lu\n", sink);
    return 0;
}
