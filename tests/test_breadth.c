/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * test_breadth.c: named parameters, multi-threaded cases and group
 * fixtures, end to end: the real benchrun runs builds of
 * tests/bench_breadth.c in a scratch folder.
 *
 * Parameters: --list names every instance of the product in declared
 * order; --filter selects by a parameter's part of the name; each
 * instance's body reads back exactly the values its name says (it
 * reports them as counters), JSON "params" says the same, and a family
 * along the last integer parameter gets a scaling fit in that
 * parameter's unit.  Threads: every thread of a team runs the same
 * iteration count (their summed per-iteration counter is exactly 1),
 * benchrun_threads() and the indexes are right, JSON, the console, the
 * Markdown and the HTML reports show the team's CPU time and aggregate rate (aggregate = threads / real
 * time, checked to rounding), callgrind and the allocation counter count
 * every thread's iterations (per iteration exactly what one thread
 * alone counts), a thread that fails before the loop fails
 * the case with its message and stops the others (no hang), a build
 * under ThreadSanitizer runs the teams without a race report, a thread
 * that aborts is a reported crash, and a saved baseline of a team
 * compares on every round even when its threads outnumber the CPUs.
 * Fixtures: one setup and one teardown in each worker process, the same
 * process as the rounds that JSON lists, and a setup that skips skips
 * the case without running its body.  No assertion is on a time.
 */
#include "config.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/helpers.h"
#include "tests/json_cases.h"

#define FAST                                                                   \
    "--rounds", "4", "--max-rounds", "4", "--samples", "3", "--warmup", "1ms", \
        "--sample-time", "2ms", "--no-color"

__attribute__((constructor)) static void one_test_at_a_time(void)
{
    setenv("CRITERION_JOBS", "1", 0);
}

static char *scratch;

static void setup_scratch(void)
{
    scratch = make_scratch_dir();
    cr_assert_not_null(scratch);
}

static void teardown_scratch(void)
{
    free(scratch);
}

TestSuite(breadth, .init = setup_scratch, .fini = teardown_scratch,
          .timeout = 240);

/* Runs benchrun in the scratch folder on the build named exe
 * (tests/breadth or tests/breadth_skip), with NULL-terminated args. */
static struct command_result benchrun(const char *exe, const char *first, ...)
{
    const char *args[64];
    char log[4300], exe_path[4096];
    size_t n = 0;
    snprintf(log, sizeof log, "BENCH_FIXTURE_LOG=%s/fixture.log", scratch);
    snprintf(exe_path, sizeof exe_path, "%s", build_path(exe));
    args[n++] = exe_path;
    va_list ap;
    va_start(ap, first);
    for (const char *a = first; a && n < 63; a = va_arg(ap, const char *))
        args[n++] = a;
    va_end(ap);
    args[n] = NULL;
    char *env[] = {log, NULL};
    struct command_result r;
    cr_assert_eq(run_benchrun_in(scratch, env, args, 230, &r), 0);
    return r;
}

/* A counter's value in a case. */
static double counter_value(json_t *c, const char *name)
{
    json_t *u = json_object_get(json_object_get(c, "counters"), name);
    cr_assert_not_null(u, "no counter %s", name);
    return json_number_value(json_object_get(u, "value"));
}

static const char *status_of(json_t *c)
{
    return json_string_value(json_object_get(c, "status"));
}

/* ---- Parameters --------------------------------------------------------- */

Test(breadth, list_names_the_product_in_declared_order)
{
    struct command_result r = benchrun("tests/breadth", "--list", "--filter",
                                       "^params/product/", NULL);
    cr_assert_eq(r.status, 0, "%s%s", r.out, r.err);
    char expected[4096] = "";
    static const char *const sizes[] = {"8", "64"};
    static const char *const orders[] = {"up", "down"};
    static const char *const blocks[] = {"1", "2", "4"};
    for (int s = 0; s < 2; s++)
        for (int o = 0; o < 2; o++)
            for (int b = 0; b < 3; b++)
                snprintf(expected + strlen(expected),
                         sizeof expected - strlen(expected),
                         "params/product/size:%s/order:%s/block:%s\n", sizes[s],
                         orders[o], blocks[b]);
    cr_assert_str_eq(r.out, expected);
    command_result_free(&r);
}

