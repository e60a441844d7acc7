/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * clock.h: the clocks a sample is timed with, read in ticks.
 *
 * Three clocks: the invariant TSC on x86-64 (fenced with lfence on both
 * sides so the read neither starts early nor lets later work start before
 * it), the generic timer cntvct_el0 on aarch64 (isb on both sides), and
 * clock_gettime(CLOCK_MONOTONIC) everywhere, whose tick is a nanosecond.
 * Reads are inline so the cost between a read and the timed work is only
 * the read itself.  Converting ticks to nanoseconds is the driver's job
 * (it calibrates once per run, with brun_clock_calibrate() in clock.c);
 * the worker side only ever handles ticks.
 */
#ifndef BRUN_CLOCK_H
#define BRUN_CLOCK_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

enum brun_clock_kind {
    BRUN_CLOCK_MONOTONIC = 0,
    BRUN_CLOCK_TSC = 1,
    BRUN_CLOCK_CNTVCT = 2,
};

/* Reads the clock.  Ticks only mean something as differences. */
static inline uint64_t brun_clock_read(enum brun_clock_kind kind)
{
    switch (kind) {
#if defined(__x86_64__)
    case BRUN_CLOCK_TSC: {
        uint32_t lo, hi;
        __asm__ __volatile__("lfence\n\trdtsc\n\tlfence"
                             : "=a"(lo), "=d"(hi)
                             :
                             : "memory");
        return ((uint64_t)hi << 32) | lo;
    }
#endif
#if defined(__aarch64__)
    case BRUN_CLOCK_CNTVCT: {
        uint64_t v;
        __asm__ __volatile__("isb\n\tmrs %0, cntvct_el0\n\tisb"
                             : "=r"(v)
                             :
                             : "memory");
        return v;
    }
#endif
    default: {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
    }
    }
}

/* What the driver measured about a clock at start-up. */
struct brun_clock_info {
    enum brun_clock_kind kind;
    double ticks_per_second; /* calibrated against CLOCK_MONOTONIC_RAW */
    double resolution_ns;    /* smallest non-zero difference of two reads */
    double read_cost_ns;     /* mean cost of one read, back to back */
    double empty_region_ns;  /* median reading of an empty timed region */
    int invariant;           /* 1: constant rate across P/C-states */
};

/* "tsc", "cntvct" or "monotonic". */
const char *brun_clock_name(enum brun_clock_kind kind);

/* Parses "auto", "tsc", "cntvct" or "monotonic" (auto picks the best clock
 * this machine offers).  Returns 0, or -1 with a reason in why. */
int brun_clock_parse(const char *name, enum brun_clock_kind *out, char *why,
                     size_t why_size);

/* The best usable clock: an invariant TSC, else cntvct, else monotonic. */
enum brun_clock_kind brun_clock_best(void);

/* 1 when kind can be used on this machine; otherwise 0 and a reason. */
int brun_clock_usable(enum brun_clock_kind kind, char *why, size_t why_size);

/* Measures frequency, resolution and read cost of a usable clock.  Takes
 * about 50 ms (the TSC frequency needs a few sleeps to calibrate). */
void brun_clock_calibrate(enum brun_clock_kind kind,
                          struct brun_clock_info *info);

/* Converts a tick difference to nanoseconds with a calibrated info. */
static inline double brun_clock_ticks_to_ns(const struct brun_clock_info *info,
                                            double ticks)
{
    return ticks * 1e9 / info->ticks_per_second;
}

#endif /* BRUN_CLOCK_H */
