/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * lock.h: internal to the baseline store.  Taking and releasing
 * the store's lock, DIR/.lock.  Saving and deleting hold it exclusive
 * around their read-modify-write; loading holds it shared while it reads.
 * It does not decide what is done under the lock.
 */
#ifndef BRUN_BASELINE_LOCK_H
#define BRUN_BASELINE_LOCK_H

#include <stddef.h>

/* Takes the lock of the store dir: exclusive (creating DIR/.lock, 0644,
 * when missing) or shared (only when DIR/.lock exists: creates nothing,
 * and sets *fd to -1 when there is no lock file).  Waits for another
 * holder up to the timeout set with brun_baseline_set_lock_timeout()
 * (30 s).  Returns 0 with the descriptor in *fd, or -1 with a reason. */
int brun_baseline_lock(const char *dir, int exclusive, int *fd, char *why,
                       size_t why_size);

/* Releases a lock taken by brun_baseline_lock (fd may be -1). */
void brun_baseline_unlock(int fd);

#endif /* BRUN_BASELINE_LOCK_H */
