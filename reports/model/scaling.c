/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * scaling.c: names of the complexity shapes and freeing a scaling (see
 * scaling.h).
 */
#include "config.h"

#include "reports/model/scaling.h"

#include <stdlib.h>
#include <string.h>

static const char *const names[BRUN_COMPLEXITY_COUNT] = {
    "O(1)", "O(log N)", "O(N)", "O(N log N)", "O(N^2)", "O(N^3)"};
static const char *const words[BRUN_COMPLEXITY_COUNT] = {
    "constant", "logarithmic", "linear", "N log N", "quadratic", "cubic"};

const char *brun_complexity_name(enum brun_complexity c)
{
    return (unsigned)c < BRUN_COMPLEXITY_COUNT ? names[c] : "O(?)";
}

const char *brun_complexity_word(enum brun_complexity c)
{
    return (unsigned)c < BRUN_COMPLEXITY_COUNT ? words[c] : "unknown";
}

void brun_scaling_release(struct brun_scaling *s)
{
    free(s->family);
    free(s->arg_name);
    free(s->cases);
    free(s->n);
    memset(s, 0, sizeof *s);
}
