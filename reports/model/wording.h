/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * wording.h: the words every report uses for what the results model
 * says, so that the console, the Markdown report, the exports, JUnit,
 * the annotations, the PR comment and the commit status never word the
 * same verdict two ways.
 *
 * Each function turns one part of the model into one phrase: a compared
 * case's verdict and change, why it fails the gate, why a case failed
 * to run, how much of its SLO budget a case used, the run's summary line,
 * verdict and commit status.
 * The phrases carry
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

/* A case of the baseline that the new build lacks (brun_missing_case):
 * its verdict, "missing (not in the new build)", and what a list of them
 * is called, "missing from the new build". */
extern const char brun_wording_missing[];
extern const char brun_wording_missing_list[];

/* The change with its interval: "+3.10% (95% CI +1.20% to +5.00%)"; ""
 * for a case that is new or not comparable. */
/* What measuring did about a busy machine, for case c: e.g. "contended:
 * 78 % of samples preempted; samples shortened to 0.5 ms; compared on
 * thread CPU time".  Empty when nothing worth saying happened (under 10 %
 * preempted, no change of plan). */
void brun_wording_contention(const struct brun_case_result *c, char *out,
                             size_t size);

/* The ABBA order effect of a paired comparison when it is large (p below
 * 0.01 and at least half the noise floor): "order effect: the worker
 * that runs second in a round is 1.2 % faster (p 0.003); removed from the
 * comparison" (or "too uncertain to remove, counted as noise").  Empty
 * otherwise. */
void brun_wording_order_effect(const struct brun_case_comparison *k, char *out,
                               size_t size);

/* Saved-numbers mode without an estimate of the noise between sessions:
 * "between-session noise not estimated yet (fewer than 3 saves of this
 * case): assumed 1 %; fails the gate only beyond +20 %".  Empty
 * otherwise. */
void brun_wording_session_noise(const struct brun_case_comparison *k, char *out,
                                size_t size);

void brun_wording_change(const struct brun_case_comparison *k, char *out,
                         size_t size);

/* Why a case fails the gate: its change, then "above the 10% threshold":
 * "+25.00% (95% CI +18.75% to +31.25%), above the 10% threshold".  With
 * the gate on a metric (k->gate_on_metric), that metric's change, named:
 * "instructions +12.00% (exact), above the 10% threshold". */
void brun_wording_gate_failure(const struct brun_case_comparison *k, char *out,
                               size_t size);

/* ---- Why a case failed ------------------------------------------------ */

/* Where a case failed: "while calibrating", "in round 2 of 5"; "" for
 * BRUN_STAGE_NONE. */
void brun_wording_phase(const struct brun_failure_phase *p, char *out,
                        size_t size);

/* The one-line reason of a failed case (brun_case_result.reason), from
 * what went wrong and where: "killed by signal SIGSEGV (Segmentation
 * fault), while calibrating".  what is the worker's own account (the
 * session's "killed by signal ...", "timed out after 2 s (--timeout)",
 * "exited with status 1 ...", runner/worker/, or the case's message).
 * Where is added to a crash, an exit, a timeout or a garbled
 * conversation, where it helps to find the fault; not to the case's own
 * benchrun_fail() or misuse message, which says what it means by itself.
 * p may be NULL (nowhere in particular). */
void brun_wording_failure_reason(const char *what, enum brun_failure_kind kind,
                                 const struct brun_failure_phase *p, char *out,
                                 size_t size);

/* A failed or skipped case's reason as the reports show it: its reason,
 * or "no reason given" when it has none. */
const char *brun_wording_reason(const struct brun_case_result *c);

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

/* ---- The run ------------------------------------------------------------ */

/* n cases failing a gate: "1 regression beyond 10%", "2 regressions beyond
 * 10%". */
void brun_wording_failing(size_t n, double fail_above, char *out, size_t size);

/* n cases that failed to run: "1 case failed", "2 cases failed". */
void brun_wording_failed(size_t n, char *out, size_t size);

/* The summary line of a comparison, from brun_results_tally():
 * "5 compared: 2 regressed (1 beyond the 10% threshold), 1 improved,
 * 1 unchanged, 1 inconclusive; 1 new, 2 missing".  The part in brackets
 * only when the run has a gate, the part after ';' only when a case is
 * new or missing; "" when r has no comparison. */
void brun_wording_compared(const struct brun_results *r, char *out,
                           size_t size);

/* The run's verdict from benchrun's exit status (0 all ran and none
 * failed the gate or an SLO, 1 a regression or a critical SLO breach,
 * 2 usage, config or target error, 3 a case failed): "pass" for 0,
 * "fail" otherwise. */
const char *brun_wording_run_verdict(int exit_status);

/* The state of the commit status GitHub is sent: "success" for 0,
 * "failure" for 1 and 3 (what was measured says no), "error" otherwise
 * (benchrun could not judge).  Exit 0 with a gate and a compared case
 * that came out inconclusive is "failure" too: the gate could not vouch
 * for that case, and a green mark would say it did (the description
 * says "Inconclusive"). */
const char *brun_wording_commit_state(const struct brun_results *r,
                                      int exit_status);

/* The commit status description, one line naming what decided it: the
 * failed cases ("2 cases failed, first io/crash"), else the cases failing
 * the gate ("1 regression beyond 10% of 5: hash/fails +25.00%"), else the
 * SLO breaches that failed the run ("1 SLO breach"), else "Passed, " or
 * "Failed, " and brun_wording_compared(), else "3 cases measured, none
 * failed".  Not cut to GitHub's limit (reports/github/pr.c does that). */