Test(breadth, each_instance_gets_the_values_its_name_says)
{
    struct command_result r =
        benchrun("tests/breadth", FAST, "--filter", "size:64/order:down",
                 "--json", "out.json", NULL);
    cr_assert_eq(r.status, 0, "%s%s", r.out, r.err);
    command_result_free(&r);
    json_t *root = load_json_in(scratch, "out.json");
    cr_assert_eq(json_array_size(json_object_get(root, "cases")), 3,
                 "--filter on a parameter's part selects its instances");
    static const int blocks[] = {1, 2, 4};
    for (int b = 0; b < 3; b++) {
        char name[128];
        snprintf(name, sizeof name,
                 "params/product/size:64/order:down/block:%d", blocks[b]);
        json_t *c = json_case_named(root, name);
        cr_assert_str_eq(status_of(c), "ok");
        cr_assert_eq(counter_value(c, "size"), 64);
        cr_assert_eq(counter_value(c, "block"), blocks[b]);
        cr_assert_eq(counter_value(c, "down"), 1);
        cr_assert_eq(counter_value(c, "arg"), blocks[b],
                     "benchrun_arg() is the last integer parameter");
        json_t *params = json_object_get(c, "params");
        cr_assert_eq(json_integer_value(json_object_get(params, "size")), 64);
        cr_assert_str_eq(json_string_value(json_object_get(params, "order")),
                         "down");
        cr_assert_eq(json_integer_value(json_object_get(params, "block")),
                     blocks[b]);
        cr_assert_eq(json_integer_value(json_object_get(c, "arg")), blocks[b]);
        cr_assert_str_eq(json_string_value(json_object_get(c, "arg_name")),
                         "block");
    }
    json_decref(root);
}

Test(breadth, a_family_along_a_named_parameter_gets_a_fit_in_its_unit)
{
    struct command_result r =
        benchrun("tests/breadth", FAST, "--filter", "^params/steps/", "--json",
                 "out.json", NULL);
    cr_assert_eq(r.status, 0, "%s%s", r.out, r.err);
    /* Which shape wins depends on the machine's load; the family and
     * its unit do not. */
    cr_assert(strstr(r.out, "scaling  params/steps:"), "%s", r.out);
    command_result_free(&r);
    json_t *root = load_json_in(scratch, "out.json");
    json_t *s = json_array_get(json_object_get(root, "scalings"), 0);
    cr_assert_not_null(s);
    cr_assert_str_eq(json_string_value(json_object_get(s, "family")),
                     "params/steps");
    cr_assert_str_eq(json_string_value(json_object_get(s, "arg_name")), "n");
    json_decref(root);
}

Test(breadth, asking_for_a_parameter_the_case_lacks_fails_it)
{
    struct command_result r =
        benchrun("tests/breadth", FAST, "--filter", "wrong_name", "--json",
                 "out.json", NULL);
    cr_assert_neq(r.status, 0);
    command_result_free(&r);
    json_t *root = load_json_in(scratch, "out.json");
    json_t *c = json_case_named(root, "params/wrong_name/size:1");
    cr_assert_str_eq(status_of(c), "failed");
    cr_assert(strstr(json_string_value(json_object_get(c, "reason")),
                     "no parameter named sise"));
    json_decref(root);
}

/* ---- Threads ------------------------------------------------------------ */

