/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * escape.h: untrusted strings (case names, paths, reasons, CPU models,
 * captured output) made safe for the Markdown and XML writers and for
 * the terminal.
 *
 * Markdown: every untrusted string becomes a code span.  Inside a code
 * span GitHub renders no emphasis, link, HTML, @mention, #reference,
 * autolink or :emoji:, so the only characters that still need care are
 * the backtick (the fence is made longer than any backtick run in the
 * text), the pipe inside a table (escaped as \|), line breaks and other
 * control characters (shown as their Unicode Control Pictures, U+2400 +
 * code, "␊" for a line feed, so a name cannot end a table row) and
 * invalid UTF-8 (U+FFFD).
 * XML: the five predefined entities, character references for the
 * whitespace controls an attribute would otherwise normalise away, and
 * U+FFFD for everything XML 1.0 cannot carry at all (other C0 controls,
 * U+FFFE, U+FFFF, invalid UTF-8).
 *
 * Terminal (and CI log): every byte a terminal or a log parser acts on
 * is shown as a visible escape instead: C0 controls and DEL as \n, \r,
 * \t or \xHH (so no raw ESC, CR or BEL, and no line break a workflow
 * command could start after), C1 controls and the Unicode line
 * separators and bidirectional overrides as \uHHHH, invalid UTF-8 bytes
 * as \xHH, and a leading "::" (a GitHub workflow command when it starts
 * a line) with its first colon as \x3a.
 *
 * JSON has its own escaper in json_writer.h; nothing here prints anything
 * but to the FILE * it is given.
 */
#ifndef BRUN_ESCAPE_H
#define BRUN_ESCAPE_H

#include <stdint.h>
#include <stdio.h>

/* Length (1 to 4) of the well-formed UTF-8 sequence that starts at p, and
 * its code point in *cp; 0 when the bytes at p are not one (stray
 * continuation byte, overlong form, surrogate, beyond U+10FFFF, cut short
 * by the terminating NUL).  p must point into a NUL-terminated string and
 * not at its NUL. */
size_t brun_utf8_sequence(const unsigned char *p, uint32_t *cp);

/* Writes s as one Markdown code span that renders as s, on one line.
 * in_table: 1 when the span sits in a GFM table cell, where every '|' is
 * written as "\|" (the table parser removes that backslash before the
 * code span is read).  A run of an odd number of backslashes right before
 * a '|' gets one more backslash so the table parser cannot pair the last
 * one with the pipe's escape; that case (and control characters, invalid
 * UTF-8) is the only one where the span does not show s byte for byte.
 * NULL is written as an empty span ("` `"). */
void brun_md_code(FILE *out, const char *s, int in_table);

/* Writes s as Markdown text: every ASCII punctuation character
 * backslash-escaped, control characters as Control Pictures, invalid
 * UTF-8 as U+FFFD.  For the caller's own words (the report title), not
 * for untrusted strings: it does not stop @mentions or autolinks. */
void brun_md_text(FILE *out, const char *s);

/* Writes s as XML 1.0 character data (attribute = 0) or as the value of
 * an attribute delimited by double quotes (attribute = 1). */
void brun_xml_escape(FILE *out, const char *s, int attribute);

/* Writes s for a terminal or a CI log, on one line, every control made
 * visible (see above).  For people, not for parsing back: a backslash in s
 * is written as it is.  NULL is written as nothing. */
void brun_term_text(FILE *out, const char *s);

/* brun_term_text into a new string, which the caller frees; NULL when out
 * of memory. */
char *brun_term_string(const char *s);

#endif /* BRUN_ESCAPE_H */
