/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * test_scaling.c: the scaling fits of parameterized families.  In
 * process, brun_scaling_build on results built by hand (exact and seeded
 * noisy rounds): families and their order by N, the unit of N, who is
 * left out, the comparison with the baseline's rounds and the
 * gate_scaling gate.  End to end, the real benchrun on two builds of
 * tests/bench_scaling.c: listing carries N and .arg_name, a run of the
 * linear build passes, and comparing the quadratic build with the linear
 * one exits 1 exactly when a thresholds entry gates the family's
 * scaling.  The shapes the reports print are not read back here: the
 * fits are checked in process, the driver's decision end to end.
 */
#include "config.h"

#include <criterion/criterion.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runner/compare/scaling.h"
#include "runner/worker/discover.h"
#include "stats/random.h"
#include "tests/helpers.h"

/* ---- Results built by hand --------------------------------------------- */

static void add_case(struct brun_results *r, const char *name,
                     int parameterized, long long arg, const char *unit,
                     const double *estimates, size_t rounds)
{
    struct brun_case_result *grown =
        realloc(r->cases, (r->case_count + 1) * sizeof *grown);
    cr_assert_not_null(grown);
    r->cases = grown;
    struct brun_case_result *c = &r->cases[r->case_count++];
    memset(c, 0, sizeof *c);
    c->name = strdup(name);
    c->parameterized = parameterized;
    c->arg = arg;
    c->arg_name = unit ? strdup(unit) : NULL;
    c->status = BRUN_STATUS_OK;
    c->rounds = calloc(rounds, sizeof *c->rounds);
    cr_assert_not_null(c->rounds);
    for (size_t i = 0; i < rounds; i++) {
        c->rounds[i].index = (unsigned)i;
        c->rounds[i].estimate_ns = estimates[i];
    }
    c->round_count = rounds;
}

/* Gives the last case a comparison holding baseline rounds. */
static void add_baseline_rounds(struct brun_results *r, const double *estimates,
                                size_t rounds)
{
    struct brun_case_result *c = &r->cases[r->case_count - 1];
    c->comparison = calloc(1, sizeof *c->comparison);
    cr_assert_not_null(c->comparison);
    c->comparison->baseline_rounds =
        calloc(rounds, sizeof *c->comparison->baseline_rounds);
    for (size_t i = 0; i < rounds; i++)
        c->comparison->baseline_rounds[i].estimate_ns = estimates[i];
    c->comparison->baseline_round_count = rounds;
}

static void start_comparing(struct brun_results *r)
{
    r->comparison = calloc(1, sizeof *r->comparison);
    cr_assert_not_null(r->comparison);
    r->comparison->mode = BRUN_COMPARE_PAIRED;
    r->comparison->confidence = 0.95;
}

/* Rounds of a + b f(N), times (1 + noise) with the generator when given. */
static void rounds_of(double a, double b, double f, size_t rounds, double noise,
                      struct brun_rng *rng, double *out)
{
    for (size_t i = 0; i < rounds; i++)
        out[i] = (a + b * f) * (rng ? 1 + brun_rng_gaussian(rng, noise) : 1);
}

static const long long sizes[4] = {1024, 256, 4096, 64}; /* not sorted */

static struct brun_options options;

static void setup(void)
{
    brun_options_defaults(&options);
}

static void teardown(void)
{
    brun_options_release(&options);
}

/* A thresholds entry: pattern, gate_scaling, fail_above (< 0: the run's). */
static void add_threshold(const char *pattern, int gate, double fail_above)
{
    struct brun_threshold *v =
        realloc(options.thresholds,
                (options.threshold_count + 1) * sizeof *options.thresholds);
    cr_assert_not_null(v);
    options.thresholds = v;
    struct brun_threshold *t = &v[options.threshold_count++];
    memset(t, 0, sizeof *t);
    t->pattern = strdup(pattern);
    t->fail_above = fail_above;
    t->noise_floor = -1;
    t->gate_metric = -1;
    t->gate_scaling = gate;
}

TestSuite(scaling, .init = setup, .fini = teardown);

