/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * profile_case.c: --profile, one case at a time (see profile_case.h).
 */
#include "config.h"

#include "runner/diagnose/profile_case.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "reports/flamegraph/flamegraph.h"
#include "reports/flamegraph/folded.h"
#include "reports/model/model.h"
#include "runner/diagnose/perf_record.h"
#include "runner/diagnose/tools.h"
#include "runner/files/atomic_file.h"
#include "runner/files/make_dirs.h"

uint32_t brun_profile_samples(uint64_t *iterations, double ns_per_iteration,
                              double seconds)
{
    /* Long samples: each one costs two round trips to perf (enable,
     * disable), which the profile would otherwise show. */
    double sample_s = ns_per_iteration * 1e-9 * (double)*iterations;
    if (sample_s > 0 && sample_s < BRUN_PROFILE_SAMPLE_S) {
        double grown =
            floor((double)*iterations * BRUN_PROFILE_SAMPLE_S / sample_s);
        *iterations = grown > 1e12 ? 1000000000000ull : (uint64_t)grown;
        sample_s = ns_per_iteration * 1e-9 * (double)*iterations;
    }
    double count = sample_s > 0 ? ceil(seconds / sample_s) : 1;
    return count < 1 ? 1 : count > 100000 ? 100000 : (uint32_t)count;
}

int brun_profile_calibrate(const struct brun_measure_env *env, const char *path,
                           const struct brun_listed_case *listed,
                           uint64_t *iterations, double *ns_per_iteration,
                           char *why, size_t why_size)
{
    struct brun_case_result c;
    brun_measure_begin(&c, 0, listed, env);
    int r = brun_measure_calibrate(path, listed, env, &c);
    if (r > 0)
        snprintf(why, why_size, "%s", c.reason ? c.reason : "it failed");
    *iterations = c.plan.iterations;
    *ns_per_iteration = c.plan.calibration_ns;
    brun_case_result_release(&c);
    return r;
}

int brun_profile_fold(const struct brun_profile *p, struct brun_folded *f)
{
    brun_folded_init(f);
    for (size_t i = 0; i < p->stack_count; i++)
        if (brun_folded_add(f, p->stacks[i], p->stack_counts[i]) != 0)
            return -1;
    return 0;
}

struct svg_job {
    const struct brun_folded *folded;
    const struct brun_flamegraph_options *options;
};

static int write_svg(FILE *out, void *ctx)
{
    const struct svg_job *job = ctx;
    return brun_flamegraph_write(out, job->folded, job->options);
}

static int write_folded(FILE *out, void *ctx)
{
    return brun_folded_write(ctx, out);
}

int brun_profile_case(const struct brun_profile_request *q,
                      const struct brun_measure_env *env, const char *path,
                      const struct brun_listed_case *listed, FILE *console)
{
    char why[1200], stem[200], data[4300], svg[4300], folded_path[4300];
    struct brun_perf_settings perf;
    char scratch[4096];

    memset(&perf, 0, sizeof perf);
    if (brun_perf_find(&perf, why, sizeof why) != 0) {
        fprintf(stderr, "benchrun: --profile: %s\n", why);
        return 2;
    }
    if (brun_make_dirs(q->dir, why, sizeof why) != 0 ||
        brun_scratch_make(scratch, sizeof scratch, why, sizeof why) != 0) {
        fprintf(stderr, "benchrun: --profile: %s\n", why);
        return 2;
    }
    perf.scratch = scratch;
    perf.call_graph_dwarf = q->call_graph_dwarf;

    uint64_t iterations;
    double ns;
    int r = brun_profile_calibrate(env, path, listed, &iterations, &ns, why,
                                   sizeof why);
    if (r != 0) {
        brun_scratch_remove(scratch);
        if (r > 0)
            fprintf(stderr, "benchrun: --profile: %s: %s\n", listed->name, why);
        return r;
    }
    /* Long samples: each one costs two round trips to perf (enable,
     * disable), which the profile would otherwise show. */
    double sample_s = ns * 1e-9 * (double)iterations;
    if (sample_s > 0 && sample_s < BRUN_PROFILE_SAMPLE_S) {
        double grown =
            floor((double)iterations * BRUN_PROFILE_SAMPLE_S / sample_s);
        iterations = grown > 1e12 ? 1000000000000ull : (uint64_t)grown;
        sample_s = ns * 1e-9 * (double)iterations;
    }
    double count = sample_s > 0 ? ceil(q->seconds / sample_s) : 1;
    uint32_t samples = count < 1        ? 1
                       : count > 100000 ? 100000
                                        : (uint32_t)count;

    brun_file_stem(listed->name, stem, sizeof stem);
    snprintf(data, sizeof data, "%s/%s.perf.data", q->dir, stem);
    snprintf(svg, sizeof svg, "%s/%s.svg", q->dir, stem);
    snprintf(folded_path, sizeof folded_path, "%s/%s.folded", q->dir, stem);

    struct brun_profile profile;
    struct brun_probe_reply reply;
    memset(&profile, 0, sizeof profile);
    r = brun_perf_profile(&perf, env, path, listed, iterations, samples, data,
                          &profile, &reply, why, sizeof why);
    brun_scratch_remove(scratch);
    if (r != 0) {
        if (r > 0)
            fprintf(stderr, "benchrun: --profile: %s: %s\n", listed->name, why);
        return r;
    }

    struct brun_folded folded;
    if (brun_profile_fold(&profile, &folded) != 0) {
        brun_profile_release(&profile);
        brun_folded_release(&folded);
        fprintf(stderr, "benchrun: --profile: out of memory\n");
        return 2;
    }
    char title[400], subtitle[300];
    snprintf(title, sizeof title, "benchrun profile: %s", listed->name);
    snprintf(subtitle, sizeof subtitle,
             "perf at %d Hz, timed loop only, call graphs: %s; widths are "
             "sample periods (ns of CPU time without a PMU)",
             BRUN_PERF_FREQUENCY,
             q->call_graph_dwarf ? "DWARF" : "frame pointers");
    const struct brun_flamegraph_options options = {title, subtitle, "period",
                                                    0};
    struct svg_job job = {&folded, &options};
    int failed =
        brun_atomic_write(svg, write_svg, &job, why, sizeof why) != 0 ||
        brun_atomic_write(folded_path, write_folded, &folded, why,
                          sizeof why) != 0;
    if (failed) {
        fprintf(stderr, "benchrun: --profile: %s\n", why);
    } else {
        fprintf(console,
                "profile of %s: %llu iterations of its timed loop, "
                "%.2f s\n",
                listed->name, (unsigned long long)reply.iterations,
                (double)reply.iterations * ns * 1e-9);
        fprintf(console,
                "  flame graph:   %s\n  folded stacks: %s\n"
                "  perf data:     %s (perf report -i %s)\n",
                svg, folded_path, data, data);
        if (folded.total == 0)
            fprintf(console, "  no samples: the timed loop was too short for "
                             "perf's sampling; raise --profile-time\n");
        else
            brun_folded_write_top(&folded, BRUN_PROFILE_TOP, console);
    }
    brun_folded_release(&folded);
    brun_profile_release(&profile);
    return failed ? 2 : 0;
}
