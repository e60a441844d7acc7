/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * bench_suite.c: the ten cases of the detection benchmark, under benchrun.
 *
 * Ten cases of different kinds (CPU latency, sub-nanosecond work, memory
 * bandwidth, memory latency, the allocator, the kernel, pause/resume, libc
 * string and formatting code), so the detection benchmark sees how
 * benchrun's verdicts behave across them and not only on one calibrated
 * chain.  EXTRA_PERCENT (a compile-time define, default 0) adds exactly
 * that percentage of work to two cases, suite/chain (more steps) and
 * suite/malloc_free (more pairs); the other eight compile to the same code
 * whatever its value, so builds with 0, 3, 5 and 10 give known slowdowns
 * on two cases and none on the rest.  tests/perf/suite/gbench_suite.cc is
 * the same suite under Google Benchmark; tests/perf/detection_quality.py
 * builds and compares both.  Not part of `make check`.
 */
/* Built on its own by detection_quality.py, without config.h: syscall()
 * is a GNU extension. */
#define _GNU_SOURCE 1

#include <benchrun.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef EXTRA_PERCENT
#define EXTRA_PERCENT 0
#endif

/* Both changed cases scale a base of 1000 and 100, so that 3, 5 and 10 %
 * are whole numbers of steps and pairs: the slowdown is exact. */
#define CHAIN_BASE 1000
#define CHAIN_STEPS (CHAIN_BASE + CHAIN_BASE * EXTRA_PERCENT / 100)
#define PAIRS_BASE 100
#define PAIRS (PAIRS_BASE + PAIRS_BASE * EXTRA_PERCENT / 100)
#define PAIRS_MAX (2 * PAIRS_BASE)

#if EXTRA_PERCENT < 0 || EXTRA_PERCENT > 100
#error "EXTRA_PERCENT must be between 0 and 100"
#endif

/* A small fixed-seed generator (splitmix64) for set-up data, so every
 * build and every run sees the same inputs. */
