/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/* test_github.c: --github.  End to end: the real benchrun on the
 * detect_base build (no regression) and on detect_slow against it (150 %
 * more work: a regression no busy machine can hide), in a pretend GitHub
 * Actions job whose API is tests/fake_github on 127.0.0.1: the step
 * summary, outputs and annotations; the sticky comment (created once, then
 * updated, never someone else's); the commit status on the pull request's
 * head commit; warnings, not lost exit statuses, when GitHub refuses,
 * fails or is slow; retries after 429; and the token never showing
 * anywhere.  In process: workflow command escaping, GitHub's size limits,
 * the status description, the event file, Link headers and the URL
 * rules. */
#include "config.h"

#include <criterion/criterion.h>
#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "reports/text/escape.h"
#include "reports/github/github.h"
#include "reports/github/actions.h"
#include "reports/github/event.h"
#include "reports/github/http.h"
#include "reports/github/pr.h"
#include "runner/options/options.h"
#include "tests/helpers.h"

/* The reports library keeps its own copy of the part bits. */
#define SAME(a, b) ((int)(a) == (int)(b))
_Static_assert(
    SAME(BRUN_GH_PART_SUMMARY, BRUN_GITHUB_SUMMARY) &&
        SAME(BRUN_GH_PART_ANNOTATIONS, BRUN_GITHUB_ANNOTATIONS) &&
        SAME(BRUN_GH_PART_OUTPUTS, BRUN_GITHUB_OUTPUTS) &&
        SAME(BRUN_GH_PART_COMMENT, BRUN_GITHUB_COMMENT) &&
        SAME(BRUN_GH_PART_STATUS, BRUN_GITHUB_STATUS) &&
        SAME(BRUN_GH_PART_ALL, BRUN_GITHUB_ALL),
    "reports/github/github.h and runner/options/options.h disagree on --github "
    "parts");

/* --no-explain: the regressions here would otherwise be profiled into
 * .benchrun/profiles of the directory the tests run in. */
#define FAST                                                             \
    "--rounds", "4", "--max-rounds", "16", "--samples", "3", "--warmup", \
        "1ms", "--sample-time", "1ms", "--no-color", "--no-explain"

#define SECRET "ghs_BenchrunTestSecret_7Hq2ZpX9"
#define HEAD_SHA "c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00"
#define MERGE_SHA "deadbeefdeadbeefdeadbeefdeadbeefdeadbeef"
#define MARKER "<!-- benchrun-report -->"

static char *scratch;
static char summary_path[4200], outputs_path[4200], json_path[4200],
    report_path[4200], control_path[4200], log_path[4200], state_path[4200],
    port_path[4200];
static char base_exe[4096], slow_exe[4096];
static pid_t fake_pid;
static int fake_port;

static void setup(void)
{
    scratch = make_scratch_dir();
    cr_assert_not_null(scratch);
#define SCRATCH(var, name) snprintf(var, sizeof var, "%s/" name, scratch)
    SCRATCH(summary_path, "step_summary.md");
    SCRATCH(outputs_path, "output.txt");
    SCRATCH(json_path, "out.json");
    SCRATCH(report_path, "report.md");
    SCRATCH(control_path, "fake.control");
    SCRATCH(log_path, "fake.log");
    SCRATCH(state_path, "fake.state");
    SCRATCH(port_path, "fake.port");
#undef SCRATCH
    snprintf(base_exe, sizeof base_exe, "%s", build_path("tests/detect_base"));
    snprintf(slow_exe, sizeof slow_exe, "%s", build_path("tests/detect_slow"));
    fake_pid = 0;
    fake_port = 0;
}

static void teardown(void)
{
    if (fake_pid > 0) {
        kill(fake_pid, SIGTERM);
        waitpid(fake_pid, NULL, 0);
        fake_pid = 0;
    }
}

TestSuite(github, .init = setup, .fini = teardown, .timeout = 120);

/* ---- Files ----------------------------------------------------------- */

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, len = 0;
    char *data = malloc(cap + 1);
    for (size_t n; (n = fread(data + len, 1, cap - len, f)) > 0;) {
        len += n;
        if (len == cap)
            data = realloc(data, (cap *= 2) + 1);
    }
    fclose(f);
    data[len] = '\0';
    return data;
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f, "cannot write %s", path);
    fputs(text, f);
    fclose(f);
}

/* ---- The fake GitHub ------------------------------------------------- */

extern char **environ;

static void start_fake(const char *control)
{
    write_text(control_path, control);
    char *argv[] = {strdup(build_path("tests/fake_github")),
                    "--port-file",
                    port_path,
                    "--log",
                    log_path,
                    "--state",
                    state_path,
                    "--control",
                    control_path,
                    "--lifetime",
                    "100",
                    NULL};
    cr_assert_eq(posix_spawn(&fake_pid, argv[0], NULL, NULL, argv, environ), 0,
                 "cannot start %s", argv[0]);
    free(argv[0]);
    for (int i = 0; i < 500 && !fake_port; i++) {
        char *text = slurp(port_path);
        if (text)
            fake_port = atoi(text);
        free(text);
        if (!fake_port) {
            struct timespec ts = {0, 10 * 1000 * 1000};
            nanosleep(&ts, NULL);
        }
    }
    cr_assert(fake_port > 0, "the fake GitHub did not start");
}

/* The requests the fake received, as a JSON array. */
static json_t *requests(void)
{
    json_t *list = json_array();
    char *text = slurp(log_path);
    for (char *line = text; line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        json_t *item = json_loads(line, 0, NULL);
        cr_assert_not_null(item, "bad log line %s", line);
        json_array_append_new(list, item);
        line = nl ? nl + 1 : line + strlen(line);
    }
    free(text);
    return list;
}

static const char *field(json_t *o, const char *key)
{
    const char *v = json_string_value(json_object_get(o, key));
    return v ? v : "";
}

/* Requests with method whose path starts with prefix. */
static size_t count_requests(json_t *log, const char *method,
                             const char *prefix)
{
    size_t i, n = 0;
    json_t *q;
    json_array_foreach(log, i, q)
        if (strcmp(field(q, "method"), method) == 0 &&
            strncmp(field(q, "path"), prefix, strlen(prefix)) == 0)
            n++;
    return n;
}

static json_t *last_request(json_t *log, const char *method, const char *prefix)
{
    json_t *found = NULL, *q;
    size_t i;
    json_array_foreach(log, i, q)
        if (strcmp(field(q, "method"), method) == 0 &&
            strncmp(field(q, "path"), prefix, strlen(prefix)) == 0)
            found = q;
    return found;
}

static json_t *comments(void)
{
    json_t *list = json_load_file(state_path, 0, NULL);
    cr_assert(json_is_array(list), "no state from the fake");
    return list;
}

