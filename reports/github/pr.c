/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * pr.c: what --github puts on a pull request through the REST API:
 * one sticky comment with the report, and a commit status on the head
 * commit.
 *
 * The comment is found again by a hidden marker on its first line,
 * "<!-- benchrun-report -->" (or "<!-- benchrun-report:KEY -->" with
 * BENCHRUN_COMMENT_KEY, so two benchrun jobs keep two comments), and only
 * when the token's own user wrote it: a comment someone else wrote is
 * never edited, whatever it says.  Who the token is: GET /user answers for
 * a personal access token; the built-in GITHUB_TOKEN (an installation
 * token of the GitHub Actions app) gets 403 or 404 there and comments as
 * "github-actions[bot]" with user.type "Bot", so those two fields are
 * matched instead.  Creating a comment is not idempotent: after a timeout
 * or a 5xx the comments are listed again before another POST, so a slow
 * server cannot leave two.  The status's state and description are worded
 * by reports/model/wording.c; this file only cuts the description to
 * GitHub's limit.  Not here: HTTP itself (http.c).
 */
#include "config.h"

#include "reports/github/pr.h"
#include "reports/github/actions.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "reports/model/wording.h"
#include "reports/text/json_writer.h"

#define MAX_PAGES 30

static void run_url(char *out, size_t size);
#define BOT_LOGIN "github-actions[bot]"

void brun_gh_comment_key(char *out, size_t size)
{
    const char *key = getenv("BENCHRUN_COMMENT_KEY");
    size_t n = 0;
    for (const char *p = key ? key : ""; *p && n + 1 < size && n < 64; p++) {
        char ch = *p;
        if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
            (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' || ch == '-')
            out[n++] = ch;
    }
    if (size > 0)
        out[n] = '\0';
}

/* "what: HTTP 403: message (hint)" or "what: no answer: why". */
static void failure(const struct brun_gh_response *resp, const char *what,
                    char *why, size_t why_size)
{
    const char *hint = "";
    if (resp->status == 0) {
        snprintf(why, why_size, "%s: no answer from GitHub: %s", what,
                 resp->message);
        return;
    }
    if (resp->status == 401)
        hint = " (the token is invalid or expired)";
    else if (resp->status == 403 && !brun_gh_transient(resp))
        hint = " (the token may not write here: pull requests from forks get "
               "a read-only token, and the workflow needs 'permissions: "
               "pull-requests: write, statuses: write'; the report is in the "
               "job summary)";
    else if (resp->status == 404)
        hint = " (check the repository and the token's access to it)";
    snprintf(why, why_size, "%s: HTTP %ld%s%s%s", what, resp->status,
             resp->message[0] ? ": " : "", resp->message, hint);
}

/* The JSON {"name": text, ...} for a body, malloc'd.  Strings pass through
 * brun_json_write_string (escaped, invalid UTF-8 replaced). */
static char *json_body(const char *const *pairs, size_t count)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return NULL;
    fputc('{', f);
    for (size_t i = 0; i < count; i++) {
        if (!pairs[2 * i + 1])
            continue;
        if (ftell(f) > 1)
            fputc(',', f);
        brun_json_write_string(f, pairs[2 * i]);
        fputc(':', f);
        brun_json_write_string(f, pairs[2 * i + 1]);
    }
    fputc('}', f);
    if (fclose(f) != 0) {
        free(buf);
        return NULL;
    }
    return buf;
}

/* ---- Whose comment ---------------------------------------------------- */

struct identity {
    char login[256];
    int bot; /* the GITHUB_TOKEN: match user.type "Bot" too */
};

static int who_am_i(struct brun_gh_client *c, struct identity *me, char *why,
                    size_t why_size)
{
    struct brun_gh_response resp;
    int rc = -1;
    memset(me, 0, sizeof *me);
    if (brun_gh_request(c, "GET", "/user", NULL, BRUN_GH_RETRY_ALL, &resp) !=
        0) {
        failure(&resp, "finding the token's user (GET /user)", why, why_size);
    } else if (resp.status == 200) {
        json_t *root = json_loads(resp.body ? resp.body : "", 0, NULL);
        const char *login = json_string_value(json_object_get(root, "login"));
        if (login && *login && strlen(login) < sizeof me->login) {
            snprintf(me->login, sizeof me->login, "%s", login);
            rc = 0;
        } else {
            snprintf(why, why_size, "GET /user: no login in the answer");
        }
        json_decref(root);
    } else if ((resp.status == 403 || resp.status == 404) &&
               !brun_gh_transient(&resp)) {
        /* An installation token (GITHUB_TOKEN) may not read /user. */
        snprintf(me->login, sizeof me->login, "%s", BOT_LOGIN);
        me->bot = 1;
        rc = 0;
    } else {
        failure(&resp, "finding the token's user (GET /user)", why, why_size);
    }
    brun_gh_response_release(&resp);
    return rc;
}

