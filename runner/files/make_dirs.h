/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * make_dirs.h: `mkdir -p` for the folders benchrun owns (the baseline
 * store, the profile folder).
 */
#ifndef BRUN_MAKE_DIRS_H
#define BRUN_MAKE_DIRS_H

#include <stddef.h>

/* Creates dir and its missing parents (0755).  0, or -1 with a one-line
 * reason in why, also when dir exists and is not a directory. */
int brun_make_dirs(const char *dir, char *why, size_t why_size);

#endif /* BRUN_MAKE_DIRS_H */
