/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * test_flamegraph.c: folded stacks, per-function costs, the top-functions
 * table and the flame-graph SVG (reports/flamegraph/folded.c,
 * reports/flamegraph/flamegraph.c).
 *
 * Folded text is checked byte for byte; the SVG is parsed with libxml2
 * (no network) and its frames read back from the DOM: each <g class="f">
 * gives its <title>, its <rect>'s x, width and fill and its <text>.  The
 * profiles are small and written by hand, so every expected count, share
 * and width is worked out in the test itself.
 */
#include "config.h"

#include <criterion/criterion.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reports/flamegraph/flamegraph.h"
#include "reports/flamegraph/folded.h"

/* --- helpers -------------------------------------------------------- */

struct text {
    char *s;
    size_t n;
};

static void parse_ok(struct brun_folded *f, const char *text)
{
    char why[256] = "";
    brun_folded_init(f);
    cr_assert_eq(brun_folded_parse(f, text, why, sizeof why), 0, "%s", why);
}

static struct text folded_text(const struct brun_folded *f)
{
    struct text t = {0};
    FILE *out = open_memstream(&t.s, &t.n);
    cr_assert(out);
    cr_assert_eq(brun_folded_write(f, out), 0);
    fclose(out);
    return t;
}

static struct text top_text(const struct brun_folded *f, size_t limit)
{
    struct text t = {0};
    FILE *out = open_memstream(&t.s, &t.n);
    cr_assert(out);
    cr_assert_eq(brun_folded_write_top(f, limit, out), 0);
    fclose(out);
    return t;
}

/* The SVG of f (before NULL) or the differential before -> f. */
static struct text svg_text(const struct brun_folded *before,
                            const struct brun_folded *f, unsigned width)
{
    struct brun_flamegraph_options o = {
        .title = "benchrun profile: group/case",
        .subtitle = "perf cpu-clock 4000 Hz, timed loop only",
        .unit = "samples",
        .width = width};
    struct text t = {0};
    FILE *out = open_memstream(&t.s, &t.n);
    cr_assert(out);
    if (before)
        cr_assert_eq(brun_flamegraph_write_diff(out, before, f, &o), 0);
    else
        cr_assert_eq(brun_flamegraph_write(out, f, &o), 0);
    fclose(out);
    return t;
}

struct frame {
    char *title; /* the <title>'s text */
    char *label; /* the <text>'s text */
    double x, width;
    unsigned r, g, b; /* the rect's fill */
};

struct frames {
    struct frame v[64];
    size_t count;
};

static char *content(xmlNodePtr n)
{
    xmlChar *c = xmlNodeGetContent(n);
    char *s = strdup((const char *)c);
    xmlFree(c);
    return s;
}

static double number_attr(xmlNodePtr n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    cr_assert(v, "<%s> has no %s", (const char *)n->name, name);
    double d = strtod((const char *)v, NULL);
    xmlFree(v);
    return d;
}

static void collect(xmlNodePtr node, struct frames *out)
{
    for (xmlNodePtr k = node->children; k; k = k->next) {
        if (k->type != XML_ELEMENT_NODE)
            continue;
        xmlChar *cls = xmlGetProp(k, (const xmlChar *)"class");
        int frame = strcmp((const char *)k->name, "g") == 0 && cls &&
                    strcmp((const char *)cls, "f") == 0;
        xmlFree(cls);
        if (!frame) {
            collect(k, out);
            continue;
        }
        cr_assert_lt(out->count, 64);
        struct frame *f = &out->v[out->count++];
        memset(f, 0, sizeof *f);
        for (xmlNodePtr c = k->children; c; c = c->next) {
            if (c->type != XML_ELEMENT_NODE)
                continue;
            const char *name = (const char *)c->name;
            if (strcmp(name, "title") == 0) {
                f->title = content(c);
            } else if (strcmp(name, "text") == 0) {
                f->label = content(c);
            } else if (strcmp(name, "rect") == 0) {
                f->x = number_attr(c, "x");
                f->width = number_attr(c, "width");
                xmlChar *fill = xmlGetProp(c, (const xmlChar *)"fill");
                cr_assert(fill);
                cr_assert_eq(sscanf((const char *)fill, "rgb(%u,%u,%u)", &f->r,
                                    &f->g, &f->b),
                             3, "fill %s", (const char *)fill);
                xmlFree(fill);
            }
        }
        cr_assert(f->title && f->label, "a frame without title or text");
    }
}

