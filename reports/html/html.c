/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * html.c: the HTML report of html.h.  One pass over the model, written
 * straight to the FILE *: the page's skeleton and style, the summary
 * table, the per-case sections with their SVG strip plots and metric
 * panels, the scaling plots, the environment, the method, and the
 * sorting script last (the page reads in name order without it).
 * Plot coordinates are computed here, in a fixed viewBox, and printed
 * with brun_format_fixed() so no locale changes a digit.  It does not
 * decide anything: verdicts, changes and SLO shares are worded by
 * wording.h as in every other report.
 */
#include "config.h"

#include "reports/html/html.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "reports/model/wording.h"
#include "reports/text/escape.h"
#include "reports/text/format.h"

#define REPLACEMENT "\xEF\xBF\xBD" /* U+FFFD */

/* ---- Escaping ---------------------------------------------------------- */

static int noncharacter(uint32_t cp)
{
    return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE ||
           (cp >= 0x80 && cp <= 0x9F);
}

void brun_html_escape(FILE *out, const char *s, int attribute)
{
    if (!s)
        return;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        uint32_t cp;
        size_t n = brun_utf8_sequence(p, &cp);
        if (n == 0) {
            fputs(REPLACEMENT, out);
            p++;
            continue;
        }
        if (cp == '&')
            fputs("&amp;", out);
        else if (cp == '<')
            fputs("&lt;", out);
        else if (cp == '>')
            fputs("&gt;", out);
        else if (cp == '"')
            fputs("&quot;", out);
        else if (cp == '\'')
            fputs("&#39;", out);
        else if (cp < 0x20 || cp == 0x7F) {
            /* U+2400 + code (U+2421 for DEL): one line, visible. */
            uint32_t pic = cp == 0x7F ? 0x2421 : 0x2400 + cp;
            fputc(0xE2, out);
            fputc(0x80 | (int)((pic >> 6) & 0x3F), out);
            fputc(0x80 | (int)(pic & 0x3F), out);
        } else if (noncharacter(cp))
            fputs(REPLACEMENT, out);
        else
            fwrite(p, 1, n, out);
        p += n;
    }
    (void)attribute; /* both contexts escape the same set */
}

static void text(FILE *out, const char *s)
{
    brun_html_escape(out, s, 0);
}

static void attr(FILE *out, const char *s)
{
    brun_html_escape(out, s, 1);
}

/* A coordinate or a sort key: one decimal, no locale, no "-0.0". */
static void num(FILE *out, double v)
{
    char b[48];
    if (!isfinite(v))
        v = 0;
    brun_format_fixed(v, 1, b, sizeof b);
    fputs(strcmp(b, "-0.0") == 0 ? "0.0" : b, out);
}

/* A sort key with full precision. */
static void key(FILE *out, double v)
{
    char b[48];
    if (!isfinite(v))
        return; /* an empty key sorts last */
    snprintf(b, sizeof b, "%.9g", v);
    for (char *p = b; *p; p++)
        if (*p == ',')
            *p = '.';
    fputs(b, out);
}

static void duration(FILE *out, double ns)
{
    char b[48];
    brun_format_duration(ns, b, sizeof b);
    text(out, b);
}

/* ---- The page ----------------------------------------------------------- */

static const char style[] =
    "body{font:14px/1.45 system-ui,sans-serif;margin:1.5em auto;"
    "max-width:1200px;padding:0 1em;color:#222;background:#fff}"
    "h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #ccc}"
    "h3{font-family:ui-monospace,monospace;font-size:1em;"
    "word-break:break-all}"
    "table{border-collapse:collapse;margin:.5em 0}"
    "th,td{border:1px solid #ddd;padding:.25em .6em;text-align:left;"
    "vertical-align:top}"
    "td.n{text-align:right;font-variant-numeric:tabular-nums}"
    "th{background:#f4f4f4;cursor:pointer;user-select:none}"
    "th[aria-sort=ascending]::after{content:\" \\25B2\"}"
    "th[aria-sort=descending]::after{content:\" \\25BC\"}"
    "code,.name{font-family:ui-monospace,monospace;word-break:break-all}"
    "td.name{min-width:12em}"
    ".regressed,.critical,.failed{color:#b00020}"
    ".improved{color:#1b7f2a}.warning{color:#9a6700}"
    ".case{border-top:1px solid #eee;margin-top:1.5em}"
    ".panels{display:flex;flex-wrap:wrap;gap:1.5em;align-items:flex-start}"
    "svg{font:11px system-ui,sans-serif;background:#fff}"
    "svg .axis{stroke:#888;stroke-width:1}"
    "svg .grid{stroke:#eee;stroke-width:1}"
    "svg .base{fill:#6b8fd6}svg .new{fill:#d9822b}"
    "svg .ci{stroke:#222;stroke-width:2}"
    "svg .mean{stroke:#6b8fd6;stroke-dasharray:4 3}"
    "svg .band-w{fill:#fff3c4}svg .band-c{fill:#fbd3d3}"
    "svg .fit{fill:none;stroke:#d9822b;stroke-width:2}"
    "svg .pt{fill:#444}"
    ".note{color:#555}";

/* Column kinds of the summary table, for the sorting script. */
static void th(FILE *out, const char *label, int numeric)
{
    fprintf(out, "<th scope=\"col\" data-type=\"%s\">%s</th>",
            numeric ? "num" : "text", label);
}

static void td_text(FILE *out, const char *cls, const char *s)
{
    fputs("<td", out);
    if (cls && cls[0])
        fprintf(out, " class=\"%s\"", cls);
    fputs(" data-v=\"", out);
    attr(out, s);
    fputs("\">", out);
    text(out, s);
    fputs("</td>", out);
}

static void td_duration(FILE *out, double ns, int shown)
{
    fputs("<td class=\"n\" data-v=\"", out);
    if (shown)
        key(out, ns);
    fputs("\">", out);
    if (shown)
        duration(out, ns);
    fputs("</td>", out);
}

static const char *label_class(const struct brun_case_comparison *k)
{
    if (!k || k->presence != BRUN_PRESENT_BOTH || !k->stats.valid)
        return "";
    return brun_label_name(k->stats.label);
}

