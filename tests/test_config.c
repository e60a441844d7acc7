/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/* test_config.c: benchrun.yml: every key of the option table is read,
 * errors name the file, the line, the key and the value, relative paths
 * follow the file, the command line wins, and docs/config.md lists every
 * key.  Each test writes its files in a scratch folder and works from
 * there (Criterion runs each test in its own process, so chdir is safe). */
#include "config.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "reports/markdown/markdown.h"
#include "runner/options/config_file.h"
#include "runner/options/option_table.h"
#include "runner/options/cli.h"
#include "tests/helpers.h"

static char *scratch;
static char home[4096];

static void setup(void)
{
    cr_assert_not_null(getcwd(home, sizeof home));
    scratch = make_scratch_dir();
    cr_assert_not_null(scratch);
    cr_assert_eq(chdir(scratch), 0, "chdir %s: %s", scratch, strerror(errno));
}

static int remove_entry(const char *path, const struct stat *st, int flag,
                        struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static void teardown(void)
{
    if (chdir(home) == 0 && scratch)
        nftw(scratch, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    free(scratch);
}

TestSuite(config, .init = setup, .fini = teardown);

/* Writes text to path (relative to the scratch folder). */
static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f, "cannot write %s: %s", path, strerror(errno));
    fputs(text, f);
    cr_assert_eq(fclose(f), 0);
}

/* Writes text to ./benchrun.yml and loads it on top of the defaults. */
static int load(const char *text, struct brun_options *o, char *why,
                size_t why_size)
{
    write_file("benchrun.yml", text);
    brun_options_defaults(o);
    why[0] = '\0';
    return brun_config_load("benchrun.yml", o, why, why_size);
}

/* Loads text, which must fail with a message that starts with start and
 * contains each of the NULL-terminated words. */
static void refused(const char *text, const char *start, const char *words[])
{
    struct brun_options o;
    char why[512];
    cr_assert_eq(load(text, &o, why, sizeof why), -1, "accepted:\n%s", text);
    cr_assert(strncmp(why, start, strlen(start)) == 0,
              "\"%s\" does not start with \"%s\"", why, start);
    for (size_t i = 0; words && words[i]; i++)
        cr_assert(strstr(why, words[i]), "\"%s\" lacks \"%s\"", why, words[i]);
    cr_assert_null(strchr(why, '\n'), "not one line: \"%s\"", why);
    brun_options_release(&o);
}

#define WORDS(...) ((const char *[]){__VA_ARGS__, NULL})

/* ---- Every key of the option table ------------------------------------ */

static int near(double a, double b)
{
    return a - b < 1e-12 && b - a < 1e-12;
}
static int same(const char *a, const char *b)
{
    return a && strcmp(a, b) == 0;
}

#define CHECK(name, expr)                         \
    static int name(const struct brun_options *o) \
    {                                             \
        return (expr);                            \
    }

CHECK(filter_set, same(o->filter, "^hash/"))
CHECK(rounds_set, o->rounds == 7)
CHECK(samples_set, o->samples == 12)
CHECK(warmup_set, near(o->warmup_s, 250e-6))
CHECK(sample_time_set, near(o->sample_s, 2e-3))
CHECK(budget_set, near(o->budget_s, 1.5))
CHECK(iterations_set, o->iterations == 1000)
CHECK(jitter_set, o->jitter == 0)
CHECK(timeout_set, near(o->timeout_s, 120))
CHECK(clock_set, o->clock == BRUN_CLOCK_MONOTONIC)
CHECK(seed_set, o->seed_given && o->seed == 42)
CHECK(save_baseline_set, same(o->save_baseline, "main"))
CHECK(baseline_set, same(o->baseline, "release-1.2"))
CHECK(fail_above_set, near(o->fail_above, 0.10))
CHECK(baseline_dir_set, same(o->baseline_dir, "store/baselines"))
CHECK(rerun_set, o->rerun_baseline == 0)
CHECK(max_rounds_set, o->max_rounds == 40)
CHECK(confidence_set, near(o->confidence, 0.99))
CHECK(fdr_set, near(o->fdr, 0.1))
CHECK(gate_alpha_set, near(o->gate_alpha, 0.05))
CHECK(noise_floor_set, near(o->noise_floor, 0.02))
CHECK(session_noise_set, near(o->session_noise, 0.03))
CHECK(resamples_set, o->resamples == 5000)
CHECK(bootstrap_set, o->bootstrap_bca == 0)
CHECK(json_set, same(o->json_path, "out/results.json"))
CHECK(verbosity_set, o->verbosity == 1)
CHECK(color_set, o->color == 0)
CHECK(report_set, same(o->report_path, "out/BENCHMARKS.md"))
CHECK(html_set, same(o->html_path, "out/report.html"))
CHECK(github_set, o->github == 1)
CHECK(slo_warning_set, near(o->slo_warning, 0.6))
CHECK(slo_critical_set, near(o->slo_critical, 0.9))
CHECK(slo_warning_only_set, o->slo_warning_only == 1)
CHECK(metric_set,
      o->metrics == (BRUN_WANT_INSTRUCTIONS | BRUN_WANT_ALLOCATIONS))
