/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/* test_diagnose.c: --metric, --gate-metric, --profile, --profile-memory
 * and the explanation of a regression, end to end: the real benchrun on
 * the real bench executables of tests/bench_diag.c (one build with
 * slow_part() twice as expensive, one with 1 % more chain steps), under
 * the real perf, valgrind, heaptrack.  Assertions are on counts (exact
 * by construction) and on attributions with wide margins, never on
 * wall-clock time. */
#include "config.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <libxml/parser.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tests/helpers.h"

#define FAST                                                                   \
    "--rounds", "3", "--max-rounds", "6", "--samples", "3", "--warmup", "1ms", \
        "--sample-time", "1ms", "--no-color"

__attribute__((constructor)) static void one_test_at_a_time(void)
{
    setenv("CRITERION_JOBS", "1", 0);
}

static char *scratch;
static char json_path[4200], profiles[4200];
static char base_exe[4096], slow_exe[4096], more_exe[4096];

static void setup(void)
{
    scratch = make_scratch_dir();
    cr_assert_not_null(scratch);
    snprintf(json_path, sizeof json_path, "%s/out.json", scratch);
    snprintf(profiles, sizeof profiles, "%s/profiles", scratch);
    snprintf(base_exe, sizeof base_exe, "%s", build_path("tests/diag_base"));
    snprintf(slow_exe, sizeof slow_exe, "%s", build_path("tests/diag_slow"));
    snprintf(more_exe, sizeof more_exe, "%s", build_path("tests/diag_more"));
}

TestSuite(diagnose, .init = setup, .timeout = 300, .disabled = BRUN_TEST_ASAN);

/* Runs benchrun with extra environment env (NULL-terminated or NULL)
 * and NULL-terminated arguments. */
static struct command_result benchrun_env(char *const env[], ...)
{
    char *argv[64];
    size_t n = 0;
    va_list ap;
    struct command_result r;
    argv[n++] = strdup(build_path("runner/benchrun"));
    va_start(ap, env);
    for (const char *a; (a = va_arg(ap, const char *)) && n < 63;)
        argv[n++] = strdup(a);
    va_end(ap);
    argv[n] = NULL;
    cr_assert_eq(run_command(argv, env, 280, &r), 0);
    for (size_t i = 0; i < n; i++)
        free(argv[i]);
    return r;
}

static int have(const char *program)
{
    char command[256];
    snprintf(command, sizeof command, "command -v %s >/dev/null 2>&1", program);
    return system(command) == 0;
}

/* 1 when perf is installed and may record here (a container's seccomp
 * profile or perf_event_paranoid can forbid it; benchrun then says so
 * and exits 2, which test without_perf_profile_says_why_in_one_line
 * checks for a missing perf). */
static int perf_can_record(void)
{
    if (!have("perf"))
        return 0;
    char command[4400];
    snprintf(command, sizeof command,
             "perf record -q -o '%s/probe.data' -- true >/dev/null 2>&1",
             scratch);
    return system(command) == 0;
}

/* The JSON results written to json_path. */
static json_t *results(void)
{
    json_error_t error;
    json_t *root = json_load_file(json_path, 0, &error);
    cr_assert_not_null(root, "%s: %s", json_path, error.text);
    return root;
}

/* results()'s case named name. */
static json_t *case_named(json_t *root, const char *name)
{
    json_t *cases = json_object_get(root, "cases"), *c;
    size_t i;
    json_array_foreach(cases, i, c) {
        if (strcmp(json_string_value(json_object_get(c, "name")), name) == 0)
            return c;
    }
    cr_assert_fail("no case %s in %s", name, json_path);
    return NULL;
}

static double metric_value(json_t *c, const char *metric)
{
    json_t *m = json_object_get(json_object_get(c, "metrics"), metric);
    cr_assert_not_null(m, "no metric %s", metric);
    return json_number_value(json_object_get(m, "value"));
}