/* ---- Running benchrun ------------------------------------------------ */

/* Environment of a pull_request job; overrides ("NAME=value", NULL-ended)
 * replace entries of the same name. */
static char **job_environment(const char *const *overrides)
{
    static char api[64], event[4200], summary[4300], outputs[4300],
        workspace[4200];
    snprintf(api, sizeof api, "GITHUB_API_URL=http://127.0.0.1:%d", fake_port);
    snprintf(event, sizeof event, "GITHUB_EVENT_PATH=%s",
             source_path("tests/fixtures/github/pull_request.json"));
    snprintf(summary, sizeof summary, "GITHUB_STEP_SUMMARY=%s", summary_path);
    snprintf(outputs, sizeof outputs, "GITHUB_OUTPUT=%s", outputs_path);
    snprintf(workspace, sizeof workspace, "GITHUB_WORKSPACE=%s",
             source_path(""));
    const char *base[] = {"GITHUB_ACTIONS=true",
                          api,
                          "GITHUB_TOKEN=" SECRET,
                          "BENCHRUN_GITHUB_TOKEN=",
                          "GITHUB_EVENT_NAME=pull_request",
                          event,
                          "GITHUB_REPOSITORY=o/r",
                          "GITHUB_SHA=" MERGE_SHA,
                          summary,
                          outputs,
                          workspace,
                          "GITHUB_SERVER_URL=https://github.com",
                          "GITHUB_RUN_ID=4242",
                          "BENCHRUN_COMMENT_KEY=",
                          "BENCHRUN_GITHUB_TIMEOUT=5",
                          "BENCHRUN_GITHUB_ATTEMPTS=3",
                          "BENCHRUN_GITHUB_BACKOFF=0.05",
                          NULL};
    size_t n = 0, m = 0;
    while (base[n])
        n++;
    while (overrides && overrides[m])
        m++;
    char **env = calloc(n + m + 1, sizeof *env);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        size_t name = strcspn(base[i], "=") + 1;
        int replaced = 0;
        for (size_t j = 0; j < m; j++)
            replaced |= strncmp(base[i], overrides[j], name) == 0;
        if (!replaced)
            env[k++] = strdup(base[i]);
    }
    for (size_t j = 0; j < m; j++)
        env[k++] = strdup(overrides[j]);
    return env;
}

static const char *driver(void)
{
    /* The harness sets BENCHRUN_DRIVER to the same build_path(); it also
     * lets a run by hand point at another build. */
    const char *d = getenv("BENCHRUN_DRIVER");
    return d && *d ? d : build_path("runner/benchrun");
}

/* One benchrun of this suite at a time: the tests run in parallel,
 * and measurements that compete for the CPUs blur a slowdown.  Returns
 * the lock's descriptor (close it to let go), or -1. */
static int take_lock(void)
{
    int lock = open(build_path("tests/test_github.lock"),
                    O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (lock >= 0)
        while (flock(lock, LOCK_EX) != 0 && errno == EINTR)
            ;
    return lock;
}

/* Runs benchrun with NULL-terminated args in the job environment plus
 * overrides. */
static struct command_result run_job(const char *const *overrides, ...)
{
    char *argv[64];
    size_t n = 0;
    va_list ap;
    struct command_result r;

    argv[n++] = strdup(driver());
    va_start(ap, overrides);
    for (const char *a; (a = va_arg(ap, const char *)) && n < 63;)
        argv[n++] = strdup(a);
    va_end(ap);
    argv[n] = NULL;
    char **env = job_environment(overrides);
    int lock = take_lock();
    cr_assert_eq(run_command(argv, env, 110, &r), 0);
    if (lock >= 0)
        close(lock);
    for (size_t i = 0; i < n; i++)
        free(argv[i]);
    for (char **e = env; *e; e++)
        free(*e);
    free(env);
    return r;
}

/* The base build alone (exit 0), and the slower build against the base
 * with a 10 % gate (exit 1). */
#define run_base(overrides)                                             \
    run_job(overrides, base_exe, FAST, "--github", "--json", json_path, \
            "--report", report_path, NULL)
#define run_slow(overrides)                                                   \
    run_job(overrides, slow_exe, "--compare", base_exe, FAST, "--fail-above", \
            "10%", "--github", "--json", json_path, "--report", report_path,  \
            NULL)

static void assert_no_secret_in(const char *what, const char *text)
{
    cr_assert(!text || !strstr(text, SECRET), "the token appears in %s", what);
    /* Nor a good part of it. */
    cr_assert(!text || !strstr(text, &SECRET[8]),
              "part of the token appears in %s", what);
}

/* The token is nowhere: output, files benchrun wrote, what it sent. */
static void assert_no_secret(const struct command_result *r)
{
    assert_no_secret_in("stdout", r->out);
    assert_no_secret_in("stderr", r->err);
    const char *files[] = {summary_path, outputs_path, json_path, report_path,
                           state_path};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char *text = slurp(files[i]);
        assert_no_secret_in(files[i], text);
        free(text);
    }
    json_t *log = requests();
    size_t i;
    json_t *q;
    json_array_foreach(log, i, q)
        assert_no_secret_in("a request body", field(q, "body"));
    json_decref(log);
}

static size_t warnings_in(const char *err)
{
    return count_occurrences(err, "benchrun: warning: ");
}

/* The value of output name (a name=value line), or NULL. */
static char *output_value(const char *outputs, const char *name)
{
    char key[64];
    snprintf(key, sizeof key, "%s=", name);
    for (const char *line = outputs; line && *line;) {
        size_t len = strcspn(line, "\n");
        if (strncmp(line, key, strlen(key)) == 0)
            return strndup(line + strlen(key), len - strlen(key));
        line += len + (line[len] == '\n');
    }
    return NULL;
}

/* ---- End to end ------------------------------------------------------ */

