# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
# runner/diagnose/: what the driver needs to look inside a case beyond its
# time.  alloc_library: where the allocation counter of lib/alloc/ is
# installed ($(pkglibdir), passed in as BRUN_PKGLIBDIR).
runner_libbrrunner_la_SOURCES += \
	runner/diagnose/alloc_library.c runner/diagnose/alloc_library.h
runner_libbrrunner_la_CPPFLAGS += -DBRUN_PKGLIBDIR='"$(pkglibdir)"'
