/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * memcpy.c: throughput over a range of sizes.
 *
 * BENCH_RANGE_MUL(64, 65536, 8) registers sizes 64, 512, 4096, 32768 and
 * 65536 bytes (each step times 8, then the upper bound itself).
 * benchrun_set_bytes() declares the bytes one iteration moves, so the
 * table shows GiB/s next to the time per copy.
 */
#include <benchrun.h>

#include <stdlib.h>
#include <string.h>

BENCH(memory, memcpy, BENCH_RANGE_MUL(64, 65536, 8), .arg_name = "bytes")
{
    const size_t size = (size_t)benchrun_arg(st);
    char *from = malloc(size), *to = malloc(size);
    if (!from || !to)
        BENCH_FAIL(st, "cannot allocate 2 x %zu bytes", size);
    memset(from, 'x', size);
    memset(to, 0, size);
    benchrun_set_bytes(st, (double)size);

    BENCH_LOOP(st) {
        memcpy(to, from, size);
        BENCH_ESCAPE(to); /* the copy must happen: its result is "used" */
    }
    free(from);
    free(to);
}