Test(github, a_pull_request_gets_summary_outputs_annotations_comment_status)
{
    start_fake("user=pat\n");
    struct command_result r = run_slow(NULL);
    cr_assert_eq(r.status, 1, "exit %d\n%s%s", r.status, r.out, r.err);
    cr_assert_eq(warnings_in(r.err), 0, "%s", r.err);

    /* The job summary holds the Markdown report. */
    char *summary = slurp(summary_path);
    cr_assert_not_null(summary, "no step summary");
    cr_assert(strstr(summary, "detect/chain"), "%s", summary);
    cr_assert(strstr(summary, "|"), "a table: %s", summary);
    cr_assert(!strstr(summary, MARKER), "no marker in the summary");

    /* The outputs. */
    char *outputs = slurp(outputs_path);
    cr_assert_not_null(outputs, "no outputs");
    const char *expected[][2] = {{"verdict", "fail"},   {"regressions", "1"},
                                 {"failed-cases", "0"}, {"exit-status", "1"},
                                 {"compared", "1"},     {"failing", "1"}};
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++) {
        char *v = output_value(outputs, expected[i][0]);
        cr_assert_not_null(v, "no %s in\n%s", expected[i][0], outputs);
        cr_assert_str_eq(v, expected[i][1], "%s", expected[i][0]);
        free(v);
    }
    char *delimiter = strstr(outputs, "summary<<");
    cr_assert_not_null(delimiter, "%s", outputs);
    delimiter += 9;
    char closing[128];
    snprintf(closing, sizeof closing, "\n%.*s\n", (int)strcspn(delimiter, "\n"),
             delimiter);
    const char *value = strchr(delimiter, '\n') + 1;
    const char *end = strstr(value - 1, closing);
    cr_assert_not_null(end, "the summary value is not closed:\n%s", outputs);
    cr_assert(strstr(value, "detect/chain") && strstr(value, "benchrun"), "%s",
              value);
    cr_assert_eq(count_occurrences(outputs, closing + 1), 2,
                 "the delimiter only opens and closes");

    /* An error annotation on the BENCH line, escaped.  The file is
     * __FILE__ as the compiler saw it: "tests/perf/..." in an in-tree
     * build, "../src/tests/perf/..." in make distcheck's. */
    const char *error = strstr(r.out, "::error file=");
    cr_assert_not_null(error, "%s", r.out);
    const char *line_end = strchr(error, '\n');
    /* The BENCH line's number, read from the source, so a header line
     * added above it does not break this test. */
    char *source = slurp(source_path("tests/perf/detect_case.c"));
    cr_assert_not_null(source);
    const char *bench = strstr(source, "\nBENCH(detect, chain)");
    cr_assert_not_null(bench);
    int bench_line = 2;
    for (const char *p = source; p < bench; p++)
        bench_line += *p == '\n';
    free(source);
    char annotation[256];
    snprintf(annotation, sizeof annotation,
             "tests/perf/detect_case.c,line=%d,title=benchrun%%3A "
             "detect/chain regressed%%2C FAILS (> 10%%25)::detect/chain is "
             "slower than ",
             bench_line);
    const char *rest = strstr(error, annotation);
    cr_assert(rest && (!line_end || rest < line_end),
              "no escaped annotation on the BENCH line: %s", r.out);

    /* The comment, created, with the marker first. */
    json_t *log = requests();
    cr_assert_eq(count_requests(log, "POST", "/repos/o/r/issues/7/comments"),
                 1);
    cr_assert_eq(count_requests(log, "PATCH", "/"), 0);
    json_t *list = comments();
    cr_assert_eq(json_array_size(list), 1);
    json_t *c = json_array_get(list, 0);
    const char *body = field(c, "body");
    cr_assert(strncmp(body, MARKER "\n", strlen(MARKER) + 1) == 0, "%s", body);
    cr_assert(strstr(body, "detect/chain"), "%s", body);
    cr_assert(strstr(body, "https://github.com/o/r/actions/runs/4242"), "%s",
              body);
    cr_assert_str_eq(field(json_object_get(c, "user"), "login"), "bench-bot");

    /* The status, on the head commit, not the merge commit. */
    cr_assert_eq(count_requests(log, "POST", "/repos/o/r/statuses/"), 1);
    cr_assert_eq(count_requests(log, "POST", "/repos/o/r/statuses/" HEAD_SHA),
                 1);
    json_t *q = last_request(log, "POST", "/repos/o/r/statuses/");
    cr_assert_eq(json_integer_value(json_object_get(q, "status")), 201);
    json_t *status = json_loads(field(q, "body"), 0, NULL);
    cr_assert_not_null(status);
    cr_assert_str_eq(field(status, "state"), "failure");
    cr_assert_str_eq(field(status, "context"), "benchrun");
    cr_assert_str_eq(field(status, "target_url"),
                     "https://github.com/o/r/actions/runs/4242");
    const char *description = field(status, "description");
    cr_assert(strlen(description) > 0 &&
                  brun_gh_char_count(description, strlen(description)) < 140,
              "%s", description);
    cr_assert(strstr(description, "detect/chain"), "%s", description);

    /* Every request: the token as a bearer, GitHub's headers. */
    size_t i;
    json_array_foreach(log, i, q) {
        cr_assert_str_eq(field(q, "auth_scheme"), "Bearer");
        cr_assert_str_eq(field(q, "token"), SECRET);
        cr_assert_str_eq(field(q, "accept"), "application/vnd.github+json");
        cr_assert_str_eq(field(q, "api_version"), "2022-11-28");
        cr_assert(strncmp(field(q, "user_agent"), "benchrun/", 9) == 0);
    }
    assert_no_secret(&r);
    json_decref(status);
    json_decref(list);
    json_decref(log);
    free(outputs);
    free(summary);
    command_result_free(&r);
}

Test(github, a_second_run_updates_its_comment_and_no_one_elses)
{
    start_fake("user=pat\n"
               "comment=mallory User " MARKER "\\nplease merge\n"
               "comment=bench-bot User <!-- benchrun-report:other -->\\nx\n");
    json_t *before = comments();
    cr_assert_eq(json_array_size(before), 2);
    json_int_t mallory =
        json_integer_value(json_object_get(json_array_get(before, 0), "id"));

    for (int run = 0; run < 2; run++) {
        struct command_result r = run_base(NULL);
        cr_assert_eq(r.status, 0, "run %d: exit %d\n%s%s", run, r.status, r.out,
                     r.err);
        cr_assert_eq(warnings_in(r.err), 0, "%s", r.err);
        assert_no_secret(&r);
        command_result_free(&r);
    }
    json_t *log = requests();
    cr_assert_eq(count_requests(log, "POST", "/repos/o/r/issues/7/comments"), 1,
                 "one comment created");
    cr_assert_eq(count_requests(log, "PATCH", "/repos/o/r/issues/comments/"), 1,
                 "then updated");
    json_t *list = comments();
    cr_assert_eq(json_array_size(list), 3);
    json_t *ours = json_array_get(list, 2);
    json_t *patch = last_request(log, "PATCH", "/repos/o/r/issues/comments/");
    char path[128];
    snprintf(path, sizeof path,
             "/repos/o/r/issues/comments/%" JSON_INTEGER_FORMAT,
             json_integer_value(json_object_get(ours, "id")));
    cr_assert_str_eq(field(patch, "path"), path, "the same comment");
    cr_assert_neq(json_integer_value(json_object_get(ours, "id")), mallory);
    /* Someone else's marked comment and our other key's are untouched. */
    cr_assert_str_eq(field(json_array_get(list, 0), "body"),
                     MARKER "\nplease merge");
    cr_assert_str_eq(field(json_array_get(list, 1), "body"),
                     "<!-- benchrun-report:other -->\nx");
    cr_assert_eq(count_requests(log, "POST", "/repos/o/r/statuses/" HEAD_SHA),
                 2);
    json_decref(list);
    json_decref(log);
    json_decref(before);
}

