/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/* test_report.c: units are scaled for people, JSON is valid whatever the
 * strings, numbers or locale, and the console table lines up. */
#include "config.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reports/console/console.h"
#include "reports/text/escape.h"
#include "reports/text/format.h"
#include "reports/json/json.h"
#include "reports/text/json_writer.h"

Test(format, durations_pick_their_unit)
{
    static const struct {
        double ns;
        const char *text;
    } cases[] = {{0.8732, "873.2 ps"}, {12.345, "12.35 ns"},
                 {999.96, "1.000 µs"}, {1234.5, "1.234 µs"},
                 {2.5e9, "2.500 s"},   {4.2e6, "4.200 ms"},
                 {0, "0.000 ps"},      {NAN, "-"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[32];
        brun_format_duration(cases[i].ns, out, sizeof out);
        cr_assert_str_eq(out, cases[i].text, "%g ns", cases[i].ns);
    }
}

Test(format, rates_and_counts)
{
    char out[32];
    brun_format_byte_rate(1073741824.0, out, sizeof out);
    cr_assert_str_eq(out, "1.000 GiB/s");
    brun_format_byte_rate(1536, out, sizeof out);
    cr_assert_str_eq(out, "1.500 KiB/s");
    brun_format_byte_rate(512, out, sizeof out);
    cr_assert_str_eq(out, "512.0 B/s");
    brun_format_item_rate(12.3e6, out, sizeof out);
    cr_assert_str_eq(out, "12.30 M/s");
    brun_format_count(1234567, out, sizeof out);
    cr_assert_str_eq(out, "1,234,567");
    brun_format_count(999, out, sizeof out);
    cr_assert_str_eq(out, "999");
    cr_assert_eq(brun_display_width("1.0 µs"), 6);
}

/* Writes with the JSON writer into memory and parses it back. */
static json_t *write_and_parse(void (*writer)(struct brun_json *, void *),
                               void *ctx, char **text)
{
    size_t size;
    FILE *f = open_memstream(text, &size);
    struct brun_json j;
    brun_json_init(&j, f, 1);
    writer(&j, ctx);
    fclose(f);
    json_error_t error;
    json_t *root = json_loads(*text, 0, &error);
    cr_assert_not_null(root, "invalid JSON (%s): %s", error.text, *text);
    return root;
}

static const char *hostile[] = {"quote\" backslash\\",   "new\nline\r\ttab",
                                "\x01\x1f control",      "µs ✓ 漢字",
                                "bad utf8 \xff\xfe end", "</script>"};

static void write_hostile(struct brun_json *j, void *ctx)
{
    (void)ctx;
    brun_json_object_begin(j, NULL);
    brun_json_array_begin(j, "strings");
    for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++)
        brun_json_string(j, NULL, hostile[i]);
    brun_json_array_end(j);
    brun_json_number(j, "nan", NAN);
    brun_json_number(j, "inf", INFINITY);
    brun_json_number(j, "tenth", 0.1);
    brun_json_number(j, "tiny", 5e-324);
    brun_json_uint(j, "big", 9007199254740993ull);
    brun_json_object_begin(j, "empty");
    brun_json_object_end(j);
    brun_json_object_end(j);
}

Test(json, hostile_strings_and_numbers_stay_valid)
{
    char *text;
    json_t *root = write_and_parse(write_hostile, NULL, &text);
    json_t *strings = json_object_get(root, "strings");
    for (size_t i = 0; i < 4; i++)
        cr_assert_str_eq(json_string_value(json_array_get(strings, i)),
                         hostile[i]);
    cr_assert_str_eq(json_string_value(json_array_get(strings, 4)),
                     "bad utf8 \xef\xbf\xbd\xef\xbf\xbd end");
    cr_assert(json_is_null(json_object_get(root, "nan")));
    cr_assert(json_is_null(json_object_get(root, "inf")));
    cr_assert(json_real_value(json_object_get(root, "tenth")) == 0.1);
    cr_assert(strstr(text, "\"tenth\": 0.1,"), "shortest form: %s", text);
    cr_assert(json_real_value(json_object_get(root, "tiny")) == 5e-324);
    cr_assert_eq(json_integer_value(json_object_get(root, "big")),
                 9007199254740993ll, "integers are exact");
    json_decref(root);
    free(text);
}

static void write_numbers(struct brun_json *j, void *ctx)
{
    (void)ctx;
    brun_json_object_begin(j, NULL);
    brun_json_number(j, "half", 1.5);
    brun_json_object_end(j);
}

