/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/* test_registry.c: cases from several files register themselves;
 * parameterized cases expand to named instances (BENCH_ARGS and ranges
 * sorted by argument, BENCH_PARAMS products and BENCH_THREADS counts in
 * declared order); group fixtures attach to their group's instances; bad
 * registrations are refused with the case's or fixture's file and line. */
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

Test(registry, parameters_expand_to_their_product_in_declared_order)
{
    static const long long sizes[] = {64, 8};
    static const char *const orders[] = {"up", "down"};
    static const struct benchrun_param params[] = {
        {.name = "size", .values = sizes, .value_count = 2},
        {.name = "order", .strings = orders, .string_count = 2},
        {.name = "block", .range = {1, 4, 0, 2}}};
    static const int threads[] = {1, 4};
    static struct benchrun_case c = {.struct_size =
                                         sizeof(struct benchrun_case),
                                     .group = "p",
                                     .name = "prod",
                                     .file = "p.c",
                                     .line = 1,
                                     .fn = noop,
                                     .params = params,
                                     .param_count = 3,
                                     .threads = threads,
                                     .thread_count = 2};
    brun_registry_clear();
    benchrun_register(&c);
    size_t n;
    struct brun_instance *v = instances(&n);
    cr_assert_eq(n, 2 * 2 * 3 * 2);
    /* The first parameter varies slowest, threads fastest; declared
     * order, not sorted (64 before 8). */
    cr_assert_str_eq(v[0].name, "p/prod/size:64/order:up/block:1/threads:1");
    cr_assert_str_eq(v[1].name, "p/prod/size:64/order:up/block:1/threads:4");
    cr_assert_str_eq(v[2].name, "p/prod/size:64/order:up/block:2/threads:1");
    cr_assert_str_eq(v[6].name, "p/prod/size:64/order:down/block:1/threads:1");
    cr_assert_str_eq(v[23].name, "p/prod/size:8/order:down/block:4/threads:4");
    const struct brun_instance *in =
        brun_registry_find(v, n, "p/prod/size:8/order:up/block:2/threads:4");
    cr_assert_not_null(in);
    cr_assert_eq(in->param_int[0], 8);
    cr_assert_str_eq(in->param_str[1], "up");
    cr_assert_eq(in->param_int[2], 2);
    cr_assert_eq(in->threads, 4);
    cr_assert_eq(in->arg, 2, "the last integer parameter");
    cr_assert_eq(in->has_arg, 0, "a name ending with threads: no family");
    free(v);
}

Test(registry, a_name_ending_with_an_integer_parameter_is_a_family_point)
{
    static const char *const kinds[] = {"a", "b"};
    static const long long ns[] = {10, 20};
    static const struct benchrun_param ends_int[] = {
        {.name = "kind", .strings = kinds, .string_count = 2},
        {.name = "n", .values = ns, .value_count = 2}};
    static const struct benchrun_param ends_str[] = {
        {.name = "n", .values = ns, .value_count = 2},
        {.name = "kind", .strings = kinds, .string_count = 2}};
    static struct benchrun_case a = {.struct_size =
                                         sizeof(struct benchrun_case),
                                     .group = "f",
                                     .name = "int_last",
                                     .file = "f.c",
                                     .line = 1,
                                     .fn = noop,
                                     .params = ends_int,
                                     .param_count = 2};
    static struct benchrun_case b = {.struct_size =
                                         sizeof(struct benchrun_case),
                                     .group = "f",
                                     .name = "str_last",
                                     .file = "f.c",
                                     .line = 2,
                                     .fn = noop,
                                     .params = ends_str,
                                     .param_count = 2};
    brun_registry_clear();
    benchrun_register(&a);
    benchrun_register(&b);
    size_t n;
    struct brun_instance *v = instances(&n);
    const struct brun_instance *in =
        brun_registry_find(v, n, "f/int_last/kind:b/n:20");
    cr_assert_not_null(in);
    cr_assert(in->has_arg && in->arg == 20 && in->threads == 1);
    in = brun_registry_find(v, n, "f/str_last/n:10/kind:a");
    cr_assert_not_null(in);
    cr_assert(!in->has_arg && in->arg == 10);
    free(v);
}

