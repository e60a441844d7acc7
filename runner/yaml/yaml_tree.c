/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * yaml_tree.c: the strict YAML reader (see yaml_tree.h).
 *
 * libyaml's event API feeds a recursive builder, one node per event that
 * starts one, so anchors, aliases and tags are seen (and refused) where
 * they are written, each with its line; the document API would resolve
 * an alias to the node it names, losing where the alias was written.
 * Depth is checked while building, which also bounds the builder's
 * recursion.  Duplicate keys are looked for once the tree is complete,
 * by sorting each mapping's keys, so a mapping of many keys costs
 * n log n rather than n squared; of all duplicates the earliest in the
 * file is the one reported.
 *
 * It does not resolve scalars to numbers or booleans (the callers do, by
 * their own conventions), does not keep comments, and stops at the first
 * problem.
 */
#include "config.h"

#include "runner/yaml/yaml_tree.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "lib/io.h"

/* Longest key path kept for messages; a longer one is cut. */
#define KEY_PATH_SIZE 256

struct builder {
    const char *path;
    const unsigned char *text;
    size_t size;
    int flags;
    char *why;
    size_t why_size;
    yaml_parser_t parser;
    int after_document;      /* the first document has ended */
    char key[KEY_PATH_SIZE]; /* path of the node being built */
};

/* Writes "PATH:LINE: KEY: message" (no KEY at the top) into why; returns
 * -1. */
__attribute__((format(printf, 4, 5))) static int
fail(struct builder *b, int line, const char *key, const char *format, ...)
{
    char message[512];
    va_list ap;
    va_start(ap, format);
    vsnprintf(message, sizeof message, format, ap);
    va_end(ap);
    snprintf(b->why, b->why_size, "%s:%d: %s%s%s", b->path, line, key,
             *key ? ": " : "", message);
    return -1;
}

/* max_size in words for a message: "1 MiB", "4 KiB", "100 bytes". */
static void size_words(size_t max_size, char *out, size_t out_size)
{
    if (max_size >= (1u << 20) && max_size % (1u << 20) == 0)
        snprintf(out, out_size, "%zu MiB", max_size >> 20);
    else if (max_size >= 1024 && max_size % 1024 == 0)
        snprintf(out, out_size, "%zu KiB", max_size >> 10);
    else
        snprintf(out, out_size, "%zu bytes", max_size);
}

/* The message for input past max_size, the same for a file and a buffer:
 * it is the whole input that is wrong, so it is put at line 1. */
static void too_large(const char *path, size_t max_size, char *why,
                      size_t why_size)
{
    char limit[40];
    size_words(max_size, limit, sizeof limit);
    snprintf(why, why_size, "%s:1: larger than the limit of %s", path, limit);
}

/* Frees n and everything below it (NULL is fine). */
static void node_free(struct brun_yaml_node *n)
{
    if (!n)
        return;
    for (size_t i = 0; n->items && i < n->count; i++)
        node_free(n->items[i]);
    for (size_t i = 0; n->pairs && i < n->count; i++) {
        node_free(n->pairs[i].key);
        node_free(n->pairs[i].value);
    }
    free(n->items);
    free(n->pairs);
    free(n->text);
    free(n);
}

/* ---- Key paths -------------------------------------------------------- */

/* Appends ".name" (or "name" at the top) to the key path; control
 * characters become '?' so that a message stays one line.  Returns the
 * length to cut back to. */
static size_t push_key(struct builder *b, const char *name, size_t length)
{
    size_t saved = strlen(b->key), at = saved;
    if (at > 0 && at + 1 < sizeof b->key)
        b->key[at++] = '.';
    for (size_t i = 0; i < length && at + 1 < sizeof b->key; i++) {
        unsigned char c = (unsigned char)name[i];
        b->key[at++] = c < 0x20 || c == 0x7f ? '?' : (char)c;
    }
    b->key[at] = '\0';
    return saved;
}

/* Appends "[index]" to the key path; returns the length to cut back to. */
static size_t push_index(struct builder *b, size_t index)
{
    size_t saved = strlen(b->key);
    snprintf(b->key + saved, sizeof b->key - saved, "[%zu]", index);
    return saved;
}

/* ---- Events to a tree ------------------------------------------------- */

/* The 1-based line of byte offset (libyaml's reader errors come with an
 * offset rather than a mark). */