CHECK(gate_metric_set, o->gate_metric == BRUN_METRIC_ALLOCATIONS &&
                           (o->metrics & BRUN_WANT_ALLOCATIONS))
CHECK(profile_time_set, near(o->profile_s, 0.5))
CHECK(call_graph_set, o->call_graph_dwarf == 0)
CHECK(profile_dir_set, strstr(o->profile_dir, "prof/here") != NULL)
CHECK(explain_set, o->explain == 0)
CHECK(explain_time_set, near(o->explain_s, 30))
CHECK(explain_with_set, o->explain_engine == BRUN_EXPLAIN_PERF)
CHECK(memory_tool_set, o->memory_tool == 1)
CHECK(markdown_layout_set, o->markdown_layout == BRUN_MARKDOWN_COMPONENTS)
CHECK(setup_set, o->setup &&strcmp(o->setup, "make clean") == 0)
CHECK(prepare_set, o->prepare &&strcmp(o->prepare, "sync") == 0)
CHECK(command_shell_set, o->command_shell == NULL)
CHECK(command_output_set, o->command_output == 1)

/* One valid value per benchrun.yml key, and what it must do.  A new key in
 * the table without a row here fails the test below. */
static const struct {
    const char *key;
    const char *value;
    int (*check)(const struct brun_options *o);
} rows[] = {
    {"filter", "\"^hash/\"", filter_set},
    {"rounds", "7", rounds_set},
    {"samples", "12", samples_set},
    {"warmup", "250us", warmup_set},
    {"sample_time", "2ms", sample_time_set},
    {"budget", "1.5", budget_set},
    {"iterations", "1000", iterations_set},
    {"jitter", "false", jitter_set},
    {"timeout", "2m", timeout_set},
    {"clock", "monotonic", clock_set},
    {"seed", "42", seed_set},
    {"save_baseline", "main", save_baseline_set},
    {"baseline", "release-1.2", baseline_set},
    {"fail_above", "10%", fail_above_set},
    {"baseline_dir", "store/baselines", baseline_dir_set},
    {"rerun_baseline", "no", rerun_set},
    {"max_rounds", "40", max_rounds_set},
    {"confidence", "0.99", confidence_set},
    {"fdr", "0.1", fdr_set},
    {"gate_alpha", "0.05", gate_alpha_set},
    {"noise_floor", "2%", noise_floor_set},
    {"session_noise", "3%", session_noise_set},
    {"resamples", "5000", resamples_set},
    {"bootstrap", "percentile", bootstrap_set},
    {"json", "out/results.json", json_set},
    {"verbosity", "verbose", verbosity_set},
    {"color", "never", color_set},
    {"report", "out/BENCHMARKS.md", report_set},
    {"html", "out/report.html", html_set},
    {"github", "true", github_set},
    {"slo_warning", "60%", slo_warning_set},
    {"slo_critical", "90%", slo_critical_set},
    {"slo_warning_only", "yes", slo_warning_only_set},
    {"metric", "instructions,allocations", metric_set},
    {"gate_metric", "allocations", gate_metric_set},
    {"profile_time", "500ms", profile_time_set},
    {"call_graph", "fp", call_graph_set},
    {"profile_dir", "prof/here", profile_dir_set},
    {"explain", "false", explain_set},
    {"explain_time", "30s", explain_time_set},
    {"explain_with", "perf", explain_with_set},
    {"memory_tool", "massif", memory_tool_set},
    {"markdown_layout", "components", markdown_layout_set},
    {"setup", "\"make clean\"", setup_set},
    {"prepare", "sync", prepare_set},
    {"command_shell", "none", command_shell_set},
    {"command_output", "show", command_output_set},
};

Test(config, every_key_of_the_option_table_is_read_into_the_options)
{
    size_t count, tested = 0;
    const struct brun_option_spec *t = brun_option_table(&count);
    for (size_t i = 0; i < count; i++) {
        if (!t[i].key)
            continue;
        size_t r = 0;
        while (r < sizeof rows / sizeof rows[0] &&
               strcmp(rows[r].key, t[i].key))
            r++;
        cr_assert(r < sizeof rows / sizeof rows[0],
                  "benchrun.yml key \"%s\" (--%s) has no row in this test",
                  t[i].key, t[i].long_name);
        char text[256], why[512];
        struct brun_options o;
        snprintf(text, sizeof text, "# one key\n%s: %s\n", rows[r].key,
                 rows[r].value);
        cr_assert_eq(load(text, &o, why, sizeof why), 0, "%s", why);
        cr_assert(rows[r].check(&o), "%s: %s did not land in the options",
                  rows[r].key, rows[r].value);
        cr_assert_str_eq(o.config_path, "benchrun.yml");
        brun_options_release(&o);
        tested++;
    }
    cr_assert_geq(tested, sizeof rows / sizeof rows[0]);
}

