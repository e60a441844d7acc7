/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * registry.h: the cases a bench executable registered, as runnable
 * instances.
 *
 * BENCH() links static case descriptions into a list before main() runs.
 * This module turns that list into a sorted array of instances, one per
 * combination of a parameterized case's arguments, parameters and thread
 * counts, each with its reported name ("group/name", "group/name/ARG" or
 * "group/name/size:1024/order:random/threads:2"), and checks the
 * descriptions on the way (duplicate names, ranges that make no sense,
 * bad parameter names, a header of another version, a fixture without a
 * case).  It also keeps the groups' fixtures.  It does not run anything.
 */
#ifndef BRUN_REGISTRY_H
#define BRUN_REGISTRY_H

#include <stddef.h>

#include "benchrun.h"

#define BRUN_NAME_MAX 256 /* longest reported case name, with NUL */
#define BRUN_MAX_ARGS_PER_CASE 4096

#define BRUN_PARAMS_MAX 8    /* named parameters per case */
#define BRUN_THREADS_MAX 256 /* threads per instance */

struct brun_instance {
    const struct benchrun_case *def;
    /* The argument for benchrun_arg() and the scaling fits: a BENCH_ARGS
     * or BENCH_RANGE value, or the last integer parameter's.  has_arg is
     * 1 when the name ends with it (the instance is one point of a
     * family along it). */
    long long arg;
    int has_arg;
    /* BENCH_PARAMS: one value per parameter of def, in its order; a
     * string parameter's value is in param_str, an integer's in
     * param_int (param_str NULL). */
    long long param_int[BRUN_PARAMS_MAX];
    const char *param_str[BRUN_PARAMS_MAX];
    /* BENCH_THREADS: the thread count of this instance; 1 otherwise. */
    unsigned threads;
    const struct benchrun_fixture *fixture; /* its group's, or NULL */
    size_t order; /* position in expansion order, for a stable sort */
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
