/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * wording.c: the phrases of wording.h.
 *
 * Only words and numbers: no writer's markup, no I/O, no memory is
 * allocated.  A phrase that two writers would otherwise spell each in its
 * own way belongs here; a sentence only one writer has (the console's
 * header, the Markdown method paragraph) stays with that writer.
 */
#include "config.h"

#include "reports/model/wording.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "reports/text/format.h"

void brun_wording_verdict(const struct brun_case_comparison *k, char *out,
                          size_t size)
{
    char pct[32];
    if (!k || k->presence == BRUN_PRESENT_NEW_ONLY) {
        snprintf(out, size, "new");
    } else if (!k->stats.valid) {
        snprintf(out, size, "not comparable");
    } else if (k->stats.fails) {
        brun_format_percent(k->fail_above, pct, sizeof pct);
        snprintf(out, size, "regressed, FAILS (> %s)", pct);
    } else if (k->stats.label == BRUN_LABEL_INCONCLUSIVE) {
        brun_format_percent(k->stats.mde, pct, sizeof pct);
        snprintf(out, size, "inconclusive (could see ≥ %s)", pct);
    } else if (k->stats.label == BRUN_LABEL_OK) {
        brun_format_percent(k->stats.margin, pct, sizeof pct);
        snprintf(out, size, "ok (no regression above %s)", pct);
    } else {
        snprintf(out, size, "%s", brun_label_name(k->stats.label));
    }
}

void brun_wording_contention(const struct brun_case_result *c, char *out,
                             size_t size)
{
    const struct brun_contention *n = &c->contention;
    const struct brun_case_comparison *k = c->comparison;
    int cpu = k && k->cpu_time;
    unsigned dropped = k ? k->dropped_rounds : 0;
    size_t used = 0;
    out[0] = '\0';
    if (n->samples == 0 || (10 * n->preempted < n->samples &&
                            n->shortened_to_ms == 0 && !cpu && !dropped))
        return;
    used +=
        (size_t)snprintf(out, size, "contended: %.0f %% of samples preempted",
                         100.0 * n->preempted / n->samples);
    if (n->shortened_to_ms > 0 && used < size)
        used += (size_t)snprintf(out + used, size - used,
                                 "; samples shortened from %.3g to %.3g ms",
                                 n->shortened_from_ms, n->shortened_to_ms);
    if (cpu && used < size)
        used += (size_t)snprintf(out + used, size - used,
                                 "; compared on thread CPU time");
    if (dropped && used < size)
        snprintf(out + used, size - used,
                 "; %u contended rounds left out (the case waits for more "
                 "than the CPU)",
                 dropped);
}

void brun_wording_order_effect(const struct brun_case_comparison *k, char *out,
                               size_t size)
{
    char pct[32], p[32];
    out[0] = '\0';
    if (!k || !k->stats.order_estimated || !(k->stats.order_p < 0.01) ||
        !(fabs(k->stats.order_effect) >= k->noise_floor / 2))
        return;
    double faster = 1 - exp(-fabs(k->stats.order_effect));
    brun_format_percent(faster, pct, sizeof pct);
    brun_format_fixed(k->stats.order_p, 3, p, sizeof p);
    snprintf(out, size,
             "order effect: the worker that runs %s in a round is %s faster "
             "(p %s); %s",
             k->stats.order_effect > 0 ? "second" : "first", pct, p,
             k->stats.order_removed ? "removed from the comparison"
                                    : "too uncertain to remove, counted as "
                                      "noise");
}

void brun_wording_session_noise(const struct brun_case_comparison *k, char *out,
                                size_t size)
{
    char noise[32], gate[32];
    out[0] = '\0';
    if (!k || k->presence != BRUN_PRESENT_BOTH || !k->stats.valid ||
        !k->stats.gate_needs_history)
        return;
    brun_format_percent(k->stats.session_noise, noise, sizeof noise);
    brun_format_percent(BRUN_UNCALIBRATED_GATE, gate, sizeof gate);
    snprintf(out, size,
             "between-session noise not estimated yet (fewer than 3 saves of "
             "this case): assumed %s; fails the gate only beyond +%s",
             noise, gate);
}

