/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * worker.c: answers one driver command inside a bench executable.
 *
 * LIST sends the registered case instances.  RUN runs one instance: it
 * prepares a state from the request (one per thread for a BENCH_THREADS
 * instance), sets up the group's fixture, calls the case body once in
 * each thread, then sends what happened, samples first and the verdict
 * last.  Samples are kept in
 * memory until the body returns, so no pipe write ever lands inside the
 * measured part of the run; a crash mid-run loses them, and the driver
 * reports the crash instead.
 */
#include "config.h"

#include "lib/worker.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/clock.h"
#include "lib/probe.h"
#include "lib/protocol.h"
#include "lib/registry.h"
#include "lib/state.h"
#include "lib/team.h"

static int send_error(int fd, const char *message)
{
    struct brun_proto_out m;
    brun_proto_begin(&m, "ERROR");
    brun_proto_add_text(&m, message);
    return brun_proto_send(fd, &m);
}

/* The unit of an instance's argument for its scaling fit: .arg_name, or
 * the name of the parameter the instance's name ends with. */
static const char *arg_unit(const struct brun_instance *in)
{
    const struct benchrun_case *c = in->def;
    if (!in->has_arg)
        return "";
    if (c->arg_name)
        return c->arg_name;
    if (c->param_count > 0)
        return c->params[c->param_count - 1].name;
    return "";
}

static int send_list(int fd, const struct brun_instance *v, size_t count)
{
    struct brun_proto_out m;
    for (size_t i = 0; i < count; i++) {
        const struct benchrun_case *c = v[i].def;
        brun_proto_begin(&m, "CASE");
        brun_proto_add_str(&m, v[i].name);
        brun_proto_add_text(&m, c->file ? c->file : "");
        brun_proto_add_u64(&m, (uint64_t)(c->line > 0 ? c->line : 0));
        brun_proto_add_double(&m, c->bytes);
        brun_proto_add_double(&m, c->items);
        brun_proto_add_u64(&m, c->optimized ? 1 : 0);
        brun_proto_add_text(&m, c->compiler ? c->compiler : "");
        char arg[24];
        snprintf(arg, sizeof arg, "%lld", v[i].has_arg ? v[i].arg : 0);
        brun_proto_add_u64(&m, v[i].has_arg ? 1 : 0);
        brun_proto_add_str(&m, arg);
        brun_proto_add_text(&m, arg_unit(&v[i]));
        brun_proto_add_u64(&m, v[i].threads);
        if (brun_proto_send(fd, &m) != 0)
            return -1;
    }
    brun_proto_begin(&m, "LISTED");
    brun_proto_add_u64(&m, count);
    return brun_proto_send(fd, &m);
}

/* Parses the fields of a RUN command into a request. */
static int parse_run(const struct brun_proto_msg *msg, struct brun_request *req,
                     struct brun_probe *probe, char *why, size_t why_size)
{
    uint64_t clock, samples;
    if (msg->count != 7 && msg->count != 8) {
        snprintf(why, why_size, "RUN needs 6 or 7 fields, got %zu",
                 msg->count - 1);
        return -1;
    }
    if (brun_probe_parse(probe, msg->count == 8 ? msg->fields[7] : "time", why,
                         why_size) != 0)
        return -1;
    if (brun_proto_u64(msg->fields[2], &clock) != 0 || clock > 2 ||
        brun_proto_u64(msg->fields[3], &req->iterations) != 0 ||
        brun_proto_u64(msg->fields[4], &samples) != 0 || samples > 1000000 ||
        brun_proto_u64(msg->fields[5], &req->warmup_ticks) != 0 ||
        brun_proto_u64(msg->fields[6], &req->target_ticks) != 0) {
        snprintf(why, why_size, "RUN has a malformed number");
        return -1;
    }
    char reason[160];
    req->clock = (enum brun_clock_kind)clock;
    if (!brun_clock_usable(req->clock, reason, sizeof reason)) {
        snprintf(why, why_size, "clock %s: %s", brun_clock_name(req->clock),
                 reason);
        return -1;
    }
    req->samples = (uint32_t)samples;
    return 0;
}

