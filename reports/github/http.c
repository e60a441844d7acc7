/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * http.c: the GitHub REST client behind --github: one libcurl easy
 * handle, the headers GitHub asks for, retries, and errors as one line.
 *
 * Safety first: only https, or plain http to a loopback host (the tests'
 * fake server); TLS verification stays on (libcurl's defaults, set again
 * explicitly); no proxy for loopback; redirects limited and never to
 * another scheme; answers capped at 8 MiB; timeouts on every request and
 * NOSIGNAL, so no SIGALRM.  The token travels only in the Authorization
 * header list, which is wiped before it is freed; it is never printed,
 * and CURLOPT_VERBOSE is never set.  A GITHUB_API_URL with a user or
 * password in it is refused, and messages show the URL without them (or
 * its query), so a credential put there is never echoed either.
 *
 * Retries (brun_gh_request): connection errors and timeouts, 5xx, 429 and
 * rate-limit 403 (x-ratelimit-remaining: 0, or a "secondary rate limit"
 * message) are tried again, up to max_attempts, waiting Retry-After when
 * GitHub sends it, else until x-ratelimit-reset when the limit is spent,
 * else backoff_s doubled per retry with +-50 % jitter.  total_s bounds
 * the client's whole life: every attempt's timeout is cut to what is
 * left, and no attempt, retry or page starts past it; a set stop flag
 * (a signal) abandons the transfer in flight and sends nothing more.  Other 4xx are final.  A request that is not
 * idempotent (creating a comment) is only retried when the server surely
 * did nothing; its caller decides the rest.  Not here: what the requests
 * mean (pr.c).
 */
#include "config.h"

#include "reports/github/http.h"
#include "reports/github/actions.h"

#include <ctype.h>
#include <curl/curl.h>
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define RESPONSE_MAX_BYTES (8u << 20)
#define HEADER_VALUE_MAX 4096
#define RETRY_AFTER_MAX_S 300.0

struct brun_gh_client {
    CURL *curl;
    struct curl_slist *headers; /* one entry holds the token */
    char *base;                 /* API URL, no trailing '/' */
    char scheme[8], host[256];
    long port;
    struct brun_github_settings settings;
    double deadline; /* now() past which nothing more is sent */
    int unreachable; /* a request got no answer at all */
    char error[CURL_ERROR_SIZE];
};

/* What one attempt brought back, beyond the body. */
struct answer {
    char *body;
    size_t size, cap;
    int too_large;
    char retry_after[64];
    char remaining[32];
    char reset[32];
    char link[HEADER_VALUE_MAX];
};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void wipe(void *p, size_t n)
{
    volatile unsigned char *v = p;
    while (n--)
        *v++ = 0;
}

/* ---- URLs ------------------------------------------------------------ */

static int is_loopback(const char *host)
{
    return strcasecmp(host, "localhost") == 0 ||
           strcmp(host, "127.0.0.1") == 0 || strcmp(host, "[::1]") == 0 ||
           strcmp(host, "::1") == 0;
}

/* Splits url into lowercase scheme, host and port (default filled in).
 * Returns 0, or -1 when it is not a URL. */
