/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * json_cases.h: reading what benchrun wrote with --json, for the tests
 * that run it end to end (Criterion and Jansson).  Header-only, so the
 * test helpers library needs no Jansson.
 */
#ifndef BRUN_TEST_JSON_CASES_H
#define BRUN_TEST_JSON_CASES_H

#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

/* The JSON document dir/file, parsed; fails the test when it is not. */
static inline json_t *load_json_in(const char *dir, const char *file)
{
    char path[4300];
    json_error_t error;
    snprintf(path, sizeof path, "%s/%s", dir, file);
    json_t *root = json_load_file(path, 0, &error);
    cr_assert_not_null(root, "%s: %s", path, error.text);
    return root;
}

/* The case called name in a --json document; fails the test without. */
static inline json_t *json_case_named(json_t *root, const char *name)
{
    json_t *cases = json_object_get(root, "cases");
    for (size_t i = 0; i < json_array_size(cases); i++) {
        json_t *c = json_array_get(cases, i);
        if (strcmp(json_string_value(json_object_get(c, "name")), name) == 0)
            return c;
    }
    cr_assert_fail("no case %s", name);
    return NULL;
}

#endif /* BRUN_TEST_JSON_CASES_H */