static int line_of_offset(const struct builder *b, size_t offset)
{
    int line = 1;
    for (size_t i = 0; i < offset && i < b->size; i++)
        if (b->text[i] == '\n')
            line++;
    return line;
}

/* The next event into ev (the caller deletes it); 0, or -1 with the
 * parser's problem as the message. */
static int next_event(struct builder *b, yaml_event_t *ev)
{
    if (yaml_parser_parse(&b->parser, ev))
        return 0;
    const yaml_parser_t *p = &b->parser;
    int line = p->error == YAML_READER_ERROR
                   ? line_of_offset(b, p->problem_offset)
                   : (int)p->problem_mark.line + 1;
    if (p->error == YAML_MEMORY_ERROR)
        return fail(b, line, "", "out of memory");
    return fail(b, line, "", "not valid YAML%s: %s%s%s",
                b->after_document ? " after the document" : "",
                p->problem ? p->problem : "cannot parse it",
                p->context ? " " : "", p->context ? p->context : "");
}

/* Refuses an alias, or an anchor or tag on the event that starts a node:
 * the file would mean something other than what its lines show. */
static int refuse_extras(struct builder *b, const yaml_event_t *ev)
{
    const yaml_char_t *anchor = NULL, *tag = NULL;
    int line = (int)ev->start_mark.line + 1;
    switch (ev->type) {
    case YAML_ALIAS_EVENT:
        return fail(b, line, b->key,
                    "alias *%s: anchors and aliases are not supported "
                    "(write the value out)",
                    (const char *)ev->data.alias.anchor);
    case YAML_SCALAR_EVENT:
        anchor = ev->data.scalar.anchor;
        tag = ev->data.scalar.tag;
        break;
    case YAML_SEQUENCE_START_EVENT:
        anchor = ev->data.sequence_start.anchor;
        tag = ev->data.sequence_start.tag;
        break;
    case YAML_MAPPING_START_EVENT:
        anchor = ev->data.mapping_start.anchor;
        tag = ev->data.mapping_start.tag;
        break;
    default:
        break;
    }
    if (anchor)
        return fail(b, line, b->key,
                    "anchor &%s: anchors and aliases are not supported "
                    "(write the value out)",
                    (const char *)anchor);
    if (tag) {
        static const char standard[] = "tag:yaml.org,2002:";
        const char *t = (const char *)tag;
        int shorten = strncmp(t, standard, sizeof standard - 1) == 0;
        return fail(b, line, b->key,
                    "tag %s%s: tags are not supported (write the plain "
                    "value)",
                    shorten ? "!!" : "", shorten ? t + sizeof standard - 1 : t);
    }
    return 0;
}

/* Copies the scalar of ev into n, a key when is_key (callers compare
 * keys as C strings, so a NUL in one is refused). */
static int scalar_node(struct builder *b, const yaml_event_t *ev, int is_key,
                       struct brun_yaml_node *n)
{
    const char *value = (const char *)ev->data.scalar.value;
    size_t length = ev->data.scalar.length;
    if (b->flags & BRUN_YAML_ONE_LINE)
        for (size_t i = 0; i < length; i++) {
            unsigned char c = (unsigned char)value[i];
            if (c < 0x20 || c == 0x7f)
                return fail(b, n->line, b->key,
                            "a %s may not contain line breaks or control "
                            "characters",
                            is_key ? "key" : "value");
        }
    if (is_key && strlen(value) != length)
        return fail(b, n->line, b->key,
                    "a key may not contain a NUL "
                    "character");
    n->text = malloc(length + 1);
    if (!n->text)
        return fail(b, n->line, b->key, "out of memory");
    memcpy(n->text, value, length);
    n->text[length] = '\0';
    n->length = length;
    n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    return 0;
}

/* array (count entries of size bytes used of *capacity) with room for
 * one more, doubled when full so that a long list costs n, not n
 * squared; NULL when out of memory (array is then still valid). */
static void *grow(void *array, size_t count, size_t *capacity, size_t size)
{
    if (count < *capacity)
        return array;
    size_t wanted = *capacity ? 2 * *capacity : 4;
    void *grown = realloc(array, wanted * size);
    if (grown)
        *capacity = wanted;
    return grown;
}

static int build(struct builder *b, yaml_event_t *ev, int depth, int is_key,
                 struct brun_yaml_node **out);