Test(breadth, every_thread_of_a_team_runs_the_same_iterations)
{
    struct command_result r =
        benchrun("tests/breadth", FAST, "--filter", "^team/count/", "--json",
                 "out.json", "--report", "out.md", "--html", "out.html",
                 "--export", "google-benchmark=gb.json", NULL);
    cr_assert_eq(r.status, 0, "%s%s", r.out, r.err);
    cr_assert(strstr(r.out, "aggregate") && strstr(r.out, "cpu/iter"),
              "the console shows the team table:\n%s", r.out);
    command_result_free(&r);
    char md[4300];
    snprintf(md, sizeof md, "%s/out.md", scratch);
    char *report = read_whole_file(md);
    cr_assert_not_null(report);
    char *threads = strstr(report, "**Threads**");
    cr_assert_not_null(threads, "%s", report);
    char *next = strstr(threads + 2, "\n**");
    if (next)
        *next = '\0'; /* the threads table only */
    cr_assert(strstr(threads, "| `team/count/threads:3` | 3 | ") &&
                  strstr(threads, " %) |"),
              "%s", threads);
    cr_assert_null(strstr(threads, "| `team/count/threads:1` | "),
                   "one thread is no team");
    free(report);
    snprintf(md, sizeof md, "%s/out.html", scratch);
    report = read_whole_file(md);
    cr_assert_not_null(report);
    cr_assert(strstr(report, " &middot; 3 threads, CPU "), "the HTML too");
    free(report);
    json_t *root = load_json_in(scratch, "out.json");
    for (int n = 1; n <= 3; n++) {
        char name[64];
        snprintf(name, sizeof name, "team/count/threads:%d", n);
        json_t *c = json_case_named(root, name);
        cr_assert_str_eq(status_of(c), "ok");
        cr_assert_eq(json_integer_value(json_object_get(c, "threads")), n);
        cr_assert_eq(counter_value(c, "each"), 1, "%s", name);
        cr_assert_eq(counter_value(c, "threads"), n);
        cr_assert_eq(counter_value(c, "index_sum"), (n - 1) / 2.0);
        json_t *team = json_object_get(c, "team");
        if (n == 1) {
            cr_assert_null(team, "one thread is no team");
            continue;
        }
        cr_assert_not_null(team);
        double real = json_number_value(
            json_object_get(json_object_get(c, "estimate"), "mean_ns"));
        double rate =
            json_number_value(json_object_get(team, "iterations_per_second"));
        cr_assert(fabs(rate - n * 1e9 / real) <= 1e-9 * rate,
                  "%s: aggregate %g, threads / real time %g", name, rate,
                  n * 1e9 / real);
        cr_assert(json_number_value(
                      json_object_get(team, "cpu_ns_per_iteration")) > 0);
        /* The speed-up is the threads' rate over the one thread's. */
        json_t *one = json_case_named(root, "team/count/threads:1");
        double alone = json_number_value(
            json_object_get(json_object_get(one, "estimate"), "mean_ns"));
        double speedup =
            json_number_value(json_object_get(team, "speedup_vs_one_thread"));
        cr_assert(fabs(speedup - rate * alone / 1e9) <= 1e-9 * speedup,
                  "%s: speed-up %g, rates %g and %g", name, speedup, rate,
                  1e9 / alone);
    }
    /* Google Benchmark's convention for ->Threads(N): every thread's
     * iterations, and the wall time divided by them. */
    json_t *gb = load_json_in(scratch, "gb.json");
    json_t *rounds = json_object_get(
        json_case_named(root, "team/count/threads:3"), "rounds");
    json_t *entries = json_object_get(gb, "benchmarks");
    size_t seen = 0;
    for (size_t i = 0; i < json_array_size(entries); i++) {
        json_t *e = json_array_get(entries, i);
        if (strcmp(json_string_value(json_object_get(e, "name")),
                   "team/count/threads:3") != 0)
            continue;
        size_t k =
            (size_t)json_integer_value(json_object_get(e, "repetition_index"));
        double estimate = json_number_value(
            json_object_get(json_array_get(rounds, k), "estimate_ns"));
        cr_assert_eq(json_integer_value(json_object_get(e, "threads")), 3);
        cr_assert_float_eq(json_number_value(json_object_get(e, "real_time")) *
                               3,
                           estimate, 1e-9 * estimate);
        seen++;
    }
    cr_assert_eq(seen, json_array_size(rounds));
    json_decref(gb);
    json_decref(root);
}

/* A metric's value in a case. */
static double metric_value(json_t *c, const char *name)
{
    json_t *m = json_object_get(json_object_get(c, "metrics"), name);
    cr_assert_not_null(m, "no metric %s", name);
    return json_number_value(json_object_get(m, "value"));
}