static int starts_with_marker(const char *body, const char *marker)
{
    size_t n = strlen(marker);
    return body && strncmp(body, marker, n) == 0 &&
           (body[n] == '\0' || body[n] == '\n' || body[n] == '\r');
}

static int ours(json_t *comment, const char *marker, const struct identity *me)
{
    json_t *user = json_object_get(comment, "user");
    const char *login = json_string_value(json_object_get(user, "login"));
    const char *type = json_string_value(json_object_get(user, "type"));
    if (!starts_with_marker(json_string_value(json_object_get(comment, "body")),
                            marker) ||
        !login || strcasecmp(login, me->login) != 0)
        return 0;
    return !me->bot || (type && strcmp(type, "Bot") == 0);
}

/* Finds our newest marked comment: *id, or 0 when there is none.
 * Returns 0, or -1 with why. */
static int find_comment(struct brun_gh_client *c, const struct brun_gh_event *e,
                        const char *marker, const struct identity *me,
                        json_int_t *id, char *why, size_t why_size)
{
    char first[512];
    char *url = NULL;
    *id = 0;
    snprintf(first, sizeof first, "/repos/%s/issues/%ld/comments?per_page=100",
             e->repo, e->number);
    for (int page = 0; page < MAX_PAGES; page++) {
        struct brun_gh_response resp;
        int rc = brun_gh_request(c, "GET", url ? url : first, NULL,
                                 BRUN_GH_RETRY_ALL, &resp);
        free(url);
        url = NULL;
        if (rc != 0 || resp.status != 200) {
            failure(&resp, "listing the pull request's comments", why,
                    why_size);
            brun_gh_response_release(&resp);
            return -1;
        }
        json_t *list = json_loads(resp.body ? resp.body : "", 0, NULL);
        size_t i;
        json_t *comment;
        if (!json_is_array(list)) {
            snprintf(why, why_size,
                     "listing the pull request's comments: the answer is "
                     "not a list");
            json_decref(list);
            brun_gh_response_release(&resp);
            return -1;
        }
        json_array_foreach(list, i, comment) {
            json_t *cid = json_object_get(comment, "id");
            if (json_is_integer(cid) && json_integer_value(cid) > 0 &&
                ours(comment, marker, me))
                *id = json_integer_value(cid); /* oldest first: keep last */
        }
        json_decref(list);
        url = resp.next;
        resp.next = NULL;
        brun_gh_response_release(&resp);
        if (!url)
            return 0;
    }
    free(url);
    return 0; /* more pages than we read: a new comment is still right */
}

int brun_gh_post_comment(struct brun_gh_client *c,
                         const struct brun_gh_event *e, const char *key,
                         const char *markdown, size_t len, char *why,
                         size_t why_size)
{
    char marker[128];
    struct identity me;
    int cut;
    size_t text_len;
    int rc = -1;

    snprintf(marker, sizeof marker, "<!-- benchrun-report%s%s -->",
             *key ? ":" : "", key);
    /* The report, then where it came from. */
    char url[1024], *report = NULL, *text = NULL, *full = NULL;
    run_url(url, sizeof url);
    if (asprintf(&report, "%.*s%s\n<sub>Posted by benchrun %s%s%s%s</sub>\n",
                 (int)len, markdown,
                 len > 0 && markdown[len - 1] != '\n' ? "\n" : "",
                 PACKAGE_VERSION, url[0] ? " from [this run](" : "", url,
                 url[0] ? ")" : "") < 0)
        report = NULL;
    size_t marker_chars = strlen(marker) + 1;
    if (report)
        text = brun_gh_fit(report, strlen(report),
                           BRUN_GH_COMMENT_LIMIT - marker_chars, BRUN_GH_CHARS,
                           brun_gh_comment_note, &text_len, &cut);
    free(report);
    if (!text || asprintf(&full, "%s\n%s", marker, text) < 0) {
        free(text);
        snprintf(why, why_size, "out of memory");
        return -1;
    }
    free(text);
    const char *pairs[] = {"body", full};
    char *body = json_body(pairs, 1);
    free(full);
    if (!body) {
        snprintf(why, why_size, "out of memory");
        return -1;
    }
    if (who_am_i(c, &me, why, why_size) != 0)
        goto out;
    for (unsigned round = 1;; round++) {
        json_int_t id;
        char path[512];
        struct brun_gh_response resp;
        if (find_comment(c, e, marker, &me, &id, why, why_size) != 0)
            break;
        if (id) {
            snprintf(path, sizeof path,
                     "/repos/%s/issues/comments/%" JSON_INTEGER_FORMAT, e->repo,
                     id);
            int got = brun_gh_request(c, "PATCH", path, body, BRUN_GH_RETRY_ALL,
                                      &resp);
            int gone = got == 0 && resp.status == 404;
            if (got == 0 && resp.status == 200)
                rc = 0;
            else
                failure(&resp, "updating the comment", why, why_size);
            brun_gh_response_release(&resp);
            if (!gone)
                break;
            /* Deleted since it was listed: make a new one. */
        }
        snprintf(path, sizeof path, "/repos/%s/issues/%ld/comments", e->repo,
                 e->number);
        int got =
            brun_gh_request(c, "POST", path, body, BRUN_GH_RETRY_SAFE, &resp);
        if (got == 0 && resp.status == 201) {
            rc = 0;
            brun_gh_response_release(&resp);
            break;
        }
        failure(&resp, "creating the comment", why, why_size);
        /* No answer, or a server error: it may have been made anyway.
         * List again (next round) rather than POST blindly. */
        int ambiguous = got != 0 || resp.status >= 500;
        brun_gh_response_release(&resp);
        if (!ambiguous || round >= brun_gh_client_attempts(c) ||
            brun_gh_backoff(c, round) != 0)
            break;
    }
out:
    free(body);
    return rc;
}

