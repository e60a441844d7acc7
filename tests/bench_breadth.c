/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * bench_breadth.c: the bench API's breadth, for tests/test_breadth.c.
 *
 * params/...: named integer and string parameters and their product; each
 * instance reports its own parameters back as counters, so the test can
 * check that every name got the values it says.  team/...: BENCH_THREADS
 * cases, counting in every thread so the test can check each ran the
 * same iterations, one whose third thread fails before the loop and one
 * whose second thread aborts.
 * shared/...: a group fixture that logs each setup and teardown with the
 * worker's pid to the file $BENCH_FIXTURE_LOG, and cases that check the
 * pointer they get.  Built with -DSETUP_SKIPS, the fixture skips instead.
 */
#include <benchrun.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* About n steps of dependent work the compiler cannot remove. */
static unsigned chain(unsigned x, long long n)
{
    for (long long i = 0; i < n; i++)
        x = x * 1664525u + 1013904223u;
    return x;
}

/* ---- Parameters ------------------------------------------------------- */

BENCH(params, product,
      BENCH_PARAMS(BENCH_PARAM("size", 8, 64),
                   BENCH_PARAM_STRINGS("order", "up", "down"),
                   BENCH_PARAM_RANGE_MUL("block", 1, 4, 2)))
{
    long long size = benchrun_param(st, "size");
    long long block = benchrun_param(st, "block");
    const char *order = benchrun_param_str(st, "order");
    unsigned x = 1;
    BENCH_LOOP(st) {
        x = chain(x, size * block);
    }
    BENCH_KEEP(x);
    benchrun_counter(st, "size", (double)size, BENCHRUN_COUNTER_AVERAGE);
    benchrun_counter(st, "block", (double)block, BENCHRUN_COUNTER_AVERAGE);
    benchrun_counter(st, "down", strcmp(order, "down") == 0 ? 1 : 0,
                     BENCHRUN_COUNTER_AVERAGE);
    benchrun_counter(st, "arg", (double)benchrun_arg(st),
                     BENCHRUN_COUNTER_AVERAGE);
}

/* The last parameter is an integer: a family for the scaling fits. */
BENCH(params, steps, BENCH_PARAMS(BENCH_PARAM("n", 100, 200, 400, 800)))
{
    long long n = benchrun_param(st, "n");
    unsigned x = 1;
    BENCH_LOOP(st) {
        x = chain(x, n);
    }
    BENCH_KEEP(x);
}

BENCH(params, wrong_name, BENCH_PARAMS(BENCH_PARAM("size", 1)))
{
    long long nope = benchrun_param(st, "sise");
    BENCH_LOOP(st) {
        BENCH_KEEP(nope);
    }
}

/* ---- Threads ---------------------------------------------------------- */

BENCH(team, count, BENCH_THREADS(1, 2, 3))
{
    /* Each thread counts its own iterations; their sum per iteration of
     * the team is 1 only when every thread ran the same count. */
    double mine = 0;
    unsigned x = (unsigned)benchrun_thread_index(st) + 1;
    BENCH_LOOP(st) {
        x = chain(x, 200);
        mine += 1;
    }
    BENCH_KEEP(x);
    benchrun_counter(st, "each", mine, BENCHRUN_COUNTER_PER_ITERATION);
    benchrun_counter(st, "threads", benchrun_threads(st),
                     BENCHRUN_COUNTER_AVERAGE);
    benchrun_counter(st, "index_sum", benchrun_thread_index(st),
                     BENCHRUN_COUNTER_AVERAGE);
}

BENCH(team, third_fails, BENCH_THREADS(3))
{
    if (benchrun_thread_index(st) == 2)
        BENCH_FAIL(st, "thread two gives up");
    unsigned x = 1;
    BENCH_LOOP(st) {
        x = chain(x, 100);
    }
    BENCH_KEEP(x);
}

/* Every thread allocates once per iteration: counted over the whole
 * team, it is exactly one allocation per iteration of each thread. */
BENCH(team, allocate, BENCH_THREADS(2))
{
    BENCH_LOOP(st) {
        void *p = malloc(32);
        BENCH_ESCAPE(p);
        free(p);
    }
}

/* One thread dies mid-loop: the worker dies with it, and the case is a
 * reported crash. */
BENCH(team, second_aborts, BENCH_THREADS(2))
{
    unsigned x = 1;
    int me = benchrun_thread_index(st);
    BENCH_LOOP(st) {
        x = chain(x, 100);
        if (me == 1)
            abort();
    }
    BENCH_KEEP(x);
}

/* ---- A shared fixture ------------------------------------------------- */

struct table {
    unsigned magic;
    unsigned values[256];
};

static void log_line(const char *what)
{
    const char *path = getenv("BENCH_FIXTURE_LOG");
    FILE *f = path ? fopen(path, "a") : NULL;
    if (!f)
        return;
    fprintf(f, "%s %ld\n", what, (long)getpid());
    fclose(f);
}

static void *table_setup(struct benchrun_state *st)
{
#ifdef SETUP_SKIPS
    benchrun_skip(st, "no table on this machine");
    return NULL;
#else
    (void)st;
    struct table *t = malloc(sizeof *t);
    if (!t) {
        benchrun_fail(st, "out of memory");
        return NULL;
    }
    t->magic = 0x7ab1e;
    for (unsigned i = 0; i < 256; i++)
        t->values[i] = chain(i, 3);
    log_line("setup");
    return t;
#endif
}

static void table_teardown(void *fixture)
{
    log_line("teardown");
    free(fixture);
}

BENCH_FIXTURE(shared, table_setup, table_teardown);

BENCH(shared, lookup)
{
    const struct table *t = benchrun_fixture(st);
    if (!t || t->magic != 0x7ab1e)
        BENCH_FAIL(st, "no fixture");
    unsigned i = 0, sum = 0;
    BENCH_LOOP(st) {
        sum += t->values[i++ & 255];
    }
    BENCH_KEEP(sum);
}

BENCH(shared, threaded, BENCH_THREADS(2))
{
    const struct table *t = benchrun_fixture(st);
    if (!t || t->magic != 0x7ab1e)
        BENCH_FAIL(st, "no fixture");
    unsigned i = (unsigned)benchrun_thread_index(st), sum = 0;
    BENCH_LOOP(st) {
        sum += t->values[i++ & 255];
    }
    BENCH_KEEP(sum);
}