Test(registry, bad_parameters_and_thread_counts_are_refused)
{
    static const long long one[] = {1};
    static const char *const spaced[] = {"has space"};
    static const char *const slashed[] = {"a/b"};
    static const int zero_threads[] = {0};
    struct benchrun_param p[2] = {
        {.name = "size", .values = one, .value_count = 1}};
    struct benchrun_case base = {.struct_size = sizeof(struct benchrun_case),
                                 .group = "bad",
                                 .name = "case",
                                 .file = "bad.c",
                                 .line = 3,
                                 .fn = noop,
                                 .params = p,
                                 .param_count = 1};
    struct benchrun_case c = base;
    p[0].name = "2fast";
    expect_refusal(&c, "C identifier");
    p[0].name = "threads";
    expect_refusal(&c, "is taken");
    p[0] = (struct benchrun_param){
        .name = "s", .strings = spaced, .string_count = 1};
    expect_refusal(&c, "string value");
    p[0].strings = slashed;
    expect_refusal(&c, "string value");
    p[0] = (struct benchrun_param){.name = "s"};
    expect_refusal(&c, "exactly one");
    p[0] = (struct benchrun_param){
        .name = "s", .values = one, .value_count = 1, .range = {1, 2, 1, 0}};
    expect_refusal(&c, "exactly one");
    p[0] = (struct benchrun_param){.name = "s", .range = {5, 1, 1, 0}};
    expect_refusal(&c, "ends before");
    p[0] =
        (struct benchrun_param){.name = "s", .values = one, .value_count = 1};
    p[1] = p[0];
    c.param_count = 2;
    expect_refusal(&c, "same name");
    c = base;
    p[0] =
        (struct benchrun_param){.name = "s", .values = one, .value_count = 1};
    c.args = one;
    c.arg_count = 1;
    expect_refusal(&c, "not both");
    c = base;
    c.params = NULL;
    c.param_count = 0;
    c.threads = zero_threads;
    c.thread_count = 1;
    expect_refusal(&c, "BENCH_THREADS value 0");
    c.range = (struct benchrun_range){1, 3000, 1, 0};
    static const int two[] = {1, 2};
    c.threads = two;
    c.thread_count = 2;
    expect_refusal(&c, "more than 4096 instances");
}

static void *fixture_setup(struct benchrun_state *st)
{
    (void)st;
    return NULL;
}

Test(registry, fixtures_attach_to_their_group_and_bad_ones_are_refused)
{
    static struct benchrun_case a = {.struct_size =
                                         sizeof(struct benchrun_case),
                                     .group = "fx",
                                     .name = "one",
                                     .file = "fx.c",
                                     .line = 1,
                                     .fn = noop};
    static struct benchrun_case other = {.struct_size =
                                             sizeof(struct benchrun_case),
                                         .group = "plain",
                                         .name = "two",
                                         .file = "fx.c",
                                         .line = 2,
                                         .fn = noop};
    static struct benchrun_fixture f = {.struct_size =
                                            sizeof(struct benchrun_fixture),
                                        .group = "fx",
                                        .file = "fx.c",
                                        .line = 9,
                                        .setup = fixture_setup};
    static struct benchrun_fixture again = {.struct_size =
                                                sizeof(struct benchrun_fixture),
                                            .group = "fx",
                                            .file = "fx2.c",
                                            .line = 4,
                                            .setup = fixture_setup};
    static struct benchrun_fixture orphan = {
        .struct_size = sizeof(struct benchrun_fixture),
        .group = "nobody",
        .file = "fx3.c",
        .line = 5,
        .setup = fixture_setup};
    struct brun_instance *v;
    size_t n;
    char err[256] = "";

    brun_registry_clear();
    benchrun_register(&a);
    benchrun_register(&other);
    benchrun_register_fixture(&f);
    v = instances(&n);
    cr_assert_eq(brun_registry_find(v, n, "fx/one")->fixture, &f);
    cr_assert_null(brun_registry_find(v, n, "plain/two")->fixture);
    free(v);

    benchrun_register_fixture(&again);
    cr_assert_eq(brun_registry_instances(&v, &n, err, sizeof err), -1);
    cr_assert(strstr(err, "two fixtures") && strstr(err, "fx.c:9") &&
                  strstr(err, "fx2.c:4"),
              "%s", err);

    brun_registry_clear();
    benchrun_register(&a);
    benchrun_register_fixture(&orphan);
    cr_assert_eq(brun_registry_instances(&v, &n, err, sizeof err), -1);
    cr_assert(strstr(err, "fx3.c:5") && strstr(err, "no case"), "%s", err);
}
