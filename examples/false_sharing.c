/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * false_sharing.c: threads, named parameters and a shared fixture.
 *
 * Each thread increments its own counter.  With layout:adjacent the
 * counters sit next to each other, in one cache line, so every increment
 * takes the line away from the other threads ("false sharing"); with
 * layout:padded each counter has a line of its own.  BENCH_THREADS(1, 2)
 * runs each layout in one and in two threads (sharing/increment/
 * layout:padded/threads:2, ...); the threads table after the results
 * gives the real and CPU time per increment of each thread and the
 * increments per second of all threads together.  The counters live in
 * a group fixture: set up once per worker process, shared by the
 * threads, never timed.
 */
#include <benchrun.h>

#include <stdlib.h>
#include <string.h>

#define MAX_THREADS 8
#define CACHE_LINE 64

struct counters {
    unsigned long adjacent[MAX_THREADS];
    struct {
        unsigned long value;
        char pad[CACHE_LINE - sizeof(unsigned long)];
    } padded[MAX_THREADS];
};

static void *make_counters(struct benchrun_state *st)
{
    struct counters *c = aligned_alloc(CACHE_LINE, sizeof *c);
    if (!c) {
        benchrun_fail(st, "cannot allocate the counters");
        return NULL;
    }
    memset(c, 0, sizeof *c);
    return c;
}

BENCH_FIXTURE(sharing, make_counters, free);

BENCH(sharing, increment,
      BENCH_PARAMS(BENCH_PARAM_STRINGS("layout", "adjacent", "padded")),
      BENCH_THREADS(1, 2), .items = 1)
{
    struct counters *c = benchrun_fixture(st);
    int me = benchrun_thread_index(st);
    unsigned long *mine = strcmp(benchrun_param_str(st, "layout"), "padded")
                              ? &c->adjacent[me]
                              : &c->padded[me].value;
    BENCH_LOOP(st) {
        __atomic_fetch_add(mine, 1, __ATOMIC_RELAXED);
    }
}
