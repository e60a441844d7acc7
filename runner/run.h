/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * run.h: one benchrun run and its exit status (DESIGN.md §6).
 */
#ifndef BRUN_RUN_H
#define BRUN_RUN_H

#include "runner/options/options.h"

enum brun_exit {
    BRUN_EXIT_OK = 0,            /* every case ran; no regression */
    BRUN_EXIT_REGRESSION = 1,    /* a regression beyond the threshold */
    BRUN_EXIT_USAGE = 2,         /* usage, config, target or baseline error */
    BRUN_EXIT_CASE_FAILED = 3,   /* a case crashed, timed out or failed */
    BRUN_EXIT_INTERRUPTED = 130, /* ^C (128 + SIGINT); SIGTERM gives 143,
                                    SIGHUP 129 */
};

/* Runs with parsed options; argc/argv only feed the recorded command
 * line.  Returns the exit status. */
int brun_run(const struct brun_options *o, int argc, char **argv);

#endif /* BRUN_RUN_H */