const char brun_wording_missing[] = "missing (not in the new build)";
const char brun_wording_missing_list[] = "missing from the new build";

void brun_wording_change(const struct brun_case_comparison *k, char *out,
                         size_t size)
{
    char change[32], lo[32], hi[32], level[32];
    if (k->presence != BRUN_PRESENT_BOTH || !k->stats.valid) {
        snprintf(out, size, "%s", "");
        return;
    }
    brun_format_change(k->stats.ratio, change, sizeof change);
    brun_format_change(k->stats.ci_lo, lo, sizeof lo);
    brun_format_change(k->stats.ci_hi, hi, sizeof hi);
    brun_format_percent(k->stats.confidence, level, sizeof level);
    snprintf(out, size, "%s (%s CI %s to %s)", change, level, lo, hi);
}

void brun_wording_gate_failure(const struct brun_case_comparison *k, char *out,
                               size_t size)
{
    char change[160], gate[32];
    brun_format_percent(k->fail_above, gate, sizeof gate);
    if (k->gate_on_metric && (unsigned)k->gate_metric < BRUN_METRIC_COUNT) {
        /* The gate judged a metric: name it, so no one looks for the
         * failure in the time column. */
        brun_wording_metric_change(&k->metric_changes[k->gate_metric], change,
                                   sizeof change);
        snprintf(out, size, "%s %s, above the %s threshold",
                 brun_metric_name(k->gate_metric), change, gate);
        return;
    }
    brun_wording_change(k, change, sizeof change);
    snprintf(out, size, "%s, above the %s threshold", change, gate);
}

void brun_wording_phase(const struct brun_failure_phase *p, char *out,
                        size_t size)
{
    switch (p->stage) {
    case BRUN_STAGE_CALIBRATION:
        snprintf(out, size, "while calibrating");
        return;
    case BRUN_STAGE_ROUND:
        snprintf(out, size, "in round %u of %u", p->round, p->rounds);
        return;
    case BRUN_STAGE_NONE:
        break;
    }
    snprintf(out, size, "%s", "");
}

void brun_wording_failure_reason(const char *what, enum brun_failure_kind kind,
                                 const struct brun_failure_phase *p, char *out,
                                 size_t size)
{
    char where[64] = "";
    if (p && kind != BRUN_FAILURE_REPORTED && kind != BRUN_FAILURE_MISUSE &&
        kind != BRUN_FAILURE_NONE)
        brun_wording_phase(p, where, sizeof where);
    snprintf(out, size, "%s%s%s", what ? what : "", where[0] ? ", " : "",
             where);
}

const char *brun_wording_reason(const struct brun_case_result *c)
{
    return c->reason && c->reason[0] ? c->reason : "no reason given";
}

void brun_wording_slo_share(const struct brun_case_slo *slo, char *out,
                            size_t size)
{
    char used[32], budget[48];
    if (slo->status == BRUN_SLO_NONE) {
        snprintf(out, size, "%s", "");
        return;
    }
    brun_format_percent(slo->used, used, sizeof used);
    brun_format_duration(slo->budget_ns, budget, sizeof budget);
    snprintf(out, size, "%s of its %s budget", used, budget);
}

void brun_wording_slo(const struct brun_case_slo *slo, char *out, size_t size)
{
    char share[96];
    if (slo->status == BRUN_SLO_NONE) {
        snprintf(out, size, "%s", "");
        return;
    }
    brun_wording_slo_share(slo, share, sizeof share);
    snprintf(out, size, "SLO %s: %s", brun_slo_status_name(slo->status), share);
}

const char *brun_wording_slo_count(enum brun_slo_status s, size_t n)
{
    switch (s) {
    case BRUN_SLO_CRITICAL:
        return n == 1 ? "SLO breach" : "SLO breaches";
    case BRUN_SLO_WARNING:
        return n == 1 ? "SLO warning" : "SLO warnings";
    case BRUN_SLO_OK:
    case BRUN_SLO_NONE:
        break;
    }
    return n == 1 ? "SLO" : "SLOs";
}

