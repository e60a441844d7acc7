/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * test_html.c: the HTML report (reports/html/html.c), without golden
 * files.  In process, the page of each hand-made model
 * (tests/fixtures/reports/models.c, plus a scaling family built here)
 * is parsed with libxml2's HTML parser and checked: no parse error (the
 * HTML5 and SVG element names a parser of HTML 4 does not know aside),
 * nothing fetched from anywhere, one <svg class="plot"> per case, the
 * hostile names escaped, the summary in name order, the SLO bands, the
 * change's interval, the metric panels and the scaling fit where the
 * model has them.  In a real browser, when Debian's chromium is
 * installed: the compare model's page runs headless with no console
 * message, its DOM keeps one plot per case and every row once the script
 * sorted the table, and a screenshot of it is kept as a test artifact at
 * html_report.png in the build tree's tests folder.  End to end: the real benchrun
 * writes --html FILE and --html - for an example bench.
 */
#include "config.h"

#include <criterion/criterion.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "reports/html/html.h"
#include "tests/fixtures/reports/models.h"
#include "tests/helpers.h"

static char *render(const struct brun_results *r, size_t *size)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    cr_assert_not_null(f);
    brun_html_write_results(f, r);
    cr_assert_eq(fclose(f), 0);
    if (size)
        *size = n;
    return buf;
}

/* ---- Parsing ------------------------------------------------------------ */

/* Elements of HTML5 and SVG that libxml2's HTML 4 parser calls unknown;
 * any other error is the page's. */
static const char *const html5_tags[] = {
    "section", "svg",   "circle",   "line",    "rect",    "text",
    "g",       "title", "polyline", "details", "summary", "main"};

static char parse_errors[4096];

static void collect_error(void *ctx, xmlErrorPtr e)
{
    (void)ctx;
    if (e->code == XML_HTML_UNKNOWN_TAG && e->str1) {
        for (size_t i = 0; i < sizeof html5_tags / sizeof html5_tags[0]; i++)
            if (strcmp(e->str1, html5_tags[i]) == 0)
                return;
    }
    size_t used = strlen(parse_errors);
    snprintf(parse_errors + used, sizeof parse_errors - used, "line %d: %s",
             e->line, e->message ? e->message : "?");
}

static htmlDocPtr parse(const char *html, size_t size)
{
    parse_errors[0] = '\0';
    xmlSetStructuredErrorFunc(NULL, collect_error);
    htmlDocPtr doc = htmlReadMemory(html, (int)size, "report.html", "UTF-8",
                                    HTML_PARSE_NONET);
    xmlSetStructuredErrorFunc(NULL, NULL);
    cr_assert_not_null(doc, "the page does not parse");
    cr_expect_str_empty(parse_errors, "parse errors: %s", parse_errors);
    return doc;
}

static int has_class(xmlNodePtr n, const char *cls)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)"class");
    int yes = v && strcmp((const char *)v, cls) == 0;
    xmlFree(v);
    return yes;
}

/* Elements named tag (with class cls when not NULL) under n, in
 * document order, into found (at most max); returns how many there are. */
static size_t find(xmlNodePtr n, const char *tag, const char *cls,
                   xmlNodePtr *found, size_t max)
{
    size_t count = 0;
    for (xmlNodePtr c = n; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE &&
            strcmp((const char *)c->name, tag) == 0 &&
            (!cls || has_class(c, cls))) {
            if (found && count < max)
                found[count] = c;
            count++;
        }
        if (c->children) {
            size_t more =
                find(c->children, tag, cls,
                     found ? found + (count < max ? count : max) : NULL,
                     count < max ? max - count : 0);
            count += more;
        }
    }
    return count;
}

static size_t count_in(xmlNodePtr n, const char *tag, const char *cls)
{
    return find(n->children, tag, cls, NULL, 0);
}

static char *prop(xmlNodePtr n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    cr_assert_not_null(v, "no %s attribute", name);
    char *s = strdup((const char *)v);
    xmlFree(v);
    return s;
}

/* The plot whose data-case is name (the first one), or NULL. */
static xmlNodePtr plot_of(htmlDocPtr doc, const char *name)
{
    xmlNodePtr plots[64];
    size_t n = find(xmlDocGetRootElement(doc), "svg", "plot", plots, 64);
    for (size_t i = 0; i < n && i < 64; i++) {
        char *v = prop(plots[i], "data-case");
        int same = strcmp(v, name) == 0;
        free(v);
        if (same)
            return plots[i];
    }
    return NULL;
}

