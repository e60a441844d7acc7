# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
# reports/: everything benchrun writes, as one convenience library.  Each
# folder is one part with its own fragment: the results model the writers
# read, the text primitives they share, and one folder per kind of output.
# Writers are pure functions of the results model; no clock, no GSL here.
# Folders include each other in one direction only: text <- model <- console,
# json, export <- markdown <- github; model <- html;
# text <- flamegraph.

noinst_LTLIBRARIES += reports/libbrreports.la
reports_libbrreports_la_SOURCES =
# --github talks to the REST API (libcurl) and reads its JSON (Jansson).
reports_libbrreports_la_CPPFLAGS = $(AM_CPPFLAGS) $(CURL_CFLAGS) $(JANSSON_CFLAGS)
reports_libbrreports_la_LIBADD = $(CURL_LIBS) $(JANSSON_LIBS) -lm

include reports/model/local.mk
include reports/text/local.mk
include reports/console/local.mk
include reports/json/local.mk
include reports/export/local.mk
include reports/markdown/local.mk
include reports/html/local.mk
include reports/flamegraph/local.mk
include reports/github/local.mk
