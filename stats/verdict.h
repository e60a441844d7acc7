/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * verdict.h: comparing a benchmark case with its baseline, and deciding
 * over the whole suite which cases regressed, improved or fail the gate.
 *
 * Input is per-round estimates on the log scale (log of the 20 % trimmed
 * mean of one worker's ns/iteration).  The ratio new/base is the
 * exponential of a mean log difference, and every interval is a t
 * interval on the log scale mapped through exp (stats-methods.md §4.6):
 *  - paired mode: d_r = log new_r - log base_r for round r, one-sample t on
 *    d (df = n - 1);
 *  - independent mode (saved baseline numbers): Welch t of log new against
 *    log base, with an optional between-session variance session_noise^2
 *    added to the variance of the difference (§4.4; the caller folds in
 *    any (1 + 1/h) factor).
 * A bootstrap interval (brun_boot_*) and, in independent mode, a
 * Mann–Whitney test are reported next to it; neither decides anything.
 *
 * Labels, per case (§4.7), from the one-sided bounds L and U of the ratio
 * at level 1 - alpha_per_look and the noise floor eps (noise_floor):
 *   regressed     L > 1 + eps
 *   improved      U < 1 - eps
 *   unchanged     L > 1 - eps and U < 1 + eps
 *   inconclusive  anything else
 * and the gate ("--fail-above X", X > 0): fails when L > 1 + eps and the
 * point estimate r >= 1 + X.
 *
 * Over the suite (§4.9), brun_verdict_suite() keeps a "regressed" label
 * only when Benjamini–Hochberg at fdr over all m cases rejects its p_slower,
 * an "improved" one only when BH over all m cases rejects its p_faster
 * (two families of size m, one per direction, so each list of claims has
 * its false discovery rate bounded by fdr); a label that loses its rejection
 * falls back to the rest of the table (unchanged when the interval is
 * inside the noise band, else inconclusive).  A case fails only when its
 * own gate condition holds and Holm at gate_alpha over all m cases rejects
 * its p_slower; a failing case is always labelled regressed.
 *
 * Every setting is named as the benchrun option that sets it (confidence,
 * noise_floor, session_noise, fdr, gate_alpha, fail_above, resamples,
 * bootstrap) and is the caller's to fill: there are no defaults here; the
 * program's are the option table's (runner/options/option_table.c).
 *
 * Not here: sequential alpha splitting (the driver divides alpha over its
 * looks before calling), the geometric mean over the suite, the sign test.
 */
#ifndef BRUN_VERDICT_H
#define BRUN_VERDICT_H

#include <stddef.h>
#include <stdint.h>

#include "stats/bootstrap.h"

enum brun_compare_mode {
    BRUN_COMPARE_PAIRED,     /* baseline and new build run interleaved */
    BRUN_COMPARE_INDEPENDENT /* new rounds against saved baseline numbers */
};

enum brun_label {
    BRUN_LABEL_INCONCLUSIVE,
    BRUN_LABEL_UNCHANGED,
    BRUN_LABEL_IMPROVED,
    BRUN_LABEL_REGRESSED
};

/* Why brun_verdict_stop() says a case needs no more rounds. */
enum brun_stop {
    BRUN_STOP_CONTINUE = 0, /* not clear yet: add rounds */
    BRUN_STOP_FAIL,         /* the gate already fails */
    BRUN_STOP_EXCLUDED,     /* U < 1 + X: a slowdown beyond X is excluded */
    BRUN_STOP_PRECISE,      /* se_log <= X / 4 */
    BRUN_STOP_DETERMINED    /* no gate (X <= 0) and the label is known */
};

struct brun_compare_settings {
    double confidence;     /* two-sided level of the reported intervals */
    double alpha_per_look; /* one-sided level of L, U and the tests, at one
                              look (the caller splits it over its looks) */
    double noise_floor;    /* as a fraction of the ratio */
    double fail_above;     /* X: gate on slowdowns beyond this fraction; <= 0:
                           no gate */
    double session_noise;  /* independent mode: between-session SD, log
                             scale */
    size_t resamples;      /* bootstrap resamples */
    uint64_t seed;         /* bootstrap seed (brun_rng_seed_for() per case) */
    enum brun_boot_method bootstrap;
    int stop_needs_label; /* brun_verdict_stop(): 1 = stopping early on U or
                             on precision also needs a label other than
                             inconclusive; 0 = U < 1 + X alone suffices
                             (§4.10, for runs that want no warnings) */
};

struct brun_comparison {
    enum brun_compare_mode mode;
    int valid;            /* 1 when the t comparison could be made (>= 2
                           finite rounds per side, settings in range); when
                           0 every number below is neutral (ratio from what
                           data there is, else 1; bounds = ratio; p-values
                           1; t, df, se_log, mde 0) and the label is
                           inconclusive */
    size_t n_base, n_new; /* rounds per side (equal in paired mode) */
    double confidence, alpha_per_look, noise_floor, fail_above; /* copied
                                                   from the settings */

    double ratio;        /* r: exp(mean log difference) */
    double ci_lo, ci_hi; /* two-sided t interval of the ratio at level */
    double lower, upper; /* L, U: one-sided t bounds at 1 - alpha */
    double p_slower;     /* one-sided, H1: ratio > 1 */
    double p_faster;     /* one-sided, H1: ratio < 1 */
    double p_two;
    double t, df, se_log; /* t statistic, its df, SE of the log ratio */
    double mde;           /* minimum detectable slowdown at 80 % power, as a
                             fraction: exp((t_{1-alpha,df} + t_{0.8,df})
                             se_log) - 1 */

    /* Bootstrap interval of the ratio at level (reported, never gates;
     * excludes sigma_sess). */
    double boot_lo, boot_hi;
    int boot_ok; /* 0 when it could not be computed (then
                             boot_lo = boot_hi = ratio) */

    /* Mann–Whitney on per-round log estimates (independent mode only). */
    int mwu_computed; /* 0 in paired mode or on failure: the four
                             fields below are then u = 0, p = 1, exact = 0 */
    double mwu_u;     /* U of the new side */
    double mwu_p_slower, mwu_p_faster, mwu_p_two;
    int mwu_exact;

    /* Per-case decision (§4.7), set by brun_compare_*. */
    enum brun_label case_label;
    int case_fails;

    /* Suite decision (§4.9), set by brun_verdict_suite(); until then equal
     * to the per-case values and the raw p-values (a family of one). */
    double p_slower_bh, p_faster_bh; /* BH-adjusted p_slower, p_faster */
    double p_slower_holm;            /* Holm-adjusted p_slower */
    enum brun_label label;
    int fails;
};

struct brun_suite_settings {
    double fdr;        /* BH false discovery rate for the labels */
    double gate_alpha; /* Holm family-wise level for failing */
};

struct brun_suite_counts {
    size_t regressed, improved, unchanged, inconclusive, failed;
};

/* Paired comparison on d[r] = log new_r - log base_r, r < n.  Fills *out
 * completely (finite values only) and returns 0, or -1 when valid = 0. */
int brun_compare_paired(const double *log_diffs, size_t n,
                        const struct brun_compare_settings *s,
                        struct brun_comparison *out);

/* Independent comparison of per-round log estimates.  As above. */
int brun_compare_independent(const double *log_base, size_t nb,
                             const double *log_new, size_t nn,
                             const struct brun_compare_settings *s,
                             struct brun_comparison *out);

/* The §4.7 label from L, U and eps. */
enum brun_label brun_verdict_label(double lower, double upper,
                                   double noise_floor);

/* The per-case gate: 1 when fail_above > 0, lower > 1 + noise_floor and
 * ratio >= 1 + fail_above. */
int brun_verdict_gate(double lower, double ratio, double noise_floor,
                      double fail_above);

/* The suite decision over cases[0..m) (all compared cases, valid or not):
 * sets p_slower_bh, p_faster_bh, p_slower_holm, label and fails of each.
 * counts may be NULL.  Returns 0, or -1 on bad settings / no memory (cases
 * then keep their per-case values). */
int brun_verdict_suite(struct brun_comparison *cases, size_t m,
                       const struct brun_suite_settings *s,
                       struct brun_suite_counts *counts);

/* Whether the driver may stop adding rounds to a case, given its latest
 * comparison and the settings it was computed with (X = fail_above):
 *   BRUN_STOP_FAIL        the gate holds;
 *   BRUN_STOP_EXCLUDED    X > 0, U < 1 + X and (if stop_needs_label) the
 *                         label is not inconclusive;
 *   BRUN_STOP_PRECISE     X > 0, se_log <= X / 4 and the label is not
 *                         inconclusive;
 *   BRUN_STOP_DETERMINED  X <= 0 and the label is not inconclusive;
 *   BRUN_STOP_CONTINUE    otherwise, and always when valid = 0.
 * Because the rule looks at the data, alpha must already be split over the
 * looks (e.g. alpha / 3 for looks at 8, 16 and 32 rounds). */
enum brun_stop brun_verdict_stop(const struct brun_comparison *c,
                                 const struct brun_compare_settings *s);

/* "regressed", "improved", "unchanged", "inconclusive" ("?" for values
 * outside the enum). */
const char *brun_label_name(enum brun_label label);

/* "paired", "independent". */
const char *brun_compare_mode_name(enum brun_compare_mode mode);

/* "continue", "fail", "excluded", "precise", "determined". */
const char *brun_stop_name(enum brun_stop stop);

#endif /* BRUN_VERDICT_H */
