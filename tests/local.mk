# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
# tests/: Criterion test programs, one per module, run by `make check`.
# Each program prints TAP (one line per test case) through automake's
# tap-driver, so tests/*.trs count individual test cases; .ci/run sums
# them into its "N passed, N failed" line.  Tests link the convenience
# libraries, so internal functions are reachable.
#
# Only the programs depend on --disable-tests: here and in each tests/*.mk
# the files the tests read (fixtures, goldens, suppressions) are listed
# outside "if ENABLE_TESTS", so every tarball can run the test suite.

TEST_LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
LOG_DRIVER = $(TEST_LOG_DRIVER)
AM_TESTS_ENVIRONMENT = \
	CRITERION_OUTPUTS='tap:-'; export CRITERION_OUTPUTS; \
	BENCHRUN_TEST_SRCDIR='$(abs_top_srcdir)'; export BENCHRUN_TEST_SRCDIR; \
	BENCHRUN_TEST_BUILDDIR='$(abs_top_builddir)'; export BENCHRUN_TEST_BUILDDIR; \
	BENCHRUN_DRIVER='$(abs_top_builddir)/runner/benchrun'; export BENCHRUN_DRIVER; \
	BENCHRUN_ALLOC_LIBRARY='$(abs_top_builddir)/lib/alloc/.libs/libbenchrun-alloc.so'; export BENCHRUN_ALLOC_LIBRARY; \
	CC='$(CC)'; export CC;

# Flags shared by every Criterion test program.
TEST_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS) $(JANSSON_CFLAGS) $(LIBXML_CFLAGS)
TEST_LIBS = $(CRITERION_LIBS) $(JANSSON_LIBS) $(LIBXML_LIBS)

EXTRA_DIST += tests/loop_probe.c tests/lsan.supp tests/dist_contents.sh \
	tests/layout.sh tests/format.sh

include tests/stats.mk
include tests/yaml.mk
include tests/config.mk
include tests/baseline.mk
include tests/reports.mk
include tests/html.mk
include tests/github.mk
include tests/alloc.mk
include tests/memory.mk
include tests/diagnose.mk
include tests/diagnose_run.mk
include tests/scaling.mk
include tests/counters.mk
include tests/breadth.mk
include tests/command.mk

if ENABLE_TESTS
# Shared by the tests that run programs.
noinst_LTLIBRARIES += tests/libtesthelpers.la
tests_libtesthelpers_la_SOURCES = tests/helpers.c tests/helpers.h \
	tests/json_cases.h

# Bench executables and peers the driver tests run.  -no-install: real
# executables in the build tree, no libtool wrapper scripts.
check_PROGRAMS += tests/bench_faulty tests/fake_worker tests/bench_cxx \
	tests/bench_hostile
tests_bench_faulty_SOURCES = tests/bench_faulty.c
tests_bench_faulty_LDADD = lib/libbenchrun.la
tests_bench_faulty_LDFLAGS = -no-install
tests_bench_hostile_SOURCES = tests/bench_hostile.c
tests_bench_hostile_LDADD = lib/libbenchrun.la
tests_bench_hostile_LDFLAGS = -no-install
tests_fake_worker_SOURCES = tests/fake_worker.c
tests_bench_cxx_SOURCES = tests/bench_cxx.cc
tests_bench_cxx_CXXFLAGS = -std=c++20 -Wall -Wextra
tests_bench_cxx_LDADD = lib/libbenchrun.la
tests_bench_cxx_LDFLAGS = -no-install

# Builds of the detection case for the gate tests: unchanged, with 150 %
# more work, and with an extra case.  Linked with the static libbenchrun,
# so they are self-contained and a baseline keeps copies to re-run.
check_PROGRAMS += tests/detect_base tests/detect_slow tests/detect_extra
tests_detect_base_SOURCES = tests/perf/detect_case.c
tests_detect_base_LDADD = lib/libbenchrun.la
tests_detect_base_LDFLAGS = -static
tests_detect_slow_SOURCES = tests/perf/detect_case.c
tests_detect_slow_CPPFLAGS = $(AM_CPPFLAGS) -DEXTRA_PERCENT=150
tests_detect_slow_LDADD = lib/libbenchrun.la
tests_detect_slow_LDFLAGS = -static
tests_detect_extra_SOURCES = tests/perf/detect_case.c
tests_detect_extra_CPPFLAGS = $(AM_CPPFLAGS) -DEXTRA_CASE
tests_detect_extra_LDADD = lib/libbenchrun.la
tests_detect_extra_LDFLAGS = -static

# lib/: protocol, registry, loop state, clock, worker, I/O helpers.
BR_LIB_TESTS = tests/test_protocol tests/test_registry tests/test_state \
	tests/test_clock tests/test_worker tests/test_io
check_PROGRAMS += $(BR_LIB_TESTS)
TESTS += $(BR_LIB_TESTS)
tests_test_protocol_SOURCES = tests/test_protocol.c
tests_test_protocol_CFLAGS = $(TEST_CFLAGS)
tests_test_protocol_LDADD = lib/libbenchrun-core.la $(TEST_LIBS)
tests_test_registry_SOURCES = tests/test_registry.c \
	tests/registry_cases_a.c tests/registry_cases_b.c
