/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * measure.c: one case, measured round by round in fresh workers.
 *
 * First a calibration worker finds the iteration count that makes a
 * sample last the target time (unless --iterations fixes it).  The plan
 * is then cut to the case's time budget if needed (fewer samples first,
 * then fewer rounds, never below BRUN_MIN_SAMPLES and BRUN_MIN_ROUNDS,
 * then the rounds' warm-up).
 * Each round is one worker process: it warms up, takes its samples and
 * exits; its samples become one per-round estimate (20 % trimmed mean of
 * ns per iteration), the unit the statistics work on.  The first round
 * that fails ends the case, with the reason: what the worker session saw
 * (runner/worker/session.c), and where it happened, recorded in the
 * model (brun_case_result.phase) and worded by reports/model/wording.c.
 */
#include "config.h"

#include "runner/measure/measure.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "lib/protocol.h"
#include "lib/state.h"
#include "reports/model/wording.h"
#include "reports/text/format.h"
#include "runner/measure/estimate.h"
#include "runner/measure/metric_values.h"
#include "runner/worker/process.h"
#include "runner/worker/session.h"
#include "stats/random.h"

/* Up to this fraction of extra iterations per round, when jitter is on,
 * so samples do not run in lock step with periodic noise. */
#define JITTER_FRACTION 0.10
/* Largest stack padding (BENCHRUN_ENV_PAD) in bytes. */
#define MAX_PAD 4096
/* Spawning and greeting a worker, roughly; used only for planning. */
#define WORKER_OVERHEAD_S 0.003

enum done_kind {
    DONE_NONE,
    DONE_OK,
    DONE_FAIL,
    DONE_SKIP,
    DONE_MISUSE
};

/* A COUNTER answer: a benchrun_counter() value as the case gave it. */
struct counter_answer {
    char name[BENCHRUN_COUNTER_NAME_MAX + 1];
    double value;
    uint64_t flags;
    uint64_t iterations, ticks; /* what the loop ran in all */
};

/* Everything a worker answered to RUN. */
struct run_reply {
    uint32_t requested_samples;
    int calibrating;
    uint64_t calibrated_iterations, calibrated_ticks;
    int warmup_seen;
    uint64_t warmup_samples, warmup_ticks, warmup_steady;
    struct brun_sample_result *samples;
    size_t sample_count;
    double bytes, items;
    int throughput_seen;
    struct brun_probe_metric metrics[BRUN_PROBE_METRICS_MAX];
    size_t metric_count;
    char note[256]; /* a probe's NOTE: why it could not count */
    struct counter_answer counters[BENCHRUN_COUNTERS_MAX];
    size_t counter_count;
    enum done_kind done;
    char message[512];
};

/* How a worker is started besides plainly (a probe, a profiler). */
struct worker_extras {
    const char *probe; /* RUN's probe field, or NULL */
    const struct brun_launch *launch;
    double timeout_s; /* 0: the settings' */
};

static int expect_fields(const struct brun_proto_msg *m, size_t n, char *why,
                         size_t why_size)
{
    if (m->count == n)
        return 0;
    snprintf(why, why_size, "%s with %zu fields instead of %zu", m->fields[0],
             m->count - 1, n - 1);
    return -1;
}

static int bad_number(char *why, size_t why_size)
{
    snprintf(why, why_size, "malformed number");
    return -1;
}

static int on_done(struct run_reply *r, const struct brun_proto_msg *m,
                   char *why, size_t why_size)
{
    static const struct {
        const char *word;
        enum done_kind kind;
    } kinds[] = {{"ok", DONE_OK},
                 {"fail", DONE_FAIL},
                 {"skip", DONE_SKIP},
                 {"misuse", DONE_MISUSE}};
    if (m->count < 2 || m->count > 3) {
        snprintf(why, why_size, "DONE needs a status");
        return -1;
    }
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(m->fields[1], kinds[i].word) == 0)
            r->done = kinds[i].kind;
    if (r->done == DONE_NONE) {
        snprintf(why, why_size, "unknown DONE status \"%s\"", m->fields[1]);
        return -1;
    }
    snprintf(r->message, sizeof r->message, "%s",
             m->count == 3 ? m->fields[2] : "");
    if (r->done == DONE_OK) {
        if (r->sample_count != r->requested_samples) {
            snprintf(why, why_size, "DONE ok after %zu of %u samples",
                     r->sample_count, r->requested_samples);
            return -1;
        }
        if (r->calibrating && r->calibrated_iterations == 0) {
            snprintf(why, why_size, "DONE ok without CALIBRATED");
            return -1;
        }
    }
    return 1;
}

