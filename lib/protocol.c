/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * protocol.c: encoding and decoding the driver/worker messages described
 * in protocol.h.  Pure byte handling plus blocking write/read helpers; it
 * knows nothing about what the messages mean.
 *
 * An empty string travels as the field "-" (and a string that is exactly
 * "-" as "%2d"), because two spaces in a row would otherwise hide it.
 */
#include "config.h"

#include "lib/protocol.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/io.h"

static const char hex_digits[] = "0123456789abcdef";

static int needs_escape(unsigned char c)
{
    return c <= 0x20 || c == '%' || c == 0x7f;
}

void brun_proto_begin(struct brun_proto_out *m, const char *verb)
{
    size_t n = strlen(verb);
    m->overflow = n >= sizeof m->line;
    m->len = m->overflow ? 0 : n;
    memcpy(m->line, verb, m->len);
}

/* Room left for field bytes, keeping one byte for the final newline. */
static size_t room_left(const struct brun_proto_out *m)
{
    return sizeof m->line - 1 - m->len;
}

static size_t encoded_width(unsigned char c)
{
    return needs_escape(c) ? 3 : 1;
}

/* Appends " " and the encoding of s.  When the whole encoding does not
 * fit: with cut, as much as fits followed by "%e2%80%a6" (an ellipsis);
 * without, nothing, and the message is marked overflowed. */
static void add_field(struct brun_proto_out *m, const char *s, int cut)
{
    static const char ellipsis[] = "%e2%80%a6";
    const char *whole = NULL; /* fields with a fixed encoding */
    const unsigned char *p;

    if (m->overflow)
        return;
    if (!*s)
        whole = "-";
    else if (strcmp(s, "-") == 0)
        whole = "%2d";
    if (whole) {
        size_t n = strlen(whole);
        if (1 + n > room_left(m)) {
            m->overflow = 1;
            return;
        }
        m->line[m->len++] = ' ';
        memcpy(m->line + m->len, whole, n);
        m->len += n;
        return;
    }

    size_t need = 1;
    for (p = (const unsigned char *)s; *p; p++)
        need += encoded_width(*p);
    if (need > room_left(m) && (!cut || room_left(m) < sizeof ellipsis)) {
        m->overflow = 1;
        return;
    }
    m->line[m->len++] = ' ';
    size_t limit = room_left(m);
    int cutting = need - 1 > limit;
    if (cutting)
        limit -= sizeof ellipsis - 1;
    for (p = (const unsigned char *)s; *p; p++) {
        size_t width = encoded_width(*p);
        if (width > limit)
            break;
        if (width == 3) {
            m->line[m->len++] = '%';
            m->line[m->len++] = hex_digits[*p >> 4];
            m->line[m->len++] = hex_digits[*p & 15];
        } else {
            m->line[m->len++] = (char)*p;
        }
        limit -= width;
    }
    if (cutting) {
        memcpy(m->line + m->len, ellipsis, sizeof ellipsis - 1);
        m->len += sizeof ellipsis - 1;
    }
}

void brun_proto_add_str(struct brun_proto_out *m, const char *s)
{
    add_field(m, s, 0);
}

void brun_proto_add_text(struct brun_proto_out *m, const char *s)
{
    add_field(m, s, 1);
}

void brun_proto_add_u64(struct brun_proto_out *m, uint64_t v)
{
    char text[24];
    snprintf(text, sizeof text, "%" PRIu64, v);
    add_field(m, text, 0);
}

void brun_proto_add_double(struct brun_proto_out *m, double v)
{
    uint64_t bits;
    char text[24];
    memcpy(&bits, &v, sizeof bits);
    snprintf(text, sizeof text, "x%016" PRIx64, bits);
    add_field(m, text, 0);
}

int brun_proto_send(int fd, struct brun_proto_out *m)
{
    if (m->overflow)
        return -1;
    m->line[m->len] = '\n';
    return brun_io_write_full(fd, m->line, m->len + 1);
}

void brun_proto_in_init(struct brun_proto_in *in)
{
    in->len = 0;
    in->consumed = 0;
}

static void compact(struct brun_proto_in *in)
{
    if (in->consumed == 0)
        return;
    memmove(in->buf, in->buf + in->consumed, in->len - in->consumed);
    in->len -= in->consumed;
    in->consumed = 0;
}