void brun_wording_failing(size_t n, double fail_above, char *out, size_t size)
{
    char gate[32];
    brun_format_percent(fail_above, gate, sizeof gate);
    snprintf(out, size, "%zu %s beyond %s", n,
             n == 1 ? "regression" : "regressions", gate);
}

void brun_wording_failed(size_t n, char *out, size_t size)
{
    snprintf(out, size, "%zu %s failed", n, n == 1 ? "case" : "cases");
}

void brun_wording_compared(const struct brun_results *r, char *out, size_t size)
{
    const struct brun_comparison_summary *s = r->comparison;
    struct brun_tally n;
    char gate[32], beyond[96] = "", elsewhere[96] = "";
    if (!s) {
        snprintf(out, size, "%s", "");
        return;
    }
    brun_results_tally(r, &n);
    if (s->fail_above > 0) {
        brun_format_percent(s->fail_above, gate, sizeof gate);
        snprintf(beyond, sizeof beyond, " (%zu beyond the %s threshold)",
                 n.failing, gate);
    }
    if (s->new_count || s->missing_count)
        snprintf(elsewhere, sizeof elsewhere, "; %zu new, %zu missing",
                 s->new_count, s->missing_count);
    snprintf(out, size,
             "%zu compared: %zu %s%s, %zu %s, %zu %s, %zu %s, %zu %s%s",
             n.compared, n.regressed, brun_label_name(BRUN_LABEL_REGRESSED),
             beyond, n.improved, brun_label_name(BRUN_LABEL_IMPROVED),
             n.unchanged, brun_label_name(BRUN_LABEL_UNCHANGED), n.ok,
             brun_label_name(BRUN_LABEL_OK), n.inconclusive,
             brun_label_name(BRUN_LABEL_INCONCLUSIVE), elsewhere);
}

const char *brun_wording_run_verdict(int exit_status)
{
    return exit_status == 0 ? "pass" : "fail";
}

/* 1 when a compared case could not be decided either way. */
static int any_inconclusive(const struct brun_results *r)
{
    struct brun_tally n;
    if (!r->comparison)
        return 0;
    brun_results_tally(r, &n);
    return n.inconclusive > 0;
}

const char *brun_wording_commit_state(const struct brun_results *r,
                                      int exit_status)
{
    if (exit_status == 0)
        return any_inconclusive(r) && r->comparison->fail_above > 0 ? "failure"
                                                                    : "success";
    return exit_status == 1 || exit_status == 3 ? "failure" : "error";
}

void brun_wording_status_description(const struct brun_results *r,
                                     int exit_status, char *out, size_t size)
{
    const struct brun_case_result *first_failing = NULL, *first_failed = NULL;
    struct brun_tally n;
    char text[512];
    brun_results_tally(r, &n);
    for (size_t i = 0; i < r->case_count; i++) {
        const struct brun_case_result *c = &r->cases[i];
        if (!first_failed && c->status == BRUN_STATUS_FAILED)
            first_failed = c;
        if (!first_failing && c->comparison && c->comparison->stats.fails)
            first_failing = c;
    }
    if (first_failed) {
        brun_wording_failed(n.failed, text, sizeof text);
        snprintf(out, size, "%s, first %s", text, first_failed->name);
    } else if (first_failing) {
        const struct brun_case_comparison *k = first_failing->comparison;
        char change[32];
        brun_wording_failing(n.failing, k->fail_above, text, sizeof text);
        brun_format_change(k->stats.ratio, change, sizeof change);
        snprintf(out, size, "%s of %zu: %s %s", text, n.compared,
                 first_failing->name, change);
    } else if (exit_status == 1 && n.slo_critical) {
        snprintf(out, size, "%zu %s", n.slo_critical,
                 brun_wording_slo_count(BRUN_SLO_CRITICAL, n.slo_critical));
    } else if (r->comparison) {
        brun_wording_compared(r, text, sizeof text);
        snprintf(out, size, "%s, %s",
                 exit_status != 0      ? "Failed"
                 : any_inconclusive(r) ? "Inconclusive"
                                       : "Passed",
                 text);
    } else {
        snprintf(out, size, "%zu %s measured%s", n.cases,
                 n.cases == 1 ? "case" : "cases",
                 exit_status == 0 ? ", none failed" : "");
    }
}

