# SPDX-License-Identifier: GPL-3.0-or-later
# runner/: the benchrun program.  Everything but main.c is a convenience
# library, so the tests can call the driver's parts directly.

noinst_LTLIBRARIES += runner/libbrrunner.la
runner_libbrrunner_la_SOURCES = \
	runner/atomic_file.c runner/atomic_file.h \
	runner/capture.c runner/capture.h \
	runner/cli.c runner/options.h \
	runner/compare.c runner/compare.h \
	runner/discover.c runner/discover.h \
	runner/estimate.c runner/estimate.h \
	runner/host.c runner/host.h \
	runner/measure.c runner/measure.h \
	runner/option_table.c runner/option_table.h \
	runner/parse.c runner/parse.h \
	runner/process.c runner/process.h \
	runner/progress.c runner/progress.h \
	runner/run.c runner/run.h \
	runner/session.c runner/session.h \
	runner/slo.c runner/slo.h \
	runner/warnings.c runner/warnings.h

runner_libbrrunner_la_LIBADD = $(YAML_LIBS) $(GSL_LIBS)

bin_PROGRAMS += runner/benchrun
runner_benchrun_SOURCES = runner/main.c
runner_benchrun_LDADD = runner/libbrrunner.la reports/libbrreports.la \
	stats/libbrstats.la lib/libbenchrun-core.la \
	$(GSL_LIBS) $(YAML_LIBS) $(CURL_LIBS) -lm

# Owned with their modules: benchrun.yml, and the baseline store.
include runner/config.mk
include runner/baseline.mk