static int split_url(const char *url, char *scheme, size_t scheme_size,
                     char *host, size_t host_size, long *port)
{
    CURLU *u = curl_url();
    char *part = NULL;
    int rc = -1;
    if (!u || curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK)
        goto out;
    if (curl_url_get(u, CURLUPART_SCHEME, &part, 0) != CURLUE_OK ||
        strlen(part) >= scheme_size)
        goto out;
    snprintf(scheme, scheme_size, "%s", part);
    curl_free(part);
    part = NULL;
    if (curl_url_get(u, CURLUPART_HOST, &part, 0) != CURLUE_OK ||
        strlen(part) >= host_size)
        goto out;
    snprintf(host, host_size, "%s", part);
    curl_free(part);
    part = NULL;
    if (curl_url_get(u, CURLUPART_PORT, &part, CURLU_DEFAULT_PORT) != CURLUE_OK)
        goto out;
    *port = strtol(part, NULL, 10);
    for (char *p = scheme; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    for (char *p = host; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    rc = 0;
out:
    curl_free(part);
    curl_url_cleanup(u);
    return rc;
}

/* url for a message: scheme, host, port and path only.  A user, a
 * password, a query or a fragment may hold a credential, and an
 * unparsable value may be one whole, so none of them is ever shown. */
static void redacted_url(const char *url, char *out, size_t size)
{
    CURLU *u = curl_url();
    char *scheme = NULL, *host = NULL, *port = NULL, *path = NULL;
    if (u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK) {
        curl_url_get(u, CURLUPART_PORT, &port, 0);
        curl_url_get(u, CURLUPART_PATH, &path, 0);
        snprintf(out, size, "\"%.16s://%.200s%s%.8s%.200s\"", scheme, host,
                 port ? ":" : "", port ? port : "",
                 path && strcmp(path, "/") != 0 ? path : "");
    } else {
        snprintf(out, size, "(value not shown)");
    }
    curl_free(scheme);
    curl_free(host);
    curl_free(port);
    curl_free(path);
    curl_url_cleanup(u);
}

/* 1 when url carries a user or a password (https://user:pass@host). */
static int has_credentials(const char *url)
{
    CURLU *u = curl_url();
    char *part = NULL;
    int found = 0;
    if (u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK) {
        found = curl_url_get(u, CURLUPART_USER, &part, 0) == CURLUE_OK;
        curl_free(part);
        part = NULL;
        found |= curl_url_get(u, CURLUPART_PASSWORD, &part, 0) == CURLUE_OK;
        curl_free(part);
    }
    curl_url_cleanup(u);
    return found;
}

static int same_origin(const struct brun_gh_client *c, const char *url)
{
    char scheme[8], host[256];
    long port;
    return split_url(url, scheme, sizeof scheme, host, sizeof host, &port) ==
               0 &&
           strcmp(scheme, c->scheme) == 0 && strcmp(host, c->host) == 0 &&
           port == c->port;
}

char *brun_gh_link_next(const char *link)
{
    const char *p = link;
    while (p && (p = strchr(p, '<'))) {
        const char *gt = strchr(p, '>');
        if (!gt)
            return NULL;
        const char *end = strchr(gt, '<');
        size_t params = end ? (size_t)(end - gt) : strlen(gt);
        char rel[HEADER_VALUE_MAX];
        snprintf(rel, sizeof rel, "%.*s", (int)params, gt);
        if (strstr(rel, "rel=\"next\"") || strstr(rel, "rel=next"))
            return strndup(p + 1, (size_t)(gt - p - 1));
        p = gt;
    }
    return NULL;
}

/* ---- The client ------------------------------------------------------ */

struct brun_gh_client *brun_gh_client_new(const char *api_url,
                                          const char *token,
                                          const struct brun_github_settings *s,
                                          char *why, size_t why_size)
{
    struct brun_gh_client *c = calloc(1, sizeof *c);
    char *auth = NULL;
    if (!c) {
        snprintf(why, why_size, "out of memory");
        return NULL;
    }
    c->settings = *s;
    if (c->settings.max_attempts < 1)
        c->settings.max_attempts = 1;
    if (!(c->settings.timeout_s >= 0.001))
        c->settings.timeout_s = 10; /* 0 would mean no timeout at all */
    if (!(c->settings.total_s >= 0))
        c->settings.total_s = 60;
    c->deadline = now() + c->settings.total_s;
    char shown[512];
    redacted_url(api_url, shown, sizeof shown);
    if (split_url(api_url, c->scheme, sizeof c->scheme, c->host, sizeof c->host,
                  &c->port) != 0) {
        snprintf(why, why_size, "GITHUB_API_URL %s is not a URL", shown);
        goto fail;
    }
    if (has_credentials(api_url)) {
        snprintf(why, why_size,
                 "refusing GITHUB_API_URL %s: it holds a user or password "
                 "(not shown); the token goes in GITHUB_TOKEN",
                 shown);
        goto fail;
    }
    int loopback = is_loopback(c->host);
    if (strcmp(c->scheme, "https") != 0 &&
        !(strcmp(c->scheme, "http") == 0 && loopback)) {
        snprintf(why, why_size,
                 "refusing GITHUB_API_URL %s: only https, or plain "
                 "http to 127.0.0.1, ::1 or localhost",
                 shown);
        goto fail;
    }
    for (const char *p = token; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f) {
            snprintf(why, why_size, "the token holds a control character");
            goto fail;
        }
    c->base = strdup(api_url);
    c->curl = curl_easy_init();
    if (!c->base || !c->curl) {
        snprintf(why, why_size, "out of memory");
        goto fail;
    }
    size_t len = strlen(c->base);
    while (len > 0 && c->base[len - 1] == '/')
        c->base[--len] = '\0';

    size_t auth_size = strlen(token) + 32;
    auth = malloc(auth_size);
    if (!auth) {
        snprintf(why, why_size, "out of memory");
        goto fail;
    }
    snprintf(auth, auth_size, "Authorization: Bearer %s", token);
    static const char *const fixed[] = {
        "Accept: application/vnd.github+json",
        "X-GitHub-Api-Version: 2022-11-28", "Content-Type: application/json",
        "Expect:", /* no 100-continue round trip for large bodies */
    };
    for (size_t i = 0; i <= sizeof fixed / sizeof fixed[0]; i++) {
        struct curl_slist *l = curl_slist_append(
            c->headers, i < sizeof fixed / sizeof fixed[0] ? fixed[i] : auth);
        if (!l) {
            snprintf(why, why_size, "out of memory");
            goto fail;
        }
        c->headers = l;
    }
    wipe(auth, auth_size);
    free(auth);
    auth = NULL;

    const char *protocols = loopback ? "http,https" : "https";
    CURL *h = c->curl;
    CURLcode rc = CURLE_OK;
#if LIBCURL_VERSION_NUM >= 0x075500 /* 7.85.0 */
    rc |= curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, protocols);
    rc |= curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, protocols);
#else
    long bits = loopback ? CURLPROTO_HTTP | CURLPROTO_HTTPS : CURLPROTO_HTTPS;
    rc |= curl_easy_setopt(h, CURLOPT_PROTOCOLS, bits);
    rc |= curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS, bits);
    (void)protocols;
