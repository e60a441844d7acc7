# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
# runner/files/: writing files so that readers and crashes see the old
# content or the whole new one (reports and the baseline store use it),
# and writing the files a user names (output_path: "-", links, FIFOs and
# devices written in place, regular files replaced atomically), and
# creating the folders benchrun owns (make_dirs).
runner_libbrrunner_la_SOURCES += \
	runner/files/atomic_file.c runner/files/atomic_file.h \
	runner/files/output_path.c runner/files/output_path.h \
	runner/files/make_dirs.c runner/files/make_dirs.h
