/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * helpers.h: shared by the tests that run real programs (the benchrun
 * driver, bench executables, the compiler): running a command and
 * capturing its output, finding built files, making scratch directories.
 */
#ifndef BRUN_TEST_HELPERS_H
#define BRUN_TEST_HELPERS_H

#include <stddef.h>
#include <sys/types.h>

struct command_result {
    int status; /* exit status, or 128 + signal */
    char *out;  /* everything written to stdout (NUL-terminated) */
    char *err;  /* everything written to stderr */
};

/* Runs argv[0] (a path) with argv, extra environment entries env (NULL or
 * a NULL-terminated list of "NAME=value"), and stdin from /dev/null.
 * Kills it after timeout_s.  Returns 0 when it ran. */
int run_command(char *const argv[], char *const env[], double timeout_s,
                struct command_result *r);
void command_result_free(struct command_result *r);

/* Starts argv[0] like run_command, without waiting: stdin from
 * /dev/null, stdout and stderr to the file log (NULL: /dev/null).
 * Returns its pid, or -1. */
pid_t start_command(char *const argv[], char *const env[], const char *log);

/* Waits for the child pid up to timeout_s; returns its status as
 * run_command does, or -1 after killing and reaping it by its PID when it
 * ran past the timeout. */
int wait_command(pid_t pid, double timeout_s);

/* Waits up to timeout_s for the process pid (not necessarily ours) to be
 * gone or a zombie.  Returns 1 when it is, 0 when it still runs. */
int wait_gone(pid_t pid, double timeout_s);

/* Waits up to timeout_s for path to hold a whole line; returns its text
 * (the caller frees it), or NULL. */
char *wait_for_file(const char *path, double timeout_s);

/* Runs the built benchrun with the NULL-terminated args, in the
 * directory dir, with extra environment env (as run_command).  Returns 0
 * when it ran. */
int run_benchrun_in(const char *dir, char *const env[],
                    const char *const args[], double timeout_s,
                    struct command_result *r);

/* The whole of the file at path (the caller frees it), or NULL. */
char *read_whole_file(const char *path);

/* $BENCHRUN_TEST_BUILDDIR/relative and $BENCHRUN_TEST_SRCDIR/relative
 * (static buffers: copy before the next call). */
const char *build_path(const char *relative);
const char *source_path(const char *relative);

/* Makes a fresh directory under $TMPDIR (or /tmp); the caller owns the
 * returned string. */
char *make_scratch_dir(void);

/* Number of non-overlapping occurrences of needle in haystack. */
size_t count_occurrences(const char *haystack, const char *needle);

/* 1 when s contains exactly one line (one '\n', at the end). */
int is_one_line(const char *s);

/* 1 when the tests, and so the programs they build and run, are built
 * with AddressSanitizer: valgrind, heaptrack and a preloaded allocator
 * cannot run beside its runtime, so the suites that need them are
 * disabled (TestSuite's .disabled = BRUN_TEST_ASAN) and show as skipped. */
#if defined(__SANITIZE_ADDRESS__)
#define BRUN_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BRUN_TEST_ASAN 1
#endif
#endif
#ifndef BRUN_TEST_ASAN
#define BRUN_TEST_ASAN 0
#endif

#endif /* BRUN_TEST_HELPERS_H */
