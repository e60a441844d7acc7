/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * pr.h: what --github puts on a pull request (pr.c): the sticky
 * comment and the commit status.
 * Internal to --github (reports/github/) and its tests; nothing here is
 * part of benchrun's API.
 */
#ifndef BRUN_GITHUB_PR_H
#define BRUN_GITHUB_PR_H

#include <stddef.h>

#include "reports/github/event.h"
#include "reports/github/http.h"
#include "reports/model/model.h"

/* The key from BENCHRUN_COMMENT_KEY, reduced to [A-Za-z0-9._-] and 64
 * characters; "" when unset. */
void brun_gh_comment_key(char *out, size_t size);

/* Creates or updates the sticky comment on e's pull request with
 * markdown.  Returns 0, or -1 with why (one line, no token). */
int brun_gh_post_comment(struct brun_gh_client *c,
                         const struct brun_gh_event *e, const char *key,
                         const char *markdown, size_t len, char *why,
                         size_t why_size);

/* Posts the commit status for exit_status on e's head commit.  Returns 0,
 * or -1 with why. */
int brun_gh_post_status(struct brun_gh_client *c, const struct brun_gh_event *e,
                        const char *key, const struct brun_results *r,
                        int exit_status, char *why, size_t why_size);

/* The status description of reports/model/wording.h, cut to fewer than
 * BRUN_GH_DESCRIPTION_LIMIT characters. */
void brun_gh_status_description(const struct brun_results *r, int exit_status,
                                char *out, size_t size);

#endif /* BRUN_GITHUB_PR_H */
