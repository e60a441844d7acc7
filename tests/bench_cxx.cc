// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The benchrun authors
// bench_cxx.cc: benchrun.h used from C++ (C++20 for designated options),
// with every option kind, built by `make check` and listed by
// test_driver.c.
#include <benchrun.h>

#include <string>

BENCH(cxx, string_append)
{
    double appended = 0;
    BENCH_LOOP(st) {
        std::string s("bench");
        s += "run";
        BENCH_KEEP(s.size());
        appended += 3;
    }
    benchrun_counter(st, "appended", appended, BENCHRUN_COUNTER_PER_ITERATION);
}

BENCH(cxx, sized, BENCH_ARGS(16, 256), .bytes = 1)
{
    std::string s(static_cast<size_t>(benchrun_arg(st)), 'x');
    BENCH_LOOP(st) {
        BENCH_KEEP(s.find('y'));
    }
}

BENCH(cxx, ranged, BENCH_RANGE_MUL(1, 64, 4), .items = 2)
{
    BENCH_LOOP(st) {
        BENCH_CLOBBER();
    }
}
