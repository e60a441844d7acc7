/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * test_compare.c: the comparison fails closed.  An allocation that fails
 * while comparing is an error the run reports (exit 2), never a pass.
 *
 * The program is linked with -Wl,--wrap=calloc, so every calloc() of the
 * runner's code goes through __wrap_calloc() below, which fails the calls
 * of one chosen size while a test asks it to.  The comparisons run the
 * real worker (tests/detect_base) and the real suite decision.
 */
#include "config.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "runner/compare/compare.h"
#include "runner/options/options.h"
#include "runner/worker/discover.h"
#include "stats/random.h"
#include "tests/fixtures/reports/models.h"

void *__real_calloc(size_t n, size_t size);
void *__wrap_calloc(size_t n, size_t size);

/* calloc(n, size) with n * size == fail_bytes fails while fail_bytes is
 * not 0; failed counts the refusals. */
static size_t fail_bytes, failed;

void *__wrap_calloc(size_t n, size_t size)
{
    if (fail_bytes && n * size == fail_bytes) {
        failed++;
        return NULL;
    }
    return __real_calloc(n, size);
}

Test(compare, the_suite_decision_fails_closed_without_memory)
{
    struct brun_results r;
    report_model_compare(&r);
    struct brun_compare_plan plan;
    memset(&plan, 0, sizeof plan);
    plan.look_count = 1;
    plan.fdr = 0.05;
    plan.gate_alpha = 0.01;

    size_t compared = 0, failing = 99;
    for (size_t i = 0; i < r.case_count; i++)
        compared += r.cases[i].comparison &&
                    r.cases[i].comparison->presence == BRUN_PRESENT_BOTH;
    cr_assert_gt(compared, 1);
    fail_bytes = compared * sizeof(struct brun_comparison);
    failed = 0;
    cr_assert_eq(brun_compare_suite(&r, &plan, &failing), -1,
                 "no memory for the suite: no decision, not a pass");
    cr_assert_gt(failed, 0, "the suite's allocation was the one refused");
    fail_bytes = 0;
    cr_assert_eq(brun_compare_suite(&r, &plan, &failing), 0);
    cr_assert_gt(failing, 0, "the model's failing case fails");
    /* The model is static storage (models.c): nothing to release. */
}

/* A measuring environment for one fast case of tests/detect_base. */
struct fixture {
    struct brun_options options;
    struct brun_clock_info clock;
    struct brun_measure_env env;
    struct brun_case_list list;
    char path[4096];
};

static void fixture_init(struct fixture *f)
{
    char why[256];
    const char *dir = getenv("BENCHRUN_TEST_BUILDDIR");
    snprintf(f->path, sizeof f->path, "%s/tests/detect_base", dir ? dir : ".");
    brun_options_defaults(&f->options);
    f->options.rounds = 2;
    f->options.max_rounds = 2;
    f->options.samples = 2;
    f->options.warmup_s = 0;
    f->options.sample_s = 0.001;
    brun_clock_calibrate(f->options.clock, &f->clock);
    memset(&f->env, 0, sizeof f->env);
    f->env.settings = (struct brun_measure_settings){.rounds = 2,
                                                     .samples = 2,
                                                     .warmup_s = 0,
                                                     .sample_s = 0.001,
                                                     .budget_s = 10,
                                                     .timeout_s = 30,
                                                     .iterations = 0,
                                                     .jitter = 1};
    f->env.clock = &f->clock;
    f->env.rng = brun_rng_new(7);
    cr_assert_eq(brun_discover(f->path, 30, &f->list, why, sizeof why), 0, "%s",
                 why);
    cr_assert_gt(f->list.count, 0);
}

static void fixture_release(struct fixture *f)
{
    brun_case_list_release(&f->list);
    brun_rng_free(f->env.rng);
    brun_options_release(&f->options);
}

Test(compare, an_interleaved_comparison_without_memory_is_no_verdict,
     .timeout = 60)
{
    struct fixture f;
    fixture_init(&f);
    struct brun_compare_plan plan;
    brun_compare_plan_init(&plan, &f.options, 7, BRUN_COMPARE_PAIRED);
    struct brun_case_result out;

    fail_bytes = sizeof(struct brun_case_comparison);
    failed = 0;
    int r = brun_compare_interleaved(f.path, f.path, 0, &f.list.cases[0],
                                     &f.list.cases[0], 0, &f.env, &plan, &out);
    fail_bytes = 0;
    cr_assert_eq(r, BRUN_MEASURE_NO_MEMORY);
    cr_assert_gt(failed, 0);

    /* With memory, the same call compares. */
    r = brun_compare_interleaved(f.path, f.path, 0, &f.list.cases[0],
                                 &f.list.cases[0], 0, &f.env, &plan, &out);
    cr_assert_eq(r, 0);
    cr_assert_not_null(out.comparison);

    /* Against saved numbers (this result standing in for a baseline's
     * case), the same refusal is no verdict either. */
    struct brun_compare_plan saved_plan;
    brun_compare_plan_init(&saved_plan, &f.options, 7,
                           BRUN_COMPARE_INDEPENDENT);
    struct brun_case_result again;
    fail_bytes = sizeof(struct brun_case_comparison);
    failed = 0;
    r = brun_compare_saved(f.path, 0, &f.list.cases[0], &out, &f.env,
                           &saved_plan, &again);
    fail_bytes = 0;
    cr_assert_eq(r, BRUN_MEASURE_NO_MEMORY);
    cr_assert_gt(failed, 0);
    brun_case_result_release(&out);
    fixture_release(&f);
}
