/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * perf_record.h: one worker profiled by Debian's `perf record`, timed
 * loop only.
 *
 * perf starts with its events disabled (-D -1) and listens on two FIFOs
 * (--control fifo:CTL,ACK); the worker writes "enable" before each timed
 * sample and "disable" after it, waiting for perf's ack (lib/probe.c),
 * so start-up, setup, warm-up and teardown never reach the profile.
 * Call graphs come from frame pointers (-g: cheap, but only code built
 * with -fno-omit-frame-pointer gives whole stacks) or DWARF
 * (--call-graph dwarf: works on any -g build, costs more per sample).
 * Without a PMU perf samples the cpu-clock software event instead of
 * cycles; the profile reads the same.
 */
#ifndef BRUN_PERF_RECORD_H
#define BRUN_PERF_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include "runner/diagnose/perf_read.h"
#include "runner/measure/measure.h"

/* perf's sampling frequency (its own default). */
#define BRUN_PERF_FREQUENCY 4000

struct brun_perf_settings {
    char perf[4096];      /* absolute path of perf */
    int call_graph_dwarf; /* 1: --call-graph dwarf, 0: -g (frame pointer) */
    const char *scratch;  /* private folder for the FIFOs */
};

/* Finds perf: 0, or -1 with "perf not found ... (apt-get install
 * linux-perf)". */
int brun_perf_find(struct brun_perf_settings *p, char *why, size_t why_size);

/* Records one worker of samples × iterations into data_path and reads
 * the samples back (perf script) into *profile (caller releases).
 * *reply says how many iterations ran.  0; 1 with why when the case
 * failed; 2 with why when perf itself could not record (permission, no
 * such event): the message says what to do; -1 interrupted. */
int brun_perf_profile(const struct brun_perf_settings *p,
                      const struct brun_measure_env *env, const char *path,
                      const struct brun_listed_case *listed,
                      uint64_t iterations, uint32_t samples,
                      const char *data_path, struct brun_profile *profile,
                      struct brun_probe_reply *reply, char *why,
                      size_t why_size);

#endif /* BRUN_PERF_RECORD_H */
