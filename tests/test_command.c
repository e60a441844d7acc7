/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/* test_command.c: whole commands measured as processes (benchrun
 * --command, runner/command/command.c), with real processes only: the
 * runner's functions on sh and /bin/true, and the real benchrun on
 * sleep, sh -c 'exit 3', --prepare and --setup counting their runs in a
 * file, a saved baseline against the same and a five times slower
 * command, --compare refused, and a timeout that kills the command's
 * process group.  Bounds on times are wide (a busy machine), never
 * tight. */
#include "config.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <jansson.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "runner/command/command.h"
#include "tests/helpers.h"

/* Few, short rounds: behaviour, not precision. */
#define FAST "--no-config", "--rounds", "3", "--samples", "3", "--no-color"

/* These tests time processes: one at a time. */
__attribute__((constructor)) static void one_test_at_a_time(void)
{
    setenv("CRITERION_JOBS", "1", 0);
}

static char *scratch;
static char json_path[4200], store[4200];

static void setup(void)
{
    scratch = make_scratch_dir();
    cr_assert_not_null(scratch);
    snprintf(json_path, sizeof json_path, "%s/out.json", scratch);
    snprintf(store, sizeof store, "%s/baselines", scratch);
}

static void teardown(void)
{
    free(scratch);
}

TestSuite(command, .init = setup, .fini = teardown, .timeout = 120);

/* Runs benchrun in the scratch folder with the NULL-terminated args. */
static struct command_result benchrun_args(const char *first, ...)
{
    char command[16384];
    size_t len = (size_t)snprintf(command, sizeof command, "cd '%s' && '%s'",
                                  scratch, build_path("runner/benchrun"));
    va_list ap;
    va_start(ap, first);
    for (const char *a = first; a; a = va_arg(ap, const char *)) {
        /* Quoted for sh: ' becomes '\'' */
        len += (size_t)snprintf(command + len, sizeof command - len, " '");
        for (const char *p = a; *p; p++)
            len += (size_t)snprintf(command + len, sizeof command - len,
                                    *p == '\'' ? "'\\''" : "%c", *p);
        len += (size_t)snprintf(command + len, sizeof command - len, "'");
    }
    va_end(ap);
    char *argv[] = {"/bin/sh", "-c", command, NULL};
    struct command_result r;
    cr_assert_eq(run_command(argv, NULL, 110, &r), 0);
    return r;
}

#define benchrun(...) benchrun_args(__VA_ARGS__, NULL)

static json_t *load_json(void)
{
    json_error_t error;
    json_t *root = json_load_file(json_path, 0, &error);
    cr_assert_not_null(root, "invalid JSON: %s", error.text);
    return root;
}

static json_t *json_case(json_t *root, const char *name)
{
    size_t i;
    json_t *c;
    json_array_foreach(json_object_get(root, "cases"), i, c)
        if (strcmp(json_string_value(json_object_get(c, "name")), name) == 0)
            return c;
    cr_assert_fail("no case %s in the JSON", name);
    return NULL;
}

/* Lines of file name in the scratch folder (0 when it does not exist). */
static size_t lines_of(const char *name)
{
    char path[4300];
    snprintf(path, sizeof path, "%s/%s", scratch, name);
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    size_t n = 0;
    for (int ch; (ch = fgetc(f)) != EOF;)
        n += ch == '\n';
    fclose(f);
    return n;
}

/* Timed runs plus warm-up runs of a case, from its JSON rounds. */
static size_t runs_of(json_t *c, size_t *warmups)
{
    size_t i, total = 0;
    json_t *round;
    *warmups = 0;
    json_array_foreach(json_object_get(c, "rounds"), i, round) {
        json_t *warm = json_object_get(round, "warmup");
        *warmups +=
            (size_t)json_integer_value(json_object_get(warm, "samples"));
        total += json_array_size(json_object_get(round, "samples"));
    }
    return total + *warmups;
}

/* ---- The runner's functions ------------------------------------------- */

