/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * github.c: brun_github_publish(), the --github entry point: checks that
 * it runs in GitHub Actions, renders the Markdown report once, and does
 * each part asked for in turn (annotations, outputs, step summary, then
 * the comment and the status, which need the event file, a token and the
 * network).  A part that fails prints one warning; the others go on.
 * Not here: how any part is done (github_*.c), the exit status.
 */
#include "config.h"

#include "reports/github/github.h"

#include <curl/curl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "reports/github/actions.h"
#include "reports/github/event.h"
#include "reports/github/http.h"
#include "reports/github/pr.h"
#include "reports/markdown/markdown.h"
#include "reports/text/escape.h"

static void env_double(const char *name, double lo, double hi, double *out)
{
    const char *v = getenv(name);
    char *end;
    if (!v || !*v)
        return;
    double d = strtod(v, &end);
    if (*end == '\0' && d >= lo && d <= hi)
        *out = d;
}

void brun_github_settings_init(struct brun_github_settings *s)
{
    double attempts = 4;
    s->parts = BRUN_GH_PART_ALL;
    s->timeout_s = 10;
    s->backoff_s = 1;
    s->total_s = 60;
    s->stop = NULL;
    env_double("BENCHRUN_GITHUB_TOTAL", 0.1, 3600, &s->total_s);
    env_double("BENCHRUN_GITHUB_TIMEOUT", 0.05, 600, &s->timeout_s);
    env_double("BENCHRUN_GITHUB_BACKOFF", 0, 60, &s->backoff_s);
    env_double("BENCHRUN_GITHUB_ATTEMPTS", 1, 10, &attempts);
    s->max_attempts = (unsigned)attempts;
}

static void warn(FILE *log, const char *format, ...)
{
    va_list ap;
    char line[2048];
    va_start(ap, format);
    vsnprintf(line, sizeof line, format, ap);
    va_end(ap);
    /* One inert line each, whatever the message holds: it quotes what
     * the server answered and GITHUB_* values. */
    fputs("benchrun: warning: ", log);
    brun_term_text(log, line);
    fputc('\n', log);
    fflush(log);
}

static const char *env(const char *name)
{
    const char *v = getenv(name);
    return v && *v ? v : NULL;
}

/* The Markdown report in memory (malloc'd), or NULL. */
static char *render(const struct brun_results *r, size_t *len)
{
    struct brun_markdown_options o;
    char *buf = NULL;
    FILE *f = open_memstream(&buf, len);
    if (!f)
        return NULL;
    brun_markdown_options_init(&o);
    brun_markdown_write(f, r, &o);
    if (fclose(f) != 0) {
        free(buf);
        return NULL;
    }
    return buf;
}

/* The comment and the status.  Returns the number that failed. */
static int publish_pull_request(const struct brun_results *r,
                                const struct brun_github_settings *s,
                                int exit_status, const char *markdown,
                                size_t markdown_len, FILE *log)
{
    int want_comment = (s->parts & BRUN_GH_PART_COMMENT) != 0;
    int want_status = (s->parts & BRUN_GH_PART_STATUS) != 0;
    int wanted = want_comment + want_status;
    const char *parts = want_comment && want_status ? "comment and status"
                        : want_comment              ? "comment"
                                                    : "status";
    struct brun_gh_event event;
    char why[1024], key[80];
    int failed = 0;

    if (brun_gh_event_load(&event, why, sizeof why) != 0) {
        warn(log, "--github: %s not posted: %s", parts, why);
        return wanted;
    }
    if (!event.is_pull_request)
        return 0; /* only pull requests get a comment and a status */
    const char *token = env("BENCHRUN_GITHUB_TOKEN");
    if (!token)
        token = env("GITHUB_TOKEN");
    if (!token) {
        warn(log,
             "--github: %s not posted: no token (set GITHUB_TOKEN, e.g. "
             "env: GITHUB_TOKEN: ${{ github.token }})",
             parts);
        return wanted;
    }
    if (want_comment && !markdown) {
        warn(log, "--github: comment not posted: out of memory");
        failed++;
        want_comment = 0;
        wanted--;
        parts = "status";
        if (!want_status)
            return failed;
    }
    const char *api = env("GITHUB_API_URL");
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        warn(log, "--github: %s not posted: libcurl did not start", parts);
        return failed + wanted;
    }
    struct brun_gh_client *client = brun_gh_client_new(
        api ? api : "https://api.github.com", token, s, why, sizeof why);
    if (!client) {
        warn(log, "--github: %s not posted: %s", parts, why);
        curl_global_cleanup();
        return failed + wanted;
    }
    brun_gh_comment_key(key, sizeof key);
    if (want_comment &&
        brun_gh_post_comment(client, &event, key, markdown, markdown_len, why,
                             sizeof why) != 0) {
        warn(log, "--github: comment not posted: %s", why);
        failed++;
    }
    if (want_status && brun_gh_post_status(client, &event, key, r, exit_status,
                                           why, sizeof why) != 0) {
        warn(log, "--github: status not posted: %s", why);
        failed++;
    }
    brun_gh_client_free(client);
    curl_global_cleanup();
    return failed;
}

int brun_github_publish(const struct brun_results *r,
                        const struct brun_github_settings *s, int exit_status,
                        FILE *log)
{
    const char *actions = getenv("GITHUB_ACTIONS");
    char why[1024];
    char *markdown = NULL;
    size_t len = 0;
    int failed = 0;

    if (!actions || strcmp(actions, "true") != 0) {
        warn(log, "--github: not running in GitHub Actions; nothing "
                  "published");
        return 0;
    }
    if (s->parts & (BRUN_GH_PART_SUMMARY | BRUN_GH_PART_COMMENT))
        markdown = render(r, &len);

    if (s->parts & BRUN_GH_PART_ANNOTATIONS) {
        fflush(stdout);
        brun_gh_annotations(stdout, r, env("GITHUB_WORKSPACE"));
        fflush(stdout);
    }
    if (s->parts & BRUN_GH_PART_OUTPUTS) {
        const char *path = env("GITHUB_OUTPUT");
        if (!path) {
            warn(log, "--github: outputs not written: GITHUB_OUTPUT is not "
                      "set");
            failed++;
        } else if (brun_gh_write_outputs(path, r, exit_status, why,
                                         sizeof why) != 0) {
            warn(log, "--github: outputs not written: %s", why);
            failed++;
        }
    }
    if (s->parts & BRUN_GH_PART_SUMMARY) {
        const char *path = env("GITHUB_STEP_SUMMARY");
        if (!path) {
            warn(log, "--github: summary not written: GITHUB_STEP_SUMMARY is "
                      "not set");
            failed++;
        } else if (!markdown) {
            warn(log, "--github: summary not written: out of memory");
            failed++;
        } else if (brun_gh_write_summary(path, markdown, len, why,
                                         sizeof why) != 0) {
            warn(log, "--github: summary not written: %s", why);
            failed++;
        }
    }
    if (s->parts & (BRUN_GH_PART_COMMENT | BRUN_GH_PART_STATUS))
        failed += publish_pull_request(r, s, exit_status, markdown, len, log);
    free(markdown);
    return failed;
}
