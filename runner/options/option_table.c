/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * option_table.c: the options and their setters (see option_table.h).
 *
 * Setters copy strings (the options own them) and validate ranges; none
 * prints.  Actions that are not settings (--list, --help, --config...)
 * have entries too, without a setter, so --help lists them.
 */
#include "config.h"

#include "runner/options/option_table.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "reports/markdown/markdown.h"
#include "reports/model/metrics.h"
#include "runner/options/parse.h"

static int set_string(char **field, const char *value, char *why,
                      size_t why_size)
{
    if (!value || !*value) {
        snprintf(why, why_size, "expected a value, got an empty one");
        return -1;
    }
    char *copy = strdup(value);
    if (!copy) {
        snprintf(why, why_size, "out of memory");
        return -1;
    }
    free(*field);
    *field = copy;
    return 0;
}

static int set_count(unsigned *field, const char *value, unsigned long long min,
                     unsigned long long max, char *why, size_t why_size)
{
    unsigned long long n;
    if (brun_parse_uint(value, min, max, &n, why, why_size) != 0)
        return -1;
    *field = (unsigned)n;
    return 0;
}

/* A duration up to max seconds (more than 0 when positive).  The range
 * is in the message, so a value refused says what would be accepted. */
static int set_time(double *field, const char *value, int positive, double max,
                    char *why, size_t why_size)
{
    double s;
    if (brun_parse_duration(value, &s, why, why_size) != 0)
        return -1;
    if ((positive && s <= 0) || s > max) {
        snprintf(why, why_size,
                 "expected a duration from %s0 to %gs, got \"%s\"",
                 positive ? "more than " : "", max, value);
        return -1;
    }
    *field = s;
    return 0;
}

/* A probability-like level strictly between lo and hi. */
static int set_level(double *field, const char *value, double lo, double hi,
                     char *why, size_t why_size)
{
    char *end;
    errno = 0;
    double v = strtod(value, &end);
    if (errno || end == value || *end || !(v > lo && v < hi)) {
        snprintf(why, why_size,
                 "expected a number between %g and %g, got \"%s\"", lo, hi,
                 value);
        return -1;
    }
    *field = v;
    return 0;
}

int brun_parse_percentage(const char *text, double max_fraction, double *out,
                          char *why, size_t why_size)
{
    char *end;
    errno = 0;
    if (!text || !(isdigit((unsigned char)text[0]) || text[0] == '.'))
        goto bad;
    double v = strtod(text, &end);
    if (errno || end == text || !isfinite(v) || v < 0)
        goto bad;
    if (strcmp(end, "%") == 0)
        v /= 100;
    else if (*end)
        goto bad;
    else if (v >= 1)
        v /= 100; /* "10" means 10 % */
    if (v > max_fraction)
        goto bad;
    *out = v;
    return 0;
bad:
    snprintf(why, why_size,
             "expected a percentage such as 10%%, 10 or 0.1 (up to %g%%), "
             "got \"%s\"",
             max_fraction * 100, text ? text : "");
    return -1;
}

int brun_parse_bool(const char *text, int *out, char *why, size_t why_size)
{
    static const char *yes[] = {"true", "yes", "on"};
    static const char *no[] = {"false", "no", "off"};
    for (size_t i = 0; i < 3; i++) {
        if (text && strcasecmp(text, yes[i]) == 0) {
            *out = 1;
            return 0;
        }
        if (text && strcasecmp(text, no[i]) == 0) {
            *out = 0;
            return 0;
        }
    }
    snprintf(why, why_size, "expected true or false, got \"%s\"",
             text ? text : "");
    return -1;
}

/* ---- Setters, one per option ------------------------------------------ */

#define SETTER(name)                                                  \
    static int name(struct brun_options *o, const char *v, char *why, \
                    size_t why_size)

/* A second --filter (or one on the command line after benchrun.yml's)
 * widens the selection instead of silently replacing the first: the
 * stored filter becomes "(first)|(second)", so a case runs when it matches
 * any of them.  Each part is checked on its own first, so a fragment such
 * as "a)|(b" cannot pair up with its neighbour into a valid expression. */