Test(command, a_run_reports_its_exit_status_in_words)
{
    struct brun_command_run run;
    char why[256], how[256];
    cr_assert_eq(brun_command_run_once("exit 7", "/bin/sh", 0, 10, &run, why,
                                       sizeof why),
                 0, "%s", why);
    cr_assert(WIFEXITED(run.wait_status));
    cr_assert_eq(WEXITSTATUS(run.wait_status), 7);
    cr_assert_gt(run.wall_ns, 0);
    brun_command_describe(&run, 10, how, sizeof how);
    cr_assert_str_eq(how, "exited with status 7");

    cr_assert_eq(
        brun_command_run_once("/bin/true", NULL, 0, 10, &run, why, sizeof why),
        0, "%s", why);
    brun_command_describe(&run, 10, how, sizeof how);
    cr_assert_str_eq(how, "");
}

Test(command, a_run_counts_the_child_cpu_time)
{
    struct brun_command_run run;
    char why[256];
    /* A busy loop of the shell itself: CPU time, not waiting. */
    cr_assert_eq(brun_command_run_once(
                     "i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done",
                     "/bin/sh", 0, 60, &run, why, sizeof why),
                 0, "%s", why);
    cr_assert_eq(run.wait_status, 0);
    cr_assert_gt(run.cpu_ns, 0, "wait4's rusage gave no CPU time");
    cr_assert_leq(run.cpu_ns, run.wall_ns * 2);
}

Test(command, the_empty_spawn_costs_something_positive)
{
    double ns = 0;
    char why[256];
    cr_assert_eq(
        brun_command_spawn_cost("/bin/sh", 5, 10, &ns, why, sizeof why), 0,
        "%s", why);
    cr_assert_gt(ns, 0);
    cr_assert_lt(ns, 1e9, "an empty spawn took %g ns", ns);
}

Test(command, a_listed_command_is_named_by_position_or_given_name)
{
    struct brun_case_list list;
    cr_assert_eq(brun_command_list("sleep 1", NULL, 1, &list), 0);
    cr_assert_eq(list.count, 1);
    cr_assert_str_eq(list.cases[0].name, "command/2");
    cr_assert_str_eq(list.cases[0].file, "sleep 1");
    brun_case_list_release(&list);
    cr_assert_eq(brun_command_list("sleep 1", "nap", 0, &list), 0);
    cr_assert_str_eq(list.cases[0].name, "nap");
    brun_case_list_release(&list);
}

/* ---- benchrun --command, end to end ---------------------------------- */

Test(command, sleep_is_measured_with_the_spawn_cost_shown)
{
    struct command_result r = benchrun(FAST, "--warmup", "0", "--command",
                                       "sleep 0.01", "--json", json_path);
    cr_assert_eq(r.status, 0, "stdout:\n%s\nstderr:\n%s", r.out, r.err);
    cr_assert(strstr(r.out, "command/1"), "%s", r.out);
    cr_assert(strstr(r.out, "an empty spawn (/bin/sh -c true) costs"), "%s",
              r.out);
    json_t *root = load_json();
    json_t *c = json_case(root, "command/1");
    cr_assert_str_eq(json_string_value(json_object_get(c, "status")), "ok");
    double mean = json_real_value(
        json_object_get(json_object_get(c, "estimate"), "mean_ns"));
    cr_assert(mean >= 10e6 && mean <= 200e6, "mean %g ns", mean);
    json_t *target = json_array_get(json_object_get(root, "targets"), 0);
    cr_assert_str_eq(json_string_value(json_object_get(target, "path")),
                     "sleep 0.01");
    json_t *warnings =
        json_object_get(json_object_get(root, "context"), "warnings");
    size_t i, spawn = 0;
    json_t *w;
    json_array_foreach(warnings, i, w)
        spawn += strstr(json_string_value(w), "empty spawn") != NULL;
    cr_assert_eq(spawn, 1, "the JSON's context does not show the spawn cost");
    json_decref(root);
    command_result_free(&r);
}

