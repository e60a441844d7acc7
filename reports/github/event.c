/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * event.c: which pull request and which commit a run is about,
 * from the event file GitHub Actions hands every job.
 *
 * On a pull request GITHUB_SHA is the test merge commit, which no one
 * looks at; the status belongs on pull_request.head.sha, so this reads
 * the event JSON (GITHUB_EVENT_PATH) rather than the environment.  The
 * file is untrusted data (titles and branch names come from whoever
 * opened the pull request): only the three fields needed are taken, each
 * checked for its shape.  Not here: push or workflow_run events.
 */
#include "config.h"

#include "reports/github/event.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "lib/io.h"

/* Event files are a few tens of KiB; refuse anything absurd. */
#define EVENT_MAX_BYTES (32u << 20)

static int name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

int brun_gh_repo_valid(const char *s)
{
    const char *slash = s ? strchr(s, '/') : NULL;
    if (!slash || slash == s || !slash[1] || strlen(s) > 200)
        return 0;
    for (const char *p = s; *p; p++)
        if (p != slash && !name_char(*p))
            return 0;
    /* "." and ".." are not names (and would walk up the URL path). */
    size_t owner = (size_t)(slash - s);
    return !(owner <= 2 && strspn(s, ".") == owner) &&
           strspn(slash + 1, ".") != strlen(slash + 1);
}

static int sha_valid(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n != 40 && n != 64)
        return 0;
    return strspn(s, "0123456789abcdefABCDEF") == n;
}

int brun_gh_event_load(struct brun_gh_event *e, char *why, size_t why_size)
{
    const char *name = getenv("GITHUB_EVENT_NAME");
    const char *path = getenv("GITHUB_EVENT_PATH");
    const char *repo = getenv("GITHUB_REPOSITORY");
    char *text;
    size_t text_len;
    json_error_t error;

    memset(e, 0, sizeof *e);
    if (!name || (strcmp(name, "pull_request") != 0 &&
                  strcmp(name, "pull_request_target") != 0))
        return 0;
    e->is_pull_request = 1;
    if (!path || !*path) {
        snprintf(why, why_size, "GITHUB_EVENT_PATH is not set");
        return -1;
    }
    /* Read with a bound and only from a regular file, so a FIFO or a
     * device named by mistake fails at once instead of hanging or filling
     * memory. */
    if (brun_io_read_file(path, EVENT_MAX_BYTES, BRUN_IO_REGULAR_ONLY, &text,
                          &text_len) != 0) {
        if (errno == EFBIG)
            snprintf(why, why_size, "event file %s: larger than %u MiB", path,
                     EVENT_MAX_BYTES >> 20);
        else if (errno == EINVAL)
            snprintf(why, why_size, "event file %s: not a regular file", path);
        else
            snprintf(why, why_size, "event file %s: %s", path, strerror(errno));
        return -1;
    }
    json_t *root = json_loadb(text, text_len, JSON_REJECT_DUPLICATES, &error);
    free(text);
    if (!root) {
        snprintf(why, why_size, "event file %s:%d: %s", path, error.line,
                 error.text);
        return -1;
    }
    int rc = -1;
    json_t *pr = json_object_get(root, "pull_request");
    json_t *number = json_object_get(pr, "number");
    const char *sha =
        json_string_value(json_object_get(json_object_get(pr, "head"), "sha"));
    const char *full_name = json_string_value(
        json_object_get(json_object_get(root, "repository"), "full_name"));
    if (!json_is_object(pr)) {
        snprintf(why, why_size, "event file %s: no pull_request object", path);
    } else if (!json_is_integer(number) || json_integer_value(number) <= 0 ||
               json_integer_value(number) > 1000000000) {
        snprintf(why, why_size,
                 "event file %s: pull_request.number is not a positive "
                 "integer",
                 path);
    } else if (!sha_valid(sha)) {
        snprintf(why, why_size,
                 "event file %s: pull_request.head.sha is not a commit hash",
                 path);
    } else {
        const char *use = repo && *repo ? repo : full_name;
        if (!use || !brun_gh_repo_valid(use)) {
            snprintf(why, why_size,
                     "no valid repository: GITHUB_REPOSITORY is %s and the "
                     "event has %s",
                     repo && *repo ? "not owner/name" : "unset",
                     full_name ? "no valid repository.full_name"
                               : "no repository.full_name");
        } else {
            e->number = (long)json_integer_value(number);
            snprintf(e->head_sha, sizeof e->head_sha, "%s", sha);
            for (char *p = e->head_sha; *p; p++)
                if (*p >= 'A' && *p <= 'F')
                    *p = (char)(*p - 'A' + 'a');
            snprintf(e->repo, sizeof e->repo, "%s", use);
            rc = 0;
        }
    }
    json_decref(root);
    return rc;
}