/* 0 when v is empty or a valid POSIX ERE, else -1 with why. */
static int check_regex(const char *v, char *why, size_t why_size)
{
    regex_t re;
    int rc = v && *v ? regcomp(&re, v, REG_EXTENDED | REG_NOSUB) : 0;
    if (rc != 0) {
        char what[256];
        regerror(rc, &re, what, sizeof what);
        snprintf(why, why_size, "bad regular expression \"%s\": %s", v, what);
        return -1;
    }
    if (v && *v)
        regfree(&re);
    return 0;
}

/* A POSIX ERE kept as text (compiled where it is used). */
static int set_filter_like(char **field, const char *v, char *why,
                           size_t why_size)
{
    if (check_regex(v, why, why_size) != 0)
        return -1;
    return set_string(field, v, why, why_size);
}

SETTER(set_filter)
{
    if (check_regex(v, why, why_size) != 0)
        return -1;
    if (!o->filter || !v || !*v)
        return set_string(&o->filter, v, why, why_size);
    size_t len = strlen(o->filter) + strlen(v) + sizeof "()|()";
    char *both = malloc(len);
    if (!both) {
        snprintf(why, why_size, "out of memory");
        return -1;
    }
    snprintf(both, len, "(%s)|(%s)", o->filter, v);
    free(o->filter);
    o->filter = both;
    return 0;
}
SETTER(set_json)
{
    return set_string(&o->json_path, v, why, why_size);
}
SETTER(set_report)
{
    return set_string(&o->report_path, v, why, why_size);
}
SETTER(set_html)
{
    return set_string(&o->html_path, v, why, why_size);
}
SETTER(set_rounds)
{
    return set_count(&o->rounds, v, 2, 100000, why, why_size);
}
SETTER(set_samples)
{
    return set_count(&o->samples, v, 1, 100000, why, why_size);
}
SETTER(set_max_rounds)
{
    return set_count(&o->max_rounds, v, 2, 100000, why, why_size);
}
SETTER(set_resamples)
{
    return set_count(&o->resamples, v, 100, 1000000, why, why_size);
}
SETTER(set_warmup)
{
    return set_time(&o->warmup_s, v, 0, BRUN_MAX_WARMUP_S, why, why_size);
}
SETTER(set_sample_time)
{
    return set_time(&o->sample_s, v, 1, BRUN_MAX_SAMPLE_S, why, why_size);
}
SETTER(set_budget)
{
    return set_time(&o->budget_s, v, 1, BRUN_MAX_BUDGET_S, why, why_size);
}
SETTER(set_timeout)
{
    return set_time(&o->timeout_s, v, 1, BRUN_MAX_TIMEOUT_S, why, why_size);
}
SETTER(set_confidence)
{
    return set_level(&o->confidence, v, 0.5, 1, why, why_size);
}
SETTER(set_fdr)
{
    return set_level(&o->fdr, v, 0, 0.5, why, why_size);
}
SETTER(set_gate_alpha)
{
    return set_level(&o->gate_alpha, v, 0, 0.5, why, why_size);
}
SETTER(set_save_baseline)
{
    return set_string(&o->save_baseline, v, why, why_size);
}
SETTER(set_baseline)
{
    return set_string(&o->baseline, v, why, why_size);
}
SETTER(set_baseline_dir)
{
    return set_string(&o->baseline_dir, v, why, why_size);
}
SETTER(set_delete_baseline)
{
    return set_string(&o->delete_baseline, v, why, why_size);
}

SETTER(set_iterations)
{
    unsigned long long n;
    if (brun_parse_uint(v, 0, 1000000000000ull, &n, why, why_size) != 0)
        return -1;
    o->iterations = n; /* 0 in benchrun.yml: calibrate (the default) */
    return 0;
}

SETTER(set_seed)
{
    unsigned long long n;
    if (brun_parse_uint(v, 0, BRUN_MAX_SEED, &n, why, why_size) != 0)
        return -1;
    o->seed = n;
    o->seed_given = 1;
    return 0;
}