Test(json, numbers_use_a_point_in_a_comma_locale)
{
    if (!setlocale(LC_NUMERIC, "de_DE.UTF-8"))
        cr_skip_test("locale de_DE.UTF-8 is not installed");
    cr_assert_str_eq(localeconv()->decimal_point, ",");
    char *text;
    json_t *root = write_and_parse(write_numbers, NULL, &text);
    cr_assert(strstr(text, "1.5"), "%s", text);
    json_decref(root);
    free(text);
    char out[32];
    brun_format_duration(12.345, out, sizeof out);
    cr_assert_str_eq(out, "12.35 ns");
}

/* A small but complete results model: one ok case, one failed. */
static void sample_results(struct brun_results *r)
{
    static struct brun_sample_result samples[2] = {
        {1000, 10000, 0, 9000, 0, 10.0}, {1000, 12000, 0, 11000, 1, 12.0}};
    static struct brun_round_result rounds[2];
    static struct brun_case_result cases[2];
    static struct brun_target_info target = {"./bench \"quoted\"", "0.1.0", 1,
                                             2};
    memset(r, 0, sizeof *r);
    r->context.benchrun_version = "0.1.0";
    snprintf(r->context.date, sizeof r->context.date, "2026-11-21T00:00:00Z");
    r->context.clock.kind = BRUN_CLOCK_MONOTONIC;
    r->context.clock.ticks_per_second = 1e9;
    r->context.settings.rounds = 2;
    r->context.settings.samples = 1;
    for (int i = 0; i < 2; i++) {
        rounds[i].index = (unsigned)i;
        rounds[i].samples = &samples[i];
        rounds[i].sample_count = 1;
        rounds[i].mean_ns = rounds[i].estimate_ns = samples[i].ns_per_iteration;
    }
    cases[0].name = "hash/lookup|pipe";
    cases[0].file = "bench.c";
    cases[0].compiler = "gcc";
    cases[0].rounds = rounds;
    cases[0].round_count = 2;
    cases[0].plan.samples = 1;
    cases[0].plan.iterations = 1000;
    cases[0].bytes_per_iteration = 64;
    double x[] = {10, 12};
    brun_stats_summarize(x, 2, &cases[0].samples_summary);
    brun_stats_summarize(x, 2, &cases[0].rounds_summary);
    cases[0].ci_low_ns = 5;
    cases[0].ci_high_ns = 17;
    cases[1].name = "crash/segv";
    cases[1].file = "bench.c";
    cases[1].compiler = "gcc";
    cases[1].status = BRUN_STATUS_FAILED;
    cases[1].failure = BRUN_FAILURE_SIGNAL;
    cases[1].reason = "killed by signal SIGSEGV (Segmentation fault)";
    cases[1].output = "line one\nline two\n";
    r->cases = cases;
    r->case_count = 2;
    r->targets = &target;
    r->target_count = 1;
}

Test(json, results_document_has_every_part)
{
    struct brun_results r;
    char *text;
    size_t size;
    sample_results(&r);
    FILE *f = open_memstream(&text, &size);
    brun_json_write_results(f, &r);
    fclose(f);
    json_error_t error;
    json_t *root = json_loads(text, 0, &error);
    cr_assert_not_null(root, "%s", error.text);
    cr_assert_str_eq(json_string_value(json_object_get(root, "schema")),
                     "benchrun-results");
    cr_assert_eq(json_integer_value(json_object_get(root, "schema_version")),
                 BRUN_JSON_SCHEMA_VERSION);
    json_t *ok = json_array_get(json_object_get(root, "cases"), 0);
    json_t *failed = json_array_get(json_object_get(root, "cases"), 1);
    cr_assert_eq(json_number_value(json_object_get(
                     json_object_get(ok, "estimate"), "mean_ns")),
                 11.0);
    cr_assert_eq(json_array_size(json_object_get(ok, "rounds")), 2);
    cr_assert_eq(json_number_value(json_object_get(
                     json_object_get(ok, "throughput"), "bytes_per_second")),
                 64 * 1e9 / 11.0);
    cr_assert(json_is_null(json_object_get(failed, "estimate")));
    cr_assert_str_eq(json_string_value(json_object_get(failed, "failure")),
                     "signal");
    json_decref(root);
    free(text);
}

