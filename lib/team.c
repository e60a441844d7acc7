/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * team.c: the meeting point of a multi-threaded case's threads (see
 * team.h).
 *
 * Waiting: a thread that has finished its sample first spins for up to
 * SPIN_NS watching the boundary count, then sleeps on a condition
 * variable.  Spinning is why the threads start a sample together: a
 * woken sleeper starts tens of microseconds after the release on this
 * VM (one after the other, as the kernel wakes them), which a 2 ms
 * sample would count as a few per cent of its time (threads_figures.py:
 * two padded threads 9 % slower than one before the spin, 1 to 3 %
 * after).
 * It spins only when the team fits on the CPUs the process may use: with
 * more threads than CPUs (often the point of measuring) a spinning
 * thread would steal the CPU from a teammate still inside its timed
 * sample, so it sleeps at once.
 */
#include "config.h"

#include "lib/team.h"

#include <sched.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Longest a waiting thread spins before it sleeps. */
#define SPIN_NS 200000

static void cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
}

static uint64_t monotonic_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Spins until the boundary count moves on from generation, the team is
 * abandoned, or SPIN_NS have passed. */
static void spin_for_release(const struct brun_team *t,
                             unsigned long generation)
{
    uint64_t deadline = monotonic_ns() + SPIN_NS;
    for (unsigned k = 1;; k++) {
        if (__atomic_load_n(&t->generation, __ATOMIC_ACQUIRE) != generation ||
            __atomic_load_n(&t->abandoned, __ATOMIC_ACQUIRE))
            return;
        cpu_relax();
        if (k % 64 == 0 && monotonic_ns() > deadline)
            return;
    }
}

/* The CPUs this process may run on (its affinity mask), else online. */
static unsigned usable_cpus(void)
{
#ifdef CPU_COUNT
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
        return (unsigned)CPU_COUNT(&set);
#endif
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    return cpus > 0 ? (unsigned)cpus : 1;
}

int brun_team_init(struct brun_team *t, struct benchrun_state *states,
                   unsigned size, struct brun_probe *probe)
{
    memset(t, 0, sizeof *t);
    t->size = size;
    t->states = states;
    t->probe = probe;
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
    /* Under a probe a spinning thread would be counted or sampled. */
    t->spin = !probe && size <= usable_cpus();
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
        struct benchrun_state *first = &t->states[0];
        if (t->probe && first->phase == BRUN_PHASE_MEASURE)
            brun_probe_sample_end(t->probe, first->n * t->size);
        t->result = decide(first, team_span(t), team_cpu(t), team_switches(t));
        if (t->probe && t->result == BENCHRUN_PRIV_LOOP_DONE) {
            brun_probe_finish(t->probe);
        } else if (t->probe && first->phase == BRUN_PHASE_MEASURE) {
            brun_probe_sample_begin(t->probe);
        }
        t->phase = first->phase;
        t->n = first->n;
        if (t->result == BENCHRUN_PRIV_LOOP_DONE)
            t->finished = 1;
        t->arrived = 0;
        __atomic_store_n(&t->generation, generation + 1, __ATOMIC_RELEASE);
        pthread_cond_broadcast(&t->cond);
    } else {
        if (t->spin) {
            pthread_mutex_unlock(&t->lock);
            spin_for_release(t, generation);
            pthread_mutex_lock(&t->lock);
        }
        while (generation == t->generation && !t->abandoned)
            pthread_cond_wait(&t->cond, &t->lock);
        if (generation == t->generation) {
            pthread_mutex_unlock(&t->lock);
            return -1;
        }
    }
    /* From the team, not from the first thread's state: that thread may
     * already have left the loop and be changing it. */
    *result = t->result;
    st->phase = t->phase;
    st->n = t->n;
    pthread_mutex_unlock(&t->lock);
    return 0;
}

void brun_team_abandon(struct brun_team *t)
{
    pthread_mutex_lock(&t->lock);
    if (!t->finished) {
        __atomic_store_n(&t->abandoned, 1, __ATOMIC_RELEASE);
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
