/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * test_yaml.c: the strict YAML reader (runner/yaml/yaml_tree.h): a tree
 * is walked by name with the lines and columns of its nodes, and each
 * refusal (a key given twice, an alias, an anchor, a tag, nesting past
 * the bound, input past the size bound, a second document, a key that is
 * not a scalar) is one line naming the file, the line and the key.  The
 * last tests go through the two real readers built on it, benchrun.yml's
 * and the baseline store's.  Each test works in its own scratch folder
 * (Criterion runs each test in its own process, so chdir is safe).  It
 * does not test what the keys of either file mean.
 */
#include "config.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runner/baseline/store.h"
#include "runner/options/config_file.h"
#include "runner/options/options.h"
#include "runner/yaml/yaml_tree.h"
#include "tests/helpers.h"

/* Large enough for every test's input. */
#define LIMIT ((size_t)1 << 20)

static char *scratch;
static char home[4096];

/* Files the tests may leave in the scratch folder, removed afterwards. */
static const char *const scratch_files[] = {"t.yml", "benchrun.yml", "fifo",
                                            "store/main.yml"};

static void setup(void)
{
    cr_assert_not_null(getcwd(home, sizeof home));
    scratch = make_scratch_dir();
    cr_assert_not_null(scratch);
    cr_assert_eq(chdir(scratch), 0, "chdir %s: %s", scratch, strerror(errno));
}

static void teardown(void)
{
    for (size_t i = 0; i < sizeof scratch_files / sizeof *scratch_files; i++)
        unlink(scratch_files[i]);
    rmdir("store");
    if (chdir(home) == 0 && scratch)
        rmdir(scratch);
    free(scratch);
}

TestSuite(yaml, .init = setup, .fini = teardown, .timeout = 30);

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f, "cannot write %s: %s", path, strerror(errno));
    fputs(text, f);
    cr_assert_eq(fclose(f), 0);
}

/* Parses text as the file "t.yml"; it must succeed. */
static void parsed(const char *text, int flags, struct brun_yaml_tree *tree)
{
    char why[512] = "";
    int rc = brun_yaml_tree_parse(text, strlen(text), "t.yml", LIMIT, flags,
                                  tree, why, sizeof why);
    cr_assert_eq(rc, 0, "refused: %s\n%s", why, text);
}

/* Asserts that why, from a refusal, is exactly expected and one line. */
static void says(const char *why, const char *expected)
{
    cr_assert_null(strchr(why, '\n'), "not one line: \"%s\"", why);
    cr_assert_str_eq(why, expected);
}

/* Parses text[0..size) as "t.yml" with max_size and flags; it must be
 * refused with exactly the message expected. */
static void refused_sized(const char *text, size_t size, size_t max_size,
                          int flags, const char *expected)
{
    struct brun_yaml_tree tree;
    char why[512] = "";
    int rc = brun_yaml_tree_parse(text, size, "t.yml", max_size, flags, &tree,
                                  why, sizeof why);
    cr_assert_eq(rc, -1, "accepted:\n%s", text);
    cr_assert_null(tree.root, "a refusal left a tree behind");
    says(why, expected);
}

static void refused(const char *text, const char *expected)
{
    refused_sized(text, strlen(text), LIMIT, 0, expected);
}

/* ---- A tree ----------------------------------------------------------- */

Test(yaml, a_tree_is_walked_by_name_with_lines_and_columns)
{
    struct brun_yaml_tree tree;
    parsed("# a comment\n"
           "name: main\n"
           "count: '12'\n"
           "list:\n"
           "  - 1\n"
           "  - {a: b}\n"
           "empty:\n"
           "...\n",
           0, &tree);
    const struct brun_yaml_node *root = tree.root;
    cr_assert_not_null(root);
    cr_assert_eq(root->kind, BRUN_YAML_MAPPING);
    cr_assert_eq(root->count, 4);
    cr_assert(tree.end_explicit);
    cr_assert_eq(tree.end_line, 8);

    const struct brun_yaml_pair *name = brun_yaml_find(root, "name");
    cr_assert_not_null(name);
    cr_assert_eq(name->key->line, 2);
    cr_assert_eq(name->key->column, 1);
    cr_assert_eq(name->value->column, 7);
    cr_assert_str_eq(name->value->text, "main");
    cr_assert(name->value->plain);

    const struct brun_yaml_node *count = brun_yaml_get(root, "count");
    cr_assert_not_null(count);
    cr_assert_str_eq(count->text, "12");
    cr_assert_not(count->plain, "a quoted scalar must say so");

    const struct brun_yaml_node *list = brun_yaml_get(root, "list");
    cr_assert_not_null(list);
    cr_assert_eq(list->kind, BRUN_YAML_SEQUENCE);
    cr_assert_str_eq(brun_yaml_kind_name(list), "a list");
    cr_assert_eq(list->count, 2);
    const struct brun_yaml_node *second = brun_yaml_item_at(list, 1);
    cr_assert_not_null(second);
    cr_assert_eq(second->line, 6);
    cr_assert_eq(second->column, 5);
    cr_assert_str_eq(brun_yaml_get(second, "a")->text, "b");
    cr_assert_null(brun_yaml_item_at(list, 2));

    const struct brun_yaml_node *empty = brun_yaml_get(root, "empty");
    cr_assert_not_null(empty);
    cr_assert_eq(empty->kind, BRUN_YAML_SCALAR);
    cr_assert_eq(empty->length, 0);
    cr_assert(empty->plain);

    /* Pairs come in file order; missing keys and wrong kinds are NULL. */
    const char *order[] = {"name", "count", "list", "empty"};
    for (size_t i = 0; i < 4; i++)
        cr_assert_str_eq(brun_yaml_pair_at(root, i)->key->text, order[i]);
    cr_assert_null(brun_yaml_pair_at(root, 4));
    cr_assert_null(brun_yaml_find(root, "nothing"));
    cr_assert_null(brun_yaml_get(list, "name"));
    cr_assert_null(brun_yaml_pair_at(list, 0));
    cr_assert_null(brun_yaml_item_at(root, 0));
    brun_yaml_tree_release(&tree);
    cr_assert_null(tree.root);
}

