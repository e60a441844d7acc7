/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/* test_driver.c: the real benchrun program against real executables:
 * misbehaving cases become reported results, bad targets and bad
 * options are one-line errors with exit 2, a broken worker protocol is
 * caught, a bench executable run directly acts as benchrun, and what a
 * hostile bench prints reaches the terminal inert. */
#include "config.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tests/helpers.h"

/* Fast settings: the tests check behaviour, not timings. */
#define FAST \
    "--rounds", "2", "--samples", "2", "--warmup", "0", "--sample-time", "1ms"

static char *scratch;
static char json_path[4200];

static void setup(void)
{
    scratch = make_scratch_dir();
    cr_assert_not_null(scratch);
    snprintf(json_path, sizeof json_path, "%s/out.json", scratch);
}

TestSuite(driver, .init = setup, .timeout = 120);

static char *copy(const char *s)
{
    char *c = strdup(s);
    cr_assert_not_null(c);
    return c;
}

/* Runs benchrun with args (NULL-terminated, without argv[0]). */
static void benchrun(struct command_result *r, char *const env[], ...)
{
    char *argv[64];
    size_t n = 0;
    va_list ap;
    argv[n++] = copy(build_path("runner/benchrun"));
    va_start(ap, env);
    for (const char *a; (a = va_arg(ap, const char *)) && n < 63;)
        argv[n++] = copy(a);
    va_end(ap);
    argv[n] = NULL;
    cr_assert_eq(run_command(argv, env, 100, r), 0, "cannot run benchrun");
    for (size_t i = 0; i < n; i++)
        free(argv[i]);
}

static json_t *load_json(void)
{
    json_error_t error;
    json_t *root = json_load_file(json_path, 0, &error);
    cr_assert_not_null(root, "invalid JSON: %s at line %d", error.text,
                       error.line);
    return root;
}

static json_t *find_case(json_t *root, const char *name)
{
    size_t i;
    json_t *c;
    json_array_foreach(json_object_get(root, "cases"), i, c)
        if (strcmp(json_string_value(json_object_get(c, "name")), name) == 0)
            return c;
    cr_assert_fail("case %s not in the JSON", name);
    return NULL;
}

static const char *field(json_t *c, const char *key)
{
    const char *v = json_string_value(json_object_get(c, key));
    return v ? v : "";
}

static void expect_failure(json_t *root, const char *name, const char *kind,
                           const char *reason_words)
{
    json_t *c = find_case(root, name);
    cr_assert_str_eq(field(c, "status"), "failed", "%s", name);
    cr_assert_str_eq(field(c, "failure"), kind, "%s", name);
    cr_assert(strstr(field(c, "reason"), reason_words), "%s: reason \"%s\"",
              name, field(c, "reason"));
}

