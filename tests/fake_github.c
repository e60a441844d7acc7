/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * fake_github.c: a small stand-in for the GitHub REST API, for the
 * --github tests.  Single-threaded HTTP/1.1 on 127.0.0.1, one request per
 * connection ("Connection: close"), on an ephemeral port it writes to
 * --port-file.
 *
 *   fake_github --port-file F --log F --state F [--control F]
 *               [--lifetime SECONDS]
 *
 * It answers GET /user, lists issue comments (per_page, page, and a Link
 * header whose next URL has another shape, /repositories/42/..., as
 * GitHub's does), creates and updates comments (kept in memory, each
 * with id, body, user.login, user.type) and creates commit statuses.
 * Every request is appended to --log as one JSON line: method, path, the
 * Authorization scheme and token it carried (so a test can check the
 * right token arrived), Accept, X-GitHub-Api-Version, User-Agent,
 * Content-Type, the body, and the status answered (0 when the client
 * hung up first); a request is logged before its answer is sent.  The
 * comments are written to --state (JSON) after every change.
 *
 * The control file, read again on every request, holds "key=value" lines:
 *   user=pat|bot       GET /user answers a user "bench-bot" (pat, the
 *                      default), or 403 as for the built-in GITHUB_TOKEN,
 *                      whose comments are by "github-actions[bot]" (Bot)
 *   page_size=N        at most N comments per page (default: per_page)
 *   slow_ms=N          how long "slow" waits (default 3000)
 *   rule=METHOD PREFIX ACTION COUNT
 *                      the first COUNT (-1: all) requests with METHOD (or
 *                      *) whose path starts with PREFIX get ACTION: 401,
 *                      403 (read-only token), 404, 422 (validation), 429
 *                      (Retry-After: 1), 500, or slow (answer after
 *                      slow_ms, unless the client hangs up first)
 *   comment=LOGIN TYPE BODY
 *                      a comment present from the start (read once; "\n"
 *                      in BODY is a newline)
 *   filler=N           N comments by "someone" from the start
 * It exits on GET /__shutdown, on SIGTERM, or after --lifetime seconds
 * (default 120).  Test code only: it trusts its client.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <jansson.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define HEAD_MAX (64 * 1024)
#define BODY_MAX (16u << 20)
#define MAX_RULES 16

struct request {
    char method[16];
    char target[2048];
    char authorization[512];
    char accept[256], api_version[64], user_agent[256], content_type[256];
    int expect_continue;
    size_t content_length;
    char *body;
};

struct rule {
    char text[512];
    char method[16], prefix[512], action[16];
    long count;
    long used;
};

static struct {
    const char *log_path, *state_path, *control_path;
    int port;
    json_t *comments;
    json_int_t next_id;
    struct rule rules[MAX_RULES];
    size_t rule_count;
    /* From the control file, this request. */
    char user_mode[16];
    long page_size;
    long slow_ms;
} fake;

static volatile sig_atomic_t stop;

