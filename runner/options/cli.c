/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * cli.c: the benchrun command line, read through the option table.
 *
 * GNU conventions through getopt_long (--long, --long=value, -q, option
 * permutation, so `benchrun ./bench --list` works as well as
 * `benchrun --list ./bench`).  getopt's own messages are silenced: every
 * error comes back as one line naming the option and the value.  --help
 * is generated from the same table, so it lists every option.
 */
#include "config.h"

#include "runner/options/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runner/options/option_table.h"

void brun_cli_usage(FILE *out)
{
    size_t count;
    const struct brun_option_spec *t = brun_option_table(&count);
    const char *section = NULL;

    fputs(
        "Usage: benchrun [OPTIONS] [TARGET...]\n"
        "Measure the cases of bench executables, each round in its own worker\n"
        "process; compare with a saved baseline and fail on a regression.\n"
        "Without targets, they come from benchrun.yml.\n",
        out);
    for (size_t i = 0; i < count; i++) {
        char left[64];
        if (!section || strcmp(section, t[i].section) != 0) {
            section = t[i].section;
            fprintf(out, "\n%s:\n", section);
        }
        const char *arg = t[i].arg_name ? t[i].arg_name : "";
        if (t[i].short_name)
            snprintf(left, sizeof left, "-%c, --%s%s%s", t[i].short_name,
                     t[i].long_name, *arg ? " " : "", arg);
        else
            snprintf(left, sizeof left, "    --%s%s%s", t[i].long_name,
                     *arg ? " " : "", arg);
        /* Defaults are shown for options that take a value; a flag's
         * default is that it is off. */
        if (t[i].default_value && t[i].arg_name)
            fprintf(out, "  %-26s %s (default %s)\n", left, t[i].help,
                    t[i].default_value);
        else
            fprintf(out, "  %-26s %s\n", left, t[i].help);
    }
    fputs(
        "\nTIME is a number with an optional unit (ns, us, ms, s, m); a bare\n"
        "number is in seconds.  Every option that sets something has a\n"
        "benchrun.yml key (see benchrun(1)); the command line wins.\n"
        "\n"
        "Exit status: 0 all cases ran and none regressed beyond --fail-above;\n"
        "1 a regression beyond --fail-above; 2 usage, config, target or\n"
        "baseline error (nothing measured); 3 a case crashed, timed out or\n"
        "failed (the rest are reported).\n"
        "\n"
        "Report bugs to: " PACKAGE_BUGREPORT "\n",
        out);
}

/* getopt_long's view of the table: each option's val is 256 + index. */
static struct option *long_options(const struct brun_option_spec *t,
                                   size_t count, char *shorts, size_t size)
{
    struct option *v = calloc(count + 1, sizeof *v);
    size_t k = 0;
    if (!v)
        return NULL;
    shorts[k++] = ':';
    for (size_t i = 0; i < count; i++) {
        v[i].name = t[i].long_name;
        v[i].has_arg = t[i].fixed_value ? no_argument : required_argument;
        v[i].flag = NULL;
        v[i].val = 256 + (int)i;
        if (t[i].short_name && k + 2 < size) {
            shorts[k++] = t[i].short_name;
            if (!t[i].fixed_value)
                shorts[k++] = ':';
        }
    }
    shorts[k] = '\0';
    return v;
}

/* Maps getopt's return value to a table index, or -1. */
static long spec_index(int c, const struct brun_option_spec *t, size_t count)
{
    if (c >= 256 && (size_t)(c - 256) < count)
        return c - 256;
    for (size_t i = 0; i < count; i++)
        if (t[i].short_name && t[i].short_name == c)
            return (long)i;
    return -1;
}

/* The same getopt_long pass as brun_cli_parse, so that --config and
 * --no-config are found exactly as that reads them: abbreviated
 * (--no-conf), as --config=FILE, and not when they are the value of
 * another option (--filter --no-config). */
int brun_cli_config_choice(int argc, char **argv, const char **path,
                           int *no_config, char *why, size_t why_size)
{
    size_t count;
    const struct brun_option_spec *t = brun_option_table(&count);
    char shorts[32];
    struct option *longs = long_options(t, count, shorts, sizeof shorts);
    int c, rc = 0;

    *path = NULL;
    *no_config = 0;
    if (!longs) {
        snprintf(why, why_size, "out of memory");
        return -1;
    }
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
        long i = spec_index(c == ':' ? optopt : c, t, count);
        if (i < 0)
            continue; /* brun_cli_parse reports it */
        if (strcmp(t[i].long_name, "config") == 0) {
            if (c == ':') {
                snprintf(why, why_size,
                         "--config needs a value (see benchrun --help)");
                rc = -1;
                break;
            }
            *path = optarg;
        } else if (strcmp(t[i].long_name, "no-config") == 0) {
            *no_config = 1;
        }
    }
    free(longs);
    return rc;
}

enum brun_cli_action brun_cli_parse(int argc, char **argv,
                                    struct brun_options *o, char *why,
                                    size_t why_size)
{
    size_t count;
    const struct brun_option_spec *t = brun_option_table(&count);
    char shorts[32];
    struct option *longs = long_options(t, count, shorts, sizeof shorts);
    enum brun_cli_action action = BRUN_CLI_RUN;
    int c;

    if (!longs) {
        snprintf(why, why_size, "out of memory");
        return BRUN_CLI_ERROR;
    }
    opterr = 0;
    optind = 1;
    while (action == BRUN_CLI_RUN &&
           (c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
        long i = spec_index(c, t, count);
        char detail[256];
        if (c == ':') {
            snprintf(why, why_size, "%s needs a value (see benchrun --help)",
                     argv[optind - 1]);
            action = BRUN_CLI_ERROR;
        } else if (i < 0) {
            if (optopt > 0 && optopt < 256)
                snprintf(why, why_size,
                         "unknown option -%c (see benchrun --help)", optopt);
            else
                snprintf(why, why_size,
                         "unknown option %s (see benchrun --help)",
                         argv[optind - 1]);
            action = BRUN_CLI_ERROR;
        } else if (strcmp(t[i].long_name, "help") == 0) {
            action = BRUN_CLI_HELP;
        } else if (strcmp(t[i].long_name, "version") == 0) {
            action = BRUN_CLI_VERSION;
        } else if (strcmp(t[i].long_name, "list") == 0) {
            o->list = 1;
        } else if (strcmp(t[i].long_name, "list-baselines") == 0) {
            o->list_baselines = 1;
        } else if (!t[i].set) {
            /* --config and --no-config: read before the file. */
        } else if (t[i].set(o, t[i].fixed_value ? t[i].fixed_value : optarg,
                            detail, sizeof detail) != 0) {
            snprintf(why, why_size, "--%s: %s", t[i].long_name, detail);
            action = BRUN_CLI_ERROR;
        }
    }
    free(longs);
    if (action == BRUN_CLI_RUN && optind < argc &&
        brun_options_set_targets(o, argv + optind, (size_t)(argc - optind))) {
        snprintf(why, why_size, "out of memory");
        action = BRUN_CLI_ERROR;
    }
    return action;
}
