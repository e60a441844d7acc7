/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * test_docs.c: the YAML a user copies from the documentation parses.
 *
 * Every ```yaml block of README.md and of each Markdown page in docs/,
 * and the whole of action.yml, goes through libyaml, a real YAML parser
 * (not benchrun's strict reader, which refuses things a workflow may
 * use).  An error names the file, the line in it and libyaml's
 * problem.  Beyond syntax, one behaviour of action.yml is run for real:
 * its "Run benchrun" script, under bash with a stand-in benchrun, must
 * report a baseline saved by a run that then failed (a critical SLO), so
 * that the "Save the baseline" step caches it.  Whether the other
 * workflows do what their pages say is not tested here.
 */
#include "config.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>
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

/* ---- action.yml's save step ------------------------------------------ */

/* The scalar at key of mapping node (in doc), or NULL. */
static const char *scalar_at(yaml_document_t *doc, yaml_node_t *map,
                             const char *key)
{
    if (!map || map->type != YAML_MAPPING_NODE)
        return NULL;
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
         p < map->data.mapping.pairs.top; p++) {
        yaml_node_t *k = yaml_document_get_node(doc, p->key);
        yaml_node_t *v = yaml_document_get_node(doc, p->value);
        if (k->type == YAML_SCALAR_NODE &&
            strcmp((const char *)k->data.scalar.value, key) == 0)
            return v->type == YAML_SCALAR_NODE
                       ? (const char *)v->data.scalar.value
                       : NULL;
    }
    return NULL;
}

/* The node at key of mapping map, or NULL. */
static yaml_node_t *node_at(yaml_document_t *doc, yaml_node_t *map,
                            const char *key)
{
    if (!map || map->type != YAML_MAPPING_NODE)
        return NULL;
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
         p < map->data.mapping.pairs.top; p++) {
        yaml_node_t *k = yaml_document_get_node(doc, p->key);
        if (k->type == YAML_SCALAR_NODE &&
            strcmp((const char *)k->data.scalar.value, key) == 0)
            return yaml_document_get_node(doc, p->value);
    }
    return NULL;
}

/* Field field of action.yml's step named step (malloc'd). */
static char *step_field(const char *step, const char *field)
{
    char *text = slurp(source_path("action.yml"));
    yaml_parser_t parser;
    yaml_document_t doc;
    char *found = NULL;
    cr_assert(yaml_parser_initialize(&parser));
    yaml_parser_set_input_string(&parser, (const unsigned char *)text,
                                 strlen(text));
    cr_assert(yaml_parser_load(&parser, &doc), "action.yml does not load");
    yaml_node_t *steps =
        node_at(&doc, node_at(&doc, yaml_document_get_root_node(&doc), "runs"),
                "steps");
    cr_assert(steps && steps->type == YAML_SEQUENCE_NODE, "no runs.steps");
    for (yaml_node_item_t *i = steps->data.sequence.items.start;
         i < steps->data.sequence.items.top && !found; i++) {
        yaml_node_t *s = yaml_document_get_node(&doc, *i);
        const char *name = scalar_at(&doc, s, "name");
        const char *value = scalar_at(&doc, s, field);
        if (name && strcmp(name, step) == 0 && value)
            found = strdup(value);
    }
    yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
    free(text);
    cr_assert_not_null(found, "action.yml: no step \"%s\" with %s", step,
                       field);
    return found;
}

/* Runs the action's "Run benchrun" script in save mode with a stand-in
 * benchrun (in dir/bin) that writes the baseline when write is 1 and
 * exits with status; returns the script's exit status and fills output
 * with what it wrote to $GITHUB_OUTPUT. */
static int run_step(const char *dir, int write, int status, char *output,
                    size_t size)
{
    char path[4200], bin[4200], outputs[4200], env_path[8400];
    char *script = step_field("Run benchrun", "run");
    snprintf(path, sizeof path, "%s/step.sh", dir);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs(script, f);
    fclose(f);
    free(script);

    snprintf(bin, sizeof bin, "%s/bin", dir);
    mkdir(bin, 0755);
    snprintf(path, sizeof path, "%s/bin/benchrun", dir);
    f = fopen(path, "w");
    cr_assert_not_null(f);
    fprintf(f,
            "#!/bin/sh\n"
            "while [ $# -gt 0 ]; do\n"
            "  if [ \"$1\" = --baseline-dir ]; then dir=$2; fi\n"
            "  shift\n"
            "done\n"
            "if [ %d = 1 ]; then\n"
            "  mkdir -p \"$dir\" && echo \"run $$\" >> \"$dir/main.yml\"\n"
            "fi\n"
            "exit %d\n",
            write, status);
    fclose(f);
    chmod(path, 0755);

    snprintf(outputs, sizeof outputs, "GITHUB_OUTPUT=%s/outputs", dir);
    snprintf(path, sizeof path, "%s/outputs", dir);
    unlink(path);
    snprintf(env_path, sizeof env_path, "PATH=%s:%s", bin,
             getenv("PATH") ? getenv("PATH") : "/usr/bin:/bin");
    char baseline_dir[4300];
    snprintf(baseline_dir, sizeof baseline_dir, "IN_BASELINE_DIR=%s/store",
             dir);
    char *env[] = {env_path,
                   outputs,
                   baseline_dir,
                   "IN_MODE=save",
                   "IN_TARGETS=./bench",
                   "IN_BASELINE=main",
                   "IN_FAIL_ABOVE=10%",
                   "IN_COMPARE=",
                   "IN_POST=all",
                   "IN_ARGS=",
                   NULL};
    char step[4200];
    snprintf(step, sizeof step, "%s/step.sh", dir);
    char *argv[] = {"/bin/bash", step, NULL};
    struct command_result r;
    cr_assert_eq(run_command(argv, env, 60, &r), 0, "cannot run bash");
    int rc = r.status;
    command_result_free(&r);
    output[0] = '\0';
    f = fopen(path, "r");
    if (f) {
        size_t n = fread(output, 1, size - 1, f);
        output[n] = '\0';
        fclose(f);
    }
    return rc;
}

/* On a push to main a critical SLO breach makes benchrun exit 1 after it
 * saved the baseline; the step fails, and the cache must still save. */
Test(docs, action_yml_caches_a_baseline_saved_by_a_run_that_failed_an_slo)
{
    char *dir = make_scratch_dir();
    char output[1024];

    cr_assert_eq(run_step(dir, 1, 1, output, sizeof output), 1);
    cr_assert(strstr(output, "saved=true\n"), "outputs: %s", output);
    /* A second save (same file name, new contents) is a save too. */
    cr_assert_eq(run_step(dir, 1, 0, output, sizeof output), 0);
    cr_assert(strstr(output, "saved=true\n"), "outputs: %s", output);
    /* A case that crashed: benchrun keeps the old file, nothing to cache. */
    cr_assert_eq(run_step(dir, 0, 3, output, sizeof output), 3);
    cr_assert(strstr(output, "saved=false\n"), "outputs: %s", output);

    char *condition = step_field("Save the baseline", "if");
    cr_assert(strstr(condition, "always()"),
              "the save step is skipped after a failed step: %s", condition);
    cr_assert(strstr(condition, "steps.run.outputs.saved == 'true'"), "%s",
              condition);
    free(condition);
    free(dir);
}
