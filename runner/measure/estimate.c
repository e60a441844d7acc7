/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * estimate.c: per-round estimates and case summaries (see estimate.h).
 *
 * Why leave disturbed samples out: on a busy machine a sample during
 * which another process had the CPU measures that process, and one such
 * sample per round moves the round's estimate by far more than the
 * changes benchrun is asked to find.  The thread's own CPU time and its
 * involuntary context switches, read around every sample, say which
 * samples were disturbed (research: stats-methods §4.8).  They stay in the
 * data (JSON, baselines) and are counted; only the estimate skips them,
 * and only while at least half the round is clean.  A round with fewer
 * clean samples than that is "contended": when at most half of its
 * samples that were not preempted still ran off the CPU (a case that
 * waits for I/O or sleeps does so in nearly all; a virtual machine's
 * stolen time in a few), its estimate is the thread CPU time per
 * iteration instead, and
 * says so (estimate_from_cpu); otherwise it keeps the all-sample wall
 * estimate and the comparison leaves it out (runner/compare/compare.c).
 */
#include "config.h"

#include "runner/measure/estimate.h"

#include <stdlib.h>

#include "stats/summary.h"

int brun_sample_used(const struct brun_round_result *r,
                     const struct brun_sample_result *s)
{
    return r->used_all_samples || !s->disturbed;
}

void brun_round_estimate(struct brun_round_result *r, double ticks_per_second)
{
    const double ns_per_tick = 1e9 / ticks_per_second;
    double *used =
        malloc((r->sample_count ? r->sample_count : 1) * sizeof *used);
    size_t clean = 0;

    r->disturbed_samples = 0;
    r->blocked_samples = 0;
    for (size_t i = 0; i < r->sample_count; i++) {
        struct brun_sample_result *s = &r->samples[i];
        double wall_ns = (double)(s->ticks + s->paused_ticks) * ns_per_tick;
        /* The same expression as brun_clock_ticks_to_ns(), so results
         * agree to the last bit wherever they are computed. */
        s->ns_per_iteration = (double)s->ticks * 1e9 / ticks_per_second /
                              (double)(s->iterations ? s->iterations : 1);
        s->disturbed = s->ivcsw > 0 ||
                       (double)s->cpu_ns < BRUN_UNDISTURBED_CPU_SHARE * wall_ns;
        if (s->disturbed)
            r->disturbed_samples++;
        else
            clean++;
        if (s->disturbed && s->ivcsw == 0)
            r->blocked_samples++;
    }
    r->used_all_samples = clean == 0 || 2 * clean < r->sample_count;
    /* Thread CPU time per iteration: what a CPU-bound case costs even
     * when the wall clock also counted other processes' turns. */
    for (size_t i = 0; used && i < r->sample_count; i++)
        used[i] =
            (double)r->samples[i].cpu_ns /
            (double)(r->samples[i].iterations ? r->samples[i].iterations : 1);
    if (!used || r->sample_count == 0 ||
        brun_stats_trimmed_mean(used, r->sample_count, &r->cpu_estimate_ns) !=
            0)
        r->cpu_estimate_ns = 0;
    size_t n = 0;
    double sum = 0;
    for (size_t i = 0; i < r->sample_count; i++) {
        if (!brun_sample_used(r, &r->samples[i]))
            continue;
        sum += r->samples[i].ns_per_iteration;
        if (used)
            used[n] = r->samples[i].ns_per_iteration;
        n++;
    }
    r->mean_ns = n ? sum / (double)n : 0;
    if (!used || brun_stats_trimmed_mean(used, n, &r->estimate_ns) != 0)
        r->estimate_ns = r->mean_ns;
    /* A contended round of a case that rarely blocks: its wall time is
     * mostly other processes', its CPU time is its own. */
    size_t unpreempted = clean + r->blocked_samples;
    r->estimate_from_cpu = r->used_all_samples &&
                           2 * r->blocked_samples <= unpreempted &&
                           unpreempted > 0 && r->cpu_estimate_ns > 0;
    /* A team's threads may outnumber the CPUs on purpose: then every
     * sample is "disturbed", and its wall time is still what it costs. */
    if (r->threads > 1)
        r->estimate_from_cpu = 0;
    if (r->estimate_from_cpu)
        r->estimate_ns = r->cpu_estimate_ns;
    free(used);
}

int brun_case_summarize(struct brun_case_result *c)
{
    size_t total = 0;
    for (size_t i = 0; i < c->round_count; i++)
        total += c->rounds[i].sample_count;
    size_t rounds = c->round_count ? c->round_count : 1;
    double *all = malloc((total ? total : 1) * sizeof *all);
    double *estimates = malloc(rounds * sizeof *estimates);
    double *means = malloc(rounds * sizeof *means);
    int status = -1;
    if (all && estimates && means) {
        size_t k = 0;
        for (size_t i = 0; i < c->round_count; i++) {
            const struct brun_round_result *r = &c->rounds[i];
            estimates[i] = r->estimate_ns;
            means[i] = r->mean_ns;
            for (size_t j = 0; j < r->sample_count; j++)
                if (brun_sample_used(r, &r->samples[j]))
                    all[k++] = r->samples[j].ns_per_iteration;
        }
        brun_stats_summarize(all, k, &c->samples_summary);
        brun_stats_summarize(estimates, c->round_count, &c->rounds_summary);
        if (brun_stats_mean_ci(means, c->round_count, BRUN_CASE_CI_LEVEL,
                               &c->ci_low_ns, &c->ci_high_ns) != 0)
            c->ci_low_ns = c->ci_high_ns = c->samples_summary.mean;
        status = 0;
    }
    free(all);
    free(estimates);
    free(means);
    return status;
}
