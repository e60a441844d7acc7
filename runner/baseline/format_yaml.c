/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * format_yaml.c: the scalar conventions of baseline files (see
 * format.h): which plain scalars YAML readers take for nulls,
 * booleans and numbers, when a string must be quoted, UTF-8 validity, and
 * numbers written and read in the C locale.  It knows nothing of the
 * file's keys; the writer and the reader do.
 */
#include "config.h"

#include "runner/baseline/format.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static int one_of(const char *s, const char *const words[], size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(s, words[i]) == 0)
            return 1;
    return 0;
}

/* [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)? ; sets *is_int
 * when there is neither a point nor an exponent. */
static int is_decimal(const char *s, int *is_int)
{
    const char *p = s;
    int digits = 0, point = 0, exponent = 0;
    if (*p == '+' || *p == '-')
        p++;
    while (isdigit((unsigned char)*p)) {
        p++;
        digits++;
    }
    if (*p == '.') {
        point = 1;
        p++;
        while (isdigit((unsigned char)*p)) {
            p++;
            digits++;
        }
    }
    if (digits == 0)
        return 0;
    if (*p == 'e' || *p == 'E') {
        exponent = 1;
        p++;
        if (*p == '+' || *p == '-')
            p++;
        if (!isdigit((unsigned char)*p))
            return 0;
        while (isdigit((unsigned char)*p))
            p++;
    }
    *is_int = !point && !exponent;
    return *p == '\0';
}

static int all_in(const char *s, const char *set)
{
    return *s != '\0' && s[strspn(s, set)] == '\0';
}

enum brun_yaml_plain brun_yaml_plain_kind(const char *s)
{
    static const char *const nulls[] = {"", "~", "null", "Null", "NULL"};
    static const char *const bools[] = {
        "true", "True", "TRUE", "false", "False", "FALSE", "yes", "Yes",
        "YES",  "no",   "No",   "NO",    "on",    "On",    "ON",  "off",
        "Off",  "OFF",  "y",    "Y",     "n",     "N"};
    static const char *const specials[] = {".inf",  ".Inf",  ".INF",  "+.inf",
                                           "+.Inf", "+.INF", "-.inf", "-.Inf",
                                           "-.INF", ".nan",  ".NaN",  ".NAN"};
    int is_int;

    if (one_of(s, nulls, sizeof nulls / sizeof nulls[0]))
        return BRUN_YAML_NULL;
    if (one_of(s, bools, sizeof bools / sizeof bools[0]))
        return BRUN_YAML_BOOL;
    if (one_of(s, specials, sizeof specials / sizeof specials[0]))
        return BRUN_YAML_FLOAT;
    if ((strncmp(s, "0x", 2) == 0 && all_in(s + 2, "0123456789abcdefABCDEF")) ||
        (strncmp(s, "0o", 2) == 0 && all_in(s + 2, "01234567")))
        return BRUN_YAML_INT;
    if (is_decimal(s, &is_int))
        return is_int ? BRUN_YAML_INT : BRUN_YAML_FLOAT;
    return BRUN_YAML_STR;
}

int brun_yaml_needs_quotes(const char *s)
{
    if (brun_yaml_plain_kind(s) != BRUN_YAML_STR)
        return 1;
    /* YAML 1.1 also reads 1_000, 0b101, 1:30, dates and .5 as non-strings;
     * quoting whatever starts like a number is simpler than listing them. */
    const char *p = s;
    if (*p == '+' || *p == '-')
        p++;
    if (*p == '.')
        p++;
    return isdigit((unsigned char)*p) || strcmp(s, "<<") == 0 ||
           strcmp(s, "=") == 0;
}

int brun_yaml_utf8_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        unsigned c = p[i];
        size_t extra;
        unsigned min, code;
        if (c == 0)
            return 0;
        if (c < 0x80) {
            i++;
            continue;
        } else if ((c & 0xe0) == 0xc0) {
            extra = 1, min = 0x80, code = c & 0x1f;
        } else if ((c & 0xf0) == 0xe0) {
            extra = 2, min = 0x800, code = c & 0x0f;
        } else if ((c & 0xf8) == 0xf0) {
            extra = 3, min = 0x10000, code = c & 0x07;
        } else {
            return 0;
        }
        if (len - i <= extra)
            return 0;
        for (size_t k = 1; k <= extra; k++) {
            if ((p[i + k] & 0xc0) != 0x80)
                return 0;
            code = code << 6 | (p[i + k] & 0x3f);
        }
        if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))
            return 0;
        i += extra + 1;
    }
    return 1;
}

int brun_yaml_enter_c_locale(struct brun_c_locale *l, char *why,
                             size_t why_size)
{
    l->c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    if (l->c == (locale_t)0) {
        snprintf(why, why_size, "cannot create the C locale");
        return -1;
    }
    l->previous = uselocale(l->c);
    return 0;
}

void brun_yaml_leave_c_locale(struct brun_c_locale *l)
{
    if (l->c == (locale_t)0)
        return;
    uselocale(l->previous);
    freelocale(l->c);
    l->c = (locale_t)0;
}

void brun_yaml_format_double(double x, char *out, size_t out_size)
{
    for (int precision = 15; precision <= 17; precision++) {
        snprintf(out, out_size, "%.*g", precision, x);
        if (strtod(out, NULL) == x)
            return;
    }
}

int brun_yaml_parse_double(const char *s, double *out)
{
    int is_int;
    char *end;
    if (!is_decimal(s, &is_int))
        return -1;
    double v = strtod(s, &end);
    if (*end != '\0' || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}
