# SPDX-License-Identifier: GPL-3.0-or-later
# reports/: everything benchrun writes: console, JSON, and (later)
# Markdown, exports and CI posting.  Writers are pure functions of the
# results model; no clock, no GSL here.

noinst_LTLIBRARIES += reports/libbrreports.la
reports_libbrreports_la_SOURCES = \
	reports/console.c reports/console.h \
	reports/console_compare.c \
	reports/format.c reports/format.h \
	reports/json.c reports/json.h \
	reports/json_writer.c reports/json_writer.h \
	reports/model.c reports/model.h \
	reports/table.c reports/table.h
