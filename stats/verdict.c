/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * verdict.c: per-case comparison, labels, gate, suite decision and the
 * stopping rule (see verdict.h for the method).
 *
 * The t test decides; the bootstrap and Mann–Whitney results are only
 * copied into the comparison for reports.  Every number leaving this file
 * is finite.
 */
#include "config.h"

#include "stats/verdict.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>

#include "stats/mannwhitney.h"
#include "stats/multiple.h"
#include "stats/ttest.h"

#define MDE_POWER 0.8

static int settings_ok(const struct brun_compare_settings *s)
{
    return s && s->confidence > 0 && s->confidence < 1 &&
           s->alpha_per_look > 0 && s->alpha_per_look < 0.5 &&
           s->noise_floor >= 0 && isfinite(s->noise_floor) &&
           isfinite(s->fail_above) && s->session_noise >= 0 &&
           isfinite(s->session_noise) &&
           s->resamples >= BRUN_BOOT_MIN_RESAMPLES &&
           (s->bootstrap == BRUN_BOOT_BCA ||
            s->bootstrap == BRUN_BOOT_PERCENTILE);
}

/* exp() kept finite and positive for absurd log differences. */
static double ratio_of(double log_ratio)
{
    if (!isfinite(log_ratio))
        return 1.0;
    double r = exp(log_ratio);
    if (r > DBL_MAX)
        return DBL_MAX;
    return r > DBL_MIN ? r : DBL_MIN;
}

enum brun_label brun_verdict_label(double lower, double upper,
                                   double noise_floor)
{
    if (lower > 1.0 + noise_floor)
        return BRUN_LABEL_REGRESSED;
    if (upper < 1.0 - noise_floor)
        return BRUN_LABEL_IMPROVED;
    if (lower > 1.0 - noise_floor && upper < 1.0 + noise_floor)
        return BRUN_LABEL_UNCHANGED;
    return BRUN_LABEL_INCONCLUSIVE;
}

int brun_verdict_gate(double lower, double ratio, double noise_floor,
                      double fail_above)
{
    return fail_above > 0 && lower > 1.0 + noise_floor &&
           ratio >= 1.0 + fail_above;
}

/* The table without its directional rows: what a label falls back to when
 * the suite correction withdraws it. */
static enum brun_label undirected_label(double lower, double upper,
                                        double noise_floor)
{
    if (lower > 1.0 - noise_floor && upper < 1.0 + noise_floor)
        return BRUN_LABEL_UNCHANGED;
    return BRUN_LABEL_INCONCLUSIVE;
}

/* Common start: settings copied, everything neutral. */
static void neutral(struct brun_comparison *c, enum brun_compare_mode mode,
                    size_t nb, size_t nn, const struct brun_compare_settings *s,
                    double ratio)
{
    c->mode = mode;
    c->valid = 0;
    c->n_base = nb;
    c->n_new = nn;
    c->confidence = s ? s->confidence : 0.0;
    c->alpha_per_look = s ? s->alpha_per_look : 0.0;
    c->noise_floor = s ? s->noise_floor : 0.0;
    c->fail_above = s ? s->fail_above : 0.0;
    c->ratio = ratio;
    c->ci_lo = c->ci_hi = c->lower = c->upper = ratio;
    c->p_slower = c->p_faster = c->p_two = 1.0;
    c->t = c->df = c->se_log = c->mde = 0.0;
    c->boot_lo = c->boot_hi = ratio;
    c->boot_ok = 0;
    c->mwu_computed = 0;
    c->mwu_u = 0.0;
    c->mwu_p_slower = c->mwu_p_faster = c->mwu_p_two = 1.0;
    c->mwu_exact = 0;
    c->case_label = c->label = BRUN_LABEL_INCONCLUSIVE;
    c->case_fails = c->fails = 0;
    c->p_slower_bh = c->p_faster_bh = c->p_slower_holm = 1.0;
}

/* Fills the t-based part from the test at `level` (two-sided interval)
 * and the test at 1 - alpha (one-sided bounds), then labels the case. */
