# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
# Tests of the baseline store (owned with runner/baseline/local.mk): the store
# itself on real files, and the ELF and SHA-256 helpers it relies on.  They
# store copies of examples/harness and examples/sort and inspect
# tests/bench_faulty, found through $BENCHRUN_TEST_BUILDDIR.  test_history
# checks the history arithmetic on numbers worked out by hand;
# test_saved_noise simulates saved-numbers comparisons with it.

if ENABLE_TESTS
BR_BASELINE_TEST_LIBS = runner/libbrrunner.la reports/libbrreports.la \
	stats/libbrstats.la lib/libbenchrun-core.la tests/libtesthelpers.la \
	$(GSL_LIBS) $(YAML_LIBS) -lm $(TEST_LIBS)

check_PROGRAMS += tests/test_baseline tests/test_elf tests/test_history \
	tests/test_saved_noise
TESTS += tests/test_baseline tests/test_elf tests/test_history \
	tests/test_saved_noise

tests_test_baseline_SOURCES = tests/test_baseline.c
tests_test_baseline_CFLAGS = $(TEST_CFLAGS)
tests_test_baseline_LDADD = $(BR_BASELINE_TEST_LIBS)
tests_test_elf_SOURCES = tests/test_elf.c
tests_test_elf_CFLAGS = $(TEST_CFLAGS)
tests_test_elf_LDADD = $(BR_BASELINE_TEST_LIBS)
tests_test_history_SOURCES = tests/test_history.c
tests_test_history_CFLAGS = $(TEST_CFLAGS)
tests_test_history_LDADD = $(BR_BASELINE_TEST_LIBS)
tests_test_saved_noise_SOURCES = tests/test_saved_noise.c
tests_test_saved_noise_CFLAGS = $(TEST_CFLAGS)
tests_test_saved_noise_LDADD = $(BR_BASELINE_TEST_LIBS)
endif
