# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
# lib/: libbenchrun, the library every bench executable links.  It needs
# only libc and libm.  The code is built once as a convenience library,
# which the benchrun driver and the tests link with every symbol visible,
# and exported as libbenchrun with only the public benchrun_* names.

include_HEADERS += lib/benchrun.h

noinst_LTLIBRARIES += lib/libbenchrun-core.la
lib_libbenchrun_core_la_SOURCES = \
	lib/clock.c lib/clock.h \
	lib/counters.c lib/counters.h \
	lib/io.c lib/io.h \
	lib/launch.c \
	lib/probe.c lib/probe.h \
	lib/protocol.c lib/protocol.h \
	lib/registry.c lib/registry.h \
	lib/state.c lib/state.h \
	lib/team.c lib/team.h \
	lib/worker.c lib/worker.h
lib_libbenchrun_core_la_CPPFLAGS = $(AM_CPPFLAGS) \
	-DBENCHRUN_BINDIR='"$(bindir)"'
lib_libbenchrun_core_la_LIBADD = -lm -lpthread

lib_LTLIBRARIES += lib/libbenchrun.la
lib_libbenchrun_la_SOURCES = lib/main.c
lib_libbenchrun_la_LIBADD = lib/libbenchrun-core.la -lm -lpthread
lib_libbenchrun_la_LDFLAGS = -no-undefined \
	-version-info $(BENCHRUN_LT_CURRENT):$(BENCHRUN_LT_REVISION):$(BENCHRUN_LT_AGE) \
	-export-symbols-regex '^(benchrun_|main$$)'

include lib/alloc/local.mk
