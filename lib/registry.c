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
 *
 * A case with BENCH_PARAMS expands to the product of its parameters'
 * values, the first parameter varying slowest, and then to each of its
 * BENCH_THREADS counts; its instances keep that order in the sorted
 * array.  BENCH_ARGS and BENCH_RANGE instances sort by argument.
 */
#include "config.h"

#include "lib/registry.h"

#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct benchrun_case *registry_head;
static size_t registry_count;
static struct benchrun_fixture *fixture_head;

void benchrun_register_fixture(struct benchrun_fixture *f)
{
    if (!f || f->priv_next || f == fixture_head)
        return; /* already registered */
    f->priv_next = fixture_head;
    fixture_head = f;
}

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
    struct benchrun_fixture *f = fixture_head;
    while (f) {
        struct benchrun_fixture *next = f->priv_next;
        f->priv_next = NULL;
        f = next;
    }
    fixture_head = NULL;
}

static int has_range(const struct benchrun_case *c)
{
    return c->range.step != 0 || c->range.mul != 0;
}

/* What is wrong with a range, or NULL. */
static const char *range_problem(const struct benchrun_range *r)
{
    if (r->step != 0 && r->mul != 0)
        return "a range has either a step or a multiplier";
    if (r->step < 0)
        return "the range step must be positive";
    if (r->mul != 0 && r->mul < 2)
        return "the range multiplier must be at least 2";
    if (r->mul != 0 && r->lo < 1)
        return "a multiplied range must start at 1 or more";
    if (r->hi < r->lo)
        return "the range ends before it starts";
    return NULL;
}

/* 1 when s is a C identifier. */
static int is_identifier(const char *s)
{
    if (!s || !(isalpha((unsigned char)s[0]) || s[0] == '_'))
        return 0;
    for (; *s; s++)
        if (!(isalnum((unsigned char)*s) || *s == '_'))
            return 0;
    return 1;
}

/* 1 when s may stand in a case name as a parameter's value: 1 to 63
 * bytes of [A-Za-z0-9_.+-] (no '/', ':' or space, which would make the
 * name ambiguous). */
static int is_name_value(const char *s)
{
    size_t n = 0;
    if (!s)
        return 0;
    for (; s[n]; n++)
        if (n == 63 || !(isalnum((unsigned char)s[n]) || s[n] == '_' ||
                         s[n] == '.' || s[n] == '+' || s[n] == '-'))
            return 0;
    return n > 0;
}

/* Checks a case's BENCH_PARAMS; 0 or -1 with a message. */
static int check_params(const struct benchrun_case *c, char *err,
                        size_t err_size)
{
    const char *problem = NULL;
    const struct benchrun_param *bad = NULL;
    if (c->param_count == 0)
        return 0;
    if (!c->params)
        problem = "param_count without params";
    else if (c->param_count > BRUN_PARAMS_MAX)
        problem = "more than 8 parameters";
    else if (c->arg_count > 0 || has_range(c))
        problem = "give BENCH_ARGS/BENCH_RANGE or BENCH_PARAMS, not both";
    for (size_t i = 0; !problem && i < c->param_count; i++) {
        const struct benchrun_param *p = &c->params[i];
        int kinds = (p->value_count > 0) +
                    (p->range.step != 0 || p->range.mul != 0) +
                    (p->string_count > 0);
        bad = p;
        if (!is_identifier(p->name))
            problem = "a parameter name must be a C identifier";
        else if (strcmp(p->name, "threads") == 0)
            problem = "the parameter name \"threads\" is taken "
                      "(BENCH_THREADS)";
        else if (kinds != 1)
            problem = "a parameter needs exactly one of a list of values, "
                      "a range or a list of strings";
        else if ((p->value_count > 0 && !p->values) ||
                 (p->string_count > 0 && !p->strings))
            problem = "a parameter's count without its values";
        else if (p->value_count == 0 && p->string_count == 0)
            problem = range_problem(&p->range);
        for (size_t j = 0; !problem && j < p->string_count; j++)
            if (!is_name_value(p->strings[j]))
                problem = "a string value must be 1 to 63 bytes of A-Z a-z "
                          "0-9 _ . + -";
        for (size_t j = 0; !problem && j < i; j++)
            if (strcmp(c->params[j].name, p->name) == 0)
                problem = "two parameters have the same name";
    }
    if (!problem)
        return 0;
    if (bad && bad->name)
        snprintf(err, err_size, "%s:%d: %s/%s: parameter \"%.64s\": %s",
                 c->file, c->line, c->group, c->name, bad->name, problem);
    else
        snprintf(err, err_size, "%s:%d: %s/%s: %s", c->file, c->line, c->group,
                 c->name, problem);
    return -1;
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
        const char *problem = range_problem(&c->range);
        if (problem) {
            snprintf(err, err_size, "%s:%d: %s/%s: %s (lo %lld, hi %lld)",
                     c->file, c->line, c->group, c->name, problem, c->range.lo,
                     c->range.hi);
            return -1;
        }
    }
    if (c->bytes < 0 || c->items < 0) {
        snprintf(err, err_size, "%s:%d: %s/%s: negative .bytes or .items",
                 c->file, c->line, c->group, c->name);
        return -1;
    }
    if (check_params(c, err, err_size) != 0)
        return -1;
    if (c->thread_count > 0 && !c->threads) {
        snprintf(err, err_size, "%s:%d: %s/%s: thread_count without threads",
                 c->file, c->line, c->group, c->name);
        return -1;
    }
    for (size_t i = 0; i < c->thread_count; i++) {
        if (c->threads[i] < 1 || c->threads[i] > BRUN_THREADS_MAX) {
            snprintf(err, err_size,
                     "%s:%d: %s/%s: BENCH_THREADS value %d is not between 1 "
                     "and %d",
                     c->file, c->line, c->group, c->name, c->threads[i],
                     BRUN_THREADS_MAX);
            return -1;
        }
    }
    return 0;
}

