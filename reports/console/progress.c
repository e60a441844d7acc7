/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * progress.c: the status line on stderr (see progress.h).  Rewritten in
 * place with \r and "erase to end of line", so it never scrolls; the
 * case name is escaped (escape.h) so it cannot add escapes of its own.
 */
#include "config.h"

#include "reports/console/progress.h"

#include <stdio.h>

#include "reports/text/escape.h"

void brun_progress_init(struct brun_progress *p, int enabled, size_t total)
{
    p->enabled = enabled;
    p->index = 0;
    p->total = total;
    p->shown = 0;
}

void brun_progress_update(void *ctx, const char *case_name, unsigned round,
                          unsigned rounds)
{
    struct brun_progress *p = ctx;
    if (!p->enabled)
        return;
    fprintf(stderr, "\r\033[K[%zu/%zu] ", p->index, p->total);
    brun_term_text(stderr, case_name);
    if (round == 0)
        fputs(" calibrating", stderr);
    else
        fprintf(stderr, " round %u/%u", round, rounds);
    fflush(stderr);
    p->shown = 1;
}

void brun_progress_clear(struct brun_progress *p)
{
    if (p->enabled && p->shown) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
    }
    p->shown = 0;
}
