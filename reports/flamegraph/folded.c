/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * folded.c: folded stacks, per-function costs and the top-functions
 * table (see folded.h).  Stacks are merged through an open-addressing
 * hash index on their frames; per-function costs use a second, local one
 * on the names.  Deliberately no reading of perf or callgrind output.
 */
#include "config.h"

#include "reports/flamegraph/folded.h"

#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "reports/text/escape.h"
#include "reports/text/format.h"
#include "reports/text/json_writer.h"

/* FNV-1a over n bytes. */
static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h;
}

void brun_folded_init(struct brun_folded *f)
{
    memset(f, 0, sizeof *f);
}

void brun_folded_release(struct brun_folded *f)
{
    for (size_t i = 0; i < f->count; i++)
        free(f->stacks[i].frames);
    free(f->stacks);
    free(f->slots);
    brun_folded_init(f);
}

/* The slot for frames: the one holding it, or the free one where it
 * belongs.  slot_count is a power of two and never full. */
static size_t find_slot(const struct brun_folded *f, const char *frames)
{
    size_t mask = f->slot_count - 1;
    size_t i = (size_t)hash_bytes(frames, strlen(frames)) & mask;
    while (f->slots[i] != 0 &&
           strcmp(f->stacks[f->slots[i] - 1].frames, frames) != 0)
        i = (i + 1) & mask;
    return i;
}

/* Doubles the index (or makes the first one) and re-inserts every
 * stack.  0 or -1. */
static int grow_index(struct brun_folded *f)
{
    size_t n = f->slot_count ? f->slot_count * 2 : 64;
    size_t *slots = calloc(n, sizeof *slots);
    if (!slots)
        return -1;
    free(f->slots);
    f->slots = slots;
    f->slot_count = n;
    for (size_t k = 0; k < f->count; k++)
        f->slots[find_slot(f, f->stacks[k].frames)] = k + 1;
    return 0;
}

int brun_folded_add(struct brun_folded *f, const char *frames, double count)
{
    /* Keep the index at most half full. */
    if ((f->count + 1) * 2 > f->slot_count && grow_index(f) != 0)
        return -1;
    size_t slot = find_slot(f, frames);
    if (f->slots[slot] != 0) {
        f->stacks[f->slots[slot] - 1].count += count;
        f->total += count;
        return 0;
    }
    if (f->count == f->capacity) {
        size_t cap = f->capacity ? f->capacity * 2 : 16;
        struct brun_folded_stack *v = realloc(f->stacks, cap * sizeof *v);
        if (!v)
            return -1;
        f->stacks = v;
        f->capacity = cap;
    }
    char *copy = strdup(frames);
    if (!copy)
        return -1;
    f->stacks[f->count].frames = copy;
    f->stacks[f->count].count = count;
    f->count++;
    f->slots[slot] = f->count;
    f->total += count;
    return 0;
}

/* Reads s[0..n) as a non-negative decimal number (digits, an optional
 * fraction and exponent; no sign, no "inf" or "nan") into *v, whatever
 * the locale.  0 or -1. */
static int parse_count(const char *s, size_t n, double *v)
{
    char buf[64];
    size_t digits = 0;
    if (n == 0 || n >= sizeof buf)
        return -1;
    size_t i = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++, digits++;
    if (i < n && s[i] == '.') {
        i++;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++, digits++;
    }
    if (digits == 0)
        return -1;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        size_t start = i;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == start)
            return -1;
    }
    if (i != n)
        return -1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    /* strtod reads the locale's decimal point: put it in place of '.'. */
    const char *point = localeconv()->decimal_point;
    if (point && strlen(point) == 1 && point[0] != '.') {
        char *p = strchr(buf, '.');
        if (p)
            *p = point[0];
    }
    char *end;
    double d = strtod(buf, &end);
    if (*end != '\0' || !isfinite(d))
        return -1;
    *v = d;
    return 0;
}

/* Whether frames[0..n) has an empty frame (including an empty stack). */
static int has_empty_frame(const char *frames, size_t n)
{
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        if (frames[i] == ';') {
            if (len == 0)
                return 1;
            len = 0;
        } else {
            len++;
        }
    }
    return len == 0;
}

