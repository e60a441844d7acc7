# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
# Tests of stats/ (owned with the statistics module): one Criterion program
# per module.  Known answers come from tests/fixtures/stats/reference.json,
# written once by make_reference.py (scipy, numpy, statsmodels) and read at
# run time through $BENCHRUN_TEST_SRCDIR.

EXTRA_DIST += \
	tests/fixtures/stats/reference.json \
	tests/fixtures/stats/make_reference.py

if ENABLE_TESTS
STATS_REFERENCE = tests/fixtures/stats/reference.c tests/fixtures/stats/reference.h
check_PROGRAMS += \
	tests/test_summary tests/test_random tests/test_bootstrap \
	tests/test_ttest tests/test_mannwhitney tests/test_multiple \
	tests/test_verdict tests/test_yuen tests/test_complexity
TESTS += \
	tests/test_summary tests/test_random tests/test_bootstrap \
	tests/test_ttest tests/test_mannwhitney tests/test_multiple \
	tests/test_verdict tests/test_yuen tests/test_complexity

tests_test_summary_SOURCES = tests/test_summary.c $(STATS_REFERENCE)
tests_test_summary_CFLAGS = $(TEST_CFLAGS)
tests_test_summary_LDADD = stats/libbrstats.la $(TEST_LIBS)

tests_test_random_SOURCES = tests/test_random.c
tests_test_random_CFLAGS = $(TEST_CFLAGS)
tests_test_random_LDADD = stats/libbrstats.la $(TEST_LIBS)

tests_test_bootstrap_SOURCES = tests/test_bootstrap.c $(STATS_REFERENCE)
tests_test_bootstrap_CFLAGS = $(TEST_CFLAGS)
tests_test_bootstrap_LDADD = stats/libbrstats.la $(TEST_LIBS)

tests_test_ttest_SOURCES = tests/test_ttest.c $(STATS_REFERENCE)
tests_test_ttest_CFLAGS = $(TEST_CFLAGS)
tests_test_ttest_LDADD = stats/libbrstats.la $(TEST_LIBS)

tests_test_mannwhitney_SOURCES = tests/test_mannwhitney.c $(STATS_REFERENCE)
tests_test_mannwhitney_CFLAGS = $(TEST_CFLAGS)
tests_test_mannwhitney_LDADD = stats/libbrstats.la $(TEST_LIBS)

tests_test_multiple_SOURCES = tests/test_multiple.c $(STATS_REFERENCE)
tests_test_multiple_CFLAGS = $(TEST_CFLAGS)
tests_test_multiple_LDADD = stats/libbrstats.la $(TEST_LIBS)

tests_test_verdict_SOURCES = tests/test_verdict.c
tests_test_verdict_CFLAGS = $(TEST_CFLAGS)
tests_test_verdict_LDADD = stats/libbrstats.la $(TEST_LIBS)

tests_test_complexity_SOURCES = tests/test_complexity.c
tests_test_complexity_CFLAGS = $(TEST_CFLAGS)
tests_test_complexity_LDADD = stats/libbrstats.la $(TEST_LIBS)
endif
tests_test_yuen_SOURCES = tests/test_yuen.c
tests_test_yuen_CFLAGS = $(TEST_CFLAGS)
tests_test_yuen_LDADD = stats/libbrstats.la $(TEST_LIBS)
