/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * env_capture.c: a parameterized case.
 *
 * BENCH_ARGS(0, 50, 150) registers three cases, reported as
 * context/capture/0, context/capture/50 and context/capture/150;
 * benchrun_arg(st) gives each its number.  Here it is how many variables
 * an environment holds, and the timed work is capturing (copying) that
 * environment into a snapshot, as a process launcher or a logger would.
 * .items-style throughput is set at run time with benchrun_set_items(),
 * since it depends on the argument; .arg_name names the unit of N, so the
 * scaling fit reads "per var".
 */
#include <benchrun.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct snapshot {
    char *arena; /* all strings, back to back */
    size_t used, capacity;
    char **vars;
    size_t count;
};

/* Copies the NULL-terminated list env into s (which owns the copies). */
static int capture(struct snapshot *s, char *const *env)
{
    s->used = 0;
    s->count = 0;
    for (size_t i = 0; env[i]; i++) {
        size_t len = strlen(env[i]) + 1;
        if (s->used + len > s->capacity)
            return -1;
        memcpy(s->arena + s->used, env[i], len);
        s->vars[s->count++] = s->arena + s->used;
        s->used += len;
    }
    return 0;
}

BENCH(context, capture, BENCH_ARGS(0, 50, 150), .arg_name = "vars")
{
    const long long n = benchrun_arg(st);
    char **env = calloc((size_t)n + 1, sizeof *env);
    struct snapshot s = {malloc(64 * (size_t)n + 1), 0, 64 * (size_t)n + 1,
                         calloc((size_t)n + 1, sizeof(char *)), 0};
    if (!env || !s.arena || !s.vars)
        BENCH_FAIL(st, "out of memory");
    for (long long i = 0; i < n; i++) {
        env[i] = malloc(64);
        if (!env[i])
            BENCH_FAIL(st, "out of memory");
        snprintf(env[i], 64, "APP_SETTING_%lld=value-%lld", i, i * 7919);
    }
    benchrun_set_items(st, (double)n);

    BENCH_LOOP(st) {
        BENCH_KEEP(capture(&s, env));
        BENCH_ESCAPE(s.arena);
    }

    for (long long i = 0; i < n; i++)
        free(env[i]);
    free(env);
    free(s.arena);
    free(s.vars);
}
