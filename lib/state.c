/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * state.c: the sample-boundary logic behind BENCH_LOOP.
 *
 * benchrun_priv_loop_start() reads the clock as its last action and
 * benchrun_priv_loop_next() as its first, so a sample's time is the loop
 * and nothing else (plus half a clock read at each end, which the driver
 * measures and shows).  Everything else here runs between samples: the
 * decisions on the next iteration count, the CPU-time and context-switch
 * readings that show interference, and the bookkeeping.
 *
 * Calibration (when the driver sends 0 iterations) grows the count from
 * 1: tenfold while a sample is under a tenth of the target, otherwise to
 * target/elapsed times the count, at most tenfold.  A count is accepted
 * when two samples in a row reach two thirds of the target and the
 * warm-up time has passed; a preempted sample cannot stop the search
 * early, because its successor would fall short and growth resumes.
 *
 * Warm-up runs samples of the requested count until the warm-up time has
 * passed and the last three samples agree within 3 %, or until four times
 * the warm-up time has passed, whichever comes first.
 */
#include "config.h"

#include "lib/state.h"
#include "lib/team.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#define WARMUP_STEADY_SPREAD 0.03

int brun_state_init(struct benchrun_state *st, const struct brun_request *req,
                    long long arg, double bytes, double items)
{
    memset(st, 0, sizeof *st);
    st->req = *req;
    st->arg = arg;
    st->bytes = bytes;
    st->items = items;
    st->phase = BRUN_PHASE_BEFORE;
    if (req->samples > 0) {
        st->samples = calloc(req->samples, sizeof *st->samples);
        if (!st->samples)
            return -1;
    }
    return 0;
}

void brun_state_release(struct benchrun_state *st)
{
    free(st->samples);
    st->samples = NULL;
}

const char *brun_state_problem(const struct benchrun_state *st)
{
    if (st->outcome != BRUN_OUTCOME_NONE)
        return NULL;
    if (st->loop_entries == 0)
        return "the case returned without entering BENCH_LOOP";
    if (st->loop_entries > 1)
        return "the case entered BENCH_LOOP more than once";
    if (st->left_early)
        return "the case left BENCH_LOOP early (break, return or goto "
               "inside the loop)";
    if (st->phase != BRUN_PHASE_AFTER)
        return "the case returned from inside BENCH_LOOP (return or goto "
               "inside the loop)";
    return NULL;
}

