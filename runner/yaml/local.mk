# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
# runner/yaml/: the one strict YAML reader (libyaml) that benchrun.yml and
# baseline files go through.  It includes only lib/ and its own headers,
# so options/ and baseline/ can both build on it.
runner_libbrrunner_la_SOURCES += \
	runner/yaml/yaml_tree.c runner/yaml/yaml_tree.h
# <yaml.h> comes with the runner library's own CPPFLAGS (runner/local.mk).
