/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * test_export.c: the exports of "--export FORMAT=FILE" (reports/export*.c,
 * reports/export/export_junit.c): github-action-benchmark, Bencher Metric Format,
 * Google Benchmark JSON, JUnit XML and CSV.
 *
 * Each export of the hand-made models in tests/fixtures/reports/models.c
 * is compared byte for byte with tests/fixtures/reports/<format>_*.golden;
 * after an intended change, regenerate them with
 *     BENCHRUN_UPDATE_GOLDEN=1 make check
 * and review the diff.  Then every JSON export is parsed with Jansson and
 * the JUnit XML with libxml2 (no network), and the fields the consuming
 * tools read are checked against the model, hostile names included.  The
 * CSV is read back by a small RFC 4180 reader here and by Python's csv
 * module (skipped when python3 is missing).
 */
#include "config.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "reports/export/export.h"
#include "reports/json/json.h"
#include "reports/export/export_fields.h"
#include "tests/fixtures/reports/golden.h"
#include "tests/fixtures/reports/models.h"
#include "tests/helpers.h"

struct job {
    enum brun_export_format format;
    const struct brun_results *r;
};

static void write_export(FILE *f, const void *ctx)
{
    const struct job *job = ctx;
    brun_export_write(f, job->format, job->r);
}

/* The export of the plain (compare = 0), the comparison (1), the
 * metrics (2) or the scaling model (3). */
static struct output export_of(enum brun_export_format format, int compare)
{
    struct brun_results r;
    if (compare == 3)
        report_model_scaling(&r);
    else if (compare == 2)
        report_model_metrics(&r);
    else if (compare)
        report_model_compare(&r);
    else
        report_model_plain(&r);
    struct job job = {format, &r};
    return capture(write_export, &job);
}

static json_t *parse_json(const struct output *out)
{
    json_error_t error;
    json_t *root =
        json_loadb(out->text, out->size, JSON_REJECT_DUPLICATES, &error);
    cr_assert_not_null(root, "invalid JSON at line %d: %s\n%s", error.line,
                       error.text, out->text);
    return root;
}

static size_t ok_cases(const struct brun_results *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->case_count; i++)
        n += r->cases[i].status == BRUN_STATUS_OK;
    return n;
}

/* ---- Format names and the --export argument. ---- */

Test(format, names_round_trip)
{
    static const char *const names[] = {"github-action-benchmark", "bencher",
                                        "google-benchmark", "junit"};
    static const enum brun_export_format formats[] = {
        BRUN_EXPORT_GITHUB_ACTION_BENCHMARK, BRUN_EXPORT_BENCHER,
        BRUN_EXPORT_GOOGLE_BENCHMARK, BRUN_EXPORT_JUNIT};
    for (size_t i = 0; i < 4; i++) {
        enum brun_export_format f = BRUN_EXPORT_JUNIT;
        char why[256] = "untouched";
        cr_assert_eq(brun_export_format_parse(names[i], &f, why, sizeof why),
                     0);
        cr_assert_eq(f, formats[i]);
        cr_assert_str_eq(brun_export_format_name(f), names[i]);
    }
    cr_assert_str_eq(brun_export_format_name((enum brun_export_format)99), "?");
}

Test(format, unknown_names_are_refused_with_the_list)
{
    static const char *const bad[] = {"JUnit", "gbench", "", "junit ",
                                      "bencher=x"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        enum brun_export_format f = BRUN_EXPORT_BENCHER;
        char why[256] = "";
        cr_assert_eq(brun_export_format_parse(bad[i], &f, why, sizeof why), -1,
                     "%s", bad[i]);
        cr_assert_eq(f, BRUN_EXPORT_BENCHER, "output left alone");
        char quoted[64];
        snprintf(quoted, sizeof quoted, "\"%s\"", bad[i]);
        cr_assert(strstr(why, quoted), "names the value: %s", why);
        cr_assert(strstr(why, "github-action-benchmark, bencher, "
                              "google-benchmark, junit or csv"),
                  "lists the names: %s", why);
    }
    enum brun_export_format f;
    cr_assert_eq(brun_export_format_parse(NULL, &f, NULL, 0), -1);
    char tiny[8];
    cr_assert_eq(brun_export_format_parse("x", &f, tiny, sizeof tiny), -1);
    cr_assert_eq(strlen(tiny), sizeof tiny - 1, "truncated, terminated");
}

Test(format, export_argument_splits_at_the_first_equals)
{
    enum brun_export_format f = BRUN_EXPORT_BENCHER;
    const char *file = NULL;
    char why[256];
    cr_assert_eq(brun_export_spec_parse("junit=out/bench.xml", &f, &file, why,
                                        sizeof why),
                 0, "%s", why);
    cr_assert_eq(f, BRUN_EXPORT_JUNIT);
    cr_assert_str_eq(file, "out/bench.xml");
    cr_assert_eq(
        brun_export_spec_parse("bencher=a=b.json", &f, &file, why, sizeof why),
        0);
    cr_assert_eq(f, BRUN_EXPORT_BENCHER);
    cr_assert_str_eq(file, "a=b.json");

    cr_assert_eq(brun_export_spec_parse("junit", &f, &file, why, sizeof why),
                 -1);
    cr_assert(strstr(why, "expected FORMAT=FILE"), "%s", why);
    cr_assert_eq(brun_export_spec_parse("junit=", &f, &file, why, sizeof why),
                 -1);
    cr_assert(strstr(why, "file name is empty"), "%s", why);
    cr_assert_eq(
        brun_export_spec_parse("xml=a.xml", &f, &file, why, sizeof why), -1);
    cr_assert(strstr(why, "unknown export format \"xml\""), "%s", why);
}

static const struct {
    double v;
    const char *text;
} significant_cases[] = {{12.3456, "12.35"}, {0.00123456, "0.001235"},
                         {9.99996, "10.00"}, {123456, "123456"},
                         {0, "0"},           {-2.5, "-2.500"},
                         {NAN, "-"},         {INFINITY, "-"}};

static void check_significant_digits(const char *locale)
{
    for (size_t i = 0;
         i < sizeof significant_cases / sizeof significant_cases[0]; i++) {
        char out[32];
        brun_export_significant(significant_cases[i].v, 4, out, sizeof out);
        cr_assert_str_eq(out, significant_cases[i].text, "%zu, locale %s", i,
                         locale);
    }
}

Test(format, significant_digits_are_plain)
{
    check_significant_digits("C");
}

/* A machine without the de_DE.UTF-8 locale skips this one, and says so;
 * .ci/run runs the suite once without it and once with it. */
Test(format, significant_digits_ignore_a_comma_locale)
{
    if (!setlocale(LC_NUMERIC, "de_DE.UTF-8"))
        cr_skip_test("locale de_DE.UTF-8 is not installed");
    check_significant_digits("de_DE.UTF-8");
    setlocale(LC_NUMERIC, "C");
}

Test(format, case_names_are_qualified_only_when_shared)
{
    struct brun_results r;
    report_model_compare(&r);
    char *own = brun_export_case_name(&r, 1);
    char *first = brun_export_case_name(&r, 3);
    char *second = brun_export_case_name(&r, 9);
    cr_assert_str_eq(own, "hash/regressed");
    cr_assert_str_eq(first, "hash/unchanged [./bench_new]");
    cr_assert_str_eq(second, "hash/unchanged [./bench b|c <x>]");
    free(own);
    free(first);
    free(second);
}

/* ---- github-action-benchmark. ---- */

Test(gab, exports_match_golden)
{
    struct output plain = export_of(BRUN_EXPORT_GITHUB_ACTION_BENCHMARK, 0);
    struct output cmp = export_of(BRUN_EXPORT_GITHUB_ACTION_BENCHMARK, 1);
    golden_check("gab_plain", &plain);
    golden_check("gab_compare", &cmp);
    free(plain.text);
    free(cmp.text);
}