void brun_wording_status_description(const struct brun_results *r,
                                     int exit_status, char *out, size_t size);

/* ---- Metrics beside time (metrics.h) ---------------------------------- */

/* A metric's value with its unit, auto-scaled to three significant
 * digits: "12.3 k instructions", "2 allocs", "48 B", "1.20 KiB" (bytes
 * with binary prefixes, counts with k, M, G); "-" for a non-finite. */
void brun_wording_metric_value(enum brun_metric_id id, double v, char *out,
                               size_t size);

/* A metric's change: "+1.00% (exact)" for an exact one, "+1.00%
 * (+0.50% to +1.50%)" with its interval otherwise; "" when not valid. */
void brun_wording_metric_change(const struct brun_metric_change *m, char *out,
                                size_t size);

/* Time and instructions moving apart (k->metric_disagrees): "time
 * -51.00%, instructions +82.00%: time and instructions disagree; time is
 * the primary figure".  "" otherwise. */
void brun_wording_metric_disagreement(const struct brun_case_comparison *k,
                                      char *out, size_t size);

/* The gate judged on a metric (k->gate_on_metric): "gate: instructions
 * +12.00% > 10%" when it fails, "gate: instructions +1.00% ≤ 10%" when
 * it passes.  "" when the gate is on time or the metric has no change. */
void brun_wording_metric_gate(const struct brun_case_comparison *k, char *out,
                              size_t size);

/* What an explanation counted: "callgrind, instructions per iteration"
 * (the engine and unit of e).  The writers put the case name around it:
 * "why NAME got slower (...)". */
void brun_wording_explanation_source(const struct brun_explanation *e,
                                     char *out, size_t size);

/* A cost in an explanation's unit: "2.00 k" for instructions, "1.250 µs"
 * for ns. */
void brun_wording_explanation_value(const struct brun_explanation *e, double v,
                                    char *out, size_t size);

/* A cost's growth: "+2.00 k +100%", "-500 -25.00%", "+1.00 k new" when
 * there was none before. */
void brun_wording_explanation_delta(const struct brun_explanation *e,
                                    double before, double after, char *out,
                                    size_t size);

/* An explanation that could not be made: "not explained: NOTE" (the
 * note, or "no profile" without one).  "" when e has functions.  A
 * writer that escapes the note on its own puts brun_wording_not_explained
 * and ": " before it. */
void brun_wording_explanation_note(const struct brun_explanation *e, char *out,
                                   size_t size);

/* The words before a flame graph's path or link, and before the
 * metrics availability line. */
extern const char brun_wording_flamegraph[]; /* "differential flame graph" */
extern const char brun_wording_metrics_heading[]; /* "metrics" */
extern const char brun_wording_not_explained[];   /* "not explained" */
extern const char brun_wording_whole_loop[];      /* "whole timed loop" */

/* 1 when any case of r has a measured metric. */
int brun_wording_any_metric(const struct brun_results *r);
/* 1 when metric id is measured in any case of r. */
int brun_wording_metric_shown(const struct brun_results *r,
                              enum brun_metric_id id);

/* ---- Scaling of a parameterized family (scaling.h) -------------------- */

/* What a shape's per-item cost is counted per, with the family's unit of
 * N (its arg_name, a final 's' dropped, so "vars" is "per var" and the
 * runner's "items" "per item"; "item" when it has none):
 * "per var" (linear), "per log N", "per N log N", "per var²", "per
 * var³"; "" for O(1), whose cost is the constant itself. */
void brun_wording_scaling_unit(const struct brun_scaling *s,
                               enum brun_complexity shape, char *out,
                               size_t size);

/* A fit's per-item cost and the half width of its interval, both in the
 * unit the cost picks (three significant digits): "1.81 µs per var ±
 * 0.02"; "12.0 ns ± 0.1" for O(1). */
void brun_wording_scaling_cost(const struct brun_scaling *s,
                               const struct brun_fit *f, char *out,
                               size_t size);

/* The family's best fit: "linear, 1.81 µs per var ± 0.02 (R² 0.999, 30
 * points)"; "no fit" when none is valid. */
void brun_wording_scaling_fit(const struct brun_scaling *s, char *out,
                              size_t size);

/* The change of the per-item cost against the baseline: "+3.05% [+1.10%,
 * +5.02%] against the baseline"; "" when s was not compared. */
void brun_wording_scaling_change(const struct brun_scaling *s, char *out,
                                 size_t size);

/* "scaling changed from linear O(N) to quadratic O(N^2)" when the best
 * shape changed since the baseline; "" otherwise. */
void brun_wording_scaling_shape_change(const struct brun_scaling *s, char *out,
                                       size_t size);

/* Why a family fails its gate: "per var cost +40.00% [+30.00%, +50.00%]
 * against the baseline, above the 10% threshold"; "" when it does not
 * fail. */
void brun_wording_scaling_gate_failure(const struct brun_scaling *s, char *out,
                                       size_t size);

/* The family's status in one or two words: "FAILS (> 10%)", "shape
 * changed", "ok" (compared, neither), "not compared". */
void brun_wording_scaling_status(const struct brun_scaling *s, char *out,
                                 size_t size);

/* Families of r failing their gate. */
size_t brun_wording_scaling_failing(const struct brun_results *r);

#endif /* BRUN_WORDING_H */
