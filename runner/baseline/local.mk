# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
# runner/baseline/: the baseline store (store.h): saved runs as YAML files
# plus copies of self-contained bench executables, and what it needs to do
# that (the file format, each case's history of earlier saves, the lock,
# opening its files without following what was planted there, ELF
# inspection, SHA-256).
runner_libbrrunner_la_SOURCES += \
	runner/baseline/store.c runner/baseline/store.h \
	runner/baseline/format.h runner/baseline/format_read.c \
	runner/baseline/format_write.c runner/baseline/format_yaml.c \
	runner/baseline/history.c runner/baseline/history.h \
	runner/baseline/bin.c runner/baseline/bin.h \
	runner/baseline/lock.c runner/baseline/lock.h \
	runner/baseline/store_file.c runner/baseline/store_file.h \
	runner/baseline/elf.c runner/baseline/elf.h \
	runner/baseline/sha256.c runner/baseline/sha256.h