Test(driver, misbehaving_cases_are_reported_and_the_others_measured)
{
    struct command_result r;
    benchrun(&r, NULL, build_path("tests/bench_faulty"), FAST, "--timeout", "1",
             "--json", json_path, NULL);
    cr_assert_eq(r.status, 3, "exit %d; stderr: %s", r.status, r.err);
    json_t *root = load_json();

    expect_failure(root, "crash/segfault", "signal", "SIGSEGV");
    expect_failure(root, "crash/abort", "signal", "SIGABRT");
    expect_failure(root, "crash/exit", "exit", "status 7");
    expect_failure(root, "crash/hang", "timeout", "timed out after 1 s");
    expect_failure(root, "misuse/never_enters_loop", "misuse",
                   "without entering BENCH_LOOP");
    expect_failure(root, "misuse/breaks_out", "misuse", "early");
    expect_failure(root, "misuse/returns_inside", "misuse", "from inside");
    expect_failure(root, "report/fails", "reported",
                   "fixture missing: data.bin");
    /* Where a crash happened is said (reports/model/wording.c); a case's
     * own message is left as it is. */
    expect_failure(root, "crash/segfault", "signal", ", while calibrating");
    cr_assert_str_eq(field(find_case(root, "report/fails"), "reason"),
                     "fixture missing: data.bin");
    cr_assert(strstr(field(find_case(root, "crash/segfault"), "output"),
                     "about to dereference NULL"),
              "the crashing case's output is kept");
    cr_assert_str_eq(field(find_case(root, "report/skips"), "status"),
                     "skipped");
    cr_assert_str_eq(field(find_case(root, "report/skips"), "reason"),
                     "needs 64 CPUs");

    const char *measured[] = {"ok/healthy", "noise/spam_stdout"};
    for (size_t i = 0; i < 2; i++) {
        json_t *c = find_case(root, measured[i]);
        cr_assert_str_eq(field(c, "status"), "ok", "%s: %s", measured[i],
                         field(c, "reason"));
        json_t *rounds = json_object_get(c, "rounds");
        cr_assert_eq(json_array_size(rounds), 2);
        /* Two samples, unless a busy machine made benchrun shorten them
         * and take more (runner/measure/measure.c says so in the JSON). */
        size_t samples = json_array_size(
            json_object_get(json_array_get(rounds, 1), "samples"));
        double shortened = json_number_value(json_object_get(
            json_object_get(c, "contention"), "shortened_to_ms"));
        if (shortened > 0)
            cr_assert_geq(samples, 2, "%s", measured[i]);
        else
            cr_assert_eq(samples, 2, "%s", measured[i]);
        double mean = json_number_value(
            json_object_get(json_object_get(c, "estimate"), "mean_ns"));
        cr_assert(mean > 0, "%s mean %g", measured[i], mean);
    }
    json_decref(root);

    cr_assert(strstr(r.out, "FAILED crash/segfault: killed by signal SIGSEGV"),
              "%s", r.out);
    cr_assert(strstr(r.out, "  | about to dereference NULL"), "%s", r.out);
    cr_assert_null(strstr(r.out, "spam line"),
                   "a healthy case's output is not shown");
    command_result_free(&r);
}

Test(driver, bench_executable_run_directly_acts_as_benchrun)
{
    struct command_result direct, driven;
    char *argv[] = {copy(build_path("tests/bench_faulty")), "--list", NULL};
    cr_assert_eq(run_command(argv, NULL, 60, &direct), 0);
    benchrun(&driven, NULL, build_path("tests/bench_faulty"), "--list", NULL);
    cr_assert_eq(direct.status, 0, "%s", direct.err);
    cr_assert_str_eq(direct.out, driven.out);
    cr_assert(strstr(direct.out, "crash/segfault\n"));
    cr_assert_eq(count_occurrences(direct.out, "\n"), 11);
    free(argv[0]);
    command_result_free(&direct);
    command_result_free(&driven);
}

Test(driver, a_missing_driver_is_explained)
{
    struct command_result r;
    char *argv[] = {copy(build_path("tests/bench_faulty")), "--list", NULL};
    char *env[] = {"BENCHRUN_DRIVER=/nonexistent/benchrun", NULL};
    cr_assert_eq(run_command(argv, env, 60, &r), 0);
    cr_assert_eq(r.status, 2);
    cr_assert(strstr(r.err, "BENCHRUN_DRIVER=/nonexistent/benchrun"), "%s",
              r.err);
    free(argv[0]);
    command_result_free(&r);
}

/* Runs benchrun with the given arguments and expects exit 2 and one
 * line on stderr containing words, nothing on stdout. */
static void expect_usage_error(const char *words, char *const env[], ...)
{
    char *argv[32];
    size_t n = 0;
    struct command_result r;
    va_list ap;
    argv[n++] = copy(build_path("runner/benchrun"));
    va_start(ap, env);
    for (const char *a; (a = va_arg(ap, const char *)) && n < 31;)
        argv[n++] = copy(a);
    va_end(ap);
    argv[n] = NULL;
    cr_assert_eq(run_command(argv, env, 60, &r), 0);
    cr_assert_eq(r.status, 2, "exit %d for \"%s\": %s", r.status, words, r.err);
    cr_assert(is_one_line(r.err), "not one line: \"%s\"", r.err);
    cr_assert(strncmp(r.err, "benchrun: ", 10) == 0, "%s", r.err);
    cr_assert(strstr(r.err, words), "\"%s\" lacks \"%s\"", r.err, words);
    cr_assert_str_eq(r.out, "", "nothing measured, nothing printed");
    for (size_t i = 0; i < n; i++)
        free(argv[i]);
    command_result_free(&r);
}

