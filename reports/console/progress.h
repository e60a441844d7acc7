/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * progress.h: the one-line "[3/12] hash/lookup round 4/10" status on
 * stderr while measuring, only when stderr is a terminal.
 */
#ifndef BRUN_PROGRESS_H
#define BRUN_PROGRESS_H

#include <stddef.h>

struct brun_progress {
    int enabled;
    size_t index; /* 1-based case being measured */
    size_t total;
    int shown; /* a line is on screen */
};

void brun_progress_init(struct brun_progress *p, int enabled, size_t total);
/* A brun_progress_fn (see measure.h); ctx is the struct brun_progress. */
void brun_progress_update(void *ctx, const char *case_name, unsigned round,
                          unsigned rounds);
/* Erases the line (before anything else is printed). */
void brun_progress_clear(struct brun_progress *p);

#endif /* BRUN_PROGRESS_H */
