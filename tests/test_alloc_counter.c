/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * test_alloc_counter.c: the allocation counter (lib/alloc/alloc_counter.c)
 * preloaded into a real program, tests/alloc_target, which runs a known
 * sequence of allocations between start and stop and prints the counts:
 * exact calls and bytes, frees matching the allocations, the peak against
 * the largest live set, other threads counted, nothing counted outside
 * the window.  Also what the library exports, and where the driver finds
 * it (runner/diagnose/alloc_library.c) and what it says when it cannot.
 */
#include "config.h"

#include <criterion/criterion.h>
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/alloc/alloc_counter.h"
#include "runner/diagnose/alloc_library.h"
#include "tests/helpers.h"

#define LIBRARY "lib/alloc/.libs/libbenchrun-alloc.so"

TestSuite(alloc_counter, .timeout = 60, .disabled = BRUN_TEST_ASAN);

static char library[PATH_MAX];

/* Runs tests/alloc_target with arg (or none), preloading the counter
 * when preload is set; its stdout is in r->out. */
static void run_target(struct command_result *r, int preload, const char *arg)
{
    char target[PATH_MAX], preload_env[PATH_MAX + 16], arg_copy[32];
    snprintf(library, sizeof library, "%s", build_path(LIBRARY));
    snprintf(target, sizeof target, "%s", build_path("tests/alloc_target"));
    snprintf(preload_env, sizeof preload_env, "LD_PRELOAD=%s", library);
    snprintf(arg_copy, sizeof arg_copy, "%s", arg ? arg : "");
    char *argv[] = {target, arg ? arg_copy : NULL, NULL};
    char *env[] = {preload ? preload_env : NULL, NULL};
    cr_assert_eq(run_command(argv, env, 30, r), 0, "cannot run %s", target);
    cr_assert_eq(r->status, 0, "alloc_target exited %d: %s", r->status, r->err);
}

/* The value of the line "key=N" of out. */
static long long value(const char *out, const char *key)
{
    char pattern[64];
    size_t n = (size_t)snprintf(pattern, sizeof pattern, "%s=", key);
    for (const char *line = out; line && *line;) {
        if (strncmp(line, pattern, n) == 0)
            return strtoll(line + n, NULL, 10);
        line = strchr(line, '\n');
        line = line ? line + 1 : NULL;
    }
    cr_assert_fail("no %s= in the output:\n%s", key, out);
    return 0;
}

Test(alloc_counter, counts_each_kind_of_call_exactly)
{
    struct command_result r;
    run_target(&r, 1, NULL);
    /* 1000 malloc(24), strdup's malloc(9), the thread's 100 malloc(48). */
    cr_expect_eq(value(r.out, "mallocs"), 1101);
    cr_expect_eq(value(r.out, "callocs"), 10);
    cr_expect_eq(value(r.out, "reallocs"), 5);
    cr_expect_eq(value(r.out, "aligned"), 3);
    command_result_free(&r);
}

Test(alloc_counter, counts_the_bytes_requested)
{
    struct command_result r;
    run_target(&r, 1, NULL);
    long long expected = 1000 * 24 + 9 + 100 * 48       /* malloc */
                         + 10 * 10 * 8                  /* calloc */
                         + 100 + 200 + 400 + 800 + 1600 /* realloc */
                         + 3 * 256;                     /* posix_memalign */
    cr_expect_eq(value(r.out, "bytes"), expected);
    command_result_free(&r);
}

Test(alloc_counter, frees_balance_the_allocations)
{
    struct command_result r;
    run_target(&r, 1, NULL);
    /* Every block freed: one per malloc, calloc and posix_memalign, and
     * one for the realloc chain, which moves a single block. */
    long long blocks = value(r.out, "mallocs") + value(r.out, "callocs") +
                       value(r.out, "aligned") + 1;
    cr_expect_eq(value(r.out, "frees"), blocks);
    cr_expect_eq(value(r.out, "live"), 0);
    command_result_free(&r);
}

