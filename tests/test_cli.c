/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/* test_cli.c: option parsing: values with units, GNU conventions, and
 * errors that quote the option and the value. */
#include "config.h"

#include <criterion/criterion.h>
#include <string.h>

#include <stdio.h>
#include <stdlib.h>

#include "reports/export/export.h"
#include "runner/options/cli.h"
#include "runner/options/filter.h"
#include "runner/options/option_table.h"
#include "runner/options/parse.h"

static enum brun_cli_action parse(struct brun_options *o, char *why,
                                  char **argv)
{
    int argc = 0;
    while (argv[argc])
        argc++;
    brun_options_defaults(o);
    return brun_cli_parse(argc, argv, o, why, 256);
}

/* `benchrun OPTION VALUE ./a` is refused with a message holding words. */
static void expect_refused(const char *option, const char *value,
                           const char *words)
{
    struct brun_options o;
    char why[256] = "";
    char *argv[] = {"benchrun", (char *)option, (char *)value, "./a", NULL};
    cr_assert_eq(parse(&o, why, argv), BRUN_CLI_ERROR, "%s %s accepted", option,
                 value);
    cr_assert(strstr(why, words), "\"%s\" lacks \"%s\"", why, words);
}

Test(cli, defaults_measure_a_fast_case_in_about_a_second)
{
    struct brun_options o;
    brun_options_defaults(&o);
    double per_case = o.rounds * (o.warmup_s + o.samples * o.sample_s);
    cr_assert(per_case > 0.2 && per_case <= 2.0, "%g s", per_case);
    cr_assert_eq(o.jitter, 1);
    cr_assert_eq(o.iterations, 0);
}

Test(cli, options_before_and_after_targets)
{
    struct brun_options o;
    char why[256];
    char *argv[] = {"benchrun",
                    "./a",
                    "--rounds=4",
                    "./b",
                    "--warmup",
                    "250us",
                    "--sample-time",
                    "2ms",
                    "--budget",
                    "1.5",
                    "--timeout",
                    "2m",
                    "-q",
                    "--seed",
                    "42",
                    "--no-jitter",
                    "--iterations",
                    "1000",
                    NULL};
    cr_assert_eq(parse(&o, why, argv), BRUN_CLI_RUN, "%s", why);
    cr_assert_eq(o.target_count, 2);
    cr_assert_str_eq(o.targets[0], "./a");
    cr_assert_str_eq(o.targets[1], "./b");
    cr_assert_eq(o.rounds, 4);
    cr_assert_float_eq(o.warmup_s, 250e-6, 1e-12);
    cr_assert_float_eq(o.sample_s, 2e-3, 1e-12);
    cr_assert_float_eq(o.budget_s, 1.5, 1e-12);
    cr_assert_float_eq(o.timeout_s, 120, 1e-9);
    cr_assert_eq(o.verbosity, -1);
    cr_assert_eq(o.seed_given, 1);
    cr_assert_eq(o.seed, 42);
    cr_assert_eq(o.jitter, 0);
    cr_assert_eq(o.iterations, 1000);
    brun_options_release(&o);
}