#endif
    rc |= curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    rc |= curl_easy_setopt(h, CURLOPT_TIMEOUT_MS,
                           (long)(c->settings.timeout_s * 1000));
    rc |= curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
                           (long)(c->settings.timeout_s * 1000));
    rc |= curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    rc |= curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    rc |= curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
    rc |= curl_easy_setopt(h, CURLOPT_MAXREDIRS, 3L);
    rc |= curl_easy_setopt(h, CURLOPT_POSTREDIR, (long)CURL_REDIR_POST_ALL);
    rc |= curl_easy_setopt(h, CURLOPT_USERAGENT, "benchrun/" PACKAGE_VERSION);
    rc |= curl_easy_setopt(h, CURLOPT_HTTPHEADER, c->headers);
    rc |= curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
    rc |= curl_easy_setopt(h, CURLOPT_ERRORBUFFER, c->error);
    if (loopback) /* a proxy cannot reach our loopback anyway */
        rc |= curl_easy_setopt(h, CURLOPT_PROXY, "");
    if (rc != CURLE_OK) {
        snprintf(why, why_size, "libcurl refused an option (%s)",
                 curl_version());
        goto fail;
    }
    return c;
fail:
    if (auth) {
        wipe(auth, strlen(auth));
        free(auth);
    }
    brun_gh_client_free(c);
    return NULL;
}

void brun_gh_client_free(struct brun_gh_client *c)
{
    if (!c)
        return;
    if (c->curl)
        curl_easy_cleanup(c->curl);
    for (struct curl_slist *l = c->headers; l; l = l->next)
        wipe(l->data, strlen(l->data));
    curl_slist_free_all(c->headers);
    free(c->base);
    free(c);
}