static json_t *find_by_name(json_t *array, const char *name)
{
    size_t i;
    json_t *item;
    json_array_foreach(array, i, item) {
        if (strcmp(json_string_value(json_object_get(item, "name")), name) == 0)
            return item;
    }
    return NULL;
}

Test(gab, one_element_per_measured_case_with_its_numbers)
{
    struct brun_results r;
    struct output out = export_of(BRUN_EXPORT_GITHUB_ACTION_BENCHMARK, 0);
    json_t *root = parse_json(&out);
    report_model_plain(&r);
    cr_assert(json_is_array(root));
    cr_assert_eq(json_array_size(root), ok_cases(&r));
    size_t i;
    json_t *item;
    json_array_foreach(root, i, item) {
        cr_assert(json_is_string(json_object_get(item, "name")));
        cr_assert_str_eq(json_string_value(json_object_get(item, "unit")),
                         "ns");
        cr_assert(json_is_number(json_object_get(item, "value")));
        const char *range = json_string_value(json_object_get(item, "range"));
        cr_assert_not_null(range);
        cr_assert(strncmp(range, "± ", strlen("± ")) == 0, "%s", range);
        cr_assert(json_is_string(json_object_get(item, "extra")));
    }
    /* Hostile names come back exactly (bad bytes as U+FFFD). */
    const struct brun_case_result *c = &r.cases[PLAIN_NEWLINE];
    item = find_by_name(root, c->name);
    cr_assert_not_null(item, "%s", c->name);
    cr_assert_eq(json_number_value(json_object_get(item, "value")),
                 c->samples_summary.mean);
    double half = (c->ci_high_ns - c->ci_low_ns) / 2;
    const char *range = json_string_value(json_object_get(item, "range"));
    double shown = strtod(range + strlen("± "), NULL);
    cr_assert(fabs(shown - half) <= half * 5e-4, "%s vs %g", range, half);
    static const size_t exact[] = {PLAIN_PIPE,    PLAIN_BACKTICK, PLAIN_HTML,
                                   PLAIN_MENTION, PLAIN_UNICODE,  PLAIN_LONG};
    for (size_t k = 0; k < sizeof exact / sizeof exact[0]; k++)
        cr_assert_not_null(find_by_name(root, r.cases[exact[k]].name), "%s",
                           r.cases[exact[k]].name);
    cr_assert_not_null(
        find_by_name(root, "bad/utf8 \xef\xbf\xbd\xef\xbf\xbd end\x01"));
    cr_assert_null(find_by_name(root, "crash/segv"), "failed cases left out");
    cr_assert_null(find_by_name(root, "slow/skipped"), "skipped left out");
    json_decref(root);
    free(out.text);
}

Test(gab, extra_carries_the_verdict_when_compared)
{
    struct output out = export_of(BRUN_EXPORT_GITHUB_ACTION_BENCHMARK, 1);
    json_t *root = parse_json(&out);
    json_t *fails = find_by_name(root, "hash/fails");
    cr_assert_not_null(fails);
    const char *extra = json_string_value(json_object_get(fails, "extra"));
    cr_assert(strstr(extra, "vs baseline: +25.00% (95% CI +18.75% to "
                            "+31.25%), regressed, FAILS (> 10%)"),
              "%s", extra);
    cr_assert_not_null(find_by_name(root, "hash/unchanged [./bench_new]"));
    cr_assert_not_null(find_by_name(root, "hash/unchanged [./bench b|c <x>]"));
    const char *fresh = json_string_value(
        json_object_get(find_by_name(root, "hash/new"), "extra"));
    cr_assert(strstr(fresh, "vs baseline: new"), "%s", fresh);
    json_decref(root);
    free(out.text);
}

/* ---- Bencher Metric Format. ---- */

Test(bencher, exports_match_golden)
{
    struct output plain = export_of(BRUN_EXPORT_BENCHER, 0);
    struct output cmp = export_of(BRUN_EXPORT_BENCHER, 1);
    golden_check("bencher_plain", &plain);
    golden_check("bencher_compare", &cmp);
    free(plain.text);
    free(cmp.text);
}

static double metric(json_t *root, const char *name, const char *measure,
                     const char *field)
{
    json_t *m = json_object_get(json_object_get(root, name), measure);
    cr_assert_not_null(m, "%s has no %s", name, measure);
    json_t *v = json_object_get(m, field);
    cr_assert(json_is_number(v), "%s %s %s", name, measure, field);
    return json_number_value(v);
}

Test(bencher, measures_map_to_the_model)
{
    struct brun_results r;
    struct output out = export_of(BRUN_EXPORT_BENCHER, 0);
    json_t *root = parse_json(&out);
    report_model_plain(&r);
    cr_assert(json_is_object(root));
    cr_assert_eq(json_object_size(root), ok_cases(&r));
    for (size_t i = 0; i < r.case_count; i++) {
        const struct brun_case_result *c = &r.cases[i];
        if (c->status != BRUN_STATUS_OK || i == PLAIN_BAD_UTF8) {
            cr_assert_null(json_object_get(root, c->name), "%s", c->name);
            continue;
        }
        cr_assert_eq(metric(root, c->name, "latency", "value"),
                     c->samples_summary.mean, "%s", c->name);
        cr_assert_eq(metric(root, c->name, "latency", "lower_value"),
                     c->ci_low_ns);
        cr_assert_eq(metric(root, c->name, "latency", "upper_value"),
                     c->ci_high_ns);
    }
    const struct brun_case_result *bytes = &r.cases[0];
    const struct brun_case_result *items = &r.cases[PLAIN_PIPE];
    /* Bytes go to Bencher's own throughput measure: a slug it does not
     * define would be created without units. */
    cr_assert_eq(metric(root, bytes->name, "throughput", "value"),
                 4096 * 1e9 / bytes->samples_summary.mean);
    cr_assert_eq(metric(root, bytes->name, "throughput", "lower_value"),
                 4096 * 1e9 / bytes->ci_high_ns);
    cr_assert_null(json_object_get(json_object_get(root, bytes->name),
                                   "bytes-per-second"));
    cr_assert_eq(metric(root, items->name, "throughput", "value"),
                 10 * 1e9 / items->samples_summary.mean);
    cr_assert_eq(metric(root, items->name, "throughput", "upper_value"),
                 10 * 1e9 / items->ci_low_ns);
    cr_assert_not_null(
        json_object_get(root, "bad/utf8 \xef\xbf\xbd\xef\xbf\xbd end\x01"));
    json_decref(root);
    free(out.text);
}

/* What Bencher itself refuses: a negative lower bound on a time, and a
 * benchmark name over 1024 characters (which rejects the whole file). */
