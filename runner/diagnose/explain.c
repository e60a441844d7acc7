/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * explain.c: profiling both builds of a regressed case and ranking what
 * grew (see explain.h).
 */
#include "config.h"

#include "runner/diagnose/explain.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runner/options/options.h"
#include "reports/flamegraph/flamegraph.h"
#include "reports/flamegraph/folded.h"
#include "runner/diagnose/callgrind_read.h"
#include "runner/diagnose/perf_record.h"
#include "runner/diagnose/profile_case.h"
#include "runner/diagnose/rank.h"
#include "runner/diagnose/tools.h"
#include "runner/files/atomic_file.h"
#include "runner/files/make_dirs.h"
#include "runner/worker/process.h"

/* One build's profile and the iterations it covers. */
struct side {
    struct brun_profile profile;
    uint64_t iterations;
};

static int set_note(struct brun_explanation *e, const char *text)
{
    free(e->note);
    e->note = strdup(text);
    return 0;
}

/* Profiles one build with the chosen engine.  0, 1 with why, -1. */
static int profile_build(const struct brun_explain_settings *s,
                         const struct brun_measure_env *env,
                         const struct brun_pass_tools *tools, int callgrind,
                         const char *path,
                         const struct brun_listed_case *listed,
                         uint64_t iterations, double ns_per_iteration,
                         const char *file, struct side *out, char *why,
                         size_t why_size)
{
    memset(out, 0, sizeof *out);
    if (callgrind)
        return brun_pass_callgrind_profile(
            path, listed, env, tools, iterations, BRUN_EXPLAIN_CALLERS, file,
            &out->profile, &out->iterations, why, why_size);
    struct brun_perf_settings perf;
    memset(&perf, 0, sizeof perf);
    if (brun_perf_find(&perf, why, why_size) != 0)
        return 1;
    perf.call_graph_dwarf = s->call_graph_dwarf;
    perf.scratch = tools->scratch;
    uint32_t samples = brun_profile_samples(&iterations, ns_per_iteration,
                                            BRUN_EXPLAIN_PERF_S);
    struct brun_probe_reply reply;
    int r = brun_perf_profile(&perf, env, path, listed, iterations, samples,
                              file, &out->profile, &reply, why, why_size);
    out->iterations = reply.iterations;
    return r < 0 ? -1 : r > 0 ? 1 : 0;
}

struct diff_job {
    const struct brun_folded *before, *after;
    const struct brun_flamegraph_options *options;
};

static int write_diff(FILE *out, void *ctx)
{
    const struct diff_job *j = ctx;
    return brun_flamegraph_write_diff(out, j->before, j->after, j->options);
}

/* The differential flame graph; its path into e, or a note. */
static void draw(const char *dir, const char *stem, const char *name,
                 const char *engine, const struct side *before,
                 const struct side *after, struct brun_explanation *e)
{
    char path[4300], why[600], title[400];
    struct brun_folded fb, fa;
    snprintf(path, sizeof path, "%s/%s.diff.svg", dir, stem);
    snprintf(title, sizeof title, "benchrun: why %s got slower", name);
    const struct brun_flamegraph_options options = {
        title,
        "new build's stacks; red grew, blue shrank (shares of each "
        "build's total)",
        strcmp(engine, "callgrind") == 0 ? "instructions" : "ns", 0};
    struct diff_job job = {&fb, &fa, &options};
    brun_folded_init(&fb);
    brun_folded_init(&fa);
    if (brun_profile_fold(&before->profile, &fb) == 0 &&
        brun_profile_fold(&after->profile, &fa) == 0 &&
        brun_atomic_write(path, write_diff, &job, why, sizeof why) == 0)
        e->flamegraph = strdup(path);
    brun_folded_release(&fb);
    brun_folded_release(&fa);
}

/* Keeps, in order, at most BRUN_EXPLAIN_FUNCTIONS entries that say
 * something: a function with code of its own in the timed loop (a pure
 * caller such as main only repeats its callees' growth) whose cost
 * changed.  Frees the rest; returns how many are left. */
static size_t keep_informative(struct brun_growth *g, size_t n,
                               double total_change)
{
    /* Changes below 1 % of the whole loop's are noise (a perf sample or
     * two), unless nothing larger exists. */
    double floor = fabs(total_change) * 0.01;
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        int own = g[i].self_before > 0 || g[i].self_after > 0;
        double self = fabs(g[i].self_after - g[i].self_before);
        double inclusive = fabs(g[i].inclusive_after - g[i].inclusive_before);
        int changed =
            (self > floor || inclusive > floor) && (self > 0 || inclusive > 0);
        if (own && changed && kept < BRUN_EXPLAIN_FUNCTIONS) {
            g[kept++] = g[i];
        } else {
            free(g[i].name);
        }
    }
    return kept;
}