static uint64_t thread_cpu_ns(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
        return 0;
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static uint64_t involuntary_switches(void)
{
    struct rusage ru;
#ifdef RUSAGE_THREAD
    if (getrusage(RUSAGE_THREAD, &ru) != 0)
        return 0;
#else
    if (getrusage(RUSAGE_SELF, &ru) != 0)
        return 0;
#endif
    return (uint64_t)ru.ru_nivcsw;
}

/* Starts timing a sample of st->n iterations; the clock read is last. */
static uint64_t read_start(struct benchrun_state *st)
{
    st->paused = 0;
    st->paused_ticks = 0;
    if (st->phase == BRUN_PHASE_MEASURE) {
        st->ivcsw_start = involuntary_switches();
        st->cpu_start = thread_cpu_ns();
        if (st->probe) {
            /* Probed: the probe's steps sit just outside the clock
             * reads.  Decided before the read, so a plain run adds no
             * instruction after it. */
            brun_probe_sample_begin(st->probe);
            st->t_start = brun_clock_read(st->req.clock);
            brun_probe_at_clock(st->probe);
            return st->n;
        }
        if (st->team && st->team->probe) {
            /* Callgrind collects per thread: each toggles its own. */
            st->t_start = brun_clock_read(st->req.clock);
            brun_probe_at_clock(st->team->probe);
            return st->n;
        }
    }
    st->t_start = brun_clock_read(st->req.clock);
    return st->n;
}

/* The next sample is decided: start it, except in a team, where each
 * thread starts its own once the decision has reached it (team_go). */
static uint64_t begin_sample(struct benchrun_state *st)
{
    if (st->team)
        return st->n;
    return read_start(st);
}

static uint64_t finish_loop(struct benchrun_state *st)
{
    if (st->probe && !st->team)
        brun_probe_finish(st->probe);
    st->phase = BRUN_PHASE_AFTER;
    return BENCHRUN_PRIV_LOOP_DONE;
}

/* A thread of a team leaves the loop: the probe (first thread only)
 * finishes here, in the thread that ran it. */
static uint64_t team_finish(struct benchrun_state *st)
{
    if (st->probe)
        brun_probe_finish(st->probe);
    st->phase = BRUN_PHASE_AFTER;
    return BENCHRUN_PRIV_LOOP_DONE;
}

/* The phase after calibration and warm-up, or the end. */
static uint64_t enter_measure(struct benchrun_state *st)
{
    if (st->req.samples == 0)
        return finish_loop(st);
    st->phase = BRUN_PHASE_MEASURE;
    return begin_sample(st);
}

static uint64_t enter_warmup_or_measure(struct benchrun_state *st)
{
    if (st->req.warmup_ticks == 0)
        return enter_measure(st);
    st->phase = BRUN_PHASE_WARMUP;
    return begin_sample(st);
}

uint64_t brun_state_decide_start(struct benchrun_state *st, uint64_t elapsed,
                                 uint64_t cpu_ns, uint64_t ivcsw)
{
    (void)elapsed;
    (void)cpu_ns;
    (void)ivcsw;
    if (st->req.iterations == 0) {
        st->phase = BRUN_PHASE_CALIBRATE;
        st->n = 1;
        return begin_sample(st);
    }
    st->n = st->req.iterations;
    return enter_warmup_or_measure(st);
}

/* A team's sample boundary: wait for every thread, take the first
 * thread's decision, and start the next sample in this thread. */
static uint64_t team_go(struct benchrun_state *st,
                        uint64_t (*decide)(struct benchrun_state *, uint64_t,
                                           uint64_t, uint64_t))
{
    uint64_t result;
    if (brun_team_sync(st->team, st, decide, &result) != 0) {
        st->team_abandoned = 1;
        return team_finish(st);
    }
    if (result == BENCHRUN_PRIV_LOOP_DONE)
        return team_finish(st);
    return read_start(st);
}

uint64_t benchrun_priv_loop_start(struct benchrun_state *st)
{
    st->loop_entries++;
    if (st->loop_entries > 1 || st->outcome != BRUN_OUTCOME_NONE) {
        if (st->team)
            brun_team_abandon(st->team);
        return finish_loop(st);
    }
    if (st->team)
        return team_go(st, brun_state_decide_start);
    return brun_state_decide_start(st, 0, 0, 0);
}

/* Next count while calibrating, or 0 when the count is settled. */
static uint64_t calibrate_next(struct benchrun_state *st, uint64_t elapsed)
{
    const uint64_t target = st->req.target_ticks;
    int long_enough = elapsed * 3 >= target * 2;

    st->calibration_ticks_total += elapsed;
    if (long_enough || st->n >= BRUN_MAX_ITERATIONS) {
        int warm = st->calibration_ticks_total >= st->req.warmup_ticks;
        if (warm &&
            (st->calibration_confirming || st->n >= BRUN_MAX_ITERATIONS))
            return 0;
        st->calibration_confirming = warm;
        return st->n; /* same count again: confirm, or keep warming */
    }
    st->calibration_confirming = 0;
    uint64_t next;
    if (elapsed == 0 || elapsed * 10 < target)
        next = st->n * 10;
    else {
        double grown = ceil((double)st->n * (double)target / (double)elapsed);
        next = grown > (double)st->n * 10 ? st->n * 10 : (uint64_t)grown;
        if (next <= st->n)
            next = st->n + 1;
    }
    return next > BRUN_MAX_ITERATIONS ? BRUN_MAX_ITERATIONS : next;
}

/* 1 when warm-up is over after a sample of `elapsed` ticks. */
static int warmup_done(struct benchrun_state *st, uint64_t elapsed)
{
    const uint64_t w = st->req.warmup_ticks;
    double per_iteration = (double)elapsed / (double)st->n;

    st->warmup_recent[st->warmup_samples % 3] = per_iteration;
    st->warmup_samples++;
    st->warmup_ticks_total += elapsed;
    if (st->warmup_samples >= 3) {
        double lo = st->warmup_recent[0], hi = lo;
        for (int i = 1; i < 3; i++) {
            if (st->warmup_recent[i] < lo)
                lo = st->warmup_recent[i];
            if (st->warmup_recent[i] > hi)
                hi = st->warmup_recent[i];
        }
        st->warmup_steady = hi <= lo * (1 + WARMUP_STEADY_SPREAD);
    }
    if (st->warmup_ticks_total >= 4 * w)
        return 1;
    return st->warmup_ticks_total >= w && st->warmup_steady;
}

uint64_t brun_state_decide_next(struct benchrun_state *st, uint64_t elapsed,
                                uint64_t cpu_ns, uint64_t ivcsw)
{
    st->all_iterations += st->n;
    st->all_ticks += elapsed;

    switch (st->phase) {
    case BRUN_PHASE_CALIBRATE: {
        uint64_t next = calibrate_next(st, elapsed);
        if (next == 0) {
            st->calibrated_iterations = st->n;
            st->calibrated_ticks = elapsed;
            return finish_loop(st);
        }
        st->n = next;
        return begin_sample(st);
    }
    case BRUN_PHASE_WARMUP:
        if (warmup_done(st, elapsed))
            return enter_measure(st);
        return begin_sample(st);
    case BRUN_PHASE_MEASURE: {
        struct brun_sample *s = &st->samples[st->sample_count++];
        s->iterations = st->n;
        s->ticks = elapsed;
        s->paused_ticks = st->paused_ticks;
        s->cpu_ns = cpu_ns;
        s->ivcsw = ivcsw;
        if (st->sample_count == st->req.samples)
            return finish_loop(st);
        return begin_sample(st);
    }
    case BRUN_PHASE_BEFORE:
    case BRUN_PHASE_AFTER:
        break;
    }
    return finish_loop(st);
}

uint64_t benchrun_priv_loop_next(struct benchrun_state *st, uint64_t left)
{
    const uint64_t t_end = brun_clock_read(st->req.clock);

    if (st->probe && st->phase == BRUN_PHASE_MEASURE) {
        brun_probe_at_clock(st->probe);
        brun_probe_sample_end(st->probe, st->n - left);
    } else if (st->team && st->team->probe && st->phase == BRUN_PHASE_MEASURE) {
        brun_probe_at_clock(st->team->probe);
    }
    if (st->paused) {
        st->paused_ticks += t_end - st->pause_start;
        st->paused = 0;
    }
    if (left != 0) {
        st->left_early = 1;
        if (st->team) {
            brun_team_abandon(st->team);
            return team_finish(st);
        }
        return finish_loop(st);
    }
    uint64_t total = t_end - st->t_start;
    uint64_t elapsed = total > st->paused_ticks ? total - st->paused_ticks : 0;
    uint64_t cpu_ns = 0, ivcsw = 0;
    if (st->phase == BRUN_PHASE_MEASURE) {
        uint64_t cpu_end = thread_cpu_ns();
        uint64_t ivcsw_end = involuntary_switches();
        cpu_ns = cpu_end > st->cpu_start ? cpu_end - st->cpu_start : 0;
        ivcsw = ivcsw_end > st->ivcsw_start ? ivcsw_end - st->ivcsw_start : 0;
    }
    if (st->team) {
        st->team_end = t_end;
        st->team_cpu_ns = cpu_ns;
        st->team_ivcsw = ivcsw;
        return team_go(st, brun_state_decide_next);
    }
    return brun_state_decide_next(st, elapsed, cpu_ns, ivcsw);
}

void benchrun_pause(struct benchrun_state *st)
{
    if (st->paused || st->phase == BRUN_PHASE_BEFORE ||
        st->phase == BRUN_PHASE_AFTER)
        return;
    st->pause_start = brun_clock_read(st->req.clock);
    st->paused = 1;
}

void benchrun_resume(struct benchrun_state *st)
{
    if (!st->paused)
        return;
    st->paused_ticks += brun_clock_read(st->req.clock) - st->pause_start;
    st->paused = 0;
}

long long benchrun_arg(const struct benchrun_state *st)
{
    return st->arg;
}

/* The index of parameter name in st's case, or -1 (the case failed). */
static int param_index(struct benchrun_state *st, const char *name,
                       int want_string)
{
    const struct benchrun_case *c = st->instance ? st->instance->def : NULL;
    for (size_t i = 0; c && name && i < c->param_count; i++) {
        if (strcmp(c->params[i].name, name) != 0)
            continue;
        if ((c->params[i].string_count > 0) != want_string) {
            benchrun_fail(st, "parameter %s is %s: use %s", name,
                          want_string ? "an integer" : "a string",
                          want_string ? "benchrun_param()"
                                      : "benchrun_param_str()");
            return -1;
        }
        return (int)i;
    }
    benchrun_fail(st, "the case has no parameter named %.64s",
                  name ? name : "(null)");
    return -1;
}

long long benchrun_param(struct benchrun_state *st, const char *name)
{
    int i = param_index(st, name, 0);
    return i < 0 ? 0 : st->instance->param_int[i];
}

const char *benchrun_param_str(struct benchrun_state *st, const char *name)
{
    int i = param_index(st, name, 1);
    return i < 0 ? "" : st->instance->param_str[i];
}

int benchrun_threads(const struct benchrun_state *st)
{
    return st->instance ? (int)st->instance->threads : 1;
}

int benchrun_thread_index(const struct benchrun_state *st)
{
    return (int)st->thread_index;
}

void *benchrun_fixture(const struct benchrun_state *st)
{
    return st->fixture;
}

void benchrun_set_bytes(struct benchrun_state *st, double bytes_per_iteration)
{
    if (bytes_per_iteration >= 0)
        st->bytes = bytes_per_iteration;
}

void benchrun_set_items(struct benchrun_state *st, double items_per_iteration)
{
    if (items_per_iteration >= 0)
        st->items = items_per_iteration;
}

static void set_outcome(struct benchrun_state *st, enum brun_outcome outcome,
                        const char *fmt, va_list ap)
{
    if (st->outcome != BRUN_OUTCOME_NONE)
        return; /* the first failure or skip wins */
    st->outcome = outcome;
    vsnprintf(st->message, sizeof st->message, fmt, ap);
}

void benchrun_fail(struct benchrun_state *st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    set_outcome(st, BRUN_OUTCOME_FAIL, fmt, ap);
    va_end(ap);
}

void benchrun_skip(struct benchrun_state *st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    set_outcome(st, BRUN_OUTCOME_SKIP, fmt, ap);
    va_end(ap);
}

/* 1 when name is 1 to BENCHRUN_COUNTER_NAME_MAX bytes of [A-Za-z0-9_.-]. */
static int counter_name_ok(const char *name)
{
    size_t n = 0;
    if (!name)
        return 0;
    for (; name[n]; n++) {
        char ch = name[n];
        if (n == BENCHRUN_COUNTER_NAME_MAX ||
            !((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
              (ch >= '0' && ch <= '9') || ch == '_' || ch == '.' || ch == '-'))
            return 0;
    }
    return n > 0;
}

void benchrun_counter(struct benchrun_state *st, const char *name, double value,
                      int flags)
{
    int kind = flags & ~BENCHRUN_COUNTER_HIGHER_IS_BETTER;
    if (!counter_name_ok(name)) {
        benchrun_fail(st,
                      "benchrun_counter: bad counter name \"%.80s\" (1 to %d "
                      "bytes of A-Z a-z 0-9 _ . -)",
                      name ? name : "(null)", BENCHRUN_COUNTER_NAME_MAX);
        return;
    }
    if (kind != BENCHRUN_COUNTER_AVERAGE &&
        kind != BENCHRUN_COUNTER_PER_ITERATION &&
        kind != BENCHRUN_COUNTER_RATE) {
        benchrun_fail(st, "benchrun_counter: counter %s has bad flags %#x",
                      name, (unsigned)flags);
        return;
    }
    if (!isfinite(value)) {
        benchrun_fail(st, "benchrun_counter: counter %s is not finite (%g)",
                      name, value);
        return;
    }
    for (unsigned i = 0; i < st->counter_count; i++) {
        if (strcmp(st->counters[i].name, name) == 0) {
            st->counters[i].value = value;
            st->counters[i].flags = flags;
            return;
        }
    }
    if (st->counter_count == BENCHRUN_COUNTERS_MAX) {
        benchrun_fail(st,
                      "benchrun_counter: counter %s is one too many (at most "
                      "%d per case)",
                      name, BENCHRUN_COUNTERS_MAX);
        return;
    }
    struct brun_user_value *u = &st->counters[st->counter_count++];
    strcpy(u->name, name);
    u->value = value;
    u->flags = flags;
}
