/* SPDX-License-Identifier: GPL-3.0-or-later */
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

#include <stdio.h>

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
    } else {
        snprintf(out, size, "%s", brun_label_name(k->stats.label));
    }
}

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
    brun_format_percent(k->stats.level, level, sizeof level);
    snprintf(out, size, "%s (%s CI %s to %s)", change, level, lo, hi);
}

void brun_wording_gate_failure(const struct brun_case_comparison *k,
                               char *out, size_t size)
{
    char change[160], gate[32];
    brun_wording_change(k, change, sizeof change);
    brun_format_percent(k->fail_above, gate, sizeof gate);
    snprintf(out, size, "%s, above the %s threshold", change, gate);
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
    snprintf(out, size, "SLO %s: %s", brun_slo_status_name(slo->status),
             share);
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