Test(github, the_built_in_token_finds_its_bot_comment_across_pages)
{
    /* GET /user is refused, as for GITHUB_TOKEN; the comments come two
     * to a page, ours after a decoy. */
    start_fake("user=bot\npage_size=2\nfiller=5\n"
               "comment=mallory User " MARKER "\\nnot yours\n");
    for (int run = 0; run < 2; run++) {
        struct command_result r = run_base(NULL);
        cr_assert_eq(r.status, 0, "exit %d\n%s%s", r.status, r.out, r.err);
        cr_assert_eq(warnings_in(r.err), 0, "%s", r.err);
        assert_no_secret(&r);
        command_result_free(&r);
    }
    json_t *log = requests();
    cr_assert_eq(count_requests(log, "POST", "/repos/o/r/issues/7/comments"),
                 1);
    cr_assert_eq(count_requests(log, "PATCH", "/repos/o/r/issues/comments/"),
                 1);
    cr_assert(
        count_requests(log, "GET", "/repositories/42/issues/7/comments") >= 3,
        "the Link header's next pages were followed");
    json_t *list = comments();
    cr_assert_eq(json_array_size(list), 7);
    json_t *ours = json_array_get(list, 6);
    cr_assert_str_eq(field(json_object_get(ours, "user"), "login"),
                     "github-actions[bot]");
    cr_assert_str_eq(field(json_array_get(list, 5), "body"),
                     MARKER "\nnot yours");
    json_decref(list);
    json_decref(log);
}

Test(github, a_comment_key_keeps_two_jobs_apart)
{
    start_fake("user=pat\n");
    const char *linux_job[] = {"BENCHRUN_COMMENT_KEY=linux", NULL};
    const char *mac_job[] = {"BENCHRUN_COMMENT_KEY=mac os!", NULL};
    struct command_result r = run_base(linux_job);
    cr_assert_eq(r.status, 0, "%s%s", r.out, r.err);
    command_result_free(&r);
    r = run_base(mac_job);
    cr_assert_eq(r.status, 0, "%s%s", r.out, r.err);
    command_result_free(&r);
    json_t *list = comments();
    cr_assert_eq(json_array_size(list), 2, "one comment per key");
    cr_assert(strncmp(field(json_array_get(list, 0), "body"),
                      "<!-- benchrun-report:linux -->\n", 31) == 0);
    cr_assert(strncmp(field(json_array_get(list, 1), "body"),
                      "<!-- benchrun-report:macos -->\n", 31) == 0);
    json_t *log = requests();
    json_t *q = last_request(log, "POST", "/repos/o/r/statuses/");
    json_t *status = json_loads(field(q, "body"), 0, NULL);
    cr_assert_str_eq(field(status, "context"), "benchrun/macos");
    cr_assert_str_eq(field(status, "state"), "success");
    json_decref(status);
    json_decref(log);
    json_decref(list);
}

Test(github, a_read_only_token_warns_and_keeps_the_exit_status)
{
    start_fake("user=bot\nrule=POST /repos/o/r/ 403 -1\n");
    struct command_result r = run_slow(NULL);
    cr_assert_eq(r.status, 1, "exit %d\n%s%s", r.status, r.out, r.err);
    cr_assert_eq(warnings_in(r.err), 2, "%s", r.err);
    cr_assert(strstr(r.err, "benchrun: warning: --github: comment not posted: "
                            "creating the comment: HTTP 403: Resource not "
                            "accessible by integration"),
              "%s", r.err);
    cr_assert(strstr(r.err, "benchrun: warning: --github: status not posted: "
                            "posting the commit status: HTTP 403"),
              "%s", r.err);
    cr_assert(strstr(r.err, "job summary"), "%s", r.err);
    json_t *log = requests();
    cr_assert_eq(count_requests(log, "POST", "/repos/o/r/issues/7/comments"), 1,
                 "a 403 is not retried");
    cr_assert_eq(count_requests(log, "POST", "/repos/o/r/statuses/"), 1);
    char *summary = slurp(summary_path);
    cr_assert(summary && strstr(summary, "detect/chain"),
              "the report is still in the job summary");
    assert_no_secret(&r);
    free(summary);
    json_decref(log);
    command_result_free(&r);
}

Test(github, a_validation_error_is_reported_and_not_retried)
{
    start_fake("rule=POST /repos/o/r/statuses 422 -1\n");
    struct command_result r = run_base(NULL);
    cr_assert_eq(r.status, 0, "exit %d\n%s%s", r.status, r.out, r.err);
    cr_assert_eq(warnings_in(r.err), 1, "%s", r.err);
    cr_assert(strstr(r.err, "--github: status not posted: posting the commit "
                            "status: HTTP 422: Validation Failed"),
              "%s", r.err);
    cr_assert(is_one_line(strstr(r.err, "benchrun: warning: ")), "%s", r.err);
    json_t *log = requests();
    cr_assert_eq(count_requests(log, "POST", "/repos/o/r/statuses/"), 1);
    cr_assert_eq(count_requests(log, "POST", "/repos/o/r/issues/7/comments"), 1,
                 "the comment went on");
    assert_no_secret(&r);
    json_decref(log);
    command_result_free(&r);
}

Test(github, a_server_error_is_retried_then_reported)
{
    start_fake("rule=POST /repos/o/r/statuses 500 -1\n");
    struct command_result r = run_slow(NULL);
    cr_assert_eq(r.status, 1, "exit %d\n%s%s", r.status, r.out, r.err);
    cr_assert_eq(warnings_in(r.err), 1, "%s", r.err);
    cr_assert(strstr(r.err, "--github: status not posted: posting the commit "
                            "status: HTTP 500: Server Error"),
              "%s", r.err);
    json_t *log = requests();
    cr_assert_eq(count_requests(log, "POST", "/repos/o/r/statuses/"), 3,
                 "BENCHRUN_GITHUB_ATTEMPTS=3 attempts");
    assert_no_secret(&r);
    json_decref(log);
    command_result_free(&r);
}

