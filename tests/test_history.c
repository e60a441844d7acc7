/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * test_history.c: the arithmetic of a case's session history
 * (runner/baseline/history.h) on numbers worked out by hand: a session's
 * mean and SD of log round estimates, carrying a history into a new save
 * and trimming it, and the between-session spread the statistics use.
 * How the store reads and writes histories is test_baseline.c's.
 */
#include "config.h"

#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runner/baseline/history.h"

TestSuite(history, .timeout = 30);

/* Rounds whose estimates are exp(logs[i]); 0 stays 0 (an unusable one). */
static struct brun_round_result *rounds_of(const double *logs, size_t n)
{
    struct brun_round_result *r = calloc(n, sizeof *r);
    cr_assert_not_null(r);
    for (size_t i = 0; i < n; i++) {
        r[i].index = (unsigned)i;
        r[i].estimate_ns = logs[i] == 0 ? 0 : exp(logs[i]);
    }
    return r;
}

static void expect_near(double got, double want, const char *what)
{
    cr_assert(fabs(got - want) <= 1e-12 * (1 + fabs(want)),
              "%s: %.17g, expected %.17g", what, got, want);
}

Test(history, a_session_is_the_mean_and_sd_of_log_estimates)
{
    /* logs 1, 2, 3: mean 2, SD sqrt(((1)^2 + 0 + 1^2) / 2) = 1. */
    const double logs[] = {1, 2, 3};
    struct brun_round_result *r = rounds_of(logs, 3);
    unsigned n;
    double mean, sd;
    cr_assert_eq(brun_history_summarize_rounds(r, 3, &n, &mean, &sd), 0);
    cr_assert_eq(n, 3);
    expect_near(mean, 2, "mean");
    expect_near(sd, 1, "sd");
    free(r);
}

Test(history, rounds_without_a_positive_estimate_are_left_out)
{
    /* A 0 estimate is skipped: logs 4 and 6 remain, mean 5, SD sqrt 2. */
    const double logs[] = {4, 0, 6};
    struct brun_round_result *r = rounds_of(logs, 3);
    unsigned n;
    double mean, sd;
    cr_assert_eq(brun_history_summarize_rounds(r, 3, &n, &mean, &sd), 0);
    cr_assert_eq(n, 2);
    expect_near(mean, 5, "mean");
    expect_near(sd, sqrt(2), "sd");
    /* One round: its log, SD 0.  None: -1. */
    cr_assert_eq(brun_history_summarize_rounds(r, 1, &n, &mean, &sd), 0);
    cr_assert_eq(n, 1);
    expect_near(mean, 4, "mean of one");
    cr_assert_eq(sd, 0);
    cr_assert_eq(brun_history_summarize_rounds(r + 1, 1, &n, &mean, &sd), -1);
    cr_assert_eq(n, 0);
    free(r);
}

/* A case with history log means h[0..nh) and rounds of logs[0..nr). */
static void make_case(struct brun_case_result *c, const double *h, size_t nh,
                      const double *logs, size_t nr)
{
    memset(c, 0, sizeof *c);
    c->history = calloc(nh ? nh : 1, sizeof *c->history);
    cr_assert_not_null(c->history);
    for (size_t i = 0; i < nh; i++) {
        char date[32];
        snprintf(date, sizeof date, "2026-01-%02zuT00:00:00Z", i + 1);
        c->history[i].saved = strdup(date);
        c->history[i].build = strdup("");
        c->history[i].rounds = 10;
        c->history[i].log_mean = h[i];
    }
    c->history_count = nh;
    c->rounds = nr ? rounds_of(logs, nr) : NULL;
    c->round_count = nr;
}