static int on_run_message(void *ctx, const struct brun_proto_msg *m, char *why,
                          size_t why_size)
{
    struct run_reply *r = ctx;
    const char *verb = m->fields[0];

    if (strcmp(verb, "SAMPLE") == 0) {
        struct brun_sample_result s = {0};
        if (expect_fields(m, 6, why, why_size))
            return -1;
        if (brun_proto_u64(m->fields[1], &s.iterations) ||
            brun_proto_u64(m->fields[2], &s.ticks) ||
            brun_proto_u64(m->fields[3], &s.paused_ticks) ||
            brun_proto_u64(m->fields[4], &s.cpu_ns) ||
            brun_proto_u64(m->fields[5], &s.ivcsw) || s.iterations == 0)
            return bad_number(why, why_size);
        if (r->sample_count == r->requested_samples) {
            snprintf(why, why_size, "more samples than the %u requested",
                     r->requested_samples);
            return -1;
        }
        r->samples[r->sample_count++] = s;
        return 0;
    }
    if (strcmp(verb, "CALIBRATED") == 0) {
        if (expect_fields(m, 3, why, why_size))
            return -1;
        if (brun_proto_u64(m->fields[1], &r->calibrated_iterations) ||
            brun_proto_u64(m->fields[2], &r->calibrated_ticks) ||
            r->calibrated_iterations == 0)
            return bad_number(why, why_size);
        return 0;
    }
    if (strcmp(verb, "WARMUP") == 0) {
        if (expect_fields(m, 4, why, why_size))
            return -1;
        if (brun_proto_u64(m->fields[1], &r->warmup_samples) ||
            brun_proto_u64(m->fields[2], &r->warmup_ticks) ||
            brun_proto_u64(m->fields[3], &r->warmup_steady))
            return bad_number(why, why_size);
        r->warmup_seen = 1;
        return 0;
    }
    if (strcmp(verb, "THROUGHPUT") == 0) {
        if (expect_fields(m, 3, why, why_size))
            return -1;
        if (brun_proto_double(m->fields[1], &r->bytes) ||
            brun_proto_double(m->fields[2], &r->items) || !isfinite(r->bytes) ||
            !isfinite(r->items) || r->bytes < 0 || r->items < 0)
            return bad_number(why, why_size);
        r->throughput_seen = 1;
        return 0;
    }
    if (strcmp(verb, "METRIC") == 0) {
        struct brun_probe_metric x = {{0}, 0, 0, 0, 0};
        if (expect_fields(m, 6, why, why_size))
            return -1;
        if (strlen(m->fields[1]) >= sizeof x.name ||
            brun_proto_double(m->fields[2], &x.value) || !isfinite(x.value) ||
            brun_proto_u64(m->fields[3], &x.iterations) ||
            brun_proto_u64(m->fields[4], &x.enabled_ns) ||
            brun_proto_u64(m->fields[5], &x.running_ns))
            return bad_number(why, why_size);
        strcpy(x.name, m->fields[1]);
        if (r->metric_count == BRUN_PROBE_METRICS_MAX) {
            snprintf(why, why_size, "too many METRIC answers");
            return -1;
        }
        r->metrics[r->metric_count++] = x;
        return 0;
    }
    if (strcmp(verb, "COUNTER") == 0) {
        struct counter_answer x;
        if (expect_fields(m, 6, why, why_size))
            return -1;
        if (strlen(m->fields[1]) >= sizeof x.name) {
            snprintf(why, why_size, "COUNTER name longer than %d bytes",
                     BENCHRUN_COUNTER_NAME_MAX);
            return -1;
        }
        if (brun_proto_double(m->fields[2], &x.value) || !isfinite(x.value) ||
            brun_proto_u64(m->fields[3], &x.flags) ||
            brun_proto_u64(m->fields[4], &x.iterations) ||
            brun_proto_u64(m->fields[5], &x.ticks))
            return bad_number(why, why_size);
        uint64_t kind = x.flags & ~(uint64_t)BENCHRUN_COUNTER_HIGHER_IS_BETTER;
        if (kind > BENCHRUN_COUNTER_RATE) {
            snprintf(why, why_size, "COUNTER %s with unknown flags %llu",
                     m->fields[1], (unsigned long long)x.flags);
            return -1;
        }
        if (r->counter_count == BENCHRUN_COUNTERS_MAX) {
            snprintf(why, why_size, "more than %d COUNTER answers",
                     BENCHRUN_COUNTERS_MAX);
            return -1;
        }
        strcpy(x.name, m->fields[1]);
        r->counters[r->counter_count++] = x;
        return 0;
    }
    if (strcmp(verb, "NOTE") == 0) {
        if (expect_fields(m, 2, why, why_size))
            return -1;
        snprintf(r->note, sizeof r->note, "%s", m->fields[1]);
        return 0;
    }
    if (strcmp(verb, "DONE") == 0)
        return on_done(r, m, why, why_size);
    snprintf(why, why_size, "not a RUN answer");
    return -1;
}

