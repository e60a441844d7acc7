/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * test_outputs.c: the real benchrun writing the files a user names
 * (runner/files/output_path.h): "-" is standard output for every option
 * that names a file (only one of them at a time), a symbolic link
 * is followed and kept, a FIFO or a device is written in place, and what
 * cannot be written, or saved, is refused before anything is measured.
 * Every run measures one fast case of tests/bench_faulty; nothing here
 * looks at the numbers.
 */
#include "config.h"

#include <criterion/criterion.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/helpers.h"

static char *scratch;

static void setup(void)
{
    scratch = make_scratch_dir();
    cr_assert_not_null(scratch);
}

TestSuite(outputs, .init = setup, .timeout = 120);

static char *copy(const char *s)
{
    char *c = strdup(s);
    cr_assert_not_null(c);
    return c;
}

/* Runs benchrun on target (a path in the build tree) with fast settings,
 * --filter filter unless it is NULL, and args (NULL-terminated). */
static void vbenchrun(struct command_result *r, const char *target,
                      const char *filter, va_list ap)
{
    char *argv[64];
    size_t n = 0;
    argv[n++] = copy(build_path("runner/benchrun"));
    argv[n++] = copy(build_path(target));
    const char *fast[] = {"--rounds", "2", "--samples",     "2",
                          "--warmup", "0", "--sample-time", "1ms"};
    for (size_t i = 0; i < sizeof fast / sizeof *fast; i++)
        argv[n++] = copy(fast[i]);
    if (filter) {
        argv[n++] = copy("--filter");
        argv[n++] = copy(filter);
    }
    for (const char *a; (a = va_arg(ap, const char *)) && n < 63;)
        argv[n++] = copy(a);
    argv[n] = NULL;
    cr_assert_eq(run_command(argv, NULL, 100, r), 0, "cannot run benchrun");
    for (size_t i = 0; i < n; i++)
        free(argv[i]);
}

/* benchrun on one fast case of bench_faulty, with args. */
static void benchrun(struct command_result *r, ...)
{
    va_list ap;
    va_start(ap, r);
    vbenchrun(r, "tests/bench_faulty", "^ok/healthy$", ap);
    va_end(ap);
}

/* benchrun on target, with args. */
static void benchrun_on(struct command_result *r, const char *target, ...)
{
    va_list ap;
    va_start(ap, target);
    vbenchrun(r, target, NULL, ap);
    va_end(ap);
}

static char *in_scratch(const char *name)
{
    char *p = malloc(4200);
    cr_assert_not_null(p);
    snprintf(p, 4200, "%s/%s", scratch, name);
    return p;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f, "cannot open %s", path);
    char *s = calloc(1, 1 << 20);
    cr_assert_not_null(s);
    size_t n = fread(s, 1, (1 << 20) - 1, f);
    s[n] = '\0';
    fclose(f);
    return s;
}

Test(outputs, a_dash_means_standard_output)
{
    struct command_result r;
    struct stat st;
    benchrun(&r, "--json", "-", NULL);
    cr_assert_eq(r.status, 0, "exit %d: %s", r.status, r.err);
    cr_assert(strstr(r.out, "\"benchrun_version\""), "stdout: %s", r.out);
    /* Standard output carries only the file; the table goes to stderr. */
    json_error_t error;
    json_t *root = json_loads(r.out, 0, &error);
    cr_assert_not_null(root, "stdout is not only JSON: %s: %s", error.text,
                       r.out);
    json_decref(root);
    cr_assert(strstr(r.err, "ok/healthy"), "stderr: %s", r.err);
    /* Before, "-" was a file in the current directory. */
    cr_assert_neq(lstat("-", &st), 0, "a file named - was created");
    command_result_free(&r);
}

Test(outputs, a_symbolic_link_is_followed_and_kept)
{
    struct command_result r;
    struct stat st;
    char *dir = in_scratch("real"), *link = in_scratch("out.json");
    char *target = in_scratch("real/results.json");
    cr_assert_eq(mkdir(dir, 0755), 0);
    cr_assert_eq(symlink("real/results.json", link), 0);
    benchrun(&r, "--json", link, NULL);
    cr_assert_eq(r.status, 0, "exit %d: %s", r.status, r.err);
    cr_assert_eq(lstat(link, &st), 0);
    cr_assert(S_ISLNK(st.st_mode), "the link was replaced by a file");
    cr_assert_eq(lstat(target, &st), 0, "the link's target was not written");
    cr_assert(S_ISREG(st.st_mode));
    char *text = slurp(target);
    cr_assert(strstr(text, "\"benchrun_version\""));
    free(text);
    command_result_free(&r);
    free(dir);
    free(link);
    free(target);
}

Test(outputs, a_link_to_dev_stdout_writes_to_standard_output)
{
    struct command_result r;
    struct stat st;
    /* /dev/stdout itself, with one more link: the kernel's
     * /proc/self/fd/1 link names no file a path could. */
    char *link = in_scratch("stdout");
    cr_assert_eq(symlink("/dev/stdout", link), 0);
    benchrun(&r, "--json", link, NULL);
    cr_assert_eq(r.status, 0, "exit %d: %s", r.status, r.err);
    cr_assert(strstr(r.out, "\"benchrun_version\""), "stdout: %s", r.out);
    cr_assert(lstat(link, &st) == 0 && S_ISLNK(st.st_mode));
    command_result_free(&r);
    free(link);
}

