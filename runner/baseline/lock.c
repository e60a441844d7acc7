/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * lock.c: the baseline store's lock, an flock on DIR/.lock taken
 * with a deadline (see lock.h).  flock belongs to the open file
 * description and dies with the process, so a killed benchrun never
 * leaves a stale lock; O_CLOEXEC keeps bench processes from inheriting it.
 * A .lock that is not a regular file is refused (store_file.h).
 * It does not lock anything finer than the whole store, and it is
 * advisory: only benchrun honours it.
 */
#include "config.h"

#include "runner/baseline/lock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "runner/baseline/store.h"
#include "runner/baseline/store_file.h"

/* How often a waiting benchrun tries the lock again. */
#define LOCK_POLL_NS 20000000L

static double lock_timeout_s = 30;

void brun_baseline_set_lock_timeout(double seconds)
{
    lock_timeout_s = seconds;
}

/* Takes DIR/.lock, exclusive (creating the file) or shared (only when it
 * exists; *fd is -1 otherwise).  Waits up to lock_timeout_s. */
int brun_baseline_lock(const char *dir, int exclusive, int *fd, char *why,
                       size_t why_size)
{
    char path[4200];
    struct timespec pause = {0, LOCK_POLL_NS};
    snprintf(path, sizeof path, "%s/.lock", dir);
    /* A FIFO, device or link planted as .lock is refused, not waited on
     * or followed. */
    char reason[4400];
    *fd = brun_store_open(path, exclusive ? O_RDWR | O_CREAT : O_RDONLY, reason,
                          sizeof reason);
    if (*fd < 0) {
        if (!exclusive && errno == ENOENT)
            return 0;
        snprintf(why, why_size, "the lock file: %s", reason);
        return -1;
    }
    struct timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (;;) {
        if (flock(*fd, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) == 0)
            return 0;
        if (errno != EWOULDBLOCK && errno != EINTR) {
            snprintf(why, why_size, "cannot lock %s: %s", path,
                     strerror(errno));
            break;
        }
        clock_gettime(CLOCK_MONOTONIC, &now);
        double waited = (double)(now.tv_sec - start.tv_sec) +
                        (double)(now.tv_nsec - start.tv_nsec) * 1e-9;
        if (waited >= lock_timeout_s) {
            snprintf(why, why_size,
                     "another benchrun has held the baseline store lock %s "
                     "for over %g s; try again when it has finished",
                     path, lock_timeout_s);
            break;
        }
        nanosleep(&pause, NULL);
    }
    close(*fd);
    *fd = -1;
    return -1;
}

void brun_baseline_unlock(int fd)
{
    if (fd >= 0)
        close(fd); /* releases the flock */
}