Test(github, a_passing_server_error_leaves_exactly_one_comment)
{
    /* The first POST fails with 500 (maybe after creating it, as far as
     * the client knows): benchrun lists again before posting again. */
    start_fake("rule=POST /repos/o/r/issues 500 1\nrule=GET /user 500 1\n");
    struct command_result r = run_base(NULL);
    cr_assert_eq(r.status, 0, "exit %d\n%s%s", r.status, r.out, r.err);
    cr_assert_eq(warnings_in(r.err), 0, "%s", r.err);
    json_t *log = requests();
    cr_assert_eq(count_requests(log, "GET", "/user"), 2, "GET is retried");
    cr_assert_eq(count_requests(log, "POST", "/repos/o/r/issues/7/comments"),
                 2);
    cr_assert_eq(count_requests(log, "GET", "/repos/o/r/issues/7/comments"), 2,
                 "listed again before the second POST");
    json_t *list = comments();
    cr_assert_eq(json_array_size(list), 1);
    assert_no_secret(&r);
    json_decref(list);
    json_decref(log);
    command_result_free(&r);
}

Test(github, a_slow_server_times_out_with_warnings)
{
    start_fake("slow_ms=8000\nrule=* / slow -1\n");
    const char *impatient[] = {"BENCHRUN_GITHUB_TIMEOUT=0.3", NULL};
    struct command_result r = run_slow(impatient);
    cr_assert_eq(r.status, 1, "exit %d\n%s%s", r.status, r.out, r.err);
    cr_assert_eq(warnings_in(r.err), 2, "%s", r.err);
    cr_assert(strstr(r.err, "--github: comment not posted: ") &&
                  strstr(r.err, "--github: status not posted: "),
              "%s", r.err);
    cr_assert(strstr(r.err, "no answer from GitHub: Timeout was reached"), "%s",
              r.err);
    char *outputs = slurp(outputs_path);
    cr_assert(outputs && strstr(outputs, "exit-status=1\n"), "%s", outputs);
    assert_no_secret(&r);
    free(outputs);
    command_result_free(&r);
}

Test(github, the_whole_posting_has_one_time_bound)
{
    /* Each request alone may take 5 s, with 3 attempts, but everything
     * together only 1 s: the first request is cut short and nothing more
     * is sent. */
    start_fake("slow_ms=60000\nrule=* / slow -1\n");
    const char *bounded[] = {"BENCHRUN_GITHUB_TOTAL=1", NULL};
    struct command_result r = run_base(bounded);
    cr_assert_eq(r.status, 0, "exit %d\n%s%s", r.status, r.out, r.err);
    cr_assert(strstr(r.err, "time limit (1 s) ran out"), "%s", r.err);
    json_t *log = requests();
    cr_assert_leq(json_array_size(log), 1, "requests after the bound");
    json_decref(log);
    assert_no_secret(&r);
    command_result_free(&r);
}

Test(github, a_signal_while_posting_stops_it_with_128_plus_the_signal)
{
    start_fake("slow_ms=60000\nrule=* / slow -1\n");
    char out_path[4300];
    snprintf(out_path, sizeof out_path, "%s/benchrun.out", scratch);
    const char *patient[] = {"BENCHRUN_GITHUB_TIMEOUT=50", NULL};
    char **env = job_environment(patient);
    char *argv[] = {strdup(driver()), base_exe,  FAST, "--github",
                    "--json",         json_path, NULL};
    int lock = take_lock();
    pid_t pid = start_command(argv, env, out_path);
    cr_assert(pid > 0);
    /* The fake logs a request as soon as it has read it. */
    char *first = wait_for_file(log_path, 100);
    kill(pid, SIGTERM);
    int status = wait_command(pid, 30);
    if (lock >= 0)
        close(lock);
    cr_assert_not_null(first, "benchrun never posted");
    free(first);
    char *out = slurp(out_path);
    cr_assert_eq(status, 143, "exit %d\n%s", status, out);
    cr_assert(strstr(out, "interrupted"), "%s", out);
    json_t *log = requests();
    cr_assert_eq(json_array_size(log), 1, "a request started after SIGTERM");
    json_decref(log);
    free(out);
    free(argv[0]);
    for (char **e = env; *e; e++)
        free(*e);
    free(env);
}

Test(github, a_429_waits_for_retry_after_and_succeeds)
{
    start_fake("rule=POST /repos/o/r/statuses 429 1\n");
    struct command_result r = run_base(NULL);
    cr_assert_eq(r.status, 0, "exit %d\n%s%s", r.status, r.out, r.err);
    cr_assert_eq(warnings_in(r.err), 0, "%s", r.err);
    json_t *log = requests();
    cr_assert_eq(count_requests(log, "POST", "/repos/o/r/statuses/"), 2);
    json_t *q = last_request(log, "POST", "/repos/o/r/statuses/");
    cr_assert_eq(json_integer_value(json_object_get(q, "status")), 201);
    json_decref(log);
    command_result_free(&r);
}

Test(github, plain_http_to_another_host_is_refused)
{
    start_fake("");
    const char *remote[] = {"GITHUB_API_URL=http://example.invalid:8080", NULL};
    struct command_result r = run_base(remote);
    cr_assert_eq(r.status, 0, "exit %d\n%s%s", r.status, r.out, r.err);
    cr_assert_eq(warnings_in(r.err), 1, "%s", r.err);
    cr_assert(strstr(r.err, "--github: comment and status not posted: refusing "
                            "GITHUB_API_URL \"http://example.invalid:8080\""),
              "%s", r.err);
    char *summary = slurp(summary_path);
    cr_assert(summary && strstr(summary, "detect/chain"));
    assert_no_secret(&r);
    free(summary);
    command_result_free(&r);
}

Test(github, outside_github_actions_nothing_is_published)
{
    start_fake("");
    const char *local[] = {"GITHUB_ACTIONS=", NULL};
    struct command_result r = run_base(local);
    cr_assert_eq(r.status, 0, "exit %d\n%s%s", r.status, r.out, r.err);
    cr_assert(strstr(r.err, "benchrun: warning: --github: not running in "
                            "GitHub Actions; nothing published\n"),
              "%s", r.err);
    cr_assert_eq(warnings_in(r.err), 1, "%s", r.err);
    struct stat st;
    cr_assert(stat(summary_path, &st) != 0, "no summary written");
    cr_assert(stat(outputs_path, &st) != 0, "no outputs written");
    cr_assert(!strstr(r.out, "::"), "no workflow commands");
    json_t *log = requests();
    cr_assert_eq(json_array_size(log), 0);
    json_decref(log);
    command_result_free(&r);
}

