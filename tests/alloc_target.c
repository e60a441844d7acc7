/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * alloc_target.c: a real program for tests/test_alloc_counter.c to run
 * with the allocation counter preloaded (lib/alloc/alloc_counter.c).  It
 * finds the counter's two functions as libbenchrun does, with
 * dlsym(RTLD_DEFAULT), and runs a known sequence between start and stop:
 *
 *   1000 x (malloc(24), free)    10 x calloc(10, 8)
 *   realloc growth NULL -> 100, 200, 400, 800, 1600
 *   3 x posix_memalign(64, 256)  strdup("benchrun")  (one malloc(9))
 *   a thread, started before start: 100 x malloc(48), then frees them
 *   then every block freed
 *
 * It prints the counts as key=value lines, and expect_peak=: the sum of
 * malloc_usable_size over the blocks live while the thread holds its
 * hundred, the highest live set.  A block taken before start and freed
 * after stop, and allocations after stop, must not show; it stops twice
 * to prove the second stop sees the same counts (second_equal=1), and
 * runs an empty window (empty_zero=1 when its counts are all zero).
 * Without the preload it prints preloaded=no and exits 0.
 *
 * With the argument "edges" it runs the other entry points instead:
 * malloc(10) then realloc(p, 0), aligned_alloc(32, 64), memalign(128,
 * 100), valloc(10), pvalloc(10), reallocarray(NULL, 4, 8), a calloc and
 * a reallocarray whose products overflow, free(NULL), and frees the rest.
 */
#include "config.h"

#include "lib/alloc/alloc_counter.h"

#include <dlfcn.h>
#include <inttypes.h>
#include <malloc.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define THREAD_BLOCKS 100

static sem_t go, done, release;
static size_t thread_usable;

/* Waits for the main thread's signal (so pthread_create's own
 * allocations fall before start), allocates and holds its blocks until
 * told to free them. */
static void *worker(void *arg)
{
    void *blocks[THREAD_BLOCKS];
    (void)arg;
    sem_wait(&go);
    for (int i = 0; i < THREAD_BLOCKS; i++) {
        blocks[i] = malloc(48);
        if (!blocks[i])
            abort();
        thread_usable += malloc_usable_size(blocks[i]);
    }
    sem_post(&done);
    sem_wait(&release);
    for (int i = 0; i < THREAD_BLOCKS; i++)
        free(blocks[i]);
    sem_post(&done);
    return NULL;
}

static void print(const struct brun_alloc_counts *c)
{
    printf("mallocs=%" PRIu64 "\ncallocs=%" PRIu64 "\nreallocs=%" PRIu64
           "\naligned=%" PRIu64 "\nfrees=%" PRIu64 "\nbytes=%" PRIu64
           "\nlive=%" PRId64 "\npeak=%" PRId64 "\n",
           c->mallocs, c->callocs, c->reallocs, c->aligned, c->frees, c->bytes,
           c->live, c->peak);
}

/* The "edges" sequence, counted between start and stop. */
static int edges(brun_alloc_start_fn *start, brun_alloc_stop_fn *stop)
{
    volatile size_t huge = SIZE_MAX; /* keeps the compiler from refusing */
    struct brun_alloc_counts c;
    start();
    void *p = malloc(10);
    void *freed = realloc(p, 0); /* glibc frees p, returns NULL */
    void *a = aligned_alloc(32, 64);
    void *m = memalign(128, 100);
    void *v = valloc(10);
    void *pv = pvalloc(10);
    void *r = reallocarray(NULL, 4, 8);
    void *none = calloc(huge, 2);
    void *none2 = reallocarray(NULL, huge, 2);
    free(NULL);
    if (!p || freed || !a || !m || !v || !pv || !r || none || none2)
        return 1;
    free(a);
    free(m);
    free(v);
    free(pv);
    free(r);
    stop(&c);
    print(&c);
    return 0;
}

int main(int argc, char **argv)
{
    brun_alloc_start_fn *start;
    brun_alloc_stop_fn *stop;
    *(void **)&start = dlsym(RTLD_DEFAULT, BRUN_ALLOC_START_SYMBOL);
    *(void **)&stop = dlsym(RTLD_DEFAULT, BRUN_ALLOC_STOP_SYMBOL);
    if (!start && !stop) {
        printf("preloaded=no\n");
        return 0;
    }
    if (!start || !stop) {
        fprintf(stderr, "alloc_target: only one of the two symbols\n");
        return 1;
    }
    if (argc > 1 && strcmp(argv[1], "edges") == 0)
        return edges(start, stop);

    /* Before start: not counted. */
    char *before = malloc(1000);
    pthread_t thread;
    if (!before || sem_init(&go, 0, 0) || sem_init(&done, 0, 0) ||
        sem_init(&release, 0, 0) ||
        pthread_create(&thread, NULL, worker, NULL)) {
        fprintf(stderr, "alloc_target: setup failed\n");
        return 1;
    }

    start();
    size_t usable = 0;
    for (int i = 0; i < 1000; i++) {
        void *p = malloc(24);
        if (!p)
            abort();
        free(p);
    }
    void *zeroed[10];
    for (int i = 0; i < 10; i++) {
        zeroed[i] = calloc(10, 8);
        if (!zeroed[i])
            abort();
        usable += malloc_usable_size(zeroed[i]);
    }
    char *grown = NULL;
    for (size_t size = 100; size <= 1600; size *= 2) {
        grown = realloc(grown, size);
        if (!grown)
            abort();
    }
    usable += malloc_usable_size(grown);
    void *aligned[3];
    for (int i = 0; i < 3; i++) {
        if (posix_memalign(&aligned[i], 64, 256) != 0)
            abort();
        usable += malloc_usable_size(aligned[i]);
    }
    char *copy = strdup("benchrun");
    if (!copy)
        abort();
    usable += malloc_usable_size(copy);

    sem_post(&go);   /* the thread allocates... */
    sem_wait(&done); /* ...and holds its blocks */
    size_t expect_peak = usable + thread_usable;
    sem_post(&release);
    sem_wait(&done); /* it has freed them */

    for (int i = 0; i < 10; i++)
        free(zeroed[i]);
    free(grown);
    for (int i = 0; i < 3; i++)
        free(aligned[i]);
    free(copy);
    struct brun_alloc_counts first, second, empty;
    stop(&first);

    /* After stop: not counted. */
    void *after = malloc(77);
    free(after);
    free(before);
    stop(&second);

    start();
    stop(&empty);

    pthread_join(thread, NULL);
    print(&first);
    printf("expect_peak=%zu\n", expect_peak);
    printf("second_equal=%d\n", memcmp(&first, &second, sizeof first) == 0);
    printf("empty_zero=%d\n", empty.mallocs + empty.callocs + empty.reallocs +
                                          empty.aligned + empty.frees +
                                          empty.bytes ==
                                      0 &&
                                  empty.live == 0 && empty.peak == 0);
    return 0;
}
