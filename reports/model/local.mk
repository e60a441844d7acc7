# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
# reports/model/: the results model (context, cases, comparisons) that
# every writer reads and the runner fills, and the words every writer uses
# for it (wording.c).
reports_libbrreports_la_SOURCES += reports/model/model.c reports/model/model.h \
	reports/model/metrics.c reports/model/metrics.h \
	reports/model/scaling.c reports/model/scaling.h \
	reports/model/user_counters.c reports/model/user_counters.h \
	reports/model/wording.c reports/model/wording.h