Test(bencher, bounds_and_names_stay_within_what_bencher_accepts)
{
    struct brun_results r;
    report_model_plain(&r);
    /* Two 3000-byte names that differ only at the end; the second is
     * all two-byte characters, so the cut falls inside one. */
    static char huge[2][3001];
    memset(huge[0], 'y', sizeof huge[0] - 1);
    for (size_t i = 0; i + 2 < sizeof huge[1]; i += 2)
        memcpy(huge[1] + i, "µ", 2);
    for (int k = 0; k < 2; k++) {
        memcpy(huge[k], "big/", 4);
        huge[k][sizeof huge[k] - 2] = (char)('a' + k);
        huge[k][sizeof huge[k] - 1] = '\0';
    }
    r.cases[0].name = huge[0];
    r.cases[PLAIN_PIPE].name = huge[1];
    r.cases[PLAIN_PIPE].ci_low_ns = -3;
    struct job job = {BRUN_EXPORT_BENCHER, &r};
    struct output out = capture(write_export, &job);
    json_t *root = parse_json(&out);
    const char *key;
    json_t *value;
    size_t long_keys = 0;
    char first[1100] = "";
    json_object_foreach(root, key, value) {
        cr_assert(strlen(key) <= 1024, "a %zu-byte key", strlen(key));
        if (strncmp(key, "big/", 4) != 0)
            continue;
        cr_assert(strchr(key, '~'), "%s", key);
        if (!long_keys++)
            snprintf(first, sizeof first, "%s", key);
        else
            cr_assert_str_neq(first, key, "two long names, one key");
        double low = json_number_value(
            json_object_get(json_object_get(value, "latency"), "lower_value"));
        cr_assert(low >= 0, "lower_value %g", low);
    }
    cr_assert_eq(long_keys, 2);
    /* The same names give the same keys. */
    struct output again = capture(write_export, &job);
    cr_assert_str_eq(out.text, again.text);
    json_decref(root);
    free(out.text);
    free(again.text);
}

/* ---- Google Benchmark JSON. ---- */

Test(gbench, exports_match_golden)
{
    struct output plain = export_of(BRUN_EXPORT_GOOGLE_BENCHMARK, 0);
    struct output cmp = export_of(BRUN_EXPORT_GOOGLE_BENCHMARK, 1);
    golden_check("gbench_plain", &plain);
    golden_check("gbench_compare", &cmp);
    free(plain.text);
    free(cmp.text);
}

Test(gbench, context_has_the_fields_tools_read)
{
    struct output out = export_of(BRUN_EXPORT_GOOGLE_BENCHMARK, 0);
    json_t *root = parse_json(&out);
    json_t *c = json_object_get(root, "context");
    cr_assert_str_eq(json_string_value(json_object_get(c, "date")),
                     "2026-11-21T05:01:00Z");
    cr_assert_str_eq(json_string_value(json_object_get(c, "host_name")),
                     "runner-1");
    cr_assert_str_eq(json_string_value(json_object_get(c, "executable")),
                     "./bench_plain");
    cr_assert_eq(json_integer_value(json_object_get(c, "num_cpus")), 8);
    cr_assert_eq(json_integer_value(json_object_get(c, "mhz_per_cpu")), 2500);
    cr_assert(json_is_false(json_object_get(c, "cpu_scaling_enabled")));
    cr_assert(json_is_true(json_object_get(c, "aslr_enabled")));
    cr_assert(json_is_array(json_object_get(c, "caches")));
    cr_assert_eq(
        json_number_value(json_array_get(json_object_get(c, "load_avg"), 0)),
        0.25);
    cr_assert_str_eq(
        json_string_value(json_object_get(c, "library_build_type")), "release");
    cr_assert_eq(json_integer_value(json_object_get(c, "json_schema_version")),
                 1);
    json_decref(root);
    free(out.text);
}

/* The entries named name, in order. */
static size_t entries(json_t *benchmarks, const char *name, json_t **out,
                      size_t max)
{
    size_t n = 0, i;
    json_t *b;
    json_array_foreach(benchmarks, i, b) {
        if (strcmp(json_string_value(json_object_get(b, "name")), name) == 0 &&
            n < max)
            out[n++] = b;
    }
    return n;
}