/* Reads the events of a sequence's items up to its end into n. */
static int build_items(struct builder *b, int depth, struct brun_yaml_node *n)
{
    size_t capacity = 0;
    for (;;) {
        yaml_event_t ev;
        struct brun_yaml_node *item;
        if (next_event(b, &ev) != 0)
            return -1;
        if (ev.type == YAML_SEQUENCE_END_EVENT) {
            yaml_event_delete(&ev);
            return 0;
        }
        size_t saved = push_index(b, n->count);
        int rc = build(b, &ev, depth + 1, 0, &item);
        b->key[saved] = '\0';
        if (rc != 0)
            return -1;
        void *grown = grow(n->items, n->count, &capacity, sizeof *n->items);
        if (!grown) {
            node_free(item);
            return fail(b, n->line, b->key, "out of memory");
        }
        n->items = grown;
        n->items[n->count++] = item;
    }
}

/* Reads the events of a mapping's keys and values up to its end into n. */
static int build_pairs(struct builder *b, int depth, struct brun_yaml_node *n)
{
    size_t capacity = 0;
    for (;;) {
        yaml_event_t ev;
        struct brun_yaml_node *key, *value;
        if (next_event(b, &ev) != 0)
            return -1;
        if (ev.type == YAML_MAPPING_END_EVENT) {
            yaml_event_delete(&ev);
            return 0;
        }
        if (build(b, &ev, depth + 1, 1, &key) != 0)
            return -1;
        if (next_event(b, &ev) != 0) {
            node_free(key);
            return -1;
        }
        size_t saved = push_key(b, key->text, key->length);
        int rc = build(b, &ev, depth + 1, 0, &value);
        b->key[saved] = '\0';
        if (rc != 0) {
            node_free(key);
            return -1;
        }
        void *grown = grow(n->pairs, n->count, &capacity, sizeof *n->pairs);
        if (!grown) {
            node_free(key);
            node_free(value);
            return fail(b, n->line, b->key, "out of memory");
        }
        n->pairs = grown;
        n->pairs[n->count].key = key;
        n->pairs[n->count].value = value;
        n->count++;
    }
}

/* Builds the node that ev starts (ev is deleted here), a mapping's key
 * when is_key; *out is NULL on error. */
static int build(struct builder *b, yaml_event_t *ev, int depth, int is_key,
                 struct brun_yaml_node **out)
{
    struct brun_yaml_node *n = calloc(1, sizeof *n);
    int rc = -1;

    *out = NULL;
    if (!n) {
        fail(b, (int)ev->start_mark.line + 1, b->key, "out of memory");
        yaml_event_delete(ev);
        return -1;
    }
    n->line = (int)ev->start_mark.line + 1;
    n->column = (int)ev->start_mark.column + 1;
    if (refuse_extras(b, ev) != 0)
        goto done;
    if (depth > BRUN_YAML_MAX_DEPTH) {
        fail(b, n->line, b->key, "nested more than %d levels deep",
             BRUN_YAML_MAX_DEPTH);
        goto done;
    }
    if (is_key && ev->type != YAML_SCALAR_EVENT) {
        fail(b, n->line, b->key, "a key must be a single value, got %s",
             ev->type == YAML_SEQUENCE_START_EVENT ? "a list" : "a mapping");
        goto done;
    }
    switch (ev->type) {
    case YAML_SCALAR_EVENT:
        n->kind = BRUN_YAML_SCALAR;
        rc = scalar_node(b, ev, is_key, n);
        break;
    case YAML_SEQUENCE_START_EVENT:
        n->kind = BRUN_YAML_SEQUENCE;
        rc = build_items(b, depth, n);
        break;
    case YAML_MAPPING_START_EVENT:
        n->kind = BRUN_YAML_MAPPING;
        rc = build_pairs(b, depth, n);
        break;
    default: /* the parser only starts nodes with the events above */
        fail(b, n->line, b->key, "unexpected YAML event");
        break;
    }
done:
    yaml_event_delete(ev);
    if (rc == 0)
        *out = n;
    else
        node_free(n);
    return rc;
}