Test(config, all_keys_together_in_one_file)
{
    char text[4096] = "";
    struct brun_options o;
    char why[512];
    for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
        char line[256];
        snprintf(line, sizeof line, "%s: %s\n", rows[r].key, rows[r].value);
        strcat(text, line);
    }
    cr_assert_eq(load(text, &o, why, sizeof why), 0, "%s", why);
    for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++)
        cr_assert(rows[r].check(&o), "%s", rows[r].key);
    brun_options_release(&o);
}

Test(config, yaml_booleans_and_quoted_values_reach_the_setters)
{
    struct brun_options o;
    char why[512];
    cr_assert_eq(load("jitter: off\nrerun_baseline: yes\nrounds: \"5\"\n"
                      "fail_above: 'off'\nnoise_floor: 0.01\n",
                      &o, why, sizeof why),
                 0, "%s", why);
    cr_assert_eq(o.jitter, 0);
    cr_assert_eq(o.rerun_baseline, 1);
    cr_assert_eq(o.rounds, 5);
    cr_assert_eq(o.fail_above, 0);
    cr_assert(near(o.noise_floor, 0.01));
    brun_options_release(&o);
}

Test(config, an_empty_file_or_only_comments_sets_nothing)
{
    static const char *texts[] = {"", "# nothing yet\n\n   # still nothing\n",
                                  "---\n", "---\n...\n"};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        struct brun_options o;
        char why[512];
        cr_assert_eq(load(texts[i], &o, why, sizeof why), 0, "%s", why);
        struct brun_options defaults;
        brun_options_defaults(&defaults);
        cr_assert_eq(o.rounds, defaults.rounds);
        brun_options_release(&defaults);
        cr_assert_eq(o.target_count, 0);
        cr_assert_eq(o.threshold_count, 0);
        brun_options_release(&o);
    }
}

/* ---- Lists ------------------------------------------------------------ */

Test(config, commands_are_a_list_kept_as_written)
{
    struct brun_options o;
    char why[512];
    cr_assert_eq(load("commands:\n  - sleep 0.01\n  - \"./tool --fast\"\n", &o,
                      why, sizeof why),
                 0, "%s", why);
    cr_assert_eq(o.command_count, 2);
    /* Not resolved against the file's folder: a command is no path. */
    cr_assert_str_eq(o.commands[0], "sleep 0.01");
    cr_assert_str_eq(o.commands[1], "./tool --fast");
    cr_assert_eq(o.target_count, 0);
    brun_options_release(&o);
}

Test(config, commands_must_be_a_list_of_non_empty_lines)
{
    refused("commands: sleep 1\n",
            "benchrun.yml:1: commands: expected a list of commands",
            WORDS("sleep 1"));
    refused("commands:\n  - \"\"\n",
            "benchrun.yml:2: commands: expected a "
            "command",
            NULL);
}

Test(config, targets_and_compare_are_lists_in_order)
{
    struct brun_options o;
    char why[512];
    cr_assert_eq(load("targets:\n  - build/bench_cache\n  - build/bench_parse\n"
                      "compare: [old/bench_cache, old/bench_parse]\n",
                      &o, why, sizeof why),
                 0, "%s", why);
    cr_assert_eq(o.target_count, 2);
    cr_assert_str_eq(o.targets[0], "build/bench_cache");
    cr_assert_str_eq(o.targets[1], "build/bench_parse");
    cr_assert_eq(o.compare_count, 2);
    cr_assert_str_eq(o.compare_with[0], "old/bench_cache");
    cr_assert_str_eq(o.compare_with[1], "old/bench_parse");
    brun_options_release(&o);
}

Test(config, thresholds_keep_their_order_values_and_lines)
{
    struct brun_options o;
    char why[512];
    cr_assert_eq(load("fail_above: 10%\n"                /* 1 */
                      "thresholds:\n"                    /* 2 */
                      "  - match: \"memory/*\"\n"        /* 3 */
                      "    fail_above: 25%\n"            /* 4 */
                      "    noise_floor: 2%\n"            /* 5 */
                      "  # the hot path is tighter\n"    /* 6 */
                      "  - match: \"hash/lookup_hit\"\n" /* 7 */
                      "    fail_above: off\n"            /* 8 */
                      "  - noise_floor: 0.5%\n"          /* 9 */
                      "    match: \"*\"\n",              /* 10 */
                      &o, why, sizeof why),
                 0, "%s", why);
    cr_assert(near(o.fail_above, 0.10));
    cr_assert_eq(o.threshold_count, 3);
    cr_assert_str_eq(o.thresholds[0].pattern, "memory/*");
    cr_assert(near(o.thresholds[0].fail_above, 0.25));
    cr_assert(near(o.thresholds[0].noise_floor, 0.02));
    cr_assert_eq(o.thresholds[0].line, 3);
    cr_assert_str_eq(o.thresholds[1].pattern, "hash/lookup_hit");
    cr_assert_eq(o.thresholds[1].fail_above, 0, "off: never fail");
    cr_assert_lt(o.thresholds[1].noise_floor, 0, "not given");
    cr_assert_eq(o.thresholds[1].line, 7);
    cr_assert_str_eq(o.thresholds[2].pattern, "*");
    cr_assert_lt(o.thresholds[2].fail_above, 0, "not given: the run's");
    cr_assert(near(o.thresholds[2].noise_floor, 0.005));
    cr_assert_eq(o.thresholds[2].line, 9);
    brun_options_release(&o);
}

