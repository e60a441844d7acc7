/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * profile.c: the profile's lifecycle and the name table its readers fill
 * (a hash table of names to two sums, kept in insertion order), and the
 * step that turns two tables into a sorted struct brun_profile.
 */
#include "config.h"

#include "runner/diagnose/profile.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void brun_profile_release(struct brun_profile *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->function_count; i++)
        free(p->functions[i].name);
    free(p->functions);
    for (size_t i = 0; i < p->stack_count; i++)
        free(p->stacks[i]);
    free(p->stacks);
    free(p->stack_counts);
    memset(p, 0, sizeof *p);
}

static size_t hash(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return (size_t)h;
}

static int same(const char *name, const char *s, size_t len)
{
    return strncmp(name, s, len) == 0 && name[len] == '\0';
}

/* Doubles the slot array and re-inserts every entry. */
static int grow_slots(struct brun_profile_table *t)
{
    size_t n = t->slot_count ? 2 * t->slot_count : 64;
    size_t *slots = calloc(n, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < t->count; i++) {
        size_t j = hash(t->names[i], strlen(t->names[i])) & (n - 1);
        while (slots[j])
            j = (j + 1) & (n - 1);
        slots[j] = i + 1;
    }
    free(t->slots);
    t->slots = slots;
    t->slot_count = n;
    return 0;
}

static int grow_entries(struct brun_profile_table *t)
{
    size_t n = t->capacity ? 2 * t->capacity : 32;
    char **names = realloc(t->names, n * sizeof *names);
    if (!names)
        return -1;
    t->names = names;
    double *a = realloc(t->a, n * sizeof *a);
    if (!a)
        return -1;
    t->a = a;
    double *b = realloc(t->b, n * sizeof *b);
    if (!b)
        return -1;
    t->b = b;
    t->capacity = n;
    return 0;
}

long brun_profile_table_add(struct brun_profile_table *t, const char *name,
                            size_t len, double a, double b)
{
    if (2 * (t->count + 1) > t->slot_count && grow_slots(t) != 0)
        return -1;
    size_t j = hash(name, len) & (t->slot_count - 1);
    while (t->slots[j]) {
        size_t i = t->slots[j] - 1;
        if (same(t->names[i], name, len)) {
            t->a[i] += a;
            t->b[i] += b;
            return (long)i;
        }
        j = (j + 1) & (t->slot_count - 1);
    }
    if (t->count == t->capacity && grow_entries(t) != 0)
        return -1;
    char *copy = malloc(len + 1);
    if (!copy)
        return -1;
    memcpy(copy, name, len);
    copy[len] = '\0';
    size_t i = t->count++;
    t->names[i] = copy;
    t->a[i] = a;
    t->b[i] = b;
    t->slots[j] = i + 1;
    return (long)i;
}

void brun_profile_table_release(struct brun_profile_table *t)
{
    for (size_t i = 0; i < t->count; i++)
        free(t->names[i]);
    free(t->names);
    free(t->a);
    free(t->b);
    free(t->slots);
    memset(t, 0, sizeof *t);
}

static int by_self(const void *x, const void *y)
{
    const struct brun_profile_function *f = x, *g = y;
    if (f->self != g->self)
        return f->self > g->self ? -1 : 1;
    if (f->inclusive != g->inclusive)
        return f->inclusive > g->inclusive ? -1 : 1;
    return strcmp(f->name, g->name);
}

struct stack_entry {
    char *text;
    double count;
};

static int by_text(const void *x, const void *y)
{
    const struct stack_entry *s = x, *t = y;
    return strcmp(s->text, t->text);
}

int brun_profile_from_tables(struct brun_profile *out,
                             struct brun_profile_table *functions,
                             struct brun_profile_table *stacks, double total)
{
    memset(out, 0, sizeof *out);
    out->total = total;
    struct stack_entry *tmp = NULL;
    size_t nf = functions->count, ns = stacks->count;
    out->functions = calloc(nf ? nf : 1, sizeof *out->functions);
    out->stacks = calloc(ns ? ns : 1, sizeof *out->stacks);
    out->stack_counts = calloc(ns ? ns : 1, sizeof *out->stack_counts);
    tmp = calloc(ns ? ns : 1, sizeof *tmp);
    if (!out->functions || !out->stacks || !out->stack_counts || !tmp) {
        free(tmp);
        brun_profile_release(out);
        out->total = 0;
        brun_profile_table_release(functions);
        brun_profile_table_release(stacks);
        return -1;
    }
    /* Names move from the tables to out; dropped ones are freed here. */
    for (size_t i = 0; i < nf; i++) {
        if (functions->a[i] == 0 && functions->b[i] == 0) {
            free(functions->names[i]);
            continue;
        }
        struct brun_profile_function *f =
            &out->functions[out->function_count++];
        f->name = functions->names[i];
        f->self = functions->a[i];
        f->inclusive = functions->b[i];
    }
    functions->count = 0;
    size_t kept = 0;
    for (size_t i = 0; i < ns; i++) {
        if (stacks->a[i] == 0) {
            free(stacks->names[i]);
            continue;
        }
        tmp[kept].text = stacks->names[i];
        tmp[kept].count = stacks->a[i];
        kept++;
    }
    stacks->count = 0;
    brun_profile_table_release(functions);
    brun_profile_table_release(stacks);
    qsort(out->functions, out->function_count, sizeof *out->functions, by_self);
    qsort(tmp, kept, sizeof *tmp, by_text);
    for (size_t i = 0; i < kept; i++) {
        out->stacks[i] = tmp[i].text;
        out->stack_counts[i] = tmp[i].count;
    }
    out->stack_count = kept;
    free(tmp);
    return 0;
}
