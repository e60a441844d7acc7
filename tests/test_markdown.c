/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * test_markdown.c: the Markdown report (reports/markdown/markdown.c) and its
 * escaping (reports/text/escape.c).
 *
 * The reports of the hand-made models in tests/fixtures/reports/models.c
 * are compared byte for byte with tests/fixtures/reports/markdown_*.golden;
 * after an intended change, regenerate them with
 *     BENCHRUN_UPDATE_GOLDEN=1 make check
 * and review the diff.  The rest checks structure rather than bytes: every
 * table row has as many cells as its header under both ways renderers
 * split rows (cmark-gfm, used by GitHub and GitLab, pairs a backslash
 * with any punctuation; markdown-it looks at the one character before a
 * pipe), hostile names come back out of their code spans intact, and
 * nothing outside a code span is HTML or an @mention.
 */
#include "config.h"

#include <criterion/criterion.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "reports/text/escape.h"
#include "reports/markdown/markdown.h"
#include "tests/fixtures/reports/golden.h"
#include "tests/fixtures/reports/models.h"

static void write_default(FILE *f, const void *ctx)
{
    brun_markdown_write(f, ctx, NULL);
}

static void write_minimal(FILE *f, const void *ctx)
{
    struct brun_markdown_options o;
    brun_markdown_options_init(&o);
    o.title = "Perf: `x` & *y* <z>";
    o.environment = 0;
    o.method = 0;
    brun_markdown_write(f, ctx, &o);
}

static struct output plain_report(void)
{
    struct brun_results r;
    report_model_plain(&r);
    return capture(write_default, &r);
}

static struct output compare_report(void)
{
    struct brun_results r;
    report_model_compare(&r);
    return capture(write_default, &r);
}

/* ---- Structure: cells, code spans. ---- */

static int is_punct(char c)
{
    return c && strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) != NULL;
}

/* Cell delimiters of a table row as cmark-gfm counts them. */
static size_t pipes_cmark(const char *line, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (line[i] == '\\' && i + 1 < len && is_punct(line[i + 1]))
            i++;
        else if (line[i] == '|')
            n++;
    }
    return n;
}

/* ... and as markdown-it counts them. */
static size_t pipes_markdown_it(const char *line, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (line[i] == '|' && (i == 0 || line[i - 1] != '\\'))
            n++;
    return n;
}

/* Calls row(line, len, header_pipes, ctx) for every data row of every
 * table; returns the number of rows. */
static size_t each_row(const char *text,
                       void (*row)(const char *, size_t, size_t, void *),
                       void *ctx)
{
    size_t rows = 0, header = 0;
    int in_table = 0, line_in_table = 0;
    for (const char *p = text; *p;) {
        size_t len = strcspn(p, "\n");
        if (len >= 2 && p[0] == '|' && p[1] == ' ') {
            if (!in_table) {
                header = pipes_cmark(p, len);
                in_table = 1;
                line_in_table = 0;
            } else if (++line_in_table >= 2) {
                rows++;
                if (row)
                    row(p, len, header, ctx);
            }
        } else {
            in_table = 0;
        }
        p += len + (p[len] == '\n');
    }
    return rows;
}

static void check_cell_count(const char *line, size_t len, size_t header,
                             void *ctx)
{
    (void)ctx;
    cr_assert_eq(pipes_cmark(line, len), header, "cmark-gfm cells: %.*s",
                 (int)len, line);
    cr_assert_eq(pipes_markdown_it(line, len), header,
                 "markdown-it cells: %.*s", (int)len, line);
}

/* The content of the code span at the start of s (after GFM's table
 * unescaping when in_table), or NULL; *end is set past it. */
