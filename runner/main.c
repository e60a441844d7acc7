/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * main.c: the benchrun program's entry point: process-wide set-up
 * (signals, GSL's error handler), the command line, and the exit status.
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reports/text/escape.h"
#include "runner/options/cli.h"
#include "runner/options/config_file.h"
#include "runner/run.h"
#include "runner/worker/session.h"
#include "stats/summary.h"

/* Records which signal arrived (the exit status is 128 + it); the run
 * stops at its next check.  SIGHUP too: a closed terminal must not leave
 * the run going on, or its workers, which lead their own process groups
 * and do not get the terminal's SIGHUP. */
static void on_interrupt(int sig)
{
    brun_session_interrupted = sig;
}

static void install_signal_handlers(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_interrupt;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    /* A worker that dies while we write to it must not kill us. */
    signal(SIGPIPE, SIG_IGN);
}

/* An error message quotes the user's values (paths, options): escaped so
 * none can end the line or reach the terminal raw. */
static void print_error(const char *why)
{
    fputs("benchrun: ", stderr);
    brun_term_text(stderr, why);
    fputc('\n', stderr);
}

/* Defaults, then benchrun.yml, then the command line: later wins.
 * Returns 0, or -1 after printing the error. */
static int load_options(int argc, char **argv, struct brun_options *o)
{
    const char *cli_path;
    char *path = NULL;
    int no_config;
    char why[1024];

    if (brun_cli_config_choice(argc, argv, &cli_path, &no_config, why,
                               sizeof why) != 0 ||
        brun_config_locate(cli_path, no_config, &path, why, sizeof why) != 0 ||
        (path && brun_config_load(path, o, why, sizeof why) != 0)) {
        print_error(why);
        free(path);
        return -1;
    }
    free(path);
    if (brun_cli_parse(argc, argv, o, why, sizeof why) != BRUN_CLI_RUN) {
        print_error(why);
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    struct brun_options options;
    char why[512];
    int status = BRUN_EXIT_USAGE;

    brun_stats_init();
    install_signal_handlers();
    unsetenv("BENCHRUN_LAUNCHED");

    /* The command line alone first: --help, --version and a bad option
     * answer even when benchrun.yml is broken. */
    brun_options_defaults(&options);
    switch (brun_cli_parse(argc, argv, &options, why, sizeof why)) {
    case BRUN_CLI_HELP:
        brun_cli_usage(stdout);
        status = BRUN_EXIT_OK;
        break;
    case BRUN_CLI_VERSION:
        /* GNU's --version: name and version, then copyright and
         * licence, so a packager or user knows the terms at a glance. */
        printf("benchrun %s\n"
               "Copyright (C) 2026 The benchrun authors.\n"
               "License GPLv3+: GNU GPL version 3 or later "
               "<https://gnu.org/licenses/gpl.html>.\n"
               "This is free software: you are free to change and "
               "redistribute it.\n"
               "There is NO WARRANTY, to the extent permitted by law.\n",
               PACKAGE_VERSION);
        status = BRUN_EXIT_OK;
        break;
    case BRUN_CLI_ERROR:
        print_error(why);
        break;
    case BRUN_CLI_RUN:
        brun_options_release(&options);
        brun_options_defaults(&options);
        if (load_options(argc, argv, &options) == 0)
            status = brun_run(&options, argc, argv);
        break;
    }
    brun_options_release(&options);
    return status;
}