/* Records a failure (the first one wins): what went wrong, and where
 * (phase, or NULL), worded by reports/model/wording.c. */
static void set_failure(struct brun_case_result *c, enum brun_case_status st,
                        enum brun_failure_kind kind,
                        const struct brun_failure_phase *phase,
                        const char *text, char **output)
{
    char line[900];
    if (c->status != BRUN_STATUS_OK)
        return;
    c->status = st;
    c->failure = kind;
    if (phase)
        c->phase = *phase;
    brun_wording_failure_reason(text, kind, phase, line, sizeof line);
    c->reason = strdup(line);
    if (output && *output) {
        c->output = *output;
        *output = NULL;
    }
}

/* Runs one worker with RUN and fills reply.  Returns 0 when the worker
 * completed the command cleanly (the case may still have failed or
 * skipped itself: see reply->done); otherwise records the failure in c
 * and returns 1, or returns -1 when interrupted. */
static int run_worker(const char *path, const struct brun_failure_phase *where,
                      const struct brun_listed_case *listed,
                      const struct brun_measure_env *env, uint64_t iterations,
                      uint32_t samples, uint64_t warmup_ticks,
                      uint64_t target_ticks, size_t pad,
                      const struct worker_extras *extras,
                      struct run_reply *reply, struct brun_session *s,
                      struct brun_case_result *c)
{
    struct brun_proto_out command;

    memset(reply, 0, sizeof *reply);
    reply->requested_samples = samples;
    reply->calibrating = iterations == 0;
    if (samples > 0) {
        reply->samples = calloc(samples, sizeof *reply->samples);
        if (!reply->samples) {
            set_failure(c, BRUN_STATUS_FAILED, BRUN_FAILURE_PROTOCOL, where,
                        "out of memory", NULL);
            return 1;
        }
    }
    brun_proto_begin(&command, "RUN");
    brun_proto_add_str(&command, listed->name);
    brun_proto_add_u64(&command, (uint64_t)env->clock->kind);
    brun_proto_add_u64(&command, iterations);
    brun_proto_add_u64(&command, samples);
    brun_proto_add_u64(&command, warmup_ticks);
    brun_proto_add_u64(&command, target_ticks);
    size_t plain_length = command.len;
    if (extras && extras->probe)
        brun_proto_add_str(&command, extras->probe);

    memset(s, 0, sizeof *s);
    s->path = path;
    s->timeout_s = extras && extras->timeout_s > 0 ? extras->timeout_s
                                                   : env->settings.timeout_s;
    s->pad_length = pad;
    s->needs_probe = extras && extras->probe;
    /* Counters in a timed round are optional: an old build still runs
     * its round, uncounted. */
    if (extras && extras->probe && strcmp(extras->probe, "counters") == 0)
        s->plain_length = plain_length;
    s->launch = extras ? extras->launch : NULL;
    s->on_message = on_run_message;
    s->ctx = reply;
    brun_session_run(s, &command);