static double instructions_of(const char *exe)
{
    struct command_result r =
        benchrun_env(NULL, exe, FAST, "--filter", "chain", "--metric",
                     "instructions", "--json", json_path, NULL);
    cr_assert_eq(r.status, 0, "%s%s", r.out, r.err);
    cr_assert(strstr(r.out, "instructions via callgrind") ||
                  strstr(r.out, "hardware counters: available"),
              "%s", r.out);
    command_result_free(&r);
    json_t *root = results();
    double v = metric_value(case_named(root, "diag/chain"), "instructions");
    json_decref(root);
    return v;
}

Test(diagnose, instruction_counts_are_identical_from_run_to_run)
{
    if (!have("valgrind"))
        cr_skip_test("valgrind is not installed");
    double first = instructions_of(base_exe);
    double second = instructions_of(base_exe);
    cr_expect_gt(first, 1000.0, "1000 chain steps, %g instructions", first);
    cr_expect_eq(first, second, "%.6f then %.6f", first, second);
}

Test(diagnose, one_per_cent_more_steps_is_one_per_cent_more_instructions)
{
    if (!have("valgrind"))
        cr_skip_test("valgrind is not installed");
    struct command_result r = benchrun_env(
        NULL, more_exe, "--compare", base_exe, FAST, "--filter", "chain",
        "--metric", "instructions", "--json", json_path, NULL);
    cr_assert_eq(r.status, 0, "%s%s", r.out, r.err);
    command_result_free(&r);
    json_t *root = results();
    json_t *change = json_object_get(
        json_object_get(
            json_object_get(case_named(root, "diag/chain"), "comparison"),
            "metric_changes"),
        "instructions");
    cr_assert_not_null(change);
    double ratio = json_number_value(json_object_get(change, "ratio"));
    cr_expect(fabs(ratio - 1.01) < 0.0005, "ratio %.6f", ratio);
    cr_expect(json_is_true(json_object_get(change, "exact")));
    json_decref(root);
}

Test(diagnose, allocations_are_counted_exactly_over_the_timed_loop)
{
    struct command_result r =
        benchrun_env(NULL, base_exe, FAST, "--filter", "mallocs|chain",
                     "--metric", "allocations", "--json", json_path, NULL);
    cr_assert_eq(r.status, 0, "%s%s", r.out, r.err);
    cr_expect(strstr(r.out, "allocations counted"), "%s", r.out);
    command_result_free(&r);
    json_t *root = results();
    json_t *m = case_named(root, "diag/mallocs");
    cr_expect_eq(metric_value(m, "allocations"), 3.0);
    cr_expect_eq(metric_value(m, "frees"), 3.0);
    cr_expect_eq(metric_value(m, "allocated_bytes"), 80.0);
    cr_expect_geq(metric_value(m, "peak_heap_bytes"), 80.0);
    json_t *c = case_named(root, "diag/chain");
    cr_expect_eq(metric_value(c, "allocations"), 0.0);
    json_decref(root);
}

/* The share of samples whose leaf is fn in a folded-stacks file. */
static double self_share(const char *folded, const char *fn)
{
    FILE *f = fopen(folded, "r");
    cr_assert_not_null(f, "%s", folded);
    char line[65536];
    double all = 0, mine = 0;
    while (fgets(line, sizeof line, f)) {
        char *space = strrchr(line, ' ');
        if (!space)
            continue;
        double n = atof(space + 1);
        *space = '\0';
        char *leaf = strrchr(line, ';');
        leaf = leaf ? leaf + 1 : line;
        all += n;
        if (strcmp(leaf, fn) == 0)
            mine += n;
    }
    fclose(f);
    return all > 0 ? mine / all : 0;
}

/* 1 when path is well-formed XML that contains text. */
static int xml_names(const char *path, const char *text)
{
    xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
    if (!doc)
        return 0;
    xmlFreeDoc(doc);
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    static char buf[1 << 22];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return strstr(buf, text) != NULL;
}

