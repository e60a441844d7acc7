# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
# tests/config.mk: tests of benchrun.yml (runner/options/config_file.c), owned with it.
# test_config writes its files in scratch folders at run time, and reads
# docs/config.md through $BENCHRUN_TEST_SRCDIR to check that every key of
# the option table is documented.

if ENABLE_TESTS
check_PROGRAMS += tests/test_config
TESTS += tests/test_config
tests_test_config_SOURCES = tests/test_config.c
tests_test_config_CFLAGS = $(TEST_CFLAGS)
tests_test_config_LDADD = tests/libtesthelpers.la \
	runner/libbrrunner.la reports/libbrreports.la stats/libbrstats.la \
	lib/libbenchrun-core.la $(GSL_LIBS) $(YAML_LIBS) -lm $(TEST_LIBS)
endif
