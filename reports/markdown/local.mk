# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
# reports/markdown/: the Markdown report (--report), kept in a repository
# as BENCHMARKS.md and reused as the job summary and the PR comment.
reports_libbrreports_la_SOURCES += \
	reports/markdown/markdown.c reports/markdown/markdown.h
