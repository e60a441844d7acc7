/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * flamegraph.c: the flame-graph SVG (see flamegraph.h), written from the
 * description in the brief, not from any other renderer.
 *
 * The stacks are sorted frame by frame, so a single pass builds the call
 * tree in pre-order with every node's children already in name order;
 * inclusive counts are then summed from the last node back, and each
 * node's x is its parent's x plus its elder siblings' counts.  The
 * differential walks the "after" tree and finds each node's twin in the
 * "before" tree by a merge over the (sorted) children.  Numbers are
 * written with '.' whatever the locale (brun_format_fixed).
 */
#include "config.h"

#include "reports/flamegraph/flamegraph.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "reports/text/escape.h"
#include "reports/text/format.h"

#define NONE SIZE_MAX
#define PAD 10.0          /* left and right margin, px */
#define FRAME_HEIGHT 16.0 /* one row of frames, px (15 drawn, 1 gap) */
#define BOTTOM 28.0       /* below the root: the details line */
#define CHAR_WIDTH 7.2    /* 12px monospace: 0.6 em */
#define MIN_WIDTH 0.1     /* narrower frames are not drawn */

struct node {
    char *name;
    double self, value; /* value: inclusive count */
    double x;           /* in counts, from the root's left edge */
    double cursor;      /* while laying out: where the next child starts */
    size_t parent, first_child, last_child, next_sibling;
    size_t twin; /* diff: the same node in the before tree, or NONE */
    unsigned depth;
};

struct tree {
    struct node *v;
    size_t count, capacity;
    double total;
};

static void tree_free(struct tree *t)
{
    for (size_t i = 0; i < t->count; i++)
        free(t->v[i].name);
    free(t->v);
    memset(t, 0, sizeof *t);
}

/* Appends a child of parent named name[0..n); its index, or NONE. */
static size_t add_node(struct tree *t, size_t parent, const char *name,
                       size_t n)
{
    if (t->count == t->capacity) {
        size_t cap = t->capacity ? t->capacity * 2 : 64;
        struct node *v = realloc(t->v, cap * sizeof *v);
        if (!v)
            return NONE;
        t->v = v;
        t->capacity = cap;
    }
    char *copy = malloc(n + 1);
    if (!copy)
        return NONE;
    memcpy(copy, name, n);
    copy[n] = '\0';
    size_t i = t->count++;
    t->v[i] = (struct node){.name = copy,
                            .parent = parent,
                            .first_child = NONE,
                            .last_child = NONE,
                            .next_sibling = NONE,
                            .twin = NONE,
                            .depth = 0};
    if (parent != NONE) {
        struct node *p = &t->v[parent];
        t->v[i].depth = p->depth + 1;
        if (p->last_child == NONE)
            p->first_child = i;
        else
            t->v[p->last_child].next_sibling = i;
        p->last_child = i;
    }
    return i;
}

/* Byte order frame by frame: the end of the stack sorts before ';',
 * which sorts before every other byte, so "a" < "a;b" < "a b". */
static int frame_order(const void *a, const void *b)
{
    const unsigned char *x =
        (const unsigned char *)(*(const struct brun_folded_stack *const *)a)
            ->frames;
    const unsigned char *y =
        (const unsigned char *)(*(const struct brun_folded_stack *const *)b)
            ->frames;
    for (;; x++, y++) {
        unsigned cx = *x == ';' ? 1u : *x == 0 ? 0u : *x + 1u;
        unsigned cy = *y == ';' ? 1u : *y == 0 ? 0u : *y + 1u;
        if (cx != cy)
            return cx < cy ? -1 : 1;
        if (cx == 0)
            return 0;
    }
}

/* The call tree of f, root "all" at index 0, nodes in pre-order, each
 * node's children in name order, with inclusive counts and x.  0 or -1
 * (t freed). */
