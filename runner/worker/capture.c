/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * capture.c: a fixed-size ring holding the tail of a worker's output
 * (see capture.h).
 */
#include "config.h"

#include "runner/worker/capture.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void brun_capture_init(struct brun_capture *c)
{
    c->start = 0;
    c->len = 0;
    c->total = 0;
}

void brun_capture_append(struct brun_capture *c, const char *data, size_t n)
{
    c->total += n;
    if (n >= BRUN_CAPTURE_KEEP) {
        memcpy(c->ring, data + n - BRUN_CAPTURE_KEEP, BRUN_CAPTURE_KEEP);
        c->start = 0;
        c->len = BRUN_CAPTURE_KEEP;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        size_t end = (c->start + c->len) % BRUN_CAPTURE_KEEP;
        c->ring[end] = data[i];
        if (c->len < BRUN_CAPTURE_KEEP)
            c->len++;
        else
            c->start = (c->start + 1) % BRUN_CAPTURE_KEEP;
    }
}

char *brun_capture_text(const struct brun_capture *c)
{
    char header[96] = "";
    if (c->total == 0)
        return NULL;
    if (c->total > c->len)
        snprintf(header, sizeof header,
                 "[... %" PRIu64 " earlier bytes of output dropped ...]\n",
                 c->total - c->len);
    size_t hlen = strlen(header);
    char *text = malloc(hlen + c->len + 1);
    if (!text)
        return NULL;
    memcpy(text, header, hlen);
    for (size_t i = 0; i < c->len; i++)
        text[hlen + i] = c->ring[(c->start + i) % BRUN_CAPTURE_KEEP];
    text[hlen + c->len] = '\0';
    return text;
}
