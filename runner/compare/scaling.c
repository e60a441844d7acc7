/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * scaling.c: grouping parameterized instances into families, handing
 * their round estimates to stats/complexity.h, and judging the per-item
 * cost against the baseline (see scaling.h).  No statistics are computed
 * here beyond collecting the points.
 */
#include "config.h"

#include "runner/compare/scaling.h"

#include <fnmatch.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stats/complexity.h"

/* The length of a case name's family part: up to its last '/'. */
static size_t family_length(const char *name)
{
    const char *slash = strrchr(name, '/');
    return slash ? (size_t)(slash - name) : strlen(name);
}

static int usable(const struct brun_case_result *c)
{
    return c->parameterized && c->status == BRUN_STATUS_OK &&
           c->round_count > 0;
}

static int same_family(const struct brun_case_result *a,
                       const struct brun_case_result *b)
{
    size_t n = family_length(a->name);
    return a->target == b->target && family_length(b->name) == n &&
           strncmp(a->name, b->name, n) == 0;
}

/* Points to fit, grown as rounds are added. */
struct points {
    double *x, *y;
    size_t count, capacity;
};

static int add_rounds(struct points *p, double n,
                      const struct brun_round_result *rounds, size_t count)
{
    if (p->count + count > p->capacity) {
        size_t cap = p->capacity ? p->capacity : 64;
        while (cap < p->count + count)
            cap *= 2;
        double *x = realloc(p->x, cap * sizeof *x);
        if (!x)
            return -1;
        p->x = x;
        double *y = realloc(p->y, cap * sizeof *y);
        if (!y)
            return -1;
        p->y = y;
        p->capacity = cap;
    }
    for (size_t i = 0; i < count; i++)
        if (rounds[i].estimate_ns > 0 && isfinite(rounds[i].estimate_ns)) {
            p->x[p->count] = n;
            p->y[p->count] = rounds[i].estimate_ns;
            p->count++;
        }
    return 0;
}

/* How many distinct N the points hold (x is grouped by instance). */
static size_t distinct_n(const struct points *p)
{
    size_t d = 0;
    for (size_t i = 0; i < p->count; i++) {
        size_t j = 0;
        while (j < i && p->x[j] != p->x[i])
            j++;
        d += j == i;
    }
    return d;
}

static const struct brun_case_result *saved_case(const struct brun_baseline *b,
                                                 const char *name)
{
    if (!b)
        return NULL;
    for (size_t i = 0; i < b->results.case_count; i++)
        if (strcmp(b->results.cases[i].name, name) == 0)
            return &b->results.cases[i];
    return NULL;
}

/* The first thresholds entry matching the family or one of its
 * instances, or NULL. */
static const struct brun_threshold *entry_for(const struct brun_options *o,
                                              const struct brun_results *r,
                                              const struct brun_scaling *s)
{
    for (size_t t = 0; t < o->threshold_count; t++) {
        const char *pattern = o->thresholds[t].pattern;
        if (fnmatch(pattern, s->family, 0) == 0)
            return &o->thresholds[t];
        for (size_t i = 0; i < s->case_count; i++)
            if (fnmatch(pattern, r->cases[s->cases[i]].name, 0) == 0)
                return &o->thresholds[t];
    }
    return NULL;
}

/* Fits the baseline side and judges the change; returns whether the
 * family fails its gate, or -1 when out of memory. */
static int compare_family(struct brun_scaling *s, const struct brun_results *r,
                          const struct brun_options *o,
                          const struct brun_baseline *baseline)
{
    struct points p = {0};
    for (size_t i = 0; i < s->case_count; i++) {
        const struct brun_case_result *c = &r->cases[s->cases[i]];
        const struct brun_case_comparison *k = c->comparison;
        const struct brun_case_result *saved = saved_case(baseline, c->name);
        int rc = 0;
        if (k && k->baseline_round_count > 0)
            rc = add_rounds(&p, s->n[i], k->baseline_rounds,
                            k->baseline_round_count);
        else if (saved && saved->status == BRUN_STATUS_OK)
            rc = add_rounds(&p, s->n[i], saved->rounds, saved->round_count);
        if (rc != 0) {
            free(p.x);
            free(p.y);
            return -1;
        }
    }
    struct brun_fit fits[BRUN_COMPLEXITY_COUNT];
    int fitted =
        distinct_n(&p) >= BRUN_SCALING_MIN_N &&
        brun_complexity_choose(p.x, p.y, p.count, BRUN_SCALING_LEVEL, fits,
                               &s->baseline_best) == 0 &&
        brun_complexity_fit(p.x, p.y, p.count, s->best.shape,
                            BRUN_SCALING_LEVEL, &s->baseline_same_shape) == 0;
    free(p.x);
    free(p.y);
    if (!fitted) {
        memset(&s->baseline_best, 0, sizeof s->baseline_best);
        memset(&s->baseline_same_shape, 0, sizeof s->baseline_same_shape);
        return 0;
    }
    s->compared = 1;
    s->shape_changed = s->baseline_best.shape != s->best.shape;
    double level =
        r->comparison->confidence > 0 && r->comparison->confidence < 1
            ? r->comparison->confidence
            : BRUN_SCALING_LEVEL;
    /* A ratio that cannot be formed (a b not positive) stays 0. */
    if (brun_complexity_ratio(&s->best, &s->baseline_same_shape,
                              BRUN_SCALING_LEVEL, level, &s->ratio,
                              &s->ratio_lo, &s->ratio_hi) != 0)
        s->ratio = s->ratio_lo = s->ratio_hi = 0;

    const struct brun_threshold *t = entry_for(o, r, s);
    if (!t || !t->gate_scaling)
        return 0;
    s->gated = 1;
    s->fail_above = t->fail_above >= 0 ? t->fail_above : o->fail_above;
    double floor = t->noise_floor >= 0
                       ? t->noise_floor
                       : brun_options_noise_floor(o, r->comparison->mode ==
                                                         BRUN_COMPARE_PAIRED);
    s->fails = s->fail_above > 0 && s->ratio > 1 + s->fail_above &&
               s->ratio_lo > 1 + floor;
    return s->fails;
}

