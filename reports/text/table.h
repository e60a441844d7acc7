/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * table.h: an aligned text table for the console.
 *
 * Cells are copied in; widths are measured in terminal columns (UTF-8
 * aware), so "µs" lines up.  Colour is applied per cell after padding, so
 * escape codes never disturb the alignment.
 */
#ifndef BRUN_TABLE_H
#define BRUN_TABLE_H

#include <stddef.h>
#include <stdio.h>

#define BRUN_TABLE_MAX_COLUMNS 16

struct brun_table {
    size_t columns;
    char *header[BRUN_TABLE_MAX_COLUMNS];
    int right[BRUN_TABLE_MAX_COLUMNS]; /* 1: right-aligned */
    char **cells;                      /* rows * columns, NULL = "" */
    const char **colour;               /* ANSI prefix per cell or NULL */
    size_t rows, capacity;
};

void brun_table_init(struct brun_table *t);
/* Adds a column; returns its index. */
size_t brun_table_column(struct brun_table *t, const char *header, int right);
/* Adds an empty row; returns its index, or (size_t)-1 when out of memory. */
size_t brun_table_row(struct brun_table *t);
/* Copies text into a cell through brun_term_text (escape.h), so a name
 * from a bench cannot break the table, recolour the terminal or start a
 * workflow command.  Out of memory leaves the cell empty. */
void brun_table_set(struct brun_table *t, size_t row, size_t column,
                    const char *text);
/* Colours a cell with an ANSI sequence (a static string). */
void brun_table_colour(struct brun_table *t, size_t row, size_t column,
                       const char *ansi);
/* Prints headers and rows, columns separated by two spaces; headers are
 * bold when bold is non-NULL. */
void brun_table_print(const struct brun_table *t, FILE *out, const char *bold,
                      const char *reset);
void brun_table_release(struct brun_table *t);

#endif /* BRUN_TABLE_H */