/* Case indexes in name order (then target, then index: stable).  qsort
 * has no context argument in C11, hence the file-level pointer, set only
 * around the one qsort call. */
static const struct brun_results *sort_results;

static int by_name(const void *a, const void *b)
{
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    const struct brun_case_result *x = &sort_results->cases[i];
    const struct brun_case_result *y = &sort_results->cases[j];
    int c = strcmp(x->name ? x->name : "", y->name ? y->name : "");
    if (c)
        return c;
    if (x->target != y->target)
        return x->target < y->target ? -1 : 1;
    return i < j ? -1 : i > j;
}

static const char *target_path(const struct brun_results *r, size_t t)
{
    return t < r->target_count && r->targets[t].path ? r->targets[t].path : "";
}

static void summary_table(FILE *out, const struct brun_results *r,
                          const size_t *order)
{
    char b[256];
    int compare = r->comparison != NULL;
    int targets = r->target_count > 1;

    fputs("<h2 id=\"summary\">Summary</h2>\n"
          "<table class=\"sortable\" id=\"summary-table\"><thead><tr>",
          out);
    th(out, "case", 0);
    if (targets)
        th(out, "target", 0);
    th(out, "status", 0);
    th(out, "mean", 1);
    th(out, "median", 1);
    th(out, "&plusmn;95% CI", 1);
    if (compare) {
        th(out, "baseline", 1);
        th(out, "change", 1);
        th(out, "verdict", 0);
    }
    if (r->slo)
        th(out, "SLO", 1);
    fputs("</tr></thead>\n<tbody>\n", out);
    for (size_t n = 0; order && n < r->case_count; n++) {
        size_t i = order[n];
        const struct brun_case_result *c = &r->cases[i];
        const struct brun_case_comparison *k = c->comparison;
        int ok = c->status == BRUN_STATUS_OK;
        fprintf(out, "<tr data-i=\"%zu\"><td class=\"name\" data-v=\"", n);
        attr(out, c->name);
        fprintf(out, "\"><a href=\"#case-%zu\">", i);
        text(out, c->name);
        fputs("</a></td>", out);
        if (targets)
            td_text(out, "name", target_path(r, c->target));
        td_text(out, ok ? "" : "failed", brun_status_name(c->status));
        td_duration(out, c->samples_summary.mean, ok);
        td_duration(out, c->samples_summary.median, ok);
        fputs("<td class=\"n\" data-v=\"", out);
        double half =
            ok && c->samples_summary.mean > 0
                ? (c->ci_high_ns - c->ci_low_ns) / 2 / c->samples_summary.mean
                : NAN;
        if (isfinite(half)) {
            key(out, half);
            fputs("\">&plusmn;", out);
            brun_format_percent(half, b, sizeof b);
            text(out, b);
        } else {
            fputs("\">", out);
        }
        fputs("</td>", out);
        if (compare) {
            int both = ok && k && k->presence == BRUN_PRESENT_BOTH;
            td_duration(out, k ? k->baseline_ns : 0, both);
            fputs("<td class=\"n\" data-v=\"", out);
            b[0] = '\0';
            if (both && k->stats.valid) {
                key(out, k->stats.ratio);
                brun_wording_change(k, b, sizeof b);
            }
            fputs("\">", out);
            text(out, b);
            fputs("</td>", out);
            if (ok)
                brun_wording_verdict(k, b, sizeof b);
            else
                snprintf(b, sizeof b, "%s", brun_wording_reason(c));
            td_text(out, ok ? label_class(k) : "failed", b);
        }
        if (r->slo) {
            fputs("<td class=\"n ", out);
            fputs(brun_slo_status_name(c->slo.status), out);
            fputs("\" data-v=\"", out);
            b[0] = '\0';
            if (c->slo.status != BRUN_SLO_NONE) {
                key(out, c->slo.used);
                brun_wording_slo(&c->slo, b, sizeof b);
            }
            fputs("\">", out);
            text(out, b);
            fputs("</td>", out);
        }
        fputs("</tr>\n", out);
    }
    fputs("</tbody></table>\n", out);
    if (r->comparison && r->comparison->missing_count > 0) {
        fprintf(out, "<p>%s:</p><ul>\n", brun_wording_missing_list);
        for (size_t i = 0; i < r->comparison->missing_count; i++) {
            const struct brun_missing_case *m = &r->comparison->missing[i];
            fputs("<li><span class=\"name\">", out);
            text(out, m->name);
            fputs("</span>: baseline ", out);
            duration(out, m->baseline_ns);
            fputs("</li>\n", out);
        }
        fputs("</ul>\n", out);
    }
}

/* ---- Plots -------------------------------------------------------------- */

/* A strip plot's frame: width, height, margins (left, right, top,
 * bottom) of the plotting area. */
#define PW 520.0
#define PH 300.0
#define ML 80.0
#define MR 20.0
#define MT 20.0
#define MB 40.0

struct scale {
    double lo, hi; /* data range */
    double a, b;   /* pixels */
    int log;
};

static double map(const struct scale *s, double v)
{
    double lo = s->lo, hi = s->hi;
    if (s->log) {
        lo = log(lo);
        hi = log(hi);
        v = v > 0 ? log(v) : lo;
    }
    if (!(hi > lo))
        return (s->a + s->b) / 2;
    return s->a + (v - lo) / (hi - lo) * (s->b - s->a);
}

/* A step of 1, 2 or 5 times a power of ten giving about five ticks. */
static double nice_step(double span)
{
    double raw = span / 5, p = pow(10, floor(log10(raw)));
    double m = raw / p;
    return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
}

/* Pads [lo, hi] to a nonempty range a little wider than the data. */
static void pad(double *lo, double *hi)
{
    if (!(*hi > *lo)) {
        double m = fabs(*lo) > 0 ? fabs(*lo) * 0.05 : 1;
        *lo -= m;
        *hi += m;
    }
    double m = (*hi - *lo) * 0.08;
    *lo -= m;
    *hi += m;
}