/* Fills e from the two profiles. */
static int rank(const struct side *before, const struct side *after,
                struct brun_explanation *e)
{
    struct brun_growth *g = NULL;
    size_t n = 0;
    double ib = before->iterations ? (double)before->iterations : 1;
    double ia = after->iterations ? (double)after->iterations : 1;
    if (brun_rank_growth(&before->profile, ib, &after->profile, ia,
                         BRUN_EXPLAIN_CANDIDATES, &g, &n) != 0)
        return -1;
    n = keep_informative(
        g, n, after->profile.total / ia - before->profile.total / ib);
    e->functions = calloc(n ? n : 1, sizeof *e->functions);
    if (!e->functions) {
        brun_growth_free(g, n);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        struct brun_function_change *f = &e->functions[i];
        f->name = g[i].name; /* taken over */
        g[i].name = NULL;
        f->self_before = g[i].self_before;
        f->self_after = g[i].self_after;
        f->inclusive_before = g[i].inclusive_before;
        f->inclusive_after = g[i].inclusive_after;
    }
    e->function_count = n;
    brun_growth_free(g, n);
    e->total_before = before->profile.total / ib;
    e->total_after = after->profile.total / ia;
    return 0;
}

int brun_explain_case(const struct brun_explain_settings *s,
                      const struct brun_measure_env *env,
                      const struct brun_pass_tools *tools, const char *path,
                      const struct brun_listed_case *listed,
                      const char *old_path,
                      const struct brun_listed_case *old_listed,
                      struct brun_case_result *c)
{
    struct brun_explanation *e = &c->comparison->explanation;
    char why[1200], stem[200], file_before[4300], file_after[4300];
    brun_explanation_release(e);
    e->attempted = 1;
    if (!old_path || !old_listed)
        return set_note(e, "not explained: only the baseline's numbers are "
                           "saved, not an executable benchrun can profile "
                           "(a build linked to the project's own shared "
                           "library is not kept)");
    if (brun_now() > s->deadline)
        return set_note(e, "not explained: --explain-time was spent on "
                           "earlier cases");
    int callgrind = s->engine == BRUN_EXPLAIN_CALLGRIND ||
                    (s->engine == BRUN_EXPLAIN_AUTO && tools->valgrind[0]);
    if (callgrind && !tools->valgrind[0])
        return set_note(e, "not explained: valgrind not found on PATH "
                           "(apt-get install valgrind)");
    e->engine = strdup(callgrind ? "callgrind" : "perf");
    e->unit = strdup(callgrind ? "instructions" : "ns");
    if (brun_make_dirs(s->dir, why, sizeof why) != 0) {
        char note[1300];
        snprintf(note, sizeof note, "not explained: %s", why);
        return set_note(e, note);
    }
    brun_file_stem(c->name, stem, sizeof stem);
    const char *ext = callgrind ? "callgrind" : "perf.data";
    snprintf(file_before, sizeof file_before, "%s/%s.before.%s", s->dir, stem,
             ext);
    snprintf(file_after, sizeof file_after, "%s/%s.after.%s", s->dir, stem,
             ext);

    /* Both builds run the same iteration count, so per-sample overheads
     * are the same on both sides. */
    uint64_t iterations = c->plan.iterations ? c->plan.iterations : 1;
    double ns = c->comparison->new_ns > 0 ? c->comparison->new_ns
                                          : c->plan.calibration_ns;
    struct side before, after;
    int r =
        profile_build(s, env, tools, callgrind, old_path, old_listed,
                      iterations, ns, file_before, &before, why, sizeof why);
    if (r == 0)
        r = profile_build(s, env, tools, callgrind, path, listed, iterations,
                          ns, file_after, &after, why, sizeof why);
    else
        memset(&after, 0, sizeof after);
    if (r < 0) {
        brun_profile_release(&before.profile);
        brun_profile_release(&after.profile);
        return -1;
    }
    if (r > 0) {
        char note[1300];
        snprintf(note, sizeof note, "not explained: %s", why);
        set_note(e, note);
    } else if (rank(&before, &after, e) != 0) {
        set_note(e, "not explained: out of memory");
    } else {
        draw(s->dir, stem, c->name, e->engine, &before, &after, e);
    }
    brun_profile_release(&before.profile);
    brun_profile_release(&after.profile);
    return 0;
}