Test(breadth, metrics_of_a_team_count_every_thread_per_iteration,
     .disabled = BRUN_TEST_ASAN)
{
    /* Callgrind collects per thread, and every thread toggles its own
     * around its own samples; the allocation counter sees the whole
     * process and the team switches it around every thread's samples.
     * Per iteration of each thread, a team counts exactly what one
     * thread does: a thread left out would halve the count, the
     * meeting's own instructions (never collected) would add to it.
     * threads:3 outnumbers this machine's CPUs and sleeps at once. */
    struct command_result r =
        benchrun("tests/breadth", FAST, "--filter",
                 "^team/(count|allocate)/threads:", "--metric",
                 "instructions,allocations", "--json", "out.json", NULL);
    cr_assert_eq(r.status, 0, "%s%s", r.out, r.err);
    command_result_free(&r);
    json_t *root = load_json_in(scratch, "out.json");
    json_t *alloc = json_case_named(root, "team/allocate/threads:2");
    cr_assert_eq(metric_value(alloc, "allocations"), 1);
    cr_assert_eq(metric_value(alloc, "frees"), 1);
    double one = metric_value(json_case_named(root, "team/count/threads:1"),
                              "instructions");
    cr_assert(one > 400 && one < 1600, "200 chain steps: %g", one);
    for (int n = 2; n <= 3; n++) {
        char name[64];
        snprintf(name, sizeof name, "team/count/threads:%d", n);
        json_t *c = json_case_named(root, name);
        cr_assert_eq(metric_value(c, "allocations"), 0);
        cr_assert_eq(metric_value(c, "instructions"), one,
                     "%s: %g per iteration, one thread %g", name,
                     metric_value(c, "instructions"), one);
    }
    json_decref(root);
}

Test(breadth, a_thread_that_fails_fails_the_case_and_frees_the_others)
{
    struct command_result r =
        benchrun("tests/breadth", FAST, "--filter",
                 "^team/(third_fails|second_aborts|count/threads:2)", "--json",
                 "out.json", NULL);
    cr_assert_neq(r.status, 0);
    command_result_free(&r);
    json_t *root = load_json_in(scratch, "out.json");
    json_t *c = json_case_named(root, "team/third_fails/threads:3");
    cr_assert_str_eq(status_of(c), "failed");
    cr_assert_str_eq(json_string_value(json_object_get(c, "failure")),
                     "reported");
    cr_assert(strstr(json_string_value(json_object_get(c, "reason")),
                     "thread 2 of 3: thread two gives up"),
              "%s", json_string_value(json_object_get(c, "reason")));
    c = json_case_named(root, "team/second_aborts/threads:2");
    cr_assert_str_eq(status_of(c), "failed");
    cr_assert_str_eq(json_string_value(json_object_get(c, "failure")),
                     "signal");
    cr_assert_str_eq(status_of(json_case_named(root, "team/count/threads:2")),
                     "ok", "the run goes on after a failed team");
    json_decref(root);
}

Test(breadth, thread_sanitizer_finds_no_race_in_a_team)
{
    /* tests/breadth_tsan exists when the compiler has ThreadSanitizer
     * (configure); a race it finds makes the worker exit with status 66,
     * so the case fails with that reason. */
    if (access(build_path("tests/breadth_tsan"), X_OK) != 0)
        cr_skip_test("no ThreadSanitizer build (configure found none)");
    struct command_result r =
        benchrun("tests/breadth_tsan", FAST, "--filter",
                 "^(team/(count|third_fails|allocate)|shared/threaded)",
                 "--json", "out.json", NULL);
    command_result_free(&r);
    json_t *root = load_json_in(scratch, "out.json");
    json_t *cases = json_object_get(root, "cases");
    cr_assert_eq(json_array_size(cases), 6);
    for (size_t i = 0; i < json_array_size(cases); i++) {
        json_t *c = json_array_get(cases, i);
        const char *name = json_string_value(json_object_get(c, "name"));
        const char *reason = json_string_value(json_object_get(c, "reason"));
        const char *output = json_string_value(json_object_get(c, "output"));
        if (strcmp(name, "team/third_fails/threads:3") == 0) {
            cr_assert(reason && strstr(reason, "thread two gives up"), "%s",
                      reason ? reason : "(none)");
            continue;
        }
        cr_assert_str_eq(status_of(c), "ok", "%s: %s\n%s", name,
                         reason ? reason : "", output ? output : "");
    }
    json_decref(root);
}

