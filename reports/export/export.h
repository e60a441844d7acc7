/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * export.h: the results in formats other tools read, for
 * "--export FORMAT=FILE":
 *   github-action-benchmark  customSmallerIsBetter JSON (export_gab.c)
 *   bencher                  Bencher Metric Format JSON (export_bencher.c)
 *   google-benchmark         Google Benchmark JSON, as written with
 *                            --benchmark_repetitions (export_gbench.c)
 *   junit                    JUnit XML, one test case per bench case
 *                            (export_junit.c)
 *   csv                      one RFC 4180 table, a row per case
 *                            (export_csv.c)
 * docs/report-formats.md says field by field how each maps to the model.
 *
 * Every writer is a pure function of the results: same model, same bytes,
 * whatever the locale; JSON through json_writer.h (no NaN, escaped,
 * UTF-8), XML through escape.h.  Writers do not open, close or flush the
 * file and do not check write errors: the caller checks ferror()/fclose().
 */
#ifndef BRUN_EXPORT_H
#define BRUN_EXPORT_H

#include <stddef.h>
#include <stdio.h>

#include "reports/model/model.h"

enum brun_export_format {
    BRUN_EXPORT_GITHUB_ACTION_BENCHMARK,
    BRUN_EXPORT_BENCHER,
    BRUN_EXPORT_GOOGLE_BENCHMARK,
    BRUN_EXPORT_JUNIT,
    BRUN_EXPORT_CSV,
};

/* Parses a format name: "github-action-benchmark", "bencher",
 * "google-benchmark", "junit" or "csv" (exactly, lower case).  Returns 0, or -1
 * with a one-line reason naming the value and listing the names in why
 * (why may be NULL when why_size is 0). */
int brun_export_format_parse(const char *name, enum brun_export_format *out,
                             char *why, size_t why_size);

/* The name brun_export_format_parse() accepts; "?" outside the enum. */
const char *brun_export_format_name(enum brun_export_format f);

/* Splits the argument of "--export FORMAT=FILE" (and of an item of
 * benchrun.yml "exports:"), the one parser of it: *format from the part
 * before the first '=', *file pointing into arg just after it.  Returns
 * 0, or -1 with a reason in why (no '=' or no format, empty file name,
 * unknown format) that names the value but not the option: the caller
 * puts where it came from in front. */
int brun_export_spec_parse(const char *arg, enum brun_export_format *format,
                           const char **file, char *why, size_t why_size);

/* Writes r in format f to out. */
void brun_export_write(FILE *out, enum brun_export_format f,
                       const struct brun_results *r);

/* The writers behind brun_export_write(), one per format. */
void brun_export_gab(FILE *out, const struct brun_results *r);
void brun_export_bencher(FILE *out, const struct brun_results *r);
void brun_export_gbench(FILE *out, const struct brun_results *r);
void brun_junit_write(FILE *out, const struct brun_results *r);
void brun_export_csv(FILE *out, const struct brun_results *r);

#endif /* BRUN_EXPORT_H */
