/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * wording.h: the words every report uses for what the results model
 * says, so that the console, the Markdown report, the exports, JUnit,
 * the annotations, the PR comment and the commit status never word the
 * same verdict two ways.
 *
 * Each function turns one part of the model into one phrase: a compared
 * case's verdict and change, why it fails the gate.  The phrases carry
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

#endif /* BRUN_WORDING_H */
