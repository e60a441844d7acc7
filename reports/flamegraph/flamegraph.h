/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * flamegraph.h: benchrun's own flame graph, one self-contained SVG file
 * drawn from folded stacks (folded.h), plain or differential.
 *
 * The root ("all", the whole count) at the bottom, callees above their
 * callers, each frame as wide as its inclusive count; children in name
 * order, so the same profile always gives the same bytes.  Each frame is
 * one <g class="f"> with a <title> ("name (N unit, P%)"), a <rect> and a
 * <text>: the whole name when it fits, else cut with "..", nothing when
 * fewer than three characters fit.  Frames
 * narrower than 0.1 px are left out (their counts stay in their parents').
 * Colours come from a hash of the name: a warm palette for a profile;
 * for a differential, red for grown, blue for shrunk, grey for unchanged.
 *
 * Inline style and one small inline script (click a frame to zoom to it,
 * "Reset zoom", "Search" by regular expression with the matched share, a
 * details line for the frame under the pointer).  The script reads names
 * from the DOM only: every name, the title and the subtitle are XML
 * escaped (brun_xml_escape) and never written into script text.  No
 * external reference of any kind.  Not here: reading profilers' output.
 */
#ifndef BRUN_FLAMEGRAPH_H
#define BRUN_FLAMEGRAPH_H

#include <stdio.h>

#include "reports/flamegraph/folded.h"

struct brun_flamegraph_options {
    const char *title;    /* e.g. "benchrun profile: group/case"; NULL:
                             "Flame graph" */
    const char *subtitle; /* e.g. "perf cpu-clock 4000 Hz, timed loop
                             only"; may be NULL */
    const char *unit;     /* "samples" or "instructions"; NULL: "samples" */
    unsigned width;       /* pixels, 0 = 1200; at least 200 */
};

/* Writes the flame graph of profile to out; an empty profile (no stack,
 * or a zero total) gives a valid SVG saying "no samples".  o may be NULL
 * (the defaults).  0, or -1 on a write error or when out of memory. */
int brun_flamegraph_write(FILE *out, const struct brun_folded *profile,
                          const struct brun_flamegraph_options *o);

/* Writes the differential flame graph: the shape of after, each frame
 * coloured by the change of its inclusive count from before to after,
 * both scaled to the same total first: red when it grew, blue when it
 * shrank, near grey when unchanged, stronger with the size of the change
 * (|after - before| / max of the two); a frame only in after is full red.
 * Tooltips give both counts and the change in %.  0 or -1, as above. */
int brun_flamegraph_write_diff(FILE *out, const struct brun_folded *before,
                               const struct brun_folded *after,
                               const struct brun_flamegraph_options *o);

#endif /* BRUN_FLAMEGRAPH_H */