static void on_term(int sig)
{
    (void)sig;
    stop = 1;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* ---- Control file ---------------------------------------------------- */

static void unescape_newlines(char *s)
{
    char *w = s;
    for (char *r = s; *r; r++) {
        if (r[0] == '\\' && r[1] == 'n') {
            *w++ = '\n';
            r++;
        } else {
            *w++ = *r;
        }
    }
    *w = '\0';
}

static json_t *make_comment(const char *login, const char *type,
                            const char *body)
{
    json_int_t id = fake.next_id++;
    char url[256];
    snprintf(url, sizeof url, "https://github.com/o/r/pull/7#issuecomment-%lld",
             (long long)id);
    return json_pack("{sI,ss,s{ss,ss},ss}", "id", id, "body", body, "user",
                     "login", login, "type", type, "html_url", url);
}

static void save_state(void)
{
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp", fake.state_path);
    if (json_dump_file(fake.comments, tmp, JSON_INDENT(1)) == 0)
        rename(tmp, fake.state_path);
}

/* Reads the control file; seed 1 also takes comment= and filler= lines. */
static void read_control(int seed)
{
    snprintf(fake.user_mode, sizeof fake.user_mode, "pat");
    fake.page_size = 0;
    fake.slow_ms = 3000;
    FILE *f = fake.control_path ? fopen(fake.control_path, "r") : NULL;
    size_t rules = 0;
    char line[70000];
    while (f && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        char *eq = strchr(line, '=');
        if (!eq)
            continue;
        *eq = '\0';
        const char *key = line, *value = eq + 1;
        if (strcmp(key, "user") == 0) {
            snprintf(fake.user_mode, sizeof fake.user_mode, "%s", value);
        } else if (strcmp(key, "page_size") == 0) {
            fake.page_size = strtol(value, NULL, 10);
        } else if (strcmp(key, "slow_ms") == 0) {
            fake.slow_ms = strtol(value, NULL, 10);
        } else if (strcmp(key, "rule") == 0 && rules < MAX_RULES) {
            struct rule *r = &fake.rules[rules];
            /* Keep the use count of a rule that is still there. */
            if (strcmp(r->text, value) != 0) {
                memset(r, 0, sizeof *r);
                snprintf(r->text, sizeof r->text, "%s", value);
            }
            if (sscanf(value, "%15s %511s %15s %ld", r->method, r->prefix,
                       r->action, &r->count) == 4)
                rules++;
        } else if (seed && strcmp(key, "comment") == 0) {
            char login[128], type[32];
            int used = 0;
            if (sscanf(value, "%127s %31s %n", login, type, &used) >= 2) {
                char *body = strdup(value + used);
                unescape_newlines(body);
                json_array_append_new(fake.comments,
                                      make_comment(login, type, body));
                free(body);
            }
        } else if (seed && strcmp(key, "filler") == 0) {
            long n = strtol(value, NULL, 10);
            for (long i = 0; i < n && i < 1000; i++) {
                char body[64];
                snprintf(body, sizeof body, "comment %ld", i);
                json_array_append_new(fake.comments,
                                      make_comment("someone", "User", body));
            }
        }
    }
    fake.rule_count = rules;
    if (f)
        fclose(f);
}

static struct rule *matching_rule(const struct request *q)
{
    for (size_t i = 0; i < fake.rule_count; i++) {
        struct rule *r = &fake.rules[i];
        if ((strcmp(r->method, "*") == 0 ||
             strcmp(r->method, q->method) == 0) &&
            strncmp(q->target, r->prefix, strlen(r->prefix)) == 0 &&
            (r->count < 0 || r->used < r->count)) {
            r->used++;
            return r;
        }
    }
    return NULL;
}

/* ---- HTTP ------------------------------------------------------------ */

static int wait_readable(int fd, int ms)
{
    struct pollfd p = {fd, POLLIN, 0};
    int rc;
    while ((rc = poll(&p, 1, ms)) < 0 && errno == EINTR)
        ;
    return rc;
}

static int write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = send(fd, data, len, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

static void header_value(const char *head, const char *name, char *out,
                         size_t size)
{
    size_t n = strlen(name);
    out[0] = '\0';
    for (const char *line = strstr(head, "\r\n"); line;
         line = strstr(line + 2, "\r\n")) {
        const char *h = line + 2;
        if (strncasecmp(h, name, n) == 0 && h[n] == ':') {
            h += n + 1;
            while (*h == ' ')
                h++;
            size_t len = strcspn(h, "\r\n");
            snprintf(out, size, "%.*s", (int)len, h);
            return;
        }
    }
}

/* Reads one request.  Returns 0, or -1. */
static int read_request(int fd, struct request *q)
{
    char *head = malloc(HEAD_MAX + 1);
    size_t len = 0;
    char *end = NULL;
    memset(q, 0, sizeof *q);
    if (!head)
        return -1;
    while (!end) {
        if (len == HEAD_MAX || wait_readable(fd, 5000) <= 0)
            goto fail;
        ssize_t n = recv(fd, head + len, HEAD_MAX - len, 0);
        if (n <= 0)
            goto fail;
        len += (size_t)n;
        head[len] = '\0';
        end = strstr(head, "\r\n\r\n");
    }
    size_t head_len = (size_t)(end - head) + 4;
    if (sscanf(head, "%15s %2047s", q->method, q->target) != 2)
        goto fail;
    char value[512];
    header_value(head, "Authorization", q->authorization,
                 sizeof q->authorization);
    header_value(head, "Accept", q->accept, sizeof q->accept);
    header_value(head, "X-GitHub-Api-Version", q->api_version,
                 sizeof q->api_version);
    header_value(head, "User-Agent", q->user_agent, sizeof q->user_agent);
    header_value(head, "Content-Type", q->content_type, sizeof q->content_type);
    header_value(head, "Content-Length", value, sizeof value);
    q->content_length = strtoul(value, NULL, 10);
    header_value(head, "Expect", value, sizeof value);
    q->expect_continue = strcasecmp(value, "100-continue") == 0;
    if (q->content_length > BODY_MAX)
        goto fail;
    q->body = malloc(q->content_length + 1);
    if (!q->body)
        goto fail;
    size_t have = len - head_len;
    if (have > q->content_length)
        have = q->content_length;
    memcpy(q->body, head + head_len, have);
    if (q->expect_continue && have < q->content_length)
        write_all(fd, "HTTP/1.1 100 Continue\r\n\r\n", 25);
    while (have < q->content_length) {
        if (wait_readable(fd, 5000) <= 0)
            goto fail;
        ssize_t n = recv(fd, q->body + have, q->content_length - have, 0);
        if (n <= 0)
            goto fail;
        have += (size_t)n;
    }
    q->body[have] = '\0';
    free(head);
    return 0;
fail:
    free(head);
    free(q->body);
    q->body = NULL;
    return -1;
}

static const char *reason(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 422:
        return "Unprocessable Entity";
    case 429:
        return "Too Many Requests";
    default:
        return "Internal Server Error";
    }
}

static void log_request(const struct request *q, int status);

/* The request being answered: logged before its answer is sent, so the
 * log is complete once the client has its answer. */
static const struct request *current;
static int logged;

static void respond(int fd, int status, const char *extra_headers, json_t *body)
{
    if (current && !logged) {
        log_request(current, status);
        logged = 1;
    }
    char *text = body ? json_dumps(body, JSON_COMPACT) : strdup("");
    char head[4096];
    size_t len = text ? strlen(text) : 0;
    snprintf(head, sizeof head,
             "HTTP/1.1 %d %s\r\nContent-Type: application/json; "
             "charset=utf-8\r\nContent-Length: %zu\r\nConnection: close\r\n"
             "x-ratelimit-limit: 1000\r\nx-ratelimit-remaining: 999\r\n%s\r\n",
             status, reason(status), len, extra_headers ? extra_headers : "");
    if (write_all(fd, head, strlen(head)) == 0 && len)
        write_all(fd, text, len);
    free(text);
    json_decref(body);
}

static json_t *message(const char *text)
{
    return json_pack("{ss,ss}", "message", text, "documentation_url",
                     "https://docs.github.com/rest");
}

/* ---- The API --------------------------------------------------------- */

static long query_long(const char *target, const char *name, long fallback)
{
    const char *q = strchr(target, '?');
    size_t n = strlen(name);
    for (const char *p = q; p && *p; p = strchr(p + 1, '&')) {
        if (strncmp(p + 1, name, n) == 0 && p[1 + n] == '=')
            return strtol(p + 2 + n, NULL, 10);
    }
    return fallback;
}

static int json_body_string(const struct request *q, const char *key,
                            const char **out, json_t **root)
{
    *root = json_loads(q->body ? q->body : "", 0, NULL);
    *out = json_string_value(json_object_get(*root, key));
    return *out ? 0 : -1;
}

static size_t utf16_units(const char *s)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p & 0xc0) != 0x80)
            n += *p >= 0xf0 ? 2 : 1;
    return n;
}