Test(driver, usage_errors_are_one_line_and_exit_2)
{
    const char *bench = build_path("tests/bench_faulty");
    char bench_copy[4096];
    snprintf(bench_copy, sizeof bench_copy, "%s", bench);

    expect_usage_error("unknown option --frobnicate", NULL, "--frobnicate",
                       bench_copy, NULL);
    expect_usage_error("unknown option -x", NULL, "-x", bench_copy, NULL);
    expect_usage_error("no targets", NULL, NULL);
    expect_usage_error("--rounds: expected a whole number", NULL, "--rounds",
                       "many", bench_copy, NULL);
    expect_usage_error("\"0\"", NULL, "--samples", "0", bench_copy, NULL);
    expect_usage_error("--timeout: expected a duration", NULL, "--timeout",
                       "soon", bench_copy, NULL);
    expect_usage_error("--clock: unknown clock \"sundial\"", NULL, "--clock",
                       "sundial", bench_copy, NULL);
    expect_usage_error("--json needs a value", NULL, bench_copy, "--json",
                       NULL);
    expect_usage_error("--filter: bad regular expression", NULL, "--filter",
                       "(", bench_copy, NULL);
    expect_usage_error("no case matches --filter \"zzz\"", NULL, "--filter",
                       "zzz", bench_copy, NULL);
    expect_usage_error("does not exist", NULL, "--json",
                       "/nonexistent/dir/out.json", bench_copy, NULL);
}

Test(driver, bad_targets_are_one_line_errors_with_exit_2)
{
    char text_file[4200], script[4200];
    snprintf(text_file, sizeof text_file, "%s/notes.txt", scratch);
    snprintf(script, sizeof script, "%s/not-elf", scratch);
    FILE *f = fopen(text_file, "w");
    fputs("just text\n", f);
    fclose(f);
    f = fopen(script, "w");
    fputs("\x01\x02 not a program\n", f);
    fclose(f);
    chmod(script, 0755);

    expect_usage_error("/nonexistent/bench: No such file or directory", NULL,
                       "/nonexistent/bench", NULL);
    expect_usage_error("is a directory", NULL, scratch, NULL);
    expect_usage_error("not an executable file", NULL, text_file, NULL);
    expect_usage_error("cannot execute: Exec format error", NULL, script, NULL);
    expect_usage_error("not a benchrun bench executable", NULL, "/bin/true",
                       NULL);
}

Test(driver, a_broken_worker_protocol_is_caught)
{
    const char *fake = build_path("tests/fake_worker");
    char fake_copy[4096];
    snprintf(fake_copy, sizeof fake_copy, "%s", fake);
    char *version[] = {"FAKE_WORKER_MODE=version", NULL};
    char *silent[] = {"FAKE_WORKER_MODE=silent", NULL};
    char *garbage[] = {"FAKE_WORKER_MODE=garbage-first", NULL};
    char *truncated[] = {"FAKE_WORKER_MODE=truncated", NULL};
    char *list_garbage[] = {"FAKE_WORKER_MODE=list-garbage", NULL};

    expect_usage_error("speaks worker protocol 99", version, fake_copy, NULL);
    expect_usage_error("exited with status 0 without a benchrun greeting",
                       silent, fake_copy, NULL);
    expect_usage_error("not a benchrun greeting", garbage, fake_copy, NULL);
    expect_usage_error("truncated message", truncated, fake_copy, NULL);
    expect_usage_error("malformed message 3", list_garbage, fake_copy, NULL);
}

Test(driver, garbage_while_measuring_fails_only_that_case)
{
    const char *modes[][2] = {
        {"FAKE_WORKER_MODE=run-garbage", "SAMPLE"},
        {"FAKE_WORKER_MODE=run-extra", "more samples than"}};
    for (size_t i = 0; i < 2; i++) {
        struct command_result r;
        char *env[] = {(char *)modes[i][0], NULL};
        benchrun(&r, env, build_path("tests/fake_worker"), FAST, "--iterations",
                 "10", "--json", json_path, NULL);
        cr_assert_eq(r.status, 3, "%s: exit %d %s", modes[i][0], r.status,
                     r.err);
        json_t *root = load_json();
        expect_failure(root, "fake/one", "protocol", modes[i][1]);
        json_decref(root);
        command_result_free(&r);
    }
}