    switch (s->end) {
    case BRUN_SESSION_DONE:
        return 0;
    case BRUN_SESSION_INTERRUPTED:
        return -1;
    case BRUN_SESSION_DIED:
        set_failure(c, BRUN_STATUS_FAILED,
                    WIFSIGNALED(s->wait_status) ? BRUN_FAILURE_SIGNAL
                                                : BRUN_FAILURE_EXIT,
                    where, s->message, &s->output);
        return 1;
    case BRUN_SESSION_TIMEOUT:
        set_failure(c, BRUN_STATUS_FAILED, BRUN_FAILURE_TIMEOUT, where,
                    s->message, &s->output);
        return 1;
    default:
        set_failure(c, BRUN_STATUS_FAILED, BRUN_FAILURE_PROTOCOL, where,
                    s->message, &s->output);
        return 1;
    }
}

/* Applies the case's own verdict (fail, skip, misuse) from DONE. */
static int apply_done(struct brun_case_result *c,
                      const struct brun_failure_phase *where,
                      struct run_reply *reply, struct brun_session *s)
{
    switch (reply->done) {
    case DONE_OK:
        return 0;
    case DONE_SKIP:
        set_failure(c, BRUN_STATUS_SKIPPED, BRUN_FAILURE_NONE, NULL,
                    reply->message[0] ? reply->message : "skipped", NULL);
        return 1;
    case DONE_MISUSE:
        set_failure(c, BRUN_STATUS_FAILED, BRUN_FAILURE_MISUSE, where,
                    reply->message, &s->output);
        return 1;
    default:
        set_failure(c, BRUN_STATUS_FAILED, BRUN_FAILURE_REPORTED, where,
                    reply->message[0] ? reply->message : "failed", &s->output);
        return 1;
    }
}

static double ticks_to_ns(const struct brun_measure_env *env, uint64_t ticks)
{
    return brun_clock_ticks_to_ns(env->clock, (double)ticks);
}

/* Cuts samples, then rounds, so the plan fits the budget. */
static void fit_budget(struct brun_plan *plan, double sample_s, double warmup_s,
                       double budget_s)
{
    double warm = warmup_s > sample_s ? warmup_s : sample_s;
    double round_s = WORKER_OVERHEAD_S + warm + plan->samples * sample_s;
    if (plan->rounds * round_s <= budget_s)
        return;
    plan->budget_limited = 1;
    double per_round = budget_s / plan->rounds - WORKER_OVERHEAD_S - warm;
    double fit = sample_s > 0 ? floor(per_round / sample_s) : plan->samples;
    if (fit < plan->samples)
        plan->samples =
            fit < BRUN_MIN_SAMPLES ? BRUN_MIN_SAMPLES : (unsigned)fit;
    round_s = WORKER_OVERHEAD_S + warm + plan->samples * sample_s;
    if (plan->rounds * round_s > budget_s) {
        double rounds = floor(budget_s / round_s);
        plan->rounds =
            rounds < BRUN_MIN_ROUNDS ? BRUN_MIN_ROUNDS : (unsigned)rounds;
    }
    /* At the least samples and rounds, the warm-up is what is left to
     * cut: each round keeps only what the budget leaves it (possibly
     * none), so --budget bounds the case and not just its samples. */
    double left =
        budget_s / plan->rounds - WORKER_OVERHEAD_S - plan->samples * sample_s;
    if (left < warmup_s)
        plan->warmup_ms = left > 0 ? left * 1e3 : 0;
}

/* The sample length: the option, but at least 1000 times the clock's
 * resolution. */
static double sample_seconds(const struct brun_measure_env *env)
{
    double floor_s = 1000 * env->clock->resolution_ns * 1e-9;
    return env->settings.sample_s > floor_s ? env->settings.sample_s : floor_s;
}

