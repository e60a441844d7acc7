/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * verdict.c: per-case comparison, labels, gate, suite decision and the
 * stopping rule (see verdict.h for the method).
 *
 * A comparison keeps the parts of its test (the trimmed-mean log ratio,
 * its SE and df) so that its interval can be read again at the level the
 * suite decides (brun_comparison_read_at).  The p-values are against the
 * claims' own thresholds (1 + eps, 1 - eps, 1 + M), so "the p-value is
 * below the level" and "the bound is beyond the threshold" are the same
 * statement.  The bootstrap and Mann–Whitney results are only copied in
 * for reports.  Every number leaving this file is finite.
 */
#include "config.h"

#include "stats/verdict.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>

#include "stats/mannwhitney.h"
#include "stats/multiple.h"
#include "stats/yuen.h"

#define MDE_POWER 0.8

static int settings_ok(const struct brun_compare_settings *s)
{
    return s && s->alpha > 0 && s->alpha < 0.5 && s->look_share > 0 &&
           s->look_share <= 1 && s->family >= 1 && s->fdr > 0 && s->fdr <= 1 &&
           s->gate_alpha > 0 && s->gate_alpha <= 1 && s->noise_floor >= 0 &&
           s->noise_floor < 1 && isfinite(s->fail_above) && s->margin > 0 &&
           isfinite(s->margin) && s->session_noise >= 0 &&
           isfinite(s->session_noise) && s->session_noise_df > 0 &&
           s->confidence > 0 && s->confidence < 1 &&
           s->resamples >= BRUN_BOOT_MIN_RESAMPLES &&
           (s->bootstrap == BRUN_BOOT_BCA ||
            s->bootstrap == BRUN_BOOT_PERCENTILE);
}

/* exp() kept finite and positive; a non-finite log ratio (which only
 * absurd inputs reach) maps to the widest ratio, never to 1. */
static double ratio_of(double log_ratio)
{
    if (isnan(log_ratio))
        return 1.0;
    double r = exp(log_ratio);
    if (r > DBL_MAX)
        return DBL_MAX;
    return r > DBL_MIN ? r : DBL_MIN;
}

enum brun_label brun_verdict_label(double lower, double upper,
                                   double noise_floor, double margin)
{
    if (lower > 1.0 + noise_floor)
        return BRUN_LABEL_REGRESSED;
    if (upper < 1.0 - noise_floor)
        return BRUN_LABEL_IMPROVED;
    if (lower > 1.0 - noise_floor && upper < 1.0 + noise_floor)
        return BRUN_LABEL_UNCHANGED;
    if (upper < 1.0 + margin)
        return BRUN_LABEL_OK;
    return BRUN_LABEL_INCONCLUSIVE;
}

int brun_verdict_gate(double lower, double ratio, double noise_floor,
                      double fail_above)
{
    return fail_above > 0 && lower > 1.0 + noise_floor &&
           ratio >= 1.0 + fail_above;
}

/* The gate of c at its current reading, with the saved-numbers margin. */
static int case_gate(const struct brun_comparison *c)
{
    return brun_verdict_gate(c->lower, c->ratio, c->noise_floor,
                             c->fail_above) &&
           (!c->gate_needs_history || c->lower > 1.0 + BRUN_UNCALIBRATED_GATE);
}

/* Common start: settings copied, everything neutral. */
static void neutral(struct brun_comparison *c, enum brun_compare_mode mode,
                    size_t nb, size_t nn, const struct brun_compare_settings *s,
                    double ratio)
{
    *c = (struct brun_comparison){0};
    c->mode = mode;
    c->n_base = nb;
    c->n_new = nn;
    if (s) {
        c->noise_floor = s->noise_floor;
        c->fail_above = s->fail_above;
        c->margin = s->margin;
        c->look_share = s->look_share;
        c->family = s->family;
        c->gate_needs_history = s->gate_needs_history;
        c->alpha_per_look = s->alpha;
        c->confidence = 1 - 2 * s->alpha;
    }
    c->ratio = ratio;
    c->log_ratio = log(ratio);
    c->ci_lo = c->ci_hi = c->lower = c->upper = ratio;
    c->p_slower = c->p_faster = c->p_within = c->p_two = 1.0;
    c->order_p = 1.0;
    c->boot_lo = c->boot_hi = ratio;
    c->mwu_p_slower = c->mwu_p_faster = c->mwu_p_two = 1.0;
    c->case_label = c->label = BRUN_LABEL_INCONCLUSIVE;
    c->p_slower_bh = c->p_faster_bh = c->p_slower_holm = 1.0;
}

