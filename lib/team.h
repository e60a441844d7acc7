/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * team.h: the threads of one multi-threaded case (BENCH_THREADS).
 *
 * A worker runs an instance with N threads by calling the case body in
 * N threads, each with its own state (state.h).  At every sample
 * boundary of BENCH_LOOP the threads meet here: the last to arrive lets
 * the first thread's state decide the next iteration count from the
 * slowest thread's time (so every thread runs the same count, and the
 * calibration, warm-up and samples are the team's), then releases them
 * all, and each reads its own clock to start the sample.  A probe that
 * sees the whole process (probe.h: perf's enable, the allocation
 * counter) is run here too, by the last thread to arrive: off before
 * the decision, on again just before the release, so its window holds
 * every thread's sample.  Callgrind's collection is a state of each
 * thread, so every thread toggles its own right after its own clock
 * reads (state.c), and the meeting itself is never counted; the
 * hardware counters, which count one thread, stay with the first
 * thread's own samples.  The meeting is
 * a mutex, a condition variable and a bounded spin, outside every timed
 * span.  A thread
 * that leaves early (a failure, a skip, a misused loop) abandons the
 * team: the others leave the loop at their next boundary instead of
 * waiting for it forever.
 */
#ifndef BRUN_TEAM_H
#define BRUN_TEAM_H

#include <pthread.h>
#include <stdint.h>

#include "lib/state.h"

struct brun_team {
    unsigned size;
    struct benchrun_state *states; /* size of them; [0] decides */
    pthread_mutex_t lock;
    pthread_cond_t cond;
    unsigned arrived;
    unsigned long generation; /* boundaries passed */
    int abandoned;            /* a thread left: nobody waits any more */
    int finished;             /* the loop ended for every thread */
    int spin;                 /* waiters spin before they sleep: the team
                                 fits on the usable CPUs (team.c) */
    struct brun_probe *probe; /* a probe of the whole process (callgrind,
                                 perf, allocations), run by the team around
                                 its samples; NULL otherwise */
    uint64_t result;          /* the last decision, for every thread: */
    enum brun_phase phase;    /* the phase it leads to */
    uint64_t n;               /* and the iterations of the next sample */
};

typedef uint64_t (*brun_team_decide)(struct benchrun_state *first,
                                     uint64_t elapsed, uint64_t cpu_ns,
                                     uint64_t ivcsw);

/* Sets up a team over states (each already initialised), with probe
 * (NULL for none) as its process-wide probe; 0 or -1. */
int brun_team_init(struct brun_team *t, struct benchrun_state *states,
                   unsigned size, struct brun_probe *probe);
void brun_team_release(struct brun_team *t);

/* A sample boundary (st is one of the team's states, its team_* figures
 * set): waits for every thread; the last to arrive calls decide on the
 * first state with the slowest elapsed time, the mean CPU time and the
 * summed context switches.  Copies the decision's phase and count into
 * st.  Returns 0 with the decision in result, or -1 when the team was
 * abandoned. */
int brun_team_sync(struct brun_team *t, struct benchrun_state *st,
                   brun_team_decide decide, uint64_t *result);

/* A thread leaves before the loop ended: wakes and stops every other. */
void brun_team_abandon(struct brun_team *t);

/* Runs body once in each of the team's threads (the calling thread is
 * thread 0) and waits for all of them.  0, or -1 when a thread could not
 * be started (then no thread ran the body). */
int brun_team_run(struct brun_team *t, void (*body)(struct benchrun_state *st));

#endif /* BRUN_TEAM_H */