Test(console, table_lines_up_and_failures_are_explained)
{
    struct brun_results r;
    struct brun_console_style style = {0, 0};
    char *text;
    size_t size;
    sample_results(&r);
    FILE *f = open_memstream(&text, &size);
    brun_console_table(f, &r, &style);
    fclose(f);
    cr_assert(strstr(text, "hash/lookup|pipe"), "%s", text);
    cr_assert(strstr(text, "FAILED crash/segv: killed by signal SIGSEGV"), "%s",
              text);
    cr_assert(strstr(text, "  | line two\n"), "%s", text);
    cr_assert_null(strstr(text, "\033["), "no colour when it is off");
    /* Header and the ok row are the same width in columns. */
    char *header = strstr(text, "case");
    char *row = strstr(text, "hash/lookup|pipe");
    size_t header_len = strcspn(header, "\n"), row_len = strcspn(row, "\n");
    char h[512], w[512];
    snprintf(h, sizeof h, "%.*s", (int)header_len, header);
    snprintf(w, sizeof w, "%.*s", (int)row_len, row);
    cr_assert_eq(brun_display_width(h), brun_display_width(w), "\n%s\n%s", h,
                 w);
    free(text);
}

/* -v: a round that kept its preempted samples (too many to leave out)
 * does not count them as left out. */
Test(console, preempted_samples_are_left_out_only_when_they_were)
{
    struct brun_results r;
    struct brun_console_style style = {0, 1};
    char *text;
    size_t size;
    sample_results(&r);
    r.cases[0].rounds[0].disturbed_samples = 1;
    r.cases[0].rounds[0].used_all_samples = 1;
    r.cases[0].rounds[1].disturbed_samples = 1;
    r.cases[0].rounds[1].used_all_samples = 1;
    FILE *f = open_memstream(&text, &size);
    brun_console_table(f, &r, &style);
    fclose(f);
    cr_assert_null(strstr(text, "left out)"), "%s", text);
    cr_assert(strstr(text, "(2 preempted samples kept: too many to leave "
                           "out)"),
              "%s", text);
    free(text);
    r.cases[0].rounds[1].used_all_samples = 0;
    f = open_memstream(&text, &size);
    brun_console_table(f, &r, &style);
    fclose(f);
    cr_assert(strstr(text, "(1 preempted sample left out) (1 preempted "
                           "sample kept: too many to leave out)"),
              "%s", text);
    free(text);
    r.cases[0].rounds[0].disturbed_samples = 0;
    r.cases[0].rounds[1].disturbed_samples = 0;
}

Test(escape, terminal_text_shows_every_control)
{
    char *text = brun_term_string("a\033[31mb\r\nc\a\td\x7f\xff"
                                  "\xc2\x9b"
                                  "e\xe2\x80\xae"
                                  "f");
    cr_assert_str_eq(text, "a\\x1b[31mb\\r\\nc\\x07\\td\\x7f\\xff\\u009be"
                           "\\u202ef");
    free(text);
    text = brun_term_string("  ::error::x");
    cr_assert_str_eq(text, "  \\x3a:error::x");
    free(text);
    /* C++ names keep their colons; UTF-8 passes through. */
    text = brun_term_string("ns::f µs");
    cr_assert_str_eq(text, "ns::f µs");
    free(text);
}

Test(console, untrusted_text_cannot_start_a_line_or_an_escape)
{
    struct brun_results r;
    struct brun_console_style style = {0, 1};
    char *text;
    size_t size;
    sample_results(&r);
    r.cases[1].name = "::warning::named\033]0;title\a";
    r.cases[1].reason = "x\n::error::y\r\033[2J";
    r.cases[1].output = "ok\n::error file=a::z\033[1A\n";
    FILE *f = open_memstream(&text, &size);
    brun_console_table(f, &r, &style);
    fclose(f);
    cr_assert_null(strchr(text, '\033'), "%s", text);
    cr_assert_null(strchr(text, '\r'), "%s", text);
    cr_assert_null(strchr(text, '\a'), "%s", text);
    for (const char *line = text; line; line = strchr(line, '\n')) {
        line += *line == '\n';
        cr_assert_neq(strncmp(line + strspn(line, " "), "::", 2), 0,
                      "a line starts a workflow command:\n%s", text);
    }
    cr_assert(strstr(text, "x\\n::error::y\\r\\x1b[2J"), "%s", text);
    cr_assert(strstr(text, "  | \\x3a:error file=a::z\\x1b[1A\n"), "%s", text);
    free(text);
}
