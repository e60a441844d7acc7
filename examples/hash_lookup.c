/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * hash_lookup.c: the basic shape of a bench file.
 *
 * Build a table once (setup, not timed), time lookups inside BENCH_LOOP,
 * free the table (teardown, not timed).  BENCH_KEEP stops the compiler
 * from deleting a lookup whose result is otherwise unused.
 *
 *   cc -O2 hash_lookup.c $(pkg-config --cflags --libs benchrun) -o hash_lookup
 *   benchrun ./hash_lookup
 */
#include <benchrun.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 2048 /* power of two, at most half full */
#define KEYS 1000

struct table {
    char *keys[SLOTS];
    int values[SLOTS];
};

static uint32_t hash(const char *s)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    while (*s)
        h = (h ^ (unsigned char)*s++) * 16777619u;
    return h;
}

static void table_put(struct table *t, const char *key, int value)
{
    uint32_t i = hash(key) & (SLOTS - 1);
    while (t->keys[i])
        i = (i + 1) & (SLOTS - 1);
    t->keys[i] = strdup(key);
    t->values[i] = value;
}

static const int *table_get(const struct table *t, const char *key)
{
    for (uint32_t i = hash(key) & (SLOTS - 1); t->keys[i];
         i = (i + 1) & (SLOTS - 1))
        if (strcmp(t->keys[i], key) == 0)
            return &t->values[i];
    return NULL;
}

static struct table *table_new(void)
{
    struct table *t = calloc(1, sizeof *t);
    char key[32];
    for (int i = 0; t && i < KEYS; i++) {
        snprintf(key, sizeof key, "user:%d", i);
        table_put(t, key, i);
    }
    return t;
}

static void table_free(struct table *t)
{
    for (int i = 0; i < SLOTS; i++)
        free(t->keys[i]);
    free(t);
}

BENCH(hash, lookup_hit)
{
    struct table *t = table_new();
    if (!t)
        BENCH_FAIL(st, "out of memory");
    BENCH_LOOP(st) {
        BENCH_KEEP(table_get(t, "user:417"));
    }
    table_free(t);
}

BENCH(hash, lookup_miss)
{
    struct table *t = table_new();
    if (!t)
        BENCH_FAIL(st, "out of memory");
    BENCH_LOOP(st) {
        BENCH_KEEP(table_get(t, "user:none"));
    }
    table_free(t);
}
