// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The benchrun authors
// bench_cxx.cc: benchrun.h used from C++ (C++20 for designated options),
// with every option kind (named parameters from an array, threads) and a
// fixture, built by `make check` and listed by test_driver.c.
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

// Named parameters from a static array, threads and a fixture.
static const long long sizes[] = {8, 64};
static const char *const orders[] = {"up", "down"};
static const struct benchrun_param params[] = {
    {"size", sizes, 2, {0, 0, 0, 0}, nullptr, 0},
    {"order", nullptr, 0, {0, 0, 0, 0}, orders, 2}};

static void *make_text(struct benchrun_state *)
{
    return new std::string("fixture");
}

static void free_text(void *p)
{
    delete static_cast<std::string *>(p);
}

BENCH_FIXTURE(cxxp, make_text, free_text);

BENCH(cxxp, product, BENCH_PARAMS_ARRAY(params), BENCH_THREADS(1, 2))
{
    const std::string *text = static_cast<std::string *>(benchrun_fixture(st));
    long long size = benchrun_param(st, "size");
    std::string order = benchrun_param_str(st, "order");
    BENCH_LOOP(st) {
        BENCH_KEEP(text->size() + static_cast<size_t>(size) + order.size());
    }
}