Test(scaling, exact_rounds_give_a_family_with_its_shape_and_cost)
{
    struct brun_results r = {0};
    double e[5];
    add_case(&r, "other/plain", 0, 0, NULL, (double[]){5, 5, 5}, 3);
    for (int i = 0; i < 4; i++) {
        char name[64];
        snprintf(name, sizeof name, "f/lin/%lld", sizes[i]);
        rounds_of(300, 1.81, (double)sizes[i], 5, 0, NULL, e);
        add_case(&r, name, 1, sizes[i], i == 2 ? "steps" : NULL, e, 5);
    }
    cr_assert_eq(brun_scaling_build(&r, &options, NULL), 0);
    cr_assert_eq(r.scaling_count, 1);
    const struct brun_scaling *s = &r.scalings[0];
    cr_assert_str_eq(s->family, "f/lin");
    cr_assert_str_eq(s->arg_name, "steps");
    cr_assert_eq(s->case_count, 4);
    const double ascending[4] = {64, 256, 1024, 4096};
    for (int i = 0; i < 4; i++) {
        cr_assert_float_eq(s->n[i], ascending[i], 0);
        cr_assert_float_eq((double)r.cases[s->cases[i]].arg, ascending[i], 0);
    }
    cr_assert_eq(s->best.shape, BRUN_O_N);
    cr_assert_float_eq(s->best.per_item_ns, 1.81, 1e-9);
    cr_assert_float_eq(s->best.intercept_ns, 300, 1e-6);
    cr_assert_eq(s->best.points, 20);
    cr_assert_float_eq(s->best.r2, 1, 1e-12);
    cr_assert(s->fits[BRUN_O_N2].valid);
    cr_assert_eq(s->compared, 0, "nothing to compare with");
    brun_results_release(&r);
}

Test(scaling, noisy_rounds_still_fit_linear_with_the_true_cost_inside)
{
    struct brun_rng *rng = brun_rng_new(7);
    struct brun_results r = {0};
    double e[10];
    for (int i = 0; i < 4; i++) {
        char name[64];
        snprintf(name, sizeof name, "f/noisy/%lld", sizes[i]);
        rounds_of(500, 2, (double)sizes[i], 10, 0.05, rng, e);
        add_case(&r, name, 1, sizes[i], NULL, e, 10);
    }
    cr_assert_eq(brun_scaling_build(&r, &options, NULL), 0);
    cr_assert_eq(r.scaling_count, 1);
    const struct brun_scaling *s = &r.scalings[0];
    cr_assert_str_eq(s->arg_name, "items", "the unit when none is named");
    cr_assert_eq(s->best.shape, BRUN_O_N);
    cr_assert(s->best.per_item_lo < 2 && 2 < s->best.per_item_hi, "[%g, %g]",
              s->best.per_item_lo, s->best.per_item_hi);
    cr_assert_gt(s->best.r2, 0.9);
    brun_rng_free(rng);
    brun_results_release(&r);
}

Test(scaling, too_few_n_or_failed_instances_leave_a_family_out)
{
    struct brun_results r = {0};
    double e[3];
    /* Two N only. */
    rounds_of(10, 1, 8, 3, 0, NULL, e);
    add_case(&r, "g/two/8", 1, 8, NULL, e, 3);
    rounds_of(10, 1, 16, 3, 0, NULL, e);
    add_case(&r, "g/two/16", 1, 16, NULL, e, 3);
    /* Three N, but one failed: two usable. */
    for (int i = 0; i < 3; i++) {
        char name[64];
        snprintf(name, sizeof name, "g/broken/%d", 10 << i);
        rounds_of(10, 1, 10 << i, 3, 0, NULL, e);
        add_case(&r, name, 1, 10 << i, NULL, e, 3);
    }
    r.cases[r.case_count - 1].status = BRUN_STATUS_FAILED;
    cr_assert_eq(brun_scaling_build(&r, &options, NULL), 0);
    cr_assert_eq(r.scaling_count, 0);
    cr_assert_null(r.scalings);
    brun_results_release(&r);
}

/* A family "f/lin" whose new rounds are quadratic (b 1/64 per N^2) and
 * whose baseline rounds are linear (1 ns per N): the same time at 64. */
static void linear_to_quadratic(struct brun_results *r, int with_baseline)
{
    double e[6];
    for (int i = 0; i < 4; i++) {
        char name[64];
        double n = (double)sizes[i];
        snprintf(name, sizeof name, "f/lin/%lld", sizes[i]);
        rounds_of(200, 1.0 / 64, n * n, 6, 0, NULL, e);
        add_case(r, name, 1, sizes[i], "steps", e, 6);
        rounds_of(200, 1, n, 6, 0, NULL, e);
        if (with_baseline)
            add_baseline_rounds(r, e, 6);
    }
    start_comparing(r);
}

Test(scaling, a_changed_shape_is_noted_and_the_cost_ratio_is_large)
{
    struct brun_results r = {0};
    linear_to_quadratic(&r, 1);
    cr_assert_eq(brun_scaling_build(&r, &options, NULL), 0);
    cr_assert_eq(r.scaling_count, 1);
    const struct brun_scaling *s = &r.scalings[0];
    cr_assert_eq(s->best.shape, BRUN_O_N2);
    cr_assert_eq(s->compared, 1);
    cr_assert_eq(s->baseline_best.shape, BRUN_O_N);
    cr_assert_float_eq(s->baseline_best.per_item_ns, 1, 1e-9);
    cr_assert_eq(s->shape_changed, 1);
    cr_assert_eq(s->baseline_same_shape.shape, BRUN_O_N2);
    cr_assert_gt(s->ratio, 10);
    cr_assert(s->ratio_lo <= s->ratio && s->ratio <= s->ratio_hi);
    cr_assert_eq(s->gated, 0, "no thresholds entry gates it");
    cr_assert_eq(s->fails, 0);
    brun_results_release(&r);
}