/* Parses svg as XML (failing the test when it is not) into its frames. */
static struct frames frames_of(const struct text *svg)
{
    xmlDocPtr doc =
        xmlReadMemory(svg->s, (int)svg->n, "flame.svg", NULL, XML_PARSE_NONET);
    cr_assert(doc, "the SVG is not well-formed XML");
    xmlNodePtr root = xmlDocGetRootElement(doc);
    cr_assert_str_eq((const char *)root->name, "svg");
    cr_assert(root->ns && strcmp((const char *)root->ns->href,
                                 "http://www.w3.org/2000/svg") == 0);
    struct frames out = {.count = 0};
    collect(root, &out);
    xmlFreeDoc(doc);
    return out;
}

static void frames_free(struct frames *fs)
{
    for (size_t i = 0; i < fs->count; i++) {
        free(fs->v[i].title);
        free(fs->v[i].label);
    }
}

/* The frame whose title starts with "name (". */
static const struct frame *frame_named(const struct frames *fs,
                                       const char *name)
{
    size_t n = strlen(name);
    for (size_t i = 0; i < fs->count; i++)
        if (strncmp(fs->v[i].title, name, n) == 0 &&
            strncmp(fs->v[i].title + n, " (", 2) == 0)
            return &fs->v[i];
    return NULL;
}