/* ---- What every page must be -------------------------------------------- */

/* s with every occurrence of the HTML of each of the model's strings
 * (what the user gave) cut out. */
static void cut(char *s, const char *user)
{
    char *esc = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&esc, &n);
    brun_html_escape(f, user, 0);
    fclose(f);
    if (n > 0)
        for (char *p; (p = strstr(s, esc));)
            memmove(p, p + n, strlen(p + n) + 1);
    free(esc);
}

static void check_self_contained(const struct brun_results *r, const char *html)
{
    char *rest = strdup(html);
    for (size_t i = 0; i < r->case_count; i++) {
        cut(rest, r->cases[i].name);
        cut(rest, r->cases[i].reason);
    }
    for (size_t i = 0; i < r->target_count; i++)
        cut(rest, r->targets[i].path);
    for (size_t i = 0; i < r->context.warning_count; i++)
        cut(rest, r->context.warnings[i]);
    cr_expect_null(strstr(rest, "http://"), "a URL of its own: %s",
                   strstr(rest, "http://"));
    cr_expect_null(strstr(rest, "https://"), "a URL of its own");
    cr_expect_null(strstr(rest, "<link"), "a <link>");
    cr_expect_null(strstr(rest, "<script src"), "an external script");
    cr_expect_null(strstr(rest, "src="), "an external resource");
    cr_expect_null(strstr(rest, "url("), "a URL in the style");
    cr_expect_null(strstr(rest, "@import"), "an imported style");
    cr_expect_eq(count_occurrences(html, "<script"), 1,
                 "one script, the page's own");
    free(rest);
}

/* Every check that holds for any model; returns the parsed page. */
static htmlDocPtr check_page(const struct brun_results *r, char **html_out)
{
    size_t size;
    char *html = render(r, &size);
    cr_assert_eq(strlen(html), size, "a NUL byte in the page");
    htmlDocPtr doc = parse(html, size);
    check_self_contained(r, html);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    cr_expect_eq(count_in(root, "svg", "plot"), r->case_count,
                 "one plot per case");
    /* Same model, same bytes. */
    char *again = render(r, NULL);
    cr_expect_str_eq(again, html, "the page changes between two writes");
    free(again);
    if (html_out)
        *html_out = html;
    else
        free(html);
    return doc;
}

Test(html, plain_model_parses_and_holds_one_plot_per_case)
{
    struct brun_results r = {0};
    report_model_plain(&r);
    xmlFreeDoc(check_page(&r, NULL));
}

Test(html, compare_model_parses_and_holds_one_plot_per_case)
{
    struct brun_results r = {0};
    report_model_compare(&r);
    xmlFreeDoc(check_page(&r, NULL));
}

Test(html, metrics_model_parses_and_holds_one_plot_per_case)
{
    struct brun_results r = {0};
    report_model_metrics(&r);
    xmlFreeDoc(check_page(&r, NULL));
}

Test(html, an_empty_run_is_a_page_too)
{
    struct brun_results r = {0};
    r.context.benchrun_version = "0.1.0";
    xmlFreeDoc(check_page(&r, NULL));
}