Test(github, a_push_gets_summary_and_outputs_but_no_comment_or_status)
{
    start_fake("");
    const char *push[] = {"GITHUB_EVENT_NAME=push", NULL};
    struct command_result r = run_base(push);
    cr_assert_eq(r.status, 0, "exit %d\n%s%s", r.status, r.out, r.err);
    cr_assert_eq(warnings_in(r.err), 0, "%s", r.err);
    json_t *log = requests();
    cr_assert_eq(json_array_size(log), 0, "no API request");
    char *outputs = slurp(outputs_path);
    cr_assert(outputs && strstr(outputs, "verdict=pass\n"), "%s", outputs);
    free(outputs);
    json_decref(log);
    command_result_free(&r);
}

/* ---- In process: results to publish ---------------------------------- */

/* n_failing cases failing the gate, n_failed failed cases, n_unsure
 * inconclusive ones. */
static void make_results(struct brun_results *r, size_t n_failing,
                         size_t n_failed, size_t n_unsure)
{
    memset(r, 0, sizeof *r);
    size_t n = n_failing + n_failed + n_unsure;
    r->cases = calloc(n, sizeof *r->cases);
    r->case_count = n;
    r->comparison = calloc(1, sizeof *r->comparison);
    r->comparison->against = strdup("baseline main");
    r->comparison->fail_above = 0.1;
    for (size_t i = 0; i < n; i++) {
        struct brun_case_result *c = &r->cases[i];
        char name[64];
        snprintf(name, sizeof name, "group/case%zu", i);
        c->name = strdup(name);
        c->file = strdup("/work/src/benches/b.c");
        c->line = (int)(10 + i);
        if (i >= n_failing && i < n_failing + n_failed) {
            c->status = BRUN_STATUS_FAILED;
            c->failure = BRUN_FAILURE_SIGNAL;
            c->reason = strdup("killed by SIGSEGV");
            continue;
        }
        struct brun_case_comparison *k = calloc(1, sizeof *k);
        k->presence = BRUN_PRESENT_BOTH;
        k->fail_above = 0.1;
        k->stats.valid = 1;
        k->stats.confidence = 0.95;
        if (i < n_failing) {
            k->stats.ratio = 1.4;
            k->stats.ci_lo = 1.3;
            k->stats.ci_hi = 1.5;
            k->stats.label = BRUN_LABEL_REGRESSED;
            k->stats.fails = 1;
        } else {
            k->stats.ratio = 1.02;
            k->stats.ci_lo = 0.9;
            k->stats.ci_hi = 1.15;
            k->stats.mde = 0.12;
            k->stats.label = BRUN_LABEL_INCONCLUSIVE;
        }
        c->comparison = k;
    }
}

static char *capture_annotations(const struct brun_results *r,
                                 const char *workspace)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    brun_gh_annotations(f, r, workspace);
    fclose(f);
    return buf;
}

Test(github_commands, data_and_properties_are_escaped)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    brun_gh_escape_data(f, "a%b\r\nc:d,e");
    fputc('|', f);
    brun_gh_escape_property(f, "a%b\r\nc:d,e");
    fclose(f);
    cr_assert_str_eq(buf, "a%25b%0D%0Ac:d,e|a%25b%0D%0Ac%3Ad%2Ce");
    free(buf);

    /* A hostile case name stays inside its one annotation. */
    buf = NULL;
    f = open_memstream(&buf, &len);
    brun_gh_annotation(f, "error", "dir,x/f:1.c", 12, "bad\n::add-mask::x",
                       "100% bad\n::error::injected");
    fclose(f);
    cr_assert_str_eq(buf, "::error file=dir%2Cx/f%3A1.c,line=12,title=bad%0A"
                          "%3A%3Aadd-mask%3A%3Ax::100%25 bad%0A::error::"
                          "injected\n");
    cr_assert(is_one_line(buf));
    free(buf);
}

Test(github_commands, annotations_are_capped_at_ten_per_level)
{
    struct brun_results r;
    make_results(&r, 12, 3, 2);
    char *text = capture_annotations(&r, "/work/src/");
    cr_assert_eq(count_occurrences(text, "::error "), 10, "%s", text);
    cr_assert_eq(count_occurrences(text, "::warning "), 2, "%s", text);
    cr_assert(strstr(text, "::error title=benchrun::6 more errors not shown"),
              "nine shown, then how many more: %s", text);
    cr_assert(strstr(text, "::error file=benches/b.c,line=10,title=benchrun%3A "
                           "group/case0 regressed%2C FAILS (> 10%25)::"
                           "group/case0 "
                           "is slower than baseline main: +40.00%25 (95%25 CI "
                           "+30.00%25 to +50.00%25), above the 10%25 "
                           "threshold\n"),
              "relative to the workspace: %s", text);
    cr_assert(strstr(text, "::warning file=benches/b.c,line=25,title="
                           "benchrun%3A group/case15 inconclusive (could see "
                           "≥ 12%25)::"),
              "%s", text);
    free(text);
    brun_results_release(&r);

    /* Exactly ten: all shown, no note. */
    make_results(&r, 7, 3, 0);
    text = capture_annotations(&r, NULL);
    cr_assert_eq(count_occurrences(text, "::error "), 10, "%s", text);
    cr_assert(!strstr(text, "more error"), "%s", text);
    cr_assert(strstr(text, "file=/work/src/benches/b.c,line=17,title="
                           "benchrun%3A group/case7 failed::group/case7 failed "
                           "(signal): killed by SIGSEGV\n"),
              "%s", text);
    free(text);
    brun_results_release(&r);
}

Test(github_limits, the_step_summary_stays_under_one_mebibyte)
{
    scratch = make_scratch_dir();
    char path[4200];
    snprintf(path, sizeof path, "%s/summary.md", scratch);
    /* Another step's worth already there. */
    char *held = malloc(100000);
    memset(held, 'x', 99999);
    held[99999] = '\n';
    FILE *f = fopen(path, "wb");
    fwrite(held, 1, 100000, f);
    fclose(f);
    free(held);

    char *buf = NULL;
    size_t len = 0;
    f = open_memstream(&buf, &len);
    fputs("# Benchmarks\n\n| case | mean |\n|---|---|\n", f);
    for (int i = 0; i < 40000; i++)
        fprintf(f, "| `group/case%05d` | 1.234 µs |\n", i);
    fclose(f);
    cr_assert_gt(len, 1024 * 1024);

    char why[512];
    cr_assert_eq(brun_gh_write_summary(path, buf, len, why, sizeof why), 0,
                 "%s", why);
    char *text = slurp(path);
    size_t total = strlen(text);
    cr_assert_leq(total, 1024 * 1024, "%zu bytes", total);
    cr_assert_gt(total, 1024 * 1024 - 4096, "not cut more than needed");
    const char *mine = text + 100000;
    const char *note = strstr(mine, "\n---\n\n**Report cut here:** ");
    cr_assert_not_null(note);
    size_t kept = (size_t)(note - mine);
    cr_assert_eq(memcmp(mine, buf, kept), 0, "a prefix of the report");
    cr_assert_eq(mine[kept - 1], '\n', "cut at a line boundary");
    size_t lines_total = count_occurrences(buf, "\n");
    size_t lines_kept =
        count_occurrences(mine, "\n") - count_occurrences(note, "\n");
    char expected[128];
    snprintf(expected, sizeof expected, "%zu more lines were left out",
             lines_total - lines_kept);
    cr_assert(strstr(note, expected), "%s vs %s", note, expected);
    cr_assert(strstr(note, "--report FILE"), "%s", note);
    free(text);

    /* A file already full: nothing appended, an error. */
    cr_assert_neq(brun_gh_write_summary(path, buf, len, why, sizeof why), 0);
    cr_assert(strstr(why, "1 MiB"), "%s", why);
    struct stat st;
    stat(path, &st);
    cr_assert_eq((size_t)st.st_size, total, "never truncated or rewritten");

    /* A small report goes in whole. */
    snprintf(path, sizeof path, "%s/small.md", scratch);
    cr_assert_eq(brun_gh_write_summary(path, "# B\n", 4, why, sizeof why), 0);
    text = slurp(path);
    cr_assert_str_eq(text, "# B\n");
    free(text);
    free(buf);
}