static size_t occurrences(const char *s, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(s, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* --- folded text ---------------------------------------------------- */

Test(folded, writes_what_it_parses_sorted_names_with_spaces_and_markup)
{
    const char *in = "main;std::vector<int>::push_back(int const&) 3\n"
                     "\n"
                     "main;operator\"\" _km;'quoted' 2\r\n"
                     "main;a b c 1\n"
                     "main;<&>'\" 5\n";
    const char *expected = "main;<&>'\" 5\n"
                           "main;a b c 1\n"
                           "main;operator\"\" _km;'quoted' 2\n"
                           "main;std::vector<int>::push_back(int const&) 3\n";
    struct brun_folded f;
    parse_ok(&f, in);
    cr_assert_eq(f.count, 4);
    cr_assert_float_eq(f.total, 11.0, 1e-12);
    struct text t = folded_text(&f);
    cr_assert_str_eq(t.s, expected);

    struct brun_folded again;
    parse_ok(&again, t.s);
    struct text t2 = folded_text(&again);
    cr_assert_str_eq(t2.s, t.s);
    free(t.s);
    free(t2.s);
    brun_folded_release(&f);
    brun_folded_release(&again);
}

Test(folded, merges_equal_stacks_and_keeps_large_and_fractional_counts)
{
    struct brun_folded f;
    parse_ok(&f, "a;b 2\na;b 3\nc 10000000000000\nd 0.5\ne 1.5e3\n");
    cr_assert_eq(f.count, 4);
    cr_assert_eq(brun_folded_add(&f, "a;b", 1), 0);
    cr_assert_eq(f.count, 4);
    struct text t = folded_text(&f);
    cr_assert_str_eq(t.s, "a;b 6\nc 10000000000000\nd 0.5\ne 1500\n");
    cr_assert_float_eq(f.total, 6 + 1e13 + 0.5 + 1500, 1e-3);
    free(t.s);
    brun_folded_release(&f);
}

Test(folded, many_distinct_stacks_stay_distinct)
{
    struct brun_folded f;
    brun_folded_init(&f);
    char frames[64];
    for (int i = 0; i < 5000; i++) {
        snprintf(frames, sizeof frames, "main;f%d", i % 1000);
        cr_assert_eq(brun_folded_add(&f, frames, 1), 0);
    }
    cr_assert_eq(f.count, 1000);
    for (size_t i = 0; i < f.count; i++)
        cr_assert_float_eq(f.stacks[i].count, 5.0, 1e-12, "%s",
                           f.stacks[i].frames);
    brun_folded_release(&f);
}

static void parse_fails(const char *text, const char *why_part)
{
    struct brun_folded f;
    char why[256] = "";
    brun_folded_init(&f);
    cr_assert_eq(brun_folded_parse(&f, text, why, sizeof why), -1, "%s", text);
    cr_assert(strstr(why, why_part), "why \"%s\" lacks \"%s\"", why, why_part);
    brun_folded_release(&f);
}

Test(folded, parse_errors_name_the_line)
{
    parse_fails("a;b 1\n\nnocount\n", "line 3: no space");
    parse_fails("a;b 1\na;b\n", "line 2: no space");
    parse_fails("a;;b 3\n", "line 1: empty frame");
    parse_fails("ok 1\n;a 3\n", "line 2: empty frame");
    parse_fails("a; 3\n", "line 1: empty frame");
    parse_fails("a -1\n", "line 1: count \"-1\"");
    parse_fails("x 1\ny 2\na 1e\n", "line 3: count \"1e\"");
    parse_fails("a nan\n", "line 1: count \"nan\"");
    parse_fails("a 12 \n", "line 1: count \"\"");
}

Test(folded, parse_keeps_the_lines_before_an_error)
{
    struct brun_folded f;
    char why[128];
    brun_folded_init(&f);
    cr_assert_eq(brun_folded_parse(&f, "a 1\nb 2\nbad\n", why, sizeof why), -1);
    cr_assert_eq(f.count, 2);
    cr_assert_float_eq(f.total, 3.0, 1e-12);
    brun_folded_release(&f);
}

/* --- functions and the top table ------------------------------------ */

Test(folded, self_is_the_leaf_and_total_counts_recursion_once)
{
    struct brun_folded f;
    parse_ok(&f, "main;f;f;f 3\nmain;g;f 2\nmain;g 1\nmain 1\n");
    struct brun_function_cost *v;
    size_t n;
    cr_assert_eq(brun_folded_functions(&f, &v, &n), 0);
    cr_assert_eq(n, 3);
    /* f: leaf of 3 + 2; in 3 + 2 (not 3 * 3 + 2). */
    cr_assert_str_eq(v[0].name, "f");
    cr_assert_float_eq(v[0].self, 5.0, 1e-12);
    cr_assert_float_eq(v[0].total, 5.0, 1e-12);
    /* main and g both have self 1: main's total 7 puts it first. */
    cr_assert_str_eq(v[1].name, "main");
    cr_assert_float_eq(v[1].self, 1.0, 1e-12);
    cr_assert_float_eq(v[1].total, 7.0, 1e-12);
    cr_assert_str_eq(v[2].name, "g");
    cr_assert_float_eq(v[2].self, 1.0, 1e-12);
    cr_assert_float_eq(v[2].total, 3.0, 1e-12);
    brun_function_costs_free(v, n);
    brun_folded_release(&f);
}

Test(folded, equal_costs_sort_by_name)
{
    struct brun_folded f;
    parse_ok(&f, "m;zeta 1\nm;alpha 1\nm;mid 1\n");
    struct brun_function_cost *v;
    size_t n;
    cr_assert_eq(brun_folded_functions(&f, &v, &n), 0);
    cr_assert_eq(n, 4);
    cr_assert_str_eq(v[0].name, "alpha");
    cr_assert_str_eq(v[1].name, "mid");
    cr_assert_str_eq(v[2].name, "zeta");
    cr_assert_str_eq(v[3].name, "m");
    brun_function_costs_free(v, n);
    brun_folded_release(&f);
}

Test(folded, top_table_gives_shares_of_the_total_up_to_the_limit)
{
    struct brun_folded f;
    parse_ok(&f, "main;work 6\nmain;setup 3\nmain 1\n");
    struct text t = top_text(&f, 2);
    cr_assert_str_eq(t.s, " self %  total %  function\n"
                          "  60.00    60.00  work\n"
                          "  30.00    30.00  setup\n");
    free(t.s);
    t = top_text(&f, 10);
    cr_assert(strstr(t.s, "  10.00   100.00  main\n"), "%s", t.s);
    free(t.s);
    brun_folded_release(&f);
}

Test(folded, top_table_makes_names_safe_for_a_terminal)
{
    struct brun_folded f;
    brun_folded_init(&f);
    cr_assert_eq(brun_folded_add(&f, "main;evil\x1b[31m", 1), 0);
    struct text t = top_text(&f, 5);
    cr_assert_null(strchr(t.s, '\x1b'), "%s", t.s);
    cr_assert(strstr(t.s, "evil\\x1b[31m"), "%s", t.s);
    free(t.s);
    brun_folded_release(&f);
}

Test(folded, top_table_of_an_empty_profile_says_no_samples)
{
    struct brun_folded f;
    brun_folded_init(&f);
    struct text t = top_text(&f, 5);
    cr_assert_str_eq(t.s, "no samples\n");
    free(t.s);
}

/* --- the SVG -------------------------------------------------------- */

Test(flamegraph, is_xml_with_a_titled_frame_per_function)
{
    struct brun_folded f;
    parse_ok(&f, "main;parse;lex 40\nmain;parse 10\nmain;eval;add 30\n"
                 "main;eval;mul 20\n");
    struct text svg = svg_text(NULL, &f, 0);
    cr_assert(strncmp(svg.s, "<?xml ", 6) == 0);
    struct frames fs = frames_of(&svg);
    cr_assert_eq(fs.count, 7);
    const char *names[] = {"all", "main", "parse", "lex", "eval", "add", "mul"};
    for (size_t i = 0; i < 7; i++) {
        const struct frame *fr = frame_named(&fs, names[i]);
        cr_assert(fr, "no <title> for %s", names[i]);
        cr_assert_str_eq(fr->label, names[i]);
    }
    cr_assert_str_eq(frame_named(&fs, "all")->title,
                     "all (100 samples, 100.00%)");
    cr_assert_str_eq(frame_named(&fs, "parse")->title,
                     "parse (50 samples, 50.00%)");
    cr_assert_str_eq(frame_named(&fs, "mul")->title,
                     "mul (20 samples, 20.00%)");
    /* Self-contained: the script, no external reference. */
    cr_assert_eq(occurrences(svg.s, "<script"), 1);
    cr_assert(strstr(svg.s, "Reset zoom"));
    cr_assert(strstr(svg.s, ">Search<"));
    cr_assert_null(strstr(svg.s, "href"));
    cr_assert_null(strstr(svg.s, "http://www.w3.org/1999/xlink"));
    cr_assert_eq(occurrences(svg.s, "http"), 1); /* the namespace only */
    frames_free(&fs);
    free(svg.s);
    brun_folded_release(&f);
}

Test(flamegraph, widths_are_proportional_to_counts)
{
    struct brun_folded f;
    parse_ok(&f, "main;big 2\nmain;small 1\n");
    struct text svg = svg_text(NULL, &f, 1000);
    struct frames fs = frames_of(&svg);
    const struct frame *all = frame_named(&fs, "all");
    const struct frame *big = frame_named(&fs, "big");
    const struct frame *small = frame_named(&fs, "small");
    cr_assert(all && big && small);
    cr_assert_float_eq(all->width, 980.0, 0.01); /* 1000 less 2 x 10 */
    cr_assert_float_eq(big->width, all->width * 2 / 3, 1.0);
    cr_assert_float_eq(small->width, all->width / 3, 1.0);
    /* Children in name order: big left of small, side by side. */
    cr_assert_float_eq(big->x, all->x, 0.01);
    cr_assert_float_eq(small->x, big->x + big->width, 0.02);
    frames_free(&fs);
    free(svg.s);
    brun_folded_release(&f);
}

Test(flamegraph, drops_frames_under_a_tenth_of_a_pixel_and_cuts_labels)
{
    struct brun_folded f;
    parse_ok(&f, "main;bulk 1000000\nmain;tiny 1\n"
                 "main;a_function_with_a_rather_long_name_indeed 100000\n");
    struct text svg = svg_text(NULL, &f, 1200);
    struct frames fs = frames_of(&svg);
    cr_assert_null(frame_named(&fs, "tiny"));
    /* Still counted in main. */
    cr_assert_str_eq(frame_named(&fs, "main")->title,
                     "main (1,100,001 samples, 100.00%)");
    /* 1180 px / 11 = 107.3 px: (107.3 - 6) / 7.2 = 14 characters. */
    const struct frame *lng =
        frame_named(&fs, "a_function_with_a_rather_long_name_indeed");
    cr_assert(lng);
    cr_assert_str_eq(lng->label, "a_function_w..");
    cr_assert_str_eq(frame_named(&fs, "bulk")->label, "bulk");
    frames_free(&fs);
    free(svg.s);
    brun_folded_release(&f);
}

Test(flamegraph, labels_need_room_for_the_name_or_three_characters)
{
    struct brun_folded f;
    /* 1180 px / 610 ~ 2 px: room for no character; "x" gets 19 px, room
     * for just its one. */
    parse_ok(&f, "main;wide 599\nmain;narrow 1\nmain;x 10\n");
    struct text svg = svg_text(NULL, &f, 1200);
    struct frames fs = frames_of(&svg);
    const struct frame *narrow = frame_named(&fs, "narrow");
    cr_assert(narrow, "a 2 px frame is still drawn");
    cr_assert_str_eq(narrow->label, "");
    cr_assert_str_eq(frame_named(&fs, "x")->label, "x");
    frames_free(&fs);
    free(svg.s);
    brun_folded_release(&f);
}

Test(flamegraph, hostile_names_are_escaped_everywhere)
{
    const char *hostile = "</title></g><script>alert(1)</script>]]>&\"'<x";
    struct brun_folded f;
    brun_folded_init(&f);
    char frames[256];
    snprintf(frames, sizeof frames, "main;%s", hostile);
    cr_assert_eq(brun_folded_add(&f, frames, 5), 0);
    cr_assert_eq(brun_folded_add(&f, "main;ctl\x01\x7f", 5), 0);
    struct brun_flamegraph_options o = {.title = "<script>alert('t')</script>",
                                        .subtitle = "a & b",
                                        .unit = "<u>",
                                        .width = 1200};
    struct text svg = {0};
    FILE *out = open_memstream(&svg.s, &svg.n);
    cr_assert_eq(brun_flamegraph_write(out, &f, &o), 0);
    fclose(out);
    cr_assert_eq(occurrences(svg.s, "<script"), 1, "a name added a script");
    cr_assert_null(strstr(svg.s, "<x"));
    cr_assert_null(strstr(svg.s, "<u>"));
    cr_assert_null(strchr(svg.s, '\x01'));
    struct frames fs = frames_of(&svg);
    const struct frame *h = frame_named(&fs, hostile);
    cr_assert(h, "the hostile name reads back from its <title>");
    cr_assert_str_eq(h->label, hostile);
    /* The control byte became U+FFFD; DEL is valid XML and stays. */
    cr_assert(frame_named(&fs, "ctl\xef\xbf\xbd\x7f"));
    frames_free(&fs);
    free(svg.s);
    brun_folded_release(&f);
}

Test(flamegraph, same_profile_gives_the_same_bytes)
{
    struct brun_folded a, b;
    parse_ok(&a, "main;x;y 3\nmain;b 2\nmain;a 1\nmain 4\n");
    parse_ok(&b, "main 4\nmain;a 1\nmain;x;y 3\nmain;b 2\n");
    struct text s1 = svg_text(NULL, &a, 0);
    struct text s2 = svg_text(NULL, &a, 0);
    struct text s3 = svg_text(NULL, &b, 0);
    cr_assert_eq(s1.n, s2.n);
    cr_assert(memcmp(s1.s, s2.s, s1.n) == 0);
    cr_assert_eq(s1.n, s3.n);
    cr_assert(memcmp(s1.s, s3.s, s1.n) == 0, "adding order changed bytes");
    struct text d1 = svg_text(&b, &a, 0);
    struct text d2 = svg_text(&b, &a, 0);
    cr_assert_eq(d1.n, d2.n);
    cr_assert(memcmp(d1.s, d2.s, d1.n) == 0);
    free(s1.s);
    free(s2.s);
    free(s3.s);
    free(d1.s);
    free(d2.s);
    brun_folded_release(&a);
    brun_folded_release(&b);
}

Test(flamegraph, same_name_gets_the_same_warm_colour)
{
    struct brun_folded f;
    parse_ok(&f, "main;work;leaf 1\nother;work 1\n");
    struct text svg = svg_text(NULL, &f, 0);
    struct frames fs = frames_of(&svg);
    const struct frame *w1 = NULL, *w2 = NULL;
    for (size_t i = 0; i < fs.count; i++) {
        if (strncmp(fs.v[i].title, "work (", 6) != 0)
            continue;
        if (!w1)
            w1 = &fs.v[i];
        else
            w2 = &fs.v[i];
    }
    cr_assert(w1 && w2);
    cr_assert(w1->r == w2->r && w1->g == w2->g && w1->b == w2->b);
    for (size_t i = 0; i < fs.count; i++)
        cr_assert(fs.v[i].r >= 200 && fs.v[i].b < 60,
                  "%s is not warm: rgb(%u,%u,%u)", fs.v[i].title, fs.v[i].r,
                  fs.v[i].g, fs.v[i].b);
    frames_free(&fs);
    free(svg.s);
    brun_folded_release(&f);
}

Test(flamegraph, empty_profile_is_a_valid_svg_saying_no_samples)
{
    struct brun_folded f;
    brun_folded_init(&f);
    struct text svg = svg_text(NULL, &f, 0);
    struct frames fs = frames_of(&svg);
    cr_assert_eq(fs.count, 0);
    cr_assert(strstr(svg.s, ">no samples<"));
    frames_free(&fs);
    free(svg.s);
    struct brun_folded g;
    parse_ok(&g, "main 0\n");
    svg = svg_text(&f, &g, 0);
    fs = frames_of(&svg);
    cr_assert_eq(fs.count, 0);
    cr_assert(strstr(svg.s, ">no samples<"));
    frames_free(&fs);
    free(svg.s);
    brun_folded_release(&g);
}

Test(flamegraph, diff_colours_grown_red_shrunk_blue_new_full_red)
{
    struct brun_folded before, after;
    /* Totals 100 and 200: after is normalised by half. */
    parse_ok(&before, "main;grow 20\nmain;shrink 60\nmain;same 20\n");
    parse_ok(&after,
             "main;grow 80\nmain;shrink 60\nmain;same 40\nmain;fresh 20\n");
    struct text svg = svg_text(&before, &after, 0);
    struct frames fs = frames_of(&svg);
    const struct frame *grow = frame_named(&fs, "grow");
    const struct frame *shrink = frame_named(&fs, "shrink");
    const struct frame *same = frame_named(&fs, "same");
    const struct frame *fresh = frame_named(&fs, "fresh");
    cr_assert(grow && shrink && same && fresh);
    /* grow: 40 -> 80 of 200 (k = 0.5); shrink: 120 -> 60. */
    cr_assert(grow->r > grow->b + 80 && grow->r > grow->g + 80,
              "grow rgb(%u,%u,%u)", grow->r, grow->g, grow->b);
    cr_assert(shrink->b > shrink->r + 80 && shrink->b > shrink->g + 80,
              "shrink rgb(%u,%u,%u)", shrink->r, shrink->g, shrink->b);
    /* same: 40 -> 40 once normalised: grey. */
    cr_assert(same->r == same->g && same->g == same->b && same->r >= 200,
              "same rgb(%u,%u,%u)", same->r, same->g, same->b);
    cr_assert(fresh->r == 255 && fresh->g == 0 && fresh->b == 0,
              "fresh rgb(%u,%u,%u)", fresh->r, fresh->g, fresh->b);
    cr_assert_str_eq(grow->title,
                     "grow (before 20, after 80 samples, +100.00%)");
    cr_assert_str_eq(shrink->title,
                     "shrink (before 60, after 60 samples, -50.00%)");
    cr_assert_str_eq(fresh->title, "fresh (before 0, after 20 samples, new)");
    /* The shape is after's. */
    cr_assert_float_eq(grow->width, 1180.0 * 80 / 200, 1.0);
    frames_free(&fs);
    free(svg.s);
    brun_folded_release(&before);
    brun_folded_release(&after);
}

Test(flamegraph, diff_matches_frames_by_their_whole_stack)
{
    struct brun_folded before, after;
    /* "leaf" under a moves to under b: the same name, another stack. */
    parse_ok(&before, "main;a;leaf 10\nmain;b 10\n");
    parse_ok(&after, "main;a 10\nmain;b;leaf 10\n");
    struct text svg = svg_text(&before, &after, 0);
    struct frames fs = frames_of(&svg);
    const struct frame *leaf = frame_named(&fs, "leaf");
    cr_assert(leaf);
    cr_assert_str_eq(leaf->title, "leaf (before 0, after 10 samples, new)");
    const struct frame *a = frame_named(&fs, "a");
    cr_assert_str_eq(a->title, "a (before 10, after 10 samples, +0.00%)");
    frames_free(&fs);
    free(svg.s);
    brun_folded_release(&before);
    brun_folded_release(&after);
}
