# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
# runner/diagnose/: reading profiles (callgrind output files, perf script
# text) into per-function costs and folded stacks, and ranking the
# functions whose cost per iteration grew between two builds.
runner_libbrrunner_la_SOURCES += \
	runner/diagnose/profile.c runner/diagnose/profile.h \
	runner/diagnose/callgrind_read.c runner/diagnose/callgrind_read.h \
	runner/diagnose/perf_read.c runner/diagnose/perf_read.h \
	runner/diagnose/rank.c runner/diagnose/rank.h
