// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The benchrun authors
// gbench_suite.cc: the ten cases of the detection benchmark, under Google
// Benchmark.
//
// The same cases as tests/perf/suite/bench_suite.c, with the same names
// ("suite/chain" ...), the same inputs and the same EXTRA_PERCENT rule (more
// steps in suite/chain, more pairs in suite/malloc_free, the other eight
// unchanged), so tests/perf/detection_quality.py can put Google Benchmark +
// compare.py side by side with benchrun on identical work.  Written against
// Debian's libbenchmark-dev 1.7.1 (no Benchmark::Name(), so the cases are
// registered by name from main()); link with -lbenchmark -lpthread.  It
// deliberately adds nothing of Google Benchmark's beyond what a typical
// user writes: DoNotOptimize, ClobberMemory, PauseTiming/ResumeTiming.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sys/syscall.h>
#include <unistd.h>
#include <vector>

#ifndef EXTRA_PERCENT
#define EXTRA_PERCENT 0
#endif

#define CHAIN_BASE 1000
#define CHAIN_STEPS (CHAIN_BASE + CHAIN_BASE * EXTRA_PERCENT / 100)
#define PAIRS_BASE 100
#define PAIRS (PAIRS_BASE + PAIRS_BASE * EXTRA_PERCENT / 100)
#define PAIRS_MAX (2 * PAIRS_BASE)

#if EXTRA_PERCENT < 0 || EXTRA_PERCENT > 100
#error "EXTRA_PERCENT must be between 0 and 100"
#endif

namespace
{

uint64_t next_random(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

// suite/chain: ~1 us of dependent multiply-adds (CPU latency).
void chain(benchmark::State &state)
{
    volatile uint64_t multiplier = 6364136223846793005u;
    volatile uint64_t increment = 1442695040888963407u;
    const uint64_t a = multiplier, c = increment;
    uint64_t x = 1;
    for (auto _ : state) {
        for (int i = 0; i < CHAIN_STEPS; i++)
            x = x * a + c;
        benchmark::DoNotOptimize(x);
    }
}

// suite/tiny: a few independent adds (loop overhead, clock resolution).
void tiny(benchmark::State &state)
{
    uint64_t a = 1, b = 2, c = 3;
    for (auto _ : state) {
        a += 1;
        b += 3;
        c += a;
        benchmark::DoNotOptimize(c);
    }
    benchmark::DoNotOptimize(a + b);
}

// suite/memcpy_4k: 4 KiB copy inside L1.
void memcpy_4k(benchmark::State &state)
{
    static unsigned char src[4096], dst[4096];
    std::memset(src, 0x5a, sizeof src);
    for (auto _ : state) {
        std::memcpy(dst, src, sizeof src);
        benchmark::DoNotOptimize(dst);
        benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(int64_t(state.iterations()) * 4096);
}

// suite/memcpy_1m: 1 MiB copy (cache and memory bandwidth).
void memcpy_1m(benchmark::State &state)
{
    size_t n = size_t(1) << 20;
    std::vector<unsigned char> src(n, 0x5a), dst(n, 0);
    for (auto _ : state) {
        std::memcpy(dst.data(), src.data(), n);
        benchmark::DoNotOptimize(dst.data());
        benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(n));
}

// suite/chase_8m: 64 dependent loads through an 8 MiB random cycle.
void chase_8m(benchmark::State &state)
{
    size_t n = (size_t(8) << 20) / sizeof(size_t);
    std::vector<size_t> next(n);
    for (size_t i = 0; i < n; i++)
        next[i] = i;
    uint64_t seed = 42;
    for (size_t i = n - 1; i > 0; i--) {
        size_t j = size_t(next_random(&seed) % i);
        size_t t = next[i];
        next[i] = next[j];
        next[j] = t;
    }
    size_t p = 0;
    for (auto _ : state) {
        for (int i = 0; i < 64; i++)
            p = next[p];
        benchmark::DoNotOptimize(p);
    }
}

// suite/malloc_free: PAIRS live allocations of 16 B .. ~1 KiB, then freed.
void malloc_free(benchmark::State &state)
{
    void *ptrs[PAIRS_MAX];
    for (auto _ : state) {
        for (int i = 0; i < PAIRS; i++) {
            ptrs[i] = std::malloc(16 + size_t(i * 40) % 1009);
            benchmark::DoNotOptimize(ptrs[i]);
        }
        for (int i = 0; i < PAIRS; i++)
            std::free(ptrs[i]);
    }
}

// suite/syscall: getppid() through syscall() (kernel entry and exit).
void syscall_case(benchmark::State &state)
{
    for (auto _ : state) {
        long r = syscall(SYS_getppid);
        benchmark::DoNotOptimize(r);
    }
}

int compare_ints(const void *a, const void *b)
{
    int x = *static_cast<const int *>(a), y = *static_cast<const int *>(b);
    return (x > y) - (x < y);
}

// suite/qsort_256: 256 ints; the refill is excluded with PauseTiming.
void qsort_256(benchmark::State &state)
{
    int saved[256], work[256];
    uint64_t seed = 7;
    for (int i = 0; i < 256; i++)
        saved[i] = int(next_random(&seed) & 0x7fffffff);
    for (auto _ : state) {
        state.PauseTiming();
        std::memcpy(work, saved, sizeof work);
        state.ResumeTiming();
        std::qsort(work, 256, sizeof work[0], compare_ints);
        benchmark::DoNotOptimize(work);
        benchmark::ClobberMemory();
    }
}

// suite/strchr_strlen: strlen and strchr over 1 KiB ending in '#'.
void strchr_strlen(benchmark::State &state)
{
    static char s[1024];
    std::memset(s, 'a', sizeof s - 2);
    s[sizeof s - 2] = '#';
    s[sizeof s - 1] = '\0';
    for (auto _ : state) {
        benchmark::DoNotOptimize(s);
        benchmark::ClobberMemory();
        size_t len = std::strlen(s);
        const char *hash = std::strchr(s, '#');
        benchmark::DoNotOptimize(len + size_t(hash - s));
    }
}

// suite/snprintf: an int, a long, a hexadecimal and a double.
void snprintf_case(benchmark::State &state)
{
    char buf[128];
    volatile int i0 = 12345;
    volatile long l0 = -9876543210L;
    volatile double d0 = 3.14159265358979;
    for (auto _ : state) {
        int n = std::snprintf(buf, sizeof buf, "%d %ld %x %.6f", i0, l0,
                              unsigned(i0), d0);
        benchmark::DoNotOptimize(buf);
        benchmark::ClobberMemory();
        benchmark::DoNotOptimize(n);
    }
}

} // namespace

int main(int argc, char **argv)
{
    benchmark::RegisterBenchmark("suite/chain", chain);
    benchmark::RegisterBenchmark("suite/tiny", tiny);
    benchmark::RegisterBenchmark("suite/memcpy_4k", memcpy_4k);
    benchmark::RegisterBenchmark("suite/memcpy_1m", memcpy_1m);
    benchmark::RegisterBenchmark("suite/chase_8m", chase_8m);
    benchmark::RegisterBenchmark("suite/malloc_free", malloc_free);
    benchmark::RegisterBenchmark("suite/syscall", syscall_case);
    benchmark::RegisterBenchmark("suite/qsort_256", qsort_256);
    benchmark::RegisterBenchmark("suite/strchr_strlen", strchr_strlen);
    benchmark::RegisterBenchmark("suite/snprintf", snprintf_case);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