/* seconds as clock ticks, saturated: a double past UINT64_MAX converted
 * to uint64_t is undefined behaviour.  The options bound the durations
 * (BRUN_MAX_SAMPLE_S, BRUN_MAX_WARMUP_S) well below that; this guard is
 * for a settings struct filled some other way. */
static uint64_t seconds_to_ticks(const struct brun_measure_env *env,
                                 double seconds)
{
    double ticks = seconds * env->clock->ticks_per_second;
    if (!(ticks > 0))
        return 0;
    return ticks < 0x1p63 ? (uint64_t)ticks : UINT64_C(1) << 63;
}

static uint64_t target_ticks(const struct brun_measure_env *env)
{
    return seconds_to_ticks(env, sample_seconds(env));
}

/* A round's warm-up: the plan's, which the budget may have cut. */
static uint64_t warmup_ticks(const struct brun_measure_env *env,
                             const struct brun_case_result *c)
{
    return seconds_to_ticks(env, c->plan.warmup_ms * 1e-3);
}

/* Adds a round's COUNTER answers to c's user counters, divided by their
 * kind: per iteration by every iteration the loop ran, a rate by the
 * seconds its samples took (pauses excluded).  Returns 0, or 1 with the
 * failure recorded in c. */
static int store_counters(struct brun_case_result *c,
                          const struct brun_failure_phase *where,
                          const struct run_reply *reply,
                          const struct brun_measure_env *env)
{
    for (size_t i = 0; i < reply->counter_count; i++) {
        const struct counter_answer *x = &reply->counters[i];
        int hib = (x->flags & BENCHRUN_COUNTER_HIGHER_IS_BETTER) != 0;
        uint64_t kind = x->flags & ~(uint64_t)BENCHRUN_COUNTER_HIGHER_IS_BETTER;
        enum brun_counter_kind k = BRUN_COUNTER_KIND_AVERAGE;
        double figure = x->value;
        char text[200];
        if (kind == BENCHRUN_COUNTER_PER_ITERATION) {
            k = BRUN_COUNTER_KIND_PER_ITERATION;
            figure = x->iterations ? x->value / (double)x->iterations : NAN;
        } else if (kind == BENCHRUN_COUNTER_RATE) {
            double seconds = ticks_to_ns(env, x->ticks) * 1e-9;
            k = BRUN_COUNTER_KIND_RATE;
            figure = seconds > 0 ? x->value / seconds : NAN;
        }
        if (!isfinite(figure)) {
            snprintf(text, sizeof text,
                     "counter %s: the loop ran no %s to divide by", x->name,
                     k == BRUN_COUNTER_KIND_RATE ? "time" : "iterations");
            set_failure(c, BRUN_STATUS_FAILED, BRUN_FAILURE_REPORTED, where,
                        text, NULL);
            return 1;
        }
        int rc = brun_user_counter_add(&c->counters, &c->counter_count, x->name,
                                       k, hib, figure);
        if (rc != 0) {
            if (rc == -2)
                snprintf(text, sizeof text,
                         "counter %s changed its kind between rounds", x->name);
            else
                snprintf(text, sizeof text, "out of memory");
            set_failure(c, BRUN_STATUS_FAILED,
                        rc == -2 ? BRUN_FAILURE_REPORTED
                                 : BRUN_FAILURE_PROTOCOL,
                        where, text, NULL);
            return 1;
        }
    }
    return 0;
}

/* Turns a finished round's reply into a round result appended to c. */
static int store_round(struct brun_case_result *c, unsigned index,
                       uint64_t iterations, const struct run_reply *reply,
                       const struct brun_session *s,
                       const struct brun_measure_env *env)
{
    struct brun_round_result *grown =
        realloc(c->rounds, (c->round_count + 1) * sizeof *grown);
    if (!grown)
        return -1;
    c->rounds = grown;
    struct brun_round_result *r = &c->rounds[c->round_count];
    memset(r, 0, sizeof *r);
    r->index = index;
    r->pid = s->pid;
    r->iterations = iterations;
    r->warmup_samples = (unsigned)reply->warmup_samples;
    r->warmup_ns = ticks_to_ns(env, reply->warmup_ticks);
    r->warmup_steady = reply->warmup_steady != 0;
    r->wall_s = s->wall_s;
    r->samples = reply->samples;
    r->sample_count = reply->sample_count;
    r->threads = c->threads;
    brun_round_estimate(r, env->clock->ticks_per_second);
    c->round_count++;
    return 0;
}

