# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
# reports/json/: benchrun's own JSON (--json), every number of a run.
reports_libbrreports_la_SOURCES += reports/json/json.c reports/json/json.h