unsigned brun_gh_client_attempts(const struct brun_gh_client *c)
{
    return c->settings.max_attempts;
}

/* ---- One attempt ----------------------------------------------------- */

static size_t on_body(char *data, size_t size, size_t count, void *userp)
{
    struct answer *a = userp;
    size_t n = size * count;
    if (a->size + n > RESPONSE_MAX_BYTES) {
        a->too_large = 1;
        return 0;
    }
    if (a->size + n + 1 > a->cap) {
        size_t cap = a->cap ? a->cap : 16384;
        while (cap < a->size + n + 1)
            cap *= 2;
        char *p = realloc(a->body, cap);
        if (!p)
            return 0;
        a->body = p;
        a->cap = cap;
    }
    memcpy(a->body + a->size, data, n);
    a->size += n;
    a->body[a->size] = '\0';
    return n;
}

static void keep_header(const char *value, size_t len, char *out, size_t size)
{
    while (len > 0 && (*value == ' ' || *value == '\t')) {
        value++;
        len--;
    }
    while (len > 0 && (value[len - 1] == '\r' || value[len - 1] == '\n' ||
                       value[len - 1] == ' ' || value[len - 1] == '\t'))
        len--;
    if (len >= size)
        len = size - 1;
    memcpy(out, value, len);
    out[len] = '\0';
}

static size_t on_header(char *data, size_t size, size_t count, void *userp)
{
    struct answer *a = userp;
    size_t n = size * count;
    static const struct {
        const char *name;
        size_t offset, size;
    } wanted[] = {
        {"retry-after:", offsetof(struct answer, retry_after),
         sizeof((struct answer *)0)->retry_after},
        {"x-ratelimit-remaining:", offsetof(struct answer, remaining),
         sizeof((struct answer *)0)->remaining},
        {"x-ratelimit-reset:", offsetof(struct answer, reset),
         sizeof((struct answer *)0)->reset},
        {"link:", offsetof(struct answer, link),
         sizeof((struct answer *)0)->link},
    };
    /* A new status line (after a redirect): forget the previous headers. */
    if (n >= 5 && strncmp(data, "HTTP/", 5) == 0) {
        a->retry_after[0] = a->remaining[0] = a->reset[0] = a->link[0] = '\0';
        return n;
    }
    for (size_t i = 0; i < sizeof wanted / sizeof wanted[0]; i++) {
        size_t k = strlen(wanted[i].name);
        if (n > k && strncasecmp(data, wanted[i].name, k) == 0)
            keep_header(data + k, n - k, (char *)a + wanted[i].offset,
                        wanted[i].size);
    }
    return n;
}