Test(config, fail_above_none_in_a_threshold_also_means_never)
{
    struct brun_options o;
    char why[512];
    cr_assert_eq(load("thresholds:\n  - {match: \"io/*\", fail_above: none}\n",
                      &o, why, sizeof why),
                 0, "%s", why);
    cr_assert_eq(o.threshold_count, 1);
    cr_assert_eq(o.thresholds[0].fail_above, 0);
    cr_assert_eq(o.thresholds[0].line, 2);
    brun_options_release(&o);
}

/* ---- Relative paths --------------------------------------------------- */

static const char paths_file[] = "targets:\n"
                                 "  - build/bench_a\n"
                                 "  - /opt/bench_b\n"
                                 "compare:\n"
                                 "  - old/bench_a\n"
                                 "  - /opt/old_b\n"
                                 "baseline_dir: .benchrun/baselines\n"
                                 "json: out/results.json\n";

Test(config, relative_paths_follow_the_file_folder)
{
    struct brun_options o;
    char why[512];
    cr_assert_eq(mkdir("ci", 0755), 0);
    write_file("ci/benchrun.yml", paths_file);
    brun_options_defaults(&o);
    cr_assert_eq(brun_config_load("ci/benchrun.yml", &o, why, sizeof why), 0,
                 "%s", why);
    cr_assert_str_eq(o.targets[0], "ci/build/bench_a");
    cr_assert_str_eq(o.targets[1], "/opt/bench_b");
    cr_assert_str_eq(o.compare_with[0], "ci/old/bench_a");
    cr_assert_str_eq(o.compare_with[1], "/opt/old_b");
    cr_assert_str_eq(o.baseline_dir, "ci/.benchrun/baselines");
    cr_assert_str_eq(o.json_path, "ci/out/results.json");
    cr_assert_str_eq(o.config_path, "ci/benchrun.yml");
    brun_options_release(&o);
}

Test(config, relative_paths_stay_as_written_in_the_current_folder)
{
    struct brun_options o;
    char why[512];
    cr_assert_eq(load(paths_file, &o, why, sizeof why), 0, "%s", why);
    cr_assert_str_eq(o.targets[0], "build/bench_a");
    cr_assert_str_eq(o.compare_with[0], "old/bench_a");
    cr_assert_str_eq(o.baseline_dir, ".benchrun/baselines");
    cr_assert_str_eq(o.json_path, "out/results.json");
    brun_options_release(&o);
}

Test(config, relative_paths_follow_an_absolute_file_path)
{
    struct brun_options o;
    char why[512], path[4200], expected[4300];
    write_file("benchrun.yml", paths_file);
    snprintf(path, sizeof path, "%s/benchrun.yml", scratch);
    brun_options_defaults(&o);
    cr_assert_eq(brun_config_load(path, &o, why, sizeof why), 0, "%s", why);
    snprintf(expected, sizeof expected, "%s/build/bench_a", scratch);
    cr_assert_str_eq(o.targets[0], expected);
    cr_assert_str_eq(o.targets[1], "/opt/bench_b");
    snprintf(expected, sizeof expected, "%s/out/results.json", scratch);
    cr_assert_str_eq(o.json_path, expected);
    brun_options_release(&o);
}

/* ---- The command line wins -------------------------------------------- */

Test(config, the_command_line_wins_over_the_file)
{
    struct brun_options o;
    char why[512];
    char *argv[] = {"benchrun", "--rounds", "7", "--json",
                    "cli.json", "./x",      NULL};
    cr_assert_eq(load("targets: [a, b]\nrounds: 5\nfail_above: 20%\n"
                      "json: file.json\n",
                      &o, why, sizeof why),
                 0, "%s", why);
    cr_assert_eq(brun_cli_parse(6, argv, &o, why, sizeof why), BRUN_CLI_RUN,
                 "%s", why);
    cr_assert_eq(o.rounds, 7);
    cr_assert_str_eq(o.json_path, "cli.json");
    cr_assert(near(o.fail_above, 0.20), "the file's value stays");
    cr_assert_eq(o.target_count, 1);
    cr_assert_str_eq(o.targets[0], "./x");
    brun_options_release(&o);
}

Test(config, targets_come_from_the_file_when_the_command_line_has_none)
{
    struct brun_options o;
    char why[512];
    char *argv[] = {"benchrun", "-q", NULL};
    cr_assert_eq(load("targets: [a, b]\n", &o, why, sizeof why), 0, "%s", why);
    cr_assert_eq(brun_cli_parse(2, argv, &o, why, sizeof why), BRUN_CLI_RUN,
                 "%s", why);
    cr_assert_eq(o.target_count, 2);
    cr_assert_eq(o.verbosity, -1);
    brun_options_release(&o);
}

