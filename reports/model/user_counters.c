/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * user_counters.c: names, summaries and memory of user counters (see
 * user_counters.h).
 */
#include "config.h"

#include "reports/model/user_counters.h"

#include "reports/text/format.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[] = {"average", "per_iteration", "rate"};

const char *brun_counter_kind_name(enum brun_counter_kind kind)
{
    if ((unsigned)kind < sizeof kind_names / sizeof kind_names[0])
        return kind_names[kind];
    return "?";
}

int brun_counter_kind_lookup(const char *name)
{
    for (size_t i = 0; i < sizeof kind_names / sizeof kind_names[0]; i++)
        if (strcmp(name, kind_names[i]) == 0)
            return (int)i;
    return -1;
}

const char *brun_counter_kind_unit(enum brun_counter_kind kind)
{
    switch (kind) {
    case BRUN_COUNTER_KIND_PER_ITERATION:
        return "/iter";
    case BRUN_COUNTER_KIND_RATE:
        return "/s";
    default:
        return "";
    }
}

void brun_counter_format_value(const struct brun_user_counter *u, char *out,
                               size_t size)
{
    static const char *const prefixes[] = {"", "k", "M", "G", "T", "P", "E"};
    double v = u->value;
    size_t p = 0;
    char number[48];
    while (fabs(v) >= 1e4 && p + 1 < sizeof prefixes / sizeof prefixes[0]) {
        v /= 1e3;
        p++;
    }
    double a = fabs(v);
    int decimals = a == 0 || a >= 1000 ? 0 : a >= 100 ? 1 : a >= 10 ? 2 : 3;
    brun_format_fixed(v, decimals, number, sizeof number);
    /* Trailing zeros say nothing: 3.000 -> 3, 46.770 -> 46.77. */
    if (strchr(number, '.')) {
        size_t n = strlen(number);
        while (n > 0 && number[n - 1] == '0')
            number[--n] = '\0';
        if (n > 0 && number[n - 1] == '.')
            number[--n] = '\0';
    }
    const char *unit = brun_counter_kind_unit(u->kind);
    snprintf(out, size, "%s%s%s%s", number, *prefixes[p] || *unit ? " " : "",
             prefixes[p], unit);
}

void brun_counter_format_change(const struct brun_counter_change *ch, char *out,
                                size_t size)
{
    char ratio[32], lo[32], hi[32];
    if (!ch->valid) {
        snprintf(out, size, "%s", "");
        return;
    }
    brun_format_change(ch->ratio, ratio, sizeof ratio);
    if (ch->exact || ch->lo == ch->hi) {
        snprintf(out, size, "%s %s%s", ratio, brun_label_name(ch->label),
                 ch->exact ? " (exact)" : "");
        return;
    }
    brun_format_change(ch->lo, lo, sizeof lo);
    brun_format_change(ch->hi, hi, sizeof hi);
    snprintf(out, size, "%s [%s, %s] %s", ratio, lo, hi,
             brun_label_name(ch->label));
}

void brun_user_counter_summarize(struct brun_user_counter *u)
{
    double sum = 0;
    u->value = u->sd = u->min = u->max = 0;
    if (u->round_count == 0)
        return;
    u->min = u->max = u->per_round[0];
    for (size_t i = 0; i < u->round_count; i++) {
        double x = u->per_round[i];
        sum += x;
        if (x < u->min)
            u->min = x;
        if (x > u->max)
            u->max = x;
    }
    u->value = sum / (double)u->round_count;
    if (u->round_count > 1) {
        double ss = 0;
        for (size_t i = 0; i < u->round_count; i++)
            ss += (u->per_round[i] - u->value) * (u->per_round[i] - u->value);
        u->sd = sqrt(ss / (double)(u->round_count - 1));
    }
}

const struct brun_user_counter *
brun_user_counter_find(const struct brun_user_counter *v, size_t n,
                       const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i].name, name) == 0)
            return &v[i];
    return NULL;
}

int brun_user_counter_add(struct brun_user_counter **v, size_t *n,
                          const char *name, enum brun_counter_kind kind,
                          int higher_is_better, double figure)
{
    struct brun_user_counter *u =
        (struct brun_user_counter *)brun_user_counter_find(*v, *n, name);
    if (u && u->kind != kind)
        return -2;
    if (!u) {
        struct brun_user_counter *grown = realloc(*v, (*n + 1) * sizeof *grown);
        if (!grown)
            return -1;
        *v = grown;
        u = &grown[(*n)++];
        memset(u, 0, sizeof *u);
        snprintf(u->name, sizeof u->name, "%s", name);
        u->kind = kind;
        u->higher_is_better = higher_is_better;
    }
    double *more = realloc(u->per_round, (u->round_count + 1) * sizeof *more);
    if (!more)
        return -1;
    u->per_round = more;
    u->per_round[u->round_count++] = figure;
    brun_user_counter_summarize(u);
    return 0;
}

int brun_user_counters_copy(const struct brun_user_counter *v, size_t n,
                            struct brun_user_counter **out)
{
    *out = NULL;
    if (n == 0)
        return 0;
    struct brun_user_counter *c = calloc(n, sizeof *c);
    if (!c)
        return -1;
    for (size_t i = 0; i < n; i++) {
        c[i] = v[i];
        c[i].per_round = NULL;
        if (v[i].round_count) {
            c[i].per_round = malloc(v[i].round_count * sizeof *c[i].per_round);
            if (!c[i].per_round) {
                brun_user_counters_free(c, i);
                return -1;
            }
            memcpy(c[i].per_round, v[i].per_round,
                   v[i].round_count * sizeof *c[i].per_round);
        }
    }
    *out = c;
    return 0;
}

void brun_user_counters_free(struct brun_user_counter *v, size_t n)
{
    if (!v)
        return;
    for (size_t i = 0; i < n; i++)
        free(v[i].per_round);
    free(v);
}