Test(scaling, gate_scaling_fails_the_family_beyond_fail_above)
{
    options.fail_above = 0.10;
    /* The first entry matching decides: an instance pattern that gates,
     * before a family one that would not. */
    add_threshold("f/lin/*", 1, -1);
    add_threshold("f/*", 0, 0);
    struct brun_results r = {0};
    linear_to_quadratic(&r, 1);
    cr_assert_eq(brun_scaling_build(&r, &options, NULL), 1);
    const struct brun_scaling *s = &r.scalings[0];
    cr_assert_eq(s->gated, 1);
    cr_assert_float_eq(s->fail_above, 0.10, 1e-12);
    cr_assert_eq(s->fails, 1);
    brun_results_release(&r);
}

Test(scaling, an_unchanged_family_passes_its_gate)
{
    options.fail_above = 0.10;
    add_threshold("f/lin", 1, -1);
    struct brun_rng *rng = brun_rng_new(99);
    struct brun_results r = {0};
    double e[8];
    for (int i = 0; i < 4; i++) {
        char name[64];
        snprintf(name, sizeof name, "f/lin/%lld", sizes[i]);
        rounds_of(200, 1, (double)sizes[i], 8, 0.02, rng, e);
        add_case(&r, name, 1, sizes[i], NULL, e, 8);
        rounds_of(200, 1, (double)sizes[i], 8, 0.02, rng, e);
        add_baseline_rounds(&r, e, 8);
    }
    start_comparing(&r);
    cr_assert_eq(brun_scaling_build(&r, &options, NULL), 0);
    const struct brun_scaling *s = &r.scalings[0];
    cr_assert_eq(s->gated, 1);
    cr_assert_eq(s->shape_changed, 0);
    cr_assert(s->ratio_lo < 1 && 1 < s->ratio_hi, "[%g, %g]", s->ratio_lo,
              s->ratio_hi);
    cr_assert_eq(s->fails, 0);
    brun_rng_free(rng);
    brun_results_release(&r);
}

Test(scaling, a_gate_of_off_never_fails)
{
    options.fail_above = 0.10;
    add_threshold("f/lin", 1, 0);
    struct brun_results r = {0};
    linear_to_quadratic(&r, 1);
    cr_assert_eq(brun_scaling_build(&r, &options, NULL), 0);
    cr_assert_eq(r.scalings[0].gated, 1);
    cr_assert_eq(r.scalings[0].fails, 0);
    brun_results_release(&r);
}

Test(scaling, saved_baseline_cases_stand_in_for_missing_rounds)
{
    struct brun_results r = {0};
    linear_to_quadratic(&r, 0);
    struct brun_baseline saved;
    memset(&saved, 0, sizeof saved);
    double e[6];
    for (int i = 0; i < 4; i++) {
        char name[64];
        snprintf(name, sizeof name, "f/lin/%lld", sizes[i]);
        rounds_of(200, 1, (double)sizes[i], 6, 0, NULL, e);
        add_case(&saved.results, name, 1, sizes[i], NULL, e, 6);
    }
    cr_assert_eq(brun_scaling_build(&r, &options, &saved), 0);
    cr_assert_eq(r.scalings[0].compared, 1);
    cr_assert_eq(r.scalings[0].shape_changed, 1);
    /* Without them, too few baseline points: not compared. */
    cr_assert_eq(brun_scaling_build(&r, &options, NULL), 0);
    cr_assert_eq(r.scaling_count, 1, "built again, not added to");
    cr_assert_eq(r.scalings[0].compared, 0);
    brun_results_release(&saved.results);
    brun_results_release(&r);
}

/* ---- The real programs ------------------------------------------------- */

/* Few, short rounds: only the driver's decision is checked, on work that
 * grows 64-fold, far beyond any noise of a busy machine. */
#define FAST                                                                   \
    "--rounds", "4", "--max-rounds", "8", "--samples", "3", "--warmup", "1ms", \
        "--sample-time", "1ms", "--no-color"

__attribute__((constructor)) static void one_test_at_a_time(void)
{
    setenv("CRITERION_JOBS", "1", 0);
}

static char *scratch;
static char linear_exe[4096], quadratic_exe[4096];