/* ---- Errors ----------------------------------------------------------- */

Test(config, a_refused_value_names_line_key_and_value)
{
    refused("# benchrun.yml\n"
            "targets:\n"
            "  - a\n"
            "\n"
            "rounds: 10\n"
            "samples: 3\n"
            "warmup: 5 parsecs\n",
            "benchrun.yml:7: warmup: expected a duration",
            WORDS("\"5 parsecs\""));
    refused("rounds: 1\n", "benchrun.yml:1: rounds: expected a whole number",
            WORDS("got \"1\""));
    refused("rounds: 10\nfail_above: ten\n",
            "benchrun.yml:2: fail_above: expected a percentage",
            WORDS("\"ten\""));
    refused("jitter: maybe\n", "benchrun.yml:1: jitter: expected true or false",
            WORDS("\"maybe\""));
    refused("seed: 1\nclock: sundial\n", "benchrun.yml:2: clock: unknown clock",
            WORDS("\"sundial\""));
}

/* benchrun.yml goes through the same setters as the command line, so a
 * duration that would overflow its tick count is refused there too. */
Test(config, a_duration_past_its_range_names_line_and_range)
{
    refused("rounds: 3\nsample_time: 1e10\n",
            "benchrun.yml:2: sample_time: expected a duration from more than "
            "0 to 60s",
            WORDS("\"1e10\""));
    refused("warmup: 1e19\n",
            "benchrun.yml:1: warmup: expected a duration from 0 to 3600s",
            WORDS("\"1e19\""));
}

Test(config, a_key_without_a_value_is_blamed_on_its_line)
{
    refused("rounds:\nsamples: 3\n", "benchrun.yml:1: rounds: expected",
            WORDS("got \"\""));
    refused("samples: 3\ntargets:\nrounds: 3\n",
            "benchrun.yml:2: targets: expected a list of executables",
            WORDS("got nothing"));
}

Test(config, a_scalar_key_given_a_list_or_mapping_names_the_type)
{
    refused("samples: 3\n"
            "rounds:\n"
            "  - 1\n"
            "  - 2\n",
            "benchrun.yml:3: rounds: expected a whole number",
            WORDS("got a list"));
    refused("fail_above: {memory: 10%}\n",
            "benchrun.yml:1: fail_above: expected a percentage",
            WORDS("got a mapping"));
    refused("\n\njitter: [yes]\n",
            "benchrun.yml:3: jitter: expected true or "
            "false, got a list",
            NULL);
    refused("clock: [tsc]\n",
            "benchrun.yml:1: clock: expected auto, tsc, cntvct or monotonic, "
            "got a list",
            NULL);
}

Test(config, a_list_key_given_a_scalar_or_mapping_names_the_type)
{
    refused("rounds: 3\ntargets: build/bench\n",
            "benchrun.yml:2: targets: expected a list of executables, got "
            "\"build/bench\"",
            NULL);
    refused("compare:\n  a: b\n",
            "benchrun.yml:2: compare: expected a list of executables, got a "
            "mapping",
            NULL);
    refused("targets:\n  - a\n  - [b]\n",
            "benchrun.yml:3: targets: expected an executable, got a list",
            NULL);
    refused("targets:\n  - a\n  - \"\"\n",
            "benchrun.yml:3: targets: expected an executable, got \"\"", NULL);
    refused("thresholds: 10%\n",
            "benchrun.yml:1: thresholds: expected a list of entries",
            WORDS("got \"10%\""));
    refused("thresholds:\n  - memory/*\n",
            "benchrun.yml:2: thresholds: expected an entry",
            WORDS("got \"memory/*\""));
}

Test(config, an_unknown_key_suggests_the_closest_one)
{
    refused("targets: [a]\n\nrouns: 10\n",
            "benchrun.yml:3: unknown key \"rouns\" (did you mean \"rounds\"?)",
            NULL);
    refused("fail-above: 10%\n",
            "benchrun.yml:1: unknown key \"fail-above\" (did you mean "
            "\"fail_above\"?)",
            NULL);
    refused("tragets: [a]\n",
            "benchrun.yml:1: unknown key \"tragets\" (did you mean "
            "\"targets\"?)",
            NULL);
    refused("rounds: 3\nthresholds:\n  - match: a\n    fail_abve: 5%\n",
            "benchrun.yml:4: thresholds: unknown key \"fail_abve\" (did you "
            "mean \"fail_above\"?)",
            NULL);
}

Test(config, an_unknown_key_far_from_any_suggests_nothing)
{
    struct brun_options o;
    char why[512];
    cr_assert_eq(load("colour_scheme: dark\n", &o, why, sizeof why), -1);
    cr_assert_str_eq(why, "benchrun.yml:1: unknown key \"colour_scheme\"");
    brun_options_release(&o);
}

Test(config, command_line_only_options_are_unknown_keys)
{
    static const char *texts[] = {
        "list: true\n",           "help: yes\n",
        "config: other.yml\n",    "version: true\n",
        "list_baselines: true\n", "delete_baseline: main\n"};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        refused(texts[i], "benchrun.yml:1: unknown key \"",
                WORDS("is for the command line only"));
    refused("rounds: 3\nlist: true\n",
            "benchrun.yml:2: unknown key \"list\" (--list is for the command "
            "line only)",
            NULL);
}

