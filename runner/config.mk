# SPDX-License-Identifier: GPL-3.0-or-later
# runner/config.mk: benchrun.yml (runner/config.c), read with libyaml into
# struct brun_options.  Part of the runner's convenience library; the
# benchrun program and the tests that link the library add $(YAML_LIBS).

runner_libbrrunner_la_SOURCES += runner/config.c runner/config_file.h
# <yaml.h> for config.c (empty where libyaml is in the default path).
AM_CPPFLAGS += $(YAML_CFLAGS)