Test(github_limits, a_comment_counts_characters_not_bytes)
{
    const char *mixed = "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80";
    cr_assert_eq(brun_gh_char_count(mixed, strlen(mixed)), 5,
                 "a, é, € one each, 😀 two (UTF-16)");
    /* 40,000 lines of "é\n": 80,000 characters, 120,000 bytes. */
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    fputs("```\n", f);
    for (int i = 0; i < 40000; i++)
        fputs("\xc3\xa9\n", f);
    fclose(f);
    size_t out_len;
    int cut;
    char *out = brun_gh_fit(buf, len, 65536, BRUN_GH_CHARS,
                            brun_gh_comment_note, &out_len, &cut);
    cr_assert_not_null(out);
    cr_assert(cut);
    size_t chars = brun_gh_char_count(out, out_len);
    cr_assert_leq(chars, 65536);
    cr_assert_gt(chars, 65536 - 600, "not cut more than needed: %zu", chars);
    cr_assert_gt(out_len, 65536, "bytes are not what is counted");
    const char *note = strstr(out, "**Report cut here:**");
    cr_assert_not_null(note);
    cr_assert(strstr(out, "\xc3\xa9\n```\n\n---\n"),
              "the open code fence is closed before the note");
    cr_assert(strstr(note, "65,536-character"), "%s", note);
    free(out);

    /* Fits: unchanged. */
    out = brun_gh_fit("short\n", 6, 65536, BRUN_GH_CHARS, brun_gh_comment_note,
                      &out_len, &cut);
    cr_assert_str_eq(out, "short\n");
    cr_assert_eq(cut, 0);
    free(out);
    free(buf);
}

Test(github_limits, the_status_description_is_under_140_characters)
{
    struct brun_results r;
    make_results(&r, 1, 0, 0);
    free(r.cases[0].name);
    char long_name[1200] = "";
    for (int i = 0; i < 300; i++)
        strcat(long_name, "\xc3\xbc"); /* ü */
    r.cases[0].name = strdup(long_name);
    char d[512];
    brun_gh_status_description(&r, 1, d, sizeof d);
    cr_assert_lt(brun_gh_char_count(d, strlen(d)), 140, "%s", d);
    cr_assert(strncmp(d, "1 regression beyond 10% of 1: ", 30) == 0, "%s", d);
    for (const char *p = d; *p;) {
        uint32_t cp;
        size_t n = brun_utf8_sequence((const unsigned char *)p, &cp);
        cr_assert_gt(n, 0, "cut inside a character: %s", d);
        p += n;
    }
    cr_assert(strstr(d, "...") == d + strlen(d) - 3, "%s", d);
    brun_results_release(&r);

    make_results(&r, 0, 2, 1);
    brun_gh_status_description(&r, 3, d, sizeof d);
    cr_assert_str_eq(d, "2 cases failed, first group/case0");
    brun_results_release(&r);
}

Test(github_limits, outputs_use_a_fresh_delimiter)
{
    struct brun_results r;
    make_results(&r, 2, 0, 1);
    scratch = make_scratch_dir();
    char path[4200], why[256];
    snprintf(path, sizeof path, "%s/out", scratch);
    write_text(path, "earlier=1\n");
    cr_assert_eq(brun_gh_write_outputs(path, &r, 1, why, sizeof why), 0);
    cr_assert_eq(brun_gh_write_outputs(path, &r, 1, why, sizeof why), 0);
    char *text = slurp(path);
    cr_assert(strncmp(text,
                      "earlier=1\nverdict=fail\nregressions=2\n"
                      "failing=2\nfailed-cases=0\nexit-status=1\n"
                      "compared=3\nsummary<<benchrun_",
                      strlen("earlier=1\nverdict=fail\nregressions=2\n"
                             "failing=2\nfailed-cases=0\nexit-status=1\n"
                             "compared=3\nsummary<<benchrun_")) == 0,
              "appended: %s", text);
    const char *first = strstr(text, "summary<<") + 9;
    const char *second = strstr(first, "summary<<") + 9;
    cr_assert(strncmp(first, second, strcspn(first, "\n")) != 0,
              "random each time: %s", text);
    cr_assert(strstr(text,
                     "benchrun against baseline main, 3 compared: 2 "
                     "regressed (2 beyond the 10% threshold), 0 "
                     "improved, 0 unchanged, 0 ok, 1 inconclusive. Beyond the "
                     "threshold: group/case0 (+40.00%), group/case1 "
                     "(+40.00%). Verdict: fail (exit status 1).\n"),
              "%s", text);
    free(text);
    brun_results_release(&r);
}

/* ---- In process: event, Link, URLs ----------------------------------- */

