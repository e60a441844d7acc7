/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * alloc_counter.c: libbenchrun-alloc.so, the allocation counter the
 * driver preloads (LD_PRELOAD) into the worker of the allocations pass.
 * It defines the C allocation functions and forwards each to glibc's
 * exported implementation (__libc_malloc and its siblings), so it needs
 * no dlsym and no bootstrap allocator; malloc_usable_size stays glibc's.
 * glibc's own internal allocations go through these definitions too,
 * and so do C++ operator new and delete, which libstdc++ builds on
 * malloc and free: all are counted.
 *
 * Counting is off until benchrun_priv_alloc_start and off again after
 * benchrun_priv_alloc_stop (alloc_counter.h).  While off, each call costs
 * one relaxed atomic load more than glibc's.  While on, the counters are
 * updated with relaxed atomic adds, so every thread is counted exactly;
 * the peak follows live through a compare-and-swap loop.  bytes counts
 * the size requested, live and peak the block's malloc_usable_size.  An
 * allocation racing with start or stop in another thread may fall on
 * either side of it.
 *
 * It deliberately does nothing else: no output, no environment, no
 * constructor, no per-site records (heaptrack does that).  glibc only.
 */
#include "config.h"

#include "lib/alloc/alloc_counter.h"

#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* glibc's implementations, exported for exactly this use. */
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t nmemb, size_t size);
extern void *__libc_realloc(void *ptr, size_t size);
extern void __libc_free(void *ptr);
extern void *__libc_memalign(size_t alignment, size_t size);
extern void *__libc_valloc(size_t size);
extern void *__libc_pvalloc(size_t size);

/* The entry points libbenchrun finds with dlsym. */
void benchrun_priv_alloc_start(void);
void benchrun_priv_alloc_stop(struct brun_alloc_counts *counts);

static int counting;
static struct brun_alloc_counts counts;

static int on(void)
{
    return __atomic_load_n(&counting, __ATOMIC_RELAXED);
}

static void add(uint64_t *counter, uint64_t n)
{
    __atomic_add_fetch(counter, n, __ATOMIC_RELAXED);
}

/* live += delta, and the peak follows it up. */
static void add_live(int64_t delta)
{
    int64_t now = __atomic_add_fetch(&counts.live, delta, __ATOMIC_RELAXED);
    int64_t peak = __atomic_load_n(&counts.peak, __ATOMIC_RELAXED);
    while (now > peak &&
           !__atomic_compare_exchange_n(&counts.peak, &peak, now, 1,
                                        __ATOMIC_RELAXED, __ATOMIC_RELAXED))
        ;
}

/* One allocation call of kind counter, requesting size bytes, that
 * returned block (NULL: it failed). */
static void count_new(uint64_t *counter, size_t size, void *block)
{
    add(counter, 1);
    add(&counts.bytes, size);
    if (block)
        add_live((int64_t)malloc_usable_size(block));
}

void benchrun_priv_alloc_start(void)
{
    __atomic_store_n(&counting, 0, __ATOMIC_SEQ_CST);
    uint64_t *calls[] = {&counts.mallocs, &counts.callocs, &counts.reallocs,
                         &counts.aligned, &counts.frees,   &counts.bytes};
    for (size_t i = 0; i < sizeof calls / sizeof calls[0]; i++)
        __atomic_store_n(calls[i], 0, __ATOMIC_RELAXED);
    __atomic_store_n(&counts.live, 0, __ATOMIC_RELAXED);
    __atomic_store_n(&counts.peak, 0, __ATOMIC_RELAXED);
    __atomic_store_n(&counting, 1, __ATOMIC_SEQ_CST);
}

void benchrun_priv_alloc_stop(struct brun_alloc_counts *out)
{
    __atomic_store_n(&counting, 0, __ATOMIC_SEQ_CST);
    out->mallocs = __atomic_load_n(&counts.mallocs, __ATOMIC_RELAXED);
    out->callocs = __atomic_load_n(&counts.callocs, __ATOMIC_RELAXED);
    out->reallocs = __atomic_load_n(&counts.reallocs, __ATOMIC_RELAXED);
    out->aligned = __atomic_load_n(&counts.aligned, __ATOMIC_RELAXED);
    out->frees = __atomic_load_n(&counts.frees, __ATOMIC_RELAXED);
    out->bytes = __atomic_load_n(&counts.bytes, __ATOMIC_RELAXED);
    out->live = __atomic_load_n(&counts.live, __ATOMIC_RELAXED);
    out->peak = __atomic_load_n(&counts.peak, __ATOMIC_RELAXED);
}

void *malloc(size_t size)
{
    void *block = __libc_malloc(size);
    if (on())
        count_new(&counts.mallocs, size, block);
    return block;
}

void *calloc(size_t nmemb, size_t size)
{
    void *block = __libc_calloc(nmemb, size);
    if (on()) {
        size_t total;
        if (__builtin_mul_overflow(nmemb, size, &total))
            total = 0;
        count_new(&counts.callocs, total, block);
    }
    return block;
}

void free(void *ptr)
{
    if (ptr && on()) {
        add(&counts.frees, 1);
        add_live(-(int64_t)malloc_usable_size(ptr));
    }
    __libc_free(ptr);
}

/* realloc and reallocarray once the size is known.  The old block's
 * size is read before glibc may free it. */
static void *counted_realloc(void *ptr, size_t size)
{
    if (!on())
        return __libc_realloc(ptr, size);
    int64_t old = ptr ? (int64_t)malloc_usable_size(ptr) : 0;
    void *block = __libc_realloc(ptr, size);
    add(&counts.reallocs, 1);
    add(&counts.bytes, size);
    if (block)
        add_live((int64_t)malloc_usable_size(block) - old);
    else if (ptr && size == 0) { /* glibc freed ptr */
        add(&counts.frees, 1);
        add_live(-old);
    }
    return block;
}

void *realloc(void *ptr, size_t size)
{
    return counted_realloc(ptr, size);
}

void *reallocarray(void *ptr, size_t nmemb, size_t size)
{
    size_t total;
    if (__builtin_mul_overflow(nmemb, size, &total)) {
        if (on())
            add(&counts.reallocs, 1);
        errno = ENOMEM;
        return NULL;
    }
    return counted_realloc(ptr, total);
}

static void *counted_memalign(size_t alignment, size_t size)
{
    void *block = __libc_memalign(alignment, size);
    if (on())
        count_new(&counts.aligned, size, block);
    return block;
}

void *memalign(size_t alignment, size_t size)
{
    return counted_memalign(alignment, size);
}

/* glibc's checks: a power of two, and a multiple of sizeof(void *). */
int posix_memalign(void **memptr, size_t alignment, size_t size)
{
    if (alignment == 0 || alignment % sizeof(void *) != 0 ||
        (alignment & (alignment - 1)) != 0) {
        if (on())
            count_new(&counts.aligned, size, NULL);
        return EINVAL;
    }
    void *block = counted_memalign(alignment, size);
    if (!block)
        return ENOMEM;
    *memptr = block;
    return 0;
}

/* glibc 2.36 makes aligned_alloc an alias of memalign. */
void *aligned_alloc(size_t alignment, size_t size)
{
    return counted_memalign(alignment, size);
}

void *valloc(size_t size)
{
    void *block = __libc_valloc(size);
    if (on())
        count_new(&counts.aligned, size, block);
    return block;
}

void *pvalloc(size_t size)
{
    void *block = __libc_pvalloc(size);
    if (on())
        count_new(&counts.aligned, size, block);
    return block;
}
