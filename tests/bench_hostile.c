/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * bench_hostile.c: a bench executable that attacks the driver rather than
 * crashing it: a failure message and output holding workflow commands
 * and terminal escapes, a case that looks for the token benchrun was
 * given, one that hangs after writing its pid to $HOSTILE_PID_FILE (so
 * a test can see it die with the driver), and one that leaves a child
 * running outside its process group (setsid()), appending the child's
 * pid to $HOSTILE_PID_FILE.  Driven by the real benchrun in test_driver.c; not a model of
 * a bench file.
 */
#include <benchrun.h>

#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <unistd.h>

BENCH(hostile, message)
{
    puts("before\n::error::from output\033]0;title\a\r");
    fflush(stdout);
    BENCH_FAIL(st, "x\n::error::y\033[2J\r");
}

/* Fails, saying so, when a secret reached the worker's environment. */
BENCH(hostile, token)
{
    const char *names[] = {"GITHUB_TOKEN", "BENCHRUN_GITHUB_TOKEN"};
    for (int i = 0; i < 2; i++)
        if (getenv(names[i]))
            BENCH_FAIL(st, "%s inherited", names[i]);
    BENCH_SKIP(st, "no token in the environment");
}

BENCH(hostile, hang)
{
    const char *path = getenv("HOSTILE_PID_FILE");
    FILE *f = path ? fopen(path, "w") : NULL;
    if (f) {
        fprintf(f, "%ld\n", (long)getpid());
        fclose(f);
    }
    BENCH_LOOP(st) {
        for (;;)
            pause();
    }
}

BENCH(hostile, escape)
{
    pid_t child = fork();
    if (child == 0) {
        setsid();
        for (;;)
            pause();
    }
    const char *path = getenv("HOSTILE_PID_FILE");
    FILE *f = path && child > 0 ? fopen(path, "a") : NULL;
    if (f) {
        fprintf(f, "%ld\n", (long)child);
        fclose(f);
    }
    int x = 0;
    BENCH_LOOP(st) {
        x++;
        BENCH_KEEP(x);
    }
}
