# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
# Tests of the HTML report (reports/html/html.c): the hand-made models of
# tests/fixtures/reports/models.c parsed with libxml2's HTML parser, the
# compare model's page run in headless chromium when it is installed
# (its screenshot is kept as html_report.png in the build tree's tests folder),
# and the real benchrun writing --html for examples/memcpy.

CLEANFILES += tests/html_report.png

if ENABLE_TESTS
check_PROGRAMS += tests/test_html
TESTS += tests/test_html
tests_test_html_SOURCES = tests/test_html.c \
	tests/fixtures/reports/models.c tests/fixtures/reports/models.h
tests_test_html_CFLAGS = $(TEST_CFLAGS)
tests_test_html_LDADD = tests/libtesthelpers.la reports/libbrreports.la \
	stats/libbrstats.la lib/libbenchrun-core.la $(GSL_LIBS) -lm $(TEST_LIBS)
endif
