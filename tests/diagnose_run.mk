# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
# tests/diagnose_run.mk: --metric, --profile, --profile-memory and the
# explanation of a regression, end to end, on three builds of
# tests/bench_diag.c (as is; slow_part() twice as expensive; 1 % more
# chain steps), linked with the static libbenchrun so they are
# self-contained, with frame pointers and debug information for perf.
EXTRA_DIST += tests/bench_diag.c

if ENABLE_TESTS
DIAG_CFLAGS = $(AM_CFLAGS) -g -fno-omit-frame-pointer
check_PROGRAMS += tests/diag_base tests/diag_slow tests/diag_more
tests_diag_base_SOURCES = tests/bench_diag.c
tests_diag_base_CFLAGS = $(DIAG_CFLAGS)
tests_diag_base_LDADD = lib/libbenchrun.la
tests_diag_base_LDFLAGS = -static
tests_diag_slow_SOURCES = tests/bench_diag.c
tests_diag_slow_CFLAGS = $(DIAG_CFLAGS)
tests_diag_slow_CPPFLAGS = $(AM_CPPFLAGS) -DSLOW_FACTOR=2
tests_diag_slow_LDADD = lib/libbenchrun.la
tests_diag_slow_LDFLAGS = -static
tests_diag_more_SOURCES = tests/bench_diag.c
tests_diag_more_CFLAGS = $(DIAG_CFLAGS)
tests_diag_more_CPPFLAGS = $(AM_CPPFLAGS) -DCHAIN_STEPS=1010
tests_diag_more_LDADD = lib/libbenchrun.la
tests_diag_more_LDFLAGS = -static

check_PROGRAMS += tests/test_diagnose
TESTS += tests/test_diagnose
tests_test_diagnose_SOURCES = tests/test_diagnose.c
tests_test_diagnose_CFLAGS = $(TEST_CFLAGS)
tests_test_diagnose_LDADD = tests/libtesthelpers.la $(TEST_LIBS)
endif

# The counter group, metric values, changes and the metric gate, in
# process.
if ENABLE_TESTS
check_PROGRAMS += tests/test_metrics
TESTS += tests/test_metrics
tests_test_metrics_SOURCES = tests/test_metrics.c
tests_test_metrics_CFLAGS = $(TEST_CFLAGS)
tests_test_metrics_LDADD = $(BR_DRIVER_LIBS) $(TEST_LIBS)
endif