static int build_tree(const struct brun_folded *f, struct tree *t)
{
    memset(t, 0, sizeof *t);
    const struct brun_folded_stack **order = NULL;
    size_t *path = NULL, path_cap = 0, path_len = 0;
    if (add_node(t, NONE, "all", 3) == NONE)
        goto fail;
    if (f->count > 0) {
        order = malloc(f->count * sizeof *order);
        if (!order)
            goto fail;
    }
    size_t n = 0;
    for (size_t i = 0; i < f->count; i++)
        if (f->stacks[i].count > 0 && isfinite(f->stacks[i].count))
            order[n++] = &f->stacks[i];
    if (n > 0)
        qsort(order, n, sizeof *order, frame_order);
    for (size_t s = 0; s < n; s++) {
        const char *p = order[s]->frames;
        size_t depth = 0, node = 0;
        int same = 1; /* still on the previous stack's path */
        for (;;) {
            const char *end = strchr(p, ';');
            size_t len = end ? (size_t)(end - p) : strlen(p);
            depth++;
            if (same && depth < path_len) {
                const char *have = t->v[path[depth]].name;
                if (strncmp(have, p, len) == 0 && have[len] == '\0')
                    node = path[depth];
                else
                    same = 0;
            } else {
                same = 0;
            }
            if (!same) {
                node = add_node(t, node, p, len);
                if (node == NONE)
                    goto fail;
                if (depth >= path_cap) {
                    size_t cap = path_cap ? path_cap * 2 : 32;
                    size_t *v = realloc(path, cap * sizeof *v);
                    if (!v)
                        goto fail;
                    path = v;
                    path_cap = cap;
                }
                path[depth] = node;
                path_len = depth + 1;
            }
            if (!end)
                break;
            p = end + 1;
        }
        /* A stack that is a prefix of the previous one ends here. */
        path_len = depth + 1;
        t->v[node].self += order[s]->count;
    }
    free(order);
    free(path);
    for (size_t i = 0; i < t->count; i++)
        t->v[i].value = t->v[i].self;
    for (size_t i = t->count; i-- > 1;)
        t->v[t->v[i].parent].value += t->v[i].value;
    t->total = t->v[0].value;
    for (size_t i = 1; i < t->count; i++) {
        struct node *parent = &t->v[t->v[i].parent];
        t->v[i].x = parent->cursor;
        t->v[i].cursor = t->v[i].x;
        parent->cursor += t->v[i].value;
    }
    return 0;
fail:
    free(order);
    free(path);
    tree_free(t);
    return -1;
}

/* Sets every node's twin in after to the node with the same stack in
 * before (NONE when before has none).  Children in both trees are in
 * name order and after's are visited in that order, so each before
 * node's cursor into its children only moves forward. */
static int match_trees(struct tree *after, const struct tree *before)
{
    size_t *cursor = malloc(before->count * sizeof *cursor);
    if (!cursor)
        return -1;
    for (size_t i = 0; i < before->count; i++)
        cursor[i] = before->v[i].first_child;
    after->v[0].twin = 0;
    for (size_t i = 1; i < after->count; i++) {
        size_t bp = after->v[after->v[i].parent].twin;
        after->v[i].twin = NONE;
        if (bp == NONE)
            continue;
        size_t c = cursor[bp];
        while (c != NONE && strcmp(before->v[c].name, after->v[i].name) < 0)
            c = before->v[c].next_sibling;
        cursor[bp] = c;
        if (c != NONE && strcmp(before->v[c].name, after->v[i].name) == 0)
            after->v[i].twin = c;
    }
    free(cursor);
    return 0;
}

static uint32_t hash_name(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 16777619u;
    }
    return h;
}

/* A warm colour (reds, oranges, yellows) picked by the name's hash. */
static void warm_colour(const char *name, char *out, size_t size)
{
    uint32_t h = hash_name(name);
    unsigned r = 205 + h % 50;
    unsigned g = 40 + (h >> 8) % 190;
    unsigned b = (h >> 16) % 55;
    snprintf(out, size, "rgb(%u,%u,%u)", r, g, b);
}

/* Grey for no change, towards red (grown) or blue (shrunk) with
 * k = |after - before| / max(after, before) in [0, 1]. */
static void diff_colour(double after, double before, char *out, size_t size)
{
    double top = after > before ? after : before;
    double k = top > 0 ? fabs(after - before) / top : 0;
    unsigned strong = (unsigned)lround(220 + 35 * k);
    unsigned weak = (unsigned)lround(220 * (1 - k));
    if (after >= before)
        snprintf(out, size, "rgb(%u,%u,%u)", strong, weak, weak);
    else
        snprintf(out, size, "rgb(%u,%u,%u)", weak, weak, strong);
}

/* A count as people read it: "1,234,567", or "0.5" when not integral. */
static void count_text(double v, char *out, size_t size)
{
    if (v >= 0 && v == floor(v) && v < 9.2e18)
        brun_format_count((uint64_t)v, out, size);
    else
        brun_folded_format_count(v, out, size);
}

static void number(FILE *out, double v)
{
    char buf[48];
    brun_format_fixed(v, 2, buf, sizeof buf);
    fputs(buf, out);
}

