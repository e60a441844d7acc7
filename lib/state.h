/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * state.h: what one run of one case inside a worker looks like.
 *
 * A worker runs a case by calling its BENCH body once with a state set up
 * from the driver's request.  BENCH_LOOP then asks this state, at each
 * sample boundary, how many iterations to run next: first while
 * calibrating the iteration count (only when the driver asked for 0
 * iterations), then while warming up, then for the measured samples.  The
 * state records the samples in an array allocated before the body runs,
 * so nothing is allocated, written or locked while a sample is timed.
 */
#ifndef BRUN_STATE_H
#define BRUN_STATE_H

#include <stdint.h>

#include "benchrun.h"
#include "lib/clock.h"
#include "lib/probe.h"
#include "lib/registry.h"

struct brun_team;

/* What the driver asks a worker to do with one case. */
struct brun_request {
    enum brun_clock_kind clock;
    uint64_t iterations;   /* per sample; 0 = calibrate the count first */
    uint32_t samples;      /* measured samples */
    uint64_t warmup_ticks; /* least warm-up time; 0 = no warm-up */
    uint64_t target_ticks; /* sample length the calibration aims for */
};

/* One measured sample. */
struct brun_sample {
    uint64_t iterations;
    uint64_t ticks;        /* elapsed, pauses excluded */
    uint64_t paused_ticks; /* time spent between pause and resume */
    uint64_t cpu_ns;       /* this thread's CPU time over the sample */
    uint64_t ivcsw;        /* involuntary context switches during it */
};

enum brun_phase {
    BRUN_PHASE_BEFORE, /* body running, loop not entered yet */
    BRUN_PHASE_CALIBRATE,
    BRUN_PHASE_WARMUP,
    BRUN_PHASE_MEASURE,
    BRUN_PHASE_AFTER, /* loop finished (or abandoned) */
};

enum brun_outcome {
    BRUN_OUTCOME_NONE,
    BRUN_OUTCOME_FAIL,
    BRUN_OUTCOME_SKIP,
};

/* One benchrun_counter() name and what the case gave for it. */
struct brun_user_value {
    char name[BENCHRUN_COUNTER_NAME_MAX + 1];
    double value;
    int flags;
};

/* Largest iteration count calibration will pick: a loop the compiler
 * removed (an empty body) stops growing here. */
#define BRUN_MAX_ITERATIONS 1000000000000ull

struct benchrun_state {
    struct brun_request req;
    long long arg;
    double bytes, items;

    enum brun_phase phase;
    unsigned loop_entries; /* times BENCH_LOOP was started */
    int left_early;        /* the loop was left with iterations to go */
    uint64_t n;            /* iterations of the sample being timed */
    uint64_t t_start;      /* clock at the start of that sample */
    uint64_t paused_ticks; /* paused time within that sample */
    uint64_t pause_start;
    int paused;
    uint64_t cpu_start, ivcsw_start;

    /* Calibration. */
    uint64_t calibration_ticks_total;
    int calibration_confirming;
    uint64_t calibrated_iterations, calibrated_ticks;

    /* Warm-up. */
    uint32_t warmup_samples;
    uint64_t warmup_ticks_total;
    double warmup_recent[3]; /* ticks per iteration of the last samples */
    int warmup_steady;

    /* Measurement. */
    struct brun_sample *samples;
    uint32_t sample_count;

    /* Every sample the loop ran, calibration and warm-up included: what
     * user counters are divided by (benchrun_counter()). */
    uint64_t all_iterations;
    uint64_t all_ticks;

    /* User counters, set after the loop (benchrun_counter()). */
    struct brun_user_value counters[BENCHRUN_COUNTERS_MAX];
    unsigned counter_count;

    enum brun_outcome outcome;
    char message[512];

    /* What to do around measured samples besides timing them (probe.h);
     * NULL for a plain timed run.  In a team only the first thread may
     * have one, the hardware counters of its own thread; a probe of the
     * whole process is the team's (team.h). */
    struct brun_probe *probe;

    /* The instance being run (parameters, thread count); NULL in tests
     * that drive a state without a registry. */
    const struct brun_instance *instance;
    void *fixture; /* its group fixture's pointer, or NULL */

    /* A multi-threaded case (team.h): the team, this thread's index, and
     * what it measured of its last sample, for the team's decision. */
    struct brun_team *team;
    unsigned thread_index;
    uint64_t team_end, team_cpu_ns, team_ivcsw;
    int team_abandoned; /* stopped because another thread left */
};

/* Prepares a state for one run.  Returns 0, or -1 when the sample array
 * cannot be allocated.  Release with brun_state_release(). */
int brun_state_init(struct benchrun_state *st, const struct brun_request *req,
                    long long arg, double bytes, double items);
void brun_state_release(struct benchrun_state *st);

/* The sample-boundary decisions, for the team (team.h): the first
 * thread's state decides for every thread, from the team's elapsed ticks
 * (first start to last end), the threads' mean CPU time and their summed
 * involuntary context switches.  loop_start's decision ignores the figures. */
uint64_t brun_state_decide_start(struct benchrun_state *st, uint64_t elapsed,
                                 uint64_t cpu_ns, uint64_t ivcsw);
uint64_t brun_state_decide_next(struct benchrun_state *st, uint64_t elapsed,
                                uint64_t cpu_ns, uint64_t ivcsw);

/* After the body returned: a one-line reason the run is not usable, or
 * NULL when it completed (a failure or skip is reported by the case). */
const char *brun_state_problem(const struct benchrun_state *st);

#endif /* BRUN_STATE_H */