Test(html, hostile_names_are_text_not_markup)
{
    struct brun_results r = {0};
    char *html;
    report_model_plain(&r);
    htmlDocPtr doc = check_page(&r, &html);
    cr_expect_null(strstr(html, "<script>alert"), "a case name ran as HTML");
    cr_expect_null(strstr(html, "<b>expect"), "a warning became markup");
    cr_expect_not_null(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    /* The name reads back as itself, in the heading and the attribute. */
    const char *name = r.cases[PLAIN_HTML].name;
    cr_expect_not_null(plot_of(doc, name), "no plot for %s", name);
    xmlNodePtr heads[64];
    size_t n = find(xmlDocGetRootElement(doc), "h3", NULL, heads, 64);
    int seen = 0;
    for (size_t i = 0; i < n && i < 64; i++) {
        xmlChar *t = xmlNodeGetContent(heads[i]);
        seen |= strcmp((const char *)t, name) == 0;
        xmlFree(t);
    }
    cr_expect(seen, "no heading reads %s", name);
    /* A line break in a name stays on one line, visibly. */
    cr_expect_null(strstr(html, "line1\nline2"));
    cr_expect_not_null(strstr(html, "line1\xE2\x90\x8Aline2"));
    free(html);
    xmlFreeDoc(doc);
}

Test(html, hostile_function_names_are_escaped)
{
    struct brun_results r = {0};
    char *html;
    report_model_metrics(&r);
    xmlFreeDoc(check_page(&r, &html));
    cr_expect_null(strstr(html, METRICS_HOSTILE_FUNCTION));
    cr_expect_not_null(strstr(html, "operator&lt;&lt;(std::ostream&amp;, T*)"));
    free(html);
}

Test(html, the_summary_rows_are_in_name_order_without_the_script)
{
    struct brun_results r = {0};
    report_model_compare(&r);
    htmlDocPtr doc = check_page(&r, NULL);
    xmlNodePtr rows[64];
    xmlNodePtr root = xmlDocGetRootElement(doc);
    xmlNodePtr tables[4];
    cr_assert_eq(find(root, "table", "sortable", tables, 4), 1);
    xmlNodePtr body[1];
    cr_assert_eq(find(tables[0]->children, "tbody", NULL, body, 1), 1);
    size_t n = find(body[0]->children, "tr", NULL, rows, 64);
    cr_assert_eq(n, r.case_count, "one row per case");
    char *last = NULL;
    for (size_t i = 0; i < n; i++) {
        xmlNodePtr cell[1];
        cr_assert_eq(find(rows[i]->children, "td", NULL, cell, 1) > 0, 1);
        char *v = prop(cell[0], "data-v");
        if (last)
            cr_expect_leq(strcmp(last, v), 0, "%s before %s", last, v);
        free(last);
        last = v;
    }
    free(last);
    xmlFreeDoc(doc);
}

Test(html, slo_bands_lie_behind_the_plots_of_cases_with_a_budget)
{
    struct brun_results r = {0};
    report_model_compare(&r);
    htmlDocPtr doc = check_page(&r, NULL);
    /* hash/regressed: critical at 80 ns, warning at 40 ns, data at 100. */
    xmlNodePtr p = plot_of(doc, "hash/regressed");
    cr_assert_not_null(p);
    cr_expect_eq(count_in(p, "rect", "band-c"), 1);
    cr_expect_eq(count_in(p, "rect", "band-w"), 1);
    /* hash/fails has no budget. */
    p = plot_of(doc, "hash/fails");
    cr_assert_not_null(p);
    cr_expect_eq(count_in(p, "rect", "band-c") + count_in(p, "rect", "band-w"),
                 0);
    xmlFreeDoc(doc);
}

Test(html, a_compared_case_shows_its_rounds_and_the_changes_interval)
{
    static struct brun_round_result base[4];
    struct brun_results r = {0};
    report_model_compare(&r);
    for (size_t k = 0; k < 4; k++) {
        base[k].index = (unsigned)k;
        base[k].estimate_ns = 1000 + 8 * (double)k;
    }
    r.cases[0].comparison->baseline_rounds = base;
    r.cases[0].comparison->baseline_round_count = 4;
    htmlDocPtr doc = check_page(&r, NULL);
    xmlNodePtr p = plot_of(doc, "hash/fails");
    cr_assert_not_null(p);
    cr_expect_eq(count_in(p, "circle", "base"), 4, "the baseline's rounds");
    cr_expect_eq(count_in(p, "circle", "new"), r.cases[0].round_count);
    cr_expect_eq(count_in(p, "g", "interval"), 1, "the change's interval");
    /* The interval's bar spans baseline x [ci_lo, ci_hi]: its ends lie
     * apart, the upper one higher up (smaller y). */
    xmlNodePtr g[1], lines[4];
    cr_assert_eq(find(p->children, "g", "interval", g, 1), 1);
    cr_assert_eq(find(g[0]->children, "line", "ci", lines, 4), 4);
    char *y1 = prop(lines[0], "y1"), *y2 = prop(lines[0], "y2");
    cr_expect_gt(atof(y1), atof(y2) + 10, "bar from %s to %s", y1, y2);
    free(y1);
    free(y2);
    /* A new case has no baseline: no interval, no baseline dots. */
    p = plot_of(doc, "hash/new");
    cr_assert_not_null(p);
    cr_expect_eq(count_in(p, "g", "interval"), 0);
    cr_expect_eq(count_in(p, "circle", "base"), 0);
    cr_expect_eq(count_in(p, "g", "own-ci"), 1, "its own interval instead");
    xmlFreeDoc(doc);
}

Test(html, metric_panels_show_the_baselines_value_and_the_change)
{
    struct brun_results r = {0};
    char *html;
    report_model_metrics(&r);
    htmlDocPtr doc = check_page(&r, &html);
    xmlNodePtr tables[16];
    size_t n = find(xmlDocGetRootElement(doc), "table", "metrics", tables, 16);
    cr_expect_geq(n, 3, "a panel for each case with metrics");
    cr_assert_gt(n, 0);
    xmlChar *t = xmlNodeGetContent(tables[0]);
    cr_expect_not_null(strstr((const char *)t, "instructions"), "%s", t);
    cr_expect_not_null(strstr((const char *)t, "(exact)"), "%s", t);
    cr_expect_not_null(strstr((const char *)t, "callgrind"), "%s", t);
    xmlFree(t);
    free(html);
    xmlFreeDoc(doc);
}

Test(html, user_counters_have_a_panel_with_their_change)
{
    struct brun_results r = {0};
    char *html;
    report_model_compare(&r);
    /* One counter on the first case, 3 -> 6 per iteration. */
    struct brun_user_counter now = {
        .name = "hits<b>", .kind = BRUN_COUNTER_KIND_PER_ITERATION, .value = 6};
    struct brun_counter_change change = {.valid = 1,
                                         .baseline = 3,
                                         .ratio = 2,
                                         .lo = 2,
                                         .hi = 2,
                                         .exact = 1,
                                         .label = BRUN_LABEL_REGRESSED};
    struct brun_case_result *c = &r.cases[0];
    cr_assert_not_null(c->comparison);
    c->counters = &now;
    c->counter_count = 1;
    c->comparison->counter_changes = &change;
    c->comparison->counter_change_count = 1;
    htmlDocPtr doc = check_page(&r, &html);
    cr_expect_null(strstr(html, "hits<b>"), "the name is escaped");
    xmlNodePtr tables[16];
    size_t n = find(xmlDocGetRootElement(doc), "table", "metrics counters",
                    tables, 16);
    cr_assert_eq(n, 1);
    xmlChar *t = xmlNodeGetContent(tables[0]);
    cr_expect_not_null(strstr((const char *)t, "hits<b>"), "%s", t);
    cr_expect_not_null(strstr((const char *)t, "per_iteration"), "%s", t);
    cr_expect_not_null(strstr((const char *)t, "+100"), "%s", t);
    xmlFree(t);
    free(html);
    xmlFreeDoc(doc);
}

/* A family of three instances, N = 10, 100, 1000, with time 5 + 2 N ns,
 * and its linear fit. */
static struct brun_case_result family_cases[3];
static struct brun_round_result family_rounds[3][3];
static size_t family_index[3] = {0, 1, 2};
static double family_n[3] = {10, 100, 1000};
static struct brun_scaling family;

static void scaling_model(struct brun_results *r)
{
    static char *names[3] = {"sort/n/10", "sort/n/100", "sort/n/1000"};
    memset(r, 0, sizeof *r);
    r->context.benchrun_version = "0.1.0";
    for (size_t i = 0; i < 3; i++) {
        struct brun_case_result *c = &family_cases[i];
        memset(c, 0, sizeof *c);
        c->name = names[i];
        c->status = BRUN_STATUS_OK;
        c->parameterized = 1;
        c->arg = (long long)family_n[i];
        c->arg_name = "elements <&>";
        for (size_t k = 0; k < 3; k++) {
            family_rounds[i][k].index = (unsigned)k;
            family_rounds[i][k].estimate_ns =
                (5 + 2 * family_n[i]) * (1 + 0.01 * ((double)k - 1));
        }
        c->rounds = family_rounds[i];
        c->round_count = 3;
        c->samples_summary.mean = 5 + 2 * family_n[i];
        c->samples_summary.median = c->samples_summary.mean;
        c->ci_low_ns = c->samples_summary.mean * 0.99;
        c->ci_high_ns = c->samples_summary.mean * 1.01;
    }
    memset(&family, 0, sizeof family);
    family.family = "sort/n";
    family.arg_name = "elements <&>";
    family.cases = family_index;
    family.n = family_n;
    family.case_count = 3;
    family.best = (struct brun_fit){.valid = 1,
                                    .shape = BRUN_O_N,
                                    .intercept_ns = 5,
                                    .per_item_ns = 2,
                                    .per_item_lo = 1.9,
                                    .per_item_hi = 2.1,
                                    .r2 = 0.999,
                                    .points = 9};
    family.fits[BRUN_O_N] = family.best;
    r->cases = family_cases;
    r->case_count = 3;
    r->scalings = &family;
    r->scaling_count = 1;
}

Test(html, a_family_is_plotted_with_its_fit_and_named_axes)
{
    struct brun_results r;
    char *html;
    scaling_model(&r);
    htmlDocPtr doc = check_page(&r, &html);
    xmlNodePtr plots[2];
    cr_assert_eq(find(xmlDocGetRootElement(doc), "svg", "scaling", plots, 2), 1,
                 "one plot per family");
    char *fam = prop(plots[0], "data-family");
    cr_expect_str_eq(fam, "sort/n");
    free(fam);
    cr_expect_eq(count_in(plots[0], "polyline", "fit"), 1, "the fit");
    cr_expect_eq(count_in(plots[0], "circle", "pt"), 9, "every round");
    xmlChar *t = xmlNodeGetContent(plots[0]);
    cr_expect_not_null(strstr((const char *)t, "N (elements <&>), log scale"),
                       "%s", t);
    cr_expect_not_null(strstr((const char *)t, "time per iteration"));
    xmlFree(t);
    cr_expect_not_null(strstr(html, "best fit O(N) (linear)"));
    cr_expect_null(strstr(html, "elements <&>"), "the unit is escaped");
    free(html);
    xmlFreeDoc(doc);
}

/* ---- In a real browser ------------------------------------------------ */

#define CHROMIUM "/usr/bin/chromium"

static void write_file(const char *path, const char *s)
{
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f, "cannot write %s", path);
    fputs(s, f);
    cr_assert_eq(fclose(f), 0);
}

