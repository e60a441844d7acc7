/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * format.h: internal to the baseline store.  The NAME.yml file
 * as bytes: writing one from results (format_write.c), reading one back
 * with every check (format_read.c), and the scalar conventions both
 * follow (format_yaml.c).  docs/baseline-format.md is the reference.
 *
 * Nothing here touches the store's directory layout, locks or copies of
 * executables beyond checking a stored copy's digest when reading;
 * store.c does that.
 */
#ifndef BRUN_BASELINE_FORMAT_H
#define BRUN_BASELINE_FORMAT_H

#include <locale.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "reports/model/model.h"
#include "runner/baseline/store.h"
#include "runner/baseline/sha256.h"

/* What the store recorded about one target when saving. */
struct brun_baseline_stored {
    int self_contained;
    char sha256[BRUN_SHA256_HEX_SIZE];
    char executable[80];          /* "bin/SHA256", or "" when not stored */
    char not_stored_because[256]; /* "" when stored */
};

/* Everything a baseline file holds. */
struct brun_baseline_doc {
    const char *name;
    const char *saved; /* UTC, ISO 8601 */
    const struct brun_fingerprint *fingerprint;
    const struct brun_results *results;
    const struct brun_baseline_stored *targets; /* results->target_count */
};

/* Writes doc as YAML to out.  Returns 0, or -1 with a reason (a string
 * that is not UTF-8 where it must round-trip, a number that is not
 * finite, an emitter failure). */
int brun_baseline_emit(FILE *out, const struct brun_baseline_doc *doc,
                       char *why, size_t why_size);

/* A baseline file larger than this is refused, both when it is read and
 * when a save checks what it rendered: 64 MiB holds over a million raw
 * samples, far more than a run keeps, and it bounds what a damaged or
 * foreign file can cost. */
#define BRUN_BASELINE_MAX_SIZE ((size_t)64 << 20)

/* Parses and checks text[0..size), the content of the file at path, into
 * out (zeroed first); size may be at most BRUN_BASELINE_MAX_SIZE.  Stored
 * copies of executables are looked up under dir and checked against their
 * digest; expected_name, when not NULL, must equal the file's name key.
 * Returns 0, or -1 with "PATH:LINE: ..." in why and out left empty.
 * Reads nothing but dir/bin/ files. */
int brun_baseline_parse(const char *text, size_t size, const char *path,
                        const char *dir, const char *expected_name,
                        struct brun_baseline *out, char *why, size_t why_size);

/* What a plain (unquoted) scalar means under YAML's core schema, with
 * YAML 1.1's yes/no/on/off counted as booleans too. */
enum brun_yaml_plain {
    BRUN_YAML_STR,
    BRUN_YAML_NULL,
    BRUN_YAML_BOOL,
    BRUN_YAML_INT,
    BRUN_YAML_FLOAT,
};
enum brun_yaml_plain brun_yaml_plain_kind(const char *s);

/* 1 when a string must be quoted so no YAML reader takes it for anything
 * but a string (a superset of brun_yaml_plain_kind() != STR: it also
 * covers dates, "1_000", "0x1f" and the like). */
int brun_yaml_needs_quotes(const char *s);

/* 1 when s[0..len) is valid UTF-8 without NUL. */
int brun_yaml_utf8_valid(const char *s, size_t len);

/* The calling thread's switch to the C locale, so numbers are written
 * and read with a '.' whatever the host program set with setlocale(). */
struct brun_c_locale {
    locale_t c, previous;
};
/* Returns 0, or -1 with a reason when the C locale cannot be created. */
int brun_yaml_enter_c_locale(struct brun_c_locale *l, char *why,
                             size_t why_size);
void brun_yaml_leave_c_locale(struct brun_c_locale *l);

/* The shortest of %.15g, %.16g and %.17g that reads back as exactly x.
 * x must be finite.  Call inside the C locale. */
void brun_yaml_format_double(double x, char *out, size_t out_size);

/* Parses a whole string as a finite double (strtod).  Returns 0, or -1
 * when s is not entirely a finite number.  Call inside the C locale. */
int brun_yaml_parse_double(const char *s, double *out);

#endif /* BRUN_BASELINE_FORMAT_H */
