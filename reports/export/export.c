/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * export.c: format names, the "--export FORMAT=FILE" argument and the
 * dispatch to each format's writer.  The formats themselves live in
 * export_gab.c, export_bencher.c, export_gbench.c, export_junit.c and
 * export_csv.c; the fields they share are export_fields.c's and their
 * words wording.c's, so no writer ever calls back into this file.
 */
#include "config.h"

#include "reports/export/export.h"

#include <stdlib.h>
#include <string.h>

static const char *const names[] = {
    [BRUN_EXPORT_GITHUB_ACTION_BENCHMARK] = "github-action-benchmark",
    [BRUN_EXPORT_BENCHER] = "bencher",
    [BRUN_EXPORT_GOOGLE_BENCHMARK] = "google-benchmark",
    [BRUN_EXPORT_JUNIT] = "junit",
    [BRUN_EXPORT_CSV] = "csv",
};

#define FORMAT_COUNT (sizeof names / sizeof names[0])

static void set_why(char *why, size_t size, const char *fmt, const char *a)
{
    if (why && size > 0)
        snprintf(why, size, fmt, a);
}

int brun_export_format_parse(const char *name, enum brun_export_format *out,
                             char *why, size_t why_size)
{
    for (size_t i = 0; name && i < FORMAT_COUNT; i++)
        if (strcmp(name, names[i]) == 0) {
            *out = (enum brun_export_format)i;
            return 0;
        }
    set_why(why, why_size,
            "unknown export format \"%.64s\": expected "
            "github-action-benchmark, bencher, google-benchmark, junit or csv",
            name ? name : "");
    return -1;
}

const char *brun_export_format_name(enum brun_export_format f)
{
    if ((size_t)f < FORMAT_COUNT)
        return names[f];
    return "?";
}

int brun_export_spec_parse(const char *arg, enum brun_export_format *format,
                           const char **file, char *why, size_t why_size)
{
    const char *eq = arg ? strchr(arg, '=') : NULL;
    char name[64];
    /* No option name in why: the caller says where arg came from
     * ("--export: ", "benchrun.yml:3: exports: "). */
    if (!eq || eq == arg) {
        set_why(why, why_size,
                "expected FORMAT=FILE (e.g. junit=results.xml), got \"%.64s\"",
                arg ? arg : "");
        return -1;
    }
    if (eq[1] == '\0') {
        set_why(why, why_size,
                "expected FORMAT=FILE (e.g. junit=results.xml), got "
                "\"%.64s\": the file name is empty",
                arg);
        return -1;
    }
    size_t len = (size_t)(eq - arg);
    if (len >= sizeof name)
        len = sizeof name - 1;
    memcpy(name, arg, len);
    name[len] = '\0';
    if (brun_export_format_parse(name, format, why, why_size) != 0)
        return -1;
    *file = eq + 1;
    return 0;
}

void brun_export_write(FILE *out, enum brun_export_format f,
                       const struct brun_results *r)
{
    switch (f) {
    case BRUN_EXPORT_GITHUB_ACTION_BENCHMARK:
        brun_export_gab(out, r);
        break;
    case BRUN_EXPORT_BENCHER:
        brun_export_bencher(out, r);
        break;
    case BRUN_EXPORT_GOOGLE_BENCHMARK:
        brun_export_gbench(out, r);
        break;
    case BRUN_EXPORT_JUNIT:
        brun_junit_write(out, r);
        break;
    case BRUN_EXPORT_CSV:
        brun_export_csv(out, r);
        break;
    }
}