Test(cli, errors_name_the_option_and_the_value)
{
    static const struct {
        const char *option, *value, *words;
    } cases[] = {
        {"--rounds", "1", "--rounds: expected a whole number from 2"},
        {"--rounds", "3x", "\"3x\""},
        {"--warmup", "-1ms", "--warmup: expected a duration"},
        {"--warmup", "5 parsecs", "\"5 parsecs\""},
        {"--sample-time", "0",
         "--sample-time: expected a duration from more than 0"},
        {"--timeout", "0", "--timeout: expected a duration from more than 0"},
        {"--seed", "-4", "--seed"},
        {"--clock", "sundial", "unknown clock \"sundial\""}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        expect_refused(cases[i].option, cases[i].value, cases[i].words);
}

Test(cli, export_is_parsed_once_into_format_and_file)
{
    struct brun_options o;
    char why[256];
    char *argv[] = {"benchrun",
                    "./a",
                    "--export",
                    "junit=out/b.xml",
                    "--export=bencher=a=b.json",
                    NULL};
    cr_assert_eq(parse(&o, why, argv), BRUN_CLI_RUN, "%s", why);
    cr_assert_eq(o.export_count, 2);
    cr_assert_eq(o.exports[0].format, BRUN_EXPORT_JUNIT);
    cr_assert_str_eq(o.exports[0].path, "out/b.xml");
    cr_assert_eq(o.exports[1].format, BRUN_EXPORT_BENCHER);
    cr_assert_str_eq(o.exports[1].path, "a=b.json", "split at the first =");
    brun_options_release(&o);
}

/* Every bad --export is refused while the options are read, in the words
 * of brun_export_spec_parse() behind "--export: ": the option has no
 * parser of its own. */
Test(cli, a_bad_export_is_refused_in_the_words_of_the_export_parser)
{
    static const char *const bad[] = {"junit", "junit=", "=a.xml",
                                      "xlsx=a.xlsx"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct brun_options o;
        enum brun_export_format format;
        const char *file;
        char why[256] = "", expected[256], parser[200];
        char *argv[] = {"benchrun", "./a", "--export", (char *)bad[i], NULL};
        cr_assert_eq(brun_export_spec_parse(bad[i], &format, &file, parser,
                                            sizeof parser),
                     -1, "%s", bad[i]);
        snprintf(expected, sizeof expected, "--export: %s", parser);
        cr_assert_eq(parse(&o, why, argv), BRUN_CLI_ERROR, "%s accepted",
                     bad[i]);
        cr_assert_str_eq(why, expected);
        brun_options_release(&o);
    }
    struct brun_options o;
    char why[256] = "";
    char *argv[] = {"benchrun", "./a", "--export", "junit=", NULL};
    parse(&o, why, argv);
    cr_assert(strstr(why, "the file name is empty"), "%s", why);
    brun_options_release(&o);
}

Test(cli, help_version_and_unknown_options)
{
    struct brun_options o;
    char why[256];
    char *help[] = {"benchrun", "./a", "-h", NULL};
    cr_assert_eq(parse(&o, why, help), BRUN_CLI_HELP);
    char *version[] = {"benchrun", "--version", NULL};
    cr_assert_eq(parse(&o, why, version), BRUN_CLI_VERSION);
    char *unknown[] = {"benchrun", "--nope", NULL};
    cr_assert_eq(parse(&o, why, unknown), BRUN_CLI_ERROR);
    cr_assert(strstr(why, "unknown option --nope"), "%s", why);
    char *missing[] = {"benchrun", "./a", "--filter", NULL};
    cr_assert_eq(parse(&o, why, missing), BRUN_CLI_ERROR);
    cr_assert(strstr(why, "--filter needs a value"), "%s", why);
}

/* A duration past its option's range would overflow the tick count it
 * becomes (--sample-time 1e10 measured one iteration and exited 0): it
 * is refused, and the message gives the range. */
Test(cli, durations_past_their_range_are_refused_with_the_range)
{
    static const struct {
        const char *option, *value, *words;
    } cases[] = {
        {"--sample-time", "1e10",
         "--sample-time: expected a duration from "
         "more than 0 to 60s, got \"1e10\""},
        {"--sample-time", "61", "to 60s"},
        {"--warmup", "1e19", "--warmup: expected a duration from 0 to 3600s"},
        {"--warmup", "61m", "to 3600s"},
        {"--budget", "1e300",
         "--budget: expected a duration from more than 0 "
         "to 86400s"},
        {"--timeout", "86401",
         "--timeout: expected a duration from more "
         "than 0 to 86400s"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        expect_refused(cases[i].option, cases[i].value, cases[i].words);
    /* The ends of the ranges are accepted. */
    char why[256] = "";
    struct brun_options o;
    char *argv[] = {"benchrun", "--sample-time", "60s",   "--warmup",
                    "60m",      "--budget",      "86400", "--timeout",
                    "86400",    "./a",           NULL};
    cr_assert_eq(parse(&o, why, argv), BRUN_CLI_RUN, "%s", why);
    cr_assert_float_eq(o.warmup_s, 3600, 1e-9);
}

Test(cli, durations_accept_units_and_refuse_junk)
{
    double s;
    char why[128];
    cr_assert_eq(brun_parse_duration("1.5", &s, why, sizeof why), 0);
    cr_assert_float_eq(s, 1.5, 1e-12);
    cr_assert_eq(brun_parse_duration("20ns", &s, why, sizeof why), 0);
    cr_assert_float_eq(s, 20e-9, 1e-18);
    cr_assert_eq(brun_parse_duration(".5ms", &s, why, sizeof why), 0);
    cr_assert_float_eq(s, 0.5e-3, 1e-15);
    const char *bad[] = {"", "ms", "1h", "1 s", "nan", "inf", "-3", "1e999"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        cr_assert_eq(brun_parse_duration(bad[i], &s, why, sizeof why), -1,
                     "accepted \"%s\"", bad[i]);
}

/* ---- Defaults: defined once, in the option table ---------------------- */

Test(cli, every_default_goes_through_its_setter)
{
    size_t count;
    const struct brun_option_spec *t = brun_option_table(&count);
    size_t with_default = 0;
    for (size_t i = 0; i < count; i++) {
        if (!t[i].default_value)
            continue;
        struct brun_options o;
        char why[256] = "";
        memset(&o, 0, sizeof o);
        cr_assert_not_null(t[i].set, "--%s has a default but no setter",
                           t[i].long_name);
        cr_assert_eq(t[i].set(&o, t[i].default_value, why, sizeof why), 0,
                     "--%s: default \"%s\": %s", t[i].long_name,
                     t[i].default_value, why);
        brun_options_release(&o);
        with_default++;
    }
    cr_assert_geq(with_default, 20, "the table carries the defaults");
}

/* The whole of a file under the source tree, or NULL. */
static char *source_file(const char *relative)
{
    const char *dir = getenv("BENCHRUN_TEST_SRCDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir ? dir : ".", relative);
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    rewind(f);
    char *text = malloc((size_t)size + 1);
    cr_assert_eq(fread(text, 1, (size_t)size, f), (size_t)size);
    text[size] = '\0';
    fclose(f);
    return text;
}

/* The man page's paragraph for --name, as plain text: roff's "\-" as "-",
 * "\ " (an unbreakable space) dropped, lines joined by spaces. */
static char *man_paragraph(const char *man, const char *name)
{
    char head[128], escaped[128];
    size_t k = 0;
    for (const char *p = name; *p && k + 3 < sizeof escaped; p++) {
        if (*p == '-')
            escaped[k++] = '\\';
        escaped[k++] = *p;
    }
    escaped[k] = '\0';
    snprintf(head, sizeof head, "\\-\\-%s", escaped);
    /* The entry itself: a line ".BI \-\-name ..." or ".B \-\-name". */
    const char *at = NULL;
    const char *marks[] = {"\n.BI ", "\n.B "};
    for (size_t m = 0; m < 2 && !at; m++) {
        char line[160];
        snprintf(line, sizeof line, "%s%s", marks[m], head);
        size_t len = strlen(line);
        for (const char *p = strstr(man, line); p; p = strstr(p + 1, line))
            if (p[len] == ' ' || p[len] == '\n') {
                at = p + 1;
                break;
            }
    }
    cr_assert_not_null(at, "benchrun.1 has no entry for --%s", name);
    const char *end = strstr(at, "\n.TP");
    const char *section = strstr(at, "\n.SS");
    if (!end || (section && section < end))
        end = section ? section : at + strlen(at);
    char *out = malloc((size_t)(end - at) + 1);
    size_t n = 0;
    for (const char *p = at; p < end; p++) {
        if (p[0] == '\\' && (p[1] == '-' || p[1] == ' ')) {
            if (p[1] == '-')
                out[n++] = '-';
            p++;
        } else {
            out[n++] = *p == '\n' ? ' ' : *p;
        }
    }
    out[n] = '\0';
    return out;
}

/* The last cell of docs/config.md's reference row for `key`, trimmed. */
static char *config_default(const char *doc, const char *key)
{
    char head[128];
    /* The reference tables' rows: "| `key` | `--option` | ...". */
    snprintf(head, sizeof head, "\n| `%s` | `-", key);
    const char *row = strstr(doc, head);
    cr_assert_not_null(row, "docs/config.md has no row for %s", key);
    row++;
    const char *end = strchr(row, '\n');
    const char *last = end - 1;
    while (last > row && (*last == ' ' || *last == '|'))
        last--;
    const char *start = last;
    while (start > row && start[-1] != '|')
        start--;
    while (*start == ' ')
        start++;
    return strndup(start, (size_t)(last - start + 1));
}

Test(cli, man_page_and_config_reference_state_the_table_defaults)
{
    char *man = source_file("docs/benchrun.1");
    char *doc = source_file("docs/config.md");
    size_t count;
    const struct brun_option_spec *t = brun_option_table(&count);
    for (size_t i = 0; i < count; i++) {
        if (!t[i].default_value)
            continue;
        if (t[i].arg_name) {
            char *para = man_paragraph(man, t[i].long_name);
            char want[128];
            snprintf(want, sizeof want, "(default %s", t[i].default_value);
            cr_expect(strstr(para, want), "benchrun.1, --%s: no \"%s\" in: %s",
                      t[i].long_name, want, para);
            free(para);
        }
        if (t[i].key) {
            char *cell = config_default(doc, t[i].key);
            cr_expect(strncmp(cell, t[i].default_value,
                              strlen(t[i].default_value)) == 0,
                      "docs/config.md, %s: default \"%s\", the table says "
                      "\"%s\"",
                      t[i].key, cell, t[i].default_value);
            free(cell);
        }
    }
    free(man);
    free(doc);
}

/* ---- --filter ------------------------------------------------------ */

/* A pathological --filter is refused before regcomp spends seconds or
 * gigabytes on it (a{1,30000} took 15 s to compile; (a*)*\1b on a name
 * of 255 bytes never finished), and a mistake says at which byte. */
Test(cli, a_filter_that_cannot_be_bounded_or_is_wrong_names_the_byte)
{
    static const struct {
        const char *pattern, *words;
    } cases[] = {
        {"a{1,30000}", "by byte 10 its counted repetitions make more than "
                       "4096 copies"},
        {"((a{1,100}){1,100}){1,100}", "by byte 18"},
        {"(a{1,3000})(a{1,3000})", "by byte 22"},
        {"(a*)*\\1b", "back-reference at byte 6"},
        {"ab(c|d", "the ( at byte 3 is never closed"},
        {"x[abc", "the [ at byte 2 is never closed"},
        {"ab[z-a]", "Invalid range end in the bracket expression at byte 3"},
        {"a|*b", "the * at byte 3 repeats nothing"},
        {"a{2,1}", "the { at byte 2 does not start a count"},
        {"a{x}", "the { at byte 2 does not start a count"},
        {"a\\", "a lone backslash at byte 2"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        regex_t re;
        char why[2048] = "";
        cr_assert_eq(
            brun_filter_compile(cases[i].pattern, &re, why, sizeof why), -1,
            "accepted \"%s\"", cases[i].pattern);
        cr_assert(strstr(why, "bad regular expression"), "%s", why);
        cr_assert(strstr(why, cases[i].words), "\"%s\" lacks \"%s\"", why,
                  cases[i].words);
    }

    char long_pattern[BRUN_FILTER_MAX_LENGTH + 2];
    memset(long_pattern, 'a', sizeof long_pattern - 1);
    long_pattern[sizeof long_pattern - 1] = '\0';
    regex_t re;
    char why[2048] = "";
    cr_assert_eq(brun_filter_compile(long_pattern, &re, why, sizeof why), -1);
    cr_assert(strstr(why, "1025 bytes long, more than the 1024 allowed"), "%s",
              why);
}

Test(cli, an_ordinary_filter_compiles_and_matches)
{
    static const struct {
        const char *pattern, *name;
        int matches;
    } cases[] = {
        {"^harness/em", "harness/empty", 1},
        {"/150$", "env/capture/150", 1},
        {"[]a]x", "]x", 1},
        {"[[:digit:]]{2}{3}", "n/123456", 1},
        {"(a{1,60}){1,60}", "aaa", 1},
        {"a)", "a)", 1},
        {"^(hash|sort)/", "memory/memcpy/64", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        regex_t re;
        char why[2048] = "";
        cr_assert_eq(
            brun_filter_compile(cases[i].pattern, &re, why, sizeof why), 0,
            "\"%s\": %s", cases[i].pattern, why);
        cr_assert_eq(regexec(&re, cases[i].name, 0, NULL, 0) == 0,
                     cases[i].matches, "\"%s\" on \"%s\"", cases[i].pattern,
                     cases[i].name);
        regfree(&re);
    }
}

/* ---- --config and --no-config ----------------------------------------- */

/* Reads argv (NULL-terminated) with brun_cli_config_choice. */
static int config_choice(char **argv, const char **path, int *no_config,
                         char *why)
{
    int argc = 0;
    while (argv[argc])
        argc++;
    return brun_cli_config_choice(argc, argv, path, no_config, why, 256);
}

/* --no-conf was taken by getopt as --no-config, but the file was still
 * read: both passes now read the command line the same way. */
Test(cli, config_choice_reads_the_command_line_as_getopt_does)
{
    const char *path;
    int no_config;
    char why[256] = "";

    char *abbreviated[] = {"benchrun", "./a", "--no-conf", NULL};
    cr_assert_eq(config_choice(abbreviated, &path, &no_config, why), 0, "%s",
                 why);
    cr_assert_eq(no_config, 1, "--no-conf is --no-config");
    cr_assert_null(path);

    char *as_value[] = {"benchrun", "--filter", "--no-config", "./a", NULL};
    cr_assert_eq(config_choice(as_value, &path, &no_config, why), 0, "%s", why);
    cr_assert_eq(no_config, 0, "the value of --filter is not an option");

    char *with_equals[] = {"benchrun", "--config=c.yml", "./a", NULL};
    cr_assert_eq(config_choice(with_equals, &path, &no_config, why), 0);
    cr_assert_str_eq(path, "c.yml");

    char *after_target[] = {"benchrun", "./a", "--config", "d.yml", NULL};
    cr_assert_eq(config_choice(after_target, &path, &no_config, why), 0);
    cr_assert_str_eq(path, "d.yml");

    char *after_dashes[] = {"benchrun", "--", "--no-config", NULL};
    cr_assert_eq(config_choice(after_dashes, &path, &no_config, why), 0);
    cr_assert_eq(no_config, 0, "after --, a target");

    char *missing[] = {"benchrun", "./a", "--config", NULL};
    cr_assert_eq(config_choice(missing, &path, &no_config, why), -1);
    cr_assert(strstr(why, "--config needs a value"), "%s", why);
}
