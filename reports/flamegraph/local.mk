# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
# reports/flamegraph/: profiles as folded stacks, the top-functions table
# and benchrun's own flame-graph SVG (plain and differential), for the
# diagnose step.
reports_libbrreports_la_SOURCES += \
	reports/flamegraph/folded.c reports/flamegraph/folded.h \
	reports/flamegraph/flamegraph.c reports/flamegraph/flamegraph.h
