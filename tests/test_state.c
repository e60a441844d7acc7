/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/* test_state.c: BENCH_LOOP runs a case exactly as often as the driver
 * asks, calibrates, warms up, and notices every way of misusing it. */
#include "config.h"

#include <benchrun.h>
#include <criterion/criterion.h>
#include <string.h>
#include <time.h>

#include "lib/state.h"

/* volatile: each iteration really increments it (otherwise the compiler
 * turns the loop into one addition and calibration sees no work). */
static volatile unsigned long long body_runs;

static void counting_case(struct benchrun_state *st)
{
    BENCH_LOOP(st) {
        body_runs++;
    }
}

static struct brun_request request(uint64_t iterations, uint32_t samples,
                                   uint64_t warmup_ticks, uint64_t target_ticks)
{
    struct brun_request r = {BRUN_CLOCK_MONOTONIC, iterations, samples,
                             warmup_ticks, target_ticks};
    return r;
}

static void run(struct benchrun_state *st, struct brun_request req,
                void (*fn)(struct benchrun_state *))
{
    body_runs = 0;
    cr_assert_eq(brun_state_init(st, &req, 0, 0, 0), 0);
    fn(st);
}

Test(state, case_receives_exactly_the_iterations_requested)
{
    const uint64_t sizes[][2] = {{1, 1}, {1000, 3}, {12345, 7}, {3, 100}};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        struct benchrun_state st;
        run(&st, request(sizes[k][0], (uint32_t)sizes[k][1], 0, 0),
            counting_case);
        cr_assert_eq(body_runs, sizes[k][0] * sizes[k][1]);
        cr_assert_eq(st.sample_count, sizes[k][1]);
        for (uint32_t i = 0; i < st.sample_count; i++)
            cr_assert_eq(st.samples[i].iterations, sizes[k][0]);
        cr_assert_null(brun_state_problem(&st));
        brun_state_release(&st);
    }
}

Test(state, warmup_runs_whole_samples_before_the_measured_ones)
{
    struct benchrun_state st;
    /* 1 ms of warm-up on the ns clock, samples of 1000 iterations. */
    run(&st, request(1000, 5, 1000000, 0), counting_case);
    cr_assert(st.warmup_samples >= 1);
    cr_assert(st.warmup_ticks_total >= 1000000);
    cr_assert_eq(body_runs, 1000ull * (st.warmup_samples + 5));
    cr_assert_eq(st.sample_count, 5);
    brun_state_release(&st);
}

Test(state, calibration_reaches_the_target_and_counts_every_run)
{
    struct benchrun_state st;
    const uint64_t target = 200000; /* 0.2 ms */
    run(&st, request(0, 0, 0, target), counting_case);
    cr_assert(st.calibrated_iterations > 1);
    cr_assert(st.calibrated_ticks * 3 >= target * 2,
              "accepted a sample shorter than 2/3 of the target");
    cr_assert(body_runs >= 2 * st.calibrated_iterations,
              "the count was not confirmed by a second sample");
    cr_assert_eq(st.sample_count, 0);
    cr_assert_null(brun_state_problem(&st));
    brun_state_release(&st);
}

static void empty_case(struct benchrun_state *st)
{
    BENCH_LOOP(st) {
    }
}

Test(state, calibration_of_an_empty_loop_stops_at_the_cap)
{
    struct benchrun_state st;
    run(&st, request(0, 0, 0, 1000000000), empty_case);
    cr_assert_eq(st.calibrated_iterations, BRUN_MAX_ITERATIONS);
    brun_state_release(&st);
}

static void never_enters(struct benchrun_state *st)
{
    (void)st;
}

static void breaks_out(struct benchrun_state *st)
{
    BENCH_LOOP(st) {
        body_runs++;
        if (body_runs == 10)
            break;
    }
}

static void returns_inside(struct benchrun_state *st)
{
    BENCH_LOOP(st) {
        return;
    }
}

static void loops_twice(struct benchrun_state *st)
{
    BENCH_LOOP(st) {
    }
    BENCH_LOOP(st) {
    }
}

