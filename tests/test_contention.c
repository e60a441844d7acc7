/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * test_contention.c: what measuring does about a busy machine, on rounds
 * built by hand: the round estimate (clean samples, thread CPU time for a
 * contended round of a case that waits only for the CPU, all samples
 * otherwise), the shortening of samples after a preempted round, and the
 * console's words for it.
 */
#include "config.h"

#include <criterion/criterion.h>
#include <string.h>

#include "reports/model/wording.h"
#include "runner/measure/estimate.h"
#include "runner/measure/measure.h"

/* A clock of 1 GHz: one tick is one nanosecond. */
#define TPS 1e9

/* Sample i of a round: 1000 iterations taking wall_ns, cpu_ns on the
 * CPU, with ivcsw involuntary switches. */
static struct brun_sample_result sample(double wall_ns, double cpu_ns,
                                        unsigned ivcsw)
{
    struct brun_sample_result s = {0};
    s.iterations = 1000;
    s.ticks = (uint64_t)wall_ns;
    s.cpu_ns = (uint64_t)cpu_ns;
    s.ivcsw = ivcsw;
    return s;
}

/* A round of ten samples of 2 ms of work (2 us per iteration): the first
 * `preempted` stretched to 4 ms of wall time by `switches` switches each,
 * the next `blocked` off the CPU half the time without a switch. */
static struct brun_round_result round_of(struct brun_sample_result *buf,
                                         int preempted, int blocked,
                                         unsigned switches)
{
    for (int i = 0; i < 10; i++) {
        if (i < preempted)
            buf[i] = sample(4e6, 2e6, switches);
        else if (i < preempted + blocked)
            buf[i] = sample(4e6, 2e6, 0);
        else
            buf[i] = sample(2e6, 2e6, 0);
    }
    struct brun_round_result r = {0};
    r.samples = buf;
    r.sample_count = 10;
    r.iterations = 1000;
    brun_round_estimate(&r, TPS);
    return r;
}

Test(contention, a_clean_majority_is_estimated_from_its_clean_samples)
{
    struct brun_sample_result buf[10];
    struct brun_round_result r = round_of(buf, 4, 0, 1);
    cr_assert_eq(r.disturbed_samples, 4);
    cr_assert(!r.used_all_samples);
    cr_assert(!r.estimate_from_cpu);
    cr_assert_float_eq(r.estimate_ns, 2000, 1e-9);
}

Test(contention, a_contended_cpu_bound_round_is_estimated_from_cpu_time)
{
    struct brun_sample_result buf[10];
    struct brun_round_result r = round_of(buf, 8, 0, 1);
    cr_assert(r.used_all_samples);
    cr_assert(r.estimate_from_cpu);
    cr_assert_float_eq(r.cpu_estimate_ns, 2000, 1e-9);
    cr_assert_float_eq(r.estimate_ns, 2000, 1e-9,
                       "not the 4 us the wall clock saw");
    /* One sample of stolen time among the unpreempted ones: still CPU. */
    r = round_of(buf, 8, 1, 1);
    cr_assert(r.estimate_from_cpu);
}

Test(contention, a_contended_round_of_a_case_that_blocks_keeps_wall_time)
{
    struct brun_sample_result buf[10];
    struct brun_round_result r = round_of(buf, 4, 6, 1);
    cr_assert(r.used_all_samples);
    cr_assert_eq(r.blocked_samples, 6);
    cr_assert(!r.estimate_from_cpu);
    cr_assert_gt(r.estimate_ns, 3000, "all samples' wall time: %g",
                 r.estimate_ns);
}

static struct brun_clock_info test_clock = {.ticks_per_second = TPS,
                                            .resolution_ns = 20};

static struct brun_measure_env env_of(uint64_t fixed_iterations)
{
    struct brun_measure_env env;
    memset(&env, 0, sizeof env);
    env.settings.iterations = fixed_iterations;
    env.clock = &test_clock;
    return env;
}

