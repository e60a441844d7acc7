# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
# runner/options/: what a user can set for one run, and where it comes
# from: the option table, the command line, benchrun.yml (through
# runner/yaml/), and the strict value parsers they share.
runner_libbrrunner_la_SOURCES += \
	runner/options/options.c runner/options/options.h \
	runner/options/option_table.c runner/options/option_table.h \
	runner/options/cli.c runner/options/cli.h \
	runner/options/config_file.c runner/options/config_file.h \
	runner/options/parse.c runner/options/parse.h \
	runner/options/filter.c runner/options/filter.h
