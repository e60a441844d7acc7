/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * github_internal.h: the pieces of --github, shared between its files
 * (github*.c) and its tests.  Nothing here is part of benchrun's API.
 *
 *   github.c          brun_github_publish(): runs the parts in turn
 *   actions.c  workflow commands, step summary, step outputs, and
 *                     the limits GitHub puts on text
 *   event.c    the event file: which pull request, which commit
 *   http.c     the REST client: libcurl, retries, error messages
 *   pr.c       the sticky comment and the commit status
 */
#ifndef BRUN_GITHUB_INTERNAL_H
#define BRUN_GITHUB_INTERNAL_H

#include <stddef.h>
#include <stdio.h>

#include "reports/github/github.h"
#include "reports/model/model.h"

/* GitHub's limits. */
#define BRUN_GH_SUMMARY_LIMIT (1024 * 1024)  /* bytes per step summary */
#define BRUN_GH_COMMENT_LIMIT 65536          /* characters per comment */
#define BRUN_GH_DESCRIPTION_LIMIT 140        /* characters per status */
#define BRUN_GH_ANNOTATIONS_SHOWN 10         /* per type per step */

/* ---- actions.c ------------------------------------------------ */

/* Workflow command escaping (actions/toolkit command.ts): the message
 * ("data") gets % CR LF as %25 %0D %0A; a property value also gets : and
 * , as %3A %2C.  Every other byte is written as is. */
void brun_gh_escape_data(FILE *out, const char *s);
void brun_gh_escape_property(FILE *out, const char *s);

/* Prints one annotation: "::LEVEL file=F,line=L,title=T::MESSAGE\n" (file
 * and line left out when file is NULL or line < 1).  level is "error",
 * "warning" or "notice". */
void brun_gh_annotation(FILE *out, const char *level, const char *file,
                        int line, const char *title, const char *message);

/* Prints the annotations for r: an error for every case that fails the
 * gate, every failed case and every critical SLO breach that fails the
 * run; a warning for regressed cases within the gate, inconclusive
 * comparisons and SLO warnings.  At most BRUN_GH_ANNOTATIONS_SHOWN of
 * each level: with more, the first nine and one saying how many more
 * there are (GitHub drops any beyond ten).  A case's file becomes
 * relative to workspace when it lies inside it (workspace may be NULL). */
void brun_gh_annotations(FILE *out, const struct brun_results *r,
                         const char *workspace);

/* What GitHub counts in a comment: UTF-16 code units (one per character,
 * two for one beyond U+FFFF), over len bytes of UTF-8. */
size_t brun_gh_char_count(const char *s, size_t len);

enum brun_gh_measure { BRUN_GH_BYTES, BRUN_GH_CHARS };

/* Makes text[0..len) fit limit (bytes or characters).  When it fits, a
 * copy.  Otherwise its longest prefix ending at a line boundary, closers
 * for a code fence or <details> left open there, and then note, a
 * printf format taking one %zu (the number of lines left out); the
 * whole stays within limit.  Returns a malloc'd NUL-terminated string
 * (*out_len its length, *cut 1 when cut), or NULL when out of memory or
 * when not even the note fits. */
char *brun_gh_fit(const char *text, size_t len, size_t limit,
                  enum brun_gh_measure measure, const char *note,
                  size_t *out_len, int *cut);

/* The cut note of the step summary and of the comment. */
extern const char brun_gh_summary_note[];
extern const char brun_gh_comment_note[];

/* Appends markdown to the step summary file at path (O_APPEND, never
 * truncated or replaced), cut so that the file stays within
 * BRUN_GH_SUMMARY_LIMIT.  Returns 0, or -1 with why. */
int brun_gh_write_summary(const char *path, const char *markdown, size_t len,
                          char *why, size_t why_size);

/* One paragraph saying what the run found (the "summary" output), built
 * from the phrases of reports/model/wording.h. */
void brun_gh_summary_text(const struct brun_results *r, int exit_status,
                          char *out, size_t size);

/* Appends the step outputs to the file at path: verdict, regressions,
 * failing, failed-cases, exit-status, compared, and summary as a
 * multi-line value with a random delimiter.  Returns 0, or -1 with why. */
int brun_gh_write_outputs(const char *path, const struct brun_results *r,
                          int exit_status, char *why, size_t why_size);

/* Fills buf with size - 1 random bytes' worth of lowercase hex (from
 * /dev/urandom, else the clock and the pid). */
void brun_gh_random_hex(char *buf, size_t size);

/* ---- event.c -------------------------------------------------- */

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

/* ---- http.c --------------------------------------------------- */

struct brun_gh_client;

struct brun_gh_response {
    long status;      /* HTTP status; 0 when no answer came */
    char *body;       /* NUL-terminated, or NULL */
    size_t size;
    char *next;       /* Link rel="next" (checked: same origin), or NULL */
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

/* ---- pr.c ----------------------------------------------------- */

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
int brun_gh_post_status(struct brun_gh_client *c,
                        const struct brun_gh_event *e, const char *key,
                        const struct brun_results *r, int exit_status,
                        char *why, size_t why_size);

/* The status description of reports/model/wording.h, cut to fewer than
 * BRUN_GH_DESCRIPTION_LIMIT characters. */
void brun_gh_status_description(const struct brun_results *r,
                                int exit_status, char *out, size_t size);

#endif /* BRUN_GITHUB_INTERNAL_H */
