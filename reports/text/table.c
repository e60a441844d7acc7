/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * table.c: the aligned console table (see table.h).
 */
#include "config.h"

#include "reports/text/table.h"

#include <stdlib.h>
#include <string.h>

#include "reports/text/escape.h"
#include "reports/text/format.h"

void brun_table_init(struct brun_table *t)
{
    memset(t, 0, sizeof *t);
}

size_t brun_table_column(struct brun_table *t, const char *header, int right)
{
    if (t->columns == BRUN_TABLE_MAX_COLUMNS || t->rows > 0)
        return (size_t)-1;
    t->header[t->columns] = strdup(header);
    t->right[t->columns] = right;
    return t->columns++;
}

size_t brun_table_row(struct brun_table *t)
{
    if (t->rows == t->capacity) {
        size_t cap = t->capacity ? 2 * t->capacity : 16;
        char **cells = realloc(t->cells, cap * t->columns * sizeof *cells);
        if (!cells)
            return (size_t)-1;
        t->cells = cells;
        const char **colour =
            realloc(t->colour, cap * t->columns * sizeof *colour);
        if (!colour)
            return (size_t)-1;
        t->colour = colour;
        t->capacity = cap;
    }
    for (size_t c = 0; c < t->columns; c++) {
        t->cells[t->rows * t->columns + c] = NULL;
        t->colour[t->rows * t->columns + c] = NULL;
    }
    return t->rows++;
}

void brun_table_set(struct brun_table *t, size_t row, size_t column,
                    const char *text)
{
    if (row >= t->rows || column >= t->columns)
        return;
    char **cell = &t->cells[row * t->columns + column];
    free(*cell);
    *cell = brun_term_string(text);
}

void brun_table_colour(struct brun_table *t, size_t row, size_t column,
                       const char *ansi)
{
    if (row < t->rows && column < t->columns)
        t->colour[row * t->columns + column] = ansi;
}

static void print_cell(FILE *out, const char *text, size_t width, int right,
                       int last, const char *colour, const char *reset)
{
    size_t pad = width - brun_display_width(text);
    if (right)
        fprintf(out, "%*s", (int)pad, "");
    if (colour && reset)
        fprintf(out, "%s%s%s", colour, text, reset);
    else
        fputs(text, out);
    if (!right && !last)
        fprintf(out, "%*s", (int)pad, "");
}

void brun_table_print(const struct brun_table *t, FILE *out, const char *bold,
                      const char *reset)
{
    size_t width[BRUN_TABLE_MAX_COLUMNS];
    for (size_t c = 0; c < t->columns; c++) {
        width[c] = brun_display_width(t->header[c]);
        for (size_t r = 0; r < t->rows; r++) {
            const char *cell = t->cells[r * t->columns + c];
            size_t w = brun_display_width(cell ? cell : "");
            if (w > width[c])
                width[c] = w;
        }
    }
    for (size_t c = 0; c < t->columns; c++) {
        if (c > 0)
            fputs("  ", out);
        print_cell(out, t->header[c], width[c], t->right[c],
                   c + 1 == t->columns, bold, reset);
    }
    fputc('\n', out);
    for (size_t r = 0; r < t->rows; r++) {
        for (size_t c = 0; c < t->columns; c++) {
            const char *cell = t->cells[r * t->columns + c];
            if (c > 0)
                fputs("  ", out);
            print_cell(out, cell ? cell : "", width[c], t->right[c],
                       c + 1 == t->columns, t->colour[r * t->columns + c],
                       reset);
        }
        fputc('\n', out);
    }
}

void brun_table_release(struct brun_table *t)
{
    for (size_t c = 0; c < t->columns; c++)
        free(t->header[c]);
    for (size_t i = 0; i < t->rows * t->columns; i++)
        free(t->cells[i]);
    free(t->cells);
    free(t->colour);
    memset(t, 0, sizeof *t);
}
