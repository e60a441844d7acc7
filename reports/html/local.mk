# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
# reports/html/: the self-contained HTML report (--html), with its plots
# drawn as inline SVG from the results model.
reports_libbrreports_la_SOURCES += reports/html/html.c reports/html/html.h
