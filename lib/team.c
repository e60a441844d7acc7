/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * team.c: the meeting point of a multi-threaded case's threads (see
 * team.h).
 *
 * Why a condition variable and not a spinning barrier: a case may ask
 * for more threads than the machine has CPUs (that is often the point of
 * measuring it), and spinning threads would then steal the CPU from the
 * ones still working.  The wake-up costs tens of microseconds, but it
 * happens between samples, which last milliseconds, and each thread
 * reads its own clock only after it is awake.
 */
#include "config.h"

#include "lib/team.h"

#include <string.h>

int brun_team_init(struct brun_team *t, struct benchrun_state *states,
                   unsigned size)
{
    memset(t, 0, sizeof *t);
    t->size = size;
    t->states = states;
    if (pthread_mutex_init(&t->lock, NULL) != 0)
        return -1;
    if (pthread_cond_init(&t->cond, NULL) != 0) {
        pthread_mutex_destroy(&t->lock);
        return -1;
    }
    for (unsigned i = 0; i < size; i++) {
        states[i].team = t;
        states[i].thread_index = i;
    }
    return 0;
}

void brun_team_release(struct brun_team *t)
{
    pthread_cond_destroy(&t->cond);
    pthread_mutex_destroy(&t->lock);
}

/* The team's sample: from the first thread's start to the last one's
 * end, less the shortest of the threads' pauses.  A thread that only
 * got a CPU late (more threads than CPUs) starts late, and the span
 * counts its wait, as the slowest thread's own time would not. */
static uint64_t team_span(const struct brun_team *t)
{
    uint64_t first_start = UINT64_MAX, last_end = 0, paused = UINT64_MAX;
    for (unsigned i = 0; i < t->size; i++) {
        const struct benchrun_state *s = &t->states[i];
        if (s->t_start < first_start)
            first_start = s->t_start;
        if (s->team_end > last_end)
            last_end = s->team_end;
        if (s->paused_ticks < paused)
            paused = s->paused_ticks;
    }
    uint64_t span = last_end > first_start ? last_end - first_start : 0;
    return span > paused ? span - paused : 0;
}

/* The threads' mean CPU time over the sample. */
static uint64_t team_cpu(const struct brun_team *t)
{
    uint64_t sum = 0;
    for (unsigned i = 0; i < t->size; i++)
        sum += t->states[i].team_cpu_ns;
    return sum / t->size;
}

/* Their involuntary context switches, summed. */
static uint64_t team_switches(const struct brun_team *t)
{
    uint64_t sum = 0;
    for (unsigned i = 0; i < t->size; i++)
        sum += t->states[i].team_ivcsw;
    return sum;
}

int brun_team_sync(struct brun_team *t, struct benchrun_state *st,
                   brun_team_decide decide, uint64_t *result)
{
    pthread_mutex_lock(&t->lock);
    if (t->abandoned) {
        pthread_mutex_unlock(&t->lock);
        return -1;
    }
    unsigned long generation = t->generation;
    if (++t->arrived == t->size) {
        t->result =
            decide(&t->states[0], team_span(t), team_cpu(t), team_switches(t));
        if (t->result == BENCHRUN_PRIV_LOOP_DONE)
            t->finished = 1;
        t->arrived = 0;
        t->generation++;
        pthread_cond_broadcast(&t->cond);
    } else {
        while (generation == t->generation && !t->abandoned)
            pthread_cond_wait(&t->cond, &t->lock);
        if (generation == t->generation) {
            pthread_mutex_unlock(&t->lock);
            return -1;
        }
    }
    *result = t->result;
    st->phase = t->states[0].phase;
    st->n = t->states[0].n;
    pthread_mutex_unlock(&t->lock);
    return 0;
}

void brun_team_abandon(struct brun_team *t)
{
    pthread_mutex_lock(&t->lock);
    if (!t->finished) {
        t->abandoned = 1;
        pthread_cond_broadcast(&t->cond);
    }
    pthread_mutex_unlock(&t->lock);
}

struct thread_start {
    struct benchrun_state *st;
    void (*body)(struct benchrun_state *st);
};

/* The body of one thread; leaving it while the loop still runs (the body
 * returned without finishing BENCH_LOOP) abandons the team. */
static void run_body(struct benchrun_state *st,
                     void (*body)(struct benchrun_state *st))
{
    body(st);
    if (st->phase != BRUN_PHASE_AFTER || st->left_early)
        brun_team_abandon(st->team);
}

static void *thread_main(void *arg)
{
    struct thread_start *start = arg;
    run_body(start->st, start->body);
    return NULL;
}

int brun_team_run(struct brun_team *t, void (*body)(struct benchrun_state *st))
{
    pthread_t threads[t->size];
    struct thread_start starts[t->size];
    unsigned started = 0;

    /* When a thread cannot be started, those already running wait at
     * their first boundary; abandoning the team lets them finish. */
    for (unsigned i = 1; i < t->size; i++) {
        starts[i].st = &t->states[i];
        starts[i].body = body;
        if (pthread_create(&threads[i], NULL, thread_main, &starts[i]) != 0)
            break;
        started = i;
    }
    if (started + 1 < t->size) {
        brun_team_abandon(t);
        for (unsigned i = 1; i <= started; i++)
            pthread_join(threads[i], NULL);
        return -1;
    }
    run_body(&t->states[0], body);
    for (unsigned i = 1; i < t->size; i++)
        pthread_join(threads[i], NULL);
    return 0;
}