/* Horizontal grid lines and duration labels of a y scale. */
static void y_axis(FILE *out, const struct scale *y, double x0, double x1)
{
    double step = nice_step(y->hi - y->lo);
    if (!(step > 0) || !isfinite(step))
        return;
    for (double v = ceil(y->lo / step) * step; v <= y->hi + step * 1e-9;
         v += step) {
        double py = map(y, v);
        fputs("<line class=\"grid\" x1=\"", out);
        num(out, x0);
        fputs("\" x2=\"", out);
        num(out, x1);
        fputs("\" y1=\"", out);
        num(out, py);
        fputs("\" y2=\"", out);
        num(out, py);
        fputs("\"/><text x=\"", out);
        num(out, x0 - 6);
        fputs("\" y=\"", out);
        num(out, py + 4);
        fputs("\" text-anchor=\"end\">", out);
        duration(out, v);
        fputs("</text>\n", out);
    }
}

static void rect(FILE *out, const char *cls, double x, double y, double w,
                 double h)
{
    fprintf(out, "<rect class=\"%s\" x=\"", cls);
    num(out, x);
    fputs("\" y=\"", out);
    num(out, y);
    fputs("\" width=\"", out);
    num(out, w);
    fputs("\" height=\"", out);
    num(out, h);
    fputs("\"/>", out);
}

static void line(FILE *out, const char *cls, double x1, double y1, double x2,
                 double y2)
{
    fprintf(out, "<line class=\"%s\" x1=\"", cls);
    num(out, x1);
    fputs("\" y1=\"", out);
    num(out, y1);
    fputs("\" x2=\"", out);
    num(out, x2);
    fputs("\" y2=\"", out);
    num(out, y2);
    fputs("\"/>", out);
}

/* Round k's horizontal offset within its column: a fixed, spread-out
 * sequence in [-1, 1] (golden-ratio steps), so the page never changes
 * from one write to the next. */
static double jitter(size_t k)
{
    double f = fmod((double)k * 0.6180339887498949, 1.0);
    return 2 * f - 1;
}

static void dots(FILE *out, const char *cls, const struct brun_round_result *rd,
                 size_t n, const struct scale *y, double cx, double half)
{
    for (size_t k = 0; k < n; k++) {
        if (!isfinite(rd[k].estimate_ns))
            continue;
        fprintf(out, "<circle class=\"%s\" r=\"3.5\" cx=\"", cls);
        num(out, cx + jitter(k) * half);
        fputs("\" cy=\"", out);
        num(out, map(y, rd[k].estimate_ns));
        fprintf(out, "\"><title>round %u: ", rd[k].index + 1);
        duration(out, rd[k].estimate_ns);
        fputs("</title></circle>", out);
    }
    fputs("\n", out);
}

static void widen(double *lo, double *hi, double v)
{
    if (!isfinite(v) || v <= 0)
        return;
    if (v < *lo)
        *lo = v;
    if (v > *hi)
        *hi = v;
}

static void svg_open(FILE *out, const char *cls, const char *data,
                     const char *value, double w, double h, const char *label)
{
    fprintf(out, "<svg class=\"%s\" %s=\"", cls, data);
    attr(out, value);
    fputs("\" role=\"img\" aria-label=\"", out);
    attr(out, label);
    fputs("\" viewBox=\"0 0 ", out);
    num(out, w);
    fputs(" ", out);
    num(out, h);
    fputs("\" width=\"", out);
    num(out, w);
    fputs("\" height=\"", out);
    num(out, h);
    fputs("\">\n", out);
}

/* The per-round estimates of baseline and new, the change's interval
 * and the SLO bands. */
