// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The benchrun authors
// gbench_false_sharing.cc: examples/false_sharing.c under Google Benchmark,
// for tests/perf/threads_figures.py.
//
// The same work (each thread increments its own counter, adjacent to the
// others' or padded to a cache line of its own, with a relaxed atomic
// add) and the same names, registered with ->Threads(1)->Threads(2) and
// ->UseRealTime(), as a Google Benchmark user would.  Written against
// Debian's libbenchmark-dev 1.7.1; link with -lbenchmark -lpthread.
#include <benchmark/benchmark.h>

#define MAX_THREADS 8
#define CACHE_LINE 64

namespace
{
struct Counters {
    unsigned long adjacent[MAX_THREADS];
    struct alignas(CACHE_LINE) Padded {
        unsigned long value;
    } padded[MAX_THREADS];
};

alignas(CACHE_LINE) Counters counters;

void adjacent(benchmark::State &state)
{
    unsigned long *mine = &counters.adjacent[state.thread_index()];
    for (auto _ : state)
        __atomic_fetch_add(mine, 1, __ATOMIC_RELAXED);
    state.SetItemsProcessed(state.iterations());
}

void padded(benchmark::State &state)
{
    unsigned long *mine = &counters.padded[state.thread_index()].value;
    for (auto _ : state)
        __atomic_fetch_add(mine, 1, __ATOMIC_RELAXED);
    state.SetItemsProcessed(state.iterations());
}
} // namespace

BENCHMARK(adjacent)
    ->Name("sharing/increment/layout:adjacent")
    ->Threads(1)
    ->Threads(2)
    ->UseRealTime();
BENCHMARK(padded)
    ->Name("sharing/increment/layout:padded")
    ->Threads(1)
    ->Threads(2)
    ->UseRealTime();

BENCHMARK_MAIN();
