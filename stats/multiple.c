/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * multiple.c: Benjamini–Hochberg and Holm (see multiple.h).
 *
 * Both sort an index array by p-value (ties by position, so the result
 * does not depend on the sort algorithm), walk it once for the adjusted
 * values and once for the rejections, and write back in input order.
 * Pure arithmetic: no GSL needed.
 */
#include "config.h"

#include "stats/multiple.h"

#include <stdlib.h>

struct ranked {
    double p;
    size_t at;
};

static int by_p(const void *a, const void *b)
{
    const struct ranked *u = a, *w = b;
    if (u->p != w->p)
        return u->p < w->p ? -1 : 1;
    return (u->at > w->at) - (u->at < w->at);
}

/* Sorted copy of p, or NULL on bad input / no memory. */
static struct ranked *rank_p(const double *p, size_t m, double level)
{
    if (!(level > 0 && level <= 1))
        return NULL;
    for (size_t i = 0; i < m; i++)
        if (!(p[i] >= 0 && p[i] <= 1))
            return NULL;
    struct ranked *r = malloc(m * sizeof *r);
    if (!r)
        return NULL;
    for (size_t i = 0; i < m; i++) {
        r[i].p = p[i];
        r[i].at = i;
    }
    qsort(r, m, sizeof *r, by_p);
    return r;
}

static double min1(double x)
{
    return x < 1.0 ? x : 1.0;
}

long brun_multiple_bh(const double *p, size_t m, double q, double *adjusted,
                      int *reject)
{
    if (m == 0)
        return 0;
    struct ranked *r = rank_p(p, m, q);
    if (!r)
        return -1;
    double md = (double)m;
    if (adjusted) {
        double run = 1.0;
        for (size_t k = m; k-- > 0;) {
            double a = min1(md * r[k].p / (double)(k + 1));
            if (a < run)
                run = a;
            adjusted[r[k].at] = run;
        }
    }
    size_t last = 0; /* number rejected */
    for (size_t k = m; k-- > 0;) {
        if (r[k].p <= (double)(k + 1) / md * q) {
            last = k + 1;
            break;
        }
    }
    if (reject)
        for (size_t k = 0; k < m; k++)
            reject[r[k].at] = k < last;
    free(r);
    return (long)last;
}

long brun_multiple_holm(const double *p, size_t m, double alpha,
                        double *adjusted, int *reject)
{
    if (m == 0)
        return 0;
    struct ranked *r = rank_p(p, m, alpha);
    if (!r)
        return -1;
    if (adjusted) {
        double run = 0.0;
        for (size_t k = 0; k < m; k++) {
            double a = min1((double)(m - k) * r[k].p);
            if (a > run)
                run = a;
            adjusted[r[k].at] = run;
        }
    }
    size_t count = 0;
    while (count < m && r[count].p <= alpha / (double)(m - count))
        count++;
    if (reject)
        for (size_t k = 0; k < m; k++)
            reject[r[k].at] = k < count;
    free(r);
    return (long)count;
}
