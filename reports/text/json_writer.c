/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * json_writer.c: the JSON emitter (see json_writer.h).
 */
#include "config.h"

#include "reports/text/json_writer.h"

#include "reports/text/escape.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void brun_json_init(struct brun_json *j, FILE *out, int pretty)
{
    memset(j, 0, sizeof *j);
    j->out = out;
    j->pretty = pretty;
}

void brun_json_write_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p;) {
        unsigned c = *p;
        if (c == '"' || c == '\\') {
            fputc('\\', out);
            fputc((int)c, out);
        } else if (c == '\n') {
            fputs("\\n", out);
        } else if (c == '\r') {
            fputs("\\r", out);
        } else if (c == '\t') {
            fputs("\\t", out);
        } else if (c < 0x20 || c == 0x7f) {
            fprintf(out, "\\u%04x", c);
        } else {
            uint32_t code_point;
            size_t len = brun_utf8_sequence(p, &code_point);
            if (len == 0) {
                fputs("\\ufffd", out);
                p++;
                continue;
            }
            fwrite(p, 1, len, out);
            p += len;
            continue;
        }
        p++;
    }
    fputc('"', out);
}

void brun_json_format_number(double v, char *buf, size_t size)
{
    if (!isfinite(v)) {
        snprintf(buf, size, "null");
        return;
    }
    if (v == 0) {
        snprintf(buf, size, "0");
        return;
    }
    /* Shortest of 15..17 significant digits that reads back exactly. */
    for (int digits = 15; digits <= 17; digits++) {
        snprintf(buf, size, "%.*g", digits, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    const char *point = localeconv()->decimal_point;
    if (point && strcmp(point, ".") != 0 && strlen(point) == 1) {
        char *p = strchr(buf, point[0]);
        if (p)
            *p = '.';
    }
}

static void newline_indent(struct brun_json *j)
{
    if (!j->pretty)
        return;
    fputc('\n', j->out);
    for (int i = 0; i < j->depth; i++)
        fputs("  ", j->out);
}

/* Comma, indentation and key before a member. */
static void member(struct brun_json *j, const char *key)
{
    if (j->depth > 0) {
        if (j->count[j->depth - 1]++ > 0)
            fputc(',', j->out);
        newline_indent(j);
    }
    if (key) {
        brun_json_write_string(j->out, key);
        fputs(j->pretty ? ": " : ":", j->out);
    }
}

static void open_container(struct brun_json *j, const char *key, char c)
{
    member(j, key);
    fputc(c, j->out);
    if (j->depth < BRUN_JSON_MAX_DEPTH)
        j->count[j->depth] = 0;
    j->depth++;
}

static void close_container(struct brun_json *j, char c)
{
    int had_members = j->depth <= BRUN_JSON_MAX_DEPTH && j->count[j->depth - 1];
    j->depth--;
    if (had_members)
        newline_indent(j);
    fputc(c, j->out);
    if (j->depth == 0 && j->pretty)
        fputc('\n', j->out);
}

void brun_json_object_begin(struct brun_json *j, const char *key)
{
    open_container(j, key, '{');
}

void brun_json_object_end(struct brun_json *j)
{
    close_container(j, '}');
}

void brun_json_array_begin(struct brun_json *j, const char *key)
{
    open_container(j, key, '[');
}

void brun_json_array_end(struct brun_json *j)
{
    close_container(j, ']');
}

void brun_json_string(struct brun_json *j, const char *key, const char *v)
{
    member(j, key);
    if (v)
        brun_json_write_string(j->out, v);
    else
        fputs("null", j->out);
}

void brun_json_number(struct brun_json *j, const char *key, double v)
{
    char buf[64];
    member(j, key);
    brun_json_format_number(v, buf, sizeof buf);
    fputs(buf, j->out);
}

void brun_json_uint(struct brun_json *j, const char *key, uint64_t v)
{
    member(j, key);
    fprintf(j->out, "%llu", (unsigned long long)v);
}

void brun_json_int(struct brun_json *j, const char *key, long long v)
{
    member(j, key);
    fprintf(j->out, "%lld", v);
}

void brun_json_bool(struct brun_json *j, const char *key, int v)
{
    member(j, key);
    fputs(v ? "true" : "false", j->out);
}

void brun_json_null(struct brun_json *j, const char *key)
{
    member(j, key);
    fputs("null", j->out);
}