tests_test_registry_CFLAGS = $(TEST_CFLAGS)
tests_test_registry_LDADD = lib/libbenchrun-core.la $(TEST_LIBS)
tests_test_state_SOURCES = tests/test_state.c
tests_test_state_CFLAGS = $(TEST_CFLAGS)
tests_test_state_LDADD = lib/libbenchrun-core.la $(TEST_LIBS)
tests_test_clock_SOURCES = tests/test_clock.c
tests_test_clock_CFLAGS = $(TEST_CFLAGS)
tests_test_clock_LDADD = lib/libbenchrun-core.la $(TEST_LIBS)
tests_test_worker_SOURCES = tests/test_worker.c
tests_test_worker_CFLAGS = $(TEST_CFLAGS)
tests_test_worker_LDADD = lib/libbenchrun-core.la $(TEST_LIBS)
tests_test_io_SOURCES = tests/test_io.c
tests_test_io_CFLAGS = $(TEST_CFLAGS)
tests_test_io_LDADD = lib/libbenchrun-core.la $(TEST_LIBS)

# runner/ and reports/ in-process.
BR_DRIVER_LIBS = runner/libbrrunner.la reports/libbrreports.la \
	stats/libbrstats.la lib/libbenchrun-core.la $(GSL_LIBS) $(YAML_LIBS) -lm
BR_UNIT_TESTS = tests/test_capture tests/test_cli tests/test_report
check_PROGRAMS += $(BR_UNIT_TESTS)
TESTS += $(BR_UNIT_TESTS)
tests_test_capture_SOURCES = tests/test_capture.c
tests_test_capture_CFLAGS = $(TEST_CFLAGS)
tests_test_capture_LDADD = $(BR_DRIVER_LIBS) $(TEST_LIBS)
tests_test_cli_SOURCES = tests/test_cli.c
tests_test_cli_CFLAGS = $(TEST_CFLAGS)
tests_test_cli_LDADD = $(BR_DRIVER_LIBS) $(TEST_LIBS)
tests_test_report_SOURCES = tests/test_report.c
tests_test_report_CFLAGS = $(TEST_CFLAGS)
tests_test_report_LDADD = $(BR_DRIVER_LIBS) $(TEST_LIBS)

# The comparison's failure paths: calloc is wrapped so a test can refuse
# it (the convenience libraries are linked in statically, so --wrap
# reaches their calls).  It runs tests/detect_base as a real worker.
check_PROGRAMS += tests/test_compare
TESTS += tests/test_compare
tests_test_compare_SOURCES = tests/test_compare.c \
	tests/fixtures/reports/models.c tests/fixtures/reports/models.h
tests_test_compare_CFLAGS = $(TEST_CFLAGS)
tests_test_compare_LDFLAGS = -Wl,--wrap=calloc
tests_test_compare_LDADD = $(BR_DRIVER_LIBS) $(TEST_LIBS)

# Contention: round estimates, shorter samples and their wording, on
# rounds built by hand.
check_PROGRAMS += tests/test_contention
TESTS += tests/test_contention
tests_test_contention_SOURCES = tests/test_contention.c
tests_test_contention_CFLAGS = $(TEST_CFLAGS)
tests_test_contention_LDADD = $(BR_DRIVER_LIBS) $(TEST_LIBS)

# The YAML of README.md, the pages in docs/ and action.yml, through
# libyaml, and the baseline-saving script of action.yml under bash.
check_PROGRAMS += tests/test_docs
TESTS += tests/test_docs
tests_test_docs_SOURCES = tests/test_docs.c
tests_test_docs_CFLAGS = $(TEST_CFLAGS) $(YAML_CFLAGS)
tests_test_docs_LDADD = tests/libtesthelpers.la $(YAML_LIBS) $(TEST_LIBS)

# The tree's shape: folders, includes, fragments, names in comments
# (README.md's Layout).  A POSIX sh script printing TAP.
TESTS += tests/layout.sh tests/format.sh

# The real programs, end to end.
BR_PROGRAM_TESTS = tests/test_driver tests/test_loop_asm tests/test_gate \
	tests/test_library tests/test_outputs
check_PROGRAMS += $(BR_PROGRAM_TESTS)
TESTS += $(BR_PROGRAM_TESTS)
tests_test_driver_SOURCES = tests/test_driver.c
tests_test_driver_CFLAGS = $(TEST_CFLAGS)
tests_test_driver_LDADD = tests/libtesthelpers.la $(TEST_LIBS)
tests_test_gate_SOURCES = tests/test_gate.c
tests_test_gate_CFLAGS = $(TEST_CFLAGS)
tests_test_gate_LDADD = tests/libtesthelpers.la $(TEST_LIBS)
tests_test_outputs_SOURCES = tests/test_outputs.c
tests_test_outputs_CFLAGS = $(TEST_CFLAGS)
tests_test_outputs_LDADD = tests/libtesthelpers.la $(TEST_LIBS)
tests_test_library_SOURCES = tests/test_library.c
tests_test_library_CFLAGS = $(TEST_CFLAGS)
tests_test_library_LDADD = tests/libtesthelpers.la $(TEST_LIBS)
tests_test_loop_asm_SOURCES = tests/test_loop_asm.c
tests_test_loop_asm_CFLAGS = $(TEST_CFLAGS)
tests_test_loop_asm_LDADD = tests/libtesthelpers.la $(TEST_LIBS)
endif
