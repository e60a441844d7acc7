/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/* test_profile_read.c: the profile readers of runner/diagnose/ on real
 * output (valgrind's callgrind and perf run on tests/profile_target,
 * whose slow_part does twice fast_part's work inside a region bracketed
 * by CALLGRIND_TOGGLE_COLLECT), on hand-written callgrind files
 * (tests/fixtures/profile/) and perf script text, and the ranking of
 * the functions that grew.  A test that needs valgrind or perf skips
 * when the tool is missing or cannot record here. */
#include "config.h"

#include <criterion/criterion.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "runner/diagnose/callgrind_read.h"
#include "runner/diagnose/perf_read.h"
#include "runner/diagnose/rank.h"
#include "tests/helpers.h"

static char *scratch;

static void setup(void)
{
    scratch = make_scratch_dir();
    cr_assert_not_null(scratch);
}

static void teardown(void)
{
    free(scratch);
}

TestSuite(callgrind, .init = setup, .fini = teardown, .timeout = 120,
          .disabled = BRUN_TEST_ASAN);
TestSuite(perf, .init = setup, .fini = teardown, .timeout = 120);
TestSuite(rank);

/* The full path of a program on PATH, in a static buffer, or NULL. */
static const char *on_path(const char *name)
{
    static char found[4096];
    const char *path = getenv("PATH");
    if (!path)
        path = "/usr/bin:/bin";
    while (*path) {
        size_t len = strcspn(path, ":");
        snprintf(found, sizeof found, "%.*s/%s", (int)len, path, name);
        if (len && access(found, X_OK) == 0)
            return found;
        path += len + (path[len] == ':');
    }
    return NULL;
}

static const struct brun_profile_function *
function(const struct brun_profile *p, const char *name)
{
    for (size_t i = 0; i < p->function_count; i++)
        if (strcmp(p->functions[i].name, name) == 0)
            return &p->functions[i];
    return NULL;
}

static double self_of(const struct brun_profile *p, const char *name)
{
    const struct brun_profile_function *f = function(p, name);
    cr_assert_not_null(f, "no function %s in the profile", name);
    return f->self;
}

static double stack_count(const struct brun_profile *p, const char *stack)
{
    for (size_t i = 0; i < p->stack_count; i++)
        if (strcmp(p->stacks[i], stack) == 0)
            return p->stack_counts[i];
    return 0;
}

/* The count of the stacks "...main;...;leaf" (main anywhere above). */
static double count_main_to(const struct brun_profile *p, const char *leaf)
{
    double sum = 0;
    size_t n = strlen(leaf);
    for (size_t i = 0; i < p->stack_count; i++) {
        const char *s = p->stacks[i];
        size_t len = strlen(s);
        if ((strncmp(s, "main;", 5) == 0 || strstr(s, ";main;")) && len > n &&
            strcmp(s + len - n, leaf) == 0 && s[len - n - 1] == ';')
            sum += p->stack_counts[i];
    }
    return sum;
}

static void check_inclusive_at_least_self(const struct brun_profile *p)
{
    for (size_t i = 0; i < p->function_count; i++) {
        cr_expect_geq(p->functions[i].inclusive, p->functions[i].self, "%s",
                      p->functions[i].name);
        /* Recursion through other frames is not counted twice. */
        cr_expect_leq(p->functions[i].inclusive, p->total, "%s",
                      p->functions[i].name);
    }
    for (size_t i = 1; i < p->function_count; i++)
        cr_expect_geq(p->functions[i - 1].self, p->functions[i].self,
                      "functions sorted by self cost");
}

/* Runs tests/profile_target ROUNDS under callgrind with the extra
 * options (NULL-terminated) and reads the output into p. */
static void callgrind(struct brun_profile *p, const char *rounds, ...)
{
    const char *valgrind = on_path("valgrind");
    if (!valgrind)
        cr_skip_test("valgrind is not installed");
    char *argv[16];
    size_t n = 0;
    char out_opt[4300], out_file[4200];
    snprintf(out_file, sizeof out_file, "%s/callgrind.out", scratch);
    snprintf(out_opt, sizeof out_opt, "--callgrind-out-file=%s", out_file);
    argv[n++] = strdup(valgrind);
    argv[n++] = strdup("--tool=callgrind");
    argv[n++] = strdup(out_opt);
    va_list ap;
    va_start(ap, rounds);
    for (const char *a; (a = va_arg(ap, const char *)) && n < 12;)
        argv[n++] = strdup(a);
    va_end(ap);
    argv[n++] = strdup(build_path("tests/profile_target"));
    argv[n++] = strdup(rounds);
    argv[n] = NULL;
    struct command_result r;
    cr_assert_eq(run_command(argv, NULL, 100, &r), 0, "cannot run valgrind");
    cr_assert_eq(r.status, 0, "valgrind failed: %s", r.err);
    command_result_free(&r);
    for (size_t i = 0; i < n; i++)
        free(argv[i]);
    char why[512];
    cr_assert_eq(brun_callgrind_read(out_file, p, why, sizeof why), 0, "%s",
                 why);
}