static const char *str(json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

static double num(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    cr_assert(json_is_number(v), "%s", key);
    return json_number_value(v);
}

Test(gbench, rounds_are_repetitions_with_aggregates)
{
    struct brun_results r;
    struct output out = export_of(BRUN_EXPORT_GOOGLE_BENCHMARK, 0);
    json_t *root = parse_json(&out);
    json_t *benchmarks = json_object_get(root, "benchmarks");
    report_model_plain(&r);
    size_t i;
    json_t *b;
    /* What compare.py needs of every entry. */
    json_array_foreach(benchmarks, i, b) {
        cr_assert(json_is_string(json_object_get(b, "name")));
        cr_assert(json_is_string(json_object_get(b, "run_name")));
        cr_assert_str_eq(str(b, "time_unit"), "ns");
        num(b, "real_time");
        num(b, "cpu_time");
        num(b, "iterations");
        const char *type = str(b, "run_type");
        cr_assert(strcmp(type, "iteration") == 0 ||
                  strcmp(type, "aggregate") == 0);
    }
    /* 3 repetitions and 4 aggregates per measured case, 1 entry else. */
    cr_assert_eq(json_array_size(benchmarks),
                 7 * ok_cases(&r) + (r.case_count - ok_cases(&r)));

    const struct brun_case_result *c = &r.cases[0];
    json_t *reps[4];
    cr_assert_eq(entries(benchmarks, c->name, reps, 4), 3);
    double estimates[3], mean = 0;
    for (size_t k = 0; k < 3; k++) {
        cr_assert_str_eq(str(reps[k], "run_type"), "iteration");
        cr_assert_eq(num(reps[k], "repetitions"), 3);
        cr_assert_eq(num(reps[k], "repetition_index"), (double)k);
        cr_assert_eq(num(reps[k], "iterations"), 2000);
        estimates[k] = c->rounds[k].estimate_ns;
        mean += estimates[k] / 3;
        cr_assert_eq(num(reps[k], "real_time"), estimates[k]);
        cr_assert_eq(num(reps[k], "bytes_per_second"),
                     4096 * 1e9 / estimates[k]);
    }
    double sd = 0;
    for (size_t k = 0; k < 3; k++)
        sd += (estimates[k] - mean) * (estimates[k] - mean) / 2;
    sd = sqrt(sd);
    static const char *const aggregates[] = {"mean", "median", "stddev", "cv"};
    double expected[] = {mean, estimates[1], sd, sd / mean};
    for (size_t a = 0; a < 4; a++) {
        char name[64];
        json_t *agg;
        snprintf(name, sizeof name, "%s_%s", c->name, aggregates[a]);
        cr_assert_eq(entries(benchmarks, name, &agg, 1), 1, "%s", name);
        cr_assert_str_eq(str(agg, "run_type"), "aggregate");
        cr_assert_str_eq(str(agg, "run_name"), c->name);
        cr_assert_str_eq(str(agg, "aggregate_name"), aggregates[a]);
        cr_assert_str_eq(str(agg, "aggregate_unit"),
                         a == 3 ? "percentage" : "time");
        cr_assert(fabs(num(agg, "real_time") - expected[a]) <=
                      1e-12 * fabs(expected[a]) + 1e-300,
                  "%s: %.17g vs %.17g", name, num(agg, "real_time"),
                  expected[a]);
        cr_assert_null(json_object_get(agg, "repetition_index"));
        /* As Google Benchmark writes it: the repetition count. */
        cr_assert_eq(json_integer_value(json_object_get(agg, "iterations")), 3,
                     "%s", name);
    }
    json_decref(root);
    free(out.text);
}

Test(gbench, failed_and_skipped_cases_say_why)
{
    struct output out = export_of(BRUN_EXPORT_GOOGLE_BENCHMARK, 0);
    json_t *root = parse_json(&out);
    json_t *benchmarks = json_object_get(root, "benchmarks");
    json_t *e;
    cr_assert_eq(entries(benchmarks, "crash/segv", &e, 1), 1);
    cr_assert(json_is_true(json_object_get(e, "error_occurred")));
    cr_assert_str_eq(str(e, "error_message"),
                     "killed by signal SIGSEGV (Segmentation fault)");
    cr_assert_eq(entries(benchmarks, "slow/skipped", &e, 1), 1);
    cr_assert(json_is_true(json_object_get(e, "skipped")));
    cr_assert_str_eq(str(e, "skip_message"), "needs --allow-slow | `x` @admin");
    cr_assert_null(json_object_get(e, "error_occurred"));
    json_decref(root);
    free(out.text);
}

/* ---- JUnit XML. ---- */

Test(junit, exports_match_golden)
{
    struct output plain = export_of(BRUN_EXPORT_JUNIT, 0);
    struct output cmp = export_of(BRUN_EXPORT_JUNIT, 1);
    golden_check("junit_plain", &plain);
    golden_check("junit_compare", &cmp);
    free(plain.text);
    free(cmp.text);
}

static xmlDocPtr parse_xml(const struct output *out)
{
    xmlDocPtr doc = xmlReadMemory(out->text, (int)out->size, "junit.xml", NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR |
                                      XML_PARSE_NOWARNING);
    cr_assert_not_null(doc, "not well-formed XML:\n%s", out->text);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    cr_assert_str_eq((const char *)root->name, "testsuites");
    return doc;
}

/* Elements called name under node, at any depth. */
static size_t count_elements(xmlNodePtr node, const char *name)
{
    size_t n = 0;
    for (xmlNodePtr k = node->children; k; k = k->next) {
        if (k->type != XML_ELEMENT_NODE)
            continue;
        n += strcmp((const char *)k->name, name) == 0;
        n += count_elements(k, name);
    }
    return n;
}

static char *attr(xmlNodePtr node, const char *name)
{
    xmlChar *v = xmlGetProp(node, (const xmlChar *)name);
    char *copy = v ? strdup((const char *)v) : NULL;
    xmlFree(v);
    return copy;
}

static int attr_is(xmlNodePtr node, const char *name, const char *value)
{
    char *v = attr(node, name);
    int same = v && strcmp(v, value) == 0;
    free(v);
    return same;
}

/* The testcase with this classname and name, anywhere. */
static xmlNodePtr find_testcase(xmlNodePtr node, const char *classname,
                                const char *name)
{
    for (xmlNodePtr k = node->children; k; k = k->next) {
        if (k->type != XML_ELEMENT_NODE)
            continue;
        if (strcmp((const char *)k->name, "testcase") == 0 &&
            attr_is(k, "classname", classname) && attr_is(k, "name", name))
            return k;
        xmlNodePtr found = find_testcase(k, classname, name);
        if (found)
            return found;
    }
    return NULL;
}

static xmlNodePtr child(xmlNodePtr node, const char *name)
{
    for (xmlNodePtr k = node ? node->children : NULL; k; k = k->next)
        if (k->type == XML_ELEMENT_NODE &&
            strcmp((const char *)k->name, name) == 0)
            return k;
    return NULL;
}

static void check_counts(xmlNodePtr root, size_t tests, size_t failures,
                         size_t errors, size_t skipped)
{
    char text[32];
    cr_assert_eq(count_elements(root, "testcase"), tests);
    cr_assert_eq(count_elements(root, "failure"), failures);
    cr_assert_eq(count_elements(root, "error"), errors);
    cr_assert_eq(count_elements(root, "skipped"), skipped);
    snprintf(text, sizeof text, "%zu", errors);
    cr_assert(attr_is(root, "errors", text));
    snprintf(text, sizeof text, "%zu", tests);
    cr_assert(attr_is(root, "tests", text));
    snprintf(text, sizeof text, "%zu", failures);
    cr_assert(attr_is(root, "failures", text));
    snprintf(text, sizeof text, "%zu", skipped);
    cr_assert(attr_is(root, "skipped", text));
}

Test(junit, hostile_names_survive_escaping)
{
    struct brun_results r;
    struct output out = export_of(BRUN_EXPORT_JUNIT, 0);
    xmlDocPtr doc = parse_xml(&out);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    report_model_plain(&r);
    /* The critical SLO of parse/`tick`... (not warning-only) is a
     * failure; the crash is an error: it could not be measured. */
    check_counts(root, PLAIN_CASES, 1, 1, 1);
    cr_assert_eq(count_elements(root, "testsuite"), 1);
    cr_assert(attr_is(child(root, "testsuite"), "name", "./bench_plain"));

    cr_assert_not_null(find_testcase(root, "parse", "a|b"));
    cr_assert_not_null(
        find_testcase(root, "html", "<script>alert(1)</script>"));
    cr_assert_not_null(find_testcase(root, "newline", "line1\nline2\r\t|end"));
    cr_assert_not_null(find_testcase(root, "unicode", "µs ✓ 漢字"));
    cr_assert_not_null(find_testcase(root, "bad",
                                     "utf8 \xef\xbf\xbd\xef\xbf\xbd "
                                     "end\xef\xbf\xbd"));
    cr_assert_not_null(
        find_testcase(root, "long", r.cases[PLAIN_LONG].name + 5));
    cr_assert_not_null(find_testcase(root, "nogroup", "nogroup"));
    xmlNodePtr tick = find_testcase(root, "parse", "`tick` and ``two``");
    cr_assert_not_null(tick);
    cr_assert(attr_is(child(tick, "failure"), "type", "slo"));

    xmlNodePtr crash = find_testcase(root, "crash", "segv");
    cr_assert_null(child(crash, "failure"));
    xmlNodePtr failure = child(crash, "error");
    cr_assert(attr_is(failure, "type", "signal"));
    cr_assert(attr_is(failure, "message",
                      "killed by signal SIGSEGV (Segmentation fault)"));
    xmlChar *body = xmlNodeGetContent(failure);
    cr_assert(
        strstr((const char *)body, "line two <b>&amp;</b> \xef\xbf\xbd[31mred"),
        "%s", body);
    xmlFree(body);
    xmlNodePtr skipped =
        child(find_testcase(root, "slow", "skipped"), "skipped");
    cr_assert(attr_is(skipped, "message", "needs --allow-slow | `x` @admin"));
    xmlNodePtr ok = find_testcase(root, "parse", "small");
    cr_assert(attr_is(ok, "time", "0.875"));
    body = xmlNodeGetContent(child(ok, "system-out"));
    cr_assert(strstr((const char *)body, "mean 12.53 ns, median 12.53 ns"),
              "%s", body);
    xmlFree(body);
    xmlFreeDoc(doc);
    free(out.text);
}

Test(junit, regressions_and_slo_breaches_fail)
{
    struct output out = export_of(BRUN_EXPORT_JUNIT, 1);
    xmlDocPtr doc = parse_xml(&out);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    /* Failures: hash/fails (gate), hash/regressed (SLO); an error: io/crash
     * (a timeout); skipped: io/skipped and the two missing cases. */
    check_counts(root, COMPARE_CASES + COMPARE_MISSING, 2, 1, 3);
    cr_assert_eq(count_elements(root, "testsuite"), 3);
    xmlNodePtr gate = child(find_testcase(root, "hash", "fails"), "failure");
    cr_assert(attr_is(gate, "type", "regression"));
    cr_assert(attr_is(gate, "message",
                      "+25.00% (95% CI +18.75% to +31.25%), "
                      "above the 10% threshold"));
    xmlNodePtr slo = child(find_testcase(root, "hash", "regressed"), "failure");
    cr_assert(attr_is(slo, "type", "slo"));
    cr_assert(
        attr_is(slo, "message", "SLO critical: 125% of its 80.00 ns budget"));
    cr_assert(attr_is(child(find_testcase(root, "io", "crash"), "error"),
                      "type", "timeout"));
    cr_assert_null(child(find_testcase(root, "hash", "improved"), "failure"));
    cr_assert_not_null(
        child(find_testcase(root, "gone", "`x|y`\n@bob"), "skipped"));
    xmlFreeDoc(doc);
    free(out.text);
}

Test(junit, warning_only_slos_do_not_fail)
{
    struct brun_results r;
    report_model_compare(&r);
    r.slo->warning_only = 1;
    struct job job = {BRUN_EXPORT_JUNIT, &r};
    struct output out = capture(write_export, &job);
    xmlDocPtr doc = parse_xml(&out);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    check_counts(root, COMPARE_CASES + COMPARE_MISSING, 1, 1, 3);
    cr_assert_null(child(find_testcase(root, "hash", "regressed"), "failure"));
    xmlFreeDoc(doc);
    free(out.text);
}

/* ---- All of them. ---- */

Test(export, output_does_not_depend_on_the_locale)
{
    struct output c_locale[5][2];
    for (int f = 0; f < 5; f++)
        for (int m = 0; m < 2; m++)
            c_locale[f][m] = export_of((enum brun_export_format)f, m);
    if (!setlocale(LC_NUMERIC, "de_DE.UTF-8"))
        cr_skip_test("locale de_DE.UTF-8 is not installed");
    for (int f = 0; f < 5; f++)
        for (int m = 0; m < 2; m++) {
            struct output de = export_of((enum brun_export_format)f, m);
            cr_assert_str_eq(
                de.text, c_locale[f][m].text, "%s, model %d",
                brun_export_format_name((enum brun_export_format)f), m);
            free(de.text);
            free(c_locale[f][m].text);
        }
    setlocale(LC_NUMERIC, "C");
}

Test(export, json_exports_parse_for_both_models)
{
    static const enum brun_export_format json[] = {
        BRUN_EXPORT_GITHUB_ACTION_BENCHMARK, BRUN_EXPORT_BENCHER,
        BRUN_EXPORT_GOOGLE_BENCHMARK};
    for (size_t f = 0; f < 3; f++)
        for (int m = 0; m < 2; m++) {
            struct output out = export_of(json[f], m);
            json_t *root = parse_json(&out);
            cr_assert_null(strstr(out.text, "NaN"));
            cr_assert_null(strstr(out.text, "Infinity"));
            json_decref(root);
            free(out.text);
        }
}

/* ---- Metrics (--metric) in every export. ---- */

Test(metrics, exports_match_golden)
{
    static const struct {
        enum brun_export_format format;
        const char *golden;
    } all[] = {{BRUN_EXPORT_GITHUB_ACTION_BENCHMARK, "gab_metrics"},
               {BRUN_EXPORT_BENCHER, "bencher_metrics"},
               {BRUN_EXPORT_GOOGLE_BENCHMARK, "gbench_metrics"},
               {BRUN_EXPORT_JUNIT, "junit_metrics"}};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        struct output out = export_of(all[i].format, 2);
        golden_check(all[i].golden, &out);
        free(out.text);
    }
}