/* Lines of a chromium log that come from the page: console messages and
 * uncaught exceptions ("INFO:CONSOLE:1] \"...\", source: ..."). */
static size_t page_messages(const char *log, char *first, size_t size)
{
    size_t n = 0;
    first[0] = '\0';
    for (const char *p = log; p && *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        char line[1024];
        snprintf(line, sizeof line, "%.*s", (int)(len < 1000 ? len : 1000), p);
        if (strstr(line, "CONSOLE") || strstr(line, "Uncaught")) {
            if (n++ == 0)
                snprintf(first, size, "%s", line);
        }
        p = nl ? nl + 1 : NULL;
    }
    return n;
}

Test(html, chromium_runs_the_page_without_a_console_message, .timeout = 200)
{
    if (access(CHROMIUM, X_OK) != 0)
        cr_skip_test("chromium is not installed (apt-get install chromium)");
    struct brun_results r = {0};
    report_model_compare(&r);
    char *html = render(&r, NULL);
    char *dir = make_scratch_dir();
    char page[4200], url[4300], shot[4300];
    snprintf(page, sizeof page, "%s/report.html", dir);
    write_file(page, html);
    /* Sort by the change (column 7 with two targets), largest first. */
    snprintf(url, sizeof url, "file://%s#sort=-7", page);
    char *dom_argv[] = {CHROMIUM,
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--enable-logging=stderr",
                        "--v=0",
                        "--virtual-time-budget=2000",
                        "--dump-dom",
                        url,
                        NULL};
    struct command_result run;
    cr_assert_eq(run_command(dom_argv, NULL, 90, &run), 0);
    cr_assert_eq(run.status, 0, "chromium exit %d: %s", run.status, run.err);
    char first[1024];
    size_t messages = page_messages(run.err, first, sizeof first);
    cr_expect_eq(messages, 0, "%zu console messages, first: %s", messages,
                 first);
    cr_expect_eq(count_occurrences(run.out, "<svg class=\"plot\""),
                 r.case_count, "one plot per case in the DOM");
    cr_expect_not_null(strstr(run.out, "data-sorted=\"7 descending\""),
                       "the script did not sort the table");
    /* Every row is still there, largest change first. */
    const char *tbody = strstr(run.out, "<tbody>");
    cr_assert_not_null(tbody);
    const char *end = strstr(tbody, "</tbody>");
    cr_assert_not_null(end);
    char *rows = strndup(tbody, (size_t)(end - tbody));
    cr_expect_eq(count_occurrences(rows, "<tr "), r.case_count);
    const char *fails = strstr(rows, "#case-0\""); /* +25 % */
    const char *regressed = strstr(rows, "#case-1\"");
    const char *improved = strstr(rows, "#case-2\"");
    cr_assert(fails && regressed && improved);
    cr_expect(fails < regressed && regressed < improved,
              "not sorted by change, largest first");
    free(rows);
    command_result_free(&run);

    /* The screenshot, kept for people to look at. */
    snprintf(shot, sizeof shot, "--screenshot=%s",
             build_path("tests/html_report.png"));
    snprintf(url, sizeof url, "file://%s", page);
    char *shot_argv[] = {CHROMIUM,
                         "--headless",
                         "--no-sandbox",
                         "--disable-gpu",
                         "--hide-scrollbars",
                         "--window-size=1280,2400",
                         shot,
                         url,
                         NULL};
    unlink(build_path("tests/html_report.png"));
    cr_assert_eq(run_command(shot_argv, NULL, 90, &run), 0);
    cr_expect_eq(run.status, 0, "chromium exit %d: %s", run.status, run.err);
    command_result_free(&run);
    FILE *png = fopen(build_path("tests/html_report.png"), "rb");
    cr_assert_not_null(png, "no screenshot");
    unsigned char magic[8] = {0};
    cr_expect_eq(fread(magic, 1, 8, png), 8);
    fclose(png);
    cr_expect_eq(memcmp(magic, "\x89PNG\r\n\x1a\n", 8), 0, "not a PNG");
    unlink(page);
    rmdir(dir);
    free(dir);
    free(html);
}