Test(callgrind, region_counts_slow_part_as_two_thirds_of_the_work)
{
    struct brun_profile p;
    callgrind(&p, "200", "--collect-atstart=no", "--separate-callers=12", NULL);
    double slow = self_of(&p, "slow_part"), fast = self_of(&p, "fast_part");
    cr_expect(fabs(slow / (slow + fast) - 2.0 / 3) < 0.01 * 2.0 / 3,
              "slow %.0f, fast %.0f", slow, fast);
    /* setup_part runs before the region starts. */
    cr_expect_null(function(&p, "setup_part"));
    cr_expect_geq(p.total, slow + fast);
    cr_expect_gt(count_main_to(&p, "slow_part"), 0.99 * slow,
                 "stacks main;...;slow_part carry slow_part's cost");
    double sum = 0;
    for (size_t i = 0; i < p.stack_count; i++)
        sum += p.stack_counts[i];
    cr_expect_eq(sum, p.total, "the stacks add up to the total");
    const struct brun_profile_function *m = function(&p, "main");
    cr_assert_not_null(m);
    cr_expect_geq(m->inclusive, slow + fast);
    check_inclusive_at_least_self(&p);
    brun_profile_release(&p);
}

Test(callgrind, counts_are_identical_over_two_runs)
{
    struct brun_profile a, b;
    callgrind(&a, "50", "--collect-atstart=no", NULL);
    callgrind(&b, "50", "--collect-atstart=no", NULL);
    cr_expect_eq(a.total, b.total);
    cr_expect_eq(self_of(&a, "slow_part"), self_of(&b, "slow_part"));
    cr_expect_eq(self_of(&a, "fast_part"), self_of(&b, "fast_part"));
    cr_expect_eq(a.function_count, b.function_count);
    brun_profile_release(&a);
    brun_profile_release(&b);
}

Test(callgrind, collecting_from_the_start_inverts_the_region)
{
    /* The default --collect-atstart=yes: the toggles switch counting off
     * for the region, so setup code is counted and the rounds are not. */
    struct brun_profile p;
    callgrind(&p, "50", NULL);
    cr_expect_gt(self_of(&p, "setup_part"), 0);
    cr_expect_null(function(&p, "slow_part"));
    cr_expect_null(function(&p, "fast_part"));
    brun_profile_release(&p);
}

Test(callgrind, per_instruction_positions_give_the_same_costs)
{
    struct brun_profile a, b;
    callgrind(&a, "50", "--collect-atstart=no", NULL);
    callgrind(&b, "50", "--collect-atstart=no", "--dump-instr=yes",
              "--collect-jumps=yes", NULL);
    cr_expect_eq(self_of(&a, "slow_part"), self_of(&b, "slow_part"));
    cr_expect_eq(self_of(&a, "fast_part"), self_of(&b, "fast_part"));
    cr_expect_eq(a.total, b.total);
    brun_profile_release(&a);
    brun_profile_release(&b);
}

static void read_fixture(const char *name, struct brun_profile *p)
{
    char path[4200], why[512];
    snprintf(path, sizeof path, "%s/%s", source_path("tests/fixtures/profile"),
             name);
    cr_assert_eq(brun_callgrind_read(path, p, why, sizeof why), 0, "%s", why);
}

Test(callgrind, compressed_names_are_resolved_and_summed)
{
    struct brun_profile p;
    read_fixture("compressed.out", &p);
    cr_assert_eq(p.function_count, 3);
    cr_expect_str_eq(p.functions[0].name, "work");
    cr_expect_eq(p.functions[0].self, 900);
    cr_expect_eq(p.functions[0].inclusive, 900);
    cr_expect_str_eq(p.functions[1].name, "main");
    cr_expect_eq(p.functions[1].self, 60);
    cr_expect_eq(p.functions[1].inclusive, 960);
    cr_expect_str_eq(p.functions[2].name, "(below main)");
    cr_expect_eq(p.functions[2].self, 40);
    cr_expect_eq(p.total, 1000, "summary: without totals:");
    cr_expect_eq(stack_count(&p, "work"), 900);
    brun_profile_release(&p);
}