/* Writes the first n bytes of s, XML escaped. */
static int escape_prefix(FILE *out, const char *s, size_t n)
{
    char *copy = malloc(n + 1);
    if (!copy)
        return -1;
    memcpy(copy, s, n);
    copy[n] = '\0';
    brun_xml_escape(out, copy, 0);
    free(copy);
    return 0;
}

/* The frame's label in a box w px wide: the whole name when it fits,
 * else as many characters (code points) as fit less two and "..", or
 * nothing when fewer than three fit. */
static int label(FILE *out, const char *name, double w)
{
    double fit = floor((w - 6) / CHAR_WIDTH);
    if (fit < 1)
        return 0;
    size_t chars = 0, bytes = 0, keep = 0;
    size_t room = fit > 1e6 ? (size_t)1e6 : (size_t)fit;
    const unsigned char *p = (const unsigned char *)name;
    while (p[bytes]) {
        uint32_t cp;
        size_t n = brun_utf8_sequence(p + bytes, &cp);
        if (n == 0)
            n = 1;
        if (room >= 2 && chars == room - 2)
            keep = bytes;
        bytes += n;
        chars++;
    }
    if (chars <= room) {
        brun_xml_escape(out, name, 0);
        return 0;
    }
    if (room < 3)
        return 0;
    if (escape_prefix(out, name, keep) != 0)
        return -1;
    fputs("..", out);
    return 0;
}

static const char STYLE[] =
    "<style type=\"text/css\"><![CDATA[\n"
    "text { font-family: monospace; font-size: 12px; fill: rgb(0,0,0); }\n"
    ".bg { fill: rgb(250,250,250); }\n"
    ".title { font-size: 17px; text-anchor: middle; }\n"
    ".sub { fill: rgb(90,90,90); text-anchor: middle; }\n"
    ".ctl { cursor: pointer; fill: rgb(0,0,170); }\n"
    ".end { text-anchor: end; }\n"
    ".hidden { display: none; }\n"
    "g.f { cursor: pointer; }\n"
    "g.f text { pointer-events: none; }\n"
    "g.f:hover rect { stroke: rgb(0,0,0); stroke-width: 0.5; }\n"
    "]]></style>\n";

/* Zoom, search and details.  Names come from each frame's <title> (the
 * text before its last " ("), never from script text. */