/* P(T > (est - threshold) / se): the p-value of "the truth is at most
 * threshold"; by the sign when se is 0. */
static double p_above(double est, double threshold, double se, double df)
{
    if (!(se > 0))
        return est > threshold ? 0.0 : 1.0;
    double p = gsl_cdf_tdist_Q((est - threshold) / se, df);
    return isfinite(p) ? p : 1.0;
}

static double p_below(double est, double threshold, double se, double df)
{
    if (!(se > 0))
        return est < threshold ? 0.0 : 1.0;
    double p = gsl_cdf_tdist_P((est - threshold) / se, df);
    return isfinite(p) ? p : 1.0;
}

void brun_comparison_read_at(struct brun_comparison *c, double alpha)
{
    if (!c->valid || !(alpha > 0 && alpha < 0.5))
        return;
    double q = c->se_log > 0 ? gsl_cdf_tdist_Pinv(1 - alpha, c->df) : 0;
    if (!isfinite(q))
        q = 0;
    c->alpha_per_look = alpha;
    c->confidence = 1 - 2 * alpha;
    c->lower = c->ci_lo = ratio_of(c->log_ratio - q * c->se_log);
    c->upper = c->ci_hi = ratio_of(c->log_ratio + q * c->se_log);
    c->mde = 0;
    if (c->se_log > 0) {
        /* The noncentrality k at which P(T_{df,k} > q) = 80 %: the
         * noncentral t is about normal with mean k and variance 1 +
         * k^2 / (2 df), so k = q + z_0.8 sqrt(1 + k^2 / (2 df)), solved by
         * iteration (it converges in a few steps).  The central-t sum q +
         * t_0.8 gave 68 % power at 10 rounds. */
        double z = gsl_cdf_ugaussian_Pinv(MDE_POWER), k = q + z;
        for (int i = 0; i < 20; i++)
            k = q + z * sqrt(1 + k * k / (2 * c->df));
        double m = exp(log1p(c->noise_floor) + k * c->se_log) - 1.0;
        if (isfinite(m) && m > 0)
            c->mde = m;
    }
    c->case_label =
        brun_verdict_label(c->lower, c->upper, c->noise_floor, c->margin);
}

/* Fills the test's parts and the p-values, then reads c at s->alpha. */
static void from_test(struct brun_comparison *c, const struct brun_ttest *t,
                      const struct brun_compare_settings *s)
{
    c->valid = 1;
    c->log_ratio = t->diff;
    c->ratio = ratio_of(t->diff);
    c->se_log = t->se;
    c->df = t->df;
    c->t = t->t;
    c->p_two = t->p_two_sided;
    c->p_slower = p_above(t->diff, log1p(s->noise_floor), t->se, t->df);
    c->p_faster = p_below(t->diff, log1p(-s->noise_floor), t->se, t->df);
    c->p_within = p_below(t->diff, log1p(s->margin), t->se, t->df);
    brun_comparison_read_at(c, s->alpha);
    c->label = c->case_label;
    c->case_fails = c->fails = case_gate(c);
    c->p_slower_bh = c->p_slower_holm = fmin(1, c->p_slower / s->look_share);
    c->p_faster_bh = fmin(1, c->p_faster / s->look_share);
}

static void set_boot(struct brun_comparison *c, int status,
                     const struct brun_boot_ci *ci)
{
    c->boot_ok = status == 0;
    c->boot_lo = c->boot_ok ? ratio_of(ci->lo) : c->ratio;
    c->boot_hi = c->boot_ok ? ratio_of(ci->hi) : c->ratio;
}

static void boot_settings(const struct brun_compare_settings *s,
                          struct brun_boot_settings *b)
{
    brun_boot_settings_init(b, s->resamples, s->confidence);
    b->seed = s->seed;
    b->method = s->bootstrap;
}

/* Mean of x into *mean; 0 when there is no finite mean. */
static int finite_mean(const double *x, size_t n, double *mean)
{
    double sum = 0.0;
    for (size_t i = 0; i < n; i++)
        sum += x[i];
    *mean = n > 0 && isfinite(sum) ? sum / (double)n : 0.0;
    return n > 0 && isfinite(sum);
}