Test(driver, help_and_version)
{
    struct command_result r;
    benchrun(&r, NULL, "--help", NULL);
    cr_assert_eq(r.status, 0);
    cr_assert(strstr(r.out, "Usage: benchrun [OPTIONS] [TARGET...]"));
    cr_assert(strstr(r.out, "--timeout TIME"));
    cr_assert(strstr(r.out, "worker processes per case (default 10)"));
    cr_assert(strstr(r.out, "\nReport bugs to: " PACKAGE_BUGREPORT "\n"), "%s",
              r.out);
    command_result_free(&r);
    benchrun(&r, NULL, "--version", NULL);
    cr_assert_eq(r.status, 0);
    /* GNU conventions: copyright and licence after the version, and
     * --help ends saying where to report bugs. */
    cr_assert_str_eq(r.out,
                     "benchrun " PACKAGE_VERSION "\n"
                     "Copyright (C) 2026 The benchrun authors.\n"
                     "License GPLv3+: GNU GPL version 3 or later "
                     "<https://gnu.org/licenses/gpl.html>.\n"
                     "This is free software: you are free to change and "
                     "redistribute it.\n"
                     "There is NO WARRANTY, to the extent permitted by law.\n");
    command_result_free(&r);
}

Test(driver, examples_run_end_to_end_with_throughput_and_parameters)
{
    struct command_result r;
    char paths[6][4096];
    const char *names[] = {"hash_lookup", "config_parse", "env_capture",
                           "memcpy",      "sort",         "harness"};
    for (int i = 0; i < 6; i++) {
        char rel[64];
        snprintf(rel, sizeof rel, "examples/%s", names[i]);
        snprintf(paths[i], sizeof paths[i], "%s", build_path(rel));
    }
    benchrun(&r, NULL, paths[0], paths[1], paths[2], paths[3], paths[4],
             paths[5], FAST, "-q", "--json", json_path, NULL);
    cr_assert_eq(r.status, 0, "%s\n%s", r.out, r.err);
    json_t *root = load_json();
    cr_assert_eq(json_array_size(json_object_get(root, "targets")), 6);
    size_t i;
    json_t *c;
    json_array_foreach(json_object_get(root, "cases"), i, c) {
        /* An empty loop the compiler deleted is skipped, never 0 ps. */
        if (strcmp(field(c, "name"), "harness/empty") == 0 &&
            strcmp(field(c, "status"), "skipped") == 0) {
            cr_assert(strstr(field(c, "reason"), "no measurable time"));
            continue;
        }
        cr_assert_str_eq(field(c, "status"), "ok", "%s: %s", field(c, "name"),
                         field(c, "reason"));
    }
    find_case(root, "context/capture/0");
    find_case(root, "context/capture/150");
    json_t *copy4k = find_case(root, "memory/memcpy/4096");
    json_t *tp = json_object_get(copy4k, "throughput");
    cr_assert_eq(json_number_value(json_object_get(tp, "bytes_per_iteration")),
                 4096);
    cr_assert(json_number_value(json_object_get(tp, "bytes_per_second")) > 0);
    json_t *clock = json_object_get(json_object_get(root, "context"), "clock");
    cr_assert(json_number_value(json_object_get(clock, "resolution_ns")) > 0);
    cr_assert(json_number_value(json_object_get(clock, "read_cost_ns")) > 0);
    json_decref(root);
    cr_assert(strstr(r.out, "memory/memcpy/65536"), "%s", r.out);
    cr_assert(strstr(r.out, "GiB/s"), "throughput column: %s", r.out);
    cr_assert_null(strstr(r.out, "clock "), "-q hides the context block");
    command_result_free(&r);
}

