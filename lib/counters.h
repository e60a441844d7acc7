/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * counters.h: hardware event counters of the worker's own thread, read
 * around measured samples.
 *
 * The counters are one perf_event_open group (the kernel schedules them
 * together, so their ratios are consistent), user space only
 * (exclude_kernel: allowed at the default perf_event_paranoid of 2).  A
 * read gives each event's count and the group's time enabled and running;
 * when the PMU has more events to count than registers, the kernel
 * multiplexes and running < enabled, and the count is scaled by
 * enabled/running.  Reading costs one read() system call, so it is done
 * before a sample's first clock read and after its last, never inside.
 * Linux only; elsewhere opening fails with a reason.
 */
#ifndef BRUN_COUNTERS_H
#define BRUN_COUNTERS_H

#include <stddef.h>
#include <stdint.h>

#define BRUN_COUNTERS_MAX 8

/* An event: perf_event_attr's type and config. */
struct brun_counter_event {
    const char *name; /* "instructions", ... */
    uint32_t type;
    uint64_t config;
};

/* The hardware events benchrun counts: instructions, cycles,
 * branch_misses, cache_misses (names as in reports/model/metrics.h). */
extern const struct brun_counter_event brun_hardware_events[];
extern const size_t brun_hardware_event_count;

struct brun_counter_group {
    int fds[BRUN_COUNTERS_MAX];
    const char *names[BRUN_COUNTERS_MAX];
    size_t count; /* events opened (the group's leader first) */
    uint64_t value[BRUN_COUNTERS_MAX];        /* totals over the samples read */
    uint64_t enabled_ns, running_ns;          /* likewise */
    uint64_t at_begin[BRUN_COUNTERS_MAX + 3]; /* raw read at sample start */
};

/* Opens events as one group for the calling thread, disabled.  Events the
 * kernel refuses are left out, but the first must open: returns 0 (with
 * g->count ≥ 1), or -1 and a reason ("no PMU: hardware events are not
 * available on this machine" for ENOENT, the paranoid setting for EACCES)
 * in why. */
int brun_counters_open(struct brun_counter_group *g,
                       const struct brun_counter_event *events, size_t count,
                       char *why, size_t why_size);
/* Starts counting (the whole group). 0 or -1. */
int brun_counters_enable(struct brun_counter_group *g);
/* Reads at a sample's start and end; end adds the difference to the
 * totals.  0 or -1 when the read fails. */
int brun_counters_sample_begin(struct brun_counter_group *g);
int brun_counters_sample_end(struct brun_counter_group *g);
/* Closes the group. */
void brun_counters_close(struct brun_counter_group *g);

#endif /* BRUN_COUNTERS_H */
