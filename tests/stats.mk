# SPDX-License-Identifier: GPL-3.0-or-later
# Tests of stats/ (owned with the statistics module): one Criterion program
# per module.  Known answers come from tests/fixtures/stats/reference.json,
# written once by make_reference.py (scipy, numpy, statsmodels) and read at
# run time through $BENCHRUN_TEST_SRCDIR.

STATS_REFERENCE = tests/fixtures/stats/reference.c tests/fixtures/stats/reference.h
EXTRA_DIST += \
	tests/fixtures/stats/reference.json \
	tests/fixtures/stats/make_reference.py

check_PROGRAMS += tests/test_summary tests/test_random
TESTS += tests/test_summary tests/test_random

tests_test_summary_SOURCES = tests/test_summary.c $(STATS_REFERENCE)
tests_test_summary_CFLAGS = $(TEST_CFLAGS)
tests_test_summary_LDADD = stats/libbrstats.la $(TEST_LIBS)

tests_test_random_SOURCES = tests/test_random.c
tests_test_random_CFLAGS = $(TEST_CFLAGS)
tests_test_random_LDADD = stats/libbrstats.la $(TEST_LIBS)