int brun_proto_in_feed(struct brun_proto_in *in, const char *data, size_t n)
{
    compact(in);
    if (n > sizeof in->buf - 1 - in->len)
        return -1;
    memcpy(in->buf + in->len, data, n);
    in->len += n;
    return 0;
}

int brun_proto_in_line(struct brun_proto_in *in, char **line)
{
    char *start = in->buf + in->consumed;
    size_t pending = in->len - in->consumed;
    char *nl = memchr(start, '\n', pending);
    if (!nl)
        return pending >= BRUN_PROTO_LINE_MAX ? -1 : 0;
    if ((size_t)(nl - start) >= BRUN_PROTO_LINE_MAX)
        return -1;
    *nl = '\0';
    *line = start;
    in->consumed += (size_t)(nl - start) + 1;
    return 1;
}

size_t brun_proto_in_pending(const struct brun_proto_in *in)
{
    return in->len - in->consumed;
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decodes one field in place.  Returns 0 or -1 on a bad escape. */
static int decode_field(char *field)
{
    char *out = field;
    if (strcmp(field, "-") == 0) {
        field[0] = '\0';
        return 0;
    }
    for (char *p = field; *p; p++) {
        if (*p != '%') {
            *out++ = *p;
            continue;
        }
        int hi = hex_value(p[1]);
        int lo = hi < 0 ? -1 : hex_value(p[2]);
        if (hi < 0 || lo < 0)
            return -1;
        *out++ = (char)(hi * 16 + lo);
        p += 2;
    }
    *out = '\0';
    return 0;
}

int brun_proto_parse(char *line, struct brun_proto_msg *msg, char *why,
                     size_t why_size)
{
    msg->count = 0;
    if (!*line) {
        snprintf(why, why_size, "empty message");
        return -1;
    }
    char *p = line;
    for (;;) {
        char *space = strchr(p, ' ');
        if (space)
            *space = '\0';
        if (!*p) {
            snprintf(why, why_size, "empty field %zu", msg->count + 1);
            return -1;
        }
        if (msg->count == BRUN_PROTO_FIELDS_MAX) {
            snprintf(why, why_size, "more than %d fields",
                     BRUN_PROTO_FIELDS_MAX);
            return -1;
        }
        msg->fields[msg->count++] = p;
        if (!space)
            break;
        p = space + 1;
    }
    for (size_t i = 0; i < msg->count; i++) {
        for (const char *c = msg->fields[i]; *c; c++) {
            if ((unsigned char)*c < 0x20 || *c == 0x7f) {
                snprintf(why, why_size, "control character in field %zu",
                         i + 1);
                return -1;
            }
        }
        if (decode_field(msg->fields[i]) != 0) {
            snprintf(why, why_size, "bad %%-escape in field %zu", i + 1);
            return -1;
        }
    }
    return 0;
}

int brun_proto_u64(const char *field, uint64_t *out)
{
    uint64_t v = 0;
    if (!*field)
        return -1;
    for (const char *p = field; *p; p++) {
        if (*p < '0' || *p > '9')
            return -1;
        unsigned digit = (unsigned)(*p - '0');
        if (v > (UINT64_MAX - digit) / 10)
            return -1;
        v = v * 10 + digit;
    }
    *out = v;
    return 0;
}

int brun_proto_double(const char *field, double *out)
{
    uint64_t bits = 0;
    if (field[0] != 'x' || strlen(field) != 17)
        return -1;
    for (const char *p = field + 1; *p; p++) {
        int d = hex_value(*p);
        if (d < 0)
            return -1;
        bits = bits << 4 | (uint64_t)d;
    }
    memcpy(out, &bits, sizeof *out);
    return 0;
}

int brun_proto_read_line(int fd, struct brun_proto_in *in, char **line)
{
    for (;;) {
        int got = brun_proto_in_line(in, line);
        if (got != 0)
            return got;
        char chunk[1024];
        ssize_t n = brun_io_read(fd, chunk, sizeof chunk);
        if (n < 0)
            return -1;
        if (n == 0)
            return 0;
        if (brun_proto_in_feed(in, chunk, (size_t)n) != 0)
            return -1;
    }
}
