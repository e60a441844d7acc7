# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
# runner/host/: the machine and build a run's numbers depend on: the host
# description, the environment warnings, and the fingerprint baselines
# keep.
runner_libbrrunner_la_SOURCES += \
	runner/host/host.c runner/host/host.h \
	runner/host/warnings.c runner/host/warnings.h \
	runner/host/fingerprint.c runner/host/fingerprint.h
