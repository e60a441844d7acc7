# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
# reports/text/: text primitives the writers share: escaping for each
# format, number and unit formatting, aligned tables, a JSON writer.
reports_libbrreports_la_SOURCES += \
	reports/text/escape.c reports/text/escape.h \
	reports/text/format.c reports/text/format.h \
	reports/text/table.c reports/text/table.h \
	reports/text/json_writer.c reports/text/json_writer.h