Test(breadth, a_saved_team_compares_on_every_round)
{
    struct command_result r =
        benchrun("tests/breadth", FAST, "--filter", "^team/count/threads:3",
                 "--save-baseline", "main", NULL);
    cr_assert_eq(r.status, 0, "%s%s", r.out, r.err);
    command_result_free(&r);
    r = benchrun("tests/breadth", FAST, "--filter", "^team/count/threads:3",
                 "--baseline", "main", "--no-explain", "--json", "out.json",
                 NULL);
    command_result_free(&r);
    json_t *root = load_json_in(scratch, "out.json");
    json_t *k = json_object_get(json_case_named(root, "team/count/threads:3"),
                                "comparison");
    cr_assert_not_null(k);
    cr_assert_eq(json_integer_value(json_object_get(k, "dropped_rounds")), 0,
                 "three threads on fewer CPUs are preempted by each other; "
                 "no round is left out for it");
    cr_assert_not(json_is_true(json_object_get(k, "cpu_time")));
    json_decref(root);
}

/* ---- Fixtures ----------------------------------------------------------- */

/* Counts "what PID" lines of the fixture log for pid. */
static int log_count(const char *log, const char *what, long long pid)
{
    char line[64];
    snprintf(line, sizeof line, "%s %lld\n", what, pid);
    return (int)count_occurrences(log, line);
}

Test(breadth, a_fixture_is_set_up_once_in_each_worker)
{
    struct command_result r = benchrun("tests/breadth", FAST, "--filter",
                                       "^shared/", "--json", "out.json", NULL);
    cr_assert_eq(r.status, 0, "%s%s", r.out, r.err);
    command_result_free(&r);
    char path[4300];
    snprintf(path, sizeof path, "%s/fixture.log", scratch);
    char *log = read_whole_file(path);
    cr_assert_not_null(log, "%s", path);
    json_t *root = load_json_in(scratch, "out.json");
    size_t rounds = 0;
    for (int k = 0; k < 2; k++) {
        json_t *c = json_case_named(root, k ? "shared/threaded/threads:2"
                                            : "shared/lookup");
        cr_assert_str_eq(status_of(c), "ok", "the body saw the fixture");
        json_t *v = json_object_get(c, "rounds");
        for (size_t i = 0; i < json_array_size(v); i++, rounds++) {
            long long pid = json_integer_value(
                json_object_get(json_array_get(v, i), "pid"));
            cr_assert_eq(log_count(log, "setup", pid), 1, "pid %lld", pid);
            cr_assert_eq(log_count(log, "teardown", pid), 1, "pid %lld", pid);
        }
    }
    cr_assert_eq(rounds, 8);
    /* Calibration workers too, and never more than one per worker. */
    size_t setups = count_occurrences(log, "setup ");
    cr_assert(setups >= rounds && setups == count_occurrences(log, "teardown "),
              "%s", log);
    free(log);
    json_decref(root);
}

Test(breadth, a_fixture_that_skips_skips_its_cases)
{
    struct command_result r = benchrun("tests/breadth_skip", FAST, "--filter",
                                       "^shared/", "--json", "out.json", NULL);
    cr_assert_eq(r.status, 0, "%s%s", r.out, r.err);
    command_result_free(&r);
    json_t *root = load_json_in(scratch, "out.json");
    json_t *c = json_case_named(root, "shared/lookup");
    cr_assert_str_eq(status_of(c), "skipped");
    cr_assert(strstr(json_string_value(json_object_get(c, "reason")),
                     "no table on this machine"));
    cr_assert_str_eq(
        status_of(json_case_named(root, "shared/threaded/threads:2")),
        "skipped");
    json_decref(root);
}