static int handle(int fd, const struct request *q)
{
    char path[2048];
    long number;
    char tail[64];
    long long id;
    snprintf(path, sizeof path, "%.*s", (int)strcspn(q->target, "?"),
             q->target);

    if (strcmp(path, "/__shutdown") == 0) {
        respond(fd, 200, NULL, message("bye"));
        stop = 1;
        return 200;
    }
    if (strncasecmp(q->authorization, "Bearer ", 7) != 0) {
        respond(fd, 401, NULL, message("Requires authentication"));
        return 401;
    }
    struct rule *rule = matching_rule(q);
    if (rule) {
        if (strcmp(rule->action, "slow") == 0) {
            /* Wait, unless the client gives up (then it is readable). */
            double until = now() + (double)fake.slow_ms / 1000;
            while (now() < until && !stop) {
                if (wait_readable(fd, (int)((until - now()) * 1000) + 1) > 0) {
                    char c;
                    if (recv(fd, &c, 1, MSG_PEEK) <= 0)
                        return 0; /* hung up */
                }
            }
        } else {
            int status = atoi(rule->action);
            const char *headers = NULL;
            json_t *body;
            switch (status) {
            case 403:
                body = message("Resource not accessible by integration");
                break;
            case 422:
                body = json_pack(
                    "{ss,s[{ss,ss,ss,ss}]}", "message", "Validation Failed",
                    "errors", "resource", "Status", "code", "custom", "field",
                    "description", "message",
                    "description is too long (maximum is 140 characters)");
                break;
            case 429:
                headers = "Retry-After: 1\r\n";
                body = message("You have exceeded a secondary rate limit.");
                break;
            case 401:
                body = message("Bad credentials");
                break;
            case 404:
                body = message("Not Found");
                break;
            default:
                status = 500;
                body = message("Server Error");
            }
            respond(fd, status, headers, body);
            return status;
        }
    }

    if (strcmp(q->method, "GET") == 0 && strcmp(path, "/user") == 0) {
        if (strcmp(fake.user_mode, "bot") == 0) {
            respond(fd, 403, NULL,
                    message("Resource not accessible by integration"));
            return 403;
        }
        respond(fd, 200, NULL,
                json_pack("{ss,si,ss}", "login", "bench-bot", "id", 99, "type",
                          "User"));
        return 200;
    }
    if (strcmp(q->method, "GET") == 0 &&
        (sscanf(path, "/repos/o/r/issues/%ld/comment%63s", &number, tail) ==
             2 ||
         sscanf(path, "/repositories/42/issues/%ld/comment%63s", &number,
                tail) == 2) &&
        strcmp(tail, "s") == 0) {
        long per_page = query_long(q->target, "per_page", 30);
        long page = query_long(q->target, "page", 1);
        if (per_page < 1 || per_page > 100)
            per_page = 30;
        if (fake.page_size > 0 && per_page > fake.page_size)
            per_page = fake.page_size;
        if (page < 1)
            page = 1;
        size_t total = json_array_size(fake.comments);
        size_t from = (size_t)((page - 1) * per_page);
        json_t *list = json_array();
        for (size_t i = from; i < total && i < from + (size_t)per_page; i++)
            json_array_append(list, json_array_get(fake.comments, i));
        char link[1024] = "";
        if (from + (size_t)per_page < total)
            snprintf(link, sizeof link,
                     "Link: <http://127.0.0.1:%d/repositories/42/issues/%ld/"
                     "comments?per_page=%ld&page=%ld>; rel=\"next\", "
                     "<http://127.0.0.1:%d/repositories/42/issues/%ld/"
                     "comments?per_page=%ld&page=%ld>; rel=\"last\"\r\n",
                     fake.port, number, per_page, page + 1, fake.port, number,
                     per_page,
                     (long)((total + (size_t)per_page - 1) / (size_t)per_page));
        respond(fd, 200, link[0] ? link : NULL, list);
        return 200;
    }
    if (strcmp(q->method, "POST") == 0 &&
        sscanf(path, "/repos/o/r/issues/%ld/comment%63s", &number, tail) == 2 &&
        strcmp(tail, "s") == 0) {
        const char *text;
        json_t *root;
        if (json_body_string(q, "body", &text, &root) != 0) {
            json_decref(root);
            respond(fd, 400, NULL, message("Problems parsing JSON"));
            return 400;
        }
        if (utf16_units(text) > 65536) {
            json_decref(root);
            respond(fd, 422, NULL,
                    message("Body is too long (maximum is 65536 characters)"));
            return 422;
        }
        int bot = strcmp(fake.user_mode, "bot") == 0;
        json_t *c = make_comment(bot ? "github-actions[bot]" : "bench-bot",
                                 bot ? "Bot" : "User", text);
        json_decref(root);
        json_array_append(fake.comments, c);
        save_state();
        respond(fd, 201, NULL, c);
        return 201;
    }
    if (strcmp(q->method, "PATCH") == 0 &&
        sscanf(path, "/repos/o/r/issues/comments/%lld%63s", &id, tail) == 1) {
        const char *text;
        json_t *root;
        size_t i;
        json_t *c;
        if (json_body_string(q, "body", &text, &root) != 0) {
            json_decref(root);
            respond(fd, 400, NULL, message("Problems parsing JSON"));
            return 400;
        }
        json_array_foreach(fake.comments, i, c) {
            if (json_integer_value(json_object_get(c, "id")) == id) {
                json_object_set_new(c, "body", json_string(text));
                json_decref(root);
                save_state();
                respond(fd, 200, NULL, json_incref(c));
                return 200;
            }
        }
        json_decref(root);
        respond(fd, 404, NULL, message("Not Found"));
        return 404;
    }
    if (strcmp(q->method, "POST") == 0 &&
        strncmp(path, "/repos/o/r/statuses/", 20) == 0) {
        json_t *root = json_loads(q->body ? q->body : "", 0, NULL);
        const char *description =
            json_string_value(json_object_get(root, "description"));
        const char *state = json_string_value(json_object_get(root, "state"));
        if (!state) {
            json_decref(root);
            respond(fd, 422, NULL, message("Validation Failed"));
            return 422;
        }
        if (description && utf16_units(description) > 140) {
            json_decref(root);
            respond(fd, 422, NULL,
                    message("description is too long (maximum is 140 "
                            "characters)"));
            return 422;
        }
        json_object_set_new(root, "id", json_integer(1));
        respond(fd, 201, NULL, root);
        return 201;
    }
    respond(fd, 404, NULL, message("Not Found"));
    return 404;
}

