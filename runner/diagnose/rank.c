/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * rank.c: joining two profiles' functions by name (through the profile
 * name table) and sorting the joined list by growth.
 */
#include "config.h"

#include "runner/diagnose/rank.h"

#include <stdlib.h>
#include <string.h>

static double self_growth(const struct brun_growth *g)
{
    return g->self_after - g->self_before;
}

static double inclusive_growth(const struct brun_growth *g)
{
    return g->inclusive_after - g->inclusive_before;
}

static int by_growth(const void *x, const void *y)
{
    const struct brun_growth *a = x, *b = y;
    double da = self_growth(a), db = self_growth(b);
    if (da != db)
        return da > db ? -1 : 1;
    da = inclusive_growth(a);
    db = inclusive_growth(b);
    if (da != db)
        return da > db ? -1 : 1;
    return strcmp(a->name, b->name);
}

void brun_growth_free(struct brun_growth *v, size_t count)
{
    if (!v)
        return;
    for (size_t i = 0; i < count; i++)
        free(v[i].name);
    free(v);
}

int brun_rank_growth(const struct brun_profile *before,
                     double before_iterations, const struct brun_profile *after,
                     double after_iterations, size_t limit,
                     struct brun_growth **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    if (!(before_iterations > 0) || !(after_iterations > 0))
        return -1;
    /* Index by name: table entry i is v[i]. */
    struct brun_profile_table names = {0};
    size_t cap = before->function_count + after->function_count;
    struct brun_growth *v = calloc(cap ? cap : 1, sizeof *v);
    if (!v)
        return -1;
    size_t n = 0;
    for (int side = 0; side < 2; side++) {
        const struct brun_profile *p = side == 0 ? before : after;
        double iterations = side == 0 ? before_iterations : after_iterations;
        for (size_t i = 0; i < p->function_count; i++) {
            const struct brun_profile_function *f = &p->functions[i];
            long k =
                brun_profile_table_add(&names, f->name, strlen(f->name), 0, 0);
            if (k < 0)
                goto fail;
            if ((size_t)k == n) {
                v[n].name = strdup(f->name);
                if (!v[n].name)
                    goto fail;
                n++;
            }
            struct brun_growth *g = &v[k];
            if (side == 0) {
                g->self_before += f->self / iterations;
                g->inclusive_before += f->inclusive / iterations;
            } else {
                g->self_after += f->self / iterations;
                g->inclusive_after += f->inclusive / iterations;
            }
        }
    }
    brun_profile_table_release(&names);
    qsort(v, n, sizeof *v, by_growth);
    if (n > limit) {
        for (size_t i = limit; i < n; i++)
            free(v[i].name);
        n = limit;
    }
    if (n == 0) {
        free(v);
        v = NULL;
    }
    *out = v;
    *count = n;
    return 0;
fail:
    brun_profile_table_release(&names);
    brun_growth_free(v, n);
    return -1;
}
