/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * counter_compare.c: the changes of user counters against a baseline
 * (see counter_compare.h).
 */
#include "config.h"

#include "runner/compare/counter_compare.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stats/ttest.h"

/* 1 when every figure of u equals its first. */
static int constant(const struct brun_user_counter *u)
{
    for (size_t i = 1; i < u->round_count; i++)
        if (u->per_round[i] != u->per_round[0])
            return 0;
    return u->round_count > 0;
}

/* Welch's interval of log(new) - log(base), exponentiated; 0 or -1. */
static int log_interval(const struct brun_user_counter *base,
                        const struct brun_user_counter *now, double extra_var,
                        double level, double *lo, double *hi)
{
    size_t nb = base->round_count, nn = now->round_count;
    if (nb < 2 || nn < 2)
        return -1;
    double *x = malloc((nb + nn) * sizeof *x);
    if (!x)
        return -1;
    double *y = x + nn;
    int rc = 0;
    for (size_t i = 0; i < nn && rc == 0; i++) {
        if (!(now->per_round[i] > 0))
            rc = -1;
        else
            x[i] = log(now->per_round[i]);
    }
    for (size_t i = 0; i < nb && rc == 0; i++) {
        if (!(base->per_round[i] > 0))
            rc = -1;
        else
            y[i] = log(base->per_round[i]);
    }
    struct brun_ttest t;
    if (rc == 0)
        rc = brun_ttest_welch(x, nn, y, nb, extra_var, level, &t);
    free(x);
    if (rc != 0 || t.degenerate)
        return -1;
    *lo = exp(t.ci_lo);
    *hi = exp(t.ci_hi);
    return 0;
}

static enum brun_label label_of(double lo, double hi, double eps,
                                int higher_is_better)
{
    enum brun_label up =
        higher_is_better ? BRUN_LABEL_IMPROVED : BRUN_LABEL_REGRESSED;
    enum brun_label down =
        higher_is_better ? BRUN_LABEL_REGRESSED : BRUN_LABEL_IMPROVED;
    if (lo > 1 + eps)
        return up;
    if (hi < 1 - eps)
        return down;
    if (lo > 1 - eps && hi < 1 + eps)
        return BRUN_LABEL_UNCHANGED;
    return BRUN_LABEL_INCONCLUSIVE;
}

static void change_of(struct brun_counter_change *ch,
                      const struct brun_user_counter *base,
                      const struct brun_user_counter *now, double eps,
                      double level, double extra_var)
{
    memset(ch, 0, sizeof *ch);
    ch->label = BRUN_LABEL_INCONCLUSIVE;
    if (!base || base->round_count == 0 || now->round_count == 0)
        return;
    ch->baseline = base->value;
    if (!(base->value > 0)) {
        if (base->value == 0 && now->value == 0) {
            ch->valid = 1;
            ch->ratio = ch->lo = ch->hi = 1;
            ch->exact = constant(base) && constant(now);
            ch->label = BRUN_LABEL_UNCHANGED;
        }
        return;
    }
    ch->valid = 1;
    ch->ratio = ch->lo = ch->hi = now->value / base->value;
    if (constant(base) && constant(now)) {
        ch->exact = 1;
        ch->label = label_of(ch->ratio, ch->ratio, eps, now->higher_is_better);
        return;
    }
    if (log_interval(base, now, extra_var, level, &ch->lo, &ch->hi) != 0) {
        ch->lo = ch->hi = ch->ratio;
        return;
    }
    ch->label = label_of(ch->lo, ch->hi, eps, now->higher_is_better);
}

int brun_counter_compare(struct brun_case_comparison *k,
                         const struct brun_user_counter *now, size_t n,
                         double level, double session_noise)
{
    free(k->counter_changes);
    k->counter_changes = NULL;
    k->counter_change_count = 0;
    if (n == 0)
        return 0;
    if (!(level > 0 && level < 1))
        level = 0.95;
    k->counter_changes = calloc(n, sizeof *k->counter_changes);
    if (!k->counter_changes)
        return -1;
    k->counter_change_count = n;
    for (size_t i = 0; i < n; i++) {
        const struct brun_user_counter *base = brun_user_counter_find(
            k->baseline_counters, k->baseline_counter_count, now[i].name);
        if (base && base->kind != now[i].kind)
            base = NULL; /* another quantity under the same name */
        double extra = now[i].kind == BRUN_COUNTER_KIND_RATE &&
                               k->stats.mode == BRUN_COMPARE_INDEPENDENT
                           ? session_noise * session_noise
                           : 0;
        change_of(&k->counter_changes[i], base, &now[i], k->noise_floor, level,
                  extra);
    }
    return 0;
}