/* The integer values of a list (values, count) or else a range, in
 * order.  Fills out (room for BRUN_MAX_ARGS_PER_CASE) and returns how
 * many, or -1 when too many. */
static long expand_values(const long long *list, size_t count,
                          const struct benchrun_range *r, long long *out)
{
    long n = 0;
    if (count > 0) {
        if (count > BRUN_MAX_ARGS_PER_CASE)
            return -1;
        for (size_t i = 0; i < count; i++)
            out[n++] = list[i];
        return n;
    }
    if (r->step > 0) {
        for (long long v = r->lo; v <= r->hi; v += r->step) {
            if (n == BRUN_MAX_ARGS_PER_CASE)
                return -1;
            out[n++] = v;
            if (v > LLONG_MAX - r->step)
                break;
        }
        return n;
    }
    /* Multiplied range: lo, lo*mul, ... below hi, then hi itself. */
    for (long long v = r->lo; v < r->hi;) {
        if (n == BRUN_MAX_ARGS_PER_CASE)
            return -1;
        out[n++] = v;
        if (v > LLONG_MAX / r->mul)
            break;
        v *= r->mul;
    }
    if (n == BRUN_MAX_ARGS_PER_CASE)
        return -1;
    out[n++] = r->hi;
    return n;
}

static int expands_in_order(const struct benchrun_case *c)
{
    return c->param_count > 0 || c->thread_count > 0;
}

static int compare_instances(const void *a, const void *b)
{
    const struct brun_instance *x = a, *y = b;
    int d = strcmp(x->def->group, y->def->group);
    if (d == 0)
        d = strcmp(x->def->name, y->def->name);
    if (d == 0 && !expands_in_order(x->def))
        d = (x->arg > y->arg) - (x->arg < y->arg);
    if (d == 0)
        d = (x->order > y->order) - (x->order < y->order);
    return d;
}

