/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * mannwhitney.c: Mann–Whitney U with midranks (see mannwhitney.h).
 *
 * Ranks come from one sort of the pooled sample; the exact null
 * distribution of U is the coefficient list of the Gaussian binomial
 * [nx + ny choose nx]_q, built by multiplying and dividing polynomials in
 * q (O(min(nx, ny) * nx * ny) operations, all exact in doubles).
 */
#include "config.h"

#include "stats/mannwhitney.h"

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>

struct tagged {
    double v;
    int first; /* 1 for x, 0 for y */
};

static int by_value(const void *a, const void *b)
{
    double u = ((const struct tagged *)a)->v, w = ((const struct tagged *)b)->v;
    return (u > w) - (u < w);
}

static int bad_input(struct brun_mwu *out)
{
    out->u = 0.0;
    out->p_two_sided = out->p_greater = out->p_less = 1.0;
    out->exact = 0;
    return -1;
}

static double clamp01(double p)
{
    if (!(p >= 0))
        return 0.0;
    return p > 1.0 ? 1.0 : p;
}

/* Frequencies of U = 0..m n under H0 for sizes m and n: c[0..m n]. */
static double *u_counts(size_t m, size_t n)
{
    if (m > n) {
        size_t t = m;
        m = n;
        n = t;
    }
    /* Room for the product before each division: degree up to m n + m. */
    double *c = calloc(m * n + m + 1, sizeof *c);
    if (!c)
        return NULL;
    /* [n + i choose i]_q = [n + i - 1 choose i - 1]_q (1 - q^(n+i)) / (1 - q^i);
     * the division is exact, so it leaves zeros above the new degree. */
    c[0] = 1.0;
    size_t deg = 0;
    for (size_t i = 1; i <= m; i++) {
        size_t k = n + i;
        for (size_t j = deg + k; j >= k; j--)
            c[j] -= c[j - k];
        for (size_t j = i; j <= deg + k; j++)
            c[j] += c[j - i];
        deg += n;
    }
    return c;
}

/* P(U >= k) from the counts (k may exceed the range). */
static double upper_tail(const double *c, size_t top, double total, double k)
{
    if (k <= 0)
        return 1.0;
    double s = 0.0;
    for (size_t j = (size_t)ceil(k); j <= top; j++)
        s += c[j];
    return s / total;
}

int brun_mwu_test(const double *x, size_t nx, const double *y, size_t ny,
                  struct brun_mwu *out)
{
    if (nx == 0 || ny == 0)
        return bad_input(out);
    size_t n = nx + ny;
    struct tagged *all = malloc(n * sizeof *all);
    if (!all)
        return bad_input(out);
    for (size_t i = 0; i < n; i++) {
        all[i].first = i < nx;
        all[i].v = i < nx ? x[i] : y[i - nx];
        if (!isfinite(all[i].v)) {
            free(all);
            return bad_input(out);
        }
    }
    qsort(all, n, sizeof *all, by_value);

    /* Midranks: a run of t equal values at 0-based positions i..i+t-1
     * shares rank i + (t + 1) / 2. */
    double rank_sum = 0.0, tie_term = 0.0;
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && all[j].v == all[i].v)
            j++;
        double t = (double)(j - i), rank = (double)i + (t + 1.0) / 2.0;
        for (size_t k = i; k < j; k++)
            if (all[k].first)
                rank_sum += rank;
        tie_term += t * t * t - t;
        i = j;
    }
    free(all);

    double n1 = (double)nx, n2 = (double)ny;
    double u1 = rank_sum - n1 * (n1 + 1.0) / 2.0;
    double u2 = n1 * n2 - u1;
    out->u = u1;

    if (tie_term == 0.0 && nx <= BRUN_MWU_EXACT_MAX &&
        ny <= BRUN_MWU_EXACT_MAX) {
        size_t top = nx * ny;
        double *c = u_counts(nx, ny);
        if (!c)
            return bad_input(out);
        double total = 0.0;
        for (size_t j = 0; j <= top; j++)
            total += c[j];
        out->p_greater = clamp01(upper_tail(c, top, total, u1));
        out->p_less = clamp01(upper_tail(c, top, total, u2));
        out->p_two_sided =
            clamp01(2.0 * upper_tail(c, top, total, u1 > u2 ? u1 : u2));
        out->exact = 1;
        free(c);
        return 0;
    }

    double nn = n1 + n2, mu = n1 * n2 / 2.0;
    double var = n1 * n2 / 12.0 * ((nn + 1.0) - tie_term / (nn * (nn - 1.0)));
    out->exact = 0;
    if (!(var > 0)) {
        out->p_two_sided = out->p_greater = out->p_less = 1.0;
        return 0;
    }
    double s = sqrt(var);
    out->p_greater = clamp01(gsl_cdf_ugaussian_Q((u1 - mu - 0.5) / s));
    out->p_less = clamp01(gsl_cdf_ugaussian_Q((u2 - mu - 0.5) / s));
    double umax = u1 > u2 ? u1 : u2;
    out->p_two_sided =
        clamp01(2.0 * gsl_cdf_ugaussian_Q((umax - mu - 0.5) / s));
    return 0;
}
