/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * profile.h: one profile read from a profiler's output (callgrind_read.h,
 * perf_read.h): per-function self and inclusive cost, the total, and the
 * folded stacks a flame graph is drawn from.  Also the small name table
 * the readers build it with.  It reads no file and runs no tool.
 *
 * Costs are in the profiler's unit: instructions for callgrind, the
 * samples' periods for perf (see perf_read.h).
 */
#ifndef BRUN_PROFILE_H
#define BRUN_PROFILE_H

#include <stddef.h>

struct brun_profile_function {
    char *name;
    double self, inclusive;
};

struct brun_profile {
    /* Sorted by self cost, descending, then by name. */
    struct brun_profile_function *functions;
    size_t function_count;
    double total; /* all cost in the profile */
    /* Folded stacks, "root;...;leaf", sorted by text, each distinct. */
    char **stacks;
    double *stack_counts;
    size_t stack_count;
};

/* Frees everything p owns and empties it; p itself is the caller's. */
void brun_profile_release(struct brun_profile *p);

/* A growable map from names to two sums (a, b), in insertion order:
 * the readers collect functions (self, inclusive) and stacks (count, -)
 * in it.  Zero-initialise it; brun_profile_table_release frees it. */
struct brun_profile_table {
    char **names;
    double *a, *b;
    size_t count, capacity;
    size_t *slots; /* open addressing: index + 1, 0 = empty */
    size_t slot_count;
};

/* Adds a and b to the sums of the name (its first len bytes), creating
 * the entry at 0 first.  Returns the entry's index, or -1 when memory
 * runs out (the table is left as it was). */
long brun_profile_table_add(struct brun_profile_table *t, const char *name,
                            size_t len, double a, double b);
void brun_profile_table_release(struct brun_profile_table *t);

/* Moves functions (a = self, b = inclusive) and stacks (a = count) into
 * out, sorted as struct brun_profile says; entries whose sums are all
 * zero are dropped.  Both tables are emptied.  0, or -1 when memory runs
 * out (then out is empty and the tables are released). */
int brun_profile_from_tables(struct brun_profile *out,
                             struct brun_profile_table *functions,
                             struct brun_profile_table *stacks, double total);

#endif /* BRUN_PROFILE_H */
