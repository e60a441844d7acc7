/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * counter_compare.h: user counters (benchrun_counter()) of the new build
 * against the baseline's, with the statistics time uses for a saved or
 * interleaved comparison, minus the sequential looks (counters do not
 * decide when to stop measuring).
 */
#ifndef BRUN_COUNTER_COMPARE_H
#define BRUN_COUNTER_COMPARE_H

#include <stddef.h>

#include "reports/model/model.h"

/*
 * Fills k->counter_changes, one per counter of now[0..n), from
 * k->baseline_counters:
 *  - ratio: mean(new) / mean(baseline) (invalid when the baseline lacks
 *    the counter or its mean is not above 0; 0 -> 0 is a ratio of 1);
 *  - interval: Welch's t on the log per-round figures of the two sides,
 *    two-sided at `level`, exponentiated; for a rate counter in
 *    independent mode the between-session variance session_noise^2 is
 *    added (rates are timings).  When every round of each side gave one
 *    figure the change is exact (lo = hi = ratio); when the interval
 *    cannot be estimated (fewer than 2 rounds a side, a figure <= 0) it
 *    is lo = hi = ratio and the label is inconclusive;
 *  - label, with eps = k->noise_floor: L > 1 + eps "regressed",
 *    U < 1 - eps "improved", both within (1 - eps, 1 + eps) "unchanged",
 *    otherwise "inconclusive"; improved and regressed swap for a counter
 *    flagged BENCHRUN_COUNTER_HIGHER_IS_BETTER.
 * Counters never fail the gate.  Returns 0, or -1 when out of memory.
 */
int brun_counter_compare(struct brun_case_comparison *k,
                         const struct brun_user_counter *now, size_t n,
                         double level, double session_noise);

#endif /* BRUN_COUNTER_COMPARE_H */