void brun_measure_begin(struct brun_case_result *c, size_t target_index,
                        const struct brun_listed_case *listed,
                        const struct brun_measure_env *env)
{
    const struct brun_measure_settings *o = &env->settings;
    memset(c, 0, sizeof *c);
    c->name = strdup(listed->name);
    c->file = strdup(listed->file);
    c->compiler = strdup(listed->compiler);
    c->line = listed->line;
    c->optimized = listed->optimized;
    c->target = target_index;
    c->bytes_per_iteration = listed->bytes;
    c->items_per_iteration = listed->items;
    c->parameterized = listed->parameterized;
    c->arg = listed->arg;
    c->arg_name = listed->arg_name ? strdup(listed->arg_name) : NULL;
    c->threads = listed->threads > 1 ? listed->threads : 1;
    c->status = BRUN_STATUS_OK;
    c->plan.rounds = o->rounds;
    c->plan.samples = o->samples;
    c->plan.warmup_ms = o->warmup_s * 1e3;
    c->plan.sample_target_ms = sample_seconds(env) * 1e3;
    c->plan.iterations = o->iterations;
    c->wall_s = brun_now();
}

int brun_measure_calibrate(const char *path,
                           const struct brun_listed_case *listed,
                           const struct brun_measure_env *env,
                           struct brun_case_result *c)
{
    const struct brun_measure_settings *o = &env->settings;
    const struct brun_failure_phase where = {BRUN_STAGE_CALIBRATION, 0, 0};
    struct run_reply reply;
    struct brun_session s;

    if (env->progress)
        env->progress(env->progress_ctx, c->name, 0, c->plan.rounds);
    int r = run_worker(path, &where, listed, env, 0, 0, warmup_ticks(env, c),
                       target_ticks(env), brun_measure_pad(env), NULL, &reply,
                       &s, c);
    if (r == 0)
        r = apply_done(c, &where, &reply, &s);
    free(reply.samples);
    brun_session_release(&s);
    if (r != 0)
        return r;
    const uint64_t n = reply.calibrated_iterations;
    const uint64_t ticks = reply.calibrated_ticks;
    const uint64_t target = target_ticks(env);
    /* At the iteration cap and still short of the target, a sample is a
     * few clock reads: its ns per iteration, CPU share and sample length
     * would all be artefacts, so the case is skipped with the reason. */
    if (n >= BRUN_MAX_ITERATIONS && ticks * 3 < target * 2) {
        char text[300], took[48], count[48];
        brun_format_duration(ticks_to_ns(env, ticks), took, sizeof took);
        brun_format_count(n, count, sizeof count);
        snprintf(text, sizeof text,
                 "the loop body takes no measurable time (%s iterations in "
                 "%s): the compiler probably removed it; keep its result with "
                 "BENCH_KEEP",
                 count, took);
        set_failure(c, BRUN_STATUS_SKIPPED, BRUN_FAILURE_NONE, NULL, text,
                    NULL);
        return 1;
    }
    c->plan.calibrated = 1;
    c->plan.calibration_ns = ticks_to_ns(env, ticks) / (double)n;
    /* The worker accepts a count once a sample reaches two thirds of the
     * target, so counts land on the round numbers its growth steps
     * through; scaling by target/elapsed makes a sample aim at the target
     * itself, never past the cap. */
    double scaled = ticks > 0 ? ceil((double)n * (double)target / (double)ticks)
                              : (double)n;
    c->plan.iterations = scaled > (double)BRUN_MAX_ITERATIONS
                             ? BRUN_MAX_ITERATIONS
                         : scaled < 1 ? 1
                                      : (uint64_t)scaled;
    fit_budget(&c->plan,
               c->plan.calibration_ns * 1e-9 * (double)c->plan.iterations,
               o->warmup_s, o->budget_s);
    return 0;
}