/* The family of r->cases[first]: its usable instances sorted by N. */
static int collect_family(const struct brun_results *r, size_t first,
                          struct brun_scaling *s)
{
    const struct brun_case_result *lead = &r->cases[first];
    size_t n = 0;
    for (size_t i = first; i < r->case_count; i++)
        n += usable(&r->cases[i]) && same_family(lead, &r->cases[i]);
    s->family = strndup(lead->name, family_length(lead->name));
    s->cases = malloc(n * sizeof *s->cases);
    s->n = malloc(n * sizeof *s->n);
    if (!s->family || !s->cases || !s->n)
        return -1;
    for (size_t i = first; i < r->case_count; i++) {
        const struct brun_case_result *c = &r->cases[i];
        if (!usable(c) || !same_family(lead, c))
            continue;
        /* Insertion by N keeps the order stable for equal N. */
        size_t j = s->case_count;
        while (j > 0 && s->n[j - 1] > (double)c->arg) {
            s->cases[j] = s->cases[j - 1];
            s->n[j] = s->n[j - 1];
            j--;
        }
        s->cases[j] = i;
        s->n[j] = (double)c->arg;
        s->case_count++;
    }
    const char *unit = "items";
    for (size_t i = 0; i < s->case_count; i++)
        if (r->cases[s->cases[i]].arg_name &&
            r->cases[s->cases[i]].arg_name[0]) {
            unit = r->cases[s->cases[i]].arg_name;
            break;
        }
    s->arg_name = strdup(unit);
    return s->arg_name ? 0 : -1;
}

/* Fits one family into s.  Returns 1 when it was fitted, 0 when it
 * cannot be (too few N), -1 when out of memory. */
static int fit_family(const struct brun_results *r, size_t first,
                      struct brun_scaling *s)
{
    if (collect_family(r, first, s) != 0)
        return -1;
    struct points p = {0};
    for (size_t i = 0; i < s->case_count; i++) {
        const struct brun_case_result *c = &r->cases[s->cases[i]];
        if (add_rounds(&p, s->n[i], c->rounds, c->round_count) != 0) {
            free(p.x);
            free(p.y);
            return -1;
        }
    }
    int ok = distinct_n(&p) >= BRUN_SCALING_MIN_N &&
             brun_complexity_choose(p.x, p.y, p.count, BRUN_SCALING_LEVEL,
                                    s->fits, &s->best) == 0;
    free(p.x);
    free(p.y);
    return ok;
}

static void release_all(struct brun_results *r)
{
    for (size_t i = 0; i < r->scaling_count; i++)
        brun_scaling_release(&r->scalings[i]);
    free(r->scalings);
    r->scalings = NULL;
    r->scaling_count = 0;
}

int brun_scaling_build(struct brun_results *r, const struct brun_options *o,
                       const struct brun_baseline *baseline_or_null)
{
    release_all(r);
    if (r->case_count == 0)
        return 0;
    /* At most one family per case. */
    r->scalings = calloc(r->case_count, sizeof *r->scalings);
    if (!r->scalings)
        return -1;
    int failing = 0;
    for (size_t i = 0; i < r->case_count; i++) {
        if (!usable(&r->cases[i]))
            continue;
        int seen = 0;
        for (size_t j = 0; j < i && !seen; j++)
            seen =
                usable(&r->cases[j]) && same_family(&r->cases[j], &r->cases[i]);
        if (seen)
            continue;
        struct brun_scaling *s = &r->scalings[r->scaling_count];
        int fitted = fit_family(r, i, s);
        int fails = fitted == 1 && r->comparison
                        ? compare_family(s, r, o, baseline_or_null)
                        : 0;
        if (fitted < 0 || fails < 0) {
            brun_scaling_release(s);
            release_all(r);
            return -1;
        }
        if (fitted == 0) {
            brun_scaling_release(s);
            continue;
        }
        r->scaling_count++;
        failing += fails;
    }
    if (r->scaling_count == 0) {
        free(r->scalings);
        r->scalings = NULL;
    }
    return failing;
}
