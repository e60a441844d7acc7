# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
# tests/yaml.mk: tests of the strict YAML reader (runner/yaml/), owned with
# it, including one refusal through each reader built on it (benchrun.yml
# and the baseline store).  test_yaml writes its files in a scratch folder
# at run time.

if ENABLE_TESTS
check_PROGRAMS += tests/test_yaml
TESTS += tests/test_yaml
tests_test_yaml_SOURCES = tests/test_yaml.c
tests_test_yaml_CFLAGS = $(TEST_CFLAGS)
tests_test_yaml_LDADD = tests/libtesthelpers.la $(BR_DRIVER_LIBS) $(TEST_LIBS)
endif