Test(outputs, a_fifo_is_written_in_place)
{
    struct command_result r;
    struct stat st;
    char *fifo = in_scratch("report.fifo"), *got = in_scratch("got.md");
    cr_assert_eq(mkfifo(fifo, 0644), 0);
    /* A reader, as `cat report.fifo > got.md` would be. */
    pid_t reader = fork();
    cr_assert_neq(reader, -1);
    if (reader == 0) {
        int in = open(fifo, O_RDONLY), out = creat(got, 0644);
        char buf[4096];
        ssize_t n;
        while (in >= 0 && (n = read(in, buf, sizeof buf)) > 0)
            if (write(out, buf, (size_t)n) != n)
                _exit(1);
        _exit(in >= 0 && out >= 0 ? 0 : 1);
    }
    benchrun(&r, "--report", fifo, NULL);
    int status, still_fifo = lstat(fifo, &st) == 0 && S_ISFIFO(st.st_mode);
    if (r.status != 0 || !still_fifo)
        kill(reader, SIGKILL); /* it never saw a writer */
    /* Ends a reader still waiting for a writer with end of file. */
    int nudge = still_fifo ? open(fifo, O_WRONLY | O_NONBLOCK) : -1;
    if (nudge >= 0)
        close(nudge);
    cr_assert_eq(waitpid(reader, &status, 0), reader);
    cr_assert_eq(r.status, 0, "exit %d: %s", r.status, r.err);
    cr_assert(still_fifo, "the FIFO was replaced by a file");
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    char *text = slurp(got);
    cr_assert(strstr(text, "ok/healthy"), "the reader got: %s", text);
    free(text);
    command_result_free(&r);
    free(fifo);
    free(got);
}

Test(outputs, a_device_is_written_in_place)
{
    struct command_result r;
    struct stat st;
    char *null = in_scratch("null");
    /* A /dev/null twin needs root; a link to /dev/null stands in. */
    if (mknod(null, S_IFCHR | 0666, makedev(1, 3)) != 0)
        cr_assert_eq(symlink("/dev/null", null), 0);
    benchrun(&r, "--export", "junit=-", "--json", null, NULL);
    cr_assert_eq(r.status, 0, "exit %d: %s", r.status, r.err);
    cr_assert_eq(stat(null, &st), 0);
    cr_assert(S_ISCHR(st.st_mode), "the device was replaced by a file");
    cr_assert(stat("/dev/null", &st) == 0 && S_ISCHR(st.st_mode));
    cr_assert(strstr(r.out, "<testsuite"), "stdout: %s", r.out);
    command_result_free(&r);
    free(null);
}

/* r is benchrun refusing before it measured anything: exit 2 and one
 * line on stderr containing words, no table on stdout. */
static void expect_refused_before_measuring(const struct command_result *r,
                                            const char *words)
{
    cr_assert_eq(r->status, 2, "exit %d: %s", r->status, r->err);
    cr_assert(is_one_line(r->err), "%s", r->err);
    cr_assert(strstr(r->err, words), "%s", r->err);
    cr_assert_null(strstr(r->out, "rounds×samples"), "it measured: %s", r->out);
}

Test(outputs, an_unwritable_output_is_refused_before_measuring)
{
    struct command_result r;
    char *dir = in_scratch("sub");
    cr_assert_eq(mkdir(dir, 0755), 0);
    benchrun(&r, "--report", dir, NULL);
    expect_refused_before_measuring(&r, "--report");
    command_result_free(&r);
    free(dir);
}

Test(outputs, two_targets_with_one_case_name_are_refused_before_measuring)
{
    struct command_result r;
    char *store = in_scratch("store");
    /* detect_slow registers the same detect/chain as detect_base. */
    char *slow = copy(build_path("tests/detect_slow"));
    benchrun_on(&r, "tests/detect_base", slow, "--save-baseline", "main",
                "--baseline-dir", store, NULL);
    free(slow);
    expect_refused_before_measuring(&r, "detect/chain");
    cr_assert(strstr(r.err, "detect_base") && strstr(r.err, "detect_slow"),
              "%s", r.err);
    command_result_free(&r);
    free(store);
}

Test(outputs, a_store_that_cannot_be_written_is_refused_before_measuring)
{
    struct command_result r;
    char *plain = in_scratch("plain"), *store = in_scratch("plain/baselines");
    FILE *f = fopen(plain, "w");
    cr_assert_not_null(f);
    fclose(f);
    benchrun(&r, "--save-baseline", "main", "--baseline-dir", store, NULL);
    expect_refused_before_measuring(&r, "not a directory");
    command_result_free(&r);
    free(plain);
    free(store);
}

