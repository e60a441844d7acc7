/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * format.h: numbers as people read them, for the console and Markdown.
 *
 * Durations pick their unit (ps, ns, µs, ms, s) from their size and keep
 * four significant digits; rates use binary prefixes for bytes (KiB/s)
 * and decimal ones for items (k/s).  Output never depends on the locale.
 */
#ifndef BRUN_FORMAT_H
#define BRUN_FORMAT_H

#include <stddef.h>
#include <stdint.h>

/* "873.2 ps", "12.34 ns", "1.235 µs", "2.500 s"; "-" for a non-finite. */
void brun_format_duration(double ns, char *out, size_t size);

/* Bytes per second: "4.12 GiB/s". */
void brun_format_byte_rate(double bytes_per_second, char *out, size_t size);

/* Items per second: "12.3 M/s". */
void brun_format_item_rate(double items_per_second, char *out, size_t size);

/* A count with thousands separators: "1,234,567". */
void brun_format_count(uint64_t n, char *out, size_t size);

/* printf("%.*f") that always uses '.' as the decimal point. */
void brun_format_fixed(double v, int decimals, char *out, size_t size);

/* A ratio as a signed change: 1.031 -> "+3.10%", 0.5 -> "-50.00%". */
void brun_format_change(double ratio, char *out, size_t size);

/* A fraction as a percentage with as few decimals as it needs (at most
 * two): 0.1 -> "10%", 0.025 -> "2.5%". */
void brun_format_percent(double fraction, char *out, size_t size);

/* Columns a UTF-8 string takes on a terminal (one per code point). */
size_t brun_display_width(const char *s);

#endif /* BRUN_FORMAT_H */