static void strip_plot(FILE *out, const struct brun_results *r,
                       const struct brun_case_result *c)
{
    const struct brun_case_comparison *k = c->comparison;
    const struct brun_slo_summary *slo = r->slo;
    int measured = c->status == BRUN_STATUS_OK && c->round_count > 0;

    if (!measured) {
        svg_open(out, "plot", "data-case", c->name, PW, 60, "no measurements");
        fputs("<text x=\"10\" y=\"34\">not measured: ", out);
        text(out, brun_wording_reason(c));
        fputs("</text></svg>\n", out);
        return;
    }
    int base_rounds = k && k->baseline_round_count > 0;
    int base_mean = k && k->presence == BRUN_PRESENT_BOTH &&
                    isfinite(k->baseline_ns) && k->baseline_ns > 0;
    int interval = base_mean && k->stats.valid;
    double lo = INFINITY, hi = -INFINITY;
    for (size_t j = 0; j < c->round_count; j++)
        widen(&lo, &hi, c->rounds[j].estimate_ns);
    for (size_t j = 0; base_rounds && j < k->baseline_round_count; j++)
        widen(&lo, &hi, k->baseline_rounds[j].estimate_ns);
    if (base_mean)
        widen(&lo, &hi, k->baseline_ns);
    if (interval) {
        widen(&lo, &hi, k->baseline_ns * k->stats.ci_lo);
        widen(&lo, &hi, k->baseline_ns * k->stats.ci_hi);
    }
    /* Without a comparison, the case's own interval of the mean. */
    int own = !interval && isfinite(c->ci_low_ns) && isfinite(c->ci_high_ns) &&
              c->ci_high_ns > c->ci_low_ns;
    if (own) {
        widen(&lo, &hi, c->ci_low_ns);
        widen(&lo, &hi, c->ci_high_ns);
        widen(&lo, &hi, c->samples_summary.mean);
    }
    if (!(lo <= hi)) {
        lo = 0;
        hi = 1;
    }
    /* SLO levels join the range when they are near the data. */
    double warn = NAN, crit = NAN;
    if (slo && c->slo.status != BRUN_SLO_NONE && c->slo.budget_ns > 0) {
        warn = c->slo.budget_ns * slo->warning_fraction;
        crit = c->slo.budget_ns * slo->critical_fraction;
        if (warn <= 4 * hi)
            widen(&lo, &hi, warn);
        if (crit <= 4 * hi)
            widen(&lo, &hi, crit);
    }
    pad(&lo, &hi);
    if (lo < 0)
        lo = 0;
    struct scale y = {lo, hi, PH - MB, MT, 0};
    int two = base_rounds || base_mean;
    double colw = (PW - ML - MR) / (two ? 2 : 1);
    double xb = ML + colw / 2, xn = ML + colw * (two ? 1.5 : 0.5);

    char label[96];
    snprintf(label, sizeof label, "per-round estimates%s",
             two ? " of baseline and new" : "");
    svg_open(out, "plot", "data-case", c->name, PW, PH, label);
    if (isfinite(warn)) {
        double top = isfinite(crit) ? crit : hi;
        double y0 = map(&y, fmin(fmax(warn, lo), hi));
        double y1 = map(&y, fmin(fmax(top, lo), hi));
        if (y0 > y1)
            rect(out, "band-w", ML, y1, PW - ML - MR, y0 - y1);
        double yc = map(&y, fmin(fmax(crit, lo), hi));
        if (yc > MT)
            rect(out, "band-c", ML, MT, PW - ML - MR, yc - MT);
        fputs("\n", out);
    }
    y_axis(out, &y, ML, PW - MR);
    line(out, "axis", ML, MT, ML, PH - MB);
    line(out, "axis", ML, PH - MB, PW - MR, PH - MB);
    fputs("\n", out);
    if (two) {
        fputs("<text x=\"", out);
        num(out, xb);
        fputs("\" y=\"", out);
        num(out, PH - MB + 18);
        fputs("\" text-anchor=\"middle\">baseline</text>", out);
    }
    fputs("<text x=\"", out);
    num(out, xn);
    fputs("\" y=\"", out);
    num(out, PH - MB + 18);
    fputs("\" text-anchor=\"middle\">new</text>\n", out);
    fputs("<text x=\"14\" y=\"", out);
    num(out, (MT + PH - MB) / 2);
    fputs("\" text-anchor=\"middle\" transform=\"rotate(-90 14 ", out);
    num(out, (MT + PH - MB) / 2);
    fputs(")\">time per iteration</text>\n", out);
    if (base_mean) {
        double py = map(&y, k->baseline_ns);
        line(out, "mean", ML, py, PW - MR, py);
        fputs("<title>baseline: ", out);
        duration(out, k->baseline_ns);
        fputs("</title>\n", out);
    }
    if (base_rounds)
        dots(out, "base", k->baseline_rounds, k->baseline_round_count, &y, xb,
             colw * 0.2);
    dots(out, "new", c->rounds, c->round_count, &y, xn, colw * 0.2);
    if (interval) {
        /* The change's interval, as times: baseline x [lo, hi]. */
        double x = xn + colw * 0.32;
        double y0 = map(&y, k->baseline_ns * k->stats.ci_lo);
        double y1 = map(&y, k->baseline_ns * k->stats.ci_hi);
        double ym = map(&y, k->baseline_ns * k->stats.ratio);
        char b[160];
        brun_wording_change(k, b, sizeof b);
        fputs("<g class=\"interval\">", out);
        line(out, "ci", x, y0, x, y1);
        line(out, "ci", x - 6, y0, x + 6, y0);
        line(out, "ci", x - 6, y1, x + 6, y1);
        line(out, "ci", x - 9, ym, x + 9, ym);
        fputs("<title>change ", out);
        text(out, b);
        fputs("</title></g>\n", out);
    }
    if (own) {
        double x = xn + colw * 0.32;
        double y0 = map(&y, c->ci_low_ns), y1 = map(&y, c->ci_high_ns);
        double ym = map(&y, c->samples_summary.mean);
        fputs("<g class=\"own-ci\">", out);
        line(out, "ci", x, y0, x, y1);
        line(out, "ci", x - 6, y0, x + 6, y0);
        line(out, "ci", x - 6, y1, x + 6, y1);
        line(out, "ci", x - 9, ym, x + 9, ym);
        fputs("<title>mean ", out);
        duration(out, c->samples_summary.mean);
        fputs(", 95% CI ", out);
        duration(out, c->ci_low_ns);
        fputs(" to ", out);
        duration(out, c->ci_high_ns);
        fputs("</title></g>\n", out);
    }
    if (isfinite(warn) && warn > hi) {
        fputs("<text class=\"note\" x=\"", out);
        num(out, ML + 6);
        fputs("\" y=\"", out);
        num(out, MT + 12);
        fputs("\">SLO warning level ", out);
        duration(out, warn);
        fputs(" lies above the plot</text>\n", out);
    }
    fputs("</svg>\n", out);
}

/* ---- Per case -------------------------------------------------------- */

static void metric_panel(FILE *out, const struct brun_case_result *c)
{
    const struct brun_case_comparison *k = c->comparison;
    int any = 0;
    char b[160];
    for (int m = 0; m < BRUN_METRIC_COUNT; m++)
        any |= c->metrics[m].measured;
    if (!any)
        return;
    fputs("<table class=\"metrics\"><caption>metrics</caption><thead><tr>"
          "<th>metric</th><th>new</th>",
          out);
    if (k)
        fputs("<th>baseline</th><th>change</th>", out);
    fputs("<th>source</th></tr></thead><tbody>\n", out);
    for (int m = 0; m < BRUN_METRIC_COUNT; m++) {
        const struct brun_metric *v = &c->metrics[m];
        if (!v->measured)
            continue;
        fprintf(out, "<tr><td>%s</td><td class=\"n\">",
                brun_metric_name((enum brun_metric_id)m));
        brun_wording_metric_value((enum brun_metric_id)m, v->value, b,
                                  sizeof b);
        text(out, b);
        fputs("</td>", out);
        if (k) {
            const struct brun_metric_change *ch = &k->metric_changes[m];
            fputs("<td class=\"n\">", out);
            if (ch->valid) {
                brun_wording_metric_value((enum brun_metric_id)m, ch->baseline,
                                          b, sizeof b);
                text(out, b);
            }
            fprintf(out, "</td><td class=\"n%s\">",
                    ch->valid && ch->lo > 1   ? " regressed"
                    : ch->valid && ch->hi < 1 ? " improved"
                                              : "");
            brun_wording_metric_change(ch, b, sizeof b);
            text(out, b);
            fputs("</td>", out);
        }
        fprintf(out, "<td>%s", brun_metric_source_name(v->source));
        if (v->source == BRUN_SOURCE_PERF_EVENT && v->running_share < 1) {
            brun_format_percent(v->running_share, b, sizeof b);
            fprintf(out, ", counted %s of the time", b);
        }
        fputs("</td></tr>\n", out);
    }
    fputs("</tbody></table>\n", out);
}

