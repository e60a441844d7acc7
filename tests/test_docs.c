/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_docs.c: the YAML a user copies from the documentation parses.
 *
 * Every ```yaml block of README.md and of each Markdown page in docs/,
 * and the whole of action.yml, goes through libyaml, a real YAML parser
 * (not benchrun's strict reader, which refuses things a workflow may
 * use).  An error names the file, the line in it and libyaml's
 * problem.  This checks syntax only: whether a workflow does what its
 * page says is not tested here.
 */
#include "config.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "tests/helpers.h"

/* The whole of path (malloc'd, NUL-terminated). */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "cannot open %s", path);
    char *text = NULL;
    size_t size = 0, used = 0, n;
    do {
        if (used + 4096 + 1 > size) {
            size = (used + 4096 + 1) * 2;
            text = realloc(text, size);
            cr_assert_not_null(text);
        }
        n = fread(text + used, 1, 4096, f);
        used += n;
    } while (n > 0);
    fclose(f);
    text[used] = '\0';
    return text;
}

/* Parses text[0..len) as a YAML stream; 0, or -1 with a message naming
 * name and the line, counted from first_line. */
static int parse_yaml(const char *name, size_t first_line, const char *text,
                      size_t len, char *why, size_t why_size)
{
    yaml_parser_t parser;
    yaml_event_t event;
    int rc = 0, done = 0;
    cr_assert(yaml_parser_initialize(&parser));
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    while (!done) {
        if (!yaml_parser_parse(&parser, &event)) {
            snprintf(why, why_size, "%s:%zu: %s%s%s", name,
                     first_line + parser.problem_mark.line,
                     parser.problem ? parser.problem : "invalid YAML",
                     parser.context ? " " : "",
                     parser.context ? parser.context : "");
            rc = -1;
            break;
        }
        done = event.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&event);
    }
    yaml_parser_delete(&parser);
    return rc;
}

/* Parses each ```yaml block of the Markdown file relative (to the source
 * tree); returns how many there were, or -1 with why at the first that
 * does not parse. */
static int check_blocks(const char *relative, char *why, size_t why_size)
{
    char *text = slurp(source_path(relative));
    int blocks = 0;
    size_t line = 1;
    const char *p = text;
    while (*p) {
        const char *eol = strchr(p, '\n');
        const char *next = eol ? eol + 1 : p + strlen(p);
        line++;
        if (strncmp(p, "```yaml", 7) == 0 && (p[7] == '\n' || p[7] == ' ')) {
            size_t body_line = line;
            const char *body = next, *end = body;
            while (*end && strncmp(end, "```", 3) != 0) {
                const char *e = strchr(end, '\n');
                end = e ? e + 1 : end + strlen(end);
                line++;
            }
            cr_assert(*end, "%s:%zu: a ```yaml block is never closed", relative,
                      body_line - 1);
            if (parse_yaml(relative, body_line, body, (size_t)(end - body), why,
                           why_size) != 0) {
                free(text);
                return -1;
            }
            blocks++;
            eol = strchr(end, '\n');
            next = eol ? eol + 1 : end + strlen(end);
            line++;
        }
        p = next;
    }
    free(text);
    return blocks;
}

Test(docs, every_yaml_block_of_the_markdown_pages_parses)
{
    char why[1024] = "", name[512];
    int total = 0;
    cr_assert_geq(check_blocks("README.md", why, sizeof why), 0, "%s", why);
    DIR *d = opendir(source_path("docs"));
    cr_assert_not_null(d);
    for (struct dirent *e; (e = readdir(d));) {
        size_t n = strlen(e->d_name);
        if (n < 4 || strcmp(e->d_name + n - 3, ".md") != 0)
            continue;
        snprintf(name, sizeof name, "docs/%s", e->d_name);
        int blocks = check_blocks(name, why, sizeof why);
        cr_assert_geq(blocks, 0, "%s", why);
        total += blocks;
    }
    closedir(d);
    /* docs/ci.md alone has several: finding none means the scan broke. */
    cr_assert_geq(total, 3, "only %d yaml blocks found in docs/", total);
}

Test(docs, action_yml_parses)
{
    char why[1024] = "";
    char *text = slurp(source_path("action.yml"));
    cr_assert_eq(
        parse_yaml("action.yml", 1, text, strlen(text), why, sizeof why), 0,
        "%s", why);
    free(text);
}

/* The check itself finds the mistake the first workflow of docs/ci.md
 * had: a plain scalar holding ": ". */
Test(docs, the_parser_refuses_a_colon_space_in_a_plain_scalar)
{
    static const char text[] = "steps:\n"
                               "  - run: echo \"a $B: $C\"\n";
    char why[256] = "";
    cr_assert_eq(parse_yaml("t.yml", 1, text, strlen(text), why, sizeof why),
                 -1);
    cr_assert(strstr(why, "t.yml:2: "), "%s", why);
}