static char *code_span(const char *s, size_t len, int in_table, size_t *end)
{
    char *cell = malloc(len + 1);
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (in_table && s[i] == '\\' && i + 1 < len && s[i + 1] == '|')
            continue;
        cell[n++] = s[i];
    }
    cell[n] = '\0';
    size_t fence = strspn(cell, "`");
    if (fence == 0) {
        free(cell);
        return NULL;
    }
    /* The closing run: exactly `fence` backticks. */
    for (size_t i = fence; i < n;) {
        size_t run = strspn(cell + i, "`");
        if (run == fence) {
            size_t a = fence, b = i;
            int all_spaces = 1;
            for (size_t k = a; k < b; k++)
                all_spaces &= cell[k] == ' ';
            if (b - a >= 2 && cell[a] == ' ' && cell[b - 1] == ' ' &&
                !all_spaces) {
                a++;
                b--;
            }
            char *content = strndup(cell + a, b - a);
            /* Where the span ends in s: count what was dropped. */
            size_t consumed = 0, kept = 0;
            while (kept < i + run && consumed < len) {
                if (in_table && s[consumed] == '\\' && consumed + 1 < len &&
                    s[consumed + 1] == '|')
                    consumed++;
                else {
                    consumed++;
                    kept++;
                }
            }
            *end = consumed;
            free(cell);
            return content;
        }
        i += run ? run : 1;
    }
    free(cell);
    return NULL;
}

/* The text of the report outside code spans, with every code span
 * replaced by one space. */
static char *outside_code(const char *text)
{
    size_t len = strlen(text);
    char *out = malloc(len + 1);
    size_t n = 0;
    for (const char *p = text; *p;) {
        int in_table = p[0] == '|';
        size_t line = strcspn(p, "\n");
        for (size_t i = 0; i < line;) {
            size_t end;
            char *content;
            if (p[i] == '`' &&
                (content = code_span(p + i, line - i, in_table, &end))) {
                free(content);
                out[n++] = ' ';
                i += end;
            } else {
                out[n++] = p[i++];
            }
        }
        if (p[line] == '\n')
            out[n++] = '\n';
        p += line + (p[line] == '\n');
    }
    out[n] = '\0';
    return out;
}

struct names {
    char *decoded[32];
    size_t count;
};

static void collect_name(const char *line, size_t len, size_t header, void *ctx)
{
    struct names *names = ctx;
    size_t end;
    (void)header;
    cr_assert(len > 2);
    char *name = code_span(line + 2, len - 2, 1, &end);
    cr_assert_not_null(name, "no code span in %.*s", (int)len, line);
    cr_assert_lt(names->count, 32);
    names->decoded[names->count++] = name;
}

static int has_name(const struct names *names, const char *name)
{
    for (size_t i = 0; i < names->count; i++)
        if (strcmp(names->decoded[i], name) == 0)
            return 1;
    return 0;
}

/* ---- Tests. ---- */

Test(markdown, plain_report_matches_golden)
{
    struct output out = plain_report();
    golden_check("markdown_plain", &out);
    free(out.text);
}

Test(markdown, comparison_report_matches_golden)
{
    struct output out = compare_report();
    golden_check("markdown_compare", &out);
    free(out.text);
}

Test(markdown, options_leave_out_environment_and_method)
{
    struct brun_results r;
    report_model_plain(&r);
    struct output out = capture(write_minimal, &r);
    golden_check("markdown_minimal", &out);
    cr_assert_null(strstr(out.text, "## Environment"));
    cr_assert_null(strstr(out.text, "## Method"));
    static const char title[] = "# Perf\\: \\`x\\` \\& \\*y\\* \\<z\\>\n";
    cr_assert(strncmp(out.text, title, sizeof title - 1) == 0,
              "title escaped: %.40s", out.text);
    free(out.text);
}