Test(history, the_spread_is_the_rms_of_the_differences_without_steps)
{
    /* Sessions 0.5, 0.51, 0.53, 0.52 and the current rounds (logs 0.55
     * and 0.57: mean 0.56).  |differences| 0.01 0.02 0.01 0.04, median
     * 0.015, cut 5 * 1.4826 * 0.015 = 0.111: all kept, RMS sqrt((1 + 4 +
     * 1 + 16) / 4) / 100 = 0.023452. */
    const double h[] = {0.5, 0.51, 0.53, 0.52}, now[] = {0.55, 0.57};
    struct brun_case_result c;
    double sd;
    size_t n;
    make_case(&c, h, 4, now, 2);
    cr_assert_eq(brun_history_session_spread(&c, &sd, &n), 0);
    cr_assert_eq(n, 4);
    expect_near(sd, sqrt(5.5e-4), "sd (even count)");

    /* Without the last history entry: 0.5, 0.51, 0.53 then 0.56, so
     * |differences| 0.01 0.02 0.03: RMS sqrt(14 / 3) / 100 = 0.021602. */
    c.history_count = 3;
    cr_assert_eq(brun_history_session_spread(&c, &sd, &n), 0);
    cr_assert_eq(n, 3);
    expect_near(sd, sqrt(14e-4 / 3), "sd (odd count)");
    c.history_count = 4;
    brun_case_result_release(&c);

    /* A step of 0.5 between two saves (the code changed): 0.5, 0.51,
     * 1.01, 1.02 and now 1.03.  Median |difference| 0.01, cut 0.074: the
     * step is left out, three differences of 0.01 remain. */
    const double stepped[] = {0.5, 0.51, 1.01, 1.02}, after[] = {1.03, 1.03};
    make_case(&c, stepped, 4, after, 2);
    cr_assert_eq(brun_history_session_spread(&c, &sd, &n), 0);
    cr_assert_eq(n, 3);
    expect_near(sd, 0.01, "sd without the step");
    brun_case_result_release(&c);
}

Test(history, fewer_than_two_sessions_give_no_spread)
{
    const double h[] = {1.0}, now[] = {1.1, 1.3};
    struct brun_case_result c;
    double sd = 7;
    size_t n = 7;
    /* The current rounds alone: one session. */
    make_case(&c, h, 0, now, 2);
    cr_assert_eq(brun_history_session_spread(&c, &sd, &n), -1);
    cr_assert_eq(n, 0);
    cr_assert_eq(sd, 0);
    brun_case_result_release(&c);
    /* One earlier session and no usable rounds: one session. */
    make_case(&c, h, 1, NULL, 0);
    cr_assert_eq(brun_history_session_spread(&c, &sd, &n), -1);
    brun_case_result_release(&c);
    /* One earlier session and the rounds: one difference, 1.2 - 1.0. */
    make_case(&c, h, 1, now, 2);
    cr_assert_eq(brun_history_session_spread(&c, &sd, &n), 0);
    cr_assert_eq(n, 1);
    expect_near(sd, 0.2, "sd of one difference");
    brun_case_result_release(&c);
}

Test(history, a_new_save_appends_the_old_session_and_keeps_the_newest_8)
{
    const double h[] = {1, 2, 3, 4, 5, 6, 7, 8}, now[] = {9.5, 10.5};
    struct brun_case_result c;
    struct brun_session_summary *out;
    size_t count;

    /* Three earlier sessions: four after, the newest dated and built. */
    make_case(&c, h, 3, now, 2);
    cr_assert_eq(
        brun_history_extend(&c, "2026-02-01T00:00:00Z", "ab", &out, &count), 0);
    cr_assert_eq(count, 4);
    for (size_t i = 0; i < 3; i++) {
        expect_near(out[i].log_mean, h[i], "carried mean");
        cr_assert_str_eq(out[i].saved, c.history[i].saved);
        cr_assert_neq(out[i].saved, c.history[i].saved, "not a copy");
    }
    cr_assert_str_eq(out[3].saved, "2026-02-01T00:00:00Z");
    cr_assert_str_eq(out[3].build, "ab");
    cr_assert_eq(out[3].rounds, 2);
    expect_near(out[3].log_mean, 10, "new mean");
    expect_near(out[3].log_sd, sqrt(0.5), "new sd");
    brun_history_free(out, count);
    brun_case_result_release(&c);

    /* Eight already: the oldest goes. */
    make_case(&c, h, 8, now, 2);
    cr_assert_eq(
        brun_history_extend(&c, "2026-02-01T00:00:00Z", "", &out, &count), 0);
    cr_assert_eq(count, BRUN_HISTORY_MAX);
    expect_near(out[0].log_mean, 2, "oldest kept");
    expect_near(out[6].log_mean, 8, "newest carried");
    expect_near(out[7].log_mean, 10, "new");
    brun_history_free(out, count);
    brun_case_result_release(&c);

    /* No history and no usable rounds: nothing to carry. */
    make_case(&c, h, 0, NULL, 0);
    cr_assert_eq(
        brun_history_extend(&c, "2026-02-01T00:00:00Z", "", &out, &count), 0);
    cr_assert_null(out);
    cr_assert_eq(count, 0);
    brun_case_result_release(&c);
}
