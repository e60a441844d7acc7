# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
# Tests of runner/diagnose/memory_tool.c: heaptrack, massif and DHAT run
# for real on tests/memory_target, a program with known allocations
# (built -O1 -g, so its frames have names and lines); a tool that is not
# installed is skipped.

if ENABLE_TESTS
check_PROGRAMS += tests/memory_target tests/test_memory_tool
TESTS += tests/test_memory_tool
tests_memory_target_SOURCES = tests/memory_target.c
tests_memory_target_CFLAGS = $(AM_CFLAGS) -O1 -g -fno-inline
tests_test_memory_tool_SOURCES = tests/test_memory_tool.c
tests_test_memory_tool_CFLAGS = $(TEST_CFLAGS)
tests_test_memory_tool_LDADD = tests/libtesthelpers.la $(BR_DRIVER_LIBS) \
	$(TEST_LIBS)
endif
