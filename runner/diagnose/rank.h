/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * rank.h: which functions grew between two profiles of a case (the
 * baseline's build and the new one), per iteration.  It compares by
 * function name only; it does not decide whether a growth matters.
 */
#ifndef BRUN_RANK_H
#define BRUN_RANK_H

#include <stddef.h>

#include "runner/diagnose/profile.h"

struct brun_growth {
    char *name;
    double self_before, self_after;           /* per iteration */
    double inclusive_before, inclusive_after; /* per iteration */
};

/* before/after are per-iteration costs: each profile's costs divided by
 * its iteration count (given, > 0).  Lists every function of either side
 * (0 on the side that lacks it), sorted by self growth (after - before)
 * descending, then inclusive growth descending, then name; at most
 * limit entries.  *out (NULL when *count is 0) is freed by
 * brun_growth_free.  0, or -1 when an iteration count is not positive
 * or memory runs out (then *out is NULL and *count 0). */
int brun_rank_growth(const struct brun_profile *before,
                     double before_iterations, const struct brun_profile *after,
                     double after_iterations, size_t limit,
                     struct brun_growth **out, size_t *count);
void brun_growth_free(struct brun_growth *v, size_t count);

#endif /* BRUN_RANK_H */