/* ---- Commit status ---------------------------------------------------- */

/* Copies s into out, cut to fewer than limit characters (GitHub's count)
 * at a character boundary, with "..." when cut; control characters
 * become spaces. */
static void cut_chars(const char *s, size_t limit, char *out, size_t size)
{
    size_t n = 0, chars = 0, len = strlen(s);
    if (brun_gh_char_count(s, len) < limit) {
        snprintf(out, size, "%s", s);
    } else {
        while (n < len && n + 4 < size) {
            size_t next = n + 1;
            while (next < len && ((unsigned char)s[next] & 0xc0) == 0x80)
                next++;
            size_t w = brun_gh_char_count(s + n, next - n);
            if (chars + w > limit - 4)
                break;
            chars += w;
            n = next;
        }
        snprintf(out, size, "%.*s...", (int)n, s);
    }
    for (char *p = out; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            *p = ' ';
}

void brun_gh_status_description(const struct brun_results *r, int exit_status,
                                char *out, size_t size)
{
    char text[1024];
    brun_wording_status_description(r, exit_status, text, sizeof text);
    cut_chars(text, BRUN_GH_DESCRIPTION_LIMIT, out, size);
}

/* $GITHUB_SERVER_URL/$GITHUB_REPOSITORY/actions/runs/$GITHUB_RUN_ID, or
 * "" when one of them is missing or malformed. */
static void run_url(char *out, size_t size)
{
    const char *server = getenv("GITHUB_SERVER_URL");
    const char *repo = getenv("GITHUB_REPOSITORY");
    const char *run = getenv("GITHUB_RUN_ID");
    out[0] = '\0';
    if (!server ||
        (strncmp(server, "https://", 8) != 0 &&
         strncmp(server, "http://", 7) != 0) ||
        strcspn(server, " \"<>\\^`{|}") != strlen(server) ||
        !brun_gh_repo_valid(repo) || !run || !*run ||
        strspn(run, "0123456789") != strlen(run))
        return;
    for (const char *p = server; *p; p++)
        if ((unsigned char)*p <= 0x20 || *p == 0x7f)
            return;
    size_t len = strlen(server);
    while (len > 0 && server[len - 1] == '/')
        len--;
    snprintf(out, size, "%.*s/%s/actions/runs/%s", (int)len, server, repo, run);
}

int brun_gh_post_status(struct brun_gh_client *c, const struct brun_gh_event *e,
                        const char *key, const struct brun_results *r,
                        int exit_status, char *why, size_t why_size)
{
    char description[512], context[128], url[1024], path[512];
    struct brun_gh_response resp;
    const char *state = brun_wording_commit_state(r, exit_status);
    brun_gh_status_description(r, exit_status, description, sizeof description);
    snprintf(context, sizeof context, "benchrun%s%s", *key ? "/" : "", key);
    run_url(url, sizeof url);
    const char *pairs[] = {
        "state",   state,   "description", description,
        "context", context, "target_url",  url[0] ? url : NULL};
    char *body = json_body(pairs, 4);
    if (!body) {
        snprintf(why, why_size, "out of memory");
        return -1;
    }
    snprintf(path, sizeof path, "/repos/%s/statuses/%s", e->repo, e->head_sha);
    int rc = -1;
    if (brun_gh_request(c, "POST", path, body, BRUN_GH_RETRY_ALL, &resp) == 0 &&
        resp.status == 201)
        rc = 0;
    else
        failure(&resp, "posting the commit status", why, why_size);
    brun_gh_response_release(&resp);
    free(body);
    return rc;
}