Test(driver, filter_selects_cases_by_regex)
{
    struct command_result r;
    benchrun(&r, NULL, build_path("examples/harness"), FAST, "--iterations",
             "1000", "--filter", "^harness/em", "--json", json_path, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    json_t *root = load_json();
    json_t *cases = json_object_get(root, "cases");
    cr_assert_eq(json_array_size(cases), 1);
    cr_assert_str_eq(field(json_array_get(cases, 0), "name"), "harness/empty");
    json_t *plan = json_object_get(json_array_get(cases, 0), "plan");
    cr_assert_eq(json_integer_value(json_object_get(plan, "iterations")), 1000);
    cr_assert(json_is_false(json_object_get(plan, "calibrated")));
    json_decref(root);
    command_result_free(&r);
}

Test(driver, the_header_works_from_cxx)
{
    struct command_result r;
    benchrun(&r, NULL, build_path("tests/bench_cxx"), "--list", NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_str_eq(r.out, "cxx/ranged/1\ncxx/ranged/4\ncxx/ranged/16\n"
                            "cxx/ranged/64\ncxx/sized/16\ncxx/sized/256\n"
                            "cxx/string_append\n"
                            "cxxp/product/size:8/order:up/threads:1\n"
                            "cxxp/product/size:8/order:up/threads:2\n"
                            "cxxp/product/size:8/order:down/threads:1\n"
                            "cxxp/product/size:8/order:down/threads:2\n"
                            "cxxp/product/size:64/order:up/threads:1\n"
                            "cxxp/product/size:64/order:up/threads:2\n"
                            "cxxp/product/size:64/order:down/threads:1\n"
                            "cxxp/product/size:64/order:down/threads:2\n");
    command_result_free(&r);
}

Test(driver, a_cxx_threaded_product_with_a_fixture_runs)
{
    struct command_result r;
    benchrun(&r, NULL, build_path("tests/bench_cxx"), FAST, "--filter",
             "^cxxp/product/size:64/order:down/threads:2$", NULL);
    cr_assert_eq(r.status, 0, "%s%s", r.out, r.err);
    cr_assert(strstr(r.out, "cxxp/product/size:64/order:down/threads:2") &&
                  !strstr(r.out, "FAILED"),
              "%s", r.out);
    command_result_free(&r);
}

Test(driver, list_honours_filter_and_filters_add_up)
{
    struct command_result r;
    benchrun(&r, NULL, build_path("examples/harness"), "--list", "--filter",
             "empty$", NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_str_eq(r.out, "harness/empty\n");
    command_result_free(&r);
    /* A second --filter widens the selection, never replaces the first. */
    benchrun(&r, NULL, build_path("examples/harness"), "--list", "--filter",
             "empty$", "--filter", "chain", NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_str_eq(r.out, "harness/chain_1000\nharness/empty\n");
    command_result_free(&r);
    /* Each part is checked alone: two halves do not make one regex. */
    benchrun(&r, NULL, build_path("examples/harness"), "--list", "--filter",
             "a)|(b", "--filter", "c", NULL);
    cr_assert_eq(r.status, 2, "%s", r.out);
    cr_assert(strstr(r.err, "bad regular expression \"a)|(b\""), "%s", r.err);
    command_result_free(&r);
}

Test(driver, fail_above_with_nothing_to_compare_warns)
{
    struct command_result r;
    benchrun(&r, NULL, build_path("examples/harness"), FAST, "-q",
             "--iterations", "100", "--filter", "empty$", "--fail-above", "10%",
             NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.err, "warning: --fail-above 10% has nothing to "
                            "compare with"),
              "%s", r.err);
    command_result_free(&r);
}

Test(driver, a_tight_budget_cuts_the_warm_up_too)
{
    struct command_result r;
    /* 1 ms cannot hold even the least rounds and samples: what is left
     * to cut is the warm-up, which the plan then reports. */
    benchrun(&r, NULL, build_path("examples/harness"), "--rounds", "2",
             "--samples", "2", "--sample-time", "1ms", "--warmup", "30ms",
             "--budget", "1ms", "-q", "--filter", "chain", "--json", json_path,
             NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    json_t *root = load_json();
    json_t *plan =
        json_object_get(find_case(root, "harness/chain_1000"), "plan");
    cr_assert(json_is_true(json_object_get(plan, "budget_limited")));
    cr_assert_eq(json_number_value(json_object_get(plan, "warmup_ms")), 0);
    json_decref(root);
    command_result_free(&r);
}

/* A bench executable built with the previous libbenchrun (a saved
 * baseline's copy, say) speaks protocol 2: CASE without the thread
 * count.  It is still listed and measured, as one thread. */
Test(driver, a_protocol_2_worker_is_still_read)
{
    struct command_result r;
    char *old[] = {"FAKE_WORKER_MODE=protocol2", NULL};
    benchrun(&r, old, build_path("tests/fake_worker"), FAST, "-q", "--json",
             json_path, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    json_t *root = load_json();
    json_t *c = find_case(root, "fake/sized/64");
    cr_assert_str_eq(field(c, "status"), "ok");
    cr_assert_eq(json_integer_value(json_object_get(c, "arg")), 64);
    cr_assert_str_eq(field(c, "arg_name"), "bytes");
    cr_assert_eq(json_integer_value(json_object_get(c, "threads")), 1);
    json_decref(root);
    command_result_free(&r);
}

/* The fake worker's calibration accepts 1000 iterations at two thirds
 * of the target: the plan aims at the target itself (1500), and a case
 * at the iteration cap in 40 ticks is skipped, never reported as 0 ps. */
Test(driver, calibration_aims_at_the_target_and_skips_empty_loops)
{
    struct command_result r;
    char *calibrate[] = {"FAKE_WORKER_MODE=calibrate", NULL};
    char *empty[] = {"FAKE_WORKER_MODE=calibrate-empty", NULL};
    benchrun(&r, calibrate, build_path("tests/fake_worker"), FAST, "-q",
             "--json", json_path, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    json_t *root = load_json();
    json_t *plan = json_object_get(find_case(root, "fake/one"), "plan");
    json_int_t n = json_integer_value(json_object_get(plan, "iterations"));
    cr_assert(n >= 1499 && n <= 1501, "iterations %lld", (long long)n);
    json_decref(root);
    command_result_free(&r);

    benchrun(&r, empty, build_path("tests/fake_worker"), FAST, "-q", "--json",
             json_path, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    root = load_json();
    json_t *c = find_case(root, "fake/one");
    cr_assert_str_eq(field(c, "status"), "skipped");
    cr_assert(strstr(field(c, "reason"), "takes no measurable time"), "%s",
              field(c, "reason"));
    json_decref(root);
    command_result_free(&r);
}

/* bench_faulty has a RUNPATH into the build tree, so the store keeps no
 * copy: the save says so, and the comparison says why it used the saved
 * numbers. */
Test(driver, a_copy_not_kept_is_said_at_save_and_at_compare)
{
    struct command_result r;
    char store[4200];
    snprintf(store, sizeof store, "%s/store", scratch);
    benchrun(&r, NULL, build_path("tests/bench_faulty"), FAST, "--filter",
             "^ok/", "--baseline-dir", store, "--save-baseline", "main", NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.err, "note: no copy of "), "%s", r.err);
    cr_assert(strstr(r.err, "not self-contained: DT_RUNPATH"), "%s", r.err);
    command_result_free(&r);
    benchrun(&r, NULL, build_path("tests/bench_faulty"), FAST, "--filter",
             "^ok/", "--baseline-dir", store, "--baseline", "main", NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "the baseline holds no copy of "), "%s", r.out);
    cr_assert(strstr(r.out, "comparing with its saved numbers instead"), "%s",
              r.out);
    command_result_free(&r);
}

/* No raw ESC, CR or BEL, and no line a CI runner would read as a
 * workflow command (it trims leading spaces first). */
static void expect_inert(const char *text, const char *stream)
{
    cr_assert_null(strpbrk(text, "\033\r\a"), "%s: %s", stream, text);
    for (const char *line = text; line; line = strchr(line, '\n')) {
        line += *line == '\n';
        cr_assert_neq(strncmp(line + strspn(line, " \t"), "::", 2), 0,
                      "%s starts a workflow command:\n%s", stream, text);
    }
}

Test(driver, a_hostile_message_is_shown_escaped_and_kept_intact)
{
    struct command_result r;
    benchrun(&r, NULL, build_path("tests/bench_hostile"), FAST, "--filter",
             "^hostile/message$", "--json", json_path, NULL);
    cr_assert_eq(r.status, 3, "exit %d; stderr: %s", r.status, r.err);
    expect_inert(r.out, "stdout");
    expect_inert(r.err, "stderr");
    cr_assert(
        strstr(r.out, "FAILED hostile/message: x\\n::error::y\\x1b[2J\\r"),
        "%s", r.out);
    cr_assert(
        strstr(r.out, "  | \\x3a:error::from output\\x1b]0;title\\x07\\r"),
        "%s", r.out);
    /* The JSON keeps the bytes the case wrote, escaped the JSON way. */
    json_t *root = load_json();
    cr_assert_str_eq(field(find_case(root, "hostile/message"), "reason"),
                     "x\n::error::y\033[2J\r");
    json_decref(root);
    command_result_free(&r);
}

Test(driver, workers_do_not_inherit_the_github_token)
{
    struct command_result r;
    char *env[] = {"GITHUB_TOKEN=ghp_not_for_workers",
                   "BENCHRUN_GITHUB_TOKEN=ghp_not_for_workers_either", NULL};
    benchrun(&r, env, build_path("tests/bench_hostile"), FAST, "--filter",
             "^hostile/token$", "--json", json_path, NULL);
    cr_assert_eq(r.status, 0, "exit %d; stdout: %s", r.status, r.out);
    json_t *root = load_json();
    cr_assert_str_eq(field(find_case(root, "hostile/token"), "status"),
                     "skipped");
    json_decref(root);
    cr_assert_null(strstr(r.out, "ghp_not_for_workers"), "%s", r.out);
    command_result_free(&r);
}

Test(driver, killing_the_driver_kills_its_hanging_worker)
{
    char pid_file[4300], env_entry[4400];
    snprintf(pid_file, sizeof pid_file, "%s/worker.pid", scratch);
    snprintf(env_entry, sizeof env_entry, "HOSTILE_PID_FILE=%s", pid_file);
    char *env[] = {env_entry, NULL};
    char *argv[] = {copy(build_path("runner/benchrun")),
                    copy(build_path("tests/bench_hostile")),
                    "--filter",
                    "^hostile/hang$",
                    "--timeout",
                    "100",
                    NULL};
    pid_t driver = start_command(argv, env, NULL);
    cr_assert(driver > 0);
    char *text = wait_for_file(pid_file, 60);
    if (!text) {
        kill(driver, SIGKILL);
        wait_command(driver, 10);
        cr_assert_fail("the hanging case never started");
    }
    pid_t worker = (pid_t)atol(text);
    free(text);
    cr_assert(worker > 0);
    kill(driver, SIGKILL);
    wait_command(driver, 30);
    int gone = wait_gone(worker, 30);
    if (!gone)
        kill(worker, SIGKILL);
    cr_assert(gone, "worker %ld outlived its driver", (long)worker);
    free(argv[0]);
    free(argv[1]);
}

Test(driver, a_process_a_case_detaches_is_reported_and_killed)
{
    char pid_file[4300], env_entry[4400];
    snprintf(pid_file, sizeof pid_file, "%s/escaped.pid", scratch);
    snprintf(env_entry, sizeof env_entry, "HOSTILE_PID_FILE=%s", pid_file);
    char *env[] = {env_entry, NULL};
    struct command_result r;
    benchrun(&r, env, build_path("tests/bench_hostile"), FAST, "--filter",
             "^hostile/escape$", "--json", json_path, NULL);
    /* Every escaped child must be gone by now; stop any that is not. */
    FILE *f = fopen(pid_file, "r");
    cr_assert_not_null(f, "the case never ran");
    long pid, survivor = 0;
    while (fscanf(f, "%ld", &pid) == 1)
        if (!wait_gone((pid_t)pid, 10)) {
            kill((pid_t)pid, SIGKILL);
            survivor = pid;
        }
    fclose(f);
    cr_assert_eq(survivor, 0, "escaped child %ld outlived its round", survivor);
    cr_assert_eq(r.status, 3, "exit %d; stderr: %s", r.status, r.err);
    json_t *root = load_json();
    expect_failure(root, "hostile/escape", "exit", "setsid()");
    json_decref(root);
    command_result_free(&r);
}