Test(config, a_flag_spelling_points_to_its_key)
{
    refused("no_jitter: true\n",
            "benchrun.yml:1: unknown key \"no_jitter\" (did you mean "
            "\"jitter\"?)",
            NULL);
    refused("quiet: true\n",
            "benchrun.yml:1: unknown key \"quiet\" (did you mean "
            "\"verbosity\"?)",
            NULL);
}

Test(config, a_key_given_twice_names_both_lines)
{
    refused("rounds: 5\n"
            "samples: 3\n"
            "# again\n"
            "rounds: 6\n",
            "benchrun.yml:4: rounds: given twice (first on line 1)", NULL);
    refused("thresholds:\n"
            "  - match: a\n"
            "    fail_above: 5%\n"
            "    fail_above: 6%\n",
            "benchrun.yml:4: thresholds[0].fail_above: given twice (first "
            "on line 3)",
            NULL);
}

Test(config, thresholds_entries_are_checked)
{
    refused("thresholds:\n"
            "  - match: a\n"
            "  - fail_above: 5%\n"
            "    noise_floor: 1%\n",
            "benchrun.yml:3: thresholds: an entry without \"match\"", NULL);
    refused("thresholds:\n"
            "  - match: a\n"
            "    fail_above: lots\n",
            "benchrun.yml:3: thresholds: fail_above: expected a percentage",
            WORDS("\"lots\""));
    refused("thresholds:\n"
            "  - match: a\n"
            "    fail_above: 0%\n",
            "benchrun.yml:3: thresholds: fail_above: must be more than 0",
            NULL);
    refused("thresholds:\n"
            "  - match: a\n"
            "    noise_floor: 60%\n",
            "benchrun.yml:3: thresholds: noise_floor: expected a percentage",
            WORDS("\"60%\""));
    refused("thresholds:\n"
            "  - match: [a, b]\n",
            "benchrun.yml:2: thresholds: match: expected a pattern, got a "
            "list",
            NULL);
    refused("thresholds:\n"
            "  - match:\n"
            "    fail_above: 5%\n",
            "benchrun.yml:2: thresholds: match: expected a pattern, got "
            "nothing",
            NULL);
}

Test(config, the_top_level_must_be_a_mapping)
{
    refused("# targets\n- a\n- b\n",
            "benchrun.yml:2: expected keys such as \"rounds: 10\", got a list",
            NULL);
    refused("rounds\n", "benchrun.yml:1: expected keys such as",
            WORDS("got \"rounds\""));
}

Test(config, a_yaml_syntax_error_names_its_line)
{
    /* Indented deeper than the keys before it. */
    refused("rounds: 10\n"
            "samples: 3\n"
            "  warmup: 5ms\n",
            "benchrun.yml:3: not valid YAML: mapping values are not allowed",
            NULL);
    /* A tab where YAML wants spaces. */
    refused("rounds: 10\n"
            "targets:\n"
            "\t- a\n",
            "benchrun.yml:3: not valid YAML: found character that cannot "
            "start any token",
            NULL);
    /* An unclosed quote. */
    refused("rounds: 10\n"
            "filter: \"abc\n",
            "benchrun.yml:",
            WORDS("not valid YAML: ", "found unexpected end of stream"));
    /* Not UTF-8. */
    refused("rounds: 10\n"
            "filter: \xff\xfe\n",
            "benchrun.yml:2: not valid YAML: invalid", NULL);
}

Test(config, anchors_aliases_and_tags_are_refused)
{
    refused("samples: 3\nrounds: &r 10\nmax_rounds: *r\n",
            "benchrun.yml:2: rounds: anchor &r: anchors and aliases are not "
            "supported",
            NULL);
    refused("samples: 3\nrounds: *r\n",
            "benchrun.yml:2: rounds: alias *r: anchors and aliases are not "
            "supported",
            NULL);
    refused("samples: 3\n\nrounds: !!int 10\n",
            "benchrun.yml:3: rounds: tag !!int: tags are not supported", NULL);
    refused("targets: !local\n  - a\n",
            "benchrun.yml:1: targets: tag !local: tags are not supported",
            NULL);
    refused("defaults: &d\n  rounds: 3\n",
            "benchrun.yml:1: defaults: anchor &d", NULL);
}

Test(config, a_second_document_is_refused)
{
    refused("rounds: 3\n---\nsamples: 4\n",
            "benchrun.yml:2: a second YAML document", NULL);
}

Test(config, control_characters_in_values_are_refused)
{
    refused("rounds: 3\nfilter: \"a\\tb\"\n",
            "benchrun.yml:2: filter: a value may not contain line breaks",
            NULL);
    refused("filter: |\n  a\n  b\n",
            "benchrun.yml:1: filter: a value may not contain line breaks",
            NULL);
}

