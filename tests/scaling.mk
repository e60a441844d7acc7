# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
# tests/scaling.mk: the scaling fits of parameterized families
# (runner/compare/scaling.c) on hand-built results, and end to end on two
# builds of tests/bench_scaling.c (scale/linear linear as is, quadratic
# with -DQUADRATIC), linked with the static libbenchrun.
EXTRA_DIST += tests/bench_scaling.c

if ENABLE_TESTS
check_PROGRAMS += tests/scaling_linear tests/scaling_quadratic
tests_scaling_linear_SOURCES = tests/bench_scaling.c
tests_scaling_linear_LDADD = lib/libbenchrun.la
tests_scaling_linear_LDFLAGS = -static
tests_scaling_quadratic_SOURCES = tests/bench_scaling.c
tests_scaling_quadratic_CPPFLAGS = $(AM_CPPFLAGS) -DQUADRATIC
tests_scaling_quadratic_LDADD = lib/libbenchrun.la
tests_scaling_quadratic_LDFLAGS = -static

check_PROGRAMS += tests/test_scaling
TESTS += tests/test_scaling
tests_test_scaling_SOURCES = tests/test_scaling.c
tests_test_scaling_CFLAGS = $(TEST_CFLAGS)
tests_test_scaling_LDADD = tests/libtesthelpers.la $(BR_DRIVER_LIBS) \
	$(TEST_LIBS)
endif