Test(callgrind, subpositions_are_read_past_and_only_the_first_event_counts)
{
    struct brun_profile p;
    read_fixture("subpositions.out", &p);
    cr_assert_eq(p.function_count, 2);
    cr_expect_str_eq(p.functions[0].name, "hot");
    cr_expect_eq(p.functions[0].self, 180);
    cr_expect_str_eq(p.functions[1].name, "cold");
    cr_expect_eq(p.functions[1].self, 20);
    cr_expect_eq(p.total, 200);
    brun_profile_release(&p);
}

Test(callgrind, calls_add_to_the_caller_and_contexts_fold_root_first)
{
    struct brun_profile p;
    read_fixture("calls.out", &p);
    const struct brun_profile_function *m = function(&p, "main"),
                                       *l = function(&p, "leaf"),
                                       *f = function(&p, "fib");
    cr_assert(m && l && f);
    cr_expect_eq(m->self, 5);
    cr_expect_eq(m->inclusive, 175);
    cr_expect_eq(l->self, 100);
    cr_expect_eq(l->inclusive, 100);
    /* fib and its recursion level fib'2 are one function; its calls to
     * itself are inside its inclusive cost already. */
    cr_expect_eq(f->self, 70);
    cr_expect_eq(f->inclusive, 70);
    cr_expect_eq(p.function_count, 3);
    cr_expect_eq(stack_count(&p, "(below main);main"), 5);
    cr_expect_eq(stack_count(&p, "(below main);main;leaf"), 100);
    cr_expect_eq(stack_count(&p, "(below main);main;fib"), 70);
    cr_expect_eq(p.stack_count, 3);
    cr_expect_eq(p.total, 175);
    brun_profile_release(&p);
}

static void expect_error(const char *name, const char *message)
{
    char path[4200], why[512];
    struct brun_profile p;
    snprintf(path, sizeof path, "%s/%s", source_path("tests/fixtures/profile"),
             name);
    cr_assert_eq(brun_callgrind_read(path, &p, why, sizeof why), -1);
    cr_expect_null(p.functions);
    cr_expect_eq(p.function_count, 0);
    char expected[4400];
    snprintf(expected, sizeof expected, "%s%s", path, message);
    cr_expect_str_eq(why, expected);
    cr_expect_null(strchr(why, '\n'));
}

Test(callgrind, errors_name_the_file_and_line)
{
    expect_error("missing.out", ": No such file or directory");
    expect_error("no_events.out", ":1: not a callgrind file (no events: line)");
    expect_error("malformed.out", ":6: malformed cost line");
    expect_error("undefined_id.out",
                 ":3: function (9) used before it is named");
}

/* perf record -o FILE -F 4000 [extra] tests/profile_target ROUNDS, then
 * perf script through brun_perf_script_run, read into p. */
static void perf(struct brun_profile *p, const char *extra)
{
    const char *perf_path = on_path("perf");
    if (!perf_path)
        cr_skip_test("perf is not installed");
    char perf_bin[4096];
    snprintf(perf_bin, sizeof perf_bin, "%s", perf_path);
    char data[4200];
    snprintf(data, sizeof data, "%s/perf.data", scratch);
    char *argv[12];
    size_t n = 0;
    argv[n++] = strdup(perf_bin);
    argv[n++] = strdup("record");
    argv[n++] = strdup("-o");
    argv[n++] = strdup(data);
    argv[n++] = strdup("-F");
    argv[n++] = strdup("4000");
    if (extra)
        argv[n++] = strdup(extra);
    argv[n++] = strdup(build_path("tests/profile_target"));
    argv[n++] = strdup("10000");
    argv[n] = NULL;
    struct command_result r;
    cr_assert_eq(run_command(argv, NULL, 100, &r), 0, "cannot run perf");
    for (size_t i = 0; i < n; i++)
        free(argv[i]);
    if (r.status != 0) {
        char reason[300];
        snprintf(reason, sizeof reason, "perf cannot record here: %.200s",
                 r.err);
        command_result_free(&r);
        cr_skip_test("%s", reason);
    }
    command_result_free(&r);
    char *text, why[512];
    cr_assert_eq(brun_perf_script_run(data, perf_bin, &text, why, sizeof why),
                 0, "%s", why);
    cr_assert_eq(brun_perf_script_read(text, p, why, sizeof why), 0, "%s", why);
    free(text);
}

static void expect_two_thirds(const struct brun_profile *p)
{
    double slow = self_of(p, "slow_part"), fast = self_of(p, "fast_part");
    cr_expect(fabs(slow / (slow + fast) - 2.0 / 3) < 0.1 * 2.0 / 3,
              "slow %.0f, fast %.0f", slow, fast);
}

