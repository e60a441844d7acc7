/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/* test_worker.c: the bench executable's side of the protocol, driven
 * in-process through pipes: greeting, listing, running, and clear errors
 * for commands it cannot follow. */
#include "config.h"

#include <benchrun.h>
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/protocol.h"
#include "lib/worker.h"

BENCH(work, counted, .items = 2)
{
    BENCH_LOOP(st) {
    }
}

BENCH(work, failing)
{
    BENCH_FAIL(st, "broken on purpose");
}

BENCH(work, sized, BENCH_ARGS(-3, 7), .arg_name = "vars")
{
    BENCH_LOOP(st) {
    }
}

/* Sends command (NULL: close at once), serves it, returns all answers. */
static char *converse(const char *command, int *status)
{
    int cmd[2], res[2];
    cr_assert_eq(pipe(cmd), 0);
    cr_assert_eq(pipe(res), 0);
    if (command) {
        ssize_t n = write(cmd[1], command, strlen(command));
        cr_assert_eq(n, (ssize_t)strlen(command));
    }
    close(cmd[1]);
    *status = brun_worker_serve(cmd[0], res[1]);
    close(cmd[0]);
    close(res[1]);
    static char buf[65536];
    size_t len = 0;
    ssize_t n;
    while ((n = read(res[0], buf + len, sizeof buf - 1 - len)) > 0)
        len += (size_t)n;
    buf[len] = '\0';
    close(res[0]);
    return buf;
}

Test(worker, greets_with_the_protocol_version_first)
{
    int status;
    char *out = converse(NULL, &status);
    char expected[64];
    snprintf(expected, sizeof expected, "HELLO %d %s\n", BRUN_PROTOCOL_VERSION,
             BENCHRUN_VERSION);
    cr_assert_str_eq(out, expected);
    cr_assert_eq(status, 0);
}

Test(worker, lists_every_case_then_the_count)
{
    int status;
    char *out = converse("LIST\n", &status);
    cr_assert_eq(status, 0);
    cr_assert(strstr(out, "\nCASE work/counted "), "%s", out);
    cr_assert(strstr(out, "\nCASE work/failing "), "%s", out);
    cr_assert(strstr(out, "test_worker.c"), "%s", out);
    cr_assert(strstr(out, "\nLISTED 4\n"), "%s", out);
}

/* The fields of the CASE line of instance name in out (a copy that
 * msg's fields point into). */
static void case_fields(const char *out, const char *name, char *copy,
                        size_t size, struct brun_proto_msg *msg)
{
    char prefix[128];
    snprintf(prefix, sizeof prefix, "CASE %s ", name);
    const char *at = strstr(out, prefix);
    cr_assert_not_null(at, "no %s in %s", name, out);
    size_t len = strcspn(at, "\n");
    cr_assert_lt(len, size);
    memcpy(copy, at, len);
    copy[len] = '\0';
    char why[128];
    cr_assert_eq(brun_proto_parse(copy, msg, why, sizeof why), 0, "%s", why);
}

Test(worker, case_lines_carry_the_argument_its_unit_and_the_threads)
{
    int status;
    char *out = converse("LIST\n", &status);
    cr_assert_eq(status, 0);
    char copy[1024];
    struct brun_proto_msg m;
    case_fields(out, "work/sized/-3", copy, sizeof copy, &m);
    cr_assert_eq(m.count, 12);
    cr_assert_str_eq(m.fields[8], "1");
    cr_assert_str_eq(m.fields[9], "-3");
    cr_assert_str_eq(m.fields[10], "vars");
    cr_assert_str_eq(m.fields[11], "1", "one thread");
    case_fields(out, "work/sized/7", copy, sizeof copy, &m);
    cr_assert_str_eq(m.fields[9], "7");
    case_fields(out, "work/counted", copy, sizeof copy, &m);
    cr_assert_eq(m.count, 12);
    cr_assert_str_eq(m.fields[8], "0");
    cr_assert_str_eq(m.fields[9], "0");
    cr_assert_str_eq(m.fields[10], "");
}

Test(worker, runs_a_case_and_reports_its_samples)
{
    int status;
    char *out = converse("RUN work/counted 0 500 4 0 0\n", &status);
    cr_assert_eq(status, 0);
    size_t samples = 0;
    for (char *p = out; (p = strstr(p, "\nSAMPLE 500 ")); p++)
        samples++;
    cr_assert_eq(samples, 4, "%s", out);
    cr_assert(strstr(out, "\nDONE ok\n"), "%s", out);
    /* .items = 2 travels as the bits of 2.0. */
    cr_assert(strstr(out, "THROUGHPUT x0000000000000000 x4000000000000000"),
              "%s", out);
}

Test(worker, a_failing_case_says_why)
{
    int status;
    char *out = converse("RUN work/failing 0 10 1 0 0\n", &status);
    cr_assert(strstr(out, "\nDONE fail broken%20on%20purpose\n"), "%s", out);
}

Test(worker, bad_commands_get_an_error_message)
{
    static const struct {
        const char *command;
        const char *words;
    } cases[] = {{"RUN work/missing 0 10 1 0 0\n", "no%20case%20named"},
                 {"RUN work/counted 0 ten 1 0 0\n", "malformed%20number"},
                 {"RUN work/counted 0 10\n", "needs%206%20or%207%20fields"},
                 {"RUN work/counted 0 10 1 0 0 frob\n", "unknown%20probe"},
                 {"RUN work/counted 0 10 1 0 0 alloc\n",
                  "allocation%20counter%20is%20not%20loaded"},
                 {"RUN work/counted 9 10 1 0 0\n", "malformed"},
                 {"FROB\n", "unknown%20command"},
                 {"RUN %zz\n", "malformed%20command"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int status;
        char *out = converse(cases[i].command, &status);
        cr_assert(strstr(out, "\nERROR "), "no ERROR for %s", cases[i].command);
        cr_assert(strstr(out, cases[i].words), "%s", out);
        cr_assert_eq(status, 1);
    }
}
