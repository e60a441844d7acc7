# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
# runner/diagnose/: running a case's worker under a profiler and reading
# what the profiler wrote.
runner_libbrrunner_la_SOURCES += \
	runner/diagnose/memory_tool.c runner/diagnose/memory_tool.h