/* Parses the whole stream into tree: one document at most. */
static int build_stream(struct builder *b, struct brun_yaml_tree *tree)
{
    int documents = 0;
    for (;;) {
        yaml_event_t ev;
        if (next_event(b, &ev) != 0)
            return -1;
        int line = (int)ev.start_mark.line + 1;
        switch (ev.type) {
        case YAML_STREAM_END_EVENT:
            yaml_event_delete(&ev);
            return 0;
        case YAML_DOCUMENT_START_EVENT:
            yaml_event_delete(&ev);
            if (documents++ > 0)
                return fail(b, line, "",
                            "a second YAML document: the file "
                            "holds one (remove this \"---\" and what "
                            "follows)");
            break;
        case YAML_DOCUMENT_END_EVENT:
            tree->end_explicit = !ev.data.document_end.implicit;
            tree->end_line = (int)ev.end_mark.line + 1;
            tree->end_column = (int)ev.end_mark.column + 1;
            b->after_document = 1;
            yaml_event_delete(&ev);
            break;
        case YAML_SCALAR_EVENT:
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT:
        case YAML_ALIAS_EVENT:
            if (build(b, &ev, 0, 0, &tree->root) != 0)
                return -1;
            break;
        default:
            yaml_event_delete(&ev);
            break;
        }
    }
}

/* ---- Duplicate keys --------------------------------------------------- */

/* The earliest key given twice so far. */
struct duplicate {
    const struct brun_yaml_node *first, *again;
    char key[KEY_PATH_SIZE];
};

static int before(const struct brun_yaml_node *a,
                  const struct brun_yaml_node *b)
{
    return a->line < b->line || (a->line == b->line && a->column < b->column);
}

static int same_key(const struct brun_yaml_node *a,
                    const struct brun_yaml_node *b)
{
    return a->length == b->length && memcmp(a->text, b->text, a->length) == 0;
}

/* Orders pairs by key text, then by where the key is in the file. */
static int key_order(const void *x, const void *y)
{
    const struct brun_yaml_pair *const *px = x, *const *py = y;
    const struct brun_yaml_node *a = (*px)->key, *b = (*py)->key;
    size_t n = a->length < b->length ? a->length : b->length;
    int c = memcmp(a->text, b->text, n);
    if (c != 0)
        return c;
    if (a->length != b->length)
        return a->length < b->length ? -1 : 1;
    return before(a, b) ? -1 : before(b, a) ? 1 : 0;
}

/* Looks for keys given twice in n and below it (b->key is n's path),
 * keeping the earliest in *d.  Returns 0, or -1 out of memory. */
static int find_duplicate(struct builder *b, const struct brun_yaml_node *n,
                          struct duplicate *d)
{
    if (n->kind == BRUN_YAML_SEQUENCE)
        for (size_t i = 0; i < n->count; i++) {
            size_t saved = push_index(b, i);
            int rc = find_duplicate(b, n->items[i], d);
            b->key[saved] = '\0';
            if (rc != 0)
                return -1;
        }
    if (n->kind != BRUN_YAML_MAPPING)
        return 0;
    if (n->count > 1) {
        const struct brun_yaml_pair **sorted;
        sorted = malloc(n->count * sizeof *sorted);
        if (!sorted)
            return fail(b, n->line, b->key, "out of memory");
        for (size_t i = 0; i < n->count; i++)
            sorted[i] = &n->pairs[i];
        qsort(sorted, n->count, sizeof *sorted, key_order);
        /* Runs of equal keys, each in file order: a run's second is its
         * earliest repeat. */
        for (size_t i = 0, end; i < n->count; i = end) {
            end = i + 1;
            while (end < n->count && same_key(sorted[i]->key, sorted[end]->key))
                end++;
            if (end == i + 1 ||
                (d->again && !before(sorted[i + 1]->key, d->again)))
                continue;
            d->first = sorted[i]->key;
            d->again = sorted[i + 1]->key;
            size_t saved = push_key(b, d->again->text, d->again->length);
            snprintf(d->key, sizeof d->key, "%s", b->key);
            b->key[saved] = '\0';
        }
        free(sorted);
    }
    for (size_t i = 0; i < n->count; i++) {
        const struct brun_yaml_pair *p = &n->pairs[i];
        size_t saved = push_key(b, p->key->text, p->key->length);
        int rc = find_duplicate(b, p->value, d);
        b->key[saved] = '\0';
        if (rc != 0)
            return -1;
    }
    return 0;
}

/* ---- The API ---------------------------------------------------------- */

