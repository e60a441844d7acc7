/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * verdict.h: comparing a benchmark case with its baseline, and deciding
 * over the whole suite which cases regressed, improved, are ok or fail
 * the gate.
 *
 * Input is per-round estimates on the log scale.  The statistic is Yuen's
 * 20 %-trimmed-mean t (stats/yuen.h), robust to the slow rounds of a busy
 * machine:
 *  - paired mode: d_r = log new_r - log base_r, with the ABBA order of
 *    each round as a crossover term when the caller gives it (estimated
 *    always, removed when clearly there: BRUN_ORDER_P);
 *  - independent mode (saved numbers): Yuen–Welch of log new against log
 *    base, plus a between-session variance session_noise^2 with
 *    session_noise_df degrees of freedom (INFINITY: assumed).
 * The ratio is exp(trimmed mean log difference).
 *
 * Every claim is read from one interval [L, U] of the ratio, the
 * "decision interval", printed as the comparison's interval.  With eps
 * the noise floor and M the margin (the gate X, or a default without
 * one):
 *   regressed     L > 1 + eps
 *   improved      U < 1 - eps
 *   unchanged     1 - eps < L and U < 1 + eps
 *   ok            U < 1 + M: no regression above M (an equivalence test,
 *                 one side of a TOST)
 *   inconclusive  anything else
 * The gate ("--fail-above X", X > 0) fails a case when L > 1 + eps, the
 * point estimate r >= 1 + X, and Holm over the suite at gate_alpha
 * rejects "no slowdown beyond eps".
 *
 * The interval's level depends on the suite (brun_verdict_suite): each
 * case's p-values are first divided by the share of the error budget its
 * last look spent (alpha spending), then Benjamini–Hochberg at fdr runs
 * over the m compared cases on "outside the noise band"; with R cases
 * selected, every bound is read at the one-sided level
 *   alpha_i = fdr * max(R, 1) * look_share_i / (2 m),
 * the false-coverage-rate adjusted level of Benjamini & Yekutieli (2005).
 * A case is selected exactly when its interval leaves the noise band, so
 * the printed interval and the label never disagree.  Before the suite
 * decision (while measuring) a case is read at R = 1, the strictest
 * level: a decision made then survives the suite correction.
 *
 * Every setting is named as the benchrun option that sets it and is the
 * caller's to fill: there are no defaults here.
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
    BRUN_LABEL_REGRESSED,
    BRUN_LABEL_OK /* no regression above the margin */
};

/* Why brun_verdict_stop() says a case needs no more rounds. */
enum brun_stop {
    BRUN_STOP_CONTINUE = 0, /* not clear yet: add rounds */
    BRUN_STOP_FAIL,         /* the gate fails, whatever the suite does */
    BRUN_STOP_EXCLUDED,     /* U < 1 + M: a slowdown beyond M is excluded */
    BRUN_STOP_PRECISE,      /* se_log <= M / 4 and the label is known */
    BRUN_STOP_DETERMINED    /* no gate and the label is known */
};

struct brun_compare_settings {
    double alpha;            /* one-sided level the bounds are read at now
                           (while measuring: fdr * look_share / (2 m)) */
    double look_share;       /* share of the error budget spent by this look,
                           in (0, 1]: p-values are divided by it */
    size_t family;           /* m: cases compared in the suite */
    double fdr;              /* the suite's BH level (for the stopping rule) */
    double gate_alpha;       /* the suite's Holm level */
    double noise_floor;      /* eps, as a fraction of the ratio */
    double fail_above;       /* X: gate on slowdowns beyond this; <= 0: none */
    double margin;           /* M: "ok" means no slowdown beyond this (> 0) */
    double session_noise;    /* independent mode: SD of a session-to-
                                session difference, log scale */
    double session_noise_df; /* its degrees of freedom; INFINITY when
                                assumed rather than estimated */
    int gate_needs_history;  /* independent mode without history: failing
                                also needs L > 1 + BRUN_UNCALIBRATED_GATE */
    const unsigned char *second_new; /* paired: per round, 1 when the new
                                        build ran second; NULL: no
                                        crossover term */
    double confidence; /* level of the bootstrap interval (report only) */
    size_t resamples;  /* bootstrap resamples */
    uint64_t seed;     /* bootstrap seed (brun_rng_seed_for() per case) */
    enum brun_boot_method bootstrap;
};

/* The order effect is removed from a paired comparison only when its
 * two-sided p is below BRUN_ORDER_P and each order has at least
 * BRUN_ORDER_MIN_ROUNDS rounds. */
#define BRUN_ORDER_P 0.001
#define BRUN_ORDER_MIN_ROUNDS 6

/* Saved-numbers mode without an estimate of the between-session noise
 * fails the gate only beyond this lower bound (+20 %). */
#define BRUN_UNCALIBRATED_GATE 0.20

struct brun_comparison {
    enum brun_compare_mode mode;
    int valid;            /* 1 when the comparison could be made (>= 2
                           finite rounds per side, settings in range); when
                           0 every number below is neutral (ratio from what
                           data there is, else 1; bounds = ratio; p-values
                           1; t, df, se_log, mde 0) and the label is
                           inconclusive */
    size_t n_base, n_new; /* rounds per side (equal in paired mode) */
    double noise_floor, fail_above, margin; /* copied from the settings */
    double look_share;                      /* of the last look */
    size_t family;                          /* m */
    int gate_needs_history;

