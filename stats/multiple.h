/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * multiple.h: multiple-comparison corrections over the p-values of one run
 * (one per compared case): Benjamini–Hochberg (false discovery rate) and
 * Holm (family-wise error rate).
 *
 * p-values may come in any order; results come back in the same order.
 * Adjusted p-values are the usual ones (as R's p.adjust and statsmodels'
 * multipletests give): BH  p~(i) = min_{j >= i} min(1, m p(j) / j),
 * Holm  p~(i) = max_{j <= i} min(1, (m - j + 1) p(j)), on the sorted p(1) <=
 * ... <= p(m).  Rejections follow the step-up (BH: reject p(1..k) for the
 * largest k with p(k) <= k q / m) and step-down (Holm: reject while
 * p(i) <= alpha / (m - i + 1)) rules on the raw p-values.
 * Either output pointer may be NULL when not wanted.
 */
#ifndef BRUN_MULTIPLE_H
#define BRUN_MULTIPLE_H

#include <stddef.h>

/* Benjamini–Hochberg at FDR level q in (0, 1].  Returns the number of
 * rejections (reject[i] = 1 for those), or -1 when a p-value is outside
 * [0, 1], q is out of range or memory runs out (outputs then untouched).
 * m = 0 returns 0. */
long brun_multiple_bh(const double *p, size_t m, double q, double *adjusted,
                      int *reject);

/* Holm at family-wise level alpha in (0, 1]; as brun_multiple_bh(). */
long brun_multiple_holm(const double *p, size_t m, double alpha,
                        double *adjusted, int *reject);

#endif /* BRUN_MULTIPLE_H */
