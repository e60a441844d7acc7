/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * escape.c: Markdown code spans, XML text and terminal text for
 * untrusted strings (see escape.h).  Two passes over the string, no
 * allocation but brun_term_string's result.
 */
#include "config.h"

#include "reports/text/escape.h"

#include <stdlib.h>
#include <string.h>

#define REPLACEMENT "\xef\xbf\xbd" /* U+FFFD */

size_t brun_utf8_sequence(const unsigned char *p, uint32_t *cp)
{
    unsigned c = p[0];
    size_t len;
    uint32_t min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        min = 0x10000;
    } else {
        return 0;
    }
    uint32_t v = c & (0xFFu >> (len + 1));
    for (size_t i = 1; i < len; i++) {
        /* A NUL is not a continuation byte, so this stops at the end. */
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        v = v << 6 | (p[i] & 0x3Fu);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return len;
}

/* A control character as its Control Picture: U+2400 + c, U+2421 for
 * DEL.  "␊" for a line feed, "␍" for a carriage return, "␉" for a tab. */
static void control_picture(FILE *out, unsigned c)
{
    unsigned cp = c == 0x7F ? 0x2421 : 0x2400 + c;
    fputc((int)(0xE0 | (cp >> 12)), out);
    fputc((int)(0x80 | ((cp >> 6) & 0x3F)), out);
    fputc((int)(0x80 | (cp & 0x3F)), out);
}

static int is_control(unsigned c)
{
    return c < 0x20 || c == 0x7F;
}

void brun_md_code(FILE *out, const char *s, int in_table)
{
    const unsigned char *text = (const unsigned char *)(s ? s : "");
    size_t len = strlen((const char *)text);
    size_t longest = 0, run = 0;
    int all_spaces = 1;

    /* Substitutions never make a backtick or a space, so the fence and
     * the padding depend on the raw bytes only. */
    for (size_t i = 0; i < len; i++) {
        run = text[i] == '`' ? run + 1 : 0;
        if (run > longest)
            longest = run;
        if (text[i] != ' ')
            all_spaces = 0;
    }
    if (len == 0) {
        fputs("` `", out);
        return;
    }
    int pad = !all_spaces && (text[0] == '`' || text[0] == ' ' ||
                              text[len - 1] == '`' || text[len - 1] == ' ');

    for (size_t i = 0; i <= longest; i++)
        fputc('`', out);
    if (pad)
        fputc(' ', out);
    size_t backslashes = 0;
    for (const unsigned char *p = text; *p;) {
        uint32_t cp;
        size_t n = brun_utf8_sequence(p, &cp);
        if (n == 0) {
            fputs(REPLACEMENT, out);
            backslashes = 0;
            p++;
            continue;
        }
        if (n == 1 && is_control(*p)) {
            control_picture(out, *p);
            backslashes = 0;
        } else if (*p == '|' && in_table) {
            if (backslashes % 2 == 1)
                fputc('\\', out);
            fputs("\\|", out);
            backslashes = 0;
        } else {
            backslashes = *p == '\\' ? backslashes + 1 : 0;
            fwrite(p, 1, n, out);
        }
        p += n;
    }
    if (pad)
        fputc(' ', out);
    for (size_t i = 0; i <= longest; i++)
        fputc('`', out);
}

void brun_md_text(FILE *out, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p;) {
        uint32_t cp;
        size_t n = brun_utf8_sequence(p, &cp);
        if (n == 0) {
            fputs(REPLACEMENT, out);
            p++;
            continue;
        }
        if (n == 1 && is_control(*p))
            control_picture(out, *p);
        else if (n == 1 && strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", *p))
            fprintf(out, "\\%c", *p);
        else
            fwrite(p, 1, n, out);
        p += n;
    }
}

void brun_xml_escape(FILE *out, const char *s, int attribute)
{
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p;) {
        uint32_t cp;
        size_t n = brun_utf8_sequence(p, &cp);
        if (n == 0) {
            fputs(REPLACEMENT, out);
            p++;
            continue;
        }
        switch (cp) {
        case '&':
            fputs("&amp;", out);
            break;
        case '<':
            fputs("&lt;", out);
            break;
        case '>':
            fputs("&gt;", out);
            break;
        case '"':
            fputs("&quot;", out);
            break;
        case '\'':
            fputs("&apos;", out);
            break;
        case '\r':
            /* A parser turns a raw CR (and CR LF) into LF. */
            fputs("&#13;", out);
            break;
        case '\n':
        case '\t':
            /* An attribute value turns raw ones into spaces. */
            if (attribute)
                fprintf(out, "&#%u;", (unsigned)cp);
            else
                fputc((int)cp, out);
            break;
        default:
            if (cp < 0x20 || cp == 0xFFFE || cp == 0xFFFF)
                fputs(REPLACEMENT, out);
            else
                fwrite(p, 1, n, out);
        }
        p += n;
    }
}

/* Code points a terminal or an editor acts on although they print
 * nothing: C1 controls (U+009B is CSI on many terminals), the line and
 * paragraph separators, and the bidirectional marks, embeddings,
 * overrides and isolates that can make a name read as another. */
static int is_invisible_control(uint32_t cp)
{
    return (cp >= 0x80 && cp <= 0x9F) || cp == 0x061C || cp == 0x200E ||
           cp == 0x200F || (cp >= 0x2028 && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

void brun_term_text(FILE *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    /* The runner trims leading spaces before it looks for "::". */
    size_t lead = strspn((const char *)p, " ");
    if (p[lead] == ':' && p[lead + 1] == ':') {
        fwrite(p, 1, lead, out);
        fputs("\\x3a", out);
        p += lead + 1;
    }
    while (*p) {
        uint32_t cp;
        size_t n = brun_utf8_sequence(p, &cp);
        if (n == 0) {
            fprintf(out, "\\x%02x", *p);
            p++;
            continue;
        }
        if (cp == '\n')
            fputs("\\n", out);
        else if (cp == '\r')
            fputs("\\r", out);
        else if (cp == '\t')
            fputs("\\t", out);
        else if (is_control(cp))
            fprintf(out, "\\x%02x", (unsigned)cp);
        else if (is_invisible_control(cp))
            fprintf(out, "\\u%04x", (unsigned)cp);
        else
            fwrite(p, 1, n, out);
        p += n;
    }
}

char *brun_term_string(const char *s)
{
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    if (!f)
        return NULL;
    brun_term_text(f, s);
    if (fclose(f) != 0) {
        free(text);
        return NULL;
    }
    return text;
}
