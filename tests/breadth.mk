# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
# tests/breadth.mk: named parameters, multi-threaded cases and group
# fixtures end to end: two builds of tests/bench_breadth.c (one whose
# fixture skips), static so a saved baseline can keep copies, and one
# under ThreadSanitizer, run by the real benchrun from
# tests/test_breadth.c.
EXTRA_DIST += tests/bench_breadth.c

if ENABLE_TESTS
check_PROGRAMS += tests/breadth tests/breadth_skip
tests_breadth_SOURCES = tests/bench_breadth.c
tests_breadth_LDADD = lib/libbenchrun.la -lpthread
tests_breadth_LDFLAGS = -static
tests_breadth_skip_SOURCES = tests/bench_breadth.c
tests_breadth_skip_CPPFLAGS = $(AM_CPPFLAGS) -DSETUP_SKIPS
tests_breadth_skip_LDADD = lib/libbenchrun.la -lpthread
tests_breadth_skip_LDFLAGS = -static

# The same cases with libbenchrun's sources built in under
# ThreadSanitizer (dynamically linked, as it needs): test_breadth runs
# the teams and fails on any race it reports.
if HAVE_TSAN
check_PROGRAMS += tests/breadth_tsan
tests_breadth_tsan_SOURCES = tests/bench_breadth.c $(lib_libbenchrun_core_la_SOURCES) \
	lib/main.c
tests_breadth_tsan_CPPFLAGS = $(AM_CPPFLAGS) -DBENCHRUN_BINDIR='"$(bindir)"'
tests_breadth_tsan_CFLAGS = $(AM_CFLAGS) -fsanitize=thread -g
tests_breadth_tsan_LDFLAGS = -fsanitize=thread
tests_breadth_tsan_LDADD = -lm -lpthread
endif

check_PROGRAMS += tests/test_breadth
TESTS += tests/test_breadth
tests_test_breadth_SOURCES = tests/test_breadth.c
tests_test_breadth_CFLAGS = $(TEST_CFLAGS)
tests_test_breadth_LDADD = tests/libtesthelpers.la $(BR_DRIVER_LIBS) \
	$(TEST_LIBS)
endif
