/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * memory_target.c: a program with known allocations for the memory
 * profiler tests (tests/test_memory_tool.c): grow_table() makes 1000
 * blocks of 100 bytes and a table of 1000 pointers, all live at once
 * (a peak of about 108 kB, every byte from grow_table), then main frees
 * them.  It ignores its arguments (the tests pass the worker's
 * --benchrun-worker=3,4 to look like a worker) and prints nothing.
 */
#include <stdlib.h>

#define BLOCKS 1000
#define BLOCK_BYTES 100

/* Kept from the optimiser, so the profilers see it as the caller of
 * malloc; the volatile sink keeps the blocks from being elided. */
__attribute__((noinline)) void **grow_table(size_t n);
void *volatile sink;

__attribute__((noinline)) void **grow_table(size_t n)
{
    void **table = malloc(n * sizeof *table);
    if (!table)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        table[i] = malloc(BLOCK_BYTES);
        sink = table[i];
    }
    return table;
}

int main(void)
{
    void **table = grow_table(BLOCKS);
    if (!table)
        return 1;
    for (size_t i = 0; i < BLOCKS; i++)
        free(table[i]);
    free(table);
    return 0;
}