/* GitHub's "message" and first validation error, one clean line. */
static void body_message(const char *body, char *out, size_t size)
{
    json_t *root = body ? json_loads(body, JSON_DISABLE_EOF_CHECK, NULL) : NULL;
    const char *message = json_string_value(json_object_get(root, "message"));
    json_t *first = json_array_get(json_object_get(root, "errors"), 0);
    const char *detail = json_string_value(json_object_get(first, "message"));
    const char *code = json_string_value(json_object_get(first, "code"));
    const char *field = json_string_value(json_object_get(first, "field"));

    out[0] = '\0';
    if (message && detail)
        snprintf(out, size, "%.200s (%.80s)", message, detail);
    else if (message && code)
        snprintf(out, size, "%.200s (%.40s%s%.40s)", message, code,
                 field ? " " : "", field ? field : "");
    else if (message)
        snprintf(out, size, "%.250s", message);
    json_decref(root);
    for (char *p = out; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            *p = ' ';
}

static int stopped(const struct brun_gh_client *c)
{
    return c->settings.stop && *c->settings.stop;
}

/* libcurl calls this about once a second and on every transfer event: a
 * non-zero return abandons the transfer (CURLE_ABORTED_BY_CALLBACK). */
static int on_progress(void *ctx, curl_off_t dltotal, curl_off_t dlnow,
                       curl_off_t ultotal, curl_off_t ulnow)
{
    (void)dltotal, (void)dlnow, (void)ultotal, (void)ulnow;
    return stopped(ctx);
}

/* Performs one attempt, bounded by the per-request timeout and by what is
 * left of the posting's total time.  Returns the curl code; *status the
 * HTTP code.  CURLE_OPERATION_TIMEDOUT without sending anything when no
 * time is left, CURLE_ABORTED_BY_CALLBACK when stopped. */
static CURLcode attempt(struct brun_gh_client *c, const char *method,
                        const char *url, const char *body, struct answer *a,
                        long *status)
{
    CURL *h = c->curl;
    memset(a, 0, sizeof *a);
    c->error[0] = '\0';
    *status = 0;
    if (stopped(c))
        return CURLE_ABORTED_BY_CALLBACK;
    double left = c->deadline - now();
    if (left <= 0)
        return CURLE_OPERATION_TIMEDOUT;
    double limit = left < c->settings.timeout_s ? left : c->settings.timeout_s;
    long limit_ms = (long)ceil(limit * 1000);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, limit_ms);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, limit_ms);
    curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(h, CURLOPT_XFERINFODATA, c);
    curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, a);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, a);
    if (strcmp(method, "GET") == 0) {
        curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, NULL);
        curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
    } else {
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, body ? body : "");
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE,
                         (curl_off_t)(body ? strlen(body) : 0));
        curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST,
                         strcmp(method, "POST") == 0 ? NULL : method);
    }
    CURLcode rc = curl_easy_perform(h);
    if (rc == CURLE_OK)
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, status);
    return rc;
}

static int rate_limited(long status, const struct answer *a,
                        const char *message)
{
    if (status == 429)
        return 1;
    if (status != 403)
        return 0;
    if (strcmp(a->remaining, "0") == 0)
        return 1;
    for (const char *p = message; *p; p++)
        if (strncasecmp(p, "rate limit", 10) == 0)
            return 1;
    return 0;
}

int brun_gh_transient(const struct brun_gh_response *resp)
{
    if (resp->status >= 500 || resp->status == 429)
        return 1;
    if (resp->status != 403)
        return 0;
    for (const char *p = resp->message; *p; p++)
        if (strncasecmp(p, "rate limit", 10) == 0)
            return 1;
    return 0;
}

static int transport_retryable(CURLcode rc, enum brun_gh_retry retry)
{
    switch (rc) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
        return 1;
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
        return retry == BRUN_GH_RETRY_ALL;
    default:
        return 0;
    }
}

/* Seconds GitHub asked us to wait, or -1 when it did not say. */
static double asked_wait(long status, const struct answer *a)
{
    if (a->retry_after[0]) {
        char *end;
        double s = strtod(a->retry_after, &end);
        if (end == a->retry_after || *end) {
            time_t when = curl_getdate(a->retry_after, NULL);
            s = when > 0 ? difftime(when, time(NULL)) : -1;
        }
        if (s >= 0)
            return s > RETRY_AFTER_MAX_S ? RETRY_AFTER_MAX_S : s;
    }
    if ((status == 403 || status == 429) && strcmp(a->remaining, "0") == 0 &&
        a->reset[0]) {
        double reset = strtod(a->reset, NULL);
        double s = reset - (double)time(NULL) + 1;
        if (s >= 0)
            return s > RETRY_AFTER_MAX_S ? RETRY_AFTER_MAX_S : s;
    }
    return -1;
}

static unsigned random_u32(void)
{
    char hex[9];
    brun_gh_random_hex(hex, sizeof hex);
    return (unsigned)strtoul(hex, NULL, 16);
}

/* Sleeps s seconds, less when a signal sets the stop flag. */
static void sleep_for(const struct brun_gh_client *c, double s)
{
    struct timespec ts = {(time_t)s, (long)((s - floor(s)) * 1e9)};
    while (s > 0 && nanosleep(&ts, &ts) != 0 && errno == EINTR && !stopped(c))
        ;
}

