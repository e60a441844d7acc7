# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
# runner/compare/: judging a run: measuring each case against its
# baseline until the verdict is clear, the SLO statuses and the scaling
# fits of parameterized families.
runner_libbrrunner_la_SOURCES += \
	runner/compare/compare.c runner/compare/compare.h \
	runner/compare/counter_compare.c runner/compare/counter_compare.h \
	runner/compare/slo.c runner/compare/slo.h \
	runner/compare/scaling.c runner/compare/scaling.h
