/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * folded.h: a profile as "folded" stacks, the form the diagnose step
 * turns perf and callgrind output into and the flame graph reads.
 *
 * One line per distinct stack: its frames root-first joined by ';', a
 * space, and a count ("main;run;sort 1234").  A frame may hold any byte
 * but ';' and the line break (C++ names have spaces, '<', '&', quotes);
 * the last space on a line separates the count.  Counts are doubles
 * (callgrind counts instructions, up to 1e13) and are written without a
 * decimal point when integral, with '.' whatever the locale.
 *
 * Beside the stacks: per-function self and total counts and a plain-text
 * "top functions" table for the console.  Nothing here knows where the
 * stacks came from; reading perf script or callgrind output is the
 * diagnose step's job.  No function prints anything but to the FILE * it
 * is given.
 */
#ifndef BRUN_FOLDED_H
#define BRUN_FOLDED_H

#include <stddef.h>
#include <stdio.h>

struct brun_folded_stack {
    char *frames; /* "a;b;c", root first; owned */
    double count;
};

struct brun_folded {
    struct brun_folded_stack *stacks; /* distinct stacks, in adding order */
    size_t count, capacity;
    double total; /* sum of the counts */
    /* Private: hash index over stacks (slot = stack index + 1, 0 free),
     * kept by brun_folded_add.  Change stacks only through it. */
    size_t *slots;
    size_t slot_count;
};

/* An empty profile (nothing allocated). */
void brun_folded_init(struct brun_folded *f);

/* Frees everything f holds and leaves it empty, as after init. */
void brun_folded_release(struct brun_folded *f);

/* Adds count (finite, >= 0) to the stack "a;b;c", merging it with an
 * equal stack already there.  frames is copied; it must not hold a line
 * break (brun_folded_parse never makes one).  0, or -1 when out of memory
 * (f unchanged). */
int brun_folded_add(struct brun_folded *f, const char *frames, double count);

/* Adds every line of text (what brun_folded_write writes; a trailing CR
 * is ignored, and so are blank lines) to f.  -1 with "line N: ..." in why
 * for a line without a count after its last space, with a count that is
 * not a non-negative number, or with an empty frame ("a;;b", ";a"); f
 * then keeps the lines before it.  -1 with "out of memory" too. */
int brun_folded_parse(struct brun_folded *f, const char *text, char *why,
                      size_t why_size);

/* Writes the stacks as folded text, sorted by frames in byte order (the
 * same profile always gives the same bytes).  0, or -1 on a write error. */
int brun_folded_write(const struct brun_folded *f, FILE *out);

/* One function's share of a profile. */
struct brun_function_cost {
    char *name;   /* owned */
    double self;  /* count of the stacks whose leaf it is */
    double total; /* count of the stacks it appears in (once per stack,
                     even when recursive) */
};

/* Per function, self and total counts in a new array *out of *count
 * entries, sorted by self descending, then total descending, then name in
 * byte order; the caller frees it with brun_function_costs_free.  0, or -1
 * when out of memory (*out NULL, *count 0). */
int brun_folded_functions(const struct brun_folded *f,
                          struct brun_function_cost **out, size_t *count);

/* Frees what brun_folded_functions returned (v may be NULL). */
void brun_function_costs_free(struct brun_function_cost *v, size_t count);

/* Writes the "top functions" table as plain text for the console: a
 * header, then at most limit rows of self %, total % (shares of f->total,
 * two decimals) and the function's name made safe for a terminal
 * (brun_term_text), in brun_folded_functions' order.  "no samples" for an
 * empty profile.  0, or -1 on a write error or when out of memory. */
int brun_folded_write_top(const struct brun_folded *f, size_t limit, FILE *out);

/* Writes count as folded text does: integral values below 2^53 as
 * integers ("1234"), others in the shortest form that reads back ("0.5"),
 * '.' whatever the locale.  Also used by the flame graph. */
void brun_folded_format_count(double count, char *out, size_t size);

#endif /* BRUN_FOLDED_H */
