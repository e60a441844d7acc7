# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
# runner/diagnose/: what benchrun does besides timing: counting
# instructions and allocations (--metric), profiling a case (--profile,
# --profile-memory), and explaining a regression, with the profilers it
# starts (perf, valgrind, heaptrack) and the readers of their output.
# alloc_library: where the allocation counter of lib/alloc/ is installed
# ($(pkglibdir), passed in as BRUN_PKGLIBDIR).
runner_libbrrunner_la_SOURCES += \
	runner/diagnose/tools.c runner/diagnose/tools.h \
	runner/diagnose/alloc_library.c runner/diagnose/alloc_library.h \
	runner/diagnose/memory_tool.c runner/diagnose/memory_tool.h
runner_libbrrunner_la_CPPFLAGS += -DBRUN_PKGLIBDIR='"$(pkglibdir)"'