/* The case's user counters (benchrun_counter()), with their change. */
static void counter_panel(FILE *out, const struct brun_case_result *c)
{
    const struct brun_case_comparison *k = c->comparison;
    char b[160];
    if (c->counter_count == 0)
        return;
    fputs("<table class=\"metrics counters\"><caption>counters</caption>"
          "<thead><tr><th>counter</th><th>kind</th><th>new</th>",
          out);
    if (k)
        fputs("<th>change</th>", out);
    fputs("</tr></thead><tbody>\n", out);
    for (size_t i = 0; i < c->counter_count; i++) {
        const struct brun_user_counter *u = &c->counters[i];
        fputs("<tr><td>", out);
        text(out, u->name);
        fprintf(out, "</td><td>%s</td><td class=\"n\">",
                brun_counter_kind_name(u->kind));
        brun_counter_format_value(u, b, sizeof b);
        text(out, b);
        fputs("</td>", out);
        if (k) {
            const struct brun_counter_change *ch =
                i < k->counter_change_count ? &k->counter_changes[i] : NULL;
            fprintf(out, "<td class=\"n%s\">",
                    ch && ch->valid && ch->label == BRUN_LABEL_REGRESSED
                        ? " regressed"
                    : ch && ch->valid && ch->label == BRUN_LABEL_IMPROVED
                        ? " improved"
                        : "");
            if (ch) {
                brun_counter_format_change(ch, b, sizeof b);
                text(out, b);
            }
            fputs("</td>", out);
        }
        fputs("</tr>\n", out);
    }
    fputs("</tbody></table>\n", out);
}

static void explanation(FILE *out, const struct brun_case_result *c)
{
    const struct brun_case_comparison *k = c->comparison;
    char b[256];
    if (!k || !k->explanation.attempted)
        return;
    const struct brun_explanation *e = &k->explanation;
    if (e->function_count == 0) {
        brun_wording_explanation_note(e, b, sizeof b);
        fputs("<p class=\"note\">", out);
        text(out, b);
        fputs("</p>\n", out);
        return;
    }
    brun_wording_explanation_source(e, b, sizeof b);
    fputs("<table class=\"explanation\"><caption>why it got slower (", out);
    text(out, b);
    fputs(")</caption><thead><tr><th>function</th><th>self before</th>"
          "<th>self after</th><th>growth</th></tr></thead><tbody>\n",
          out);
    for (size_t i = 0; i < e->function_count; i++) {
        const struct brun_function_change *f = &e->functions[i];
        fputs("<tr><td class=\"name\">", out);
        text(out, f->name);
        fputs("</td><td class=\"n\">", out);
        brun_wording_explanation_value(e, f->self_before, b, sizeof b);
        text(out, b);
        fputs("</td><td class=\"n\">", out);
        brun_wording_explanation_value(e, f->self_after, b, sizeof b);
        text(out, b);
        fputs("</td><td class=\"n\">", out);
        brun_wording_explanation_delta(e, f->self_before, f->self_after, b,
                                       sizeof b);
        text(out, b);
        fputs("</td></tr>\n", out);
    }
    fputs("</tbody></table>\n", out);
    if (e->flamegraph) {
        fprintf(out, "<p>%s: <code>", brun_wording_flamegraph);
        text(out, e->flamegraph);
        fputs("</code></p>\n", out);
    }
}

static void case_section(FILE *out, const struct brun_results *r, size_t i)
{
    const struct brun_case_result *c = &r->cases[i];
    const struct brun_case_comparison *k = c->comparison;
    char b[512];

    fprintf(out, "<section class=\"case\" id=\"case-%zu\"><h3>", i);
    text(out, c->name);
    fputs("</h3>\n<p>", out);
    if (r->target_count > 1) {
        fputs("target <code>", out);
        text(out, target_path(r, c->target));
        fputs("</code> &middot; ", out);
    }
    if (c->status != BRUN_STATUS_OK) {
        fprintf(out,
                "<span class=\"failed\">%s: ", brun_status_name(c->status));
        text(out, brun_wording_reason(c));
        fputs("</span>", out);
    } else {
        fputs("mean ", out);
        duration(out, c->samples_summary.mean);
        fputs(" over ", out);
        fprintf(out, "%zu rounds", c->round_count);
        if (c->threads > 1) {
            /* A team: the time above is each thread's per iteration. */
            fprintf(out, " &middot; %u threads, CPU ", c->threads);
            duration(out, brun_case_cpu_ns(c));
            brun_format_item_rate(
                brun_case_per_second(c, 1, c->samples_summary.mean), b,
                sizeof b);
            fputs(" per iteration of each, ", out);
            text(out, b);
            fputs(" iterations together", out);
        }
        if (k) {
            brun_wording_verdict(k, b, sizeof b);
            fprintf(out, " &middot; <span class=\"%s\">", label_class(k));
            text(out, b);
            fputs("</span>", out);
            brun_wording_change(k, b, sizeof b);
            if (b[0]) {
                fputs(" &middot; change ", out);
                text(out, b);
            }
            if (k->presence == BRUN_PRESENT_BOTH &&
                k->baseline_round_count == 0)
                fputs(" &middot; baseline drawn as its geometric mean (its "
                      "rounds are not in this run)",
                      out);
        }
        if (c->slo.status != BRUN_SLO_NONE) {
            brun_wording_slo(&c->slo, b, sizeof b);
            fprintf(out, " &middot; <span class=\"%s\">",
                    brun_slo_status_name(c->slo.status));
            text(out, b);
            fputs("</span>", out);
        }
        brun_wording_contention(c, b, sizeof b);
        if (b[0]) {
            fputs(" &middot; ", out);
            text(out, b);
        }
    }
    fputs("</p>\n<div class=\"panels\">\n", out);
    strip_plot(out, r, c);
    metric_panel(out, c);
    counter_panel(out, c);
    fputs("</div>\n", out);
    explanation(out, c);
    if (c->output && c->status != BRUN_STATUS_OK) {
        fputs("<details><summary>output</summary><pre>", out);
        /* Line breaks kept: a <pre> shows them as they were. */
        for (const char *p = c->output; *p;) {
            const char *nl = strchr(p, '\n');
            size_t n = nl ? (size_t)(nl - p) : strlen(p);
            char *part = malloc(n + 1);
            if (!part)
                break;
            memcpy(part, p, n);
            part[n] = '\0';
            text(out, part);
            free(part);
            if (!nl)
                break;
            fputs("\n", out);
            p = nl + 1;
        }
        fputs("</pre></details>\n", out);
    }
    fputs("</section>\n", out);
}

