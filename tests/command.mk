# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
# tests/command.mk: whole commands measured as processes
# (runner/command/command.c): its functions on real processes, and the
# real benchrun --command on sleep, sh and true.

if ENABLE_TESTS
check_PROGRAMS += tests/test_command
TESTS += tests/test_command
tests_test_command_SOURCES = tests/test_command.c
tests_test_command_CFLAGS = $(TEST_CFLAGS)
tests_test_command_LDADD = tests/libtesthelpers.la $(BR_DRIVER_LIBS) \
	$(TEST_LIBS)
endif
