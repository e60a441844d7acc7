# SPDX-License-Identifier: GPL-3.0-or-later
# The baseline store (runner/baseline.h): saved runs as YAML files plus
# copies of self-contained bench executables, and what it needs to do
# that (ELF inspection, SHA-256, the environment fingerprint).  The
# command-line options that use it are wired in runner/ elsewhere.
runner_libbrrunner_la_SOURCES += \
	runner/baseline.h runner/baseline_format.h \
	runner/baseline_store.c \
	runner/baseline_bin.c runner/baseline_bin.h \
	runner/baseline_lock.c runner/baseline_lock.h \
	runner/baseline_read.c runner/baseline_write.c runner/baseline_yaml.c \
	runner/elf.c runner/elf.h \
	runner/fingerprint.c runner/fingerprint.h \
	runner/sha256.c runner/sha256.h