int brun_compare_paired(const double *log_diffs, size_t n,
                        const struct brun_compare_settings *s,
                        struct brun_comparison *out)
{
    double md;
    finite_mean(log_diffs, n, &md);
    neutral(out, BRUN_COMPARE_PAIRED, n, n, s, ratio_of(md));
    if (!settings_ok(s))
        return -1;
    struct brun_ttest t, crossed;
    double order = 0, order_se = 0, order_df = 0;
    if (brun_yuen_one_sample(log_diffs, n, 0.95, &t) != 0)
        return -1;
    if (s->second_new &&
        brun_yuen_crossover(log_diffs, s->second_new, n, 0.95, &crossed, &order,
                            &order_se, &order_df) == 0 &&
        order_df > 0) {
        out->order_estimated = 1;
        out->order_effect = order;
        out->order_se = order_se;
        out->order_df = order_df;
        out->order_p =
            order_se > 0
                ? fmin(1, 2 * gsl_cdf_tdist_Q(fabs(order) / order_se, order_df))
                : (order != 0 ? 0.0 : 1.0);
        /* The term is removed only when it is clearly there and both
         * orders have enough rounds: with a few rounds per order, a
         * case whose processes fall into two speeds can line them up
         * with the order by chance, and removing that "effect" would
         * shrink the noise to nothing.  The plain statistic is unbiased
         * either way (ABBA balances the orders). */
        size_t second = 0;
        for (size_t i = 0; i < n; i++)
            second += s->second_new[i] != 0;
        if (out->order_p < BRUN_ORDER_P && second >= BRUN_ORDER_MIN_ROUNDS &&
            n - second >= BRUN_ORDER_MIN_ROUNDS) {
            out->order_removed = 1;
            t = crossed;
        }
    }
    from_test(out, &t, s);

    struct brun_boot_settings bs;
    struct brun_boot_ci ci;
    boot_settings(s, &bs);
    set_boot(out, brun_boot_one(log_diffs, n, BRUN_BOOT_MEAN, &bs, &ci), &ci);
    return 0;
}

int brun_compare_independent(const double *log_base, size_t nb,
                             const double *log_new, size_t nn,
                             const struct brun_compare_settings *s,
                             struct brun_comparison *out)
{
    double mb, mn;
    int both = finite_mean(log_base, nb, &mb) & finite_mean(log_new, nn, &mn);
    neutral(out, BRUN_COMPARE_INDEPENDENT, nb, nn, s,
            both ? ratio_of(mn - mb) : 1.0);
    if (!settings_ok(s))
        return -1;
    struct brun_ttest t;
    if (brun_yuen_welch(log_new, nn, log_base, nb,
                        s->session_noise * s->session_noise,
                        s->session_noise_df, 0.95, &t) != 0)
        return -1;
    from_test(out, &t, s);
    out->session_noise = s->session_noise;
    out->session_noise_df =
        isfinite(s->session_noise_df) ? s->session_noise_df : 0;

    struct brun_boot_settings bs;
    struct brun_boot_ci ci;
    boot_settings(s, &bs);
    set_boot(out, brun_boot_mean_diff(log_new, nn, log_base, nb, &bs, &ci),
             &ci);

    struct brun_mwu u;
    if (brun_mwu_test(log_new, nn, log_base, nb, &u) == 0) {
        out->mwu_computed = 1;
        out->mwu_u = u.u;
        out->mwu_p_slower = u.p_greater;
        out->mwu_p_faster = u.p_less;
        out->mwu_p_two = u.p_two_sided;
        out->mwu_exact = u.exact;
    }
    return 0;
}

static void count(struct brun_suite_counts *counts,
                  const struct brun_comparison *c)
{
    counts->failed += (size_t)c->fails;
    switch (c->label) {
    case BRUN_LABEL_REGRESSED:
        counts->regressed++;
        break;
    case BRUN_LABEL_IMPROVED:
        counts->improved++;
        break;
    case BRUN_LABEL_UNCHANGED:
        counts->unchanged++;
        break;
    case BRUN_LABEL_OK:
        counts->ok++;
        break;
    default:
        counts->inconclusive++;
        break;
    }
}

