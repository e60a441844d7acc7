/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * json_writer.h: streaming JSON output that is always valid.
 *
 * Strings are escaped per RFC 8259 (quotes, backslash, every control
 * character) and invalid UTF-8 is replaced by U+FFFD; numbers are printed
 * with '.' whatever the locale, in the shortest form that reads back to
 * the same double; NaN and infinities become null.  Commas and
 * indentation are the writer's business, not the caller's.
 */
#ifndef BRUN_JSON_WRITER_H
#define BRUN_JSON_WRITER_H

#include <stdint.h>
#include <stdio.h>

#define BRUN_JSON_MAX_DEPTH 32

struct brun_json {
    FILE *out;
    int depth;
    int count[BRUN_JSON_MAX_DEPTH]; /* members written at each level */
    int pretty;
};

void brun_json_init(struct brun_json *j, FILE *out, int pretty);

/* Containers: key is NULL inside arrays and at the top level. */
void brun_json_object_begin(struct brun_json *j, const char *key);
void brun_json_object_end(struct brun_json *j);
void brun_json_array_begin(struct brun_json *j, const char *key);
void brun_json_array_end(struct brun_json *j);

/* Members (key NULL inside arrays). */
void brun_json_string(struct brun_json *j, const char *key, const char *v);
void brun_json_number(struct brun_json *j, const char *key, double v);
void brun_json_uint(struct brun_json *j, const char *key, uint64_t v);
void brun_json_int(struct brun_json *j, const char *key, long long v);
void brun_json_bool(struct brun_json *j, const char *key, int v);
void brun_json_null(struct brun_json *j, const char *key);

/* Writes s as a quoted, escaped JSON string (also used by other writers
 * that embed JSON). */
void brun_json_write_string(FILE *out, const char *s);

/* Formats v as a JSON number into buf ("null" when not finite). */
void brun_json_format_number(double v, char *buf, size_t size);

#endif /* BRUN_JSON_WRITER_H */