Test(github_event, the_head_commit_comes_from_the_event_file)
{
    struct brun_gh_event e;
    char why[512];
    setenv("GITHUB_EVENT_NAME", "pull_request_target", 1);
    setenv("GITHUB_EVENT_PATH",
           source_path("tests/fixtures/github/pull_request.json"), 1);
    setenv("GITHUB_REPOSITORY", "o/r", 1);
    cr_assert_eq(brun_gh_event_load(&e, why, sizeof why), 0, "%s", why);
    cr_assert(e.is_pull_request);
    cr_assert_eq(e.number, 7);
    cr_assert_str_eq(e.head_sha, HEAD_SHA);
    cr_assert_str_eq(e.repo, "o/r");

    unsetenv("GITHUB_REPOSITORY");
    cr_assert_eq(brun_gh_event_load(&e, why, sizeof why), 0, "%s", why);
    cr_assert_str_eq(e.repo, "o/r", "from repository.full_name");

    setenv("GITHUB_REPOSITORY", "o/../x", 1);
    cr_assert_neq(brun_gh_event_load(&e, why, sizeof why), 0);

    scratch = make_scratch_dir();
    char path[4200];
    snprintf(path, sizeof path, "%s/event.json", scratch);
    write_text(path, "{\"pull_request\":{\"number\":3,\"head\":{\"sha\":"
                     "\"not-a-sha\"}}}");
    setenv("GITHUB_EVENT_PATH", path, 1);
    setenv("GITHUB_REPOSITORY", "o/r", 1);
    cr_assert_neq(brun_gh_event_load(&e, why, sizeof why), 0);
    cr_assert(strstr(why, "head.sha"), "%s", why);

    setenv("GITHUB_EVENT_NAME", "push", 1);
    cr_assert_eq(brun_gh_event_load(&e, why, sizeof why), 0);
    cr_assert_eq(e.is_pull_request, 0);

    cr_assert(brun_gh_repo_valid("octo-org/hello.world_2"));
    cr_assert(!brun_gh_repo_valid("octo/"));
    cr_assert(!brun_gh_repo_valid("a/b/c"));
    cr_assert(!brun_gh_repo_valid("../x"));
    cr_assert(!brun_gh_repo_valid("o/r?x"));
}

/* A FIFO or a device named as the event file is refused before it is
 * read: a FIFO whose writer never closes it would block a reader forever,
 * and /dev/zero would fill memory.  The test holds the FIFO open for
 * writing itself, so a read would really hang (and hit the timeout). */
Test(github_event, a_fifo_or_a_device_as_the_event_file_is_an_error,
     .timeout = 30)
{
    struct brun_gh_event e;
    char why[512], path[4200];
    char *dir = make_scratch_dir();
    cr_assert_not_null(dir);
    snprintf(path, sizeof path, "%s/event.fifo", dir);
    cr_assert_eq(mkfifo(path, 0600), 0, "mkfifo: %s", strerror(errno));
    int writer = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
    cr_assert_geq(writer, 0, "open: %s", strerror(errno));
    setenv("GITHUB_EVENT_NAME", "pull_request", 1);
    setenv("GITHUB_REPOSITORY", "o/r", 1);

    setenv("GITHUB_EVENT_PATH", path, 1);
    cr_assert_neq(brun_gh_event_load(&e, why, sizeof why), 0);
    cr_assert(strstr(why, "not a regular file"), "%s", why);
    close(writer);
    unlink(path);
    rmdir(dir);
    free(dir);

    setenv("GITHUB_EVENT_PATH", "/dev/zero", 1);
    cr_assert_neq(brun_gh_event_load(&e, why, sizeof why), 0);
    cr_assert(strstr(why, "/dev/zero: not a regular file"), "%s", why);
}

Test(github_http, link_headers_give_the_next_page)
{
    char *next = brun_gh_link_next(
        "<https://api.github.com/repositories/1/issues/2/comments?page=1>; "
        "rel=\"prev\", <https://api.github.com/repositories/1/issues/2/"
        "comments?page=3>; rel=\"next\", <https://api.github.com/"
        "repositories/1/issues/2/comments?page=9>; rel=\"last\"");
    cr_assert_str_eq(next, "https://api.github.com/repositories/1/issues/2/"
                           "comments?page=3");
    free(next);
    cr_assert_null(brun_gh_link_next("<https://x/?page=1>; rel=\"first\""));
    cr_assert_null(brun_gh_link_next(""));
}

Test(github_http, only_https_or_loopback_http_is_allowed)
{
    struct brun_github_settings s;
    char why[512];
    brun_github_settings_init(&s);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    const char *allowed[] = {
        "https://api.github.com", "https://ghe.example.com/api/v3/",
        "http://127.0.0.1:8080", "http://[::1]:9", "http://localhost:1"};
    const char *refused[] = {"http://api.github.com",
                             "http://127.0.0.1.example.com", "ftp://127.0.0.1/",
                             "file:///etc/passwd", "not a url"};
    for (size_t i = 0; i < 5; i++) {
        struct brun_gh_client *c =
            brun_gh_client_new(allowed[i], "t", &s, why, sizeof why);
        cr_assert_not_null(c, "%s: %s", allowed[i], why);
        brun_gh_client_free(c);
        c = brun_gh_client_new(refused[i], "t", &s, why, sizeof why);
        cr_assert_null(c, "%s accepted", refused[i]);
    }
    cr_assert_null(brun_gh_client_new("https://api.github.com", "a\nb", &s, why,
                                      sizeof why),
                   "no header injection through the token");
    curl_global_cleanup();
}

Test(github_http, credentials_in_the_api_url_are_never_echoed)
{
    struct brun_github_settings s;
    char why[512];
    brun_github_settings_init(&s);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    const char *urls[] = {"https://someone:hunter2@api.github.com/",
                          "https://hunter2@api.github.com/",
                          "http://example.com/api?access_token=hunter2",
                          "hunter2 is not a url"};
    for (size_t i = 0; i < 4; i++) {
        why[0] = '\0';
        cr_assert_null(brun_gh_client_new(urls[i], "t", &s, why, sizeof why),
                       "%s accepted", urls[i]);
        cr_assert(why[0], "%s: no reason given", urls[i]);
        cr_assert_null(strstr(why, "hunter2"), "%s", why);
        cr_assert_null(strstr(why, "someone"), "%s", why);
    }
    curl_global_cleanup();
}

Test(github_http, settings_come_from_the_environment_when_valid)
{
    struct brun_github_settings s;
    setenv("BENCHRUN_GITHUB_TIMEOUT", "0.5", 1);
    setenv("BENCHRUN_GITHUB_ATTEMPTS", "2", 1);
    setenv("BENCHRUN_GITHUB_BACKOFF", "banana", 1);
    brun_github_settings_init(&s);
    cr_assert_float_eq(s.timeout_s, 0.5, 1e-12);
    cr_assert_eq(s.max_attempts, 2);
    cr_assert_float_eq(s.backoff_s, 1, 1e-12, "malformed: the default");
    cr_assert_eq(s.parts, BRUN_GH_PART_ALL);
    unsetenv("BENCHRUN_GITHUB_TIMEOUT");
    unsetenv("BENCHRUN_GITHUB_ATTEMPTS");
    unsetenv("BENCHRUN_GITHUB_BACKOFF");
    brun_github_settings_init(&s);
    cr_assert_float_eq(s.timeout_s, 10, 1e-12);
    cr_assert_eq(s.max_attempts, 4);
}
