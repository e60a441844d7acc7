/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * actions.h: what --github tells the Actions runner itself (actions.c):
 * workflow commands and annotations, the step summary and outputs, and
 * the limits GitHub puts on text.
 * Internal to --github (reports/github/) and its tests; nothing here is
 * part of benchrun's API.
 */
#ifndef BRUN_GITHUB_ACTIONS_H
#define BRUN_GITHUB_ACTIONS_H

#include <stddef.h>
#include <stdio.h>

#include "reports/model/model.h"

/* GitHub's limits. */
#define BRUN_GH_SUMMARY_LIMIT (1024 * 1024) /* bytes per step summary */
#define BRUN_GH_COMMENT_LIMIT 65536         /* characters per comment */
#define BRUN_GH_DESCRIPTION_LIMIT 140       /* characters per status */
#define BRUN_GH_ANNOTATIONS_SHOWN 10        /* per type per step */

/* Workflow command escaping (actions/toolkit command.ts): the message
 * ("data") gets % CR LF as %25 %0D %0A; a property value also gets : and
 * , as %3A %2C.  Every other byte is written as is. */
void brun_gh_escape_data(FILE *out, const char *s);
void brun_gh_escape_property(FILE *out, const char *s);

/* Prints one annotation: "::LEVEL file=F,line=L,title=T::MESSAGE\n" (file
 * and line left out when file is NULL or line < 1).  level is "error",
 * "warning" or "notice". */
void brun_gh_annotation(FILE *out, const char *level, const char *file,
                        int line, const char *title, const char *message);

/* Prints the annotations for r: an error for every case that fails the
 * gate, every failed case and every critical SLO breach that fails the
 * run; a warning for regressed cases within the gate, inconclusive
 * comparisons and SLO warnings.  At most BRUN_GH_ANNOTATIONS_SHOWN of
 * each level: with more, the first nine and one saying how many more
 * there are (GitHub drops any beyond ten).  A case's file becomes
 * relative to workspace when it lies inside it (workspace may be NULL). */
void brun_gh_annotations(FILE *out, const struct brun_results *r,
                         const char *workspace);

/* What GitHub counts in a comment: UTF-16 code units (one per character,
 * two for one beyond U+FFFF), over len bytes of UTF-8. */
size_t brun_gh_char_count(const char *s, size_t len);

enum brun_gh_measure {
    BRUN_GH_BYTES,
    BRUN_GH_CHARS
};

/* Makes text[0..len) fit limit (bytes or characters).  When it fits, a
 * copy.  Otherwise its longest prefix ending at a line boundary, closers
 * for a code fence or <details> left open there, and then note, a
 * printf format taking one %zu (the number of lines left out); the
 * whole stays within limit.  Returns a malloc'd NUL-terminated string
 * (*out_len its length, *cut 1 when cut), or NULL when out of memory or
 * when not even the note fits. */
char *brun_gh_fit(const char *text, size_t len, size_t limit,
                  enum brun_gh_measure measure, const char *note,
                  size_t *out_len, int *cut);

/* The cut note of the step summary and of the comment. */
extern const char brun_gh_summary_note[];
extern const char brun_gh_comment_note[];

/* Appends markdown to the step summary file at path (O_APPEND, never
 * truncated or replaced), cut so that the file stays within
 * BRUN_GH_SUMMARY_LIMIT.  Returns 0, or -1 with why. */
int brun_gh_write_summary(const char *path, const char *markdown, size_t len,
                          char *why, size_t why_size);

/* One paragraph saying what the run found (the "summary" output), built
 * from the phrases of reports/model/wording.h. */
void brun_gh_summary_text(const struct brun_results *r, int exit_status,
                          char *out, size_t size);

/* Appends the step outputs to the file at path: verdict, regressions,
 * failing, failed-cases, exit-status, compared, and summary as a
 * multi-line value with a random delimiter.  Returns 0, or -1 with why. */
int brun_gh_write_outputs(const char *path, const struct brun_results *r,
                          int exit_status, char *why, size_t why_size);

/* Fills buf with size - 1 random bytes' worth of lowercase hex (from
 * /dev/urandom, else the clock and the pid). */
void brun_gh_random_hex(char *buf, size_t size);

#endif /* BRUN_GITHUB_ACTIONS_H */