int brun_folded_parse(struct brun_folded *f, const char *text, char *why,
                      size_t why_size)
{
    size_t line = 0;
    const char *p = text ? text : "";
    while (*p) {
        line++;
        const char *eol = strchr(p, '\n');
        size_t n = eol ? (size_t)(eol - p) : strlen(p);
        const char *next = eol ? eol + 1 : p + n;
        if (n > 0 && p[n - 1] == '\r')
            n--;
        size_t blank = 0;
        while (blank < n && (p[blank] == ' ' || p[blank] == '\t'))
            blank++;
        if (blank == n) {
            p = next;
            continue;
        }
        size_t space = n;
        while (space > 0 && p[space - 1] != ' ')
            space--;
        if (space == 0) {
            snprintf(why, why_size, "line %zu: no space and count", line);
            return -1;
        }
        double count;
        if (parse_count(p + space, n - space, &count) != 0) {
            snprintf(why, why_size,
                     "line %zu: count \"%.*s\" is not a non-negative number",
                     line, (int)(n - space < 40 ? n - space : 40), p + space);
            return -1;
        }
        size_t len = space - 1;
        if (has_empty_frame(p, len)) {
            snprintf(why, why_size, "line %zu: empty frame in the stack", line);
            return -1;
        }
        char *frames = malloc(len + 1);
        if (!frames) {
            snprintf(why, why_size, "line %zu: out of memory", line);
            return -1;
        }
        memcpy(frames, p, len);
        frames[len] = '\0';
        int rc = brun_folded_add(f, frames, count);
        free(frames);
        if (rc != 0) {
            snprintf(why, why_size, "line %zu: out of memory", line);
            return -1;
        }
        p = next;
    }
    return 0;
}

void brun_folded_format_count(double count, char *out, size_t size)
{
    if (count == floor(count) && fabs(count) < 9007199254740992.0)
        snprintf(out, size, "%.0f", count);
    else
        brun_json_format_number(count, out, size);
}

static int by_frames(const void *a, const void *b)
{
    const struct brun_folded_stack *const *x = a, *const *y = b;
    return strcmp((*x)->frames, (*y)->frames);
}

int brun_folded_write(const struct brun_folded *f, FILE *out)
{
    const struct brun_folded_stack **order = NULL;
    if (f->count > 0) {
        order = malloc(f->count * sizeof *order);
        if (!order)
            return -1;
    }
    for (size_t i = 0; i < f->count; i++)
        order[i] = &f->stacks[i];
    if (f->count > 0)
        qsort(order, f->count, sizeof *order, by_frames);
    for (size_t i = 0; i < f->count; i++) {
        char number[48];
        brun_folded_format_count(order[i]->count, number, sizeof number);
        fprintf(out, "%s %s\n", order[i]->frames, number);
    }
    free(order);
    return ferror(out) ? -1 : 0;
}

/* The per-function table being built: costs plus a hash index on the
 * names and, per function, the last stack that counted it in total. */
struct cost_table {
    struct brun_function_cost *v;
    size_t *seen; /* stack number + 1 that last added to total */
    size_t count, capacity;
    size_t *slots; /* cost index + 1, 0 free */
    size_t slot_count;
};

static size_t cost_slot(const struct cost_table *t, const char *name, size_t n)
{
    size_t mask = t->slot_count - 1;
    size_t i = (size_t)hash_bytes(name, n) & mask;
    while (t->slots[i] != 0) {
        const char *have = t->v[t->slots[i] - 1].name;
        if (strncmp(have, name, n) == 0 && have[n] == '\0')
            break;
        i = (i + 1) & mask;
    }
    return i;
}

static int cost_grow_index(struct cost_table *t)
{
    size_t n = t->slot_count ? t->slot_count * 2 : 64;
    size_t *slots = calloc(n, sizeof *slots);
    if (!slots)
        return -1;
    free(t->slots);
    t->slots = slots;
    t->slot_count = n;
    for (size_t k = 0; k < t->count; k++) {
        const char *name = t->v[k].name;
        t->slots[cost_slot(t, name, strlen(name))] = k + 1;
    }
    return 0;
}