static void log_request(const struct request *q, int status)
{
    FILE *f = fopen(fake.log_path, "a");
    if (!f)
        return;
    const char *space = strchr(q->authorization, ' ');
    char scheme[64];
    snprintf(scheme, sizeof scheme, "%.*s",
             space ? (int)(space - q->authorization)
                   : (int)strlen(q->authorization),
             q->authorization);
    json_t *line =
        json_pack("{ss,ss,ss,ss,ss,ss,ss,ss,ss?,si}", "method", q->method,
                  "path", q->target, "auth_scheme", scheme, "token",
                  space ? space + 1 : "", "accept", q->accept, "api_version",
                  q->api_version, "user_agent", q->user_agent, "content_type",
                  q->content_type, "body", q->body, "status", status);
    char *text = line ? json_dumps(line, JSON_COMPACT) : NULL;
    if (text)
        fprintf(f, "%s\n", text);
    free(text);
    json_decref(line);
    fclose(f);
}

static int serve(int listener, double lifetime)
{
    double end = now() + lifetime;
    while (!stop && now() < end) {
        int ready = wait_readable(listener, 200);
        if (ready <= 0)
            continue;
        int fd = accept(listener, NULL, NULL);
        if (fd < 0)
            continue;
        struct request q;
        if (read_request(fd, &q) == 0) {
            read_control(0);
            current = &q;
            logged = 0;
            handle(fd, &q);
            if (!logged) /* the client hung up first */
                log_request(&q, 0);
            current = NULL;
            free(q.body);
        }
        shutdown(fd, SHUT_WR);
        close(fd);
    }
    return 0;
}