SETTER(set_jitter)
{
    return brun_parse_bool(v, &o->jitter, why, why_size);
}
SETTER(set_github)
{
    return brun_parse_bool(v, &o->github, why, why_size);
}
SETTER(set_slo_warning_only)
{
    return brun_parse_bool(v, &o->slo_warning_only, why, why_size);
}
SETTER(set_rerun)
{
    return brun_parse_bool(v, &o->rerun_baseline, why, why_size);
}

SETTER(set_clock)
{
    return brun_clock_parse(v, &o->clock, why, why_size);
}

SETTER(set_fail_above)
{
    if (v && (strcmp(v, "off") == 0 || strcmp(v, "none") == 0)) {
        o->fail_above = 0;
        return 0;
    }
    double x;
    if (brun_parse_percentage(v, 10.0, &x, why, why_size) != 0)
        return -1;
    if (x <= 0) {
        snprintf(why, why_size, "must be more than 0 (or \"off\"), got \"%s\"",
                 v);
        return -1;
    }
    o->fail_above = x;
    return 0;
}

SETTER(set_noise_floor)
{
    if (v && strcmp(v, "auto") == 0) {
        o->noise_floor = -1; /* the mode's: brun_options_noise_floor() */
        return 0;
    }
    return brun_parse_percentage(v, 0.5, &o->noise_floor, why, why_size);
}

SETTER(set_session_noise)
{
    return brun_parse_percentage(v, 0.5, &o->session_noise, why, why_size);
}

SETTER(set_slo_warning)
{
    if (brun_parse_percentage(v, 10.0, &o->slo_warning, why, why_size) != 0)
        return -1;
    if (o->slo_warning <= 0) {
        snprintf(why, why_size, "must be more than 0, got \"%s\"", v);
        return -1;
    }
    return 0;
}

SETTER(set_slo_critical)
{
    if (brun_parse_percentage(v, 10.0, &o->slo_critical, why, why_size) != 0)
        return -1;
    if (o->slo_critical <= 0) {
        snprintf(why, why_size, "must be more than 0, got \"%s\"", v);
        return -1;
    }
    return 0;
}

/* "FORMAT=FILE", split and the format checked by
 * brun_export_spec_parse(), the one parser of that argument. */
SETTER(set_export)
{
    enum brun_export_format format;
    const char *file;
    if (brun_export_spec_parse(v, &format, &file, why, why_size) != 0)
        return -1;
    if (!o->exports_from_cli) {
        /* The first --export replaces benchrun.yml's list. */
        for (size_t i = 0; i < o->export_count; i++)
            free(o->exports[i].path);
        o->export_count = 0;
    }
    o->exports_from_cli = 1;
    struct brun_export_request *grown =
        realloc(o->exports, (o->export_count + 1) * sizeof *grown);
    if (!grown) {
        snprintf(why, why_size, "out of memory");
        return -1;
    }
    o->exports = grown;
    struct brun_export_request *e = &o->exports[o->export_count];
    e->format = format;
    e->path = strdup(file);
    if (!e->path) {
        snprintf(why, why_size, "out of memory");
        return -1;
    }
    o->export_count++;
    return 0;
}

/* A comma-separated list of --github parts to turn off. */
SETTER(set_github_skip)
{
    static const struct {
        const char *name;
        unsigned bit;
    } parts[] = {{"summary", BRUN_GITHUB_SUMMARY},
                 {"annotations", BRUN_GITHUB_ANNOTATIONS},
                 {"outputs", BRUN_GITHUB_OUTPUTS},
                 {"comment", BRUN_GITHUB_COMMENT},
                 {"status", BRUN_GITHUB_STATUS}};
    unsigned keep = BRUN_GITHUB_ALL;
    const char *p = v ? v : "";
    while (*p) {
        size_t len = strcspn(p, ",");
        size_t i;
        for (i = 0; i < sizeof parts / sizeof parts[0]; i++)
            if (strlen(parts[i].name) == len &&
                strncmp(parts[i].name, p, len) == 0)
                break;
        if (i == sizeof parts / sizeof parts[0]) {
            snprintf(why, why_size,
                     "expected parts among summary, "
                     "annotations, outputs, comment, status, got \"%.*s\"",
                     (int)len, p);
            return -1;
        }
        keep &= ~parts[i].bit;
        p += len;
        if (*p == ',')
            p++;
    }
    o->github_parts = keep;
    return 0;
}