static const char SCRIPT[] =
    "<script type=\"text/ecmascript\"><![CDATA[\n"
    "(function () {\n"
    "  var svg = document.documentElement;\n"
    "  var W = +svg.getAttribute('width'), PAD = 10, CW = 7.2, EPS = 0.05;\n"
    "  var details = document.getElementById('details');\n"
    "  var matched = document.getElementById('matched');\n"
    "  var unzoomText = document.getElementById('unzoom');\n"
    "  var info = [].slice.call(document.querySelectorAll('g.f'))\n"
    "    .map(function (g, i) {\n"
    "      var r = g.querySelector('rect');\n"
    "      var tip = g.querySelector('title').textContent;\n"
    "      var cut = tip.lastIndexOf(' (');\n"
    "      g.fi = i;\n"
    "      return { g: g, r: r, t: g.querySelector('text'), tip: tip,\n"
    "               name: cut < 0 ? tip : tip.substring(0, cut),\n"
    "               x: +r.getAttribute('x'), w: +r.getAttribute('width'),\n"
    "               y: +r.getAttribute('y'), fill: r.getAttribute('fill') "
    "};\n"
    "    });\n"
    "  function fit(f, x, w) {\n"
    "    f.r.setAttribute('x', x.toFixed(2));\n"
    "    f.r.setAttribute('width', w.toFixed(2));\n"
    "    f.t.setAttribute('x', (x + 3).toFixed(2));\n"
    "    var n = Math.floor((w - 6) / CW);\n"
    "    f.t.textContent = f.name.length <= n ? f.name\n"
    "      : n >= 3 ? f.name.substring(0, n - 2) + '..' : '';\n"
    "  }\n"
    "  function zoom(z) {\n"
    "    var scale = (W - 2 * PAD) / z.w;\n"
    "    info.forEach(function (f) {\n"
    "      var inside = f.x >= z.x - EPS && f.x + f.w <= z.x + z.w + EPS;\n"
    "      var below = f.x <= z.x + EPS && f.x + f.w >= z.x + z.w - EPS;\n"
    "      if (f.y <= z.y && inside) {\n"
    "        f.g.style.display = '';\n"
    "        fit(f, PAD + (f.x - z.x) * scale, f.w * scale);\n"
    "      } else if (f.y > z.y && below) {\n"
    "        f.g.style.display = '';\n"
    "        fit(f, PAD, W - 2 * PAD);\n"
    "      } else {\n"
    "        f.g.style.display = 'none';\n"
    "      }\n"
    "    });\n"
    "    unzoomText.classList.remove('hidden');\n"
    "  }\n"
    "  function unzoom() {\n"
    "    info.forEach(function (f) {\n"
    "      f.g.style.display = '';\n"
    "      fit(f, f.x, f.w);\n"
    "    });\n"
    "    unzoomText.classList.add('hidden');\n"
    "  }\n"
    "  function search() {\n"
    "    var text = window.prompt('Search (regular expression; empty "
    "clears)', '');\n"
    "    info.forEach(function (f) { f.r.setAttribute('fill', f.fill); });\n"
    "    matched.textContent = '';\n"
    "    if (!text)\n"
    "      return;\n"
    "    var re;\n"
    "    try { re = new RegExp(text); } catch (e) {\n"
    "      matched.textContent = 'Not a regular expression';\n"
    "      return;\n"
    "    }\n"
    "    var spans = [];\n"
    "    info.forEach(function (f) {\n"
    "      if (re.test(f.name)) {\n"
    "        f.r.setAttribute('fill', 'rgb(230,0,230)');\n"
    "        spans.push([f.x, f.x + f.w]);\n"
    "      }\n"
    "    });\n"
    "    spans.sort(function (a, b) { return a[0] - b[0]; });\n"
    "    var sum = 0, end = -1;\n"
    "    spans.forEach(function (s) {\n"
    "      if (s[1] > end) {\n"
    "        sum += s[1] - Math.max(s[0], end);\n"
    "        end = s[1];\n"
    "      }\n"
    "    });\n"
    "    matched.textContent = 'Matched: ' +\n"
    "      (100 * sum / info[0].w).toFixed(2) + '%';\n"
    "  }\n"
    "  svg.addEventListener('click', function (e) {\n"
    "    var t = e.target;\n"
    "    if (t === unzoomText) { unzoom(); return; }\n"
    "    if (t.id === 'search') { search(); return; }\n"
    "    var g = t.closest ? t.closest('g.f') : null;\n"
    "    if (g) zoom(info[g.fi]);\n"
    "  });\n"
    "  svg.addEventListener('mouseover', function (e) {\n"
    "    var g = e.target.closest ? e.target.closest('g.f') : null;\n"
    "    details.textContent = g ? info[g.fi].tip : ' ';\n"
    "  });\n"
    "  svg.addEventListener('mouseout', function () {\n"
    "    details.textContent = ' ';\n"
    "  });\n"
    "})();\n"
    "]]></script>\n";

/* The XML declaration, <svg>, style, script (when frames follow),
 * background, title, subtitle and the controls. */
static void header(FILE *out, double width, double height,
                   const struct brun_flamegraph_options *o, int frames)
{
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n",
          out);
    fputs("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" "
          "width=\"",
          out);
    number(out, width);
    fputs("\" height=\"", out);
    number(out, height);
    fputs("\" viewBox=\"0 0 ", out);
    number(out, width);
    fputc(' ', out);
    number(out, height);
    fputs("\">\n", out);
    fputs(STYLE, out);
    if (frames)
        fputs(SCRIPT, out);
    fputs("<rect class=\"bg\" x=\"0\" y=\"0\" width=\"100%\" "
          "height=\"100%\"/>\n",
          out);
    fputs("<text class=\"title\" x=\"", out);
    number(out, width / 2);
    fputs("\" y=\"24\">", out);
    brun_xml_escape(out, o->title ? o->title : "Flame graph", 0);
    fputs("</text>\n", out);
    if (o->subtitle) {
        fputs("<text class=\"sub\" x=\"", out);
        number(out, width / 2);
        fputs("\" y=\"42\">", out);
        brun_xml_escape(out, o->subtitle, 0);
        fputs("</text>\n", out);
    }
    if (!frames)
        return;
    fputs("<text id=\"unzoom\" class=\"ctl hidden\" x=\"10\" y=\"24\">"
          "Reset zoom</text>\n",
          out);
    fputs("<text id=\"search\" class=\"ctl end\" x=\"", out);
    number(out, width - PAD);
    fputs("\" y=\"24\">Search</text>\n", out);
    fputs("<text id=\"details\" x=\"10\" y=\"", out);
    number(out, height - 8);
    fputs("\"> </text>\n", out);
    fputs("<text id=\"matched\" class=\"end\" x=\"", out);
    number(out, width - PAD);
    fputs("\" y=\"", out);
    number(out, height - 8);
    fputs("\"></text>\n", out);
}