/* ---- Scaling ------------------------------------------------------------ */

#define SW 620.0
#define SH 340.0

static void scaling_plot(FILE *out, const struct brun_results *r,
                         const struct brun_scaling *s)
{
    char b[256];
    double xlo = INFINITY, xhi = -INFINITY, ylo = INFINITY, yhi = -INFINITY;
    const char *unit = s->arg_name && s->arg_name[0] ? s->arg_name : "items";

    for (size_t j = 0; j < s->case_count; j++) {
        if (s->cases[j] >= r->case_count)
            continue;
        const struct brun_case_result *c = &r->cases[s->cases[j]];
        widen(&xlo, &xhi, s->n[j]);
        for (size_t q = 0; q < c->round_count; q++)
            widen(&ylo, &yhi, c->rounds[q].estimate_ns);
    }
    fputs("<section class=\"scaling\"><h3>", out);
    text(out, s->family);
    fputs("</h3>\n<p>", out);
    if (s->best.valid) {
        fprintf(out, "best fit %s (%s): ", brun_complexity_name(s->best.shape),
                brun_complexity_word(s->best.shape));
        duration(out, s->best.intercept_ns);
        fputs(" + ", out);
        duration(out, s->best.per_item_ns);
        fprintf(out, " &times; f(N), R&sup2; ");
        brun_format_fixed(s->best.r2, 3, b, sizeof b);
        text(out, b);
        fprintf(out, ", %zu points", s->best.points);
    } else {
        fputs("no fit", out);
    }
    if (s->compared) {
        brun_format_change(s->ratio, b, sizeof b);
        fputs(" &middot; per-item cost ", out);
        text(out, b);
        char lo[48], hi[48];
        brun_format_change(s->ratio_lo, lo, sizeof lo);
        brun_format_change(s->ratio_hi, hi, sizeof hi);
        fputs(" (", out);
        text(out, lo);
        fputs(" to ", out);
        text(out, hi);
        fputs(") against the baseline", out);
        if (s->shape_changed)
            fprintf(out, ", whose best fit was %s",
                    brun_complexity_name(s->baseline_best.shape));
        if (s->fails)
            fputs(" &middot; <span class=\"regressed\">FAILS</span>", out);
    }
    fputs("</p>\n", out);
    if (!(xlo <= xhi) || !(ylo <= yhi)) {
        fputs("</section>\n", out);
        return;
    }
    int logx = xlo > 0 && xhi / xlo >= 20;
    double fitlo = INFINITY, fithi = -INFINITY;
    if (s->best.valid)
        for (int q = 0; q <= 60; q++) {
            double n = logx ? xlo * pow(xhi / xlo, q / 60.0)
                            : xlo + (xhi - xlo) * q / 60.0;
            double v =
                s->best.intercept_ns +
                s->best.per_item_ns * brun_complexity_f(s->best.shape, n);
            if (isfinite(v)) {
                fitlo = fmin(fitlo, v);
                fithi = fmax(fithi, v);
            }
        }
    if (fitlo <= fithi) {
        ylo = fmin(ylo, fitlo);
        yhi = fmax(yhi, fithi);
    }
    pad(&ylo, &yhi);
    if (ylo < 0)
        ylo = 0;
    struct scale y = {ylo, yhi, SH - MB - 10, MT, 0};
    double xa = xlo, xb = xhi;
    if (!logx)
        pad(&xa, &xb);
    struct scale x = {xa, xb, ML, SW - MR, logx};
    snprintf(b, sizeof b, "time per iteration against %s", unit);
    svg_open(out, "scaling", "data-family", s->family, SW, SH, b);
    y_axis(out, &y, ML, SW - MR);
    line(out, "axis", ML, MT, ML, SH - MB - 10);
    line(out, "axis", ML, SH - MB - 10, SW - MR, SH - MB - 10);
    fputs("\n", out);
    for (size_t j = 0; j < s->case_count; j++) {
        double px = map(&x, s->n[j]);
        fputs("<text x=\"", out);
        num(out, px);
        fputs("\" y=\"", out);
        num(out, SH - MB + 6);
        fputs("\" text-anchor=\"middle\">", out);
        brun_format_fixed(s->n[j], 0, b, sizeof b);
        text(out, b);
        fputs("</text>", out);
    }
    fputs("\n<text x=\"", out);
    num(out, (ML + SW - MR) / 2);
    fputs("\" y=\"", out);
    num(out, SH - 8);
    fputs("\" text-anchor=\"middle\">N (", out);
    text(out, unit);
    fputs(logx ? "), log scale</text>\n" : ")</text>\n", out);
    fputs("<text x=\"14\" y=\"", out);
    num(out, (MT + SH - MB) / 2);
    fputs("\" text-anchor=\"middle\" transform=\"rotate(-90 14 ", out);
    num(out, (MT + SH - MB) / 2);
    fputs(")\">time per iteration</text>\n", out);
    if (fitlo <= fithi) {
        fputs("<polyline class=\"fit\" points=\"", out);
        for (int q = 0; q <= 60; q++) {
            double n = logx ? xlo * pow(xhi / xlo, q / 60.0)
                            : xlo + (xhi - xlo) * q / 60.0;
            double v =
                s->best.intercept_ns +
                s->best.per_item_ns * brun_complexity_f(s->best.shape, n);
            num(out, map(&x, n));
            fputs(",", out);
            num(out, map(&y, v));
            fputs(q < 60 ? " " : "", out);
        }
        fprintf(out, "\"><title>%s fit</title></polyline>\n",
                brun_complexity_name(s->best.shape));
    }
    for (size_t j = 0; j < s->case_count; j++) {
        if (s->cases[j] >= r->case_count)
            continue;
        const struct brun_case_result *c = &r->cases[s->cases[j]];
        for (size_t q = 0; q < c->round_count; q++) {
            if (!isfinite(c->rounds[q].estimate_ns))
                continue;
            fputs("<circle class=\"pt\" r=\"3\" cx=\"", out);
            num(out, map(&x, s->n[j]) + jitter(q) * 4);
            fputs("\" cy=\"", out);
            num(out, map(&y, c->rounds[q].estimate_ns));
            fputs("\"><title>", out);
            brun_format_fixed(s->n[j], 0, b, sizeof b);
            fputs("N = ", out);
            text(out, b);
            fputs(": ", out);
            duration(out, c->rounds[q].estimate_ns);
            fputs("</title></circle>", out);
        }
        fputs("\n", out);
    }
    fputs("</svg>\n</section>\n", out);
}

