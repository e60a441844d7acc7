# SPDX-License-Identifier: GPL-3.0-or-later
# reports/: everything benchrun writes: console, JSON, and (later)
# Markdown, exports and CI posting.  Writers are pure functions of the
# results model; no clock, no GSL here.

noinst_LTLIBRARIES += reports/libbrreports.la
reports_libbrreports_la_SOURCES = \
	reports/console.c reports/console.h \
	reports/console_compare.c \
	reports/escape.c reports/escape.h \
	reports/export.c reports/export.h \
	reports/export_bencher.c reports/export_gab.c reports/export_gbench.c \
	reports/format.c reports/format.h \
	reports/github.c reports/github.h reports/github_internal.h \
	reports/github_actions.c reports/github_event.c \
	reports/github_http.c reports/github_pr.c \
	reports/json.c reports/json.h \
	reports/json_writer.c reports/json_writer.h \
	reports/junit.c \
	reports/markdown.c reports/markdown.h \
	reports/model.c reports/model.h \
	reports/table.c reports/table.h

# --github talks to the REST API (libcurl) and reads its JSON (Jansson).
reports_libbrreports_la_LIBADD = $(CURL_LIBS) $(JANSSON_LIBS)
