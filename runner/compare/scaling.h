/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * scaling.h: the scaling fits of a run's parameterized families, and
 * their comparison with the baseline.
 *
 * The instances "group/name/N" of one case (same target) form the family
 * "group/name".  A family with at least BRUN_SCALING_MIN_N distinct N
 * among its instances that ran (status ok) is fitted by
 * brun_complexity_choose (stats/complexity.h) on one point (N, round
 * estimate_ns) per round of every such instance, intervals at
 * BRUN_SCALING_LEVEL.  When the run compares, the baseline side's rounds
 * of the same instances (each case's comparison->baseline_rounds, or the
 * saved baseline's case of that name) are fitted with the new best shape
 * and on their own; the per-item cost ratio new b / baseline b gets an
 * interval at the comparison's level by brun_complexity_ratio (a
 * Welch-type t on log b).
 *
 * The gate: the first benchrun.yml thresholds entry whose match pattern
 * fits the family's name or one of its instances' names decides.  With
 * gate_scaling: true there, the family fails when ratio > 1 + fail_above
 * and ratio_lo > 1 + noise floor, fail_above and the noise floor being
 * the entry's own, else the run's (--fail-above, --noise-floor or the
 * mode's floor); a fail_above of 0 never fails.  It writes nothing and
 * prints nothing: the reports print r->scalings.
 */
#ifndef BRUN_COMPARE_SCALING_H
#define BRUN_COMPARE_SCALING_H

#include "reports/model/model.h"
#include "runner/baseline/store.h"
#include "runner/options/options.h"

/* Fewest distinct N a family needs to be fitted. */
#define BRUN_SCALING_MIN_N 3
/* Level of each fit's interval of b. */
#define BRUN_SCALING_LEVEL 0.95

/* Fills r->scalings (replacing any) from r's cases: one per family that
 * can be fitted, in the order of their first instance, with arg_name
 * from the instances (.arg_name, else "items").  Compares with the
 * baseline when r->comparison is set: baseline rounds from each case's
 * comparison, else, for a case without them, from baseline_or_null's
 * case of the same name (NULL: none).  Returns how many families fail
 * their gate (count them as failing cases for the exit status), or -1
 * when out of memory (r->scalings is then empty): the caller must fail
 * the run, never pass it. */
int brun_scaling_build(struct brun_results *r, const struct brun_options *o,
                       const struct brun_baseline *baseline_or_null);

#endif /* BRUN_COMPARE_SCALING_H */
