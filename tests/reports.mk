# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
# Tests of the Markdown report, the exports and JUnit XML (owned with
# reports/markdown/markdown.c, reports/export/*.c), and of the words they
# share with the console and --github (reports/model/wording.c).  The
# programs build their results models by hand
# (tests/fixtures/reports/models.c); test_markdown and test_export compare
# what the writers print with golden files, read at run time through
# $BENCHRUN_TEST_SRCDIR (BENCHRUN_UPDATE_GOLDEN=1 rewrites them), and
# test_wording checks that every writer words the model alike (and holds
# the console's goldens of the metrics and scaling models, the JSON's
# metrics and the sparkline of -v).
# test_flamegraph checks folded stacks, the top-functions table and the
# flame-graph SVG (reports/flamegraph/*.c), parsing the SVG with libxml2.

EXTRA_DIST += tests/fixtures/reports/markdown_plain.golden \
	tests/fixtures/reports/markdown_compare.golden \
	tests/fixtures/reports/markdown_minimal.golden \
	tests/fixtures/reports/gab_plain.golden \
	tests/fixtures/reports/gab_compare.golden \
	tests/fixtures/reports/bencher_plain.golden \
	tests/fixtures/reports/bencher_compare.golden \
	tests/fixtures/reports/gbench_plain.golden \
	tests/fixtures/reports/gbench_compare.golden \
	tests/fixtures/reports/junit_plain.golden \
	tests/fixtures/reports/junit_compare.golden \
	tests/fixtures/reports/markdown_metrics.golden \
	tests/fixtures/reports/gab_metrics.golden \
	tests/fixtures/reports/bencher_metrics.golden \
	tests/fixtures/reports/gbench_metrics.golden \
	tests/fixtures/reports/junit_metrics.golden \
	tests/fixtures/reports/console_metrics.golden \
	tests/fixtures/reports/markdown_scaling.golden \
	tests/fixtures/reports/markdown_components.golden \
	tests/fixtures/reports/gab_scaling.golden \
	tests/fixtures/reports/bencher_scaling.golden \
	tests/fixtures/reports/gbench_scaling.golden \
	tests/fixtures/reports/console_scaling.golden \
	tests/fixtures/reports/csv_plain.golden \
	tests/fixtures/reports/csv_compare.golden \
	tests/fixtures/reports/csv_metrics.golden \
	tests/fixtures/reports/csv_scaling.golden

if ENABLE_TESTS
BR_REPORT_TEST_SOURCES = \
	tests/fixtures/reports/models.c tests/fixtures/reports/models.h \
	tests/fixtures/reports/golden.c tests/fixtures/reports/golden.h
BR_REPORT_TEST_LIBS = tests/libtesthelpers.la reports/libbrreports.la \
	stats/libbrstats.la lib/libbenchrun-core.la $(GSL_LIBS) -lm $(TEST_LIBS)

check_PROGRAMS += tests/test_markdown tests/test_export tests/test_wording
TESTS += tests/test_markdown tests/test_export tests/test_wording

tests_test_markdown_SOURCES = tests/test_markdown.c $(BR_REPORT_TEST_SOURCES)
tests_test_markdown_CFLAGS = $(TEST_CFLAGS)
tests_test_markdown_LDADD = $(BR_REPORT_TEST_LIBS)
tests_test_export_SOURCES = tests/test_export.c $(BR_REPORT_TEST_SOURCES)
tests_test_export_CFLAGS = $(TEST_CFLAGS)
tests_test_export_LDADD = $(BR_REPORT_TEST_LIBS)
tests_test_wording_SOURCES = tests/test_wording.c $(BR_REPORT_TEST_SOURCES)
tests_test_wording_CFLAGS = $(TEST_CFLAGS) $(CURL_CFLAGS)
tests_test_wording_LDADD = $(BR_REPORT_TEST_LIBS) $(CURL_LIBS)

check_PROGRAMS += tests/test_flamegraph
TESTS += tests/test_flamegraph
tests_test_flamegraph_SOURCES = tests/test_flamegraph.c
tests_test_flamegraph_CFLAGS = $(TEST_CFLAGS)
tests_test_flamegraph_LDADD = reports/libbrreports.la $(TEST_LIBS) -lm
endif
