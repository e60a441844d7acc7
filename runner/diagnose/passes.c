/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * passes.c: callgrind and allocation-counting workers (see passes.h).
 */
#include "config.h"

#include "runner/diagnose/passes.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "reports/model/model.h"
#include "runner/diagnose/callgrind_read.h"
#include "runner/diagnose/tools.h"
#include "runner/measure/metric_values.h"
#include "runner/worker/process.h"

/* Valgrind start-up and its slowdown of the code it runs (about 50x for
 * callgrind on this kind of code; the timeout allows twice that). */
#define VALGRIND_START_S 30.0
#define VALGRIND_SLOWDOWN 100.0

double brun_pass_timeout(const struct brun_measure_env *env,
                         double native_seconds)
{
    double t = VALGRIND_START_S + VALGRIND_SLOWDOWN * native_seconds;
    return t > env->settings.timeout_s ? t : env->settings.timeout_s;
}

/* The planned native length of a pass, for its timeout. */
static double native_seconds(const struct brun_measure_env *env,
                             uint64_t iterations, double ns_per_iteration)
{
    double s = (double)iterations * ns_per_iteration * 1e-9;
    if (!(s > 0))
        s = env->settings.sample_s;
    return BRUN_PASS_SAMPLES * s;
}

/* The last non-empty line of a process's output, for a message. */
static void last_line(const char *output, char *out, size_t size)
{
    out[0] = '\0';
    if (!output)
        return;
    const char *end = output + strlen(output);
    while (end > output && (end[-1] == '\n' || end[-1] == ' '))
        end--;
    const char *start = end;
    while (start > output && start[-1] != '\n')
        start--;
    snprintf(out, size, "%.*s", (int)(end - start), start);
}

int brun_pass_run(const char *path, const struct brun_listed_case *listed,
                  const struct brun_measure_env *env, uint64_t iterations,
                  uint32_t samples, const char *probe,
                  const struct brun_launch *launch, double timeout_s,
                  struct brun_probe_reply *reply, char *why, size_t why_size)
{
    struct brun_case_result scratch;
    memset(&scratch, 0, sizeof scratch);
    scratch.status = BRUN_STATUS_OK;
    int r = brun_measure_probe(path, listed, env, iterations, samples, probe,
                               launch, timeout_s, 0, reply, &scratch);
    if (r > 0) {
        char tail[300];
        last_line(scratch.output, tail, sizeof tail);
        snprintf(why, why_size, "%s%s%s",
                 scratch.reason ? scratch.reason : "the pass failed",
                 tail[0] ? "; it said: " : "", tail);
    }
    brun_case_result_release(&scratch);
    return r;
}

static int run_pass(const char *path, const struct brun_listed_case *listed,
                    const struct brun_measure_env *env, uint64_t iterations,
                    const char *probe, const struct brun_launch *launch,
                    double timeout_s, struct brun_probe_reply *reply, char *why,
                    size_t why_size)
{
    return brun_pass_run(path, listed, env, iterations, BRUN_PASS_SAMPLES,
                         probe, launch, timeout_s, reply, why, why_size);
}

int brun_pass_callgrind(const char *path, const struct brun_listed_case *listed,
                        const struct brun_measure_env *env,
                        const struct brun_pass_tools *tools,
                        uint64_t iterations, unsigned separate_callers,
                        const char *keep_file, double *per_iteration,
                        uint64_t *iterations_run, char *why, size_t why_size)
{
    /* Two passes, of n and 2n iterations per sample: the difference of
     * their counts is n more iterations and nothing else, so the
     * per-sample constant (loop entry and exit, a clock read) cancels
     * and the figure does not depend on the calibrated n. */
    struct brun_profile once, twice;
    uint64_t ran_once, ran_twice;
    int r = brun_pass_callgrind_profile(path, listed, env, tools, iterations,
                                        separate_callers, keep_file, &once,
                                        &ran_once, why, why_size);
    if (r != 0)
        return r;
    r = brun_pass_callgrind_profile(path, listed, env, tools, 2 * iterations,
                                    separate_callers, keep_file, &twice,
                                    &ran_twice, why, why_size);
    if (r != 0) {
        brun_profile_release(&once);
        return r;
    }
    *iterations_run = ran_twice;
    *per_iteration = ran_twice > ran_once ? (twice.total - once.total) /
                                                (double)(ran_twice - ran_once)
                                          : 0;
    brun_profile_release(&once);
    brun_profile_release(&twice);
    return 0;
}

int brun_pass_callgrind_profile(
    const char *path, const struct brun_listed_case *listed,
    const struct brun_measure_env *env, const struct brun_pass_tools *tools,
    uint64_t iterations, unsigned separate_callers, const char *keep_file,
    struct brun_profile *profile, uint64_t *iterations_run, char *why,
    size_t why_size)
{
    char out_file[4200], out_flag[4300], callers_flag[64];
    struct brun_probe_reply reply;

    if (!tools->valgrind[0]) {
        snprintf(why, why_size,
                 "valgrind not found on PATH: install it "
                 "(apt-get install valgrind)");
        return 1;
    }
    if (keep_file)
        snprintf(out_file, sizeof out_file, "%s", keep_file);
    else
        snprintf(out_file, sizeof out_file, "%s/callgrind.out", tools->scratch);
    if (brun_output_prepare(out_file, why, why_size) != 0)
        return 1;
    snprintf(out_flag, sizeof out_flag, "--callgrind-out-file=%s", out_file);
    snprintf(callers_flag, sizeof callers_flag, "--separate-callers=%u",
             separate_callers);
    const char *prefix[] = {tools->valgrind,
                            "--tool=callgrind",
                            "--quiet",
                            "--collect-atstart=no",
                            out_flag,
                            separate_callers ? callers_flag : NULL,
                            NULL};
    const struct brun_launch launch = {prefix, NULL};
    double timeout = brun_pass_timeout(env, native_seconds(env, iterations, 0) +
                                                env->settings.sample_s);
    int r = run_pass(path, listed, env, iterations, "callgrind", &launch,
                     timeout, &reply, why, why_size);
    if (r != 0) {
        if (!keep_file)
            unlink(out_file);
        return r;
    }
    int rc = brun_callgrind_read(out_file, profile, why, why_size);
    if (!keep_file)
        unlink(out_file);
    if (rc != 0)
        return 1;
    *iterations_run = reply.iterations;
    return 0;
}

int brun_pass_alloc(const char *path, const struct brun_listed_case *listed,
                    const struct brun_measure_env *env,
                    const struct brun_pass_tools *tools, uint64_t iterations,
                    struct brun_metric *m, char *why, size_t why_size)
{
    char preload[4200];
    struct brun_probe_reply reply;
    if (!tools->alloc_lib[0]) {
        snprintf(why, why_size,
                 "the allocation counter "
                 "(libbenchrun-alloc.so) is not installed");
        return 1;
    }
    snprintf(preload, sizeof preload, "LD_PRELOAD=%s", tools->alloc_lib);
    const char *environment[] = {preload, NULL};
    const struct brun_launch launch = {NULL, environment};
    int r = run_pass(path, listed, env, iterations, "alloc", &launch,
                     env->settings.timeout_s, &reply, why, why_size);
    if (r != 0)
        return r;
    if (reply.metric_count == 0) {
        snprintf(why, why_size, "%s",
                 reply.note[0] ? reply.note : "the worker counted nothing");
        return 1;
    }
    brun_metrics_set_pass(m, BRUN_SOURCE_ALLOC, reply.metrics,
                          reply.metric_count);
    return 0;
}
