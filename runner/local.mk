# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
# runner/: the benchrun program.  main.c and run.c (one run, from targets
# to exit status) sit at the top and use the parts below; each part is a
# folder with its own fragment.  Everything but main.c is one convenience
# library, so the tests can call the driver's parts directly.  No part
# includes run.h, and the parts' folders include each other in one
# direction only (tests/layout.sh checks it): yaml <- options, baseline;
# worker <- measure, host; measure, host, files, yaml <- baseline;
# measure, options, worker <- compare <- command; files, measure, options,
# worker <- diagnose.

noinst_LTLIBRARIES += runner/libbrrunner.la
runner_libbrrunner_la_SOURCES = runner/run.c runner/run.h
# <yaml.h> for benchrun.yml and the baseline files; no other library's
# header is included here (statistics go through stats/, GitHub through
# reports/).
runner_libbrrunner_la_CPPFLAGS = $(AM_CPPFLAGS) $(YAML_CFLAGS)
runner_libbrrunner_la_LIBADD = $(YAML_LIBS) -lm

include runner/yaml/local.mk
include runner/options/local.mk
include runner/files/local.mk
include runner/worker/local.mk
include runner/measure/local.mk
include runner/host/local.mk
include runner/baseline/local.mk
include runner/compare/local.mk
include runner/command/local.mk
include runner/diagnose/local.mk

bin_PROGRAMS += runner/benchrun
runner_benchrun_SOURCES = runner/main.c
runner_benchrun_LDADD = runner/libbrrunner.la reports/libbrreports.la \
	stats/libbrstats.la lib/libbenchrun-core.la \
	$(YAML_LIBS) $(CURL_LIBS) $(JANSSON_LIBS) $(GSL_LIBS) -lm
