# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
# Tests of the allocation counter (lib/alloc/) and of where the driver
# finds it (runner/diagnose/alloc_library).  tests/alloc_target is a real
# program the test runs with the build tree's libbenchrun-alloc.so in
# LD_PRELOAD; -no-install: a real executable, no libtool wrapper script
# for the preload to count.  The counter must be built before the test
# runs, hence the explicit dependency.

if ENABLE_TESTS
check_PROGRAMS += tests/alloc_target tests/test_alloc_counter
TESTS += tests/test_alloc_counter
tests_alloc_target_SOURCES = tests/alloc_target.c
tests_alloc_target_LDADD = -ldl -lpthread
tests_alloc_target_LDFLAGS = -no-install

tests_test_alloc_counter_SOURCES = tests/test_alloc_counter.c
tests_test_alloc_counter_CPPFLAGS = $(AM_CPPFLAGS) \
	-DBRUN_PKGLIBDIR='"$(pkglibdir)"'
tests_test_alloc_counter_CFLAGS = $(TEST_CFLAGS)
tests_test_alloc_counter_LDADD = runner/libbrrunner.la \
	tests/libtesthelpers.la $(TEST_LIBS) -ldl
EXTRA_tests_test_alloc_counter_DEPENDENCIES = lib/alloc/libbenchrun-alloc.la
endif
