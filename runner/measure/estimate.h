/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * estimate.h: the numbers benchrun derives from raw samples, in one place
 * so that measuring and re-loading a baseline always agree.
 */
#ifndef BRUN_ESTIMATE_H
#define BRUN_ESTIMATE_H

#include "reports/model/model.h"

/* A sample counts as disturbed when its thread saw an involuntary
 * context switch, or ran on a CPU for less than this share of the
 * sample's wall time (someone else had the CPU). */
#define BRUN_UNDISTURBED_CPU_SHARE 0.95

/* From r's samples (iterations, ticks, paused_ticks, cpu_ns, ivcsw):
 * sets each sample's ns_per_iteration and disturbed flag, and the round's
 * disturbed_samples, blocked_samples, used_all_samples, mean_ns,
 * cpu_estimate_ns, estimate_from_cpu and estimate_ns.  The estimate is
 * the 20 % trimmed mean of the undisturbed samples when at least half of
 * them are undisturbed; else the CPU-time estimate when the case rarely
 * blocks (at most half of the samples that were not preempted ran off
 * the CPU anyway: VM steal, not I/O); else the trimmed mean of all
 * samples. */
void brun_round_estimate(struct brun_round_result *r, double ticks_per_second);

/* 1 when sample s of round r enters the estimate and the summaries. */
int brun_sample_used(const struct brun_round_result *r,
                     const struct brun_sample_result *s);

/* The summaries of a case whose rounds are complete: samples_summary over
 * the samples used, rounds_summary over the round estimates, and the 95 %
 * t-interval of the mean across the rounds' means.  0, or -1 when memory
 * ran out. */
int brun_case_summarize(struct brun_case_result *c);

#endif /* BRUN_ESTIMATE_H */