static uint64_t next_random(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

/*
 * suite/chain: about 1 µs of dependent multiply-adds, each step waiting for
 * the previous one, so its time is the CPU's multiply-add latency times the
 * step count and nothing else (as tests/perf/detect_case.c).  One of the
 * two cases EXTRA_PERCENT slows down.
 */
BENCH(suite, chain)
{
    volatile uint64_t multiplier = 6364136223846793005u;
    volatile uint64_t increment = 1442695040888963407u;
    const uint64_t a = multiplier, c = increment;
    uint64_t x = 1;

    BENCH_LOOP(st) {
        for (int i = 0; i < CHAIN_STEPS; i++)
            x = x * a + c;
        BENCH_KEEP(x);
    }
}

/*
 * suite/tiny: a few independent adds per iteration, well under a
 * nanosecond: stresses the loop's own overhead, the clock's resolution
 * and the calibration of very large iteration counts.
 */
BENCH(suite, tiny)
{
    uint64_t a = 1, b = 2, c = 3;

    BENCH_LOOP(st) {
        a += 1;
        b += 3;
        c += a;
        BENCH_KEEP(c);
    }
    BENCH_KEEP(a + b);
}

/*
 * suite/memcpy_4k: copies 4 KiB inside L1: load/store throughput of
 * libc's memcpy.
 */
BENCH(suite, memcpy_4k, .bytes = 4096)
{
    static unsigned char src[4096], dst[4096];
    memset(src, 0x5a, sizeof src);

    BENCH_LOOP(st) {
        memcpy(dst, src, sizeof src);
        BENCH_ESCAPE(dst);
    }
}

/*
 * suite/memcpy_1m: copies 1 MiB, beyond L1 and L2 on most machines:
 * cache and memory bandwidth, and so sensitive to what else runs.
 */
BENCH(suite, memcpy_1m, .bytes = 1 << 20)
{
    size_t n = (size_t)1 << 20;
    unsigned char *src = malloc(n), *dst = malloc(n);
    if (!src || !dst) {
        free(src);
        free(dst);
        BENCH_FAIL(st, "out of memory for 2 x %zu bytes", n);
    }
    memset(src, 0x5a, n);
    memset(dst, 0, n);

    BENCH_LOOP(st) {
        memcpy(dst, src, n);
        BENCH_ESCAPE(dst);
    }
    free(src);
    free(dst);
}

/*
 * suite/chase_8m: 64 dependent loads per iteration through an 8 MiB
 * random cyclic permutation (Sattolo's algorithm, built before the loop):
 * memory latency and TLB misses, which other processes' cache use moves.
 */
BENCH(suite, chase_8m)
{
    size_t n = ((size_t)8 << 20) / sizeof(size_t);
    size_t *next = malloc(n * sizeof *next);
    if (!next)
        BENCH_FAIL(st, "out of memory for %zu bytes", n * sizeof *next);
    for (size_t i = 0; i < n; i++)
        next[i] = i;
    uint64_t seed = 42;
    for (size_t i = n - 1; i > 0; i--) {
        size_t j = (size_t)(next_random(&seed) % i); /* j < i: one cycle */
        size_t t = next[i];
        next[i] = next[j];
        next[j] = t;
    }
    size_t p = 0;

    BENCH_LOOP(st) {
        for (int i = 0; i < 64; i++)
            p = next[p];
        BENCH_KEEP(p);
    }
    free(next);
}

/*
 * suite/malloc_free: PAIRS allocations of sizes from 16 to about 1 KiB,
 * all live at once, then freed in order: glibc's tcache, fast and small
 * bins.  The other case EXTRA_PERCENT slows down (more pairs).  Its time
 * depends on where the stack starts (on the 2-CPU development machine,
 * 1.35 to 2.4 µs as the environment grew from 0 to 3.5 KiB, ASLR off), so
 * benchrun's random stack padding per round, and ASLR under Google
 * Benchmark, make it a case with large between-process noise.
 */
BENCH(suite, malloc_free)
{
    void *ptrs[PAIRS_MAX];

    BENCH_LOOP(st) {
        for (int i = 0; i < PAIRS; i++) {
            ptrs[i] = malloc(16 + (size_t)(i * 40) % 1009);
            BENCH_ESCAPE(ptrs[i]);
        }
        for (int i = 0; i < PAIRS; i++)
            free(ptrs[i]);
    }
}

/*
 * suite/syscall: one getppid() through syscall(), so libc cannot cache
 * it: the cost of entering and leaving the kernel (mitigations included).
 */
BENCH(suite, syscall)
{
    BENCH_LOOP(st) {
        long r = syscall(SYS_getppid);
        BENCH_KEEP(r);
    }
}

static int compare_ints(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/*
 * suite/qsort_256: sorts 256 random ints; the input is restored from a
 * saved copy between benchrun_pause() and benchrun_resume(), so the case
 * stresses the pause/resume accounting (two clock reads per iteration)
 * as well as qsort's indirect calls.
 */
BENCH(suite, qsort_256)
{
    int saved[256], work[256];
    uint64_t seed = 7;
    for (int i = 0; i < 256; i++)
        saved[i] = (int)(next_random(&seed) & 0x7fffffff);

    BENCH_LOOP(st) {
        benchrun_pause(st);
        memcpy(work, saved, sizeof work);
        benchrun_resume(st);
        qsort(work, 256, sizeof work[0], compare_ints);
        BENCH_ESCAPE(work);
    }
}

/*
 * suite/strchr_strlen: strlen() and strchr() over a 1 KiB string whose
 * only '#' is its last character: libc's vectorised string scans.
 */
BENCH(suite, strchr_strlen)
{
    static char s[1024];
    memset(s, 'a', sizeof s - 2);
    s[sizeof s - 2] = '#';
    s[sizeof s - 1] = '\0';

    BENCH_LOOP(st) {
        BENCH_ESCAPE(s);
        size_t len = strlen(s);
        const char *hash = strchr(s, '#');
        BENCH_KEEP(len + (size_t)(hash - s));
    }
}

/*
 * suite/snprintf: formats an int, a long, a hexadecimal and a double:
 * stdio's formatting and the locale-independent number conversion.
 */
BENCH(suite, snprintf)
{
    char buf[128];
    volatile int i0 = 12345;
    volatile long l0 = -9876543210L;
    volatile double d0 = 3.14159265358979;

    BENCH_LOOP(st) {
        int n = snprintf(buf, sizeof buf, "%d %ld %x %.6f", i0, l0,
                         (unsigned)i0, d0);
        BENCH_ESCAPE(buf);
        BENCH_KEEP(n);
    }
}
