/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * export_fields.c: the fields the export writers share (see
 * export_fields.h).
 *
 * Pure functions of the results model; no writer's format and no words
 * (those are reports/model/wording.c's).
 */
#include "config.h"

#include "reports/export/export_fields.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reports/text/format.h"

char *brun_export_case_name(const struct brun_results *r, size_t i)
{
    const struct brun_case_result *c = &r->cases[i];
    const char *name = c->name ? c->name : "";
    int shared = 0;
    for (size_t k = 0; k < r->case_count && !shared; k++)
        shared = k != i && r->cases[k].target != c->target &&
                 r->cases[k].name && strcmp(r->cases[k].name, name) == 0;
    const char *path = "";
    if (shared && c->target < r->target_count && r->targets[c->target].path)
        path = r->targets[c->target].path;
    size_t size = strlen(name) + strlen(path) + 4;
    char *out = malloc(size);
    if (!out)
        return NULL;
    if (shared)
        snprintf(out, size, "%s [%s]", name, path);
    else
        snprintf(out, size, "%s", name);
    return out;
}

void brun_export_significant(double v, int digits, char *out, size_t size)
{
    if (!isfinite(v)) {
        snprintf(out, size, "-");
        return;
    }
    if (v == 0) {
        snprintf(out, size, "0");
        return;
    }
    int magnitude = (int)floor(log10(fabs(v)));
    int decimals = digits - 1 - magnitude;
    if (decimals < 0)
        decimals = 0;
    if (decimals > 17)
        decimals = 17;
    /* 9.9996 at 4 digits rounds up to 10.000: one decimal fewer. */
    double scale = pow(10.0, decimals);
    if (decimals > 0 &&
        fabs(round(v * scale) / scale) >= pow(10.0, magnitude + 1))
        decimals--;
    brun_format_fixed(v, decimals, out, size);
}

int brun_export_has_ci(const struct brun_case_result *c)
{
    return c->round_count >= 2 && isfinite(c->ci_low_ns) &&
           isfinite(c->ci_high_ns) && c->ci_high_ns >= c->ci_low_ns;
}
