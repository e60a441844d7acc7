/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * config_file.h: benchrun.yml, the project's settings file.
 *
 * Finds the file (--config FILE, ./benchrun.yml, or none) and loads it
 * into struct brun_options through the strict YAML reader of
 * runner/yaml/yaml_tree.h, one key per option of the table in
 * option_table.c plus the lists (targets, compare, thresholds).
 * It only reads: nothing is written, and nothing is printed; every error
 * is one line "PATH:LINE: ..." for the caller to show (exit status 2).
 * The command line is applied after the file, by cli.c, so it wins.
 */
#ifndef BRUN_CONFIG_FILE_H
#define BRUN_CONFIG_FILE_H

#include <stddef.h>

#include "runner/options/options.h"

/* Which file to load.  cli_path is --config's value (NULL when not
 * given): it must name a readable file.  Without it, ./benchrun.yml is
 * used when it exists.  no_config (--no-config) means none.  On success
 * *path is a copy the caller frees, or NULL for no file.  Returns 0, or -1
 * with a one-line message in why (--config to a missing file, or both
 * --config and --no-config). */
int brun_config_locate(const char *cli_path, int no_config, char **path,
                       char *why, size_t why_size);

/* Loads the benchrun.yml at path (at most 1 MiB; a pipe will do) into o,
 * which holds the defaults (the command line is applied after, so it
 * wins).  Keys of the option table go through their setters; "targets",
 * "compare" and "thresholds" replace what o holds.  Relative paths in
 * targets, compare, baseline_dir and json are taken relative to the
 * file's folder.  On success o->config_path is a copy of path.  Returns
 * 0, or -1 with "PATH:LINE: ..." in why; then o may hold part of the
 * file's settings, and is still fit for brun_options_release. */
int brun_config_load(const char *path, struct brun_options *o, char *why,
                     size_t why_size);

#endif /* BRUN_CONFIG_FILE_H */
