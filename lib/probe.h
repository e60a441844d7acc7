/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * probe.h: what a worker does around its measured samples when the
 * driver asks for more than time.
 *
 * The driver's RUN command may name a probe (protocol 2):
 *
 *   counters            read a hardware counter group (counters.h) before
 *                       each sample's first clock read and after its last
 *   callgrind           the worker runs under valgrind's callgrind with
 *                       --collect-atstart=no; collection is toggled on
 *                       right after each sample's first clock read and off
 *                       right after its last, so the count is the loop
 *   perf:CTL,ACK        the worker runs under `perf record -D -1 --control
 *                       fifo:CTL,ACK`; it writes "enable" before each
 *                       sample's first clock read and "disable" after its
 *                       last, waiting for perf's "ack" each time
 *   alloc               the worker runs with benchrun's allocation counter
 *                       preloaded (lib/alloc/); counting is on from the
 *                       first measured sample to the end of the last
 *
 * A probe never adds work between a sample's two clock reads except
 * callgrind's toggle, and under callgrind time means nothing.  Its
 * figures travel as METRIC messages before DONE (protocol.h).
 */
#ifndef BRUN_PROBE_H
#define BRUN_PROBE_H

#include <stddef.h>
#include <stdint.h>

#include "lib/alloc/alloc_counter.h"
#include "lib/counters.h"

enum brun_probe_mode {
    BRUN_PROBE_NONE,
    BRUN_PROBE_COUNTERS,
    BRUN_PROBE_CALLGRIND,
    BRUN_PROBE_PERF,
    BRUN_PROBE_ALLOC,
};

struct brun_probe {
    enum brun_probe_mode mode;
    char arg[1024]; /* perf: "CTL,ACK" */

    struct brun_counter_group counters;
    int counters_open;
    char counters_why[192]; /* why they could not be opened */

    int ctl_fd, ack_fd; /* perf's control FIFOs */

    void (*alloc_start)(void);
    void (*alloc_stop)(struct brun_alloc_counts *);
    struct brun_alloc_counts alloc;
    int alloc_running;

    uint64_t iterations; /* measured iterations seen */
    int failed;          /* a probe step failed mid-run */
    char why[256];
};

/* Parses the RUN command's probe field ("counters", "perf:A,B", ...).
 * 0, or -1 with why. */
int brun_probe_parse(struct brun_probe *p, const char *field, char *why,
                     size_t why_size);
/* Before the case body runs: opens counters (a failure there is not
 * fatal: it is reported as a NOTE), perf's FIFOs, the allocation
 * counter's symbols, and checks callgrind is really there.  0, or -1
 * with why when the probe cannot work at all. */
int brun_probe_prepare(struct brun_probe *p, char *why, size_t why_size);

/* Around each measured sample; see the comment at the top. */
void brun_probe_sample_begin(struct brun_probe *p); /* before the clock */
/* Right after each of a sample's two clock reads (callgrind's toggle). */
void brun_probe_at_clock(struct brun_probe *p);
void brun_probe_sample_end(struct brun_probe *p, uint64_t iterations);
/* After the last measured sample (or when the loop is abandoned). */
void brun_probe_finish(struct brun_probe *p);

/* Sends the probe's METRIC (and NOTE) messages.  0 or -1 (write). */
int brun_probe_report(const struct brun_probe *p, int fd);
void brun_probe_release(struct brun_probe *p);

#endif /* BRUN_PROBE_H */
