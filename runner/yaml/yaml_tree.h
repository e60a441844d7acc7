/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * yaml_tree.h: the one strict YAML reader benchrun's files go through
 * (benchrun.yml, baseline files).  It turns a file or a buffer into a
 * small tree of scalars, sequences and mappings, each node with the line
 * and column it starts on, and refuses what benchrun's files have no use
 * for and what would make a message's line wrong: anchors, aliases,
 * explicit tags, keys that are not scalars, keys given twice, nesting
 * deeper than BRUN_YAML_MAX_DEPTH, a second document and input larger
 * than the caller's bound.  Every refusal is one line, "PATH:LINE: KEY:
 * problem" (or "PATH:LINE: problem" where no key applies), KEY being the
 * path of the value: "rounds", "thresholds[0].fail_above".
 *
 * It knows no schema: what the keys mean, which are required and which
 * types their values must have is the caller's, read by name with the
 * helpers below.  Scalars are kept as text with their style (plain or
 * quoted), not resolved to numbers or booleans.  It prints nothing and
 * writes nothing.
 */
#ifndef BRUN_YAML_TREE_H
#define BRUN_YAML_TREE_H

#include <stddef.h>

/* Nesting deeper than this is refused (baseline files need 7 levels). */
#define BRUN_YAML_MAX_DEPTH 32

enum brun_yaml_kind {
    BRUN_YAML_SCALAR,
    BRUN_YAML_SEQUENCE,
    BRUN_YAML_MAPPING,
};

struct brun_yaml_pair;

struct brun_yaml_node {
    enum brun_yaml_kind kind;
    int line;   /* 1-based, where the node starts */
    int column; /* 1-based */
    /* SCALAR: text[0..length), NUL-terminated; a "\0" escape inside
     * makes length larger than strlen(text).  plain: written without
     * quotes or a block indicator, so "null" and "12" mean null and 12. */
    char *text;
    size_t length;
    int plain;
    /* SEQUENCE: items[0..count); MAPPING: pairs[0..count), in file
     * order. */
    struct brun_yaml_node **items;
    struct brun_yaml_pair *pairs;
    size_t count;
};

struct brun_yaml_pair {
    struct brun_yaml_node *key; /* always a scalar */
    struct brun_yaml_node *value;
};

struct brun_yaml_tree {
    struct brun_yaml_node *root; /* NULL: no document (empty, comments) */
    int end_explicit;            /* the document ends with "..." */
    int end_line, end_column;    /* 1-based, where the document ends
                                      (0 without a document) */
};

/* Flags of brun_yaml_tree_parse and brun_yaml_tree_read_file. */
enum {
    /* Refuse a scalar holding a line break or another control character
     * (benchrun.yml: its values are single words, paths and patterns). */
    BRUN_YAML_ONE_LINE = 1,
    /* Files only: refuse FIFOs, devices and the like (baseline files);
     * without it a pipe can be read (--config <(...)). */
    BRUN_YAML_REGULAR_FILE = 2,
};

/* Parses text[0..size) (the content of the file named path, which is only
 * used in messages) into *tree.  Input of more than max_size bytes is
 * refused before parsing, at line 1.  Returns 0 (release the tree with
 * brun_yaml_tree_release), or -1 with the one-line message in why and
 * *tree empty. */
int brun_yaml_tree_parse(const char *text, size_t size, const char *path,
                         size_t max_size, int flags,
                         struct brun_yaml_tree *tree, char *why,
                         size_t why_size);

/* Reads the file at path (brun_yaml_read_bytes) and parses it as
 * brun_yaml_tree_parse does.  Returns 0, or -1 with the message in why. */
int brun_yaml_tree_read_file(const char *path, size_t max_size, int flags,
                             struct brun_yaml_tree *tree, char *why,
                             size_t why_size);

/* Reads the whole file at path into *data (malloc'd, NUL-terminated; the
 * caller frees it) through brun_io_read_file, so a FIFO without a writer
 * cannot hang the caller.  Of flags only BRUN_YAML_REGULAR_FILE counts.
 * Returns 0, or -1 with errno kept from the read (ENOENT: no such file)
 * and "PATH: cannot read it: REASON", or "PATH:1: larger than the limit
 * of SIZE", in why. */
int brun_yaml_read_bytes(const char *path, size_t max_size, int flags,
                         char **data, size_t *size, char *why, size_t why_size);

/* Frees what tree holds and empties it (an empty tree is fine). */
void brun_yaml_tree_release(struct brun_yaml_tree *tree);

/* The pair of map whose key is name, or NULL (also when map is not a
 * mapping). */
const struct brun_yaml_pair *brun_yaml_find(const struct brun_yaml_node *map,
                                            const char *name);

/* The value of name in map, or NULL (as brun_yaml_find). */
const struct brun_yaml_node *brun_yaml_get(const struct brun_yaml_node *map,
                                           const char *name);

/* The i-th (0-based) pair of a mapping, or NULL past the end or when map
 * is not a mapping; for walking a mapping in file order. */
const struct brun_yaml_pair *brun_yaml_pair_at(const struct brun_yaml_node *map,
                                               size_t i);

/* The i-th item of a sequence, or NULL past the end or when seq is not a
 * sequence. */
const struct brun_yaml_node *brun_yaml_item_at(const struct brun_yaml_node *seq,
                                               size_t i);

/* What a node is, for "expected ..., got WHAT": "a single value", "a
 * list" or "a mapping". */
const char *brun_yaml_kind_name(const struct brun_yaml_node *node);

#endif /* BRUN_YAML_TREE_H */
