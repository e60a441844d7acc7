/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * main.c: the benchrun program's entry point: process-wide set-up
 * (signals, GSL's error handler), the command line, and the exit status.
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runner/options.h"
#include "runner/run.h"
#include "runner/session.h"
#include "stats/summary.h"

static void on_interrupt(int sig)
{
    (void)sig;
    brun_session_interrupted = 1;
}

static void install_signal_handlers(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_interrupt;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    /* A worker that dies while we write to it must not kill us. */
    signal(SIGPIPE, SIG_IGN);
}

int main(int argc, char **argv)
{
    struct brun_options options;
    char why[512];

    brun_stats_init();
    install_signal_handlers();
    unsetenv("BENCHRUN_LAUNCHED");

    brun_options_defaults(&options);
    int status = BRUN_EXIT_USAGE;
    switch (brun_cli_parse(argc, argv, &options, why, sizeof why)) {
    case BRUN_CLI_HELP:
        brun_cli_usage(stdout);
        status = BRUN_EXIT_OK;
        break;
    case BRUN_CLI_VERSION:
        printf("benchrun %s\n", PACKAGE_VERSION);
        status = BRUN_EXIT_OK;
        break;
    case BRUN_CLI_ERROR:
        fprintf(stderr, "benchrun: %s\n", why);
        break;
    case BRUN_CLI_RUN:
        status = brun_run(&options, argc, argv);
        break;
    }
    brun_options_release(&options);
    return status;
}