/* ---- Metrics beside time ---------------------------------------------- */

/* Three significant digits of v (|v| < 1000) and a unit. */
static void three_digits(double v, const char *unit, int integral, char *out,
                         size_t size)
{
    char number[48];
    double a = fabs(v);
    int decimals = integral && fabs(v - round(v)) < 1e-9 ? 0
                   : a >= 99.95                          ? 0
                   : a >= 9.995                          ? 1
                                                         : 2;
    brun_format_fixed(v, decimals, number, sizeof number);
    snprintf(out, size, "%s%s%s", number, unit[0] ? " " : "", unit);
}

/* v scaled by step with prefixes; unscaled integers without decimals. */
static void scaled(double v, const char *const *prefixes, double step,
                   const char *unit, char *out, size_t size)
{
    char u[48];
    size_t i = 0;
    if (!isfinite(v)) {
        snprintf(out, size, "-");
        return;
    }
    while (fabs(v) >= step * 0.9995 && prefixes[i + 1]) {
        v /= step;
        i++;
    }
    if (prefixes[i][0] && unit[0])
        snprintf(u, sizeof u, "%s %s", prefixes[i], unit);
    else
        snprintf(u, sizeof u, "%s%s", prefixes[i], unit);
    three_digits(v, u, i == 0, out, size);
}

static int is_bytes(enum brun_metric_id id)
{
    return id == BRUN_METRIC_ALLOCATED_BYTES || id == BRUN_METRIC_PEAK_HEAP;
}

static void count_value(double v, const char *unit, char *out, size_t size)
{
    static const char *const prefixes[] = {"", "k", "M", "G", "T", NULL};
    scaled(v, prefixes, 1000.0, unit, out, size);
}

void brun_wording_metric_value(enum brun_metric_id id, double v, char *out,
                               size_t size)
{
    static const char *const bytes[] = {"B", "KiB", "MiB", "GiB", "TiB", NULL};
    if (is_bytes(id))
        scaled(v, bytes, 1024.0, "", out, size);
    else
        count_value(v, brun_metric_unit(id), out, size);
}

void brun_wording_metric_change(const struct brun_metric_change *m, char *out,
                                size_t size)
{
    char change[32], lo[32], hi[32];
    if (!m->valid) {
        snprintf(out, size, "%s", "");
        return;
    }
    brun_format_change(m->ratio, change, sizeof change);
    if (m->exact) {
        snprintf(out, size, "%s (exact)", change);
        return;
    }
    brun_format_change(m->lo, lo, sizeof lo);
    brun_format_change(m->hi, hi, sizeof hi);
    snprintf(out, size, "%s (%s to %s)", change, lo, hi);
}

void brun_wording_metric_disagreement(const struct brun_case_comparison *k,
                                      char *out, size_t size)
{
    char time[32], metric[32];
    const struct brun_metric_change *m =
        k ? &k->metric_changes[BRUN_METRIC_INSTRUCTIONS] : NULL;
    out[0] = '\0';
    if (!k || !k->metric_disagrees || !k->stats.valid || !m->valid)
        return;
    brun_format_change(k->stats.ratio, time, sizeof time);
    brun_format_change(m->ratio, metric, sizeof metric);
    snprintf(out, size,
             "time %s, instructions %s: time and instructions disagree; time "
             "is the primary figure",
             time, metric);
}