uint64_t brun_measure_jitter(const struct brun_measure_env *env, uint64_t n)
{
    if (env->settings.jitter && n >= 10)
        n += (uint64_t)((double)n * JITTER_FRACTION *
                        brun_rng_uniform(env->rng));
    return n;
}

size_t brun_measure_pad(const struct brun_measure_env *env)
{
    return (size_t)brun_rng_below(env->rng, MAX_PAD);
}

int brun_measure_round(const char *path, const struct brun_listed_case *listed,
                       const struct brun_measure_env *env, unsigned index,
                       unsigned of, uint64_t iterations,
                       struct brun_case_result *c)
{
    return brun_measure_round_padded(path, listed, env, index, of, iterations,
                                     brun_measure_pad(env), c);
}

int brun_measure_round_padded(const char *path,
                              const struct brun_listed_case *listed,
                              const struct brun_measure_env *env,
                              unsigned index, unsigned of, uint64_t iterations,
                              size_t pad, struct brun_case_result *c)
{
    const struct brun_failure_phase where = {BRUN_STAGE_ROUND, index + 1, of};
    struct run_reply reply;
    struct brun_session s;

    if (env->progress)
        env->progress(env->progress_ctx, c->name, index + 1, of);
    const struct worker_extras counting = {"counters", NULL, 0};
    int r = run_worker(path, &where, listed, env, iterations, c->plan.samples,
                       warmup_ticks(env, c), target_ticks(env), pad,
                       env->counters ? &counting : NULL, &reply, &s, c);
    if (r == 0)
        r = apply_done(c, &where, &reply, &s);
    if (r == 0 && env->counters)
        brun_metrics_add_round(c->metrics, reply.metrics, reply.metric_count);
    if (r == 0)
        r = store_counters(c, &where, &reply, env);
    if (r == 0 && reply.throughput_seen) {
        c->bytes_per_iteration = reply.bytes;
        c->items_per_iteration = reply.items;
    }
    if (r == 0 && store_round(c, index, iterations, &reply, &s, env) != 0) {
        set_failure(c, BRUN_STATUS_FAILED, BRUN_FAILURE_PROTOCOL, &where,
                    "out of memory", NULL);
        r = 1;
    }
    if (r != 0)
        free(reply.samples); /* store_round took them otherwise */
    brun_session_release(&s);
    return r;
}

int brun_measure_probe(const char *path, const struct brun_listed_case *listed,
                       const struct brun_measure_env *env, uint64_t iterations,
                       uint32_t samples, const char *probe,
                       const struct brun_launch *launch, double timeout_s,
                       size_t pad, struct brun_probe_reply *out,
                       struct brun_case_result *c)
{
    const struct brun_failure_phase where = {BRUN_STAGE_NONE, 0, 0};
    const struct worker_extras extras = {probe, launch, timeout_s};
    struct run_reply reply;
    struct brun_session s;

    memset(out, 0, sizeof *out);
    int r = run_worker(path, &where, listed, env, iterations, samples, 0,
                       target_ticks(env), pad, &extras, &reply, &s, c);
    if (r == 0)
        r = apply_done(c, &where, &reply, &s);
    if (r == 0) {
        for (size_t i = 0; i < reply.sample_count; i++)
            /* Every thread of a team ran the sample's iterations. */
            out->iterations += reply.samples[i].iterations *
                               (listed->threads > 1 ? listed->threads : 1);
        out->metric_count = reply.metric_count;
        memcpy(out->metrics, reply.metrics, sizeof reply.metrics);
        snprintf(out->note, sizeof out->note, "%s", reply.note);
        out->pid = s.pid;
        out->wall_s = s.wall_s;
    }
    free(reply.samples);
    brun_session_release(&s);
    return r;
}

