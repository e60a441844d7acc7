/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * clock.c: choosing a clock and calibrating it.
 *
 * The TSC is only used when the CPU says it is invariant (CPUID leaf
 * 0x80000007, EDX bit 8): then it ticks at a constant rate whatever the
 * core frequency, which makes it a wall clock, not a cycle counter.  Its
 * rate is calibrated against CLOCK_MONOTONIC_RAW at every run rather than
 * read from /proc/cpuinfo, which was 15 ppm off on the development VM.
 * Nothing here runs inside a timed sample.
 */
#include "config.h"

#include "lib/clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__)
#include <cpuid.h>
#endif

const char *brun_clock_name(enum brun_clock_kind kind)
{
    switch (kind) {
    case BRUN_CLOCK_TSC:
        return "tsc";
    case BRUN_CLOCK_CNTVCT:
        return "cntvct";
    case BRUN_CLOCK_MONOTONIC:
        break;
    }
    return "monotonic";
}

#if defined(__x86_64__)
static int tsc_is_invariant(void)
{
    unsigned a, b, c, d;
    if (!__get_cpuid(0x80000000u, &a, &b, &c, &d) || a < 0x80000007u)
        return 0;
    if (!__get_cpuid(0x80000007u, &a, &b, &c, &d))
        return 0;
    return (d >> 8) & 1u;
}
#endif

int brun_clock_usable(enum brun_clock_kind kind, char *why, size_t why_size)
{
    switch (kind) {
    case BRUN_CLOCK_MONOTONIC:
        return 1;
    case BRUN_CLOCK_TSC:
#if defined(__x86_64__)
        if (tsc_is_invariant())
            return 1;
        snprintf(why, why_size,
                 "this CPU's TSC is not invariant (CPUID 0x80000007 EDX[8] "
                 "is clear), so its rate changes with the core clock");
#else
        snprintf(why, why_size, "the TSC exists only on x86-64");
#endif
        return 0;
    case BRUN_CLOCK_CNTVCT:
#if defined(__aarch64__)
        return 1;
#else
        snprintf(why, why_size, "cntvct_el0 exists only on aarch64");
        return 0;
#endif
    }
    snprintf(why, why_size, "unknown clock");
    return 0;
}

enum brun_clock_kind brun_clock_best(void)
{
    char why[128];
    if (brun_clock_usable(BRUN_CLOCK_TSC, why, sizeof why))
        return BRUN_CLOCK_TSC;
    if (brun_clock_usable(BRUN_CLOCK_CNTVCT, why, sizeof why))
        return BRUN_CLOCK_CNTVCT;
    return BRUN_CLOCK_MONOTONIC;
}

int brun_clock_parse(const char *name, enum brun_clock_kind *out, char *why,
                     size_t why_size)
{
    enum brun_clock_kind kind;
    if (strcmp(name, "auto") == 0) {
        *out = brun_clock_best();
        return 0;
    }
    if (strcmp(name, "tsc") == 0)
        kind = BRUN_CLOCK_TSC;
    else if (strcmp(name, "cntvct") == 0)
        kind = BRUN_CLOCK_CNTVCT;
    else if (strcmp(name, "monotonic") == 0)
        kind = BRUN_CLOCK_MONOTONIC;
    else {
        snprintf(why, why_size,
                 "unknown clock \"%s\" (expected auto, tsc, cntvct or "
                 "monotonic)",
                 name);
        return -1;
    }
    if (!brun_clock_usable(kind, why, why_size))
        return -1;
    *out = kind;
    return 0;
}

static uint64_t raw_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC_RAW, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* One (ticks, ns) pair read as close together as possible: the read of the
 * reference clock is bracketed by two tick reads, and the tightest bracket
 * out of a few tries wins, so a preemption cannot skew the pair. */
static void paired_read(enum brun_clock_kind kind, double *ticks, double *ns)
{
    uint64_t best_width = UINT64_MAX;
    for (int i = 0; i < 16; i++) {
        uint64_t t0 = brun_clock_read(kind);
        uint64_t n = raw_ns();
        uint64_t t1 = brun_clock_read(kind);
        if (t1 - t0 < best_width) {
            best_width = t1 - t0;
            *ticks = (double)t0 + (double)(t1 - t0) / 2.0;
            *ns = (double)n;
        }
    }
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double rate_against_raw_clock(enum brun_clock_kind kind)
{
#if defined(__aarch64__)
    if (kind == BRUN_CLOCK_CNTVCT) {
        uint64_t f;
        __asm__ __volatile__("mrs %0, cntfrq_el0" : "=r"(f));
        return (double)f;
    }
#endif
    if (kind == BRUN_CLOCK_MONOTONIC)
        return 1e9;
    /* Three 12 ms intervals, median rate: each is good to about 1 ppm and
     * the median drops one disturbed by a migration. */
    double rates[3];
    for (int i = 0; i < 3; i++) {
        double t0, n0, t1, n1;
        struct timespec pause = {0, 12 * 1000 * 1000};
        paired_read(kind, &t0, &n0);
        nanosleep(&pause, NULL);
        paired_read(kind, &t1, &n1);
        rates[i] = (t1 - t0) / ((n1 - n0) * 1e-9);
    }
    qsort(rates, 3, sizeof rates[0], compare_doubles);
    return rates[1];
}

void brun_clock_calibrate(enum brun_clock_kind kind,
                          struct brun_clock_info *info)
{
    enum {
        PAIRS = 2000,
        READS = 1000
    };
    static double empty[PAIRS];
    uint64_t smallest = UINT64_MAX;

    memset(info, 0, sizeof *info);
    info->kind = kind;
    info->ticks_per_second = rate_against_raw_clock(kind);
    info->invariant = 1; /* brun_clock_usable() refuses the others */

    for (int i = 0; i < PAIRS; i++) {
        uint64_t a = brun_clock_read(kind);
        uint64_t b = brun_clock_read(kind);
        if (b > a && b - a < smallest)
            smallest = b - a;
        empty[i] = (double)(b - a);
    }
    qsort(empty, PAIRS, sizeof empty[0], compare_doubles);
    info->empty_region_ns = brun_clock_ticks_to_ns(info, empty[PAIRS / 2]);
    info->resolution_ns = smallest == UINT64_MAX
                              ? 0
                              : brun_clock_ticks_to_ns(info, (double)smallest);

    /* Best of five batches of back-to-back reads: the cost of one read. */
    double best = -1;
    for (int batch = 0; batch < 5; batch++) {
        uint64_t start = raw_ns();
        uint64_t sink = 0;
        for (int i = 0; i < READS; i++)
            sink ^= brun_clock_read(kind);
        uint64_t stop = raw_ns();
        __asm__ __volatile__("" : : "r"(sink));
        double cost = (double)(stop - start) / READS;
        if (best < 0 || cost < best)
            best = cost;
    }
    info->read_cost_ns = best;
}