void brun_wording_metric_gate(const struct brun_case_comparison *k, char *out,
                              size_t size)
{
    char change[32], gate[32];
    out[0] = '\0';
    if (!k || !k->gate_on_metric ||
        (unsigned)k->gate_metric >= BRUN_METRIC_COUNT ||
        !k->metric_changes[k->gate_metric].valid)
        return;
    brun_format_change(k->metric_changes[k->gate_metric].ratio, change,
                       sizeof change);
    brun_format_percent(k->fail_above, gate, sizeof gate);
    snprintf(out, size, "gate: %s %s %s %s", brun_metric_name(k->gate_metric),
             change, k->stats.fails ? ">" : "≤", gate);
}

void brun_wording_explanation_source(const struct brun_explanation *e,
                                     char *out, size_t size)
{
    snprintf(out, size, "%s, %s per iteration",
             e->engine ? e->engine : "profile", e->unit ? e->unit : "cost");
}

static int in_ns(const struct brun_explanation *e)
{
    return e->unit && strcmp(e->unit, "ns") == 0;
}

void brun_wording_explanation_value(const struct brun_explanation *e, double v,
                                    char *out, size_t size)
{
    if (in_ns(e))
        brun_format_duration(v, out, size);
    else
        count_value(v, "", out, size);
}

void brun_wording_explanation_delta(const struct brun_explanation *e,
                                    double before, double after, char *out,
                                    size_t size)
{
    char value[48], change[32];
    double d = after - before;
    brun_wording_explanation_value(e, fabs(d), value, sizeof value);
    if (before > 0)
        brun_format_change(after / before, change, sizeof change);
    else
        snprintf(change, sizeof change, "%s", d > 0 ? "new" : "");
    snprintf(out, size, "%s%s%s%s", d < 0 ? "-" : "+", value,
             change[0] ? " " : "", change);
}

void brun_wording_explanation_note(const struct brun_explanation *e, char *out,
                                   size_t size)
{
    out[0] = '\0';
    if (e->function_count > 0)
        return;
    snprintf(out, size, "%s: %s", brun_wording_not_explained,
             e->note ? e->note : "no profile");
}

const char brun_wording_flamegraph[] = "differential flame graph";
const char brun_wording_not_explained[] = "not explained";
const char brun_wording_whole_loop[] = "whole timed loop";
const char brun_wording_metrics_heading[] = "metrics";

int brun_wording_metric_shown(const struct brun_results *r,
                              enum brun_metric_id id)
{
    for (size_t i = 0; i < r->case_count; i++)
        if (r->cases[i].metrics[id].measured)
            return 1;
    return 0;
}

int brun_wording_any_metric(const struct brun_results *r)
{
    for (int id = 0; id < BRUN_METRIC_COUNT; id++)
        if (brun_wording_metric_shown(r, (enum brun_metric_id)id))
            return 1;
    return 0;
}

/* ---- Scaling ------------------------------------------------------------ */

void brun_wording_scaling_unit(const struct brun_scaling *s,
                               enum brun_complexity shape, char *out,
                               size_t size)
{
    /* One var, not one vars: a plural name loses its final 's'. */
    char n[48] = "item";
    if (s && s->arg_name && s->arg_name[0]) {
        size_t len = strlen(s->arg_name);
        if (len > 2 && s->arg_name[len - 1] == 's' &&
            s->arg_name[len - 2] != 's')
            len--;
        if (len >= sizeof n)
            len = sizeof n - 1;
        memcpy(n, s->arg_name, len);
        n[len] = '\0';
    }
    switch (shape) {
    case BRUN_O_LOG_N:
        snprintf(out, size, "per log N");
        break;
    case BRUN_O_N_LOG_N:
        snprintf(out, size, "per N log N");
        break;
    case BRUN_O_N:
        snprintf(out, size, "per %s", n);
        break;
    case BRUN_O_N2:
        snprintf(out, size, "per %s²", n);
        break;
    case BRUN_O_N3:
        snprintf(out, size, "per %s³", n);
        break;
    default:
        out[0] = '\0';
        break;
    }
}

