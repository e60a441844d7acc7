/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * slo.c: SLO statuses (see slo.h).
 *
 * The statistic is the case's mean time per iteration, the same number
 * the table's "mean" column shows, so a reader can check the status by
 * eye: warning at slo_warning of the budget (50 % by default, as
 * performance SLOs are usually written), critical at slo_critical (100 %).
 * Failed and skipped cases have no time and get no status.
 */
#include "config.h"

#include "runner/compare/slo.h"

#include <fnmatch.h>
#include <stdlib.h>

static const struct brun_slo_rule *rule_for(const struct brun_options *o,
                                            const char *name)
{
    for (size_t i = 0; i < o->slo_count; i++)
        if (fnmatch(o->slos[i].pattern, name, 0) == 0)
            return &o->slos[i];
    return NULL;
}

long brun_slo_judge(struct brun_results *r, const struct brun_options *o)
{
    if (o->slo_count == 0)
        return 0;
    r->slo = calloc(1, sizeof *r->slo);
    if (!r->slo)
        return -1;
    r->slo->warning_fraction = o->slo_warning;
    r->slo->critical_fraction = o->slo_critical;
    r->slo->warning_only = o->slo_warning_only;
    for (size_t i = 0; i < r->case_count; i++) {
        struct brun_case_result *c = &r->cases[i];
        const struct brun_slo_rule *rule = rule_for(o, c->name);
        if (!rule || c->status != BRUN_STATUS_OK || c->samples_summary.n == 0)
            continue;
        c->slo.pattern = rule->pattern;
        c->slo.budget_ns = rule->budget_ns;
        c->slo.used = c->samples_summary.mean / rule->budget_ns;
        if (c->slo.used >= o->slo_critical) {
            c->slo.status = BRUN_SLO_CRITICAL;
            r->slo->critical++;
        } else if (c->slo.used >= o->slo_warning) {
            c->slo.status = BRUN_SLO_WARNING;
            r->slo->warning++;
        } else {
            c->slo.status = BRUN_SLO_OK;
            r->slo->ok++;
        }
    }
    return o->slo_warning_only ? 0 : (long)r->slo->critical;
}
