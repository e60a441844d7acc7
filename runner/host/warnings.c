/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * warnings.c: environment checks (see warnings.h).  They warn, never
 * refuse: a developer may well want numbers from a loaded laptop.
 */
#include "config.h"

#include "runner/host/warnings.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void brun_warn(struct brun_context *c, const char *fmt, ...)
{
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    char **grown = realloc(c->warnings, (c->warning_count + 1) * sizeof *grown);
    if (!grown)
        return;
    c->warnings = grown;
    c->warnings[c->warning_count] = strdup(line);
    if (c->warnings[c->warning_count])
        c->warning_count++;
}

void brun_check_environment(struct brun_context *c, const char *const *paths,
                            const struct brun_case_list *lists, size_t count)
{
    if (c->host.load_average > 0.5 * c->host.cpus)
        brun_warn(c,
                  "the system is busy (load average %.2f on %d CPUs): "
                  "expect noisy timings",
                  c->host.load_average, c->host.cpus);
    if (c->host.governor[0] && strcmp(c->host.governor, "performance") != 0)
        brun_warn(c,
                  "CPU frequency governor is \"%s\", not \"performance\": "
                  "the clock speed may change during the run",
                  c->host.governor);
    for (size_t t = 0; t < count; t++) {
        size_t unoptimized = 0;
        const char *example = NULL;
        for (size_t i = 0; i < lists[t].count; i++)
            if (!lists[t].cases[i].optimized) {
                unoptimized++;
                if (!example)
                    example = lists[t].cases[i].file;
            }
        if (unoptimized > 0)
            brun_warn(c,
                      "%s: %zu case%s compiled without optimisation "
                      "(e.g. %s): build with -O2 for representative "
                      "timings",
                      paths[t], unoptimized, unoptimized == 1 ? "" : "s",
                      example);
    }
}
