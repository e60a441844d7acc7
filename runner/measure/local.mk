# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
# runner/measure/: measuring one case (calibration, warm-up, rounds) and
# the estimates derived from raw samples.
runner_libbrrunner_la_SOURCES += \
	runner/measure/measure.c runner/measure/measure.h \
	runner/measure/estimate.c runner/measure/estimate.h \
	runner/measure/metric_values.c runner/measure/metric_values.h