Test(yaml, an_empty_input_has_no_root_and_an_implicit_end)
{
    struct brun_yaml_tree tree;
    parsed("", 0, &tree);
    cr_assert_null(tree.root);
    parsed("# only a comment\n", 0, &tree);
    cr_assert_null(tree.root);
    parsed("a: 1\n", 0, &tree);
    cr_assert_not(tree.end_explicit);
    brun_yaml_tree_release(&tree);
}

Test(yaml, a_nul_in_a_value_is_kept_with_its_length)
{
    struct brun_yaml_tree tree;
    parsed("a: \"x\\0y\"\n", 0, &tree);
    const struct brun_yaml_node *a = brun_yaml_get(tree.root, "a");
    cr_assert_eq(a->length, 3);
    cr_assert_eq(memcmp(a->text, "x\0y", 4), 0);
    brun_yaml_tree_release(&tree);
    refused("a: 1\n\"b\\0c\": 2\n",
            "t.yml:2: a key may not contain a NUL character");
}

/* ---- Refusals --------------------------------------------------------- */

Test(yaml, a_key_given_twice_names_both_lines)
{
    refused("a: 1\n"
            "b: 2\n"
            "# again\n"
            "a: 3\n",
            "t.yml:4: a: given twice (first on line 1)");
    refused("outer:\n"
            "  - x: 1\n"
            "    y: 2\n"
            "    x: 3\n",
            "t.yml:4: outer[0].x: given twice (first on line 2)");
    /* Equal text is the same key whatever the quoting. */
    refused("a: 1\n'a': 2\n", "t.yml:2: a: given twice (first on line 1)");
}

Test(yaml, of_several_duplicates_the_earliest_is_reported)
{
    /* The inner mapping's repeat comes first in the file even though the
     * outer mapping's keys are seen first. */
    refused("inner: {c: 1, c: 2}\n"
            "a: 1\n"
            "a: 2\n",
            "t.yml:1: inner.c: given twice (first on line 1)");
    refused("a: 1\n"
            "b: 1\n"
            "b: 2\n"
            "a: 2\n",
            "t.yml:3: b: given twice (first on line 2)");
}

Test(yaml, a_duplicate_among_many_keys_is_found)
{
    /* 20000 keys, the last a repeat of key 7: sorting, not pairwise. */
    size_t n = 20000, used = 0, cap = n * 16;
    char *text = malloc(cap);
    cr_assert_not_null(text);
    for (size_t i = 0; i < n; i++)
        used += (size_t)snprintf(text + used, cap - used, "k%zu: %zu\n", i, i);
    used += (size_t)snprintf(text + used, cap - used, "k7: again\n");
    char expected[64];
    snprintf(expected, sizeof expected,
             "t.yml:%zu: k7: given twice (first on line 8)", n + 1);
    refused_sized(text, used, LIMIT, 0, expected);
    free(text);
}

Test(yaml, an_alias_is_refused_at_its_line)
{
    refused("a: 1\n"
            "b: *x\n",
            "t.yml:2: b: alias *x: anchors and aliases are not supported "
            "(write the value out)");
    refused("- 1\n- [2, *y]\n",
            "t.yml:2: [1][1]: alias *y: anchors and aliases are not "
            "supported (write the value out)");
}