Test(contention, a_preempted_round_shortens_and_multiplies_the_samples)
{
    /* 6 samples preempted twice each: 12 switches in 32 ms of wall time,
     * 0.375 per ms, so 0.3 expected per sample at 0.8 ms: the 2 ms
     * samples become 0.8 ms (a factor 0.4), 1000 iterations 400, 10
     * samples 25. */
    struct brun_sample_result buf[10];
    struct brun_round_result r = round_of(buf, 6, 0, 2);
    const struct brun_round_result *recent = &r;
    struct brun_case_result c;
    memset(&c, 0, sizeof c);
    c.plan.iterations = 1000;
    c.plan.samples = 10;
    struct brun_measure_env env = env_of(0);
    cr_assert_eq(brun_measure_adapt(&c, &recent, 1, &env), 1);
    /* 400 and 25, give or take the rounding of 0.3 / 0.375. */
    cr_assert(c.plan.iterations >= 399 && c.plan.iterations <= 400, "%llu",
              (unsigned long long)c.plan.iterations);
    cr_assert(c.plan.samples >= 25 && c.plan.samples <= 26, "%u",
              c.plan.samples);
    cr_assert_float_eq(c.contention.shortened_from_ms, 2, 1e-9);
    cr_assert_float_eq(c.contention.shortened_to_ms, 0.8, 1e-9);

    char note[400];
    c.contention.samples = 10;
    c.contention.preempted = 6;
    brun_wording_contention(&c, note, sizeof note);
    cr_assert_str_eq(note, "contended: 60 % of samples preempted; samples "
                           "shortened from 2 to 0.8 ms");
}

Test(contention, samples_keep_their_length_when_shortening_cannot_help)
{
    struct brun_sample_result buf[10];
    const struct brun_round_result *recent;
    struct brun_case_result c;
    struct brun_measure_env env = env_of(0);
    memset(&c, 0, sizeof c);
    c.plan.iterations = 1000;
    c.plan.samples = 10;

    struct brun_round_result few = round_of(buf, 4, 0, 2);
    recent = &few;
    cr_assert_eq(brun_measure_adapt(&c, &recent, 1, &env), 0,
                 "most samples were clean");
    struct brun_round_result blocks = round_of(buf, 0, 8, 0);
    recent = &blocks;
    cr_assert_eq(brun_measure_adapt(&c, &recent, 1, &env), 0,
                 "the case waits by itself");
    struct brun_round_result busy = round_of(buf, 8, 0, 2);
    recent = &busy;
    env = env_of(1000);
    cr_assert_eq(brun_measure_adapt(&c, &recent, 1, &env), 0,
                 "--iterations fixed the count");
    cr_assert_eq(c.plan.iterations, 1000);
    cr_assert_eq(c.contention.shortened_to_ms, 0);

    char note[400];
    c.contention.samples = 10;
    c.contention.preempted = 0;
    brun_wording_contention(&c, note, sizeof note);
    cr_assert_str_eq(note, "", "nothing worth saying");
}

Test(contention, a_large_clear_order_effect_is_reported)
{
    struct brun_case_comparison k;
    memset(&k, 0, sizeof k);
    k.presence = BRUN_PRESENT_BOTH;
    k.noise_floor = 0.005;
    k.stats.valid = 1;
    k.stats.order_estimated = 1;
    k.stats.order_effect = 0.02;
    k.stats.order_p = 0.0004;
    k.stats.order_removed = 1;
    char note[400];
    brun_wording_order_effect(&k, note, sizeof note);
    cr_assert(strstr(note, "the worker that runs second in a round is "), "%s",
              note);
    cr_assert(strstr(note, "removed from the comparison"), "%s", note);
    k.stats.order_p = 0.05;
    brun_wording_order_effect(&k, note, sizeof note);
    cr_assert_str_eq(note, "", "not clear enough to mention");
}