Test(diagnose, profile_puts_slow_part_on_top_and_draws_it)
{
    if (!perf_can_record())
        cr_skip_test("perf is not installed or may not record here");
    struct command_result r = benchrun_env(
        NULL, slow_exe, "--profile", "slow_and_fast", "--profile-time", "1s",
        "--profile-dir", profiles, "--no-color", NULL);
    cr_assert_eq(r.status, 0, "%s%s", r.out, r.err);
    char folded[4400], svg[4400];
    snprintf(folded, sizeof folded, "%s/diag_slow_and_fast.folded", profiles);
    snprintf(svg, sizeof svg, "%s/diag_slow_and_fast.svg", profiles);
    /* 400 of 500 steps: 80 % of the loop; 40 % is the floor. */
    double share = self_share(folded, "slow_part");
    cr_expect_geq(share, 0.40, "slow_part self share %.3f\n%s", share, r.out);
    cr_expect_gt(share, 2 * self_share(folded, "fast_part"));
    cr_expect(xml_names(svg, "slow_part"), "%s is no SVG naming slow_part",
              svg);
    cr_expect(xml_names(svg, "fast_part"));
    /* The top table's first row is slow_part. */
    const char *header = strstr(r.out, "function\n");
    cr_assert_not_null(header, "%s", r.out);
    const char *row = header + strlen("function\n");
    const char *end = strchr(row, '\n');
    cr_assert_not_null(end, "%s", r.out);
    char first[256];
    snprintf(first, sizeof first, "%.*s", (int)(end - row), row);
    cr_expect(strstr(first, "slow_part"), "first row \"%s\"\n%s", first, r.out);
    /* Only the timed loop: the harness between samples is a sliver. */
    cr_expect(self_share(folded, "benchrun_priv_loop_next") < 0.05);
    command_result_free(&r);
}

Test(diagnose, profile_leaves_setup_and_teardown_out)
{
    if (!perf_can_record())
        cr_skip_test("perf is not installed or may not record here");
    struct command_result r = benchrun_env(
        NULL, base_exe, "--profile", "with_setup", "--profile-time", "0.3s",
        "--profile-dir", profiles, "--no-color", NULL);
    cr_assert_eq(r.status, 0, "%s%s", r.out, r.err);
    char folded[4400];
    snprintf(folded, sizeof folded, "%s/diag_with_setup.folded", profiles);
    FILE *f = fopen(folded, "r");
    cr_assert_not_null(f);
    static char text[1 << 22];
    size_t n = fread(text, 1, sizeof text - 1, f);
    text[n] = '\0';
    fclose(f);
    /* The setup runs for ~30 ms in each worker, worth ~120 samples at
     * perf's 4000 Hz; outside the region it has none at all. */
    cr_expect_null(strstr(text, "expensive_setup"), "%s", text);
    cr_expect(self_share(folded, "fast_part") > 0.5);
    command_result_free(&r);
}

/* Runs the slow build against the base one and returns the explanation
 * of diag/slow_and_fast (root kept in *root_out). */
static json_t *explain_with(const char *engine, json_t **root_out,
                            struct command_result *r)
{
    *r = benchrun_env(NULL, slow_exe, "--compare", base_exe, FAST, "--filter",
                      "slow_and_fast", "--fail-above", "10%", "--explain-with",
                      engine, "--profile-dir", profiles, "--json", json_path,
                      NULL);
    cr_assert_eq(r->status, 1, "%s%s", r->out, r->err);
    *root_out = results();
    json_t *k = json_object_get(case_named(*root_out, "diag/slow_and_fast"),
                                "comparison");
    json_t *e = json_object_get(k, "explanation");
    cr_assert_not_null(e, "no explanation\n%s", r->out);
    return e;
}