Test(yaml, an_anchor_is_refused_at_its_line)
{
    refused("a: 1\n"
            "b: &x 2\n"
            "c: *x\n",
            "t.yml:2: b: anchor &x: anchors and aliases are not supported "
            "(write the value out)");
    refused("defaults: &d\n  rounds: 3\n",
            "t.yml:1: defaults: anchor &d: anchors and aliases are not "
            "supported (write the value out)");
    refused("&k a: 1\n",
            "t.yml:1: anchor &k: anchors and aliases are not supported "
            "(write the value out)");
}

Test(yaml, a_tag_is_refused_at_its_line)
{
    refused("a: 1\n\nb: !!int 10\n",
            "t.yml:3: b: tag !!int: tags are not supported (write the "
            "plain value)");
    refused("list: !local\n  - a\n",
            "t.yml:1: list: tag !local: tags are not supported (write the "
            "plain value)");
    refused("! a: 1\n",
            "t.yml:1: tag !: tags are not supported (write the plain "
            "value)");
}

/* "k0:\n k1:\n  k2: ... kN: v", N = levels - 1: the key kN and its value
 * v are nested levels deep, on line levels. */
static char *nested(int levels)
{
    char *text = malloc((size_t)levels * (levels + 8) + 16);
    size_t used = 0;
    cr_assert_not_null(text);
    for (int i = 0; i < levels; i++)
        used += (size_t)sprintf(text + used, "%*sk%d:%s", i, "", i,
                                i + 1 < levels ? "\n" : " v\n");
    return text;
}

Test(yaml, nesting_deeper_than_the_bound_is_refused)
{
    struct brun_yaml_tree tree;
    char *text = nested(BRUN_YAML_MAX_DEPTH);
    parsed(text, 0, &tree);
    const struct brun_yaml_node *n = tree.root;
    for (int i = 0; i < BRUN_YAML_MAX_DEPTH; i++) {
        char key[16];
        snprintf(key, sizeof key, "k%d", i);
        n = brun_yaml_get(n, key);
        cr_assert_not_null(n, "no %s", key);
    }
    cr_assert_str_eq(n->text, "v");
    brun_yaml_tree_release(&tree);
    free(text);

    text = nested(BRUN_YAML_MAX_DEPTH + 1);
    struct brun_yaml_tree refused_tree;
    char why[1024];
    cr_assert_eq(brun_yaml_tree_parse(text, strlen(text), "t.yml", LIMIT, 0,
                                      &refused_tree, why, sizeof why),
                 -1);
    char prefix[32];
    snprintf(prefix, sizeof prefix, "t.yml:%d: k0.k1.k2.",
             BRUN_YAML_MAX_DEPTH + 1);
    cr_assert_eq(strncmp(why, prefix, strlen(prefix)), 0, "%s", why);
    /* The mapping of k31 is 32 levels deep, its key k32 one more. */
    cr_assert(strstr(why, ".k31: nested more than 32 levels deep"), "%s", why);
    free(text);

    /* Flow style counts the same: "a: [[...[1]...]]", 1 inside 32 lists
     * under a, is 33 levels deep. */
    char flow[128] = "a: ", expected[256] = "t.yml:1: a";
    for (int i = 0; i < BRUN_YAML_MAX_DEPTH; i++) {
        strcat(flow, "[");
        strcat(expected, "[0]");
    }
    strcat(flow, "1");
    for (int i = 0; i < BRUN_YAML_MAX_DEPTH; i++)
        strcat(flow, "]");
    strcat(flow, "\n");
    strcat(expected, ": nested more than 32 levels deep");
    refused(flow, expected);
}

Test(yaml, a_second_document_is_refused)
{
    refused("a: 1\n---\nb: 2\n",
            "t.yml:2: a second YAML document: the file holds one (remove "
            "this \"---\" and what follows)");
    refused("a: 1\n...\n---\nb: 2\n",
            "t.yml:3: a second YAML document: the file holds one (remove "
            "this \"---\" and what follows)");
    refused("a: 1\n...\nb: 2\n",
            "t.yml:3: not valid YAML after the document: did not find "
            "expected <document start>");
}

Test(yaml, a_key_that_is_not_a_scalar_is_refused)
{
    refused("a: 1\n? [x, y]\n: 2\n",
            "t.yml:2: a key must be a single value, got a list");
    refused("outer:\n  ? {x: 1}\n  : 2\n",
            "t.yml:2: outer: a key must be a single value, got a mapping");
}