Test(alloc_counter, peak_is_the_largest_live_set)
{
    struct command_result r;
    run_target(&r, 1, NULL);
    long long peak = value(r.out, "peak");
    /* Requested bytes of the blocks live together at the top. */
    long long requested = 10 * 80 + 1600 + 3 * 256 + 9 + 100 * 48;
    cr_expect_eq(peak, value(r.out, "expect_peak"),
                 "peak %lld is not the usable size of the live set", peak);
    cr_expect_geq(peak, requested);
    cr_expect_lt(peak, 2 * requested);
    command_result_free(&r);
}

Test(alloc_counter, counts_another_threads_allocations)
{
    struct command_result r;
    run_target(&r, 1, NULL);
    /* Without the thread's 100 there would be 1001 mallocs, and the peak
     * would be below the 4800 bytes the thread held. */
    cr_expect_eq(value(r.out, "mallocs") - 1001, 100);
    cr_expect_gt(value(r.out, "peak"), 4800);
    command_result_free(&r);
}

Test(alloc_counter, counts_nothing_outside_the_window)
{
    struct command_result r;
    run_target(&r, 1, NULL);
    /* The malloc(1000) before start is neither counted nor, freed after
     * stop, subtracted; a malloc(77) after stop changes nothing; an empty
     * window after a full one reads all zero. */
    cr_expect_eq(value(r.out, "live"), 0);
    cr_expect_eq(value(r.out, "second_equal"), 1);
    cr_expect_eq(value(r.out, "empty_zero"), 1);
    command_result_free(&r);
}

Test(alloc_counter, counts_the_other_entry_points)
{
    struct command_result r;
    run_target(&r, 1, "edges");
    cr_expect_eq(value(r.out, "mallocs"), 1);
    /* The overflowing calloc still counts as a call. */
    cr_expect_eq(value(r.out, "callocs"), 1);
    /* realloc(p, 0) and two reallocarray, one overflowing. */
    cr_expect_eq(value(r.out, "reallocs"), 3);
    /* aligned_alloc, memalign, valloc, pvalloc. */
    cr_expect_eq(value(r.out, "aligned"), 4);
    /* realloc(p, 0) frees p; free(NULL) is not a free. */
    cr_expect_eq(value(r.out, "frees"), 6);
    cr_expect_eq(value(r.out, "bytes"), 10 + 64 + 100 + 10 + 10 + 32);
    cr_expect_eq(value(r.out, "live"), 0);
    command_result_free(&r);
}

Test(alloc_counter, symbols_are_absent_without_the_preload)
{
    struct command_result r;
    run_target(&r, 0, NULL);
    cr_expect_str_eq(r.out, "preloaded=no\n");
    command_result_free(&r);
}

Test(alloc_counter, library_exports_only_its_interface)
{
    snprintf(library, sizeof library, "%s", build_path(LIBRARY));
    /* RTLD_LOCAL: its malloc does not replace the test's. */
    void *h = dlopen(library, RTLD_NOW | RTLD_LOCAL);
    cr_assert_not_null(h, "%s", dlerror());
    cr_expect_not_null(dlsym(h, BRUN_ALLOC_START_SYMBOL));
    cr_expect_not_null(dlsym(h, BRUN_ALLOC_STOP_SYMBOL));
    cr_expect_not_null(dlsym(h, "posix_memalign"));
    cr_expect_null(dlsym(h, "counted_realloc"));
    cr_expect_null(dlsym(h, "count_new"));
    dlclose(h);
}

Test(alloc_library, takes_the_environment_first)
{
    char out[PATH_MAX], why[256], expected[PATH_MAX];
    cr_assert_not_null(realpath(build_path(LIBRARY), expected));
    setenv("BENCHRUN_ALLOC_LIBRARY", build_path(LIBRARY), 1);
    cr_assert_eq(brun_alloc_library_path(out, sizeof out, why, sizeof why), 0,
                 "%s", why);
    cr_expect_str_eq(out, expected);
}

