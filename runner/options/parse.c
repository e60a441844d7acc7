/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * parse.c: strict option-value parsers (see parse.h).  strtoull/strtod
 * with end-pointer and errno checks; never atoi.
 */
#include "config.h"

#include "runner/options/parse.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int brun_parse_uint(const char *text, unsigned long long min,
                    unsigned long long max, unsigned long long *out, char *why,
                    size_t why_size)
{
    char *end;
    errno = 0;
    if (!text || !isdigit((unsigned char)text[0]))
        goto bad;
    unsigned long long v = strtoull(text, &end, 10);
    if (errno != 0 || *end != '\0' || v < min || v > max)
        goto bad;
    *out = v;
    return 0;
bad:
    snprintf(why, why_size,
             "expected a whole number from %llu to %llu, got \"%s\"", min, max,
             text ? text : "");
    return -1;
}

int brun_parse_duration(const char *text, double *seconds, char *why,
                        size_t why_size)
{
    static const struct {
        const char *suffix;
        double scale;
    } units[] = {{"ns", 1e-9}, {"us", 1e-6}, {"ms", 1e-3},
                 {"s", 1.0},   {"m", 60.0},  {"", 1.0}};
    char *end;
    errno = 0;
    if (!text || !(isdigit((unsigned char)text[0]) || text[0] == '.'))
        goto bad;
    double v = strtod(text, &end);
    if (errno != 0 || end == text || !isfinite(v) || v < 0)
        goto bad;
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        if (strcmp(end, units[i].suffix) == 0) {
            *seconds = v * units[i].scale;
            return 0;
        }
    }
bad:
    snprintf(
        why, why_size,
        "expected a duration such as 30ms, 2s or 1.5 (seconds), got \"%s\"",
        text ? text : "");
    return -1;
}
