/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * option_table.h: the one list of benchrun's options.
 *
 * Each entry ties a command-line spelling (--rounds, -q, --no-jitter) and
 * a benchrun.yml key (rounds, verbosity, jitter) to one setter, which
 * parses the text and fills struct brun_options.  The command line
 * (cli.c), the config file (config_file.c) and --help all read this table, so
 * an option cannot exist in one place and be forgotten in another.
 */
#ifndef BRUN_OPTION_TABLE_H
#define BRUN_OPTION_TABLE_H

#include <stddef.h>

#include "runner/options/options.h"

/* Parses value into o.  Returns 0, or -1 with "expected ..., got ..." in
 * why (the caller says where the value came from). */
typedef int (*brun_option_setter)(struct brun_options *o, const char *value,
                                  char *why, size_t why_size);

struct brun_option_spec {
    const char *section;       /* heading in --help */
    const char *long_name;     /* "rounds" for --rounds; NULL: file only */
    char short_name;           /* 'q' for -q, or 0 */
    const char *fixed_value;   /* the value a flag stands for, e.g. "false"
                                for --no-jitter; NULL when it takes one */
    const char *key;           /* benchrun.yml key; NULL: command line only */
    const char *arg_name;      /* "N", "TIME", ... for --help */
    const char *help;          /* --help's text, without the default */
    brun_option_setter set;    /* NULL for actions handled by cli.c */
    const char *default_value; /* text set() is given first, by
                                  brun_options_defaults(); NULL: none */
};

/* The table, in --help order. */
const struct brun_option_spec *brun_option_table(size_t *count);

/* The entry whose benchrun.yml key is key and which takes a value, or
 * NULL. */
const struct brun_option_spec *brun_option_by_key(const char *key);

/* --gate-metric's value: "time" gives -1, a metric name its enum
 * brun_metric_id (peak heap is a level, not gateable).  0, or -1 with
 * why.  benchrun.yml's thresholds entries take the same words. */
int brun_gate_metric_parse(const char *v, int *out, char *why, size_t why_size);

/* Parses a percentage as the options take it: "10%" is 10 %; a bare
 * number of 1 or more is a percentage ("10" is 10 %); a bare number below
 * 1 is a fraction ("0.1" is 10 %).  Out is the fraction, in
 * [0, max_fraction].  0 or -1 with why. */
int brun_parse_percentage(const char *text, double max_fraction, double *out,
                          char *why, size_t why_size);

/* Parses a YAML-style boolean: true/false, yes/no, on/off. */
int brun_parse_bool(const char *text, int *out, char *why, size_t why_size);

#endif /* BRUN_OPTION_TABLE_H */