static void uses_continue(struct benchrun_state *st)
{
    BENCH_LOOP(st) {
        body_runs++;
        if (body_runs % 2)
            continue;
    }
}

Test(state, misuse_is_named)
{
    static const struct {
        void (*fn)(struct benchrun_state *);
        const char *words;
    } cases[] = {{never_enters, "without entering"},
                 {breaks_out, "left BENCH_LOOP early"},
                 {returns_inside, "from inside BENCH_LOOP"},
                 {loops_twice, "more than once"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct benchrun_state st;
        run(&st, request(100, 3, 0, 0), cases[i].fn);
        const char *problem = brun_state_problem(&st);
        cr_assert_not_null(problem, "case %zu not flagged", i);
        cr_assert(strstr(problem, cases[i].words), "%s", problem);
        brun_state_release(&st);
    }
}

Test(state, continue_is_not_misuse)
{
    struct benchrun_state st;
    run(&st, request(100, 3, 0, 0), uses_continue);
    cr_assert_null(brun_state_problem(&st));
    cr_assert_eq(body_runs, 300);
    brun_state_release(&st);
}

static void fails_then_loops(struct benchrun_state *st)
{
    benchrun_fail(st, "first %d", 1);
    benchrun_fail(st, "second");
    BENCH_LOOP(st) {
        body_runs++;
    }
}

Test(state, first_failure_wins_and_the_loop_does_not_run)
{
    struct benchrun_state st;
    run(&st, request(100, 3, 0, 0), fails_then_loops);
    cr_assert_eq(st.outcome, BRUN_OUTCOME_FAIL);
    cr_assert_str_eq(st.message, "first 1");
    cr_assert_eq(body_runs, 0);
    brun_state_release(&st);
}

static void skips(struct benchrun_state *st)
{
    BENCH_SKIP(st, "not on %s", "this machine");
}

Test(state, skip_carries_its_message)
{
    struct benchrun_state st;
    run(&st, request(100, 3, 0, 0), skips);
    cr_assert_eq(st.outcome, BRUN_OUTCOME_SKIP);
    cr_assert_str_eq(st.message, "not on this machine");
    cr_assert_null(brun_state_problem(&st), "a skip is not misuse");
    brun_state_release(&st);
}

static void sleeps_while_paused(struct benchrun_state *st)
{
    struct timespec pause = {0, 2000000}; /* 2 ms, untimed */
    BENCH_LOOP(st) {
        benchrun_pause(st);
        nanosleep(&pause, NULL);
        benchrun_resume(st);
        body_runs++;
    }
}

Test(state, paused_time_is_excluded_from_the_sample)
{
    struct benchrun_state st;
    run(&st, request(3, 2, 0, 0), sleeps_while_paused);
    for (uint32_t i = 0; i < st.sample_count; i++) {
        /* Three 2 ms sleeps were paused; what remains is three
         * increments and the pause/resume calls themselves. */
        cr_assert(st.samples[i].paused_ticks >= 6000000, "paused %llu ns",
                  (unsigned long long)st.samples[i].paused_ticks);
        cr_assert(st.samples[i].ticks * 100 < st.samples[i].paused_ticks,
                  "timed %llu ns of %llu paused",
                  (unsigned long long)st.samples[i].ticks,
                  (unsigned long long)st.samples[i].paused_ticks);
    }
    brun_state_release(&st);
}

static void reports_throughput(struct benchrun_state *st)
{
    benchrun_set_bytes(st, 4096);
    benchrun_set_items(st, (double)benchrun_arg(st));
    BENCH_LOOP(st) {
    }
}

Test(state, argument_and_throughput_reach_the_state)
{
    struct benchrun_state st;
    struct brun_request req = request(10, 1, 0, 0);
    cr_assert_eq(brun_state_init(&st, &req, 150, 1, 2), 0);
    cr_assert_eq(st.bytes, 1);
    reports_throughput(&st);
    cr_assert_eq(st.bytes, 4096);
    cr_assert_eq(st.items, 150);
    brun_state_release(&st);
}
