# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
# runner/command/: whole commands (--command) measured as processes, each
# a case whose rounds are batches of timed runs, so the statistics,
# baselines and reports of bench cases apply unchanged.
runner_libbrrunner_la_SOURCES += \
	runner/command/command.c runner/command/command.h