int brun_measure_adapt(struct brun_case_result *c,
                       const struct brun_round_result *const *recent, size_t n,
                       const struct brun_measure_env *env)
{
    size_t samples = 0, preempted = 0;
    double switches = 0, wall_ns = 0, cpu_ns = 0;
    for (size_t i = 0; i < n; i++) {
        const struct brun_round_result *r = recent[i];
        samples += r->sample_count;
        /* Only preemptions: shorter samples do not help a case that
         * waits by itself (blocked samples). */
        preempted += r->disturbed_samples - r->blocked_samples;
        for (size_t j = 0; j < r->sample_count; j++) {
            switches += (double)r->samples[j].ivcsw;
            wall_ns += ticks_to_ns(env, r->samples[j].ticks +
                                            r->samples[j].paused_ticks);
            cpu_ns += (double)r->samples[j].cpu_ns;
        }
    }
    /* The samples' own length on the CPU, not the target (a comparison
     * may run the baseline's saved iteration count, uncalibrated) nor
     * their wall time (which the preemptions stretched). */
    /* A team's samples are preempted by its own threads whenever they
     * outnumber the CPUs; shorter samples cannot help that. */
    if (c->threads > 1)
        return 0;
    if (env->settings.iterations != 0 || samples == 0 ||
        2 * preempted < samples || !(switches > 0) || !(wall_ns > 0) ||
        !(cpu_ns > 0) || c->plan.iterations < 2)
        return 0;
    double now_ms = cpu_ns * 1e-6 / (double)samples;
    double floor_ms = 1000 * env->clock->resolution_ns * 1e-6;
    if (floor_ms < BRUN_CONTENDED_SAMPLE_MS)
        floor_ms = BRUN_CONTENDED_SAMPLE_MS;
    double per_ms = switches / (wall_ns * 1e-6);
    double want_ms = 0.3 / per_ms;
    if (want_ms > now_ms / 2)
        want_ms = now_ms / 2;
    if (want_ms < floor_ms)
        want_ms = floor_ms;
    if (!(want_ms < now_ms * 0.9))
        return 0;
    double factor = want_ms / now_ms;
    double iterations = floor((double)c->plan.iterations * factor);
    c->plan.iterations = iterations < 1 ? 1 : (uint64_t)iterations;
    double more = ceil((double)c->plan.samples / factor);
    c->plan.samples = more > BRUN_CONTENDED_MAX_SAMPLES
                          ? BRUN_CONTENDED_MAX_SAMPLES
                          : (unsigned)more;
    if (c->contention.shortened_from_ms == 0)
        c->contention.shortened_from_ms = now_ms;
    c->contention.shortened_to_ms = want_ms;
    c->plan.sample_target_ms = want_ms;
    return 1;
}

/* Counts what contention did to c's rounds. */
static void count_contention(struct brun_case_result *c)
{
    c->contention.samples = c->contention.preempted = 0;
    c->contention.contended_rounds = 0;
    for (size_t i = 0; i < c->round_count; i++) {
        c->contention.samples += (unsigned)c->rounds[i].sample_count;
        c->contention.preempted += c->rounds[i].disturbed_samples;
        c->contention.contended_rounds += c->rounds[i].used_all_samples != 0;
    }
}

void brun_measure_finish(struct brun_case_result *c)
{
    count_contention(c);
    if (c->status == BRUN_STATUS_OK && brun_case_summarize(c) != 0)
        set_failure(c, BRUN_STATUS_FAILED, BRUN_FAILURE_PROTOCOL, NULL,
                    "out of memory", NULL);
    c->wall_s = brun_now() - c->wall_s;
}

int brun_measure_case(const char *path, size_t target_index,
                      const struct brun_listed_case *listed,
                      const struct brun_measure_env *env,
                      struct brun_case_result *c)
{
    int r = 0;
    brun_measure_begin(c, target_index, listed, env);
    if (env->settings.iterations == 0)
        r = brun_measure_calibrate(path, listed, env, c);
    for (unsigned round = 0; r == 0 && round < c->plan.rounds; round++) {
        r = brun_measure_round(path, listed, env, round, c->plan.rounds,
                               brun_measure_jitter(env, c->plan.iterations), c);
        if (r == 0) {
            const struct brun_round_result *last =
                &c->rounds[c->round_count - 1];
            brun_measure_adapt(c, &last, 1, env);
        }
    }
    if (r < 0) {
        brun_case_result_release(c);
        return -1;
    }
    brun_measure_finish(c);
    return 0;
}
