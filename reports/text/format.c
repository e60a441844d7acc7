/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * format.c: unit scaling and number formatting (see format.h).
 */
#include "config.h"

#include "reports/text/format.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

void brun_format_fixed(double v, int decimals, char *out, size_t size)
{
    snprintf(out, size, "%.*f", decimals, v);
    /* A host program may have set LC_NUMERIC: put the '.' back. */
    const char *point = localeconv()->decimal_point;
    if (point && strcmp(point, ".") != 0 && strlen(point) == 1) {
        char *p = strchr(out, point[0]);
        if (p)
            *p = '.';
    }
}

/* Four significant digits of v followed by a space and unit. */
static void with_unit(double v, const char *unit, char *out, size_t size)
{
    char number[48];
    int decimals = v >= 100 ? 1 : v >= 10 ? 2 : 3;
    brun_format_fixed(v, decimals, number, sizeof number);
    snprintf(out, size, "%s %s", number, unit);
}

void brun_format_duration(double ns, char *out, size_t size)
{
    static const struct {
        double scale;
        const char *unit;
    } units[] = {
        {1e3, "ps"}, {1.0, "ns"}, {1e-3, "µs"}, {1e-6, "ms"}, {1e-9, "s"}};
    const size_t count = sizeof units / sizeof units[0];
    if (!isfinite(ns)) {
        snprintf(out, size, "-");
        return;
    }
    for (size_t i = 0; i < count; i++) {
        /* 999.95 and up would print as 1000.0: take the next unit. */
        if (fabs(ns) * units[i].scale < 999.95 || i + 1 == count) {
            with_unit(ns * units[i].scale, units[i].unit, out, size);
            return;
        }
    }
}

static void scaled_rate(double v, const char *const *prefixes, double step,
                        const char *suffix, char *out, size_t size)
{
    char unit[32];
    size_t i = 0;
    if (!isfinite(v)) {
        snprintf(out, size, "-");
        return;
    }
    while (fabs(v) >= step * 0.99995 && prefixes[i + 1]) {
        v /= step;
        i++;
    }
    snprintf(unit, sizeof unit, "%s%s", prefixes[i], suffix);
    with_unit(v, unit, out, size);
}

void brun_format_byte_rate(double bytes_per_second, char *out, size_t size)
{
    static const char *const prefixes[] = {"B",   "KiB", "MiB", "GiB",
                                           "TiB", "PiB", NULL};
    scaled_rate(bytes_per_second, prefixes, 1024.0, "/s", out, size);
}

void brun_format_item_rate(double items_per_second, char *out, size_t size)
{
    static const char *const prefixes[] = {"", "k", "M", "G", "T", "P", NULL};
    char tmp[48];
    scaled_rate(items_per_second, prefixes, 1000.0, "/s", tmp, sizeof tmp);
    snprintf(out, size, "%s", tmp);
}

void brun_format_count(uint64_t n, char *out, size_t size)
{
    char digits[32];
    char grouped[48];
    int len = snprintf(digits, sizeof digits, "%llu", (unsigned long long)n);
    size_t k = 0;
    for (int i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            grouped[k++] = ',';
        grouped[k++] = digits[i];
    }
    grouped[k] = '\0';
    snprintf(out, size, "%s", grouped);
}

size_t brun_display_width(const char *s)
{
    size_t width = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p & 0xC0) != 0x80)
            width++;
    return width;
}

/* "+3.10%" for a ratio of 1.031. */
void brun_format_change(double ratio, char *out, size_t size)
{
    char number[32];
    double pct = (ratio - 1) * 100;
    if (!isfinite(pct)) {
        snprintf(out, size, "-");
        return;
    }
    brun_format_fixed(fabs(pct), fabs(pct) >= 100 ? 0 : 2, number,
                      sizeof number);
    snprintf(out, size, "%s%s%%", pct < 0 ? "-" : "+", number);
}

void brun_format_percent(double fraction, char *out, size_t size)
{
    char number[32];
    double pct = fraction * 100;
    /* As few decimals as the value needs, at most two: 10%, 2.5%, 0.25%. */
    int decimals = fabs(pct - round(pct)) < 1e-9             ? 0
                   : fabs(pct * 10 - round(pct * 10)) < 1e-9 ? 1
                                                             : 2;
    brun_format_fixed(pct, decimals, number, sizeof number);
    snprintf(out, size, "%s%%", number);
}