    double ratio;          /* r: exp(trimmed mean log difference) */
    double log_ratio;      /* its log */
    double confidence;     /* two-sided level of [ci_lo, ci_hi] */
    double alpha_per_look; /* one-sided level of L and U: (1 - confidence)
                              / 2 */
    double ci_lo, ci_hi;   /* the decision interval: equal to lower, upper */
    double lower, upper;   /* L, U */
    double p_slower;       /* H0: ratio <= 1 + eps (one-sided) */
    double p_faster;       /* H0: ratio >= 1 - eps */
    double p_within;       /* H0: ratio >= 1 + M; small: ok */
    double p_two;          /* H0: ratio = 1 (two-sided) */
    double t, df, se_log;  /* trimmed-mean t against 1, its df and SE */
    double mde;            /* the smallest slowdown this run labels regressed
                              with 80 % power, at the level it used: exp(log(1 +
                              eps) + k se_log) - 1, with k the noncentrality
                              at which the t test at that level has 80 %
                              power (verdict.c) */

    /* Crossover (paired mode with order): how much faster the worker that
     * runs second in a round is (log scale), its SE, df and two-sided p;
     * removed from the ratio above.  All 0 / 1 when not estimated. */
    int order_estimated;
    int order_removed; /* 1 when the ratio above is adjusted for it */
    double order_effect, order_se, order_df, order_p;

    /* Independent mode: the between-session noise used and its df. */
    double session_noise, session_noise_df;

    /* Bootstrap interval of the ratio at `confidence` of the settings
     * (reported, never gates; excludes the session noise). */
    double boot_lo, boot_hi;
    int boot_ok; /* 0 when it could not be computed (then
                             boot_lo = boot_hi = ratio) */

    /* Mann–Whitney on per-round log estimates (independent mode only). */
    int mwu_computed; /* 0 in paired mode or on failure: the four
                             fields below are then u = 0, p = 1, exact = 0 */
    double mwu_u;     /* U of the new side */
    double mwu_p_slower, mwu_p_faster, mwu_p_two;
    int mwu_exact;

    /* Per-case decision at the settings' alpha, set by brun_compare_*. */
    enum brun_label case_label;
    int case_fails;

    /* Suite decision, set by brun_verdict_suite(); until then equal to
     * the per-case values and the look-adjusted p-values. */
    double p_slower_bh, p_faster_bh; /* BH-adjusted "outside the band" p,
                                        in the direction of the estimate
                                        (the other is 1) */
    double p_slower_holm;            /* Holm-adjusted p_slower */
    enum brun_label label;
    int fails;
};

struct brun_suite_settings {
    double fdr;        /* BH level for the labels and the interval */
    double gate_alpha; /* Holm family-wise level for failing */
};

struct brun_suite_counts {
    size_t regressed, improved, unchanged, ok, inconclusive, failed;
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

/* Reads c at one-sided level alpha: sets confidence, alpha_per_look, the
 * bounds, the interval, mde and case_label (not case_fails). */
void brun_comparison_read_at(struct brun_comparison *c, double alpha);

/* The label table above from L, U, eps and M. */
enum brun_label brun_verdict_label(double lower, double upper,
                                   double noise_floor, double margin);

/* The per-case gate: 1 when fail_above > 0, lower > 1 + noise_floor and
 * ratio >= 1 + fail_above. */
int brun_verdict_gate(double lower, double ratio, double noise_floor,
                      double fail_above);

/* The suite decision over cases[0..m) (all compared cases, valid or not):
 * reads every case at its adjusted level and sets p_slower_bh,
 * p_faster_bh, p_slower_holm, label and fails.  counts may be NULL.
 * Returns 0, or -1 on bad settings / no memory (cases then keep their
 * per-case values). */
int brun_verdict_suite(struct brun_comparison *cases, size_t m,
                       const struct brun_suite_settings *s,
                       struct brun_suite_counts *counts);

/* Whether the driver may stop adding rounds to a case, given its latest
 * comparison (read at the settings' alpha, the R = 1 level):
 *   BRUN_STOP_FAIL        the gate holds and p_slower / look_share * m <=
 *                         gate_alpha (Holm's strictest step: it fails
 *                         whatever the other cases do);
 *   BRUN_STOP_EXCLUDED    U < 1 + M;
 *   BRUN_STOP_PRECISE     a gate, se_log <= M / 4 and a known label;
 *   BRUN_STOP_DETERMINED  no gate and a known label;
 *   BRUN_STOP_CONTINUE    otherwise, and always when valid = 0. */
enum brun_stop brun_verdict_stop(const struct brun_comparison *c,
                                 const struct brun_compare_settings *s);

/* "regressed", "improved", "unchanged", "ok", "inconclusive" ("?" for
 * values outside the enum). */
const char *brun_label_name(enum brun_label label);

/* "paired", "independent". */
const char *brun_compare_mode_name(enum brun_compare_mode mode);

/* "continue", "fail", "excluded", "precise", "determined". */
const char *brun_stop_name(enum brun_stop stop);

#endif /* BRUN_VERDICT_H */
