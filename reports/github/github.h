/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * github.h: publishing a run's results to GitHub Actions (--github).
 *
 * Five parts, each of which can be turned off: the job step summary (the
 * Markdown report appended to $GITHUB_STEP_SUMMARY), ::error / ::warning
 * annotations on stdout, step outputs ($GITHUB_OUTPUT), one sticky
 * comment on the pull request and a commit status on the pull request's
 * head commit (both through the REST API with libcurl and the token from
 * $BENCHRUN_GITHUB_TOKEN or $GITHUB_TOKEN).
 *
 * Publishing is best effort: a part that cannot be done prints one
 * warning and the others go on; nothing here changes benchrun's exit
 * status, and the token is never printed, logged or written anywhere.
 *
 * The parts live in actions.c, event.c, http.c and pr.c, each with its own
 * header; github.c runs them in turn.  Not here: the Markdown itself
 * (reports/markdown/markdown.h), check runs, GitLab.
 */
#ifndef BRUN_GITHUB_H
#define BRUN_GITHUB_H

#include <signal.h>
#include <stdio.h>

#include "reports/model/model.h"

/* The parts, as bits.  The values are those of enum brun_github_part in
 * runner/options/options.h (the reports library does not include runner/);
 * tests/test_github.c checks that the two stay equal. */
enum brun_github_publish_part {
    BRUN_GH_PART_SUMMARY = 1 << 0,     /* $GITHUB_STEP_SUMMARY */
    BRUN_GH_PART_ANNOTATIONS = 1 << 1, /* ::error / ::warning lines */
    BRUN_GH_PART_OUTPUTS = 1 << 2,     /* $GITHUB_OUTPUT */
    BRUN_GH_PART_COMMENT = 1 << 3,     /* the sticky PR comment */
    BRUN_GH_PART_STATUS = 1 << 4,      /* the commit status */
    BRUN_GH_PART_ALL = 31,
};

struct brun_github_settings {
    unsigned parts;        /* BRUN_GH_PART_* (= BRUN_GITHUB_*) bits */
    double timeout_s;      /* per HTTP request, connecting included
                              (default 10) */
    unsigned max_attempts; /* per request, the first included (default 4) */
    double backoff_s;      /* wait before the first retry; doubles after
                              each, with jitter (default 1) */
    double total_s;        /* the whole posting (every request, retry and
                              page of the comment and the status) ends
                              within this many seconds (default 60) */
    volatile sig_atomic_t *stop; /* when non-NULL and set (a signal
                                    arrived), nothing more is posted and a
                                    request in flight is abandoned */
};

/* Defaults as above, every part on, no stop flag, then four environment
 * variables when they are set and valid (they exist so tests and
 * impatient CI jobs can shorten the waits; a malformed value is ignored):
 *   BENCHRUN_GITHUB_TOTAL     seconds for the whole posting (0.1 .. 3600)
 *   BENCHRUN_GITHUB_TIMEOUT   seconds per request (0.05 .. 600)
 *   BENCHRUN_GITHUB_ATTEMPTS  attempts per request (1 .. 10)
 *   BENCHRUN_GITHUB_BACKOFF   seconds before the first retry (0 .. 60) */
void brun_github_settings_init(struct brun_github_settings *s);

/* Publishes r.  exit_status is benchrun's (0 ok, 1 regression, 3 failed
 * cases): it decides the verdict output and the commit status state
 * (success for 0, failure for 1 and 3, error otherwise).
 *
 * Outside GitHub Actions (GITHUB_ACTIONS is not "true") it prints one
 * warning and publishes nothing.  Annotations go to stdout; warnings go to
 * log, one line each, prefixed "benchrun: warning: ".  The comment and
 * the status are only made for pull_request and pull_request_target
 * events.  Other environment read: GITHUB_STEP_SUMMARY, GITHUB_OUTPUT,
 * GITHUB_WORKSPACE, GITHUB_EVENT_NAME, GITHUB_EVENT_PATH,
 * GITHUB_REPOSITORY, GITHUB_API_URL, GITHUB_SERVER_URL, GITHUB_RUN_ID,
 * BENCHRUN_COMMENT_KEY (tells two benchrun jobs' comments and statuses
 * apart), BENCHRUN_GITHUB_TOKEN / GITHUB_TOKEN.
 *
 * Returns the number of parts that failed: 0 when every part went well
 * or did not apply. */
int brun_github_publish(const struct brun_results *r,
                        const struct brun_github_settings *s, int exit_status,
                        FILE *log);

#endif /* BRUN_GITHUB_H */