SETTER(set_bootstrap)
{
    if (v && strcmp(v, "bca") == 0)
        o->bootstrap_bca = 1;
    else if (v && strcmp(v, "percentile") == 0)
        o->bootstrap_bca = 0;
    else {
        snprintf(why, why_size, "expected bca or percentile, got \"%s\"",
                 v ? v : "");
        return -1;
    }
    return 0;
}

SETTER(set_color)
{
    static const struct {
        const char *word;
        int value;
    } words[] = {{"auto", -1}, {"always", 1}, {"never", 0}};
    for (size_t i = 0; i < 3; i++)
        if (v && strcmp(v, words[i].word) == 0) {
            o->color = words[i].value;
            return 0;
        }
    snprintf(why, why_size, "expected auto, always or never, got \"%s\"",
             v ? v : "");
    return -1;
}

SETTER(set_verbosity)
{
    static const struct {
        const char *word;
        int value;
    } words[] = {{"quiet", -1}, {"normal", 0}, {"verbose", 1}};
    for (size_t i = 0; i < 3; i++)
        if (v && strcmp(v, words[i].word) == 0) {
            o->verbosity = words[i].value;
            return 0;
        }
    snprintf(why, why_size, "expected quiet, normal or verbose, got \"%s\"",
             v ? v : "");
    return -1;
}

SETTER(set_compare)
{
    /* The first --compare replaces benchrun.yml's list; later ones add. */
    if (!o->compare_from_cli) {
        for (size_t i = 0; i < o->compare_count; i++)
            free(o->compare_with[i]);
        o->compare_count = 0;
    }
    o->compare_from_cli = 1;
    char **grown =
        realloc(o->compare_with, (o->compare_count + 1) * sizeof *grown);
    if (!grown || !v || !*v) {
        snprintf(why, why_size, "expected an executable, got \"%s\"",
                 v ? v : "");
        if (grown)
            o->compare_with = grown;
        return -1;
    }
    o->compare_with = grown;
    o->compare_with[o->compare_count] = strdup(v);
    if (!o->compare_with[o->compare_count]) {
        snprintf(why, why_size, "out of memory");
        return -1;
    }
    o->compare_count++;
    return 0;
}

/* ---- Whole commands --------------------------------------------------- */

/* Appends a copy of v to *list; 0, or -1 with why. */
static int append_string(char ***list, size_t *count, const char *v,
                         const char *what, char *why, size_t why_size)
{
    if (!v || !*v) {
        snprintf(why, why_size, "expected %s, got \"\"", what);
        return -1;
    }
    char **grown = realloc(*list, (*count + 1) * sizeof *grown);
    if (!grown) {
        snprintf(why, why_size, "out of memory");
        return -1;
    }
    *list = grown;
    grown[*count] = strdup(v);
    if (!grown[*count]) {
        snprintf(why, why_size, "out of memory");
        return -1;
    }
    (*count)++;
    return 0;
}

SETTER(set_command)
{
    /* The first --command replaces benchrun.yml's list; later ones add. */
    if (!o->commands_from_cli) {
        for (size_t i = 0; i < o->command_count; i++)
            free(o->commands[i]);
        o->command_count = 0;
    }
    o->commands_from_cli = 1;
    return append_string(&o->commands, &o->command_count, v, "a command", why,
                         why_size);
}

SETTER(set_command_name)
{
    return append_string(&o->command_names, &o->command_name_count, v,
                         "a case name", why, why_size);
}

SETTER(set_setup)
{
    return set_string(&o->setup, v, why, why_size);
}

SETTER(set_prepare)
{
    return set_string(&o->prepare, v, why, why_size);
}

SETTER(set_command_shell)
{
    if (v && strcmp(v, "none") == 0) {
        free(o->command_shell);
        o->command_shell = NULL;
        return 0;
    }
    if (!v || v[0] != '/') {
        snprintf(why, why_size, "expected an absolute path or none, got \"%s\"",
                 v ? v : "");
        return -1;
    }
    return set_string(&o->command_shell, v, why, why_size);
}

