/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/* test_clock.c: the clocks are chosen and named sensibly, and the
 * calibrated tick rate agrees with CLOCK_MONOTONIC. */
#include "config.h"

#include <criterion/criterion.h>
#include <math.h>
#include <string.h>
#include <time.h>

#include "lib/clock.h"

static double monotonic_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

Test(clock, calibrated_rate_agrees_with_clock_monotonic)
{
    struct brun_clock_info info;
    enum brun_clock_kind kind = brun_clock_best();
    brun_clock_calibrate(kind, &info);
    cr_assert(info.ticks_per_second > 1e6, "rate %g", info.ticks_per_second);

    /* Over 50 ms the two clocks must agree within 1 %: a rate that is
     * off, or a clock that is not a wall clock, shows up here. */
    double m0 = monotonic_ns();
    uint64_t t0 = brun_clock_read(kind);
    struct timespec pause = {0, 50 * 1000 * 1000};
    nanosleep(&pause, NULL);
    uint64_t t1 = brun_clock_read(kind);
    double m1 = monotonic_ns();
    double by_clock = brun_clock_ticks_to_ns(&info, (double)(t1 - t0));
    double ratio = by_clock / (m1 - m0);
    cr_assert(fabs(ratio - 1) < 0.01, "%s says %.0f ns, monotonic %.0f ns",
              brun_clock_name(kind), by_clock, m1 - m0);
}

Test(clock, resolution_and_read_cost_are_measured)
{
    struct brun_clock_info info;
    brun_clock_calibrate(BRUN_CLOCK_MONOTONIC, &info);
    cr_assert_eq(info.ticks_per_second, 1e9);
    cr_assert(info.resolution_ns > 0 && info.resolution_ns < 1e6,
              "resolution %g ns", info.resolution_ns);
    cr_assert(info.read_cost_ns > 0 && info.read_cost_ns < 1e6,
              "read cost %g ns", info.read_cost_ns);
    cr_assert(info.empty_region_ns >= 0);
}

Test(clock, names_parse_and_unknown_names_are_explained)
{
    enum brun_clock_kind kind;
    char why[200] = "";
    cr_assert_eq(brun_clock_parse("monotonic", &kind, why, sizeof why), 0);
    cr_assert_eq(kind, BRUN_CLOCK_MONOTONIC);
    cr_assert_str_eq(brun_clock_name(kind), "monotonic");
    cr_assert_eq(brun_clock_parse("auto", &kind, why, sizeof why), 0);
    cr_assert_eq(kind, brun_clock_best());
    cr_assert_eq(brun_clock_parse("sundial", &kind, why, sizeof why), -1);
    cr_assert(strstr(why, "sundial") && strstr(why, "monotonic"), "%s", why);
#if defined(__x86_64__)
    cr_assert_eq(brun_clock_parse("cntvct", &kind, why, sizeof why), -1);
    cr_assert(strstr(why, "aarch64"), "%s", why);
#endif
}

Test(clock, readings_never_go_backwards)
{
    enum brun_clock_kind kind = brun_clock_best();
    uint64_t previous = brun_clock_read(kind);
    for (int i = 0; i < 100000; i++) {
        uint64_t now = brun_clock_read(kind);
        cr_assert(now >= previous, "went back at read %d", i);
        previous = now;
    }
}
