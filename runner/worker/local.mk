# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
# runner/worker/: the driver's side of a worker process: starting,
# watching and stopping it, one conversation over the protocol, keeping
# the tail of its output, and asking a target which cases it has.
runner_libbrrunner_la_SOURCES += \
	runner/worker/process.c runner/worker/process.h \
	runner/worker/session.c runner/worker/session.h \
	runner/worker/capture.c runner/worker/capture.h \
	runner/worker/discover.c runner/worker/discover.h