static void setup_e2e(void)
{
    scratch = make_scratch_dir();
    cr_assert_not_null(scratch);
    snprintf(linear_exe, sizeof linear_exe, "%s",
             build_path("tests/scaling_linear"));
    snprintf(quadratic_exe, sizeof quadratic_exe, "%s",
             build_path("tests/scaling_quadratic"));
}

static void teardown_e2e(void)
{
    free(scratch);
}

TestSuite(scaling_run, .init = setup_e2e, .fini = teardown_e2e, .timeout = 240);

/* Runs benchrun in the scratch directory (where benchrun.yml is) with
 * NULL-terminated args. */
static struct command_result benchrun(const char *first, ...)
{
    char command[16384];
    size_t len = (size_t)snprintf(command, sizeof command, "cd '%s' && '%s'",
                                  scratch, build_path("runner/benchrun"));
    va_list ap;
    va_start(ap, first);
    for (const char *a = first; a; a = va_arg(ap, const char *))
        len +=
            (size_t)snprintf(command + len, sizeof command - len, " '%s'", a);
    va_end(ap);
    char *argv[] = {"/bin/sh", "-c", command, NULL};
    struct command_result r;
    cr_assert_eq(run_command(argv, NULL, 230, &r), 0);
    return r;
}

static void write_config(const char *text)
{
    char path[4300];
    snprintf(path, sizeof path, "%s/benchrun.yml", scratch);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs(text, f);
    fclose(f);
}

Test(scaling_run, listing_carries_each_instance_argument_and_unit)
{
    struct brun_case_list list;
    char why[256];
    cr_assert_eq(brun_discover(linear_exe, 30, &list, why, sizeof why), 0, "%s",
                 why);
    size_t linear = 0, square = 0;
    for (size_t i = 0; i < list.count; i++) {
        const struct brun_listed_case *c = &list.cases[i];
        cr_assert_eq(c->parameterized, 1, "%s", c->name);
        char expected[64];
        if (strncmp(c->name, "scale/linear/", 13) == 0) {
            linear++;
            cr_assert_str_eq(c->arg_name, "steps");
            snprintf(expected, sizeof expected, "scale/linear/%lld", c->arg);
        } else {
            square++;
            cr_assert_null(c->arg_name, "%s has no .arg_name", c->name);
            snprintf(expected, sizeof expected, "scale/square/%lld", c->arg);
        }
        cr_assert_str_eq(c->name, expected);
    }
    cr_assert_eq(linear, 4, "64, 256, 1024, 4096");
    cr_assert_eq(square, 4, "16, 32, 64, 128");
    brun_case_list_release(&list);
}

Test(scaling_run, a_run_of_the_linear_build_passes)
{
    write_config("color: never\n");
    struct command_result r = benchrun(linear_exe, FAST, NULL);
    cr_assert_eq(r.status, 0, "%s%s", r.out, r.err);
    command_result_free(&r);
}

/* Instances are exempt from the time gate (their time grows 64-fold
 * too), so only the scaling gate can fail the run. */
#define EXEMPT_INSTANCES "  - match: \"scale/*/*\"\n    fail_above: off\n"

Test(scaling_run, the_scaling_gate_fails_a_changed_shape)
{
    write_config("thresholds:\n"
                 "  - match: \"scale/linear\"\n    gate_scaling: "
                 "true\n" EXEMPT_INSTANCES);
    struct command_result r = benchrun(quadratic_exe, "--compare", linear_exe,
                                       FAST, "--fail-above", "10%", NULL);
    cr_assert_eq(r.status, 1, "exit %d\n%s%s", r.status, r.out, r.err);
    command_result_free(&r);
}

Test(scaling_run, without_gate_scaling_the_changed_shape_only_reports)
{
    write_config("thresholds:\n"
                 "  - match: \"scale/linear\"\n    gate_scaling: "
                 "false\n" EXEMPT_INSTANCES);
    struct command_result r = benchrun(quadratic_exe, "--compare", linear_exe,
                                       FAST, "--fail-above", "10%", NULL);
    cr_assert_eq(r.status, 0, "exit %d\n%s%s", r.status, r.out, r.err);
    command_result_free(&r);
}

Test(scaling_run, a_bad_gate_scaling_is_one_line_with_its_line_number)
{
    write_config("thresholds:\n  - match: \"scale/*\"\n    gate_scaling: "
                 "maybe\n");
    struct command_result r = benchrun(linear_exe, "--list", NULL);
    cr_assert_eq(r.status, 2, "%s%s", r.out, r.err);
    cr_assert(strstr(r.err, "benchrun.yml:3: thresholds: gate_scaling:"), "%s",
              r.err);
    cr_assert(is_one_line(r.err), "%s", r.err);
    command_result_free(&r);
}
