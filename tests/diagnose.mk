# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
# Tests of runner/diagnose/: the callgrind and perf readers on real
# output of tests/profile_target (run under the real valgrind and perf,
# skipped where a tool is missing) and on hand-written callgrind files,
# and the ranking of grown functions.

EXTRA_DIST += \
	tests/fixtures/profile/compressed.out \
	tests/fixtures/profile/subpositions.out \
	tests/fixtures/profile/calls.out \
	tests/fixtures/profile/no_events.out \
	tests/fixtures/profile/malformed.out \
	tests/fixtures/profile/undefined_id.out

if ENABLE_TESTS
# The profiled program: -O0 would change the 2:1 shape, -O2 keeps it;
# frame pointers and debug info for perf's call graphs.  -no-install: a
# real executable, not a libtool wrapper script, runs under the tools.
check_PROGRAMS += tests/profile_target
tests_profile_target_SOURCES = tests/profile_target.c
tests_profile_target_CFLAGS = $(AM_CFLAGS) -O2 -g -fno-omit-frame-pointer
tests_profile_target_LDFLAGS = -no-install

check_PROGRAMS += tests/test_profile_read
TESTS += tests/test_profile_read
tests_test_profile_read_SOURCES = tests/test_profile_read.c
tests_test_profile_read_CFLAGS = $(TEST_CFLAGS)
tests_test_profile_read_LDADD = tests/libtesthelpers.la $(BR_DRIVER_LIBS) \
	$(TEST_LIBS)
endif