Test(config, a_missing_or_unreadable_file_is_named)
{
    struct brun_options o;
    char why[512];
    brun_options_defaults(&o);
    cr_assert_eq(brun_config_load("nowhere/benchrun.yml", &o, why, sizeof why),
                 -1);
    cr_assert(strstr(why, "nowhere/benchrun.yml: cannot read it: "), "%s", why);
    cr_assert_eq(mkdir("folder.yml", 0755), 0);
    cr_assert_eq(brun_config_load("folder.yml", &o, why, sizeof why), -1);
    cr_assert(strstr(why, "folder.yml: cannot read it: "), "%s", why);
    brun_options_release(&o);
}

/* --config /dev/zero (endless) and a file past 1 MiB are refused after
 * reading at most 1 MiB, in one line, instead of filling memory. */
Test(config, an_endless_or_huge_file_is_refused_at_one_mib)
{
    struct brun_options o;
    char why[512];
    brun_options_defaults(&o);
    cr_assert_eq(brun_config_load("/dev/zero", &o, why, sizeof why), -1);
    cr_assert_str_eq(why, "/dev/zero:1: larger than the limit of 1 MiB");
    FILE *f = fopen("huge.yml", "w");
    cr_assert_not_null(f);
    fputs("rounds: 3\n", f);
    for (int i = 0; i < (1 << 20) / 16 + 1; i++)
        fputs("# padding......\n", f);
    cr_assert_eq(fclose(f), 0);
    cr_assert_eq(brun_config_load("huge.yml", &o, why, sizeof why), -1);
    cr_assert_str_eq(why, "huge.yml:1: larger than the limit of 1 MiB");
    brun_options_release(&o);
}

/* ---- Finding the file ------------------------------------------------- */

Test(config, locate_finds_benchrun_yml_in_the_current_folder)
{
    char *path = (char *)"unset", why[256];
    cr_assert_eq(brun_config_locate(NULL, 0, &path, why, sizeof why), 0, "%s",
                 why);
    cr_assert_null(path, "no file yet");
    write_file("benchrun.yml", "rounds: 3\n");
    cr_assert_eq(brun_config_locate(NULL, 0, &path, why, sizeof why), 0, "%s",
                 why);
    cr_assert_str_eq(path, "benchrun.yml");
    free(path);
}

Test(config, locate_takes_config_and_requires_it_to_exist)
{
    char *path, why[256];
    write_file("other.yml", "rounds: 3\n");
    cr_assert_eq(brun_config_locate("other.yml", 0, &path, why, sizeof why), 0,
                 "%s", why);
    cr_assert_str_eq(path, "other.yml");
    free(path);
    cr_assert_eq(
        brun_config_locate("ci/missing.yml", 0, &path, why, sizeof why), -1);
    cr_assert_null(path);
    cr_assert(strstr(why, "--config ci/missing.yml: No such file"), "%s", why);
    cr_assert_eq(brun_config_locate(".", 0, &path, why, sizeof why), -1);
    cr_assert(strstr(why, "is a directory"), "%s", why);
}

Test(config, locate_with_no_config_finds_nothing)
{
    char *path = (char *)"unset", why[256];
    write_file("benchrun.yml", "rounds: 3\n");
    cr_assert_eq(brun_config_locate(NULL, 1, &path, why, sizeof why), 0);
    cr_assert_null(path);
    cr_assert_eq(brun_config_locate("benchrun.yml", 1, &path, why, sizeof why),
                 -1);
    cr_assert(strstr(why, "--no-config"), "%s", why);
}

/* ---- Documentation ---------------------------------------------------- */

Test(config, docs_config_md_describes_every_key)
{
    const char *doc_path = source_path("docs/config.md");
    FILE *f = fopen(doc_path, "r");
    cr_assert_not_null(f, "cannot read %s", doc_path);
    static char doc[1 << 17];
    size_t n = fread(doc, 1, sizeof doc - 1, f);
    fclose(f);
    doc[n] = '\0';

    size_t count;
    const struct brun_option_spec *t = brun_option_table(&count);
    for (size_t i = 0; i < count; i++) {
        if (!t[i].key)
            continue;
        char quoted[80];
        snprintf(quoted, sizeof quoted, "`%s`", t[i].key);
        cr_assert(strstr(doc, quoted), "docs/config.md lacks %s", quoted);
    }
    static const char *own[] = {"`targets`", "`compare`", "`thresholds`",
                                "`match`", "`noise_floor`"};
    for (size_t i = 0; i < sizeof own / sizeof own[0]; i++)
        cr_assert(strstr(doc, own[i]), "docs/config.md lacks %s", own[i]);
}

