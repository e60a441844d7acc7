# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
# runner/diagnose/: what benchrun does besides timing: counting
# instructions and allocations (--metric), profiling a case (--profile,
# --profile-memory), and explaining a regression, with the profilers it
# starts (perf, valgrind, heaptrack) and the readers of their output
# (callgrind output files, perf script text, the memory tools' files)
# into per-function costs and folded stacks.
# alloc_library: where the allocation counter of lib/alloc/ is installed
# ($(pkglibdir), passed in as BRUN_PKGLIBDIR).
runner_libbrrunner_la_SOURCES += \
	runner/diagnose/tools.c runner/diagnose/tools.h \
	runner/diagnose/alloc_library.c runner/diagnose/alloc_library.h \
	runner/diagnose/memory_tool.c runner/diagnose/memory_tool.h \
	runner/diagnose/profile.c runner/diagnose/profile.h \
	runner/diagnose/callgrind_read.c runner/diagnose/callgrind_read.h \
	runner/diagnose/perf_read.c runner/diagnose/perf_read.h \
	runner/diagnose/rank.c runner/diagnose/rank.h \
	runner/diagnose/passes.c runner/diagnose/passes.h \
	runner/diagnose/diagnose.c runner/diagnose/diagnose.h \
	runner/diagnose/metric_compare.c runner/diagnose/metric_compare.h \
	runner/diagnose/perf_record.c runner/diagnose/perf_record.h \
	runner/diagnose/profile_case.c runner/diagnose/profile_case.h \
	runner/diagnose/explain.c runner/diagnose/explain.h \
	runner/diagnose/memory.c runner/diagnose/memory.h
runner_libbrrunner_la_CPPFLAGS += -DBRUN_PKGLIBDIR='"$(pkglibdir)"'
