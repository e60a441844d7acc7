# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
# reports/console/: what a person sees on the terminal: the results and
# comparison tables, and the progress line while measuring.
reports_libbrreports_la_SOURCES += \
	reports/console/console.c reports/console/console.h \
	reports/console/console_compare.c \
	reports/console/console_metrics.c \
	reports/console/console_threads.c \
	reports/console/progress.c reports/console/progress.h