int brun_yaml_tree_parse(const char *text, size_t size, const char *path,
                         size_t max_size, int flags,
                         struct brun_yaml_tree *tree, char *why,
                         size_t why_size)
{
    struct builder b;
    int rc = -1;

    memset(tree, 0, sizeof *tree);
    if (size > max_size) {
        too_large(path, max_size, why, why_size);
        return -1;
    }
    memset(&b, 0, sizeof b);
    b.path = path;
    b.text = (const unsigned char *)text;
    b.size = size;
    b.flags = flags;
    b.why = why;
    b.why_size = why_size;
    if (!yaml_parser_initialize(&b.parser))
        return fail(&b, 1, "",
                    "cannot start the YAML parser (out of "
                    "memory)");
    yaml_parser_set_input_string(&b.parser, b.text, size);
    if (build_stream(&b, tree) == 0) {
        struct duplicate d = {.again = NULL};
        if (!tree->root)
            rc = 0;
        else if (find_duplicate(&b, tree->root, &d) != 0)
            rc = -1;
        else if (d.again)
            rc = fail(&b, d.again->line, d.key,
                      "given twice (first on line %d)", d.first->line);
        else
            rc = 0;
    }
    yaml_parser_delete(&b.parser);
    if (rc != 0)
        brun_yaml_tree_release(tree);
    return rc;
}

int brun_yaml_read_bytes(const char *path, size_t max_size, int flags,
                         char **data, size_t *size, char *why, size_t why_size)
{
    int io_flags = flags & BRUN_YAML_REGULAR_FILE ? BRUN_IO_REGULAR_ONLY : 0;
    if (brun_io_read_file(path, max_size, io_flags, data, size) == 0)
        return 0;
    int err = errno;
    if (err == EFBIG)
        too_large(path, max_size, why, why_size);
    else if (err == EINVAL && io_flags)
        snprintf(why, why_size, "%s: cannot read it: not a regular file", path);
    else
        snprintf(why, why_size, "%s: cannot read it: %s", path, strerror(err));
    errno = err;
    return -1;
}

int brun_yaml_tree_read_file(const char *path, size_t max_size, int flags,
                             struct brun_yaml_tree *tree, char *why,
                             size_t why_size)
{
    char *text;
    size_t size;
    memset(tree, 0, sizeof *tree);
    if (brun_yaml_read_bytes(path, max_size, flags, &text, &size, why,
                             why_size) != 0)
        return -1;
    int rc = brun_yaml_tree_parse(text, size, path, max_size, flags, tree, why,
                                  why_size);
    free(text);
    return rc;
}

void brun_yaml_tree_release(struct brun_yaml_tree *tree)
{
    node_free(tree->root);
    memset(tree, 0, sizeof *tree);
}

const struct brun_yaml_pair *brun_yaml_find(const struct brun_yaml_node *map,
                                            const char *name)
{
    if (!map || map->kind != BRUN_YAML_MAPPING)
        return NULL;
    size_t length = strlen(name);
    for (size_t i = 0; i < map->count; i++) {
        const struct brun_yaml_node *k = map->pairs[i].key;
        if (k->length == length && memcmp(k->text, name, length) == 0)
            return &map->pairs[i];
    }
    return NULL;
}

const struct brun_yaml_node *brun_yaml_get(const struct brun_yaml_node *map,
                                           const char *name)
{
    const struct brun_yaml_pair *p = brun_yaml_find(map, name);
    return p ? p->value : NULL;
}

const struct brun_yaml_pair *brun_yaml_pair_at(const struct brun_yaml_node *map,
                                               size_t i)
{
    if (!map || map->kind != BRUN_YAML_MAPPING || i >= map->count)
        return NULL;
    return &map->pairs[i];
}

const struct brun_yaml_node *brun_yaml_item_at(const struct brun_yaml_node *seq,
                                               size_t i)
{
    if (!seq || seq->kind != BRUN_YAML_SEQUENCE || i >= seq->count)
        return NULL;
    return seq->items[i];
}

const char *brun_yaml_kind_name(const struct brun_yaml_node *node)
{
    switch (node->kind) {
    case BRUN_YAML_MAPPING:
        return "a mapping";
    case BRUN_YAML_SEQUENCE:
        return "a list";
    case BRUN_YAML_SCALAR:
        break;
    }
    return "a single value";
}
