/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * json.h: the complete results of a run as a versioned JSON document.
 *
 * Schema "benchrun-results", version BRUN_JSON_SCHEMA_VERSION: the
 * context block (clock, host, settings, warnings), the targets, and for
 * every case its plan, summaries, per-round estimates and raw samples, so
 * any statistic can be recomputed later; since version 3 also the
 * metrics measured beside time, their changes and a regression's
 * explanation.  docs/json-schema.md describes
 * every field.  Durations are in nanoseconds (keys end in _ns).
 */
#ifndef BRUN_JSON_H
#define BRUN_JSON_H

#include <stdio.h>

#include "reports/model/model.h"

#define BRUN_JSON_SCHEMA_VERSION 3

/* Writes the document to out.  Deterministic for given results. */
void brun_json_write_results(FILE *out, const struct brun_results *r);

#endif /* BRUN_JSON_H */