Test(alloc_library, makes_a_relative_path_absolute)
{
    char out[PATH_MAX], why[256], expected[PATH_MAX];
    cr_assert_not_null(realpath(build_path(LIBRARY), expected));
    cr_assert_eq(chdir(build_path("lib/alloc")), 0);
    setenv("BENCHRUN_ALLOC_LIBRARY", ".libs/libbenchrun-alloc.so", 1);
    cr_assert_eq(brun_alloc_library_path(out, sizeof out, why, sizeof why), 0,
                 "%s", why);
    cr_expect_str_eq(out, expected);
}

Test(alloc_library, names_a_missing_library_and_the_remedy)
{
    char out[PATH_MAX], why[512];
    setenv("BENCHRUN_ALLOC_LIBRARY", "/nonexistent/libbenchrun-alloc.so", 1);
    cr_assert_eq(brun_alloc_library_path(out, sizeof out, why, sizeof why), -1);
    cr_expect_str_eq(why, "allocation counter not found at "
                          "/nonexistent/libbenchrun-alloc.so (reinstall "
                          "benchrun, or set BENCHRUN_ALLOC_LIBRARY)");
}

Test(alloc_library, refuses_a_directory)
{
    char out[PATH_MAX], why[512];
    char *dir = make_scratch_dir();
    cr_assert_not_null(dir);
    setenv("BENCHRUN_ALLOC_LIBRARY", dir, 1);
    cr_assert_eq(brun_alloc_library_path(out, sizeof out, why, sizeof why), -1);
    cr_expect_not_null(strstr(why, "not found at"), "%s", why);
    cr_expect_not_null(strstr(why, dir), "%s", why);
    free(dir);
}

Test(alloc_library, refuses_a_path_ld_preload_would_split)
{
    char out[PATH_MAX], why[PATH_MAX + 256], path[PATH_MAX];
    char *dir = make_scratch_dir();
    cr_assert_not_null(dir);
    snprintf(path, sizeof path, "%s/lib counter.so", dir);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fclose(f);
    setenv("BENCHRUN_ALLOC_LIBRARY", path, 1);
    cr_assert_eq(brun_alloc_library_path(out, sizeof out, why, sizeof why), -1);
    cr_expect_not_null(strstr(why, "space or a colon"), "%s", why);
    cr_expect_not_null(strstr(why, "lib counter.so"), "%s", why);
    remove(path);
    free(dir);
}

Test(alloc_library, refuses_a_short_buffer)
{
    char out[8], why[PATH_MAX + 256];
    setenv("BENCHRUN_ALLOC_LIBRARY", build_path(LIBRARY), 1);
    cr_assert_eq(brun_alloc_library_path(out, sizeof out, why, sizeof why), -1);
    cr_expect_not_null(strstr(why, "longer than 7 bytes"), "%s", why);
}

Test(alloc_library, falls_back_to_pkglibdir)
{
    char out[PATH_MAX], why[512];
    const char *installed = BRUN_PKGLIBDIR "/libbenchrun-alloc.so";
    unsetenv("BENCHRUN_ALLOC_LIBRARY");
    int rc = brun_alloc_library_path(out, sizeof out, why, sizeof why);
    if (access(installed, R_OK) == 0) {
        cr_expect_eq(rc, 0, "%s", why);
    } else {
        /* Not installed on this machine: the message names where it
         * looked. */
        char expected[512];
        snprintf(expected, sizeof expected,
                 "allocation counter not found at %s (reinstall benchrun, "
                 "or set BENCHRUN_ALLOC_LIBRARY)",
                 installed);
        cr_expect_eq(rc, -1);
        cr_expect_str_eq(why, expected);
    }
}
