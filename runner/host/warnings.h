/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * warnings.h: things about the environment that make timings less
 * trustworthy, found before measuring and printed in the context block.
 */
#ifndef BRUN_WARNINGS_H
#define BRUN_WARNINGS_H

#include "reports/model/model.h"
#include "runner/worker/discover.h"

/* Adds a warning line to the context (formatted like printf). */
void brun_warn(struct brun_context *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Checks load, CPU governor and how the targets were compiled. */
void brun_check_environment(struct brun_context *c, const char *const *paths,
                            const struct brun_case_list *lists, size_t count);

#endif /* BRUN_WARNINGS_H */