/* How a run ended, as DONE says it. */
struct run_verdict {
    enum brun_outcome outcome;
    const char *problem; /* harness misuse, when outcome is NONE */
    char message[600];
};

/* st is the state that reports (a team's first thread), its counters
 * already merged from every thread (merge_counters), and verdict the
 * first thread's that went wrong (thread_verdict); probe is the run's,
 * whichever thread or team ran it.  iterations_scale multiplies what the
 * loop ran: a team's threads each ran it. */
static int send_results(int fd, const struct benchrun_state *st,
                        const struct brun_probe *probe,
                        const struct run_verdict *verdict,
                        unsigned iterations_scale)
{
    struct brun_proto_out m;
    const char *problem = verdict->problem;

    if (st->calibrated_iterations > 0) {
        brun_proto_begin(&m, "CALIBRATED");
        brun_proto_add_u64(&m, st->calibrated_iterations);
        brun_proto_add_u64(&m, st->calibrated_ticks);
        if (brun_proto_send(fd, &m) != 0)
            return -1;
    }
    brun_proto_begin(&m, "WARMUP");
    brun_proto_add_u64(&m, st->warmup_samples);
    brun_proto_add_u64(&m, st->warmup_ticks_total);
    brun_proto_add_u64(&m, st->warmup_steady ? 1 : 0);
    if (brun_proto_send(fd, &m) != 0)
        return -1;
    for (uint32_t i = 0; i < st->sample_count; i++) {
        const struct brun_sample *s = &st->samples[i];
        brun_proto_begin(&m, "SAMPLE");
        brun_proto_add_u64(&m, s->iterations);
        brun_proto_add_u64(&m, s->ticks);
        brun_proto_add_u64(&m, s->paused_ticks);
        brun_proto_add_u64(&m, s->cpu_ns);
        brun_proto_add_u64(&m, s->ivcsw);
        if (brun_proto_send(fd, &m) != 0)
            return -1;
    }
    brun_proto_begin(&m, "THROUGHPUT");
    brun_proto_add_double(&m, st->bytes);
    brun_proto_add_double(&m, st->items);
    if (brun_proto_send(fd, &m) != 0)
        return -1;
    if (probe->mode != BRUN_PROBE_NONE && brun_probe_report(probe, fd) != 0)
        return -1;
    for (unsigned i = 0; i < st->counter_count; i++) {
        const struct brun_user_value *u = &st->counters[i];
        brun_proto_begin(&m, "COUNTER");
        brun_proto_add_str(&m, u->name);
        brun_proto_add_double(&m, u->value);
        brun_proto_add_u64(&m, (uint64_t)(unsigned)u->flags);
        brun_proto_add_u64(&m, st->all_iterations * iterations_scale);
        brun_proto_add_u64(&m, st->all_ticks);
        if (brun_proto_send(fd, &m) != 0)
            return -1;
    }

    brun_proto_begin(&m, "DONE");
    if (verdict->outcome == BRUN_OUTCOME_FAIL) {
        brun_proto_add_str(&m, "fail");
        brun_proto_add_text(&m, verdict->message);
    } else if (verdict->outcome == BRUN_OUTCOME_SKIP) {
        brun_proto_add_str(&m, "skip");
        brun_proto_add_text(&m, verdict->message);
    } else if (problem) {
        brun_proto_add_str(&m, "misuse");
        brun_proto_add_text(&m, problem);
    } else {
        brun_proto_add_str(&m, "ok");
    }
    return brun_proto_send(fd, &m);
}

/* The verdict of one thread's state, its message prefixed with the
 * thread when the case runs in several. */
