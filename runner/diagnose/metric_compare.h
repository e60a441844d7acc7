/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * metric_compare.h: a case's metrics against the baseline's, the gate on
 * a metric, and the note when time and instructions disagree.
 *
 * An exact metric (callgrind's instructions, counted allocations) has
 * no noise: its change is the plain ratio, with no interval.  A hardware
 * counter varies from round to round like time, so its change gets the
 * same treatment as time in saved-numbers mode: Welch's t on the log
 * per-round values, at the comparison's level.  The gate on a metric
 * (--gate-metric, or gate_metric in a thresholds entry) replaces the
 * time gate's decision for that case: an exact metric fails when its
 * change is above --fail-above; a counter when its interval's lower end
 * is above the noise floor and its change above --fail-above.  Time
 * keeps its label and stays the figure reports lead with.
 */
#ifndef BRUN_METRIC_COMPARE_H
#define BRUN_METRIC_COMPARE_H

#include <stddef.h>

#include "reports/model/model.h"
#include "runner/options/options.h"

/* Disagreement: time labelled improved while instructions grew by more
 * than this fraction, or time regressed while they shrank by more. */
#define BRUN_DISAGREE_FRACTION 0.01

/* Fills change from the baseline's metric and the new one (level: the
 * interval's two-sided level for counters). */
void brun_metric_change_set(struct brun_metric_change *change,
                            const struct brun_metric *baseline,
                            const struct brun_metric *now, double level);

/* The gate metric for a case: the first thresholds entry matching name
 * that sets one, else the run's.  Returns the enum brun_metric_id, or -1
 * for time. */
int brun_case_gate_metric(const struct brun_options *o, const char *name);

/* For every compared case: its metric changes (from the baseline
 * metrics already set in metric_changes[].baseline by the caller, or
 * the saved case's), the metric gate, the disagreement note; then
 * recounts the suite's failing cases.  Returns how many cases fail. */
size_t brun_metric_judge(struct brun_results *r, const struct brun_options *o);

#endif /* BRUN_METRIC_COMPARE_H */
