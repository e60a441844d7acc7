# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
# stats/: the statistics module, the only code that includes GSL.  A
# convenience library linked into the benchrun driver and the tests; the
# bench executables never link it.

noinst_LTLIBRARIES += stats/libbrstats.la
stats_libbrstats_la_SOURCES = \
	stats/summary.c stats/summary.h \
	stats/random.c stats/random.h \
	stats/bootstrap.c stats/bootstrap.h \
	stats/ttest.c stats/ttest.h \
	stats/mannwhitney.c stats/mannwhitney.h \
	stats/multiple.c stats/multiple.h \
	stats/yuen.c stats/yuen.h \
	stats/verdict.c stats/verdict.h \
	stats/complexity.c stats/complexity.h
stats_libbrstats_la_CPPFLAGS = $(AM_CPPFLAGS) $(GSL_CFLAGS)
stats_libbrstats_la_LIBADD = $(GSL_LIBS) -lm
