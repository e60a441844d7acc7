/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/* registry_cases_a.c: cases of the first of two files linked together
 * in test_registry, to show registration works across files. */
#include <benchrun.h>

BENCH(alpha, plain)
{
    BENCH_LOOP(st) {
    }
}

BENCH(alpha, listed, BENCH_ARGS(0, 50, 150))
{
    BENCH_LOOP(st) {
    }
}
