/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * probe.c: counters, callgrind toggles, perf control and allocation
 * counting around measured samples (see probe.h).
 *
 * Every step that talks to the outside (a counter read, a FIFO write)
 * happens outside a sample's two clock reads.  A step that fails mid-run
 * marks the probe failed and stops probing; the samples are still sent,
 * and the driver reports the probe's failure instead of its figures.
 */
#include "config.h"

#include "lib/probe.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef HAVE_VALGRIND_CALLGRIND_H
#include <valgrind/callgrind.h>
#endif

#include "lib/io.h"
#include "lib/protocol.h"

int brun_probe_parse(struct brun_probe *p, const char *field, char *why,
                     size_t why_size)
{
    memset(p, 0, sizeof *p);
    p->ctl_fd = p->ack_fd = -1;
    if (strcmp(field, "time") == 0)
        p->mode = BRUN_PROBE_NONE;
    else if (strcmp(field, "counters") == 0)
        p->mode = BRUN_PROBE_COUNTERS;
    else if (strcmp(field, "callgrind") == 0)
        p->mode = BRUN_PROBE_CALLGRIND;
    else if (strcmp(field, "alloc") == 0)
        p->mode = BRUN_PROBE_ALLOC;
    else if (strncmp(field, "perf:", 5) == 0 &&
             strlen(field + 5) < sizeof p->arg && strchr(field + 5, ',')) {
        p->mode = BRUN_PROBE_PERF;
        strcpy(p->arg, field + 5);
    } else {
        snprintf(why, why_size, "unknown probe %.64s", field);
        return -1;
    }
    return 0;
}

static int open_perf_fifos(struct brun_probe *p, char *why, size_t why_size)
{
    char *comma = strchr(p->arg, ',');
    *comma = '\0';
    /* O_RDWR: opening never waits for the other side (Linux allows it on
     * a FIFO); perf has both ends open before it starts the workload. */
    p->ctl_fd = open(p->arg, O_RDWR | O_CLOEXEC);
    p->ack_fd = open(comma + 1, O_RDWR | O_CLOEXEC);
    *comma = ',';
    if (p->ctl_fd < 0 || p->ack_fd < 0) {
        snprintf(why, why_size, "cannot open perf's control FIFOs %s: %s",
                 p->arg, strerror(errno));
        return -1;
    }
    return 0;
}

int brun_probe_prepare(struct brun_probe *p, char *why, size_t why_size)
{
    switch (p->mode) {
    case BRUN_PROBE_COUNTERS:
        p->counters_open =
            brun_counters_open(&p->counters, brun_hardware_events,
                               brun_hardware_event_count, p->counters_why,
                               sizeof p->counters_why) == 0;
        return 0;
    case BRUN_PROBE_CALLGRIND:
#ifdef HAVE_VALGRIND_CALLGRIND_H
        if (!RUNNING_ON_VALGRIND) {
            snprintf(why, why_size,
                     "the callgrind probe needs the worker "
                     "to run under valgrind");
            return -1;
        }
        return 0;
#else
        snprintf(why, why_size,
                 "this libbenchrun was built without "
                 "valgrind's headers: no callgrind probe");
        return -1;
#endif
    case BRUN_PROBE_PERF:
        return open_perf_fifos(p, why, why_size);
    case BRUN_PROBE_ALLOC:
        *(void **)&p->alloc_start =
            dlsym(RTLD_DEFAULT, BRUN_ALLOC_START_SYMBOL);
        *(void **)&p->alloc_stop = dlsym(RTLD_DEFAULT, BRUN_ALLOC_STOP_SYMBOL);
        if (!p->alloc_start || !p->alloc_stop) {
            snprintf(why, why_size,
                     "the allocation counter is not loaded "
                     "(LD_PRELOAD of libbenchrun-alloc.so)");
            return -1;
        }
        return 0;
    case BRUN_PROBE_NONE:
        break;
    }
    return 0;
}

/* Sends one perf control command and waits for its ack. */
static void perf_command(struct brun_probe *p, const char *command)
{
    char ack[16];
    if (p->failed)
        return;
    if (brun_io_write_full(p->ctl_fd, command, strlen(command)) != 0 ||
        brun_io_read(p->ack_fd, ack, sizeof ack) <= 0) {
        p->failed = 1;
        snprintf(p->why, sizeof p->why, "perf's control FIFO failed: %s",
                 strerror(errno));
    }
}