static void expect_slow_part_first(json_t *e, const char *engine,
                                   const struct command_result *r)
{
    json_t *functions = json_object_get(e, "functions");
    cr_assert_gt(json_array_size(functions), 0, "%s", r->out);
    json_t *first = json_array_get(functions, 0);
    cr_expect_str_eq(json_string_value(json_object_get(first, "name")),
                     "slow_part", "%s", r->out);
    double before = json_number_value(json_object_get(first, "self_before"));
    double after = json_number_value(json_object_get(first, "self_after"));
    if (strcmp(engine, "callgrind") == 0)
        cr_expect(fabs(after / before - 2) < 0.02, "%g -> %g", before, after);
    else
        cr_expect(after > 1.3 * before, "%g -> %g", before, after);
    const char *svg = json_string_value(json_object_get(e, "flamegraph"));
    cr_assert_not_null(svg);
    cr_expect(xml_names(svg, "slow_part"));
    cr_expect(strstr(r->out, "slow_part"), "console names it:\n%s", r->out);
}

Test(diagnose, callgrind_explanation_ranks_slow_part_first)
{
    if (!have("valgrind"))
        cr_skip_test("valgrind is not installed");
    json_t *root;
    struct command_result r;
    json_t *e = explain_with("callgrind", &root, &r);
    cr_expect_str_eq(json_string_value(json_object_get(e, "engine")),
                     "callgrind");
    expect_slow_part_first(e, "callgrind", &r);
    json_decref(root);
    command_result_free(&r);
}

Test(diagnose, perf_explanation_ranks_slow_part_first)
{
    if (!perf_can_record())
        cr_skip_test("perf is not installed or may not record here");
    json_t *root;
    struct command_result r;
    json_t *e = explain_with("perf", &root, &r);
    cr_expect_str_eq(json_string_value(json_object_get(e, "engine")), "perf");
    expect_slow_part_first(e, "perf", &r);
    json_decref(root);
    command_result_free(&r);
}

Test(diagnose, no_explain_leaves_the_regression_unexplained)
{
    struct command_result r =
        benchrun_env(NULL, slow_exe, "--compare", base_exe, FAST, "--filter",
                     "slow_and_fast", "--fail-above", "10%", "--no-explain",
                     "--profile-dir", profiles, "--json", json_path, NULL);
    cr_assert_eq(r.status, 1, "%s%s", r.out, r.err);
    json_t *root = results();
    json_t *k =
        json_object_get(case_named(root, "diag/slow_and_fast"), "comparison");
    cr_expect_null(json_object_get(k, "explanation"));
    struct stat st;
    cr_expect_neq(stat(profiles, &st), 0, "nothing written to %s", profiles);
    json_decref(root);
    command_result_free(&r);
}

Test(diagnose, the_gate_can_judge_instructions_instead_of_time)
{
    if (!have("valgrind"))
        cr_skip_test("valgrind is not installed");
    /* +1 % instructions: beyond a 0.5 % gate, within a 2 % one.  Time
     * (a 1 % change) is within both, whatever the noise. */
    struct command_result r =
        benchrun_env(NULL, more_exe, "--compare", base_exe, FAST, "--filter",
                     "chain", "--gate-metric", "instructions", "--fail-above",
                     "0.5%", "--no-explain", NULL);
    cr_expect_eq(r.status, 1, "%s%s", r.out, r.err);
    cr_expect(strstr(r.out, "instructions"), "%s", r.out);
    command_result_free(&r);
    r = benchrun_env(NULL, more_exe, "--compare", base_exe, FAST, "--filter",
                     "chain", "--gate-metric", "instructions", "--fail-above",
                     "2%", "--no-explain", NULL);
    cr_expect_eq(r.status, 0, "%s%s", r.out, r.err);
    command_result_free(&r);
}

