/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * wording.h: the words every report uses for what the results model
 * says, so that the console, the Markdown report, the exports, JUnit,
 * the annotations, the PR comment and the commit status never word the
 * same verdict two ways.
 *
 * Each function turns one part of the model into one phrase: a compared
 * case's verdict and change, why it fails the gate, how much of its SLO
 * budget a case used.  The phrases carry
 * no markup, colour or escaping: each writer adds its own (an emoji in
 * Markdown, red on a terminal, XML escaping in JUnit) around them.  The
 * one-word names of the enums (brun_label_name() in stats/verdict.h,
 * brun_status_name() and the other *_name() of model.h) stay where they
 * are: they are the keys of the JSON document and of baseline files, and
 * the phrases here are built on them.  Numbers are written by
 * reports/text/format.h, whatever the locale.
 *
 * Every function writes a NUL-terminated string of at most size - 1 bytes
 * into out (cut short when out is too small), or returns a static string.
 */
#ifndef BRUN_WORDING_H
#define BRUN_WORDING_H

#include <stddef.h>

#include "reports/model/model.h"

/* ---- A compared case --------------------------------------------------- */

/* The verdict on a compared case: "regressed, FAILS (> 10%)" (the gate in
 * force for it), "regressed", "improved", "unchanged", "inconclusive
 * (could see ≥ 3.2%)" (the smallest slowdown the run could detect), "new"
 * or "not comparable".  k may be NULL: a case of a comparing run that got
 * no comparison of its own (its memory ran out) is counted as new by the
 * runner, and called so. */
void brun_wording_verdict(const struct brun_case_comparison *k, char *out,
                          size_t size);

/* The change with its interval: "+3.10% (95% CI +1.20% to +5.00%)"; ""
 * for a case that is new or not comparable. */
void brun_wording_change(const struct brun_case_comparison *k, char *out,
                         size_t size);

/* Why a case fails the gate: its change, then "above the 10% threshold":
 * "+25.00% (95% CI +18.75% to +31.25%), above the 10% threshold". */
void brun_wording_gate_failure(const struct brun_case_comparison *k,
                               char *out, size_t size);

/* ---- Service-level objectives --------------------------------------- */

/* How much of its budget a case used: "68.75% of its 150.0 ns budget"
 * (brun_format_percent(), so a warning at 99.6 % never reads "100%");
 * "" when no budget applies. */
void brun_wording_slo_share(const struct brun_case_slo *slo, char *out,
                            size_t size);

/* The status with the share: "SLO critical: 125% of its 80.00 ns budget",
 * the status named by brun_slo_status_name(); "" when no budget applies. */
void brun_wording_slo(const struct brun_case_slo *slo, char *out, size_t size);

/* What n cases at status s are counted as: "SLO breach" / "SLO breaches"
 * (critical), "SLO warning" / "SLO warnings" (warning), "SLO" / "SLOs"
 * otherwise.  The caller writes n. */
const char *brun_wording_slo_count(enum brun_slo_status s, size_t n);

#endif /* BRUN_WORDING_H */
