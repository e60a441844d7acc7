/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * registry.h: the cases a bench executable registered, as runnable
 * instances.
 *
 * BENCH() links static case descriptions into a list before main() runs.
 * This module turns that list into a sorted array of instances, one per
 * argument of a parameterized case, each with its reported name
 * ("group/name" or "group/name/ARG"), and checks the descriptions on the
 * way (duplicate names, ranges that make no sense, a header of another
 * version).  It does not run anything.
 */
#ifndef BRUN_REGISTRY_H
#define BRUN_REGISTRY_H

#include <stddef.h>

#include "benchrun.h"

#define BRUN_NAME_MAX 256 /* longest reported case name, with NUL */
#define BRUN_MAX_ARGS_PER_CASE 4096

struct brun_instance {
    const struct benchrun_case *def;
    long long arg;
    int has_arg;
    char name[BRUN_NAME_MAX];
};

/* Builds the sorted instance array.  On success returns 0 and an array
 * the caller frees with free(); on a bad registration returns -1 and a
 * one-line message naming the case and its file:line in err. */
int brun_registry_instances(struct brun_instance **out, size_t *count,
                            char *err, size_t err_size);

/* Finds an instance by reported name; NULL when there is none. */
const struct brun_instance *brun_registry_find(const struct brun_instance *v,
                                               size_t count, const char *name);

/* Forgets every registered case (tests only). */
void brun_registry_clear(void);

#endif /* BRUN_REGISTRY_H */