Test(yaml, input_past_the_size_bound_is_refused)
{
    struct brun_yaml_tree tree;
    char why[256];
    const char text[] = "a: 1\nb: 2\n"; /* 10 bytes */
    cr_assert_eq(
        brun_yaml_tree_parse(text, 10, "t.yml", 10, 0, &tree, why, sizeof why),
        0, "%s", why);
    brun_yaml_tree_release(&tree);
    refused_sized(text, 10, 9, 0, "t.yml:1: larger than the limit of 9 bytes");
    refused_sized(text, 10, 0, 0, "t.yml:1: larger than the limit of 0 bytes");

    /* A file, and one that never ends. */
    write_file("t.yml", "a: 1\nb: 2\n");
    cr_assert_eq(
        brun_yaml_tree_read_file("t.yml", 10, 0, &tree, why, sizeof why), 0,
        "%s", why);
    brun_yaml_tree_release(&tree);
    cr_assert_eq(
        brun_yaml_tree_read_file("t.yml", 9, 0, &tree, why, sizeof why), -1);
    says(why, "t.yml:1: larger than the limit of 9 bytes");
    cr_assert_eq(
        brun_yaml_tree_read_file("/dev/zero", 4096, 0, &tree, why, sizeof why),
        -1);
    says(why, "/dev/zero:1: larger than the limit of 4 KiB");
    cr_assert_eq(
        brun_yaml_tree_read_file("/dev/zero", LIMIT, 0, &tree, why, sizeof why),
        -1);
    says(why, "/dev/zero:1: larger than the limit of 1 MiB");
    cr_assert_null(tree.root);
}

Test(yaml, regular_files_only_refuses_a_device_and_a_fifo_does_not_hang)
{
    struct brun_yaml_tree tree;
    char why[256];
    cr_assert_eq(brun_yaml_tree_read_file("/dev/zero", LIMIT,
                                          BRUN_YAML_REGULAR_FILE, &tree, why,
                                          sizeof why),
                 -1);
    says(why, "/dev/zero: cannot read it: not a regular file");
    /* A FIFO without a writer reads as empty rather than blocking. */
    cr_assert_eq(mkfifo("fifo", 0600), 0, "mkfifo: %s", strerror(errno));
    cr_assert_eq(
        brun_yaml_tree_read_file("fifo", LIMIT, 0, &tree, why, sizeof why), 0,
        "%s", why);
    cr_assert_null(tree.root);
    cr_assert_eq(brun_yaml_tree_read_file("fifo", LIMIT, BRUN_YAML_REGULAR_FILE,
                                          &tree, why, sizeof why),
                 -1);
    says(why, "fifo: cannot read it: not a regular file");
    cr_assert_eq(brun_yaml_tree_read_file("missing.yml", LIMIT, 0, &tree, why,
                                          sizeof why),
                 -1);
    cr_assert_eq(errno, ENOENT);
    cr_assert(strncmp(why, "missing.yml: cannot read it: ", 29) == 0, "%s",
              why);
}

Test(yaml, one_line_refuses_control_characters)
{
    struct brun_yaml_tree tree;
    parsed("a: |\n  x\n  y\n", 0, &tree);
    cr_assert_str_eq(brun_yaml_get(tree.root, "a")->text, "x\ny\n");
    brun_yaml_tree_release(&tree);
    const char *block = "a: |\n  x\n  y\n";
    refused_sized(block, strlen(block), LIMIT, BRUN_YAML_ONE_LINE,
                  "t.yml:1: a: a value may not contain line breaks or "
                  "control characters");
    const char *key = "b: 1\n\"a\\tb\": 2\n";
    refused_sized(key, strlen(key), LIMIT, BRUN_YAML_ONE_LINE,
                  "t.yml:2: a key may not contain line breaks or control "
                  "characters");
}

Test(yaml, a_syntax_error_names_its_line)
{
    refused("a: 1\nb: 2\n  c: 3\n",
            "t.yml:3: not valid YAML: mapping values are not allowed in "
            "this context");
    refused("a: 1\nb: \xff\n",
            "t.yml:2: not valid YAML: invalid leading UTF-8 octet");
}

/* ---- Through the real readers ----------------------------------------- */

Test(yaml, benchrun_yml_refuses_a_duplicate_key_with_path_and_line)
{
    struct brun_options o;
    char why[512];
    write_file("benchrun.yml", "rounds: 5\n"
                               "samples: 3\n"
                               "rounds: 6\n");
    brun_options_defaults(&o);
    cr_assert_eq(brun_config_load("benchrun.yml", &o, why, sizeof why), -1);
    says(why, "benchrun.yml:3: rounds: given twice (first on line 1)");
    brun_options_release(&o);
}

Test(yaml, a_baseline_file_refuses_a_duplicate_key_with_path_and_line)
{
    struct brun_baseline b;
    char why[512];
    cr_assert_eq(mkdir("store", 0755), 0);
    write_file("store/main.yml", "schema: benchrun-baseline\n"
                                 "schema_version: 1\n"
                                 "name: main\n"
                                 "name: main\n"
                                 "...\n");
    cr_assert_eq(brun_baseline_load("store", "main", &b, why, sizeof why), -1);
    says(why, "store/main.yml:4: name: given twice (first on line 3)");
    cr_assert_null(b.name);
}
