/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * bin.h: internal to the baseline store.  DIR/bin/ holds copies
 * of the bench executables that baselines can run again, one file per
 * distinct content, named by its SHA-256.  Storing a target and removing
 * copies no baseline refers to are the only two operations; both need the
 * store's exclusive lock.  Deciding whether a target may be copied is
 * runner/baseline/elf.c's job.
 */
#ifndef BRUN_BASELINE_BIN_H
#define BRUN_BASELINE_BIN_H

#include <stddef.h>

#include "runner/baseline/format.h"

/* Hashes the executable at target and, when it is self-contained, makes
 * sure DIR/bin/SHA256 holds a copy (an existing one with that digest is
 * kept).  Fills s: digest, whether self-contained, "bin/SHA256" or the
 * reason nothing was stored.  Returns 0, or -1 with a reason (target
 * unreadable, disk full, target changed while being copied); a failed copy
 * leaves no temporary file. */
int brun_baseline_store_target(const char *dir, const char *target,
                               struct brun_baseline_stored *s, char *why,
                               size_t why_size);

/* Removes from DIR/bin/ every SHA256-named file that no DIR/NAME.yml
 * mentions and no run holds (brun_baseline_load takes a shared flock on
 * each copy it may run), and the temporary files of saves that were
 * killed.  Best effort: when any .yml cannot be read, nothing is removed;
 * a bin/ that is a link is never entered. */
void brun_baseline_collect(const char *dir);

/* Removes only the temporary files of saves that were killed (a save
 * calls it first, so interrupted saves never pile up). */
void brun_baseline_remove_temps(const char *dir);

#endif /* BRUN_BASELINE_BIN_H */
