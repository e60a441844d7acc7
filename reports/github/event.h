/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * event.h: which pull request and which commit a run is about, from the
 * event file the runner hands us (event.c).
 * Internal to --github (reports/github/) and its tests; nothing here is
 * part of benchrun's API.
 */
#ifndef BRUN_GITHUB_EVENT_H
#define BRUN_GITHUB_EVENT_H

#include <stddef.h>

struct brun_gh_event {
    int is_pull_request; /* pull_request or pull_request_target */
    long number;         /* the pull request's number */
    char head_sha[65];   /* pull_request.head.sha (hex) */
    char repo[201];      /* "owner/name" */
};

/* Reads GITHUB_EVENT_NAME, GITHUB_EVENT_PATH and GITHUB_REPOSITORY.
 * Returns 0 (is_pull_request 0 for any other event: nothing to do), or
 * -1 with why when a pull request event cannot be read. */
int brun_gh_event_load(struct brun_gh_event *e, char *why, size_t why_size);

/* 1 when s is "owner/name" with GitHub's characters ([A-Za-z0-9._-]). */
int brun_gh_repo_valid(const char *s);

#endif /* BRUN_GITHUB_EVENT_H */