Test(markdown, options_init_sets_the_defaults)
{
    struct brun_markdown_options o = {"x", 0, 0, BRUN_MARKDOWN_COMPONENTS};
    brun_markdown_options_init(&o);
    cr_assert_null(o.title);
    cr_assert_eq(o.environment, 1);
    cr_assert_eq(o.method, 1);
    cr_assert_eq(o.layout, BRUN_MARKDOWN_TABLE);
    enum brun_markdown_layout layout = BRUN_MARKDOWN_TABLE;
    cr_assert_eq(brun_markdown_layout_parse("components", &layout), 0);
    cr_assert_eq(layout, BRUN_MARKDOWN_COMPONENTS);
    cr_assert_eq(brun_markdown_layout_parse("table", &layout), 0);
    cr_assert_eq(layout, BRUN_MARKDOWN_TABLE);
    cr_assert_eq(brun_markdown_layout_parse("Table", &layout), -1);
    cr_assert_eq(brun_markdown_layout_parse(NULL, &layout), -1);
}

Test(markdown, every_row_has_as_many_cells_as_its_header)
{
    struct output outs[2] = {plain_report(), compare_report()};
    size_t expected[2] = {PLAIN_CASES, COMPARE_CASES + COMPARE_MISSING};
    for (int i = 0; i < 2; i++) {
        size_t rows = each_row(outs[i].text, check_cell_count, NULL);
        cr_assert_eq(rows, expected[i], "one row per case: %zu", rows);
        free(outs[i].text);
    }
}

Test(markdown, hostile_names_survive_their_code_spans)
{
    struct output out = plain_report();
    struct names names = {{NULL}, 0};
    struct brun_results r;
    each_row(out.text, collect_name, &names);
    report_model_plain(&r);
    cr_assert_eq(names.count, PLAIN_CASES);
    /* Shown byte for byte. */
    static const size_t exact[] = {0,          PLAIN_PIPE,    PLAIN_BACKTICK,
                                   PLAIN_HTML, PLAIN_MENTION, PLAIN_UNICODE,
                                   PLAIN_LONG, PLAIN_CRASH,   PLAIN_SKIPPED};
    for (size_t i = 0; i < sizeof exact / sizeof exact[0]; i++)
        cr_assert(has_name(&names, r.cases[exact[i]].name), "%s",
                  r.cases[exact[i]].name);
    cr_assert_eq(strlen(r.cases[PLAIN_LONG].name), 300);
    /* Control characters as Control Pictures, bad bytes as U+FFFD. */
    cr_assert(has_name(&names, "newline/line1␊line2␍␉|end"));
    cr_assert(has_name(&names, "bad/utf8 \xef\xbf\xbd\xef\xbf\xbd end␁"));
    /* The one lossy case: an odd run of backslashes before a pipe. */
    cr_assert(has_name(&names, "edge/back\\\\|slash"));
    for (size_t i = 0; i < names.count; i++)
        free(names.decoded[i]);
    free(out.text);
}

Test(markdown, nothing_outside_code_spans_is_html_or_a_mention)
{
    struct output outs[2] = {plain_report(), compare_report()};
    for (int i = 0; i < 2; i++) {
        char *rest = outside_code(outs[i].text);
        cr_assert_null(strchr(rest, '<'), "raw '<' outside code: %s", rest);
        cr_assert_null(strchr(rest, '@'), "'@' outside code: %s", rest);
        cr_assert_null(strstr(rest, "script"), "%s", rest);
        cr_assert_null(strstr(rest, "admin"), "%s", rest);
        /* Every line that shows part of a multi-line name is a row. */
        for (const char *p = outs[i].text; (p = strstr(p, "line2")); p++) {
            const char *start = p;
            while (start > outs[i].text && start[-1] != '\n')
                start--;
            cr_assert_eq(*start, '|', "a name broke a line");
        }
        free(rest);
        free(outs[i].text);
    }
}