/* v and half in one unit picked by v, three significant digits. */
static void scaled_pair(double v, double half, char *value, char *pm,
                        size_t size)
{
    static const struct {
        double ns;
        const char *unit;
    } units[] = {{1e-3, "ps"}, {1, "ns"}, {1e3, "µs"}, {1e6, "ms"}, {1e9, "s"}};
    size_t u = 1;
    double a = fabs(v);
    if (isfinite(a) && a > 0) {
        u = 0;
        while (u + 1 < sizeof units / sizeof units[0] &&
               a >= units[u + 1].ns * 0.9995)
            u++;
    }
    double x = v / units[u].ns, h = half / units[u].ns;
    int decimals = fabs(x) < 9.995 ? 2 : fabs(x) < 99.95 ? 1 : 0;
    char num[48];
    brun_format_fixed(x, decimals, num, sizeof num);
    snprintf(value, size, "%s %s", num, units[u].unit);
    brun_format_fixed(isfinite(h) ? fabs(h) : 0, decimals, pm, size);
}

void brun_wording_scaling_cost(const struct brun_scaling *s,
                               const struct brun_fit *f, char *out, size_t size)
{
    char value[64], pm[64], unit[64];
    scaled_pair(f->per_item_ns, (f->per_item_hi - f->per_item_lo) / 2, value,
                pm, sizeof pm);
    brun_wording_scaling_unit(s, f->shape, unit, sizeof unit);
    snprintf(out, size, "%s%s%s ± %s", value, unit[0] ? " " : "", unit, pm);
}

void brun_wording_scaling_fit(const struct brun_scaling *s, char *out,
                              size_t size)
{
    char cost[160], r2[32];
    if (!s->best.valid) {
        snprintf(out, size, "no fit");
        return;
    }
    brun_wording_scaling_cost(s, &s->best, cost, sizeof cost);
    brun_format_fixed(s->best.r2, 3, r2, sizeof r2);
    snprintf(out, size, "%s, %s (R² %s, %zu points)",
             brun_complexity_word(s->best.shape), cost, r2, s->best.points);
}

void brun_wording_scaling_change(const struct brun_scaling *s, char *out,
                                 size_t size)
{
    char v[32], lo[32], hi[32];
    out[0] = '\0';
    if (!s->compared)
        return;
    brun_format_change(s->ratio, v, sizeof v);
    brun_format_change(s->ratio_lo, lo, sizeof lo);
    brun_format_change(s->ratio_hi, hi, sizeof hi);
    snprintf(out, size, "%s [%s, %s] against the baseline", v, lo, hi);
}

void brun_wording_scaling_shape_change(const struct brun_scaling *s, char *out,
                                       size_t size)
{
    out[0] = '\0';
    if (!s->compared || !s->shape_changed)
        return;
    snprintf(out, size, "scaling changed from %s %s to %s %s",
             brun_complexity_word(s->baseline_best.shape),
             brun_complexity_name(s->baseline_best.shape),
             brun_complexity_word(s->best.shape),
             brun_complexity_name(s->best.shape));
}

void brun_wording_scaling_gate_failure(const struct brun_scaling *s, char *out,
                                       size_t size)
{
    char unit[64], change[160], gate[32];
    out[0] = '\0';
    if (!s->compared || !s->fails)
        return;
    brun_wording_scaling_unit(s, s->best.shape, unit, sizeof unit);
    brun_wording_scaling_change(s, change, sizeof change);
    brun_format_percent(s->fail_above, gate, sizeof gate);
    snprintf(out, size, "%s%scost %s, above the %s threshold", unit,
             unit[0] ? " " : "", change, gate);
}

void brun_wording_scaling_status(const struct brun_scaling *s, char *out,
                                 size_t size)
{
    char gate[32];
    if (!s->compared) {
        snprintf(out, size, "not compared");
    } else if (s->fails) {
        brun_format_percent(s->fail_above, gate, sizeof gate);
        snprintf(out, size, "FAILS (> %s)", gate);
    } else if (s->shape_changed) {
        snprintf(out, size, "shape changed");
    } else {
        snprintf(out, size, "ok");
    }
}

size_t brun_wording_scaling_failing(const struct brun_results *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->scaling_count; i++)
        n += r->scalings[i].compared && r->scalings[i].fails;
    return n;
}