/* The index of the function name[0..n), added with zero costs when new;
 * SIZE_MAX when out of memory. */
static size_t cost_lookup(struct cost_table *t, const char *name, size_t n)
{
    if ((t->count + 1) * 2 > t->slot_count && cost_grow_index(t) != 0)
        return SIZE_MAX;
    size_t slot = cost_slot(t, name, n);
    if (t->slots[slot] != 0)
        return t->slots[slot] - 1;
    if (t->count == t->capacity) {
        size_t cap = t->capacity ? t->capacity * 2 : 16;
        struct brun_function_cost *v = realloc(t->v, cap * sizeof *v);
        if (!v)
            return SIZE_MAX;
        t->v = v;
        size_t *seen = realloc(t->seen, cap * sizeof *seen);
        if (!seen)
            return SIZE_MAX;
        t->seen = seen;
        t->capacity = cap;
    }
    char *copy = malloc(n + 1);
    if (!copy)
        return SIZE_MAX;
    memcpy(copy, name, n);
    copy[n] = '\0';
    t->v[t->count] = (struct brun_function_cost){copy, 0, 0};
    t->seen[t->count] = 0;
    t->slots[slot] = t->count + 1;
    return t->count++;
}

static int by_cost(const void *a, const void *b)
{
    const struct brun_function_cost *x = a, *y = b;
    if (x->self != y->self)
        return x->self > y->self ? -1 : 1;
    if (x->total != y->total)
        return x->total > y->total ? -1 : 1;
    return strcmp(x->name, y->name);
}

int brun_folded_functions(const struct brun_folded *f,
                          struct brun_function_cost **out, size_t *count)
{
    struct cost_table t = {0};
    *out = NULL;
    *count = 0;
    for (size_t s = 0; s < f->count; s++) {
        const char *p = f->stacks[s].frames;
        double c = f->stacks[s].count;
        for (;;) {
            const char *end = strchr(p, ';');
            size_t n = end ? (size_t)(end - p) : strlen(p);
            size_t k = cost_lookup(&t, p, n);
            if (k == SIZE_MAX) {
                free(t.slots);
                free(t.seen);
                brun_function_costs_free(t.v, t.count);
                return -1;
            }
            if (t.seen[k] != s + 1) {
                t.seen[k] = s + 1;
                t.v[k].total += c;
            }
            if (!end) {
                t.v[k].self += c;
                break;
            }
            p = end + 1;
        }
    }
    free(t.slots);
    free(t.seen);
    if (t.count > 0)
        qsort(t.v, t.count, sizeof *t.v, by_cost);
    *out = t.v;
    *count = t.count;
    return 0;
}

void brun_function_costs_free(struct brun_function_cost *v, size_t count)
{
    if (!v)
        return;
    for (size_t i = 0; i < count; i++)
        free(v[i].name);
    free(v);
}

/* A share of the total as "66.67", right-aligned in 7 columns. */
static void share(double part, double total, char *out, size_t size)
{
    char number[48];
    brun_format_fixed(total > 0 ? 100.0 * part / total : 0, 2, number,
                      sizeof number);
    snprintf(out, size, "%7s", number);
}

int brun_folded_write_top(const struct brun_folded *f, size_t limit, FILE *out)
{
    if (f->count == 0 || !(f->total > 0)) {
        fputs("no samples\n", out);
        return ferror(out) ? -1 : 0;
    }
    struct brun_function_cost *v;
    size_t n;
    if (brun_folded_functions(f, &v, &n) != 0)
        return -1;
    fputs(" self %  total %  function\n", out);
    for (size_t i = 0; i < n && i < limit; i++) {
        char self[64], total[64];
        share(v[i].self, f->total, self, sizeof self);
        share(v[i].total, f->total, total, sizeof total);
        fprintf(out, "%s  %s  ", self, total);
        brun_term_text(out, v[i].name);
        fputc('\n', out);
    }
    brun_function_costs_free(v, n);
    return ferror(out) ? -1 : 0;
}
