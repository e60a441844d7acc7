/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * filter.c: the --filter pattern, checked and compiled (see filter.h).
 *
 * One pass over the pattern follows its structure (escapes, bracket
 * expressions, groups, repetitions) far enough to bound the size regcomp
 * will build and to say where a mistake is: regerror() names the kind of
 * mistake but never its place.  The pass does not judge everything
 * regcomp refuses; what it lets through and regcomp refuses is reported
 * in regcomp's words, without a place.
 */
#include "config.h"

#include "runner/options/filter.h"

#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The largest count regcomp takes in {m,n}. */
#define MOST_REPEATS 32767

/* Deepest group nesting followed (regcomp itself takes more). */
#define MOST_DEPTH 64

static int refuse(char *why, size_t why_size, const char *pattern,
                  const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* "bad regular expression "PATTERN": ..."; returns -1. */
static int refuse(char *why, size_t why_size, const char *pattern,
                  const char *fmt, ...)
{
    char detail[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof detail, fmt, ap);
    va_end(ap);
    snprintf(why, why_size, "bad regular expression \"%s\": %s", pattern,
             detail);
    return -1;
}

/* The end of the bracket expression opening at p ('['): the index of its
 * closing ']', or 0 when it has none.  "[]a]", "[^]a]" and "[[:alpha:]]"
 * follow POSIX. */
static size_t bracket_end(const char *p, size_t at)
{
    size_t i = at + 1;
    if (p[i] == '^')
        i++;
    if (p[i] == ']')
        i++;
    for (; p[i]; i++) {
        if (p[i] == ']')
            return i;
        if (p[i] == '[' &&
            (p[i + 1] == ':' || p[i + 1] == '.' || p[i + 1] == '=')) {
            char close = p[i + 1];
            const char *end = p + i + 2;
            while (*end && !(end[0] == close && end[1] == ']'))
                end++;
            if (!*end)
                return 0;
            i = (size_t)(end - p) + 1;
        }
    }
    return 0;
}

/* Reads "{m}", "{m,}", "{,n}" or "{m,n}" at p[at] == '{': *count is the
 * most repeats it allows (m + 1 for "{m,}": one pass of the loop regcomp
 * builds); *end the index of '}'.  Returns -1 when it is not one. */
static int read_count(const char *p, size_t at, unsigned long *count,
                      size_t *end)
{
    unsigned long m = 0, n = 0;
    int have_m = 0, comma = 0, have_n = 0;
    size_t i = at + 1;
    for (; isdigit((unsigned char)p[i]); i++, have_m = 1)
        if ((m = m * 10 + (unsigned long)(p[i] - '0')) > MOST_REPEATS)
            return -1;
    if (p[i] == ',') {
        comma = 1;
        for (i++; isdigit((unsigned char)p[i]); i++, have_n = 1)
            if ((n = n * 10 + (unsigned long)(p[i] - '0')) > MOST_REPEATS)
                return -1;
    }
    if (p[i] != '}' || (!have_m && !have_n) || (have_n && n < m))
        return -1;
    *count = have_n ? n : comma ? m + 1 : m;
    *end = i;
    return 0;
}

int brun_filter_compile(const char *pattern, regex_t *out, char *why,
                        size_t why_size)
{
    /* Atoms so far in each open group (size[0]: the whole pattern), the
     * atoms of the last thing a repetition would apply to, and where
     * each group opened. */
    double size[MOST_DEPTH + 1] = {0}, last = 0;
    size_t opened[MOST_DEPTH + 1];
    size_t depth = 0, len = strlen(pattern);
    int can_repeat = 0;

    if (len > BRUN_FILTER_MAX_LENGTH)
        return refuse(why, why_size, "...",
                      "%zu bytes long, more than the %d allowed", len,
                      BRUN_FILTER_MAX_LENGTH);
    for (size_t i = 0; i < len; i++) {
        char c = pattern[i];
        unsigned long count;
        size_t end;
        switch (c) {
        case '\\':
            if (!pattern[i + 1])
                return refuse(why, why_size, pattern,
                              "a lone backslash at byte %zu", i + 1);
            if (pattern[i + 1] >= '1' && pattern[i + 1] <= '9')
                return refuse(why, why_size, pattern,
                              "back-reference at byte %zu: not part of "
                              "POSIX extended expressions, and matching "
                              "one can take exponential time",
                              i + 1);
            i++;
            last = 1;
            break;
        case '[':
            end = bracket_end(pattern, i);
            if (!end)
                return refuse(why, why_size, pattern,
                              "the [ at byte %zu is never closed", i + 1);
            {
                /* A bracket expression alone: regcomp says whether its
                 * ranges and classes are valid, and here is where. */
                char part[BRUN_FILTER_MAX_LENGTH + 1];
                regex_t alone;
                memcpy(part, pattern + i, end - i + 1);
                part[end - i + 1] = '\0';
                int rc = regcomp(&alone, part, REG_EXTENDED | REG_NOSUB);
                if (rc != 0) {
                    char words[128];
                    regerror(rc, &alone, words, sizeof words);
                    return refuse(why, why_size, pattern,
                                  "%s in the bracket expression at byte %zu",
                                  words, i + 1);
                }
                regfree(&alone);
            }
            i = end;
            last = 1;
            break;
        case '(':
            if (depth == MOST_DEPTH)
                return refuse(why, why_size, pattern,
                              "groups nested deeper than %d at byte %zu",
                              MOST_DEPTH, i + 1);
            opened[++depth] = i;
            size[depth] = 0;
            can_repeat = 0;
            continue;
        case ')':
            if (depth == 0) {
                last = 1; /* a lone ')' is an ordinary character */
                break;
            }
            last = size[depth--];
            break;
        case '|':
            can_repeat = 0;
            continue;
        case '*':
        case '+':
        case '?':
        case '{':
            /* can_repeat is 1 after a counted repetition too: "a{2}{3}"
             * is valid, and counted as six copies. */
            if (!can_repeat)
                return refuse(why, why_size, pattern,
                              "the %c at byte %zu repeats nothing", c, i + 1);
            if (c != '{')
                continue;
            if (read_count(pattern, i, &count, &end) != 0)
                return refuse(why, why_size, pattern,
                              "the { at byte %zu does not start a count "
                              "{m}, {m,} or {m,n} with m <= n <= %d",
                              i + 1, MOST_REPEATS);
            /* The repeated part is built count times, not once. */
            size[depth] += last * ((double)count - 1);
            last *= (double)count;
            i = end;
            break;
        default:
            last = 1;
            break;
        }
        if (c != '{')
            size[depth] += last;
        if (size[depth] > BRUN_FILTER_MAX_EXPANSION)
            return refuse(why, why_size, pattern,
                          "by byte %zu its counted repetitions make more "
                          "than %d copies of its parts",
                          i + 1, BRUN_FILTER_MAX_EXPANSION);
        can_repeat = 1;
    }
    if (depth > 0)
        return refuse(why, why_size, pattern,
                      "the ( at byte %zu is never closed", opened[depth] + 1);
    int rc = regcomp(out, pattern, REG_EXTENDED | REG_NOSUB);
    if (rc != 0) {
        char words[128];
        regerror(rc, out, words, sizeof words);
        return refuse(why, why_size, pattern, "%s", words);
    }
    return 0;
}