Test(outputs, a_missing_stored_copy_leaves_the_saved_numbers_to_compare)
{
    struct command_result r;
    char *store = in_scratch("store"), *bin = in_scratch("store/bin");
    benchrun_on(&r, "tests/detect_base", "--save-baseline", "main",
                "--baseline-dir", store, NULL);
    cr_assert_eq(r.status, 0, "exit %d: %s", r.status, r.err);
    command_result_free(&r);
    /* Remove every stored copy (there is one: detect_base is static). */
    char *rm[] = {"/bin/sh", "-c", "rm -f \"$0\"/*", bin, NULL};
    cr_assert_eq(run_command(rm, NULL, 30, &r), 0);
    cr_assert_eq(r.status, 0);
    command_result_free(&r);

    for (int rerun = 0; rerun < 2; rerun++) {
        benchrun_on(&r, "tests/detect_base", "--baseline", "main",
                    "--baseline-dir", store, rerun ? NULL : "--no-rerun", NULL);
        cr_assert(r.status == 0 || r.status == 1, "exit %d: %s", r.status,
                  r.err);
        cr_assert(strstr(r.out, "cannot be opened") && strstr(r.out, bin),
                  "no warning naming the copy: %s", r.out);
        cr_assert(strstr(r.out, "detect/chain"), "%s", r.out);
        command_result_free(&r);
    }
    free(store);
    free(bin);
}

/* What a file written to standard output must start with, by option. */
static const struct {
    const char *option, *value, *starts;
} dash_outputs[] = {
    {"--report", "-", "# "},
    {"--html", "-", "<!DOCTYPE html>"},
    {"--export", "csv=-", "target,case,status,mean_ns,"},
    {"--export", "junit=-", "<?xml"},
    {"--export", "github-action-benchmark=-", "["},
    {"--export", "bencher=-", "{"},
    {"--export", "google-benchmark=-", "{"},
};

Test(outputs, every_file_option_takes_a_dash_for_standard_output)
{
    for (size_t i = 0; i < sizeof dash_outputs / sizeof *dash_outputs; i++) {
        struct command_result r;
        struct stat st;
        benchrun(&r, dash_outputs[i].option, dash_outputs[i].value, NULL);
        cr_assert_eq(r.status, 0, "%s %s: exit %d: %s", dash_outputs[i].option,
                     dash_outputs[i].value, r.status, r.err);
        size_t len = strlen(dash_outputs[i].starts);
        cr_assert_eq(strncmp(r.out, dash_outputs[i].starts, len), 0,
                     "%s %s: stdout carries only the file: %.300s",
                     dash_outputs[i].option, dash_outputs[i].value, r.out);
        /* JUnit splits the name into classname "ok" and name "healthy". */
        cr_assert(strstr(r.out, "healthy"), "the case: %s", r.out);
        /* The console report went to standard error. */
        cr_assert(strstr(r.err, "rounds×samples"), "%s %s: stderr: %s",
                  dash_outputs[i].option, dash_outputs[i].value, r.err);
        cr_assert_null(strstr(r.out, "rounds×samples"), "%s", r.out);
        cr_assert_neq(lstat("-", &st), 0, "a file named - was created");
        if (dash_outputs[i].starts[0] == '[' ||
            dash_outputs[i].starts[0] == '{') {
            json_error_t error;
            json_t *root = json_loads(r.out, 0, &error);
            cr_assert_not_null(root, "%s: not only JSON: %s",
                               dash_outputs[i].value, error.text);
            json_decref(root);
        }
        command_result_free(&r);
    }
}

Test(outputs, a_csv_on_standard_output_is_one_row_per_case)
{
    struct command_result r;
    benchrun_on(&r, "tests/bench_faulty", "--filter", "^ok/", "--export",
                "csv=-", NULL);
    cr_assert_eq(r.status, 0, "exit %d: %s", r.status, r.err);
    size_t rows = count_occurrences(r.out, "\r\n");
    size_t oks = count_occurrences(r.out, "bench_faulty,ok/");
    cr_assert_geq(oks, 1, "%s", r.out);
    cr_assert(strstr(r.out, "\r\n") && r.out[strlen(r.out) - 1] == '\n');
    cr_assert_eq(rows, 1 + oks, "a header and a row per case: %s", r.out);
    cr_assert(strstr(r.out, ",ok,"), "%s", r.out);
    command_result_free(&r);
}

Test(outputs, two_outputs_on_standard_output_are_a_usage_error)
{
    static const char *const pairs[][4] = {
        {"--json", "-", "--export", "csv=-"},
        {"--report", "-", "--html", "-"},
        {"--export", "junit=-", "--export", "csv=-"},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
        struct command_result r;
        benchrun(&r, pairs[i][0], pairs[i][1], pairs[i][2], pairs[i][3], NULL);
        expect_refused_before_measuring(&r, "standard output");
        cr_assert_eq(r.out[0], '\0', "nothing on stdout: %s", r.out);
        command_result_free(&r);
    }
    struct command_result r;
    benchrun(&r, "--json", "-", "--export", "csv=-", NULL);
    cr_assert(strstr(r.err, "--json -") && strstr(r.err, "--export csv=-"),
              "names both: %s", r.err);
    command_result_free(&r);
}