/* ---- End to end ----------------------------------------------------- */

#define FAST \
    "--rounds", "2", "--samples", "2", "--warmup", "0", "--sample-time", "1ms"

static char *read_all(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "no %s", path);
    char *buf = NULL;
    size_t n = 0;
    FILE *m = open_memstream(&buf, &n);
    char chunk[4096];
    for (size_t got; (got = fread(chunk, 1, sizeof chunk, f)) > 0;)
        fwrite(chunk, 1, got, m);
    fclose(f);
    fclose(m);
    *size = n;
    return buf;
}

static void expect_report_of_memcpy(const char *html, size_t size)
{
    htmlDocPtr doc = parse(html, size);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    size_t plots = count_in(root, "svg", "plot");
    cr_expect_eq(plots, count_occurrences(html, "<tr data-i="),
                 "one plot per row");
    cr_expect_geq(plots, 2, "the memcpy cases");
    cr_expect_not_null(plot_of(doc, "memory/memcpy/64"));
    cr_expect_null(strstr(html, "http"));
    xmlFreeDoc(doc);
}

Test(html, benchrun_writes_html_to_a_file, .timeout = 120)
{
    char *dir = make_scratch_dir();
    char path[4200];
    snprintf(path, sizeof path, "%s/report.html", dir);
    char *argv[] = {(char *)strdup(build_path("runner/benchrun")),
                    (char *)strdup(build_path("examples/memcpy")),
                    FAST,
                    "-q",
                    "--html",
                    path,
                    NULL};
    struct command_result run;
    cr_assert_eq(run_command(argv, NULL, 100, &run), 0);
    cr_expect_eq(run.status, 0, "exit %d: %s", run.status, run.err);
    size_t size;
    char *html = read_all(path, &size);
    expect_report_of_memcpy(html, size);
    free(html);
    command_result_free(&run);
    unlink(path);
    rmdir(dir);
    free(dir);
    free(argv[0]);
    free(argv[1]);
}

Test(html, benchrun_writes_html_to_stdout_with_a_dash, .timeout = 120)
{
    char *argv[] = {(char *)strdup(build_path("runner/benchrun")),
                    (char *)strdup(build_path("examples/memcpy")),
                    FAST,
                    "--html",
                    "-",
                    NULL};
    struct command_result run;
    cr_assert_eq(run_command(argv, NULL, 100, &run), 0);
    cr_expect_eq(run.status, 0, "exit %d: %s", run.status, run.err);
    cr_expect_eq(strncmp(run.out, "<!DOCTYPE html>", 15), 0,
                 "stdout carries the page alone: %.80s", run.out);
    expect_report_of_memcpy(run.out, strlen(run.out));
    cr_expect_not_null(strstr(run.err, "memory/memcpy/64"),
                       "the console report went to stderr");
    command_result_free(&run);
    free(argv[0]);
    free(argv[1]);
}