/* ---- Environment and method --------------------------------------------- */

static void item(FILE *out, const char *label, const char *value)
{
    fprintf(out, "<li><b>%s</b> ", label);
    text(out, value);
    fputs("</li>\n", out);
}

static void environment(FILE *out, const struct brun_results *r)
{
    const struct brun_context *c = &r->context;
    char a[512], b[48], d[48];

    fputs("<h2 id=\"environment\">Environment</h2>\n<ul>\n", out);
    snprintf(a, sizeof a, "%s, %s, seed %llu",
             c->benchrun_version ? c->benchrun_version : "?", c->date,
             (unsigned long long)c->seed);
    item(out, "benchrun", a);
    snprintf(a, sizeof a, "%s, %d %s, %s%s%s",
             c->host.cpu_model[0] ? c->host.cpu_model : "unknown CPU",
             c->host.cpus, c->host.cpus == 1 ? "core" : "cores", c->host.kernel,
             c->host.machine[0] ? " " : "", c->host.machine);
    item(out, "host", a);
    brun_format_fixed(c->host.load_average, 2, b, sizeof b);
    snprintf(a, sizeof a, "load %s%s%s", b,
             c->host.governor[0] ? ", governor " : "", c->host.governor);
    item(out, "load", a);
    brun_format_duration(c->clock.resolution_ns, b, sizeof b);
    brun_format_duration(c->clock.read_cost_ns, d, sizeof d);
    {
        char ghz[48], line_[256];
        brun_format_fixed(c->clock.ticks_per_second / 1e9, 5, ghz, sizeof ghz);
        snprintf(line_, sizeof line_,
                 "%s at %s GHz%s, resolution %s, read cost %s",
                 brun_clock_name(c->clock.kind), ghz,
                 c->clock.kind == BRUN_CLOCK_TSC
                     ? (c->clock.invariant ? " (invariant TSC)" : " (TSC)")
                     : "",
                 b, d);
        item(out, "clock", line_);
    }
    if (c->settings.iterations)
        brun_format_count(c->settings.iterations, b, sizeof b);
    else
        brun_format_duration(c->settings.sample_ms * 1e6, b, sizeof b);
    snprintf(a, sizeof a, "up to %u rounds of %u samples of %s%s",
             c->settings.rounds, c->settings.samples, b,
             c->settings.iterations ? " iterations" : "");
    item(out, "plan", a);
    if (c->command_line)
        item(out, "command", c->command_line);
    for (size_t t = 0; t < r->target_count; t++)
        item(out, "target", r->targets[t].path);
    if (r->comparison) {
        const struct brun_comparison_summary *s = r->comparison;
        fprintf(out, "<li><b>compared with</b> ");
        text(out, s->against);
        if (s->baseline_saved) {
            fputs(", saved ", out);
            text(out, s->baseline_saved);
        }
        if (s->baseline_commit && s->baseline_commit[0]) {
            fputs(" at commit ", out);
            text(out, s->baseline_commit);
        }
        fputs(s->mode == BRUN_COMPARE_PAIRED
                  ? "; interleaved: both builds run now, round by round"
                  : "; against its saved numbers",
              out);
        fputs("</li>\n", out);
        for (size_t i = 0; i < s->fingerprint_diff_count; i++)
            item(out, "differs from the baseline:", s->fingerprint_diffs[i]);
    }
    if (c->metrics_availability)
        item(out, brun_wording_metrics_heading, c->metrics_availability);
    for (size_t i = 0; i < c->warning_count; i++)
        item(out, "warning:", c->warnings[i]);
    fputs("</ul>\n", out);
}

static void method(FILE *out, const struct brun_results *r)
{
    const struct brun_comparison_summary *s = r->comparison;
    char a[32], b[32];

    fputs("<h2 id=\"method\">Method</h2>\n<p>Each case ran in rounds, each "
          "round a separate worker process, with timed samples after a "
          "warm-up; a round's estimate is the 20&nbsp;% trimmed mean of its "
          "samples' time per iteration, and each dot of a case's plot is one "
          "round's estimate (spread sideways only to keep dots apart); "
          "without a baseline the bar beside them is the mean with its "
          "95&nbsp;% interval. "
          "<i>mean</i> and <i>median</i> are over the samples of all "
          "rounds; <i>&plusmn;95% CI</i> is the half width of the "
          "Student-t interval of the mean across rounds, relative to the "
          "mean.",
          out);
    if (s) {
        brun_format_fixed(s->fdr, 2, a, sizeof a);
        fputs(" <i>baseline</i> is the geometric mean of the baseline's round "
              "estimates (the dashed line) and <i>change</i> the ratio new / "
              "baseline, with the interval the verdict reads (the black bar "
              "beside the new dots: the baseline times its bounds), ",
              out);
        fputs(s->mode == BRUN_COMPARE_PAIRED
                  ? "paired round by round, both builds interleaved"
                  : "between the new rounds and the baseline's saved ones, "
                    "with an allowance for between-session noise",
              out);
        fprintf(out,
                ", at the level Benjamini&ndash;Hochberg at q = %s over "
                "all compared cases leaves. ",
                a);
        if (s->fail_above > 0) {
            brun_format_percent(s->fail_above, a, sizeof a);
            brun_format_fixed(s->gate_alpha, 2, b, sizeof b);
            fprintf(out,
                    "A case FAILS the gate when it regressed, its change is "
                    "at least %s and Holm at &alpha; = %s still rejects.",
                    a, b);
        } else {
            fputs("No gate was set (--fail-above), so no case fails.", out);
        }
    }
    if (r->slo) {
        brun_format_percent(r->slo->warning_fraction, a, sizeof a);
        brun_format_percent(r->slo->critical_fraction, b, sizeof b);
        fprintf(out,
                " An SLO is an absolute budget for the mean time per "
                "iteration: the yellow band starts at %s of it (warning), "
                "the red one at %s (critical), which %s.",
                a, b,
                r->slo->warning_only ? "is only a warning in this run"
                                     : "fails the run");
    }
    if (r->scaling_count > 0)
        fputs(" A family's plot shows every round of every instance against "
              "N and the best of the fitted shapes a + b&nbsp;f(N).",
              out);
    fputs("</p>\n", out);
}