Test(markdown, status_line_says_what_happened)
{
    struct output plain = plain_report(), cmp = compare_report();
    cr_assert(strstr(plain.text,
                     "\n\n11 cases measured · ❌ 1 failed: `crash/segv` · "
                     "⏭️ 1 "
                     "skipped · 🚨 1 SLO breach · ⚠️ 1 SLO "
                     "warning\n"),
              "%s", plain.text);
    cr_assert(
        strstr(cmp.text,
               "\n\n🚨 **1 regression beyond 10%**: `hash/fails` · "
               "⚠️ 1 "
               "regression below the 10% gate · 1 improved · "
               "1 unchanged · 1 ok · ❔ 1 inconclusive · 1 new · 2 "
               "missing · ❌ 1 failed: `io/crash` · ⏭️ 1 skipped · "
               "🚨 1 "
               "SLO breach · ⚠️ 1 SLO warning\n"),
        "%s", cmp.text);
    free(plain.text);
    free(cmp.text);

    struct brun_results r;
    report_model_compare(&r);
    r.cases[0].comparison->stats.fails = 0;
    r.cases[0].comparison->stats.label = BRUN_LABEL_UNCHANGED;
    r.cases[1].comparison->stats.label = BRUN_LABEL_UNCHANGED;
    r.slo->warning_only = 1;
    /* An undecided case keeps the check mark away (see below). */
    struct output unsure = capture(write_default, &r);
    cr_assert_null(strstr(unsure.text, "✅ no regression"), "%s", unsure.text);
    free(unsure.text);
    r.comparison->counts.inconclusive = 0;
    struct output calm = capture(write_default, &r);
    cr_assert(strstr(calm.text, "\n\n✅ no regression · "), "%s", calm.text);
    cr_assert(strstr(calm.text, "🚨 1 SLO breach (warning only)"), "%s",
              calm.text);
    free(calm.text);
}

