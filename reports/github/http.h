/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * http.h: the GitHub REST client (http.c): libcurl, retries within a
 * time budget, and error messages that never hold the token.
 * Internal to --github (reports/github/) and its tests; nothing here is
 * part of benchrun's API.
 */
#ifndef BRUN_GITHUB_HTTP_H
#define BRUN_GITHUB_HTTP_H

#include <stddef.h>

#include "reports/github/github.h"

struct brun_gh_client;

struct brun_gh_response {
    long status; /* HTTP status; 0 when no answer came */
    char *body;  /* NUL-terminated, or NULL */
    size_t size;
    char *next;        /* Link rel="next" (checked: same origin), or NULL */
    char message[300]; /* GitHub's "message" (+ first error), or why no
                          answer came; control characters replaced */
};

/* Opens a client for api_url with token (copied; the copy is wiped by
 * brun_gh_client_free).  Refuses a scheme other than https, or http to a
 * host that is not loopback (127.0.0.1, ::1, localhost).  Returns NULL
 * with why. */
struct brun_gh_client *brun_gh_client_new(const char *api_url,
                                          const char *token,
                                          const struct brun_github_settings *s,
                                          char *why, size_t why_size);
void brun_gh_client_free(struct brun_gh_client *c);

/* The attempts allowed per request (settings.max_attempts, at least 1). */
unsigned brun_gh_client_attempts(const struct brun_gh_client *c);

/* How a request may be retried. */
enum brun_gh_retry {
    BRUN_GH_RETRY_ALL,  /* idempotent: connection errors, timeouts, 5xx,
                           429 and rate-limit 403 */
    BRUN_GH_RETRY_SAFE, /* not idempotent: only when the server surely did
                           nothing (no connection, 429, rate-limit 403) */
};

/* METHOD target (a path under the API URL, or an absolute URL of the same
 * origin) with a JSON body (or NULL).  Returns 0 when an answer came
 * (resp->status, any code; after the retries it allows), -1 when none
 * did.  The caller releases resp either way. */
int brun_gh_request(struct brun_gh_client *c, const char *method,
                    const char *target, const char *body,
                    enum brun_gh_retry retry, struct brun_gh_response *resp);
void brun_gh_response_release(struct brun_gh_response *resp);

/* 1 when the answer means "try again later" (5xx, 429, rate-limit 403). */
int brun_gh_transient(const struct brun_gh_response *resp);

/* The rel="next" URL of a Link header value, malloc'd, or NULL. */
char *brun_gh_link_next(const char *link);

/* Sleeps the backoff before retry number `retry` (1-based) of client c,
 * within its time budget; returns 0, or -1 when the budget is spent. */
int brun_gh_backoff(struct brun_gh_client *c, unsigned retry);

#endif /* BRUN_GITHUB_HTTP_H */
