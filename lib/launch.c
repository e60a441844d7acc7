/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * launch.c: benchrun_main(), the entry point of every bench executable.
 *
 * Started by the driver with --benchrun-worker=CMD_FD,RESULT_FD, the
 * executable is a worker and answers one command.  Started any other way
 * (`./bench --list`), it replaces itself with `benchrun ./bench --list`,
 * so a bench executable behaves exactly like the driver pointed at it.
 * The driver is found through $BENCHRUN_DRIVER, then the directory
 * benchrun was installed to, then $PATH.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "benchrun.h"
#include "lib/protocol.h"
#include "lib/worker.h"

#ifndef BENCHRUN_BINDIR
#define BENCHRUN_BINDIR "/usr/local/bin"
#endif

const char *benchrun_version(void)
{
    return BENCHRUN_VERSION;
}

/* Parses "CMD_FD,RESULT_FD".  Returns 0 or -1. */
static int parse_worker_fds(const char *text, int *command_fd, int *result_fd)
{
    char *end;
    long a = strtol(text, &end, 10);
    if (end == text || *end != ',' || a < 0 || a > 1024)
        return -1;
    const char *second = end + 1;
    long b = strtol(second, &end, 10);
    if (end == second || *end || b < 0 || b > 1024)
        return -1;
    *command_fd = (int)a;
    *result_fd = (int)b;
    return 0;
}

static int run_as_worker(const char *arg)
{
    int command_fd, result_fd;
    if (parse_worker_fds(arg, &command_fd, &result_fd) != 0) {
        fprintf(stderr, "benchrun worker: bad %s%s\n", BRUN_WORKER_FLAG, arg);
        return 2;
    }
    return brun_worker_serve(command_fd, result_fd);
}

/* This executable's own path, for the driver to run as a target. */
static const char *own_path(const char *argv0, char *buf, size_t size)
{
    ssize_t n = readlink("/proc/self/exe", buf, size - 1);
    if (n > 0) {
        buf[n] = '\0';
        return buf;
    }
    return argv0;
}

static int exec_driver(int argc, char **argv)
{
    char self[4096], installed[4096];
    char **args = calloc((size_t)argc + 2, sizeof *args);
    const char *driver = getenv("BENCHRUN_DRIVER");

    if (getenv("BENCHRUN_LAUNCHED")) {
        fprintf(stderr,
                "%s: the benchrun driver started this bench executable "
                "without --benchrun-worker; is BENCHRUN_DRIVER a bench "
                "executable?\n",
                argv[0]);
        return 2;
    }
    if (!args) {
        fprintf(stderr, "%s: out of memory\n", argv[0]);
        return 2;
    }
    setenv("BENCHRUN_LAUNCHED", "1", 1);
    args[0] = (char *)"benchrun";
    args[1] = (char *)own_path(argv[0], self, sizeof self);
    for (int i = 1; i < argc; i++)
        args[i + 1] = argv[i];
    args[argc + 1] = NULL;

    if (driver && *driver) {
        execv(driver, args);
        fprintf(stderr, "%s: cannot run BENCHRUN_DRIVER=%s: %s\n", argv[0],
                driver, strerror(errno));
        free(args);
        return 2;
    }
    snprintf(installed, sizeof installed, "%s/benchrun", BENCHRUN_BINDIR);
    if (access(installed, X_OK) == 0)
        execv(installed, args);
    execvp("benchrun", args);
    fprintf(stderr,
            "%s: cannot find the benchrun driver (%s, then $PATH): %s; "
            "install benchrun or set BENCHRUN_DRIVER\n",
            argv[0], installed, strerror(errno));
    free(args);
    return 2;
}

int benchrun_main(int argc, char **argv)
{
    size_t flag_len = strlen(BRUN_WORKER_FLAG);
    if (argc >= 2 && strncmp(argv[1], BRUN_WORKER_FLAG, flag_len) == 0)
        return run_as_worker(argv[1] + flag_len);
    return exec_driver(argc, argv);
}
