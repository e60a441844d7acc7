/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * registry.c: the list BENCH() registers into, and its expansion into
 * instances.
 *
 * benchrun_register() runs from constructors, before main() and in no
 * particular order across files, so it only links a pointer: no
 * allocation, no output, nothing that depends on another file's
 * initialisation.  Everything that can fail happens later, in
 * brun_registry_instances(), where an error can be reported.
 */
#include "config.h"

#include "lib/registry.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct benchrun_case *registry_head;
static size_t registry_count;

void benchrun_register(struct benchrun_case *c)
{
    if (!c || c->priv_next || c == registry_head)
        return; /* already registered */
    c->priv_next = registry_head;
    registry_head = c;
    registry_count++;
}

void brun_registry_clear(void)
{
    struct benchrun_case *c = registry_head;
    while (c) {
        struct benchrun_case *next = c->priv_next;
        c->priv_next = NULL;
        c = next;
    }
    registry_head = NULL;
    registry_count = 0;
}

static int has_range(const struct benchrun_case *c)
{
    return c->range.step != 0 || c->range.mul != 0;
}

/* Checks one description; returns 0 or -1 with a message. */
static int check_case(const struct benchrun_case *c, char *err, size_t err_size)
{
    if (c->struct_size != sizeof(struct benchrun_case)) {
        snprintf(err, err_size,
                 "%s:%d: case was compiled with another benchrun.h (case "
                 "size %u, this libbenchrun expects %zu): rebuild it",
                 c->file ? c->file : "?", c->line, c->struct_size,
                 sizeof(struct benchrun_case));
        return -1;
    }
    if (!c->group || !c->group[0] || !c->name || !c->name[0] || !c->fn) {
        snprintf(err, err_size, "%s:%d: case without a group, name or body",
                 c->file ? c->file : "?", c->line);
        return -1;
    }
    if (c->arg_count > 0 && has_range(c)) {
        snprintf(err, err_size,
                 "%s:%d: %s/%s: give BENCH_ARGS or BENCH_RANGE, not both",
                 c->file, c->line, c->group, c->name);
        return -1;
    }
    if (c->arg_count > 0 && !c->args) {
        snprintf(err, err_size, "%s:%d: %s/%s: arg_count without args", c->file,
                 c->line, c->group, c->name);
        return -1;
    }
    if (has_range(c)) {
        const struct benchrun_range *r = &c->range;
        const char *problem = NULL;
        if (r->step != 0 && r->mul != 0)
            problem = "a range has either a step or a multiplier";
        else if (r->step < 0)
            problem = "the range step must be positive";
        else if (r->mul != 0 && r->mul < 2)
            problem = "the range multiplier must be at least 2";
        else if (r->mul != 0 && r->lo < 1)
            problem = "a multiplied range must start at 1 or more";
        else if (r->hi < r->lo)
            problem = "the range ends before it starts";
        if (problem) {
            snprintf(err, err_size, "%s:%d: %s/%s: %s (lo %lld, hi %lld)",
                     c->file, c->line, c->group, c->name, problem, r->lo,
                     r->hi);
            return -1;
        }
    }
    if (c->bytes < 0 || c->items < 0) {
        snprintf(err, err_size, "%s:%d: %s/%s: negative .bytes or .items",
                 c->file, c->line, c->group, c->name);
        return -1;
    }
    return 0;
}

/* The argument values of a case, in order.  Fills values (room for
 * BRUN_MAX_ARGS_PER_CASE) and returns how many, or -1 when too many. */
