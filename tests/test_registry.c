/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/* test_registry.c: cases from several files register themselves;
 * parameterized cases expand to named instances; bad registrations are
 * refused with the case's file and line. */
#include "config.h"

#include <benchrun.h>
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "lib/registry.h"

static void noop(struct benchrun_state *st)
{
    (void)st;
}

static struct brun_instance *instances(size_t *count)
{
    struct brun_instance *v;
    char err[256];
    cr_assert_eq(brun_registry_instances(&v, count, err, sizeof err), 0, "%s",
                 err);
    return v;
}

Test(registry, cases_from_two_files_are_all_found_in_order)
{
    static const char *expected[] = {
        "alpha/listed/0",      "alpha/listed/50",      "alpha/listed/150",
        "alpha/plain",         "beta/multiplied/8",    "beta/multiplied/64",
        "beta/multiplied/512", "beta/multiplied/1000", "beta/stepped/0",
        "beta/stepped/25",     "beta/stepped/50",      "beta/stepped/75",
        "beta/stepped/100"};
    size_t n;
    struct brun_instance *v = instances(&n);
    cr_assert_eq(n, sizeof expected / sizeof expected[0]);
    for (size_t i = 0; i < n; i++)
        cr_assert_str_eq(v[i].name, expected[i], "instance %zu", i);
    free(v);
}

Test(registry, arguments_and_options_reach_the_instance)
{
    size_t n;
    struct brun_instance *v = instances(&n);
    const struct brun_instance *in =
        brun_registry_find(v, n, "alpha/listed/150");
    cr_assert_not_null(in);
    cr_assert_eq(in->arg, 150);
    cr_assert_eq(in->has_arg, 1);
    in = brun_registry_find(v, n, "beta/multiplied/1000");
    cr_assert_not_null(in);
    cr_assert_eq(in->def->bytes, 3.0);
    cr_assert(strstr(in->def->file, "registry_cases_b.c") != NULL);
    cr_assert_null(brun_registry_find(v, n, "beta/multiplied/9"));
    free(v);
}

Test(registry, duplicate_names_are_refused_with_both_places)
{
    static struct benchrun_case dup = {.struct_size =
                                           sizeof(struct benchrun_case),
                                       .group = "alpha",
                                       .name = "plain",
                                       .file = "elsewhere.c",
                                       .line = 7,
                                       .fn = noop};
    struct brun_instance *v;
    size_t n;
    char err[256];
    benchrun_register(&dup);
    cr_assert_eq(brun_registry_instances(&v, &n, err, sizeof err), -1);
    cr_assert(strstr(err, "alpha/plain") && strstr(err, "elsewhere.c:7") &&
                  strstr(err, "registry_cases_a.c"),
              "%s", err);
}

Test(registry, registering_twice_is_harmless)
{
    static struct benchrun_case once = {.struct_size =
                                            sizeof(struct benchrun_case),
                                        .group = "gamma",
                                        .name = "once",
                                        .file = "x.c",
                                        .line = 1,
                                        .fn = noop};
    size_t before, after;
    free(instances(&before));
    benchrun_register(&once);
    benchrun_register(&once);
    free(instances(&after));
    cr_assert_eq(after, before + 1);
}

/* Registers c alone and expects a refusal mentioning `fragment`. */
static void expect_refusal(struct benchrun_case *c, const char *fragment)
{
    struct brun_instance *v;
    size_t n;
    char err[256] = "";
    brun_registry_clear();
    benchrun_register(c);
    cr_assert_eq(brun_registry_instances(&v, &n, err, sizeof err), -1,
                 "accepted a case that should be refused (%s)", fragment);
    cr_assert(strstr(err, fragment) != NULL, "message \"%s\" lacks \"%s\"", err,
              fragment);
    cr_assert(strstr(err, "bad.c:") != NULL, "no file:line in \"%s\"", err);
}

Test(registry, bad_descriptions_are_refused)
{
    static const long long args[] = {1, 2};
    struct benchrun_case base = {.struct_size = sizeof(struct benchrun_case),
                                 .group = "bad",
                                 .name = "case",
                                 .file = "bad.c",
                                 .line = 3,
                                 .fn = noop};
    struct benchrun_case c = base;
    c.struct_size = 8;
    expect_refusal(&c, "another benchrun.h");
    c = base;
    c.args = args;
    c.arg_count = 2;
    c.range = (struct benchrun_range){1, 5, 1, 0};
    expect_refusal(&c, "not both");
    c = base;
    c.range = (struct benchrun_range){0, 5, 0, 2};
    expect_refusal(&c, "start at 1");
    c = base;
    c.range = (struct benchrun_range){9, 5, 1, 0};
    expect_refusal(&c, "ends before");
    c = base;
    c.range = (struct benchrun_range){1, 5, 0, 1};
    expect_refusal(&c, "at least 2");
    c = base;
    c.range = (struct benchrun_range){0, 100000, 1, 0};
    expect_refusal(&c, "more than");
}
