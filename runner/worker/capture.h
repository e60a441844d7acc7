/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * capture.h: keeps the last bytes a worker printed.
 *
 * A case may print megabytes; the driver keeps only the tail (a ring of
 * fixed size) and counts the rest, so memory stays bounded however much a
 * case writes, and the tail is there to show when the case fails.
 */
#ifndef BRUN_CAPTURE_H
#define BRUN_CAPTURE_H

#include <stddef.h>
#include <stdint.h>

#define BRUN_CAPTURE_KEEP 16384

struct brun_capture {
    char ring[BRUN_CAPTURE_KEEP];
    size_t start;   /* index of the oldest kept byte */
    size_t len;     /* bytes kept */
    uint64_t total; /* bytes ever appended */
};

void brun_capture_init(struct brun_capture *c);
void brun_capture_append(struct brun_capture *c, const char *data, size_t n);

/* The kept tail as a NUL-terminated string, prefixed with a line saying
 * how many bytes were dropped when some were.  NULL when nothing was
 * printed or memory is short.  The caller frees it. */
char *brun_capture_text(const struct brun_capture *c);

#endif /* BRUN_CAPTURE_H */