void brun_probe_sample_begin(struct brun_probe *p)
{
    switch (p->mode) {
    case BRUN_PROBE_COUNTERS:
        if (!p->counters_open || p->failed)
            return;
        if (p->iterations == 0 && brun_counters_enable(&p->counters) != 0)
            p->failed = 1;
        if (!p->failed && brun_counters_sample_begin(&p->counters) != 0)
            p->failed = 1;
        if (p->failed)
            snprintf(p->why, sizeof p->why, "reading the counters failed");
        return;
    case BRUN_PROBE_PERF:
        perf_command(p, "enable\n");
        return;
    case BRUN_PROBE_ALLOC:
        if (!p->alloc_running) {
            p->alloc_start();
            p->alloc_running = 1;
        }
        return;
    case BRUN_PROBE_CALLGRIND:
    case BRUN_PROBE_NONE:
        break;
    }
}

void brun_probe_at_clock(struct brun_probe *p)
{
#ifdef HAVE_VALGRIND_CALLGRIND_H
    if (p->mode == BRUN_PROBE_CALLGRIND)
        CALLGRIND_TOGGLE_COLLECT; /* on at a sample's start, off at its end */
#else
    (void)p;
#endif
}

void brun_probe_sample_end(struct brun_probe *p, uint64_t iterations)
{
    p->iterations += iterations;
    switch (p->mode) {
    case BRUN_PROBE_COUNTERS:
        if (p->counters_open && !p->failed &&
            brun_counters_sample_end(&p->counters) != 0) {
            p->failed = 1;
            snprintf(p->why, sizeof p->why, "reading the counters failed");
        }
        return;
    case BRUN_PROBE_PERF:
        perf_command(p, "disable\n");
        return;
    case BRUN_PROBE_ALLOC:
    case BRUN_PROBE_CALLGRIND:
    case BRUN_PROBE_NONE:
        break;
    }
}

void brun_probe_finish(struct brun_probe *p)
{
    if (p->mode == BRUN_PROBE_ALLOC && p->alloc_running) {
        p->alloc_stop(&p->alloc);
        p->alloc_running = 0;
    }
}

static int send_metric(int fd, const char *name, double value,
                       uint64_t iterations, uint64_t enabled, uint64_t running)
{
    struct brun_proto_out m;
    brun_proto_begin(&m, "METRIC");
    brun_proto_add_str(&m, name);
    brun_proto_add_double(&m, value);
    brun_proto_add_u64(&m, iterations);
    brun_proto_add_u64(&m, enabled);
    brun_proto_add_u64(&m, running);
    return brun_proto_send(fd, &m);
}

static int send_note(int fd, const char *text)
{
    struct brun_proto_out m;
    brun_proto_begin(&m, "NOTE");
    brun_proto_add_text(&m, text);
    return brun_proto_send(fd, &m);
}

static int report_alloc(const struct brun_probe *p, int fd)
{
    const struct brun_alloc_counts *a = &p->alloc;
    uint64_t n = p->iterations;
    if (send_metric(
            fd, "allocations",
            (double)(a->mallocs + a->callocs + a->reallocs + a->aligned), n, 1,
            1) != 0 ||
        send_metric(fd, "frees", (double)a->frees, n, 1, 1) != 0 ||
        send_metric(fd, "allocated_bytes", (double)a->bytes, n, 1, 1) != 0)
        return -1;
    /* Peak heap is a level, not a per-iteration count: iterations 0. */
    return send_metric(fd, "peak_heap_bytes",
                       (double)(a->peak > 0 ? a->peak : 0), 0, 1, 1);
}

int brun_probe_report(const struct brun_probe *p, int fd)
{
    if (p->failed)
        return send_note(fd, p->why);
    switch (p->mode) {
    case BRUN_PROBE_COUNTERS:
        if (!p->counters_open)
            return send_note(fd, p->counters_why);
        for (size_t i = 0; i < p->counters.count; i++)
            if (send_metric(fd, p->counters.names[i],
                            (double)p->counters.value[i], p->iterations,
                            p->counters.enabled_ns,
                            p->counters.running_ns) != 0)
                return -1;
        return 0;
    case BRUN_PROBE_ALLOC:
        return report_alloc(p, fd);
    case BRUN_PROBE_CALLGRIND:
    case BRUN_PROBE_PERF:
    case BRUN_PROBE_NONE:
        break;
    }
    return 0;
}

void brun_probe_release(struct brun_probe *p)
{
    if (p->counters_open)
        brun_counters_close(&p->counters);
    if (p->ctl_fd >= 0)
        close(p->ctl_fd);
    if (p->ack_fd >= 0)
        close(p->ack_fd);
    p->ctl_fd = p->ack_fd = -1;
}