Test(diagnose, gate_metric_in_a_thresholds_entry)
{
    if (!have("valgrind"))
        cr_skip_test("valgrind is not installed");
    char config[4300];
    snprintf(config, sizeof config, "%s/benchrun.yml", scratch);
    FILE *f = fopen(config, "w");
    cr_assert_not_null(f);
    fprintf(f, "fail_above: 0.5%%\nthresholds:\n  - match: \"diag/*\"\n"
               "    gate_metric: instructions\n");
    fclose(f);
    struct command_result r = benchrun_env(
        NULL, "--config", config, more_exe, "--compare", base_exe, FAST,
        "--filter", "chain", "--no-explain", "--json", json_path, NULL);
    cr_expect_eq(r.status, 1, "%s%s", r.out, r.err);
    command_result_free(&r);
    json_t *root = results();
    json_t *k = json_object_get(case_named(root, "diag/chain"), "comparison");
    cr_expect_str_eq(json_string_value(json_object_get(k, "gate_metric")),
                     "instructions");
    json_decref(root);
}

Test(diagnose, without_perf_profile_says_why_in_one_line)
{
    char *env[] = {"PATH=/nonexistent", NULL};
    struct command_result r = benchrun_env(env, base_exe, "--profile", "chain",
                                           "--profile-dir", profiles, NULL);
    cr_expect_eq(r.status, 2, "%s%s", r.out, r.err);
    cr_expect(is_one_line(r.err), "%s", r.err);
    cr_expect(strstr(r.err, "perf not found") && strstr(r.err, "linux-perf"),
              "%s", r.err);
    command_result_free(&r);
}

Test(diagnose, without_valgrind_the_context_says_instructions_are_missing)
{
    char *env[] = {"PATH=/nonexistent", NULL};
    struct command_result r =
        benchrun_env(env, base_exe, FAST, "--filter", "chain", "--metric",
                     "instructions", "--json", json_path, NULL);
    cr_expect_eq(r.status, 0, "%s%s", r.out, r.err);
    cr_expect(strstr(r.out, "no valgrind"), "%s", r.out);
    command_result_free(&r);
    json_t *root = results();
    cr_expect_null(json_object_get(
        json_object_get(case_named(root, "diag/chain"), "metrics"),
        "instructions"));
    json_decref(root);
}

static void memory_profile_with(const char *tool, const char *needs)
{
    if (!have(needs))
        cr_skip_test("%s is not installed", needs);
    struct command_result r = benchrun_env(
        NULL, base_exe, "--profile-memory", "mallocs", "--memory-tool", tool,
        "--profile-dir", profiles, "--no-color", NULL);
    cr_assert_eq(r.status, 0, "%s%s", r.out, r.err);
    cr_expect(strstr(r.out, "peak heap"), "%s", r.out);
    cr_expect(strstr(r.out, "3 allocations (80 B) per iteration"), "%s", r.out);
    cr_expect(strstr(r.out, tool), "%s", r.out);
    command_result_free(&r);
}

Test(diagnose, memory_profile_with_massif)
{
    memory_profile_with("massif", "valgrind");
}

/* Plants a link at profiles/NAME to a file outside with "keep" in it;
 * returns the outside file's path (static). */
static const char *plant_link(const char *name)
{
    static char outside[4300];
    char link[4400];
    snprintf(outside, sizeof outside, "%s/outside-%s", scratch, name);
    FILE *f = fopen(outside, "w");
    cr_assert_not_null(f);
    fputs("keep\n", f);
    fclose(f);
    mkdir(profiles, 0755);
    snprintf(link, sizeof link, "%s/%s", profiles, name);
    cr_assert_eq(symlink(outside, link), 0, "%s", link);
    return outside;
}

static void expect_kept(const char *outside)
{
    char text[64] = "";
    FILE *f = fopen(outside, "r");
    cr_assert_not_null(f);
    cr_expect_not_null(fgets(text, sizeof text, f));
    fclose(f);
    cr_expect_str_eq(text, "keep\n", "%s was written through a link", outside);
}

Test(diagnose, memory_tools_replace_links_planted_at_their_outputs)
{
    /* massif writes its profile and valgrind's log, heaptrack its
     * compressed file: each opens them with O_TRUNC. */
    if (!have("valgrind") || !have("heaptrack"))
        cr_skip_test("valgrind or heaptrack is not installed");
    char outside_log[4300], outside_zst[4300];
    snprintf(outside_log, sizeof outside_log, "%s",
             plant_link("massif.out.diag_mallocs.log"));
    snprintf(outside_zst, sizeof outside_zst, "%s",
             plant_link("heaptrack.diag_mallocs.zst"));
    memory_profile_with("massif", "valgrind");
    memory_profile_with("heaptrack", "heaptrack");
    expect_kept(outside_log);
    expect_kept(outside_zst);
}

