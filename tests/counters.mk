# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
# tests/counters.mk: user counters (benchrun_counter()) end to end: three
# builds of tests/bench_counters.c (3 hits per iteration, 6, and one with
# misused calls), linked with the static libbenchrun so a saved baseline
# can keep copies, run by the real benchrun from tests/test_counters.c.
EXTRA_DIST += tests/bench_counters.c

if ENABLE_TESTS
check_PROGRAMS += tests/counters_base tests/counters_more tests/counters_misuse
tests_counters_base_SOURCES = tests/bench_counters.c
tests_counters_base_LDADD = lib/libbenchrun.la
tests_counters_base_LDFLAGS = -static
tests_counters_more_SOURCES = tests/bench_counters.c
tests_counters_more_CPPFLAGS = $(AM_CPPFLAGS) -DHITS=6
tests_counters_more_LDADD = lib/libbenchrun.la
tests_counters_more_LDFLAGS = -static
tests_counters_misuse_SOURCES = tests/bench_counters.c
tests_counters_misuse_CPPFLAGS = $(AM_CPPFLAGS) -DMISUSE
tests_counters_misuse_LDADD = lib/libbenchrun.la
tests_counters_misuse_LDFLAGS = -static

check_PROGRAMS += tests/test_counters
TESTS += tests/test_counters
tests_test_counters_SOURCES = tests/test_counters.c
tests_test_counters_CFLAGS = $(TEST_CFLAGS)
tests_test_counters_LDADD = tests/libtesthelpers.la $(BR_DRIVER_LIBS) \
	$(TEST_LIBS)
endif