Test(perf, samples_put_two_thirds_in_slow_part)
{
    struct brun_profile p;
    perf(&p, NULL);
    expect_two_thirds(&p);
    /* Without call graphs each stack is one frame. */
    for (size_t i = 0; i < p.stack_count; i++)
        cr_expect_null(strchr(p.stacks[i], ';'), "%s", p.stacks[i]);
    cr_expect_eq(stack_count(&p, "slow_part"), self_of(&p, "slow_part"));
    check_inclusive_at_least_self(&p);
    brun_profile_release(&p);
}

Test(perf, call_graphs_fold_main_above_slow_part)
{
    struct brun_profile p;
    perf(&p, "-g");
    expect_two_thirds(&p);
    double slow = self_of(&p, "slow_part");
    cr_expect_gt(count_main_to(&p, "slow_part"), 0.9 * slow,
                 "stacks main;...;slow_part");
    const struct brun_profile_function *m = function(&p, "main");
    cr_assert_not_null(m);
    cr_expect_geq(m->inclusive, 0.9 * (slow + self_of(&p, "fast_part")));
    check_inclusive_at_least_self(&p);
    double sum = 0;
    for (size_t i = 0; i < p.stack_count; i++)
        sum += p.stack_counts[i];
    cr_expect_eq(sum, p.total);
    brun_profile_release(&p);
}

Test(perf, script_failures_come_back_as_one_line)
{
    char *text = (char *)"unchanged", why[512];
    const char *perf_path = on_path("perf");
    if (perf_path) {
        char missing[4200];
        snprintf(missing, sizeof missing, "%s/none.data", scratch);
        cr_expect_eq(
            brun_perf_script_run(missing, perf_path, &text, why, sizeof why),
            -1);
        cr_expect_null(text);
        cr_expect_neq(strstr(why, "none.data"), NULL, "%s", why);
        cr_expect_null(strchr(why, '\n'));
    }
    cr_expect_eq(brun_perf_script_run("x.data", "/nonexistent/perf", &text, why,
                                      sizeof why),
                 -1);
    cr_expect_null(text);
    cr_expect_neq(strstr(why, "/nonexistent/perf"), NULL, "%s", why);
}

Test(perf, flat_samples_count_their_period)
{
    const char *text =
        "   Web Content  123 [001] 100.000001:     250000 cpu-clock:ppp:  "
        "55d0 slow_part+0x17 (/tmp/prog)\n"
        "   Web Content  123 [001] 100.000002:     250000 cpu-clock:ppp:  "
        "55d4 slow_part+0x1b (/tmp/prog)\n"
        "   Web Content  123 [001] 100.000003:     500000 cpu-clock:ppp:  "
        "ffff1 [unknown] (/usr/lib/libfoo.so.1)\n"
        "   Web Content  123 [001] 100.000004:     250000 cpu-clock:ppp:  "
        "0 [unknown] ([unknown])\n"
        "   Web Content  123 [001] 100.000005:     250000 cpu-clock:ppp:  "
        "ffffffff81 [unknown] ([kernel.kallsyms])\n";
    struct brun_profile p;
    char why[256];
    cr_assert_eq(brun_perf_script_read(text, &p, why, sizeof why), 0, "%s",
                 why);
    cr_expect_eq(p.total, 1500000);
    cr_expect_eq(self_of(&p, "slow_part"), 500000);
    cr_expect_eq(self_of(&p, "[libfoo.so.1]"), 500000);
    cr_expect_eq(self_of(&p, "[unknown]"), 250000);
    cr_expect_eq(self_of(&p, "[kernel.kallsyms]"), 250000);
    cr_expect_eq(p.function_count, 4);
    brun_profile_release(&p);
}

