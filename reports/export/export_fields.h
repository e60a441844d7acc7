/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * export_fields.h: the fields the export writers (export_gab.c,
 * export_bencher.c, export_gbench.c, export_junit.c) and the Markdown
 * report share: the name a case goes by in an export, numbers to a given
 * count of significant digits, and whether a case has an interval across
 * rounds.
 *
 * Kept apart from export.c, which dispatches to the writers, so that the
 * writers never call back into the file that calls them.  The words of a
 * verdict or a change are reports/model/wording.h's.
 */
#ifndef BRUN_EXPORT_FIELDS_H
#define BRUN_EXPORT_FIELDS_H

#include <stddef.h>

#include "reports/model/model.h"

/* The name case i goes by in an export: its own name, or "NAME [TARGET]"
 * when a case of another target has the same name (so names stay unique
 * keys).  Returns a string the caller frees, or NULL when out of memory
 * (writers then fall back to the plain name). */
char *brun_export_case_name(const struct brun_results *r, size_t i);

/* v with `digits` significant digits and '.' as the decimal point,
 * whatever the locale: 12.3456 -> "12.35" (digits 4); "0" for 0, "-"
 * for a non-finite value. */
void brun_export_significant(double v, int digits, char *out, size_t size);

/* 1 when the case's 95 % interval across rounds exists (two or more
 * rounds and finite bounds). */
int brun_export_has_ci(const struct brun_case_result *c);

#endif /* BRUN_EXPORT_FIELDS_H */
