# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
# reports/export/: the formats other tools read (--export): the
# github-action-benchmark, Bencher and Google Benchmark JSON, JUnit and CSV.
reports_libbrreports_la_SOURCES += \
	reports/export/export.c reports/export/export.h \
	reports/export/export_fields.c reports/export/export_fields.h \
	reports/export/export_bencher.c reports/export/export_gab.c \
	reports/export/export_gbench.c reports/export/export_junit.c \
	reports/export/export_csv.c
