/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * bench_faulty.c: a bench executable whose cases misbehave in every way
 * the driver must survive: crash, abort, exit, hang, flood stdout, never
 * enter the loop, leave it early, fail or skip themselves.  One case is
 * healthy, to show the others do not stop it being measured.  Built by
 * `make check` and driven by the real benchrun in test_driver.c.
 */
#include <benchrun.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

BENCH(ok, healthy)
{
    int x = 0;
    BENCH_LOOP(st) {
        x++;
        BENCH_KEEP(x);
    }
}

BENCH(crash, segfault)
{
    puts("about to dereference NULL");
    fflush(stdout);
    BENCH_LOOP(st) {
        *(volatile int *)0 = 1;
    }
}

BENCH(crash, abort)
{
    fputs("giving up\n", stderr);
    abort();
}

BENCH(crash, exit)
{
    BENCH_LOOP(st) {
        exit(7);
    }
}

BENCH(crash, hang)
{
    BENCH_LOOP(st) {
        for (;;)
            pause();
    }
}

BENCH(noise, spam_stdout)
{
    /* Far more than a pipe buffer holds, before and during the loop. */
    for (int i = 0; i < 20000; i++)
        printf("spam line %d: the driver must keep draining this\n", i);
    int x = 0;
    BENCH_LOOP(st) {
        x++;
        BENCH_KEEP(x);
    }
    puts("spam: done");
}

BENCH(misuse, never_enters_loop)
{
}

BENCH(misuse, breaks_out)
{
    BENCH_LOOP(st) {
        break;
    }
}

BENCH(misuse, returns_inside)
{
    BENCH_LOOP(st) {
        return;
    }
}

BENCH(report, fails)
{
    BENCH_FAIL(st, "fixture missing: %s", "data.bin");
}

BENCH(report, skips)
{
    BENCH_SKIP(st, "needs %d CPUs", 64);
}