/* Appends printf-style text to name at *len; -1 when it does not fit. */
static int name_append(char *name, size_t *len, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int name_append(char *name, size_t *len, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(name + *len, BRUN_NAME_MAX - *len, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= BRUN_NAME_MAX - *len)
        return -1;
    *len += (size_t)n;
    return 0;
}

/* The expansion of one case: each parameter's values, and the product's
 * size. */
struct expansion {
    long long ints[BRUN_PARAMS_MAX][BRUN_MAX_ARGS_PER_CASE];
    size_t counts[BRUN_PARAMS_MAX];
    long long legacy[BRUN_MAX_ARGS_PER_CASE]; /* BENCH_ARGS / BENCH_RANGE */
    size_t legacy_count;
    size_t instances;
};

/* Fills e for c; 0, or -1 with a message when it has too many. */
static int expand_case(const struct benchrun_case *c, struct expansion *e,
                       char *err, size_t err_size)
{
    double total = 1;
    e->legacy_count = 0;
    if (c->arg_count > 0 || has_range(c)) {
        long n = expand_values(c->args, c->arg_count, &c->range, e->legacy);
        if (n < 0)
            goto too_many;
        e->legacy_count = (size_t)n;
        total = (double)n;
    }
    for (size_t i = 0; i < c->param_count; i++) {
        const struct benchrun_param *p = &c->params[i];
        long n = (long)p->string_count;
        if (p->string_count == 0)
            n = expand_values(p->values, p->value_count, &p->range, e->ints[i]);
        if (n < 0)
            goto too_many;
        e->counts[i] = (size_t)n;
        total *= (double)n;
    }
    if (c->thread_count > 0)
        total *= (double)c->thread_count;
    if (total > BRUN_MAX_ARGS_PER_CASE)
        goto too_many;
    e->instances = (size_t)total;
    return 0;
too_many:
    snprintf(err, err_size, "%s:%d: %s/%s has more than %d instances", c->file,
             c->line, c->group, c->name, BRUN_MAX_ARGS_PER_CASE);
    return -1;
}

/* Instance k of c's expansion (0 <= k < e->instances) into in. */
static int make_instance(struct brun_instance *in,
                         const struct benchrun_case *c,
                         const struct expansion *e, size_t k, char *err,
                         size_t err_size)
{
    size_t len = 0, rest = k;
    int ok;
    memset(in, 0, sizeof *in);
    in->def = c;
    in->order = k;
    in->threads = 1;
    if (c->thread_count > 0) {
        in->threads = (unsigned)c->threads[rest % c->thread_count];
        rest /= c->thread_count;
    }
    /* The last parameter varies fastest. */
    for (size_t i = c->param_count; i-- > 0;) {
        size_t j = rest % e->counts[i];
        rest /= e->counts[i];
        if (c->params[i].string_count > 0)
            in->param_str[i] = c->params[i].strings[j];
        else
            in->param_int[i] = e->ints[i][j];
    }
    ok = name_append(in->name, &len, "%s/%s", c->group, c->name) == 0;
    if (e->legacy_count > 0) {
        in->arg = e->legacy[rest % e->legacy_count];
        in->has_arg = 1;
        ok = ok && name_append(in->name, &len, "/%lld", in->arg) == 0;
    }
    for (size_t i = 0; i < c->param_count; i++) {
        const char *key = c->params[i].name;
        if (in->param_str[i]) {
            ok = ok && name_append(in->name, &len, "/%s:%s", key,
                                   in->param_str[i]) == 0;
        } else {
            ok = ok && name_append(in->name, &len, "/%s:%lld", key,
                                   in->param_int[i]) == 0;
            in->arg = in->param_int[i];
        }
    }
    /* A family for the scaling fits when the name ends with an integer. */
    if (c->param_count > 0)
        in->has_arg = !in->param_str[c->param_count - 1];
    if (c->thread_count > 0) {
        ok = ok && name_append(in->name, &len, "/threads:%u", in->threads) == 0;
        in->has_arg = 0;
    }
    if (!ok) {
        snprintf(err, err_size, "%s:%d: case name longer than %d characters",
                 c->file, c->line, BRUN_NAME_MAX - 1);
        return -1;
    }
    return 0;
}

/* Checks the fixtures and points each instance at its group's. */
static int attach_fixtures(struct brun_instance *v, size_t n, char *err,
                           size_t err_size)
{
    for (const struct benchrun_fixture *f = fixture_head; f; f = f->priv_next) {
        const char *file = f->file ? f->file : "?";
        size_t used = 0;
        if (f->struct_size != sizeof(struct benchrun_fixture)) {
            snprintf(err, err_size,
                     "%s:%d: fixture was compiled with another benchrun.h: "
                     "rebuild it",
                     file, f->line);
            return -1;
        }
        if (!f->group || !f->group[0] || !f->setup) {
            snprintf(err, err_size, "%s:%d: fixture without a group or setup",
                     file, f->line);
            return -1;
        }
        for (const struct benchrun_fixture *g = f->priv_next; g;
             g = g->priv_next) {
            if (g->group && strcmp(g->group, f->group) == 0) {
                snprintf(err, err_size,
                         "group %s has two fixtures: %s:%d and %s:%d", f->group,
                         file, f->line, g->file ? g->file : "?", g->line);
                return -1;
            }
        }
        for (size_t i = 0; i < n; i++) {
            if (strcmp(v[i].def->group, f->group) == 0) {
                v[i].fixture = f;
                used++;
            }
        }
        if (used == 0) {
            snprintf(err, err_size,
                     "%s:%d: fixture for group %s, which has no case", file,
                     f->line, f->group);
            return -1;
        }
    }
    return 0;
}

int brun_registry_instances(struct brun_instance **out, size_t *count,
                            char *err, size_t err_size)
{
    static struct expansion e;
    size_t capacity = registry_count + 1, n = 0;
    struct brun_instance *v = NULL;

    *out = NULL;
    *count = 0;
    for (const struct benchrun_case *c = registry_head; c; c = c->priv_next) {
        if (check_case(c, err, err_size) != 0 ||
            expand_case(c, &e, err, err_size) != 0)
            goto fail;
        size_t need = n + e.instances;
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
        for (size_t k = 0; k < e.instances; k++)
            if (make_instance(&v[n++], c, &e, k, err, err_size) != 0)
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
    if (attach_fixtures(v, n, err, err_size) != 0)
        goto fail;
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
