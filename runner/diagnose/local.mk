# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
# runner/diagnose/: what benchrun does besides timing: counting
# instructions and allocations (--metric), profiling a case (--profile,
# --profile-memory), and explaining a regression, with the profilers it
# starts (perf, valgrind, heaptrack) and the readers of their output.
runner_libbrrunner_la_SOURCES += \
	runner/diagnose/tools.c runner/diagnose/tools.h
