/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * cli.h: the benchrun command line, read into struct brun_options through
 * the option table, and the --help text generated from that table.
 */
#ifndef BRUN_CLI_H
#define BRUN_CLI_H

#include <stdio.h>

#include "runner/options/options.h"

/* What parsing decided. */
enum brun_cli_action {
    BRUN_CLI_RUN,
    BRUN_CLI_HELP,
    BRUN_CLI_VERSION,
    BRUN_CLI_ERROR,
};

/* Finds --config FILE / --no-config in argv as brun_cli_parse reads
 * them (abbreviations included), without setting anything else: *path
 * (into argv) is NULL when none was given.  getopt_long may permute argv,
 * as brun_cli_parse does.  Returns -1 with why when --config lacks its
 * value. */
int brun_cli_config_choice(int argc, char **argv, const char **path,
                           int *no_config, char *why, size_t why_size);

/* Parses argv into o, on top of what o holds (defaults and benchrun.yml).
 * Targets on the command line replace those from the file.  On
 * BRUN_CLI_ERROR, why holds a one-line message without "benchrun: ". */
enum brun_cli_action brun_cli_parse(int argc, char **argv,
                                    struct brun_options *o, char *why,
                                    size_t why_size);

/* Prints the --help text. */
void brun_cli_usage(FILE *out);

#endif /* BRUN_CLI_H */