Test(diagnose, memory_profile_with_dhat)
{
    memory_profile_with("dhat", "valgrind");
}

Test(diagnose, memory_profile_with_heaptrack)
{
    memory_profile_with("heaptrack", "heaptrack");
}

Test(diagnose, saved_baselines_keep_metrics_and_say_why_nothing_is_explained)
{
    if (!have("valgrind"))
        cr_skip_test("valgrind is not installed");
    char store[4300];
    snprintf(store, sizeof store, "%s/baselines", scratch);
    struct command_result r = benchrun_env(
        NULL, base_exe, FAST, "--filter", "chain|slow_and_fast", "--metric",
        "instructions", "--save-baseline", "m", "--baseline-dir", store, NULL);
    cr_assert_eq(r.status, 0, "%s%s", r.out, r.err);
    command_result_free(&r);
    /* Against the saved numbers only (--no-rerun): the chain is the same
     * code in the slow build, slow_and_fast is not. */
    r = benchrun_env(NULL, slow_exe, FAST, "--filter", "chain|slow_and_fast",
                     "--metric", "instructions", "--baseline", "m",
                     "--baseline-dir", store, "--no-rerun", "--profile-dir",
                     profiles, "--json", json_path, NULL);
    cr_assert(r.status == 0 || r.status == 1, "%s%s", r.out, r.err);
    json_t *root = results();
    json_t *chain = json_object_get(
        json_object_get(
            json_object_get(case_named(root, "diag/chain"), "comparison"),
            "metric_changes"),
        "instructions");
    cr_assert_not_null(chain, "%s", r.out);
    cr_expect_eq(json_number_value(json_object_get(chain, "ratio")), 1.0);
    json_t *k =
        json_object_get(case_named(root, "diag/slow_and_fast"), "comparison");
    json_t *change =
        json_object_get(json_object_get(k, "metric_changes"), "instructions");
    cr_expect_gt(json_number_value(json_object_get(change, "ratio")), 1.5);
    json_t *e = json_object_get(k, "explanation");
    if (e) /* only when time labelled it regressed */
        cr_expect(strstr(json_string_value(json_object_get(e, "note")),
                         "only the baseline's numbers"),
                  "%s", r.out);
    json_decref(root);
    command_result_free(&r);
}

Test(diagnose,
     a_link_planted_in_the_profile_folder_is_replaced_not_written_through)
{
    if (!have("valgrind"))
        cr_skip_test("valgrind is not installed");
    char outside[4300], link[4400];
    snprintf(outside, sizeof outside, "%s/outside.txt", scratch);
    FILE *f = fopen(outside, "w");
    cr_assert_not_null(f);
    fputs("keep\n", f);
    fclose(f);
    cr_assert_eq(mkdir(profiles, 0755), 0);
    snprintf(link, sizeof link, "%s/diag_slow_and_fast.before.callgrind",
             profiles);
    cr_assert_eq(symlink(outside, link), 0);
    json_t *root;
    struct command_result r;
    json_t *e = explain_with("callgrind", &root, &r);
    expect_slow_part_first(e, "callgrind", &r);
    /* The file the link pointed to is untouched; the name now holds
     * benchrun's own profile. */
    char text[64] = "";
    f = fopen(outside, "r");
    cr_assert_not_null(f);
    cr_expect_not_null(fgets(text, sizeof text, f));
    fclose(f);
    cr_expect_str_eq(text, "keep\n");
    struct stat st;
    cr_assert_eq(lstat(link, &st), 0);
    cr_expect(S_ISREG(st.st_mode), "the link was replaced by a file");
    json_decref(root);
    command_result_free(&r);
}
