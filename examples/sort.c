/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * sort.c: setup, teardown, and timing only part of each iteration.
 *
 * Sorting destroys its input, so every iteration needs fresh unsorted
 * data.  benchrun_pause()/benchrun_resume() take the refill out of the
 * timing; each pair costs about two clock reads (see "read cost" in the
 * context block), small next to sorting 1000 integers.  The array itself
 * is allocated once before the loop and freed after it, untimed.
 */
#include <benchrun.h>

#include <stdint.h>
#include <stdlib.h>

#define COUNT 1000

static int compare_ints(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static void fill_pseudo_random(int *v, size_t n, uint32_t *seed)
{
    for (size_t i = 0; i < n; i++) {
        *seed = *seed * 1664525u + 1013904223u;
        v[i] = (int)(*seed >> 8);
    }
}

BENCH(sort, qsort_1000, .items = COUNT)
{
    int *v = malloc(COUNT * sizeof *v); /* setup: not timed */
    uint32_t seed = 42;
    if (!v)
        BENCH_FAIL(st, "out of memory");

    BENCH_LOOP(st) {
        benchrun_pause(st); /* refill: not timed */
        fill_pseudo_random(v, COUNT, &seed);
        benchrun_resume(st);
        qsort(v, COUNT, sizeof *v, compare_ints);
        BENCH_ESCAPE(v);
    }

    for (size_t i = 1; i < COUNT; i++) /* teardown: check, not timed */
        if (v[i - 1] > v[i])
            BENCH_FAIL(st, "qsort left the array unsorted");
    free(v);
}
