/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * config_parse.c: timing a parser on a fixed input, with throughput.
 *
 * .bytes declares how much input one iteration consumes, so benchrun also
 * reports the parse rate in bytes per second.  BENCH_ESCAPE tells the
 * compiler the parsed struct is used, so the parse is not optimised away.
 */
#include <benchrun.h>

#include <ctype.h>
#include <string.h>

static const char config_text[] = "# server settings\n"
                                  "[server]\n"
                                  "host = example.org\n"
                                  "port = 8080\n"
                                  "workers = 4\n"
                                  "\n"
                                  "[log]\n"
                                  "level = info\n"
                                  "file = /var/log/app.log\n";

struct setting {
    char section[16];
    char key[16];
    char value[32];
};

struct config {
    struct setting settings[16];
    int count;
};

static void copy_trimmed(char *out, size_t size, const char *start,
                         const char *end)
{
    while (start < end && isspace((unsigned char)*start))
        start++;
    while (end > start && isspace((unsigned char)end[-1]))
        end--;
    size_t n =
        (size_t)(end - start) < size - 1 ? (size_t)(end - start) : size - 1;
    memcpy(out, start, n);
    out[n] = '\0';
}

/* Parses INI-style text; returns the number of settings or -1. */
static int parse_config(const char *text, struct config *c)
{
    char section[16] = "";
    c->count = 0;
    while (*text) {
        const char *end = strchr(text, '\n');
        if (!end)
            end = text + strlen(text);
        if (*text == '[') {
            const char *close = memchr(text, ']', (size_t)(end - text));
            if (!close)
                return -1;
            copy_trimmed(section, sizeof section, text + 1, close);
        } else if (*text != '#' && end > text) {
            const char *eq = memchr(text, '=', (size_t)(end - text));
            if (!eq || c->count == 16)
                return -1;
            struct setting *s = &c->settings[c->count++];
            memcpy(s->section, section, sizeof section);
            copy_trimmed(s->key, sizeof s->key, text, eq);
            copy_trimmed(s->value, sizeof s->value, eq + 1, end);
        }
        text = *end ? end + 1 : end;
    }
    return c->count;
}

BENCH(config, parse_small, .bytes = sizeof config_text - 1)
{
    struct config c;
    if (parse_config(config_text, &c) != 5)
        BENCH_FAIL(st, "the parser is broken: expected 5 settings");
    BENCH_LOOP(st) {
        BENCH_KEEP(parse_config(config_text, &c));
        BENCH_ESCAPE(&c);
    }
}