Test(metrics, bencher_has_a_measure_per_metric)
{
    struct output out = export_of(BRUN_EXPORT_BENCHER, 2);
    json_t *root = parse_json(&out);
    cr_assert_eq(metric(root, "hash/fails", "instructions", "value"), 12544);
    cr_assert_eq(metric(root, "hash/fails", "allocations", "value"), 2);
    cr_assert_eq(metric(root, "hash/fails", "allocated_bytes", "value"), 48);
    cr_assert_eq(metric(root, "hash/fails", "peak_heap_bytes", "value"),
                 1228.8);
    cr_assert_eq(metric(root, "hash/regressed", "cycles", "value"), 400);
    cr_assert(
        json_is_number(json_object_get(
            json_object_get(json_object_get(root, "hash/fails"), "latency"),
            "value")),
        "latency is still there");
    cr_assert_null(
        json_object_get(json_object_get(root, "hash/new"), "instructions"),
        "no measure for what was not measured");
    json_decref(root);
    free(out.text);
}

Test(metrics, gab_has_an_entry_per_metric_in_its_unit)
{
    struct output out = export_of(BRUN_EXPORT_GITHUB_ACTION_BENCHMARK, 2);
    json_t *root = parse_json(&out);
    json_t *e = find_by_name(root, "hash/fails (instructions)");
    cr_assert_not_null(e, "%s", out.text);
    cr_assert_str_eq(json_string_value(json_object_get(e, "unit")),
                     "instructions");
    cr_assert_eq(json_number_value(json_object_get(e, "value")), 12544);
    cr_assert(strstr(json_string_value(json_object_get(e, "extra")),
                     "vs baseline: +12.00% (exact)"));
    e = find_by_name(root, "hash/fails (allocations)");
    cr_assert_str_eq(json_string_value(json_object_get(e, "unit")), "allocs");
    e = find_by_name(root, "hash/fails (peak_heap_bytes)");
    cr_assert_str_eq(json_string_value(json_object_get(e, "unit")), "B");
    cr_assert_not_null(find_by_name(root, "hash/fails"), "time stays");
    /* 8 measured cases, 4 + 3 + 1 metrics measured. */
    cr_assert_eq(json_array_size(root), 8 + 8);
    json_decref(root);
    free(out.text);
}

Test(metrics, gbench_counters_are_fields_of_each_repetition)
{
    struct output out = export_of(BRUN_EXPORT_GOOGLE_BENCHMARK, 2);
    json_t *root = parse_json(&out);
    json_t *list = json_object_get(root, "benchmarks");
    size_t i, repetitions = 0, aggregates = 0;
    json_t *b;
    json_array_foreach(list, i, b) {
        const char *run = json_string_value(json_object_get(b, "run_name"));
        const char *type = json_string_value(json_object_get(b, "run_type"));
        if (strcmp(run, "hash/regressed") != 0)
            continue;
        double instructions =
            json_number_value(json_object_get(b, "instructions"));
        double cycles = json_number_value(json_object_get(b, "cycles"));
        if (strcmp(type, "iteration") == 0) {
            static const double per_round[] = {396, 400, 404};
            size_t k = (size_t)json_integer_value(
                json_object_get(b, "repetition_index"));
            cr_assert_eq(cycles, per_round[k], "round %zu: %g", k, cycles);
            cr_assert_eq(instructions, 8080, "an exact metric in every round");
            repetitions++;
        } else {
            const char *agg =
                json_string_value(json_object_get(b, "aggregate_name"));
            if (strcmp(agg, "mean") == 0 || strcmp(agg, "median") == 0) {
                cr_assert_eq(cycles, 400, "%s", agg);
                cr_assert_eq(instructions, 8080, "%s", agg);
            }
            if (strcmp(agg, "stddev") == 0) {
                cr_assert_eq(cycles, 4);
                cr_assert_eq(instructions, 0);
            }
            aggregates++;
        }
    }
    cr_assert_eq(repetitions, 3);
    cr_assert_eq(aggregates, 4);
    json_decref(root);
    free(out.text);
}

Test(metrics, junit_metric_gate_failure_names_the_metric)
{
    struct output out = export_of(BRUN_EXPORT_JUNIT, 2);
    xmlDocPtr doc = parse_xml(&out);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    xmlNodePtr gate = child(find_testcase(root, "hash", "fails"), "failure");
    cr_assert_not_null(gate);
    cr_assert(attr_is(gate, "type", "regression"));
    char *message = attr(gate, "message");
    cr_assert_str_eq(message,
                     "instructions +12.00% (exact), above the 10% threshold");
    free(message);
    xmlFreeDoc(doc);
    free(out.text);
}

/* ---- Scaling of parameterized families. ---- */

Test(scaling, exports_match_golden)
{
    static const struct {
        enum brun_export_format format;
        const char *golden;
    } all[] = {{BRUN_EXPORT_GITHUB_ACTION_BENCHMARK, "gab_scaling"},
               {BRUN_EXPORT_BENCHER, "bencher_scaling"},
               {BRUN_EXPORT_GOOGLE_BENCHMARK, "gbench_scaling"}};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        struct output out = export_of(all[i].format, 3);
        golden_check(all[i].golden, &out);
        free(out.text);
    }
}