Test(config, the_example_in_docs_config_md_loads)
{
    const char *doc_path = source_path("docs/config.md");
    FILE *f = fopen(doc_path, "r");
    cr_assert_not_null(f, "cannot read %s", doc_path);
    static char doc[1 << 17];
    size_t n = fread(doc, 1, sizeof doc - 1, f);
    fclose(f);
    doc[n] = '\0';

    char *start = strstr(doc, "```yaml\n");
    cr_assert_not_null(start, "docs/config.md has no ```yaml example");
    start += strlen("```yaml\n");
    char *end = strstr(start, "```");
    cr_assert_not_null(end);
    *end = '\0';

    struct brun_options o;
    char why[512];
    cr_assert_eq(load(start, &o, why, sizeof why), 0, "%s", why);
    cr_assert_eq(o.target_count, 2);
    cr_assert_eq(o.compare_count, 2);
    cr_assert(near(o.fail_above, 0.10));
    cr_assert_eq(o.threshold_count, 3);
    cr_assert_eq(o.thresholds[2].fail_above, 0);
    brun_options_release(&o);
}

/* ---- slo:, exports: and github: --------------------------------------- */

Test(config, slo_budgets_keep_their_order_and_lines)
{
    struct brun_options o;
    char why[512];
    cr_assert_eq(load("# budgets\n"
                      "slo:\n"
                      "  \"config/load\": 10us\n"
                      "  \"hash/*\": 50ns\n",
                      &o, why, sizeof why),
                 0, "%s", why);
    cr_assert_eq(o.slo_count, 2);
    cr_assert_str_eq(o.slos[0].pattern, "config/load");
    cr_assert(near(o.slos[0].budget_ns, 10000));
    cr_assert_eq(o.slos[0].line, 3);
    cr_assert_str_eq(o.slos[1].pattern, "hash/*");
    cr_assert(near(o.slos[1].budget_ns, 50));
    cr_assert_eq(o.slos[1].line, 4);
    brun_options_release(&o);
}

Test(config, slo_mistakes_name_the_line)
{
    refused("slo:\n  a: fast\n", "benchrun.yml:2: slo: a: expected a duration",
            WORDS("\"fast\""));
    refused("slo:\n  a: 0us\n",
            "benchrun.yml:2: slo: a: a budget must be more "
            "than 0",
            NULL);
    refused("slo:\n  - a\n", "benchrun.yml:2: slo: expected budgets", NULL);
    refused("slo:\n  a: 1us\n  a: 2us\n",
            "benchrun.yml:3: slo.a: given twice (first on line 2)", NULL);
}

Test(config, exports_are_resolved_next_to_the_file_and_replaced_by_the_cli)
{
    struct brun_options o;
    char why[512];
    cr_assert_eq(mkdir("ci", 0755), 0);
    write_file("ci/benchrun.yml", "exports:\n  - junit=out/j.xml\n"
                                  "  - bencher=/abs/b.json\n");
    brun_options_defaults(&o);
    cr_assert_eq(brun_config_load("ci/benchrun.yml", &o, why, sizeof why), 0,
                 "%s", why);
    cr_assert_eq(o.export_count, 2);
    cr_assert_eq(o.exports[0].format, BRUN_EXPORT_JUNIT);
    cr_assert_str_eq(o.exports[0].path, "ci/out/j.xml");
    cr_assert_str_eq(o.exports[1].path, "/abs/b.json");
    char *argv[] = {"benchrun", "--export", "google-benchmark=g.json", NULL};
    cr_assert_eq(brun_cli_parse(3, argv, &o, why, sizeof why), BRUN_CLI_RUN);
    cr_assert_eq(o.export_count, 1, "the command line replaces the list");
    cr_assert_eq(o.exports[0].format, BRUN_EXPORT_GOOGLE_BENCHMARK);
    brun_options_release(&o);
    refused("exports:\n  - junit\n",
            "benchrun.yml:2: exports: expected "
            "FORMAT=FILE",
            NULL);
    /* The format is checked as the file is read, with its line. */
    refused("exports:\n  - junit=a.xml\n  - xlsx=b.xlsx\n",
            "benchrun.yml:3: exports: unknown export format \"xlsx\"", NULL);
}

Test(config, github_takes_a_boolean_or_parts)
{
    struct brun_options o;
    char why[512];
    cr_assert_eq(load("github: true\n", &o, why, sizeof why), 0, "%s", why);
    cr_assert_eq(o.github, 1);
    cr_assert_eq(o.github_parts, (unsigned)BRUN_GITHUB_ALL);
    brun_options_release(&o);
    cr_assert_eq(
        load("github:\n  comment: false\n  status: no\n", &o, why, sizeof why),
        0, "%s", why);
    cr_assert_eq(o.github, 1, "a mapping turns it on");
    cr_assert_eq(o.github_parts,
                 (unsigned)(BRUN_GITHUB_SUMMARY | BRUN_GITHUB_ANNOTATIONS |
                            BRUN_GITHUB_OUTPUTS));
    brun_options_release(&o);
    cr_assert_eq(load("github:\n  enabled: false\n", &o, why, sizeof why), 0);
    cr_assert_eq(o.github, 0);
    brun_options_release(&o);
    refused("github:\n  coment: false\n",
            "benchrun.yml:2: github: unknown "
            "key \"coment\" (did you mean \"comment\"?)",
            NULL);
    refused("github:\n  comment: maybe\n",
            "benchrun.yml:2: github: comment: "
            "expected true or false",
            NULL);
}