static int thread_verdict(const struct benchrun_state *st, unsigned threads,
                          struct run_verdict *v)
{
    const char *problem = brun_state_problem(st);
    char where[32] = "";
    if (st->team_abandoned && st->outcome == BRUN_OUTCOME_NONE)
        return 0; /* stopped because another thread left */
    if (st->outcome == BRUN_OUTCOME_NONE && !problem)
        return 0;
    if (threads > 1)
        snprintf(where, sizeof where, "thread %u of %u: ", st->thread_index,
                 threads);
    v->outcome = st->outcome;
    v->problem = NULL;
    if (st->outcome == BRUN_OUTCOME_NONE) {
        snprintf(v->message, sizeof v->message, "%s%s", where, problem);
        v->problem = v->message;
    } else {
        snprintf(v->message, sizeof v->message, "%s%s", where, st->message);
    }
    return 1;
}

/* Adds the other threads' counters into the first thread's: sums, with
 * BENCHRUN_COUNTER_AVERAGE then averaged over the threads that gave it. */
static void merge_counters(struct benchrun_state *states, unsigned threads)
{
    struct benchrun_state *first = &states[0];
    unsigned givers[BENCHRUN_COUNTERS_MAX];
    for (unsigned k = 0; k < first->counter_count; k++)
        givers[k] = 1;
    for (unsigned i = 1; i < threads; i++) {
        for (unsigned j = 0; j < states[i].counter_count; j++) {
            const struct brun_user_value *u = &states[i].counters[j];
            unsigned k = 0;
            while (k < first->counter_count &&
                   strcmp(first->counters[k].name, u->name) != 0)
                k++;
            if (k == first->counter_count) {
                if (k == BENCHRUN_COUNTERS_MAX)
                    continue;
                first->counters[k] = *u;
                first->counters[k].value = 0;
                first->counter_count++;
                givers[k] = 0;
            }
            first->counters[k].value += u->value;
            givers[k]++;
        }
    }
    for (unsigned k = 0; k < first->counter_count; k++) {
        int kind =
            first->counters[k].flags & ~BENCHRUN_COUNTER_HIGHER_IS_BETTER;
        if (kind == BENCHRUN_COUNTER_AVERAGE && givers[k] > 1)
            first->counters[k].value /= givers[k];
    }
}

/* Calls the case body, in the instance's threads, between its fixture's
 * setup and teardown.  -1 with why when the threads cannot run. */
static int run_body(const struct brun_instance *in,
                    struct benchrun_state *states, struct brun_probe *probe,
                    char *why, size_t why_size)
{
    const struct benchrun_fixture *f = in->fixture;
    void *shared = NULL;
    int status = 0;
    if (f) {
        shared = f->setup(&states[0]);
        if (states[0].outcome != BRUN_OUTCOME_NONE)
            return 0; /* setup failed or skipped the case: no body */
        for (unsigned i = 0; i < in->threads; i++)
            states[i].fixture = shared;
    }
    if (in->threads == 1) {
        if (probe->mode != BRUN_PROBE_NONE)
            states[0].probe = probe;
        in->def->fn(&states[0]);
    } else {
        struct brun_team team;
        /* Hardware counters count one thread: the first one's own
         * samples.  Every other probe sees the whole process, and the
         * team runs it around every thread's samples (team.h). */
        int whole = probe->mode != BRUN_PROBE_NONE &&
                    probe->mode != BRUN_PROBE_COUNTERS;
        if (probe->mode == BRUN_PROBE_COUNTERS)
            states[0].probe = probe;
        if (brun_team_init(&team, states, in->threads, whole ? probe : NULL) !=
            0) {
            snprintf(why, why_size, "cannot set up the threads' meeting point");
            status = -1;
        } else {
            if (brun_team_run(&team, in->def->fn) != 0) {
                snprintf(why, why_size, "cannot start %u threads", in->threads);
                status = -1;
            }
            brun_team_release(&team);
            if (whole)
                brun_probe_finish(probe); /* when a thread left early */
        }
    }
    if (f && f->teardown)
        f->teardown(shared);
    return status;
}