int main(int argc, char **argv)
{
    const char *port_file = NULL;
    double lifetime = 120;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--port-file") == 0)
            port_file = argv[i + 1];
        else if (strcmp(argv[i], "--log") == 0)
            fake.log_path = argv[i + 1];
        else if (strcmp(argv[i], "--state") == 0)
            fake.state_path = argv[i + 1];
        else if (strcmp(argv[i], "--control") == 0)
            fake.control_path = argv[i + 1];
        else if (strcmp(argv[i], "--lifetime") == 0)
            lifetime = strtod(argv[i + 1], NULL);
    }
    if (!port_file || !fake.log_path || !fake.state_path) {
        fprintf(stderr, "usage: fake_github --port-file F --log F --state F "
                        "[--control F] [--lifetime S]\n");
        return 2;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_term;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);

    int listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_in addr;
    socklen_t addr_len = sizeof addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    if (listener < 0 || bind(listener, (struct sockaddr *)&addr, sizeof addr) ||
        listen(listener, 16) ||
        getsockname(listener, (struct sockaddr *)&addr, &addr_len)) {
        perror("fake_github");
        return 1;
    }
    fake.port = ntohs(addr.sin_port);
    fake.comments = json_array();
    fake.next_id = 1000;
    read_control(1);
    save_state();

    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp", port_file);
    FILE *f = fopen(tmp, "w");
    if (!f || fprintf(f, "%d\n", fake.port) < 0 || fclose(f) != 0 ||
        rename(tmp, port_file) != 0) {
        perror("fake_github: port file");
        return 1;
    }
    serve(listener, lifetime);
    close(listener);
    json_decref(fake.comments);
    return 0;
}