static long expand_args(const struct benchrun_case *c, long long *values)
{
    long n = 0;
    if (c->arg_count > 0) {
        if (c->arg_count > BRUN_MAX_ARGS_PER_CASE)
            return -1;
        for (size_t i = 0; i < c->arg_count; i++)
            values[n++] = c->args[i];
        return n;
    }
    const struct benchrun_range *r = &c->range;
    if (r->step > 0) {
        for (long long v = r->lo; v <= r->hi; v += r->step) {
            if (n == BRUN_MAX_ARGS_PER_CASE)
                return -1;
            values[n++] = v;
            if (v > LLONG_MAX - r->step)
                break;
        }
        return n;
    }
    /* Multiplied range: lo, lo*mul, ... below hi, then hi itself. */
    for (long long v = r->lo; v < r->hi;) {
        if (n == BRUN_MAX_ARGS_PER_CASE)
            return -1;
        values[n++] = v;
        if (v > LLONG_MAX / r->mul)
            break;
        v *= r->mul;
    }
    if (n == BRUN_MAX_ARGS_PER_CASE)
        return -1;
    values[n++] = r->hi;
    return n;
}

static int compare_instances(const void *a, const void *b)
{
    const struct brun_instance *x = a, *y = b;
    int d = strcmp(x->def->group, y->def->group);
    if (d == 0)
        d = strcmp(x->def->name, y->def->name);
    if (d == 0)
        d = (x->arg > y->arg) - (x->arg < y->arg);
    return d;
}

static int add_instance(struct brun_instance *v, size_t *n,
                        const struct benchrun_case *c, int has_arg,
                        long long arg, char *err, size_t err_size)
{
    struct brun_instance *in = &v[*n];
    int len;
    in->def = c;
    in->arg = arg;
    in->has_arg = has_arg;
    if (has_arg)
        len = snprintf(in->name, sizeof in->name, "%s/%s/%lld", c->group,
                       c->name, arg);
    else
        len = snprintf(in->name, sizeof in->name, "%s/%s", c->group, c->name);
    if (len < 0 || (size_t)len >= sizeof in->name) {
        snprintf(err, err_size, "%s:%d: case name longer than %d characters",
                 c->file, c->line, BRUN_NAME_MAX - 1);
        return -1;
    }
    (*n)++;
    return 0;
}

int brun_registry_instances(struct brun_instance **out, size_t *count,
                            char *err, size_t err_size)
{
    static long long values[BRUN_MAX_ARGS_PER_CASE];
    size_t capacity = registry_count + 1, n = 0;
    struct brun_instance *v = NULL;

    *out = NULL;
    *count = 0;
    for (const struct benchrun_case *c = registry_head; c; c = c->priv_next) {
        if (check_case(c, err, err_size) != 0)
            goto fail;
        long nargs =
            (c->arg_count > 0 || has_range(c)) ? expand_args(c, values) : 0;
        if (nargs < 0) {
            snprintf(err, err_size, "%s:%d: %s/%s has more than %d arguments",
                     c->file, c->line, c->group, c->name,
                     BRUN_MAX_ARGS_PER_CASE);
            goto fail;
        }
        size_t need = n + (nargs > 0 ? (size_t)nargs : 1);
        if (!v || need > capacity) {
            while (capacity < need)
                capacity *= 2;
            struct brun_instance *grown = realloc(v, capacity * sizeof *v);
            if (!grown) {
                snprintf(err, err_size, "out of memory listing cases");
                goto fail;
            }
            v = grown;
        }
        if (nargs == 0) {
            if (add_instance(v, &n, c, 0, 0, err, err_size) != 0)
                goto fail;
        }
        for (long i = 0; i < nargs; i++)
            if (add_instance(v, &n, c, 1, values[i], err, err_size) != 0)
                goto fail;
    }
    if (n > 1)
        qsort(v, n, sizeof *v, compare_instances);
    for (size_t i = 1; i < n; i++) {
        if (strcmp(v[i - 1].name, v[i].name) == 0) {
            snprintf(err, err_size,
                     "case %s is registered twice: %s:%d and %s:%d", v[i].name,
                     v[i - 1].def->file, v[i - 1].def->line, v[i].def->file,
                     v[i].def->line);
            goto fail;
        }
    }
    *out = v;
    *count = n;
    return 0;
fail:
    free(v);
    return -1;
}

const struct brun_instance *brun_registry_find(const struct brun_instance *v,
                                               size_t count, const char *name)
{
    for (size_t i = 0; i < count; i++)
        if (strcmp(v[i].name, name) == 0)
            return &v[i];
    return NULL;
}
