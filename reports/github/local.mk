# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
# reports/github/: --github inside GitHub Actions: workflow commands, the
# step summary and outputs, the event file, and the REST API (libcurl)
# for the sticky PR comment and the commit status.
reports_libbrreports_la_SOURCES += \
	reports/github/github.c reports/github/github.h \
	reports/github/actions.c reports/github/actions.h \
	reports/github/event.c reports/github/event.h \
	reports/github/http.c reports/github/http.h \
	reports/github/pr.c reports/github/pr.h