static void write_results(FILE *f, const void *r)
{
    brun_json_write_results(f, r);
}

Test(scaling, json_results_have_every_key)
{
    struct brun_results r;
    report_model_scaling(&r);
    struct output out = capture(write_results, &r);
    json_t *root = parse_json(&out);
    json_t *all = json_object_get(root, "scalings");
    cr_assert(json_is_array(all));
    cr_assert_eq(json_array_size(all), SCALING_FAMILIES);
    json_t *s = json_array_get(all, 0);
    cr_assert_str_eq(json_string_value(json_object_get(s, "family")),
                     "context/capture");
    cr_assert_str_eq(json_string_value(json_object_get(s, "arg_name")), "vars");
    cr_assert_str_eq(json_string_value(json_object_get(s, "shape")), "O(N)");
    cr_assert_str_eq(json_string_value(json_object_get(s, "shape_word")),
                     "linear");
    cr_assert_float_eq(json_number_value(json_object_get(s, "per_item_ns")),
                       1810, 1e-9);
    cr_assert_float_eq(json_number_value(json_object_get(s, "per_item_low")),
                       1790, 1e-9);
    cr_assert_float_eq(json_number_value(json_object_get(s, "per_item_high")),
                       1830, 1e-9);
    cr_assert_float_eq(json_number_value(json_object_get(s, "intercept_ns")),
                       500, 1e-9);
    cr_assert_float_eq(json_number_value(json_object_get(s, "r2")), 0.999,
                       1e-12);
    cr_assert(json_is_number(json_object_get(s, "rms_relative")));
    cr_assert_eq(json_integer_value(json_object_get(s, "points")), 9);
    json_t *fits = json_object_get(s, "fits");
    cr_assert_eq(json_object_size(fits), BRUN_COMPLEXITY_COUNT);
    cr_assert(json_is_number(
        json_object_get(json_object_get(fits, "O(N log N)"), "per_item_ns")));
    cr_assert(
        json_is_number(json_object_get(json_object_get(fits, "O(1)"), "r2")));
    json_t *k = json_object_get(s, "comparison");
    cr_assert_str_eq(json_string_value(json_object_get(k, "baseline_shape")),
                     "O(N)");
    cr_assert_float_eq(json_number_value(json_object_get(k, "ratio")), 1.0305,
                       1e-12);
    cr_assert_float_eq(json_number_value(json_object_get(k, "low")), 1.011,
                       1e-12);
    cr_assert_float_eq(json_number_value(json_object_get(k, "high")), 1.0502,
                       1e-12);
    cr_assert(json_is_false(json_object_get(k, "shape_changed")));
    cr_assert(json_is_true(json_object_get(k, "gated")));
    cr_assert(json_is_false(json_object_get(k, "fails")));

    s = json_array_get(all, 1);
    cr_assert_str_eq(json_string_value(json_object_get(s, "family")),
                     SCALING_HOSTILE_FAMILY);
    cr_assert_str_eq(json_string_value(json_object_get(s, "shape")), "O(N^2)");
    k = json_object_get(s, "comparison");
    cr_assert(json_is_true(json_object_get(k, "shape_changed")));
    cr_assert(json_is_true(json_object_get(k, "fails")));

    /* Per case: the argument and its unit, only when parameterized. */
    json_t *cases = json_object_get(root, "cases");
    json_t *c = json_array_get(cases, COMPARE_CASES + 1);
    cr_assert_eq(json_integer_value(json_object_get(c, "arg")), 50);
    cr_assert_str_eq(json_string_value(json_object_get(c, "arg_name")), "vars");
    c = json_array_get(cases, COMPARE_CASES + 3);
    cr_assert_eq(json_integer_value(json_object_get(c, "arg")), 10);
    cr_assert(json_is_null(json_object_get(c, "arg_name")));
    cr_assert_null(json_object_get(json_array_get(cases, 0), "arg"));
    json_decref(root);
    free(out.text);

    /* Without families: an empty list. */
    report_model_compare(&r);
    out = capture(write_results, &r);
    root = parse_json(&out);
    cr_assert_eq(json_array_size(json_object_get(root, "scalings")), 0);
    json_decref(root);
    free(out.text);
}

static json_t *find_named(json_t *array, const char *key, const char *name)
{
    size_t i;
    json_t *e;
    json_array_foreach(array, i, e) {
        const char *v = json_string_value(json_object_get(e, key));
        if (v && strcmp(v, name) == 0)
            return e;
    }
    return NULL;
}

Test(scaling, each_export_has_the_per_item_cost)
{
    struct output out = export_of(BRUN_EXPORT_BENCHER, 3);
    json_t *root = parse_json(&out);
    json_t *m = json_object_get(
        json_object_get(root, "context/capture (scaling)"), "per_item");
    cr_assert_float_eq(json_number_value(json_object_get(m, "value")), 1810,
                       1e-9);
    cr_assert_float_eq(json_number_value(json_object_get(m, "lower_value")),
                       1790, 1e-9);
    cr_assert_float_eq(json_number_value(json_object_get(m, "upper_value")),
                       1830, 1e-9);
    cr_assert_not_null(
        json_object_get(root, SCALING_HOSTILE_FAMILY " (scaling)"));
    json_decref(root);
    free(out.text);

    out = export_of(BRUN_EXPORT_GITHUB_ACTION_BENCHMARK, 3);
    root = parse_json(&out);
    json_t *e = find_named(root, "name", "context/capture (per var)");
    cr_assert_not_null(e, "%s", out.text);
    cr_assert_str_eq(json_string_value(json_object_get(e, "unit")), "ns");
    cr_assert_float_eq(json_number_value(json_object_get(e, "value")), 1810,
                       1e-9);
    cr_assert_not_null(
        find_named(root, "name", SCALING_HOSTILE_FAMILY " (per item²)"));
    json_decref(root);
    free(out.text);

    out = export_of(BRUN_EXPORT_GOOGLE_BENCHMARK, 3);
    root = parse_json(&out);
    json_t *benchmarks = json_object_get(root, "benchmarks");
    e = find_named(benchmarks, "name", "context/capture_BigO");
    cr_assert_not_null(e, "%s", out.text);
    cr_assert_str_eq(json_string_value(json_object_get(e, "big_o")), "N");
    cr_assert_str_eq(json_string_value(json_object_get(e, "aggregate_name")),
                     "BigO");
    cr_assert_str_eq(json_string_value(json_object_get(e, "run_name")),
                     "context/capture");
    cr_assert_float_eq(json_number_value(json_object_get(e, "cpu_coefficient")),
                       1810, 1e-9);
    cr_assert_float_eq(
        json_number_value(json_object_get(e, "real_coefficient")), 1810, 1e-9);
    e = find_named(benchmarks, "name", SCALING_HOSTILE_FAMILY "_BigO");
    cr_assert_str_eq(json_string_value(json_object_get(e, "big_o")), "N^2");
    e = find_named(benchmarks, "name", "context/capture_RMS");
    cr_assert_not_null(e);
    cr_assert_str_eq(json_string_value(json_object_get(e, "aggregate_name")),
                     "RMS");
    cr_assert(json_is_number(json_object_get(e, "rms")));
    json_decref(root);
    free(out.text);
}

/* ---- CSV. ---- */

/* A CSV table read back: rows of NUL-terminated fields. */
struct csv {
    char ***rows;
    size_t *widths;
    size_t count;
};