static void from_tests(struct brun_comparison *c, const struct brun_ttest *two,
                       const struct brun_ttest *one,
                       const struct brun_compare_settings *s)
{
    c->valid = 1;
    c->ratio = ratio_of(two->diff);
    c->ci_lo = ratio_of(two->ci_lo);
    c->ci_hi = ratio_of(two->ci_hi);
    c->lower = ratio_of(one->lower);
    c->upper = ratio_of(one->upper);
    c->p_slower = two->p_greater;
    c->p_faster = two->p_less;
    c->p_two = two->p_two_sided;
    c->t = two->t;
    c->df = two->df;
    c->se_log = two->se;
    c->mde = 0.0;
    if (two->se > 0 && two->df > 0) {
        double k = gsl_cdf_tdist_Pinv(1.0 - s->alpha_per_look, two->df) +
                   gsl_cdf_tdist_Pinv(MDE_POWER, two->df);
        double m = ratio_of(k * two->se) - 1.0;
        if (isfinite(m) && m > 0)
            c->mde = m;
    }
    c->case_label = c->label =
        brun_verdict_label(c->lower, c->upper, s->noise_floor);
    c->case_fails = c->fails =
        brun_verdict_gate(c->lower, c->ratio, s->noise_floor, s->fail_above);
    c->p_slower_bh = c->p_slower_holm = c->p_slower;
    c->p_faster_bh = c->p_faster;
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
    struct brun_ttest two, one;
    if (brun_ttest_one_sample(log_diffs, n, s->confidence, &two) != 0 ||
        brun_ttest_one_sample(log_diffs, n, 1.0 - s->alpha_per_look, &one) != 0)
        return -1;
    from_tests(out, &two, &one, s);

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
    double extra = s->session_noise * s->session_noise;
    struct brun_ttest two, one;
    if (brun_ttest_welch(log_new, nn, log_base, nb, extra, s->confidence,
                         &two) != 0 ||
        brun_ttest_welch(log_new, nn, log_base, nb, extra,
                         1.0 - s->alpha_per_look, &one) != 0)
        return -1;
    from_tests(out, &two, &one, s);

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
    double *buf = malloc(5 * m * sizeof *buf);
    int *rej = malloc(3 * m * sizeof *rej);
    if (!buf || !rej) {
        free(rej);
        free(buf);
        return -1;
    }
    double *ps = buf, *pf = buf + m, *adj_s = buf + 2 * m, *adj_f = buf + 3 * m,
           *adj_h = buf + 4 * m;
    int *rej_s = rej, *rej_f = rej + m, *rej_h = rej + 2 * m;
    for (size_t i = 0; i < m; i++) {
        ps[i] = cases[i].p_slower;
        pf[i] = cases[i].p_faster;
    }
    if (brun_multiple_bh(ps, m, s->fdr, adj_s, rej_s) < 0 ||
        brun_multiple_bh(pf, m, s->fdr, adj_f, rej_f) < 0 ||
        brun_multiple_holm(ps, m, s->gate_alpha, adj_h, rej_h) < 0) {
        free(rej);
        free(buf);
        return -1;
    }
    for (size_t i = 0; i < m; i++) {
        struct brun_comparison *c = &cases[i];
        c->p_slower_bh = adj_s[i];
        c->p_faster_bh = adj_f[i];
        c->p_slower_holm = adj_h[i];
        enum brun_label label =
            c->valid ? c->case_label : BRUN_LABEL_INCONCLUSIVE;
        if ((label == BRUN_LABEL_REGRESSED && !rej_s[i]) ||
            (label == BRUN_LABEL_IMPROVED && !rej_f[i]))
            label = undirected_label(c->lower, c->upper, c->noise_floor);
        c->fails = c->valid && c->case_fails && rej_h[i];
        if (c->fails)
            label = BRUN_LABEL_REGRESSED;
        c->label = label;
        if (counts) {
            counts->failed += (size_t)c->fails;
            switch (label) {
            case BRUN_LABEL_REGRESSED:
                counts->regressed++;
                break;
            case BRUN_LABEL_IMPROVED:
                counts->improved++;
                break;
            case BRUN_LABEL_UNCHANGED:
                counts->unchanged++;
                break;
            default:
                counts->inconclusive++;
                break;
            }
        }
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
    double x = s->fail_above, eps = s->noise_floor;
    if (brun_verdict_gate(c->lower, c->ratio, eps, x))
        return BRUN_STOP_FAIL;
    int known =
        brun_verdict_label(c->lower, c->upper, eps) != BRUN_LABEL_INCONCLUSIVE;
    if (x <= 0)
        return known ? BRUN_STOP_DETERMINED : BRUN_STOP_CONTINUE;
    if (c->upper < 1.0 + x && (known || !s->stop_needs_label))
        return BRUN_STOP_EXCLUDED;
    if (c->se_log <= x / 4 && known)
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