int brun_verdict_suite(struct brun_comparison *cases, size_t m,
                       const struct brun_suite_settings *s,
                       struct brun_suite_counts *counts)
{
    if (counts)
        *counts = (struct brun_suite_counts){0};
    if (!s || !(s->fdr > 0 && s->fdr <= 1) ||
        !(s->gate_alpha > 0 && s->gate_alpha <= 1))
        return -1;
    if (m == 0)
        return 0;
    double *buf = malloc(4 * m * sizeof *buf);
    int *rej = malloc(2 * m * sizeof *rej);
    if (!buf || !rej) {
        free(rej);
        free(buf);
        return -1;
    }
    double *band = buf, *slower = buf + m, *adj_band = buf + 2 * m,
           *adj_holm = buf + 3 * m;
    int *rej_band = rej, *rej_holm = rej + m;
    for (size_t i = 0; i < m; i++) {
        const struct brun_comparison *c = &cases[i];
        double w = c->valid && c->look_share > 0 ? c->look_share : 1;
        double ps = c->valid ? fmin(1, c->p_slower / w) : 1;
        double pf = c->valid ? fmin(1, c->p_faster / w) : 1;
        band[i] = fmin(1, 2 * fmin(ps, pf));
        slower[i] = ps;
    }
    int selected = brun_multiple_bh(band, m, s->fdr, adj_band, rej_band);
    if (selected < 0 ||
        brun_multiple_holm(slower, m, s->gate_alpha, adj_holm, rej_holm) < 0) {
        free(rej);
        free(buf);
        return -1;
    }
    double r = selected > 0 ? (double)selected : 1.0;
    for (size_t i = 0; i < m; i++) {
        struct brun_comparison *c = &cases[i];
        if (c->valid) {
            brun_comparison_read_at(c, s->fdr * r * c->look_share /
                                           (2.0 * (double)m));
            c->label = c->case_label;
            /* The FCR level makes the interval leave the band exactly for
             * the selected cases; this guards the rounding at the edge. */
            if (!rej_band[i] && (c->label == BRUN_LABEL_REGRESSED ||
                                 c->label == BRUN_LABEL_IMPROVED))
                c->label = c->upper < 1 + c->margin ? BRUN_LABEL_OK
                                                    : BRUN_LABEL_INCONCLUSIVE;
            c->fails = case_gate(c) && rej_holm[i];
            if (c->fails)
                c->label = BRUN_LABEL_REGRESSED;
        } else {
            c->label = BRUN_LABEL_INCONCLUSIVE;
            c->fails = 0;
        }
        int slower_side = c->p_slower <= c->p_faster;
        c->p_slower_bh = slower_side ? adj_band[i] : 1.0;
        c->p_faster_bh = slower_side ? 1.0 : adj_band[i];
        c->p_slower_holm = adj_holm[i];
        if (counts)
            count(counts, c);
    }
    free(rej);
    free(buf);
    return 0;
}

enum brun_stop brun_verdict_stop(const struct brun_comparison *c,
                                 const struct brun_compare_settings *s)
{
    if (!c->valid || !s)
        return BRUN_STOP_CONTINUE;
    if (case_gate(c) &&
        c->p_slower / s->look_share * (double)s->family <= s->gate_alpha)
        return BRUN_STOP_FAIL;
    int known = c->case_label != BRUN_LABEL_INCONCLUSIVE;
    if (s->fail_above <= 0)
        return known ? BRUN_STOP_DETERMINED : BRUN_STOP_CONTINUE;
    if (c->upper < 1.0 + c->margin)
        return BRUN_STOP_EXCLUDED;
    if (known && c->se_log <= c->margin / 4)
        return BRUN_STOP_PRECISE;
    return BRUN_STOP_CONTINUE;
}

const char *brun_label_name(enum brun_label label)
{
    switch (label) {
    case BRUN_LABEL_REGRESSED:
        return "regressed";
    case BRUN_LABEL_IMPROVED:
        return "improved";
    case BRUN_LABEL_UNCHANGED:
        return "unchanged";
    case BRUN_LABEL_OK:
        return "ok";
    case BRUN_LABEL_INCONCLUSIVE:
        return "inconclusive";
    }
    return "?";
}

const char *brun_compare_mode_name(enum brun_compare_mode mode)
{
    switch (mode) {
    case BRUN_COMPARE_PAIRED:
        return "paired";
    case BRUN_COMPARE_INDEPENDENT:
        return "independent";
    }
    return "?";
}

const char *brun_stop_name(enum brun_stop stop)
{
    switch (stop) {
    case BRUN_STOP_CONTINUE:
        return "continue";
    case BRUN_STOP_FAIL:
        return "fail";
    case BRUN_STOP_EXCLUDED:
        return "excluded";
    case BRUN_STOP_PRECISE:
        return "precise";
    case BRUN_STOP_DETERMINED:
        return "determined";
    }
    return "?";
}
