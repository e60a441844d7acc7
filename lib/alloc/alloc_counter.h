/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * alloc_counter.h: the interface between libbenchrun-alloc.so, the
 * allocation counter the driver preloads into a worker for
 * `--metric allocations` (alloc_counter.c), and libbenchrun inside that
 * worker, which finds the two functions below with dlsym(RTLD_DEFAULT)
 * and brackets the measured samples with them.  Not installed: both
 * sides are built from this tree.  When the counter is not preloaded the
 * symbols are absent and no allocation is counted.
 *
 * The counts cover malloc, calloc, realloc, reallocarray, free and the
 * aligned allocators of every thread of the process, glibc's own
 * internal calls (strdup, fopen...) and C++ operator new / delete, which
 * libstdc++ implements with malloc and free.  Memory taken with mmap or
 * brk directly is not counted.
 */
#ifndef BRUN_ALLOC_COUNTER_H
#define BRUN_ALLOC_COUNTER_H

#include <stdint.h>

/* What happened between a start and the stop after it.  Calls are
 * counted whether they succeed or not. */
struct brun_alloc_counts {
    /* Calls.  reallocs includes reallocarray and realloc(NULL, n);
     * aligned: posix_memalign, aligned_alloc, memalign, valloc,
     * pvalloc. */
    uint64_t mallocs, callocs, reallocs, aligned;
    /* free() calls with a non-NULL pointer, and realloc(p, 0) freeing
     * p. */
    uint64_t frees;
    /* Bytes requested: the size argument (calloc: nmemb * size; realloc:
     * the new size), not what the heap rounded it up to; a calloc or
     * reallocarray whose product overflows adds nothing. */
    uint64_t bytes;
    /* Usable bytes (malloc_usable_size: what the heap really holds for
     * the block) allocated minus freed since start.  A block allocated
     * before start and freed after it subtracts its size, so live can
     * end below zero. */
    int64_t live;
    /* The highest value live reached since start (0 at least). */
    int64_t peak;
};

/* Symbol names libbenchrun looks up with dlsym, and their types. */
/* void (void): zero the counts, count from now. */
#define BRUN_ALLOC_START_SYMBOL "benchrun_priv_alloc_start"
/* void (struct brun_alloc_counts *): stop counting, copy the counts. */
#define BRUN_ALLOC_STOP_SYMBOL "benchrun_priv_alloc_stop"

typedef void brun_alloc_start_fn(void);
typedef void brun_alloc_stop_fn(struct brun_alloc_counts *counts);

#endif /* BRUN_ALLOC_COUNTER_H */