static double backoff_delay(const struct brun_gh_client *c, unsigned retry)
{
    double base = c->settings.backoff_s > 0 ? c->settings.backoff_s : 0;
    double d = base * ldexp(1.0, (int)(retry > 1 ? retry - 1 : 0));
    /* +-50 % jitter, so clients that failed together do not retry
     * together. */
    return d * (0.5 + (double)(random_u32() % 1001) / 1000.0);
}

int brun_gh_backoff(struct brun_gh_client *c, unsigned retry)
{
    double d = backoff_delay(c, retry);
    if (stopped(c) || now() + d > c->deadline)
        return -1;
    sleep_for(c, d);
    return stopped(c) ? -1 : 0;
}

int brun_gh_request(struct brun_gh_client *c, const char *method,
                    const char *target, const char *body,
                    enum brun_gh_retry retry, struct brun_gh_response *resp)
{
    char *url = NULL;
    struct answer a;
    unsigned attempts = c->unreachable ? 1 : c->settings.max_attempts;

    memset(resp, 0, sizeof *resp);
    memset(&a, 0, sizeof a);
    if (strncmp(target, "http://", 7) == 0 ||
        strncmp(target, "https://", 8) == 0) {
        if (!same_origin(c, target)) {
            snprintf(resp->message, sizeof resp->message,
                     "GitHub pointed to another server; not followed");
            return -1;
        }
        url = strdup(target);
    } else if (asprintf(&url, "%s%s", c->base, target) < 0) {
        url = NULL;
    }
    if (!url) {
        snprintf(resp->message, sizeof resp->message, "out of memory");
        return -1;
    }
    for (unsigned n = 1;; n++) {
        long status;
        CURLcode rc = attempt(c, method, url, body, &a, &status);
        double wait = -1;
        int again = 0;

        free(resp->body);
        resp->body = NULL;
        resp->size = 0;
        resp->status = status;
        if (rc == CURLE_OK) {
            resp->body = a.body;
            resp->size = a.size;
            a.body = NULL;
            body_message(resp->body, resp->message, sizeof resp->message);
            if (rate_limited(status, &a, resp->message)) {
                again = 1;
                wait = asked_wait(status, &a);
            } else if (status >= 500) {
                again = retry == BRUN_GH_RETRY_ALL;
                wait = asked_wait(status, &a);
            }
        } else {
            free(a.body);
            a.body = NULL;
            if (a.too_large)
                snprintf(resp->message, sizeof resp->message,
                         "the answer was larger than %u MiB",
                         RESPONSE_MAX_BYTES >> 20);
            else if (rc == CURLE_ABORTED_BY_CALLBACK)
                snprintf(resp->message, sizeof resp->message, "interrupted");
            else if (rc == CURLE_OPERATION_TIMEDOUT && now() >= c->deadline)
                snprintf(resp->message, sizeof resp->message,
                         "the posting's time limit (%g s) ran out",
                         c->settings.total_s);
            else
                snprintf(resp->message, sizeof resp->message, "%s%s%.200s",
                         curl_easy_strerror(rc), c->error[0] ? ": " : "",
                         c->error);
            again = !a.too_large && transport_retryable(rc, retry);
        }
        if (!again || n >= attempts)
            break;
        if (wait < 0)
            wait = backoff_delay(c, n);
        if (now() + wait > c->deadline) {
            size_t len = strlen(resp->message);
            snprintf(resp->message + len, sizeof resp->message - len,
                     "%s(gave up: a retry would wait %.0f s)", len ? " " : "",
                     ceil(wait));
            break;
        }
        sleep_for(c, wait);
        if (stopped(c)) {
            snprintf(resp->message, sizeof resp->message, "interrupted");
            break;
        }
    }
    free(url);
    if (resp->status == 0) {
        c->unreachable = 1;
        return -1;
    }
    if (resp->status >= 200 && resp->status < 300 && a.link[0]) {
        char *next = brun_gh_link_next(a.link);
        if (next && same_origin(c, next))
            resp->next = next;
        else
            free(next);
    }
    return 0;
}

void brun_gh_response_release(struct brun_gh_response *resp)
{
    free(resp->body);
    free(resp->next);
    resp->body = resp->next = NULL;
    resp->size = 0;
}