SETTER(set_command_output)
{
    if (v && (strcmp(v, "show") == 0 || strcmp(v, "null") == 0)) {
        o->command_output = strcmp(v, "show") == 0;
        return 0;
    }
    snprintf(why, why_size, "expected show or null, got \"%s\"", v ? v : "");
    return -1;
}

/* ---- Diagnosing ------------------------------------------------------- */

SETTER(set_metric)
{
    static const struct {
        const char *word;
        unsigned bits;
    } parts[] = {
        {"instructions", BRUN_WANT_INSTRUCTIONS},
        {"counters", BRUN_WANT_INSTRUCTIONS | BRUN_WANT_COUNTERS},
        {"allocations", BRUN_WANT_ALLOCATIONS},
        {"all",
         BRUN_WANT_INSTRUCTIONS | BRUN_WANT_COUNTERS | BRUN_WANT_ALLOCATIONS},
        {"none", 0},
    };
    unsigned bits = 0;
    char list[256];
    if (!v || strlen(v) >= sizeof list) {
        snprintf(why, why_size,
                 "expected instructions, counters, "
                 "allocations, all or none");
        return -1;
    }
    strcpy(list, v);
    for (char *save = NULL, *w = strtok_r(list, ",", &save); w;
         w = strtok_r(NULL, ",", &save)) {
        size_t i = 0;
        while (i < sizeof parts / sizeof *parts && strcmp(w, parts[i].word))
            i++;
        if (i == sizeof parts / sizeof *parts) {
            snprintf(why, why_size,
                     "expected instructions, counters, allocations, all or "
                     "none (comma-separated), got \"%s\"",
                     w);
            return -1;
        }
        bits |= parts[i].bits;
    }
    o->metrics = bits;
    return 0;
}

/* What --gate-metric NAME needs --metric to measure. */
static unsigned metric_want(int id)
{
    switch (id) {
    case BRUN_METRIC_INSTRUCTIONS:
        return BRUN_WANT_INSTRUCTIONS;
    case BRUN_METRIC_CYCLES:
    case BRUN_METRIC_BRANCH_MISSES:
    case BRUN_METRIC_CACHE_MISSES:
        return BRUN_WANT_COUNTERS;
    default:
        return BRUN_WANT_ALLOCATIONS;
    }
}

int brun_gate_metric_parse(const char *v, int *out, char *why, size_t why_size)
{
    if (v && strcmp(v, "time") == 0) {
        *out = -1;
        return 0;
    }
    int id = v ? brun_metric_lookup(v) : -1;
    if (id < 0 || id == BRUN_METRIC_PEAK_HEAP) {
        snprintf(why, why_size,
                 "expected time, instructions, cycles, branch_misses, "
                 "cache_misses, allocations, frees or allocated_bytes, got "
                 "\"%s\"",
                 v ? v : "");
        return -1;
    }
    *out = id;
    return 0;
}

SETTER(set_gate_metric)
{
    int id;
    if (brun_gate_metric_parse(v, &id, why, why_size) != 0)
        return -1;
    o->gate_metric = id;
    if (id >= 0)
        o->metrics |= metric_want(id); /* a gate measures what it judges */
    return 0;
}

SETTER(set_profile)
{
    return set_filter_like(&o->profile, v, why, why_size);
}
SETTER(set_profile_memory)
{
    return set_filter_like(&o->profile_memory, v, why, why_size);
}
SETTER(set_profile_time)
{
    return set_time(&o->profile_s, v, 1, 3600, why, why_size);
}
SETTER(set_call_graph)
{
    if (v && (strcmp(v, "fp") == 0 || strcmp(v, "dwarf") == 0)) {
        o->call_graph_dwarf = strcmp(v, "dwarf") == 0;
        return 0;
    }
    snprintf(why, why_size, "expected fp or dwarf, got \"%s\"", v ? v : "");
    return -1;
}
SETTER(set_profile_dir)
{
    return set_string(&o->profile_dir, v, why, why_size);
}
SETTER(set_explain)
{
    return brun_parse_bool(v, &o->explain, why, why_size);
}
SETTER(set_explain_time)
{
    return set_time(&o->explain_s, v, 1, 86400, why, why_size);
}
SETTER(set_explain_with)
{
    static const char *const words[] = {"auto", "callgrind", "perf"};
    for (int i = 0; i < 3; i++)
        if (v && strcmp(v, words[i]) == 0) {
            o->explain_engine = i;
            return 0;
        }
    snprintf(why, why_size, "expected auto, callgrind or perf, got \"%s\"",
             v ? v : "");
    return -1;
}
SETTER(set_memory_tool)
{
    static const char *const words[] = {"heaptrack", "massif", "dhat"};
    if (v && strcmp(v, "auto") == 0) {
        o->memory_tool = -1;
        return 0;
    }
    for (int i = 0; i < 3; i++)
        if (v && strcmp(v, words[i]) == 0) {
            o->memory_tool = i;
            return 0;
        }
    snprintf(why, why_size,
             "expected auto, heaptrack, massif or dhat, got \"%s\"",
             v ? v : "");
    return -1;
}

