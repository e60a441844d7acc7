/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * discover.h: asking a bench executable which cases it has.
 *
 * Every target is checked and listed before anything is measured, so a
 * wrong path, a program that is not a bench executable or one built for
 * another protocol stops the run (exit 2) before any time is spent.
 */
#ifndef BRUN_DISCOVER_H
#define BRUN_DISCOVER_H

#include <stddef.h>

struct brun_listed_case {
    char *name;
    char *file;
    int line;
    double bytes, items; /* declared per iteration, 0 if not */
    int optimized;
    char *compiler;
    /* An instance of BENCH_ARGS / BENCH_RANGE: its argument and the unit
     * of it (.arg_name; NULL when not given, or from a protocol 1 worker,
     * which does not send them: parameterized is then 0). */
    int parameterized;
    long long arg;
    char *arg_name;
    unsigned threads; /* BENCH_THREADS: the instance's thread count; 1 */
};

struct brun_case_list {
    struct brun_listed_case *cases;
    size_t count;
    unsigned protocol;
    char library_version[32];
};

/* Lists the cases of the bench executable at path.  Returns 0, or -1
 * with a one-line reason in why (without the path). */
int brun_discover(const char *path, double timeout_s,
                  struct brun_case_list *out, char *why, size_t why_size);

void brun_case_list_release(struct brun_case_list *list);

#endif /* BRUN_DISCOVER_H */