Test(perf, call_graph_samples_fold_root_first)
{
    const char *text = "prog 7 100.1: 1 task-clock:\n"
                       "\t10 leaf+0x4 (/p)\n"
                       "\t20 mid+0x10 (/p)\n"
                       "\t30 main+0x8 (/p)\n"
                       "\n"
                       "prog 7 100.2: 1 task-clock:\n"
                       "\t11 leaf+0x5 (/p)\n"
                       "\t21 mid+0x11 (/p)\n"
                       "\t31 main+0x9 (/p)\n"
                       "\n"
                       "prog 7 100.3: task-clock:\n"
                       "\t40 rec+0x1 (/p)\n"
                       "\t41 rec+0x2 (/p)\n"
                       "\t31 main+0x9 (/p)\n"
                       "\n"
                       "prog 7 100.4: 2 task-clock:\n"
                       "\t31 main+0x9 (/p)\n";
    struct brun_profile p;
    char why[256];
    cr_assert_eq(brun_perf_script_read(text, &p, why, sizeof why), 0, "%s",
                 why);
    cr_expect_eq(p.total, 5, "a sample without a period counts 1");
    cr_expect_eq(stack_count(&p, "main;mid;leaf"), 2);
    cr_expect_eq(stack_count(&p, "main;rec;rec"), 1);
    cr_expect_eq(stack_count(&p, "main"), 2);
    cr_expect_eq(p.stack_count, 3);
    const struct brun_profile_function *m = function(&p, "main"),
                                       *r = function(&p, "rec");
    cr_assert(m && r);
    cr_expect_eq(m->self, 2);
    cr_expect_eq(m->inclusive, 5);
    cr_expect_eq(r->self, 1);
    cr_expect_eq(r->inclusive, 1, "once per stack");
    /* main and leaf are both leaves of 2: main, larger inclusive, first. */
    cr_expect_str_eq(p.functions[0].name, "main");
    cr_expect_str_eq(p.functions[1].name, "leaf");
    brun_profile_release(&p);
}

Test(perf, malformed_text_names_the_line)
{
    struct brun_profile p;
    char why[256];
    cr_expect_eq(brun_perf_script_read("prog 7 100.1: 1 task-clock:\n"
                                       "\t10 leaf+0x4 (/p)\n"
                                       "\t20 mid+0x10\n",
                                       &p, why, sizeof why),
                 -1);
    cr_expect_str_eq(why, "perf script output, line 3: expected a frame "
                          "\"addr sym+off (dso)\"");
    cr_expect_null(p.functions);
    cr_expect_eq(
        brun_perf_script_read("no samples here\n", &p, why, sizeof why), -1);
    cr_expect_neq(strstr(why, "line 1:"), NULL, "%s", why);
}

static void add(struct brun_profile *p, const char *name, double self,
                double inclusive)
{
    struct brun_profile_function *f = &p->functions[p->function_count++];
    f->name = strdup(name);
    f->self = self;
    f->inclusive = inclusive;
}

Test(rank, the_doubled_function_ranks_first)
{
    struct brun_profile_function fb[4], fa[4];
    struct brun_profile before = {.functions = fb}, after = {.functions = fa};
    /* Per iteration: before over 10 iterations, after over 20. */
    add(&before, "main", 10, 160); /* 1, 16 */
    add(&before, "f", 100, 100);   /* 10 */
    add(&before, "g", 50, 50);     /* 5 */
    add(&before, "gone", 30, 30);  /* 3 */
    add(&after, "main", 20, 560);  /* 1, 28 */
    add(&after, "f", 400, 400);    /* 20: doubled */
    add(&after, "g", 100, 100);    /* 5 */
    add(&after, "new", 40, 40);    /* 2 */
    struct brun_growth *v;
    size_t n;
    cr_assert_eq(brun_rank_growth(&before, 10, &after, 20, 10, &v, &n), 0);
    cr_assert_eq(n, 5);
    cr_expect_str_eq(v[0].name, "f");
    cr_expect_float_eq(v[0].self_before, 10, 1e-12);
    cr_expect_float_eq(v[0].self_after, 20, 1e-12);
    cr_expect_float_eq(v[0].inclusive_before, 10, 1e-12);
    cr_expect_float_eq(v[0].inclusive_after, 20, 1e-12);
    cr_expect_str_eq(v[1].name, "new");
    cr_expect_float_eq(v[1].self_before, 0, 1e-12);
    cr_expect_float_eq(v[1].self_after, 2, 1e-12);
    /* Same self growth (0): the larger inclusive growth first. */
    cr_expect_str_eq(v[2].name, "main");
    cr_expect_float_eq(v[2].inclusive_before, 16, 1e-12);
    cr_expect_float_eq(v[2].inclusive_after, 28, 1e-12);
    cr_expect_str_eq(v[3].name, "g");
    cr_expect_str_eq(v[4].name, "gone");
    cr_expect_float_eq(v[4].self_after, 0, 1e-12);
    brun_growth_free(v, n);

    cr_assert_eq(brun_rank_growth(&before, 10, &after, 20, 2, &v, &n), 0);
    cr_assert_eq(n, 2);
    cr_expect_str_eq(v[0].name, "f");
    cr_expect_str_eq(v[1].name, "new");
    brun_growth_free(v, n);

    cr_expect_eq(brun_rank_growth(&before, 0, &after, 20, 2, &v, &n), -1);
    cr_expect_null(v);
    cr_expect_eq(n, 0);
    for (size_t i = 0; i < 4; i++) {
        free(fb[i].name);
        free(fa[i].name);
    }
}
