/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * user_counters.h: the figures a case reports itself with
 * benchrun_counter(), as every report sees them.
 *
 * A worker sends each counter's raw value with what the loop ran in all
 * (lib/protocol.h); the driver (runner/measure/measure.c) turns it into
 * one figure per round by the counter's kind and keeps the per-round
 * figures here, with their summary.  A comparison
 * (runner/compare/counter_compare.c) adds one brun_counter_change per
 * counter of the new build.
 */
#ifndef BRUN_USER_COUNTERS_H
#define BRUN_USER_COUNTERS_H

#include <stddef.h>

#include "benchrun.h"
#include "stats/verdict.h"

/* How a counter's value was divided (benchrun.h's flags). */
enum brun_counter_kind {
    BRUN_COUNTER_KIND_AVERAGE,       /* as given */
    BRUN_COUNTER_KIND_PER_ITERATION, /* per iteration the loop ran */
    BRUN_COUNTER_KIND_RATE,          /* per second the loop's samples took */
};

struct brun_user_counter {
    char name[BENCHRUN_COUNTER_NAME_MAX + 1];
    enum brun_counter_kind kind;
    int higher_is_better; /* BENCHRUN_COUNTER_HIGHER_IS_BETTER */
    double value;         /* mean of per_round */
    double sd;            /* their sample SD (0 with one round) */
    double min, max;
    double *per_round; /* one figure per round that reported it; owned */
    size_t round_count;
};

/* A counter of the new build against the baseline's counter of that
 * name.  The ratio is of the means; the interval is Welch's on the log
 * per-round figures at the comparison's confidence, and the label reads
 * it against the noise floor eps (see counter_compare.c). */
struct brun_counter_change {
    int valid;             /* the baseline has it too and a ratio exists */
    double baseline;       /* the baseline's value */
    double ratio;          /* new / baseline means */
    double lo, hi;         /* interval of the ratio (lo == hi == ratio when
                        exact or not estimable) */
    int exact;             /* every round of both sides gave one same figure
                        per side: no interval is needed */
    enum brun_label label; /* improved, regressed, unchanged, inconclusive */
};

/* "per_iteration", "rate" or "average". */
const char *brun_counter_kind_name(enum brun_counter_kind kind);
/* The kind for a name, or -1. */
int brun_counter_kind_lookup(const char *name);
/* The unit a report prints after a value: "/iter", "/s" or "". */
const char *brun_counter_kind_unit(enum brun_counter_kind kind);

/* A counter's value for reports, locale-free: up to four significant
 * digits with an SI prefix from 10^4 up, then the kind's unit:
 * "3 /iter", "46.77 G/s", "42". */
void brun_counter_format_value(const struct brun_user_counter *u, char *out,
                               size_t size);
/* A counter's change for reports: "+100% regressed (exact)",
 * "-14.30% [-52.00%, +30.00%] inconclusive", or "" when invalid. */
void brun_counter_format_change(const struct brun_counter_change *ch, char *out,
                                size_t size);

/* Appends one round's figure to the counter called name in *v (adding the
 * counter when new) and updates its summary.  Returns 0, -1 when out of
 * memory, or -2 when the counter exists with another kind. */
int brun_user_counter_add(struct brun_user_counter **v, size_t *n,
                          const char *name, enum brun_counter_kind kind,
                          int higher_is_better, double figure);
/* Recomputes value, sd, min and max from per_round. */
void brun_user_counter_summarize(struct brun_user_counter *u);
/* The counter called name, or NULL. */
const struct brun_user_counter *
brun_user_counter_find(const struct brun_user_counter *v, size_t n,
                       const char *name);
/* A deep copy of v[0..n) into *out (NULL when n is 0).  0 or -1. */
int brun_user_counters_copy(const struct brun_user_counter *v, size_t n,
                            struct brun_user_counter **out);
/* Frees v and the per-round arrays; NULL is fine. */
void brun_user_counters_free(struct brun_user_counter *v, size_t n);

#endif /* BRUN_USER_COUNTERS_H */
