/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * counters.c: a perf_event_open group read around samples (see
 * counters.h).
 *
 * The group is read with PERF_FORMAT_GROUP, so one read() returns
 * {nr, time_enabled, time_running, value[nr]} for all events at once;
 * a sample's counts are the difference of two such reads.
 */
#include "config.h"

#include "lib/counters.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#ifdef __linux__
#include <linux/perf_event.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#endif

#ifdef __linux__
const struct brun_counter_event brun_hardware_events[] = {
    {"instructions", PERF_TYPE_HARDWARE, PERF_COUNT_HW_INSTRUCTIONS},
    {"cycles", PERF_TYPE_HARDWARE, PERF_COUNT_HW_CPU_CYCLES},
    {"branch_misses", PERF_TYPE_HARDWARE, PERF_COUNT_HW_BRANCH_MISSES},
    {"cache_misses", PERF_TYPE_HARDWARE, PERF_COUNT_HW_CACHE_MISSES},
};
const size_t brun_hardware_event_count =
    sizeof brun_hardware_events / sizeof *brun_hardware_events;

static int open_event(const struct brun_counter_event *e, int leader)
{
    struct perf_event_attr attr;
    memset(&attr, 0, sizeof attr);
    attr.size = sizeof attr;
    attr.type = e->type;
    attr.config = e->config;
    attr.disabled = leader < 0; /* members follow the leader */
    attr.exclude_kernel = 1;
    attr.exclude_hv = 1;
    attr.read_format = PERF_FORMAT_GROUP | PERF_FORMAT_TOTAL_TIME_ENABLED |
                       PERF_FORMAT_TOTAL_TIME_RUNNING;
    long fd = syscall(SYS_perf_event_open, &attr, 0, -1, leader, 0);
    return fd < 0 ? -1 : (int)fd;
}

static void describe_open_error(int err, const char *name, char *why,
                                size_t why_size)
{
    if (err == ENOENT || err == EOPNOTSUPP || err == ENODEV)
        snprintf(why, why_size,
                 "no PMU: hardware event %s is not available on this "
                 "machine (a virtual machine without counters?)",
                 name);
    else if (err == EACCES || err == EPERM)
        snprintf(why, why_size,
                 "not permitted to count %s: lower "
                 "/proc/sys/kernel/perf_event_paranoid to 2 or less",
                 name);
    else
        snprintf(why, why_size, "cannot count %s: %s", name, strerror(err));
}

int brun_counters_open(struct brun_counter_group *g,
                       const struct brun_counter_event *events, size_t count,
                       char *why, size_t why_size)
{
    memset(g, 0, sizeof *g);
    for (size_t i = 0; i < BRUN_COUNTERS_MAX; i++)
        g->fds[i] = -1;
    if (count == 0 || count > BRUN_COUNTERS_MAX) {
        snprintf(why, why_size, "cannot count %zu events at once", count);
        return -1;
    }
    for (size_t i = 0; i < count; i++) {
        int fd = open_event(&events[i], g->count ? g->fds[0] : -1);
        if (fd < 0) {
            if (g->count == 0) {
                describe_open_error(errno, events[i].name, why, why_size);
                return -1;
            }
            continue; /* this event is missing; count the others */
        }
        g->fds[g->count] = fd;
        g->names[g->count] = events[i].name;
        g->count++;
    }
    return 0;
}

int brun_counters_enable(struct brun_counter_group *g)
{
    if (g->count == 0)
        return -1;
    if (ioctl(g->fds[0], PERF_EVENT_IOC_RESET, PERF_IOC_FLAG_GROUP) != 0)
        return -1;
    return ioctl(g->fds[0], PERF_EVENT_IOC_ENABLE, PERF_IOC_FLAG_GROUP) == 0
               ? 0
               : -1;
}

/* One group read: {nr, enabled, running, values...}. */
static int read_group(const struct brun_counter_group *g, uint64_t *out)
{
    size_t want = (3 + g->count) * sizeof *out;
    ssize_t got = read(g->fds[0], out, want);
    return got == (ssize_t)want && out[0] == g->count ? 0 : -1;
}

int brun_counters_sample_begin(struct brun_counter_group *g)
{
    if (g->count == 0)
        return -1;
    return read_group(g, g->at_begin);
}

int brun_counters_sample_end(struct brun_counter_group *g)
{
    uint64_t now[BRUN_COUNTERS_MAX + 3];
    if (g->count == 0 || read_group(g, now) != 0)
        return -1;
    g->enabled_ns += now[1] - g->at_begin[1];
    g->running_ns += now[2] - g->at_begin[2];
    for (size_t i = 0; i < g->count; i++)
        g->value[i] += now[3 + i] - g->at_begin[3 + i];
    return 0;
}

void brun_counters_close(struct brun_counter_group *g)
{
    for (size_t i = 0; i < g->count; i++)
        if (g->fds[i] >= 0)
            close(g->fds[i]);
    g->count = 0;
}
#else
const struct brun_counter_event brun_hardware_events[] = {
    {"instructions", 0, 0}};
const size_t brun_hardware_event_count = 1;

int brun_counters_open(struct brun_counter_group *g,
                       const struct brun_counter_event *events, size_t count,
                       char *why, size_t why_size)
{
    (void)events;
    (void)count;
    memset(g, 0, sizeof *g);
    snprintf(why, why_size, "hardware counters need Linux perf_event_open");
    return -1;
}
int brun_counters_enable(struct brun_counter_group *g)
{
    (void)g;
    return -1;
}
int brun_counters_sample_begin(struct brun_counter_group *g)
{
    (void)g;
    return -1;
}
int brun_counters_sample_end(struct brun_counter_group *g)
{
    (void)g;
    return -1;
}
void brun_counters_close(struct brun_counter_group *g)
{
    (void)g;
}
#endif
