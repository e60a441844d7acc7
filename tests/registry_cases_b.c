/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/* registry_cases_b.c: cases of the second file linked into test_registry,
 * with both kinds of ranges. */
#include <benchrun.h>

BENCH(beta, stepped, BENCH_RANGE(0, 100, 25))
{
    BENCH_LOOP(st) {
    }
}

BENCH(beta, multiplied, BENCH_RANGE_MUL(8, 1000, 8), .bytes = 3)
{
    BENCH_LOOP(st) {
    }
}