Test(command, a_failing_command_fails_its_case_and_the_next_still_runs)
{
    struct command_result r =
        benchrun(FAST, "--warmup", "0", "--command", "sh -c 'exit 3'",
                 "--command", "true", "--json", json_path);
    cr_assert_eq(r.status, 3, "stdout:\n%s\nstderr:\n%s", r.out, r.err);
    json_t *root = load_json();
    json_t *bad = json_case(root, "command/1");
    cr_assert_str_eq(json_string_value(json_object_get(bad, "status")),
                     "failed");
    const char *reason = json_string_value(json_object_get(bad, "reason"));
    cr_assert(strstr(reason, "exited with status 3"), "%s", reason);
    json_t *good = json_case(root, "command/2");
    cr_assert_str_eq(json_string_value(json_object_get(good, "status")), "ok");
    cr_assert_eq(json_array_size(json_object_get(good, "rounds")), 3);
    json_decref(root);
    command_result_free(&r);
}

Test(command, prepare_runs_before_every_timed_and_warm_up_run)
{
    struct command_result r =
        benchrun(FAST, "--warmup", "1ms", "--prepare", "echo x >> prepared",
                 "--command", "true", "--json", json_path);
    cr_assert_eq(r.status, 0, "stdout:\n%s\nstderr:\n%s", r.out, r.err);
    json_t *root = load_json();
    size_t warmups, runs = runs_of(json_case(root, "command/1"), &warmups);
    cr_assert_geq(warmups, 3, "each round warms up at least once");
    cr_assert_eq(runs, 3 * 3 + warmups);
    /* Plus nothing: the empty spawn's runs are not prepared. */
    cr_assert_eq(lines_of("prepared"), runs);
    json_decref(root);
    command_result_free(&r);
}

Test(command, setup_runs_once_per_command)
{
    struct command_result r = benchrun(
        FAST, "--warmup", "0", "--setup", "echo s >> set-up", "--command",
        "true", "--command", "sleep 0.001", "--json", json_path);
    cr_assert_eq(r.status, 0, "stdout:\n%s\nstderr:\n%s", r.out, r.err);
    cr_assert_eq(lines_of("set-up"), 2);
    command_result_free(&r);
}

Test(command, a_failing_setup_fails_the_case)
{
    struct command_result r =
        benchrun(FAST, "--warmup", "0", "--setup", "false", "--command", "true",
                 "--json", json_path);
    cr_assert_eq(r.status, 3, "stdout:\n%s\nstderr:\n%s", r.out, r.err);
    json_t *root = load_json();
    const char *reason = json_string_value(
        json_object_get(json_case(root, "command/1"), "reason"));
    cr_assert(strstr(reason, "--setup \"false\" exited with status 1"), "%s",
              reason);
    json_decref(root);
    command_result_free(&r);
}

Test(command, a_baseline_compares_and_a_five_times_slower_command_fails)
{
    /* Enough rounds on both sides that a busy machine (spawns of several
     * ms that vary) still leaves a fivefold slowdown clear. */
    struct command_result r =
        benchrun(FAST, "--warmup", "0", "--rounds", "8", "--baseline-dir",
                 store, "--command", "sleep 0.02", "--command-name", "nap",
                 "--save-baseline", "main");
    cr_assert_eq(r.status, 0, "stdout:\n%s\nstderr:\n%s", r.out, r.err);
    cr_assert(strstr(r.out, "saved baseline \"main\" (1 cases)"), "%s", r.out);
    cr_assert_null(strstr(r.err, "no copy"), "%s", r.err);
    command_result_free(&r);

    r = benchrun(FAST, "--warmup", "0", "--max-rounds", "6", "--baseline-dir",
                 store, "--command", "sleep 0.02", "--command-name", "nap",
                 "--baseline", "main", "--json", json_path);
    cr_assert_eq(r.status, 0, "stdout:\n%s\nstderr:\n%s", r.out, r.err);
    json_t *root = load_json();
    json_t *k = json_object_get(json_case(root, "nap"), "comparison");
    cr_assert(json_is_object(k), "no comparison in the JSON");
    cr_assert_str_eq(json_string_value(json_object_get(k, "presence")), "both");
    json_decref(root);
    command_result_free(&r);

    r = benchrun(FAST, "--warmup", "0", "--rounds", "8", "--max-rounds", "16",
                 "--baseline-dir", store, "--command", "sleep 0.1",
                 "--command-name", "nap", "--baseline", "main", "--fail-above",
                 "10%");
    cr_assert_eq(r.status, 1, "stdout:\n%s\nstderr:\n%s", r.out, r.err);
    cr_assert(strstr(r.out, "REGRESSION nap"), "%s", r.out);
    command_result_free(&r);
}