SETTER(set_markdown_layout)
{
    enum brun_markdown_layout layout;
    if (brun_markdown_layout_parse(v, &layout) != 0) {
        snprintf(why, why_size, "expected table or components, got \"%s\"",
                 v ? v : "");
        return -1;
    }
    o->markdown_layout = (int)layout;
    return 0;
}

/* ---- The table -------------------------------------------------------- */

/* A numeric macro as text, for --help strings built from it. */
#define BRUN_STR_(x) #x
#define BRUN_STR(x) BRUN_STR_(x)

#define SELECT "Selecting"
#define MEASURE "Measuring"
#define COMMANDS "Whole commands (instead of bench executables)"
#define BASELINE "Baselines and the regression gate"
#define SLO "Service-level objectives (budgets in benchrun.yml slo:)"
#define DIAGNOSE "Diagnosing (metrics, profiles, explanations)"
#define OUTPUT "Output"
#define OTHER "Other"

static const struct brun_option_spec table[] = {
    {SELECT, "list", 0, "", NULL, NULL, "list the cases and exit", NULL, NULL},
    {SELECT, "filter", 0, NULL, "filter", "REGEX",
     "only cases whose name matches (POSIX ERE)", set_filter, NULL},

    {MEASURE, "rounds", 0, NULL, "rounds", "N", "worker processes per case",
     set_rounds, "10"},
    {MEASURE, "samples", 0, NULL, "samples", "N", "timed samples per round",
     set_samples, "10"},
    {MEASURE, "warmup", 0, NULL, "warmup", "TIME", "least warm-up per round",
     set_warmup, "15ms"},
    {MEASURE, "sample-time", 0, NULL, "sample_time", "TIME",
     "length a sample aims for", set_sample_time, "2ms"},
    {MEASURE, "budget", 0, NULL, "budget", "TIME", "time budget per case",
     set_budget, "10s"},
    {MEASURE, "iterations", 0, NULL, "iterations", "N",
     "fixed iterations per sample (no calibration)", set_iterations, NULL},
    {MEASURE, "no-jitter", 0, "false", "jitter", NULL,
     "same iteration count in every round", set_jitter, "true"},
    {MEASURE, "timeout", 0, NULL, "timeout", "TIME",
     "kill a worker running longer", set_timeout, "60s"},
    {MEASURE, "clock", 0, NULL, "clock", "CLOCK",
     "auto, tsc, cntvct or monotonic", set_clock, "auto"},
    {MEASURE, "seed", 0, NULL, "seed", "N",
     "seed for jitter, padding and bootstrap (default random)", set_seed, NULL},

    {COMMANDS, "command", 0, NULL, NULL, "CMD",
     "measure the command CMD as a process (repeatable); no targets then",
     set_command, NULL},
    {COMMANDS, "command-name", 0, NULL, NULL, "NAME",
     "case name of the next --command, in order (default command/N)",
     set_command_name, NULL},
    {COMMANDS, "setup", 0, NULL, "setup", "CMD",
     "run CMD once before each command's rounds", set_setup, NULL},
    {COMMANDS, "prepare", 0, NULL, "prepare", "CMD",
     "run CMD before every run of a command, untimed", set_prepare, NULL},
    {COMMANDS, "command-shell", 0, NULL, "command_shell", "PATH",
     "shell that runs commands as PATH -c CMD; none: split CMD on spaces",
     set_command_shell, "/bin/sh"},
    {COMMANDS, "command-output", 0, NULL, "command_output", "WHERE",
     "null: the commands' output goes to /dev/null; show: passed through",
     set_command_output, "null"},

    {BASELINE, "save-baseline", 0, NULL, "save_baseline", "NAME",
     "save this run as baseline NAME", set_save_baseline, NULL},
    {BASELINE, "baseline", 0, NULL, "baseline", "NAME",
     "compare with baseline NAME", set_baseline, NULL},
    {BASELINE, "compare", 0, NULL, NULL, "OLD",
     "compare with executable OLD, interleaved (once per target)", set_compare,
     NULL},
    {BASELINE, "fail-above", 0, NULL, "fail_above", "X",
     "exit 1 when a case is slower by more than X (10%, 10 or 0.1)",
     set_fail_above, "off"},
    {BASELINE, "baseline-dir", 0, NULL, "baseline_dir", "DIR",
     "where baselines live (default " BRUN_DEFAULT_BASELINE_DIR ")",
     set_baseline_dir, NULL},
    {BASELINE, "no-rerun", 0, "false", "rerun_baseline", NULL,
     "compare with saved numbers, never re-run saved executables", set_rerun,
     "true"},
    {BASELINE, "max-rounds", 0, NULL, "max_rounds", "N",
     "most rounds a comparison may take", set_max_rounds, "32"},
    {BASELINE, "confidence", 0, NULL, "confidence", "LEVEL",
     "level of the bootstrap interval reported beside a comparison",
     set_confidence, "0.95"},
    {BASELINE, "fdr", 0, NULL, "fdr", "Q",
     "false discovery rate for regressed/improved labels", set_fdr, "0.05"},
    {BASELINE, "gate-alpha", 0, NULL, "gate_alpha", "ALPHA",
     "family-wise error rate for failing", set_gate_alpha, "0.01"},
    {BASELINE, "noise-floor", 0, NULL, "noise_floor", "X",
     "changes below X are noise; auto: " BRUN_STR(BRUN_NOISE_FLOOR_INTERLEAVED_PERCENT) "% interleaved, " BRUN_STR(
         BRUN_NOISE_FLOOR_SAVED_PERCENT) "% saved",
     set_noise_floor, "auto"},
    {BASELINE, "session-noise", 0, NULL, "session_noise", "X",
     "between-run noise assumed against saved numbers", set_session_noise,
     "1%"},
    {BASELINE, "resamples", 0, NULL, "resamples", "N", "bootstrap resamples",
     set_resamples, "2000"},
    {BASELINE, "bootstrap", 0, NULL, "bootstrap", "METHOD", "bca or percentile",
     set_bootstrap, "bca"},
    {BASELINE, "list-baselines", 0, "", NULL, NULL,
     "list saved baselines and exit", NULL, NULL},
    {BASELINE, "delete-baseline", 0, NULL, NULL, "NAME",
     "delete baseline NAME and exit", set_delete_baseline, NULL},

    {SLO, "slo-warning", 0, NULL, "slo_warning", "X",
     "warn at X of a case's budget", set_slo_warning, "50%"},
    {SLO, "slo-critical", 0, NULL, "slo_critical", "X",
     "critical at X of a case's budget", set_slo_critical, "100%"},
    {SLO, "slo-warning-only", 0, "true", "slo_warning_only", NULL,
     "a critical SLO breach warns instead of failing (exit 1)",
     set_slo_warning_only, "false"},

    {DIAGNOSE, "metric", 0, NULL, "metric", "LIST",
     "also count instructions, counters, allocations (or all) per "
     "iteration, outside the timed samples",
     set_metric, "none"},
    {DIAGNOSE, "gate-metric", 0, NULL, "gate_metric", "NAME",
     "the gate judges this metric's change (instructions, allocations...) "
     "instead of time's; time is still shown",
     set_gate_metric, "time"},
    {DIAGNOSE, "profile", 0, NULL, NULL, "REGEX",
     "profile the matching cases with perf: flame graph, top functions",
     set_profile, NULL},
    {DIAGNOSE, "profile-time", 0, NULL, "profile_time", "TIME",
     "how long --profile runs each case's timed loop", set_profile_time, "3s"},
    {DIAGNOSE, "call-graph", 0, NULL, "call_graph", "fp|dwarf",
     "how perf walks the stack: frame pointers or DWARF", set_call_graph,
     "dwarf"},
    {DIAGNOSE, "profile-dir", 0, NULL, "profile_dir", "DIR",
     "where profiles and flame graphs go (default " BRUN_DEFAULT_PROFILE_DIR
     ")",
     set_profile_dir, NULL},
    {DIAGNOSE, "no-explain", 0, "false", "explain", NULL,
     "do not profile both builds of a regressed case", set_explain, "true"},
    {DIAGNOSE, "explain-time", 0, NULL, "explain_time", "TIME",
     "most time spent explaining regressions, all cases together",
     set_explain_time, "120s"},
    {DIAGNOSE, "explain-with", 0, NULL, "explain_with", "ENGINE",
     "auto, callgrind (instructions) or perf (samples)", set_explain_with,
     "auto"},
    {DIAGNOSE, "profile-memory", 0, NULL, NULL, "REGEX",
     "run the matching cases under heaptrack, massif or DHAT",
     set_profile_memory, NULL},
    {DIAGNOSE, "memory-tool", 0, NULL, "memory_tool", "TOOL",
     "auto, heaptrack, massif or dhat", set_memory_tool, "auto"},

    {OUTPUT, "json", 0, NULL, "json", "FILE",
     "write every number to FILE (JSON)", set_json, NULL},
    {OUTPUT, "report", 0, NULL, "report", "FILE",
     "write the Markdown report (BENCHMARKS.md) to FILE", set_report, NULL},
    {OUTPUT, "markdown-layout", 0, NULL, "markdown_layout", "LAYOUT",
     "table (every column, verdict first) or components (per group: "
     "component, operation, mean, ±, status)",
     set_markdown_layout, "table"},
    {OUTPUT, "html", 0, NULL, "html", "FILE",
     "write one self-contained HTML report with plots to FILE", set_html, NULL},
    {OUTPUT, "export", 0, NULL, NULL, "FORMAT=FILE",
     "also write FORMAT (github-action-benchmark, bencher, "
     "google-benchmark, junit, csv) to FILE; repeatable",
     set_export, NULL},
    {OUTPUT, "github", 0, "true", "github", NULL,
     "in GitHub Actions: step summary, annotations, outputs, PR comment, "
     "commit status",
     set_github, "false"},
    {OUTPUT, "github-skip", 0, NULL, NULL, "PARTS",
     "turn off --github parts (summary,annotations,outputs,comment,status)",
     set_github_skip, NULL},
    {OUTPUT, "quiet", 'q', "quiet", "verbosity", NULL,
     "only the table and errors", set_verbosity, "normal"},
    {OUTPUT, "verbose", 'v', "verbose", "verbosity", NULL,
     "more columns and per-round figures", set_verbosity, NULL},
    {OUTPUT, "no-color", 0, "never", "color", NULL,
     "no colour (also when NO_COLOR is set)", set_color, "auto"},
    {OUTPUT, "color", 0, "always", "color", NULL,
     "colour even when stdout is not a terminal", set_color, NULL},

    {OTHER, "config", 0, NULL, NULL, "FILE",
     "read FILE instead of ./benchrun.yml", NULL, NULL},
    {OTHER, "no-config", 0, "", NULL, NULL, "ignore ./benchrun.yml", NULL,
     NULL},
    {OTHER, "help", 'h', "", NULL, NULL, "show this help", NULL, NULL},
    {OTHER, "version", 0, "", NULL, NULL, "show the version", NULL, NULL},
};

const struct brun_option_spec *brun_option_table(size_t *count)
{
    *count = sizeof table / sizeof table[0];
    return table;
}

const struct brun_option_spec *brun_option_by_key(const char *key)
{
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (table[i].key && strcmp(table[i].key, key) == 0 && table[i].set)
            return &table[i];
    return NULL;
}