static void csv_push_field(struct csv *t, char *field)
{
    size_t r = t->count - 1;
    t->rows[r] = realloc(t->rows[r], (t->widths[r] + 1) * sizeof(char *));
    cr_assert_not_null(t->rows[r]);
    t->rows[r][t->widths[r]++] = field;
}

static void csv_new_row(struct csv *t)
{
    t->rows = realloc(t->rows, (t->count + 1) * sizeof *t->rows);
    t->widths = realloc(t->widths, (t->count + 1) * sizeof *t->widths);
    cr_assert(t->rows && t->widths);
    t->rows[t->count] = NULL;
    t->widths[t->count] = 0;
    t->count++;
}

/* Reads RFC 4180 text strictly: rows end in CRLF (the last one too), a
 * quoted field doubles its quotes, an unquoted one holds no comma, quote,
 * CR or LF.  Fails the test on anything else. */
static struct csv csv_read(const char *s, size_t size)
{
    struct csv t = {NULL, NULL, 0};
    size_t i = 0;
    while (i < size) {
        csv_new_row(&t);
        for (;;) {
            char *field = malloc(size - i + 1);
            size_t n = 0;
            cr_assert_not_null(field);
            if (s[i] == '"') {
                for (i++;; i++) {
                    cr_assert_lt(i, size, "unterminated quoted field");
                    if (s[i] == '"' && i + 1 < size && s[i + 1] == '"')
                        field[n++] = s[i++];
                    else if (s[i] == '"')
                        break;
                    else
                        field[n++] = s[i];
                }
                i++;
            } else {
                while (i < size && !strchr(",\r\n\"", s[i]))
                    field[n++] = s[i++];
                cr_assert(i >= size || s[i] != '"', "stray quote at %zu", i);
            }
            field[n] = '\0';
            csv_push_field(&t, field);
            cr_assert_lt(i, size, "the last row has no CRLF");
            if (s[i] == ',') {
                i++;
                continue;
            }
            cr_assert(s[i] == '\r' && i + 1 < size && s[i + 1] == '\n',
                      "a row ends in CRLF, not in 0x%02x at %zu",
                      (unsigned char)s[i], i);
            i += 2;
            break;
        }
    }
    return t;
}

static void csv_free(struct csv *t)
{
    for (size_t r = 0; r < t->count; r++) {
        for (size_t f = 0; f < t->widths[r]; f++)
            free(t->rows[r][f]);
        free(t->rows[r]);
    }
    free(t->rows);
    free(t->widths);
}

/* The index of column name in the header, failing the test without it. */
static size_t csv_column(const struct csv *t, const char *name)
{
    for (size_t f = 0; f < t->widths[0]; f++)
        if (strcmp(t->rows[0][f], name) == 0)
            return f;
    cr_assert_fail("no column %s", name);
    return 0;
}

static int csv_has_column(const struct csv *t, const char *name)
{
    for (size_t f = 0; f < t->widths[0]; f++)
        if (strcmp(t->rows[0][f], name) == 0)
            return 1;
    return 0;
}

/* Row r's field in column name. */
static const char *csv_field(const struct csv *t, size_t r, const char *name)
{
    return t->rows[r][csv_column(t, name)];
}

static double csv_number(const struct csv *t, size_t r, const char *name)
{
    const char *v = csv_field(t, r, name);
    char *end;
    cr_assert(v[0], "row %zu, %s is empty", r, name);
    double d = strtod(v, &end);
    cr_assert_eq(*end, '\0', "row %zu, %s: \"%s\" is not a number", r, name, v);
    return d;
}

static struct csv csv_of(int model)
{
    struct output out = export_of(BRUN_EXPORT_CSV, model);
    struct csv t = csv_read(out.text, out.size);
    free(out.text);
    return t;
}

/* The fixtures have no quote or comma in a name: the plain model with
 * three cases renamed so (the model is static storage, rebuilt by each
 * call). */
static const char quoted[] = "q/\"quoted\", \"\"twice\"\"", lone[] = "\"",
                  crlf[] = "a,b\r\nc";

static void plain_with_quotes(struct brun_results *r)
{
    report_model_plain(r);
    r->cases[PLAIN_PIPE].name = (char *)quoted;
    r->cases[PLAIN_HTML].name = (char *)lone;
    r->cases[PLAIN_MENTION].name = (char *)crlf;
}

static struct output csv_with_quotes(void)
{
    struct brun_results r;
    plain_with_quotes(&r);
    struct job job = {BRUN_EXPORT_CSV, &r};
    return capture(write_export, &job);
}

Test(csv, exports_match_golden)
{
    static const char *const goldens[] = {"csv_plain", "csv_compare",
                                          "csv_metrics", "csv_scaling"};
    for (int m = 0; m < 4; m++) {
        struct output out = export_of(BRUN_EXPORT_CSV, m);
        golden_check(goldens[m], &out);
        free(out.text);
    }
}

Test(csv, every_row_has_the_header_s_columns)
{
    static const char *const fixed[] = {
        "target",           "case",        "status",     "mean_ns",
        "median_ns",        "ci_low_ns",   "ci_high_ns", "sd_ns",
        "rounds",           "samples",     "iterations", "bytes_per_second",
        "items_per_second", "baseline_ns", "change",     "change_low",
        "change_high",      "verdict",     "fails",      "slo_status"};
    for (int m = 0; m < 4; m++) {
        struct csv t = csv_of(m);
        cr_assert_geq(t.count, 2);
        for (size_t f = 0; f < 20; f++)
            cr_assert_str_eq(t.rows[0][f], fixed[f], "model %d, column %zu", m,
                             f);
        for (size_t r = 1; r < t.count; r++)
            cr_assert_eq(t.widths[r], t.widths[0], "model %d, row %zu", m, r);
        csv_free(&t);
    }
}

Test(csv, hostile_names_survive_a_round_trip)
{
    struct brun_results r;
    report_model_plain(&r);
    struct csv t = csv_of(0);
    cr_assert_eq(t.count, 1 + PLAIN_CASES, "one row per case");
    for (size_t i = 0; i < r.case_count; i++) {
        cr_assert_str_eq(csv_field(&t, 1 + i, "case"), r.cases[i].name,
                         "case %zu", i);
        cr_assert_str_eq(csv_field(&t, 1 + i, "target"),
                         r.targets[r.cases[i].target].path);
    }
    cr_assert(strchr(r.cases[PLAIN_NEWLINE].name, '\n'), "the fixture");
    csv_free(&t);
    plain_with_quotes(&r);
    struct output out = csv_with_quotes();
    cr_assert(strstr(out.text, "\"q/\"\"quoted\"\", \"\"\"\"twice\"\"\"\"\""),
              "quotes doubled inside quotes: %s", out.text);
    t = csv_read(out.text, out.size);
    cr_assert_str_eq(csv_field(&t, 1 + PLAIN_PIPE, "case"), quoted);
    cr_assert_str_eq(csv_field(&t, 1 + PLAIN_HTML, "case"), lone);
    cr_assert_str_eq(csv_field(&t, 1 + PLAIN_MENTION, "case"), crlf);
    cr_assert_eq(t.count, 1 + PLAIN_CASES);
    csv_free(&t);
    free(out.text);
    report_model_compare(&r);
    t = csv_of(1);
    cr_assert_eq(t.count, 1 + COMPARE_CASES + COMPARE_MISSING);
    for (size_t i = 0; i < r.case_count; i++) {
        cr_assert_str_eq(csv_field(&t, 1 + i, "case"), r.cases[i].name);
        cr_assert_str_eq(csv_field(&t, 1 + i, "target"),
                         r.targets[r.cases[i].target].path,
                         "hostile target paths too");
    }
    csv_free(&t);
}