/* Sorts a table.sortable on a header's click (again: the other way), or
 * on load from "#sort=N" / "#sort=-N"; the table's data-sorted then says
 * how ("7 descending").  Numeric columns sort by data-v as numbers, empty
 * last; ties keep name order (data-i). */
static const char script[] =
    "(function(){'use strict';\n"
    "function sortBy(t,i,dir){var b=t.tBodies[0],h=t.tHead.rows[0].cells,"
    "num=h[i].getAttribute('data-type')==='num',"
    "rows=Array.prototype.slice.call(b.rows);\n"
    "rows.sort(function(x,y){var a=x.cells[i].getAttribute('data-v'),"
    "c=y.cells[i].getAttribute('data-v'),d=0;\n"
    "if(num){var p=a===''?NaN:parseFloat(a),q=c===''?NaN:parseFloat(c);"
    "if(isNaN(p)&&isNaN(q))d=0;else if(isNaN(p))d=1;else if(isNaN(q))d=-1;"
    "else d=(p-q)*dir;}\n"
    "else d=(a<c?-1:a>c?1:0)*dir;\n"
    "return d||(x.getAttribute('data-i')-y.getAttribute('data-i'));});\n"
    "rows.forEach(function(r){b.appendChild(r);});\n"
    "for(var j=0;j<h.length;j++)h[j].removeAttribute('aria-sort');\n"
    "h[i].setAttribute('aria-sort',dir>0?'ascending':'descending');\n"
    "t.setAttribute('data-sorted',i+(dir>0?' ascending':' descending'));}\n"
    "var ts=document.querySelectorAll('table.sortable');\n"
    "Array.prototype.forEach.call(ts,function(t){"
    "Array.prototype.forEach.call(t.tHead.rows[0].cells,function(th,i){"
    "th.tabIndex=0;function go(){sortBy(t,i,th.getAttribute('aria-sort')"
    "==='ascending'?-1:1);}\n"
    "th.addEventListener('click',go);th.addEventListener('keydown',"
    "function(e){if(e.key==='Enter')go();});});});\n"
    "var m=/^#sort=(-?)(\\d+)$/.exec(location.hash);\n"
    "if(m&&ts.length){var t=ts[0],i=parseInt(m[2],10);"
    "if(i<t.tHead.rows[0].cells.length)sortBy(t,i,m[1]?-1:1);}\n"
    "})();\n";

void brun_html_write_results(FILE *out, const struct brun_results *r)
{
    char b[512];
    size_t *order =
        r->case_count ? malloc(r->case_count * sizeof *order) : NULL;
    if (order) {
        for (size_t i = 0; i < r->case_count; i++)
            order[i] = i;
        sort_results = r;
        qsort(order, r->case_count, sizeof *order, by_name);
        sort_results = NULL;
    }

    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
          "<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width\">\n"
          "<meta name=\"generator\" content=\"benchrun ",
          out);
    attr(out, r->context.benchrun_version);
    fputs("\">\n<title>Benchmarks ", out);
    text(out, r->context.date);
    fprintf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n", style);
    fputs("<h1>Benchmarks</h1>\n<p class=\"status\">", out);
    struct brun_tally n;
    brun_results_tally(r, &n);
    fprintf(out, "%zu %s", n.cases, n.cases == 1 ? "case" : "cases");
    if (n.failed) {
        brun_wording_failed(n.failed, b, sizeof b);
        fputs(" &middot; <span class=\"failed\">", out);
        text(out, b);
        fputs("</span>", out);
    }
    if (r->comparison) {
        brun_wording_compared(r, b, sizeof b);
        fputs(" &middot; ", out);
        text(out, b);
        if (n.failing) {
            brun_wording_failing(n.failing, r->comparison->fail_above, b,
                                 sizeof b);
            fputs(" &middot; <span class=\"regressed\">", out);
            text(out, b);
            fputs("</span>", out);
        }
    }
    if (n.slo_warning || n.slo_critical)
        fprintf(out, " &middot; %zu %s, %zu %s", n.slo_critical,
                brun_wording_slo_count(BRUN_SLO_CRITICAL, n.slo_critical),
                n.slo_warning,
                brun_wording_slo_count(BRUN_SLO_WARNING, n.slo_warning));
    if (!order && r->case_count)
        fputs(" &middot; (out of memory: no table)", out);
    fputs("</p>\n", out);

    summary_table(out, r, order);
    fputs("<h2 id=\"cases\">Cases</h2>\n", out);
    for (size_t j = 0; j < r->case_count; j++)
        case_section(out, r, order ? order[j] : j);
    if (r->scaling_count > 0) {
        fputs("<h2 id=\"scaling\">Scaling</h2>\n", out);
        for (size_t j = 0; j < r->scaling_count; j++)
            scaling_plot(out, r, &r->scalings[j]);
    }
    environment(out, r);
    method(out, r);
    fprintf(out, "<script>\n%s</script>\n</body>\n</html>\n", script);
    free(order);
}