static int empty_svg(FILE *out, const struct brun_flamegraph_options *o,
                     double width)
{
    double height = 100;
    header(out, width, height, o, 0);
    fputs("<text class=\"title\" x=\"", out);
    number(out, width / 2);
    fputs("\" y=\"70\">no samples</text>\n</svg>\n", out);
    return ferror(out) ? -1 : 0;
}

/* Draws t; before (may be NULL) makes it a differential, with
 * before_scale turning before's counts into after's total. */
static int draw(FILE *out, const struct tree *t, const struct tree *before,
                double before_scale, const struct brun_flamegraph_options *o)
{
    const char *unit = o->unit ? o->unit : "samples";
    double width = o->width ? o->width : 1200;
    if (width < 200)
        width = 200;
    if (!(t->total > 0))
        return empty_svg(out, o, width);
    double scale = (width - 2 * PAD) / t->total;
    unsigned depth = 0;
    for (size_t i = 0; i < t->count; i++)
        if (t->v[i].value * scale >= MIN_WIDTH && t->v[i].depth > depth)
            depth = t->v[i].depth;
    double top = o->subtitle ? 56 : 40;
    double height = top + (depth + 1) * FRAME_HEIGHT + BOTTOM;
    header(out, width, height, o, 1);
    fputs("<g id=\"frames\">\n", out);
    for (size_t i = 0; i < t->count; i++) {
        const struct node *n = &t->v[i];
        double w = n->value * scale;
        if (w < MIN_WIDTH)
            continue;
        double x = PAD + n->x * scale;
        double y = height - BOTTOM - (n->depth + 1) * FRAME_HEIGHT;
        char colour[32], count[48], share[48];
        count_text(n->value, count, sizeof count);
        fputs("<g class=\"f\"><title>", out);
        brun_xml_escape(out, n->name, 0);
        if (before) {
            double b = n->twin == NONE ? 0 : before->v[n->twin].value;
            double scaled = b * before_scale;
            char was[48];
            count_text(b, was, sizeof was);
            fprintf(out, " (before %s, after %s ", was, count);
            brun_xml_escape(out, unit, 0);
            fputs(", ", out);
            if (scaled > 0) {
                double change = 100 * (n->value - scaled) / scaled;
                brun_format_fixed(change, 2, share, sizeof share);
                fprintf(out, "%s%s%%)", change >= 0 ? "+" : "", share);
            } else {
                fputs("new)", out);
            }
            diff_colour(n->value, scaled, colour, sizeof colour);
        } else {
            brun_format_fixed(100 * n->value / t->total, 2, share,
                              sizeof share);
            fprintf(out, " (%s ", count);
            brun_xml_escape(out, unit, 0);
            fprintf(out, ", %s%%)", share);
            warm_colour(n->name, colour, sizeof colour);
        }
        fputs("</title><rect x=\"", out);
        number(out, x);
        fputs("\" y=\"", out);
        number(out, y);
        fputs("\" width=\"", out);
        number(out, w);
        fprintf(out, "\" height=\"%.0f\" fill=\"%s\"/><text x=\"",
                FRAME_HEIGHT - 1, colour);
        number(out, x + 3);
        fputs("\" y=\"", out);
        number(out, y + 11.5);
        fputs("\">", out);
        if (label(out, n->name, w) != 0)
            return -1;
        fputs("</text></g>\n", out);
    }
    fputs("</g>\n</svg>\n", out);
    return ferror(out) ? -1 : 0;
}

static const struct brun_flamegraph_options DEFAULTS = {0};

int brun_flamegraph_write(FILE *out, const struct brun_folded *profile,
                          const struct brun_flamegraph_options *o)
{
    struct tree t;
    if (build_tree(profile, &t) != 0)
        return -1;
    int rc = draw(out, &t, NULL, 0, o ? o : &DEFAULTS);
    tree_free(&t);
    return rc;
}

int brun_flamegraph_write_diff(FILE *out, const struct brun_folded *before,
                               const struct brun_folded *after,
                               const struct brun_flamegraph_options *o)
{
    struct tree a, b;
    if (build_tree(after, &a) != 0)
        return -1;
    if (build_tree(before, &b) != 0) {
        tree_free(&a);
        return -1;
    }
    int rc = match_trees(&a, &b);
    if (rc == 0) {
        double scale = b.total > 0 ? a.total / b.total : 0;
        rc = draw(out, &a, &b, scale, o ? o : &DEFAULTS);
    }
    tree_free(&a);
    tree_free(&b);
    return rc;
}