Test(csv, numbers_are_the_model_s)
{
    struct brun_results r;
    report_model_plain(&r);
    struct csv t = csv_of(0);
    for (size_t i = 0; i < r.case_count; i++) {
        const struct brun_case_result *c = &r.cases[i];
        size_t row = 1 + i;
        cr_assert_str_eq(csv_field(&t, row, "status"),
                         brun_status_name(c->status));
        cr_assert_str_eq(csv_field(&t, row, "slo_status"),
                         brun_slo_status_name(c->slo.status));
        cr_assert_str_eq(csv_field(&t, row, "verdict"), "", "no baseline");
        cr_assert_str_eq(csv_field(&t, row, "change"), "");
        if (c->status != BRUN_STATUS_OK) {
            cr_assert_str_eq(csv_field(&t, row, "mean_ns"), "");
            cr_assert_str_eq(csv_field(&t, row, "ci_low_ns"), "");
            continue;
        }
        cr_assert_eq(csv_number(&t, row, "mean_ns"), c->samples_summary.mean,
                     "the number reads back exactly");
        cr_assert_eq(csv_number(&t, row, "median_ns"),
                     c->samples_summary.median);
        cr_assert_eq(csv_number(&t, row, "sd_ns"), c->samples_summary.sd);
        cr_assert_eq(csv_number(&t, row, "ci_low_ns"), c->ci_low_ns);
        cr_assert_eq(csv_number(&t, row, "ci_high_ns"), c->ci_high_ns);
        cr_assert_eq(csv_number(&t, row, "rounds"), (double)c->round_count);
        cr_assert_eq(csv_number(&t, row, "samples"), c->plan.samples);
        cr_assert_eq(csv_number(&t, row, "iterations"),
                     (double)c->plan.iterations);
        if (c->bytes_per_iteration > 0)
            cr_assert_float_eq(
                csv_number(&t, row, "bytes_per_second"),
                c->bytes_per_iteration * 1e9 / c->samples_summary.mean, 1e-6);
        else
            cr_assert_str_eq(csv_field(&t, row, "bytes_per_second"), "");
        if (c->items_per_iteration > 0)
            cr_assert_float_eq(
                csv_number(&t, row, "items_per_second"),
                c->items_per_iteration * 1e9 / c->samples_summary.mean, 1e-6);
    }
    cr_assert_not(csv_has_column(&t, "instructions"), "no metric measured");
    csv_free(&t);
}

Test(csv, comparisons_carry_change_verdict_and_the_missing_cases)
{
    struct brun_results r;
    report_model_compare(&r);
    struct csv t = csv_of(1);
    size_t failing = 0, labelled = 0, fresh = 0;
    for (size_t i = 0; i < r.case_count; i++) {
        const struct brun_case_comparison *k = r.cases[i].comparison;
        size_t row = 1 + i;
        if (!k)
            continue;
        if (k->presence != BRUN_PRESENT_BOTH) {
            cr_assert_str_eq(csv_field(&t, row, "verdict"), "new");
            cr_assert_str_eq(csv_field(&t, row, "baseline_ns"), "");
            fresh++;
            continue;
        }
        cr_assert_eq(csv_number(&t, row, "baseline_ns"), k->baseline_ns);
        cr_assert_str_eq(csv_field(&t, row, "fails"),
                         k->stats.fails ? "true" : "false");
        failing += k->stats.fails;
        if (!k->stats.valid) {
            cr_assert_str_eq(csv_field(&t, row, "verdict"), "not comparable");
            cr_assert_str_eq(csv_field(&t, row, "change"), "");
            continue;
        }
        labelled++;
        cr_assert_str_eq(csv_field(&t, row, "verdict"),
                         brun_label_name(k->stats.label));
        cr_assert_eq(csv_number(&t, row, "change"), k->stats.ratio - 1);
        cr_assert_eq(csv_number(&t, row, "change_low"), k->stats.ci_lo - 1);
        cr_assert_eq(csv_number(&t, row, "change_high"), k->stats.ci_hi - 1);
    }
    cr_assert_geq(failing, 1, "the model has a case failing the gate");
    cr_assert_geq(labelled, 4);
    cr_assert_eq(fresh, 1);
    for (size_t m = 0; m < COMPARE_MISSING; m++) {
        size_t row = 1 + r.case_count + m;
        cr_assert_str_eq(csv_field(&t, row, "case"),
                         r.comparison->missing[m].name);
        cr_assert_str_eq(csv_field(&t, row, "status"), "missing");
        cr_assert_str_eq(csv_field(&t, row, "mean_ns"), "");
        cr_assert_eq(csv_number(&t, row, "baseline_ns"),
                     r.comparison->missing[m].baseline_ns);
    }
    csv_free(&t);
}

Test(csv, metric_columns_only_for_metrics_some_case_measured)
{
    struct brun_results r;
    report_model_metrics(&r);
    struct csv t = csv_of(2);
    for (int m = 0; m < BRUN_METRIC_COUNT; m++) {
        const char *name = brun_metric_name((enum brun_metric_id)m);
        int any = 0;
        for (size_t i = 0; i < r.case_count; i++)
            any |= r.cases[i].metrics[m].measured;
        cr_assert_eq(csv_has_column(&t, name), any, "%s", name);
        for (size_t i = 0; any && i < r.case_count; i++) {
            if (r.cases[i].metrics[m].measured)
                cr_assert_eq(csv_number(&t, 1 + i, name),
                             r.cases[i].metrics[m].value, "%s of %s", name,
                             r.cases[i].name);
            else
                cr_assert_str_eq(csv_field(&t, 1 + i, name), "");
        }
    }
    cr_assert(csv_has_column(&t, "instructions"), "the fixture");
    cr_assert_not(csv_has_column(&t, "branch_misses"), "the fixture");
    csv_free(&t);
}

/* Python's csv module reads the export and writes it back: the same bytes
 * mean it read the same fields (a reader not written here).  Every model,
 * and the one with quotes and commas in names. */
Test(csv, python_reads_it_and_writes_the_same_bytes)
{
    static const char script[] =
        "import csv, io, sys\n"
        "data = open(sys.argv[1], 'rb').read()\n"
        "text = data.decode('utf-8', 'surrogateescape')\n"
        "rows = list(csv.reader(io.StringIO(text, newline=''), strict=True))\n"
        "out = io.StringIO(newline='')\n"
        "csv.writer(out, lineterminator='\\r\\n').writerows(rows)\n"
        "same = out.getvalue().encode('utf-8', 'surrogateescape') == data\n"
        "print(len(rows), len(set(map(len, rows))), rows[0][1], same)\n";
    char *dir = make_scratch_dir();
    cr_assert_not_null(dir);
    for (int m = 0; m < 5; m++) {
        struct output out =
            m < 4 ? export_of(BRUN_EXPORT_CSV, m) : csv_with_quotes();
        struct csv t = csv_read(out.text, out.size);
        char path[4200], expect[64];
        snprintf(path, sizeof path, "%s/model%d.csv", dir, m);
        FILE *f = fopen(path, "wb");
        cr_assert_not_null(f);
        fwrite(out.text, 1, out.size, f);
        cr_assert_eq(fclose(f), 0);
        char *argv[] = {"/usr/bin/env", "python3", "-c",
                        (char *)script, path,      NULL};
        struct command_result res;
        cr_assert_eq(run_command(argv, NULL, 60, &res), 0);
        if (res.status == 127)
            cr_skip_test("python3 is not installed: %s", res.err);
        snprintf(expect, sizeof expect, "%zu 1 case True\n", t.count);
        cr_assert_str_eq(res.out, expect, "model %d: %s", m, res.err);
        command_result_free(&res);
        csv_free(&t);
        free(out.text);
    }
    free(dir);
}