static int run_case(int fd, const struct brun_instance *in,
                    const struct brun_request *req, struct brun_probe *probe)
{
    struct benchrun_state *states = calloc(in->threads, sizeof *states);
    struct run_verdict verdict = {BRUN_OUTCOME_NONE, NULL, ""};
    unsigned ready = 0;
    char why[300];
    int status = 1;

    if (!states) {
        send_error(fd, "out of memory for the threads' states");
        return 1;
    }
    if (probe->mode != BRUN_PROBE_NONE &&
        brun_probe_prepare(probe, why, sizeof why) != 0) {
        send_error(fd, why);
        goto done;
    }
    for (; ready < in->threads; ready++) {
        if (brun_state_init(&states[ready], req, in->arg, in->def->bytes,
                            in->def->items) != 0) {
            send_error(fd, "out of memory for the sample array");
            goto done;
        }
        states[ready].instance = in;
        states[ready].thread_index = ready;
    }
    if (run_body(in, states, probe, why, sizeof why) != 0) {
        send_error(fd, why);
        goto done;
    }
    /* The body may have printed with stdio: flush before reporting, so
     * the driver holds the case's whole output when it reads DONE. */
    fflush(stdout);
    fflush(stderr);
    for (unsigned i = 0; i < in->threads; i++)
        if (thread_verdict(&states[i], in->threads, &verdict))
            break;
    merge_counters(states, in->threads);
    status =
        send_results(fd, &states[0], probe, &verdict, in->threads) == 0 ? 0 : 1;
done:
    for (unsigned i = 0; i < ready; i++)
        brun_state_release(&states[i]);
    free(states);
    brun_probe_release(probe);
    return status;
}

int brun_worker_serve(int command_fd, int result_fd)
{
    struct brun_proto_out hello;
    struct brun_proto_in in;
    struct brun_proto_msg msg;
    struct brun_instance *instances = NULL;
    size_t count = 0;
    char err[512], *line;
    int status = 1;

    brun_proto_begin(&hello, "HELLO");
    brun_proto_add_u64(&hello, BRUN_PROTOCOL_VERSION);
    brun_proto_add_str(&hello, BENCHRUN_VERSION);
    if (brun_proto_send(result_fd, &hello) != 0)
        return 1;

    brun_proto_in_init(&in);
    int got = brun_proto_read_line(command_fd, &in, &line);
    if (got == 0)
        return 0; /* the driver only wanted the greeting */
    if (got < 0) {
        send_error(result_fd, "cannot read the driver's command");
        return 1;
    }
    if (brun_proto_parse(line, &msg, err, sizeof err) != 0) {
        char why[600];
        snprintf(why, sizeof why, "malformed command: %s", err);
        send_error(result_fd, why);
        return 1;
    }
    if (brun_registry_instances(&instances, &count, err, sizeof err) != 0) {
        send_error(result_fd, err);
        return 1;
    }

    if (strcmp(msg.fields[0], "LIST") == 0 && msg.count == 1) {
        status = send_list(result_fd, instances, count) == 0 ? 0 : 1;
    } else if (strcmp(msg.fields[0], "RUN") == 0) {
        struct brun_request req;
        struct brun_probe probe;
        const struct brun_instance *target;
        if (parse_run(&msg, &req, &probe, err, sizeof err) != 0) {
            send_error(result_fd, err);
        } else if (!(target =
                         brun_registry_find(instances, count, msg.fields[1]))) {
            char why[BRUN_NAME_MAX + 64];
            snprintf(why, sizeof why, "no case named %s", msg.fields[1]);
            send_error(result_fd, why);
        } else {
            status = run_case(result_fd, target, &req, &probe);
        }
    } else {
        char why[128];
        snprintf(why, sizeof why, "unknown command %.64s", msg.fields[0]);
        send_error(result_fd, why);
    }
    free(instances);
    return status;
}