Test(command, compare_is_refused_with_one_line)
{
    struct command_result r =
        benchrun(FAST, "--command", "true", "--compare", "/bin/true");
    cr_assert_eq(r.status, 2, "stdout:\n%s\nstderr:\n%s", r.out, r.err);
    cr_assert(is_one_line(r.err), "%s", r.err);
    cr_assert(strstr(r.err, "--compare does not apply to --command"), "%s",
              r.err);
    command_result_free(&r);
}

Test(command, a_command_past_the_timeout_is_killed_with_its_group)
{
    struct command_result r =
        benchrun(FAST, "--warmup", "0", "--timeout", "1s", "--command",
                 "echo $$ > shell.pid; sleep 5; true", "--command", "true",
                 "--json", json_path);
    cr_assert_eq(r.status, 3, "stdout:\n%s\nstderr:\n%s", r.out, r.err);
    json_t *root = load_json();
    json_t *c = json_case(root, "command/1");
    cr_assert_str_eq(json_string_value(json_object_get(c, "failure")),
                     "timeout");
    cr_assert_str_eq(json_string_value(json_object_get(
                         json_case(root, "command/2"), "status")),
                     "ok");
    json_decref(root);

    char path[4300];
    snprintf(path, sizeof path, "%s/shell.pid", scratch);
    char *text = wait_for_file(path, 1);
    cr_assert_not_null(text);
    pid_t shell = (pid_t)atol(text);
    free(text);
    cr_assert_gt(shell, 1);
    /* The shell led its own group: nothing of it, the sleep included,
     * may outlive benchrun. */
    int gone = 0;
    for (int i = 0; i < 100 && !gone; i++) {
        gone = kill(-shell, 0) != 0 && errno == ESRCH;
        if (!gone)
            usleep(20000);
    }
    cr_assert(gone, "process group %ld still has processes", (long)shell);
    command_result_free(&r);
}

Test(command, output_goes_to_dev_null_unless_shown)
{
    /* The command line shows mark""er; only its output says marker. */
    struct command_result r = benchrun(FAST, "--warmup", "0", "--rounds", "2",
                                       "--command", "echo mark\"\"er");
    cr_assert_eq(r.status, 0, "stdout:\n%s\nstderr:\n%s", r.out, r.err);
    cr_assert_null(strstr(r.out, "marker"), "%s", r.out);
    command_result_free(&r);

    r = benchrun(FAST, "--warmup", "0", "--rounds", "2", "--command-output",
                 "show", "--command", "echo mark\"\"er");
    cr_assert_eq(r.status, 0, "stdout:\n%s\nstderr:\n%s", r.out, r.err);
    cr_assert_geq(count_occurrences(r.out, "marker\n"), 2 * 3);
    command_result_free(&r);
}

Test(command, command_shell_none_runs_the_words_without_a_shell)
{
    struct command_result r =
        benchrun(FAST, "--warmup", "0", "--rounds", "2", "--command-shell",
                 "none", "--command-output", "show", "--command",
                 "echo $HOME-literal", "--json", json_path);
    cr_assert_eq(r.status, 0, "stdout:\n%s\nstderr:\n%s", r.out, r.err);
    /* No shell expanded $HOME. */
    cr_assert_geq(count_occurrences(r.out, "$HOME-literal\n"), 2 * 3, "%s",
                  r.out);
    cr_assert(strstr(r.out, "an empty spawn (/bin/true)"), "%s", r.out);
    command_result_free(&r);
}
