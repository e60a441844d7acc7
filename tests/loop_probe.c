/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/* loop_probe.c: compiled to assembly by test_loop_asm.c, which checks
 * that BENCH_LOOP's inner loop is a decrement and a branch. */
#include <benchrun.h>

void probe_loop(struct benchrun_state *st);

void probe_loop(struct benchrun_state *st)
{
    BENCH_LOOP(st) {
        BENCH_CLOBBER();
    }
}