Test(markdown, verdicts_and_slos_use_the_shared_words)
{
    struct output out = compare_report();
    static const char *const words[] = {"| 🚨 regressed, FAILS (> 10%) |",
                                        "| ⚠️ regressed |",
                                        "| improved |",
                                        "| unchanged |",
                                        "| inconclusive (could see ≥ 3.2%) |",
                                        "| new |",
                                        "| not comparable |",
                                        "| missing (not in the new build) |",
                                        "❌ failed: `ran past --timeout",
                                        "⏭️ skipped: `needs a network`",
                                        "| +25.00% | +18.75% to +31.25% |",
                                        "| ✅ 25% of its 400.0 ns budget |",
                                        "| 🚨 125% of its 80.00 ns budget |",
                                        "## `hash` in `./bench b|c <x>`"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        cr_assert(strstr(out.text, words[i]), "missing %s in\n%s", words[i],
                  out.text);
    free(out.text);
}

Test(markdown, output_does_not_depend_on_the_locale)
{
    struct output c_plain = plain_report(), c_cmp = compare_report();
    if (!setlocale(LC_NUMERIC, "de_DE.UTF-8"))
        cr_skip_test("locale de_DE.UTF-8 is not installed");
    struct output de_plain = plain_report(), de_cmp = compare_report();
    setlocale(LC_NUMERIC, "C");
    cr_assert_str_eq(de_plain.text, c_plain.text);
    cr_assert_str_eq(de_cmp.text, c_cmp.text);
    free(c_plain.text);
    free(c_cmp.text);
    free(de_plain.text);
    free(de_cmp.text);
}

/* ---- The escaper on its own. ---- */

static void write_code(FILE *f, const void *ctx)
{
    brun_md_code(f, ctx, 1);
}

static void write_code_text(FILE *f, const void *ctx)
{
    brun_md_code(f, ctx, 0);
}

Test(escape, code_spans_fence_pad_and_escape)
{
    static const struct {
        const char *in, *table, *text;
    } cases[] = {
        {"plain", "`plain`", "`plain`"},
        {"a|b", "`a\\|b`", "`a|b`"},
        {"a`b", "``a`b``", "``a`b``"},
        {"``x`", "``` ``x` ```", "``` ``x` ```"},
        {" lead", "`  lead `", "`  lead `"},
        {"   ", "`   `", "`   `"},
        {"", "` `", "` `"},
        {"x\\|y", "`x\\\\\\|y`", "`x\\|y`"},
        {"x\\\\|y", "`x\\\\\\|y`", "`x\\\\|y`"},
        {"n\nl\r", "`n␊l␍`", "`n␊l␍`"},
        {"\x7f\x1b", "`␡␛`", "`␡␛`"},
        {"\xc3\x28", "`\xef\xbf\xbd(`", "`\xef\xbf\xbd(`"},
        {"\xed\xa0\x80", "`\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd`",
         "`\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd`"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct output t = capture(write_code, cases[i].in);
        struct output x = capture(write_code_text, cases[i].in);
        cr_assert_str_eq(t.text, cases[i].table, "table, case %zu", i);
        cr_assert_str_eq(x.text, cases[i].text, "text, case %zu", i);
        free(t.text);
        free(x.text);
    }
    struct output null = capture(write_code, NULL);
    cr_assert_str_eq(null.text, "` `");
    free(null.text);
}

Test(escape, utf8_sequences_are_checked)
{
    uint32_t cp = 0;
    cr_assert_eq(brun_utf8_sequence((const unsigned char *)"A", &cp), 1);
    cr_assert_eq(cp, 'A');
    cr_assert_eq(brun_utf8_sequence((const unsigned char *)"µ", &cp), 2);
    cr_assert_eq(cp, 0xB5);
    cr_assert_eq(brun_utf8_sequence((const unsigned char *)"漢", &cp), 3);
    cr_assert_eq(cp, 0x6F22);
    cr_assert_eq(brun_utf8_sequence((const unsigned char *)"😀", &cp), 4);
    cr_assert_eq(cp, 0x1F600);
    cr_assert_eq(brun_utf8_sequence((const unsigned char *)"\xc0\xaf", &cp), 0,
                 "overlong");
    cr_assert_eq(brun_utf8_sequence((const unsigned char *)"\xed\xa0\x80", &cp),
                 0, "surrogate");
    cr_assert_eq(
        brun_utf8_sequence((const unsigned char *)"\xf4\x90\x80\x80", &cp), 0,
        "beyond U+10FFFF");
    cr_assert_eq(brun_utf8_sequence((const unsigned char *)"\xe6\xbc", &cp), 0,
                 "cut short");
    cr_assert_eq(brun_utf8_sequence((const unsigned char *)"\x80", &cp), 0,
                 "stray continuation");
}

/* ---- Metrics (--metric). ---- */

static struct output metrics_report(void)
{
    struct brun_results r;
    report_model_metrics(&r);
    return capture(write_default, &r);
}

Test(markdown, metrics_report_matches_golden)
{
    struct output out = metrics_report();
    golden_check("markdown_metrics", &out);
    free(out.text);
}

Test(markdown, metrics_tables_keep_their_cells_and_names)
{
    struct output out = metrics_report();
    /* Time rows, then 3 metrics rows and 3 function rows. */
    size_t rows = each_row(out.text, check_cell_count, NULL);
    cr_assert_eq(rows, COMPARE_CASES + COMPARE_MISSING + 3 + 3, "%zu rows",
                 rows);
    struct names names = {{NULL}, 0};
    each_row(out.text, collect_name, &names);
    cr_assert(has_name(&names, METRICS_HOSTILE_FUNCTION),
              "the function name comes back byte for byte");
    for (size_t i = 0; i < names.count; i++)
        free(names.decoded[i]);
    char *rest = outside_code(out.text);
    cr_assert_null(strchr(rest, '<'), "raw '<' outside code: %s", rest);
    cr_assert_null(strstr(rest, "operator"), "%s", rest);
    free(rest);
    free(out.text);
}

Test(markdown, metrics_changes_notes_and_explanations_are_shown)
{
    struct output out = metrics_report();
    const char *t = out.text;
    cr_assert(strstr(t, "| case | instructions | instructions change | cycles "
                        "| cycles change | allocations | allocations change "
                        "| allocated_bytes | peak_heap_bytes |"),
              "%s", t);
    cr_assert(strstr(t, "| `hash/fails` | 12.5 k instructions | +12.00% "
                        "(exact) | — | — | 2 allocs | +0.00% (exact) | 48 B "
                        "| 1.20 KiB |"),
              "%s", t);
    cr_assert(strstr(t, "| 400 cycles | +6.25% (+3.12% to +9.38%) |"), "%s", t);
    cr_assert(strstr(t, "- ⚠️ `hash/improved`: time -20.00%, instructions "
                        "+8.00%: time and instructions disagree; time is the "
                        "primary figure\n"),
              "%s", t);
    cr_assert(strstr(t, "- 🚨 `hash/fails`: gate: instructions +12.00% > "
                        "10%\n"),
              "%s", t);
    cr_assert(strstr(t, "\n## Why it got slower\n"), "%s", t);
    cr_assert(strstr(t, "### `hash/regressed` (`callgrind, instructions per "
                        "iteration`)"),
              "%s", t);
    cr_assert(strstr(t, "| `slow_part` | 2.00 k → 4.00 k | +2.00 k +100% | "
                        "+2.00 k +80.00% |"),
              "%s", t);
    cr_assert(strstr(t, "| `fresh_helper` | 0 → 500 | +500 new | +500 new |"),
              "%s", t);
    cr_assert(strstr(t, "differential flame graph: "
                        "`benchrun-diff/hash_regressed.svg`"),
              "%s", t);
    cr_assert(strstr(t, "### `hash/fails`\n\nnot explained: `valgrind not "
                        "found on PATH`"),
              "%s", t);
    cr_assert(strstr(t, "- **metrics** `hardware counters: cycles only"), "%s",
              t);
    free(out.text);
}

Test(markdown, no_metrics_section_without_metrics)
{
    struct output out = compare_report();
    cr_assert_null(strstr(out.text, "**Metrics**"));
    cr_assert_null(strstr(out.text, "Why it got slower"));
    cr_assert_null(strstr(out.text, "**metrics**"));
    free(out.text);
}

/* ---- Scaling, the components layout, widths. ---- */

static void write_components(FILE *f, const void *ctx)
{
    struct brun_markdown_options o;
    brun_markdown_options_init(&o);
    o.layout = BRUN_MARKDOWN_COMPONENTS;
    o.environment = 0;
    o.method = 0;
    brun_markdown_write(f, ctx, &o);
}

static struct output scaling_report(void (*write)(FILE *, const void *))
{
    struct brun_results r;
    report_model_scaling(&r);
    return capture(write, &r);
}

Test(markdown, scaling_report_matches_golden)
{
    struct output out = scaling_report(write_default);
    golden_check("markdown_scaling", &out);
    free(out.text);
}

Test(markdown, components_layout_matches_golden)
{
    struct output out = scaling_report(write_components);
    golden_check("markdown_components", &out);
    free(out.text);
}

Test(markdown, scaling_table_shows_each_family_and_warns_of_a_new_shape)
{
    struct output out = scaling_report(write_default);
    const char *t = out.text;
    cr_assert(strstr(t, "\n## Scaling\n\n| family | fit | per item | ± | R² | "
                        "change | status |\n"),
              "%s", t);
    cr_assert(strstr(t, "| `context/capture` | linear O(N) | `1.81 µs per "
                        "var` | 0.02 | 0.999 | +3.05% (+1.10% to +5.02%) | "
                        "✅ ok |\n"),
              "%s", t);
    cr_assert(strstr(t, "🚨 FAILS (> 10%) |\n"), "%s", t);
    cr_assert(strstr(t, "scaling changed**: ``sort/`a|b`␊<i>@x``: scaling "
                        "changed from linear O(N) to quadratic O(N^2)\n"),
              "%s", t);
    /* The failing family is named in the status line too. */
    cr_assert(strstr(t, "🚨 **1 scaling regression**: ``sort/`a|b`␊<i>@x`` "
                        "· "),
              "%s", t);
    free(out.text);
}

Test(markdown, hostile_family_names_stay_in_code_spans)
{
    struct output outs[2] = {scaling_report(write_default),
                             scaling_report(write_components)};
    for (int i = 0; i < 2; i++) {
        each_row(outs[i].text, check_cell_count, NULL);
        char *rest = outside_code(outs[i].text);
        cr_assert_null(strchr(rest, '<'), "raw '<' outside code: %s", rest);
        cr_assert_null(strchr(rest, '@'), "'@' outside code: %s", rest);
        free(rest);
        free(outs[i].text);
    }
}

Test(markdown, components_rows_split_group_and_operation)
{
    struct output out = scaling_report(write_components);
    const char *t = out.text;
    cr_assert(strstr(t, "| Component | Operation | Mean | ± | Status |\n"
                        "| :--- | :--- | ---: | ---: | :--- |\n"),
              "%s", t);
    cr_assert(strstr(t, "| `hash` | `fails` | 1.237 µs | ±3.12% | ❌ "
                        "regressed +25.00%, FAILS |\n"),
              "%s", t);
    cr_assert(strstr(t, "| `hash` | `unchanged` | 100.2 ns | ±3.12% | ✅ "
                        "unchanged (+0.10%) |\n"),
              "%s", t);
    cr_assert(strstr(t, "| `io` | `crash` | — | — | ❌ failed |\n"), "%s", t);
    cr_assert(strstr(t, "| `context` | `capture/50` | "), "%s", t);
    free(out.text);

    /* Without a baseline: the SLO status. */
    struct brun_results r;
    report_model_plain(&r);
    out = capture(write_components, &r);
    cr_assert(strstr(out.text, "| `parse` | `small` | 12.53 ns | ±3.12% | ✅ "
                               "12.5% of its 100.0 ns budget |\n"),
              "%s", out.text);
    free(out.text);
}

/* Characters (code points) of a line up to the end of its nth cell. */
static size_t width_to_cell(const char *line, size_t len, size_t n)
{
    size_t cells = 0, width = 0;
    for (size_t i = 0; i < len; i++) {
        if (line[i] == '|' && (i == 0 || line[i - 1] != '\\') && cells++ == n)
            return width;
        width += ((unsigned char)line[i] & 0xc0) != 0x80;
    }
    return width;
}

static void check_width(const char *line, size_t len, size_t header, void *ctx)
{
    (void)header;
    (void)ctx;
    /* case | verdict | change | interval: what a reader of a 780 px
     * comment must see without scrolling. */
    size_t w = width_to_cell(line, len, 4);
    cr_assert_leq(w, 100, "%zu characters before the interval ends: %.*s", w,
                  (int)len, line);
}

Test(markdown, verdict_and_change_fit_a_pull_request_comment)
{
    struct output out = compare_report();
    const char *head = strstr(out.text, "| case | verdict | change | interval");
    cr_assert_not_null(head, "%s", out.text);
    size_t rows = each_row(out.text, check_width, NULL);
    cr_assert_eq(rows, COMPARE_CASES + COMPARE_MISSING);
    free(out.text);
}

Test(markdown, status_line_names_five_failing_cases_then_counts)
{
    struct brun_results r;
    report_model_compare(&r);
    for (size_t i = 0; i < 7; i++) {
        r.cases[i].status = BRUN_STATUS_OK;
        if (r.cases[i].comparison) {
            r.cases[i].comparison->presence = BRUN_PRESENT_BOTH;
            r.cases[i].comparison->stats.valid = 1;
            r.cases[i].comparison->stats.fails = 1;
        }
    }
    struct output out = capture(write_default, &r);
    cr_assert(strstr(out.text, "**: `hash/fails`, `hash/regressed`, "
                               "`hash/improved`, `hash/unchanged`, "
                               "`hash/inconclusive` and 1 more"),
              "%s", out.text);
    free(out.text);
}
