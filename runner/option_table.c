/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * option_table.c: the options and their setters (see option_table.h).
 *
 * Setters copy strings (the options own them) and validate ranges; none
 * prints.  Actions that are not settings (--list, --help, --config...)
 * have entries too, without a setter, so --help lists them.
 */
#include "config.h"

#include "runner/option_table.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "runner/parse.h"

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

static int set_time(double *field, const char *value, int positive, char *why,
                    size_t why_size)
{
    double s;
    if (brun_parse_duration(value, &s, why, why_size) != 0)
        return -1;
    if (positive && s <= 0) {
        snprintf(why, why_size, "must be more than 0, got \"%s\"", value);
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
        snprintf(why, why_size, "expected a number between %g and %g, got \"%s\"",
                 lo, hi, value);
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

#define SETTER(name) \
    static int name(struct brun_options *o, const char *v, char *why, \
                    size_t why_size)

SETTER(set_filter) { return set_string(&o->filter, v, why, why_size); }
SETTER(set_json) { return set_string(&o->json_path, v, why, why_size); }
SETTER(set_rounds) { return set_count(&o->rounds, v, 2, 100000, why, why_size); }
SETTER(set_samples) { return set_count(&o->samples, v, 1, 100000, why, why_size); }
SETTER(set_warmup) { return set_time(&o->warmup_s, v, 0, why, why_size); }
SETTER(set_sample_time) { return set_time(&o->sample_s, v, 1, why, why_size); }
SETTER(set_budget) { return set_time(&o->budget_s, v, 1, why, why_size); }
SETTER(set_timeout) { return set_time(&o->timeout_s, v, 1, why, why_size); }

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

SETTER(set_jitter) { return brun_parse_bool(v, &o->jitter, why, why_size); }

SETTER(set_clock)
{
    return brun_clock_parse(v, &o->clock, why, why_size);
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

/* ---- The table -------------------------------------------------------- */

#define SELECT "Selecting"
#define MEASURE "Measuring"
#define OUTPUT "Output"
#define OTHER "Other"

static const struct brun_option_spec table[] = {
    {SELECT, "list", 0, "", NULL, NULL, "list the cases and exit", NULL},
    {SELECT, "filter", 0, NULL, "filter", "REGEX",
     "only cases whose name matches (POSIX ERE)", set_filter},

    {MEASURE, "rounds", 0, NULL, "rounds", "N",
     "worker processes per case (default 10)", set_rounds},
    {MEASURE, "samples", 0, NULL, "samples", "N",
     "timed samples per round (default 10)", set_samples},
    {MEASURE, "warmup", 0, NULL, "warmup", "TIME",
     "least warm-up per round (default 30ms)", set_warmup},
    {MEASURE, "sample-time", 0, NULL, "sample_time", "TIME",
     "length a sample aims for (default 5ms)", set_sample_time},
    {MEASURE, "budget", 0, NULL, "budget", "TIME",
     "time budget per case (default 10s)", set_budget},
    {MEASURE, "iterations", 0, NULL, "iterations", "N",
     "fixed iterations per sample (no calibration)", set_iterations},
    {MEASURE, "no-jitter", 0, "false", "jitter", NULL,
     "same iteration count in every round", set_jitter},
    {MEASURE, "timeout", 0, NULL, "timeout", "SECONDS",
     "kill a worker running longer (default 60)", set_timeout},
    {MEASURE, "clock", 0, NULL, "clock", "CLOCK",
     "auto, tsc, cntvct or monotonic (default auto)", set_clock},
    {MEASURE, "seed", 0, NULL, "seed", "N",
     "seed for jitter and padding (default random)", set_seed},

    {OUTPUT, "json", 0, NULL, "json", "FILE",
     "write every number to FILE (JSON)", set_json},
    {OUTPUT, "quiet", 'q', "quiet", "verbosity", NULL,
     "only the table and errors", set_verbosity},
    {OUTPUT, "verbose", 'v', "verbose", "verbosity", NULL,
     "more columns and per-round figures", set_verbosity},
    {OUTPUT, "no-color", 0, "never", "color", NULL,
     "no colour (also when NO_COLOR is set)", set_color},
    {OUTPUT, "color", 0, "always", "color", NULL,
     "colour even when stdout is not a terminal", set_color},

    {OTHER, "help", 'h', "", NULL, NULL, "show this help", NULL},
    {OTHER, "version", 0, "", NULL, NULL, "show the version", NULL},
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
