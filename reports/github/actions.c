/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * actions.c: what --github tells the Actions runner itself, with
 * no token and no network: workflow commands on stdout (annotations), the
 * step summary file, the step outputs file; and the limits GitHub puts
 * on text, shared with the PR comment.
 *
 * Every string from a bench (case names, files, failure reasons) is
 * escaped for the workflow command protocol, so a name cannot end an
 * annotation and start a command of its own.  The runner-owned files are
 * only ever appended to.  The words of verdicts, SLOs and the summary
 * line are reports/model/wording.c's, as in every other report.  Not
 * here: rendering Markdown (markdown.c), anything that talks HTTP (http.c,
 * pr.c).
 */
#include "config.h"

#include "reports/github/actions.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lib/io.h"
#include "reports/model/wording.h"
#include "reports/text/format.h"

/* ---- Workflow commands ----------------------------------------------- */

static void escape(FILE *out, const char *s, int property)
{
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p;
         p++) {
        switch (*p) {
        case '%':
            fputs("%25", out);
            break;
        case '\r':
            fputs("%0D", out);
            break;
        case '\n':
            fputs("%0A", out);
            break;
        case ':':
            fputs(property ? "%3A" : ":", out);
            break;
        case ',':
            fputs(property ? "%2C" : ",", out);
            break;
        default:
            /* Other control characters (an escape sequence in a name)
             * would only garble the log: a space instead. */
            fputc(*p < 0x20 && *p != '\t' ? ' ' : *p == 0x7f ? ' ' : *p, out);
        }
    }
}

void brun_gh_escape_data(FILE *out, const char *s)
{
    escape(out, s, 0);
}

void brun_gh_escape_property(FILE *out, const char *s)
{
    escape(out, s, 1);
}

void brun_gh_annotation(FILE *out, const char *level, const char *file,
                        int line, const char *title, const char *message)
{
    const char *sep = " ";
    fprintf(out, "::%s", level);
    if (file && *file) {
        fputs(" file=", out);
        brun_gh_escape_property(out, file);
        if (line > 0)
            fprintf(out, ",line=%d", line);
        sep = ",";
    }
    if (title && *title) {
        fprintf(out, "%stitle=", sep);
        brun_gh_escape_property(out, title);
    }
    fputs("::", out);
    brun_gh_escape_data(out, message);
    fputc('\n', out);
}

/* ---- Annotations ----------------------------------------------------- */

struct annotation_pass {
    FILE *out; /* NULL: only count */
    const char *workspace;
    size_t total[2]; /* errors, warnings found in the counting pass */
    size_t printed[2];
};

static const char *relative_to(const char *file, const char *workspace)
{
    if (!file || !workspace || !*workspace)
        return file;
    size_t len = strlen(workspace);
    while (len > 1 && workspace[len - 1] == '/')
        len--;
    if (strncmp(file, workspace, len) == 0 && file[len] == '/' && file[len + 1])
        return file + len + 1;
    return file;
}

static void emit(struct annotation_pass *a, int warning,
                 const struct brun_case_result *c, const char *title,
                 const char *message)
{
    size_t shown = a->total[warning] > BRUN_GH_ANNOTATIONS_SHOWN
                       ? BRUN_GH_ANNOTATIONS_SHOWN - 1
                       : BRUN_GH_ANNOTATIONS_SHOWN;
    if (!a->out) {
        a->total[warning]++;
        return;
    }
    if (a->printed[warning] >= shown)
        return;
    a->printed[warning]++;
    brun_gh_annotation(a->out, warning ? "warning" : "error",
                       relative_to(c->file, a->workspace), c->line, title,
                       message);
}

static void case_annotations(struct annotation_pass *a,
                             const struct brun_results *r,
                             const struct brun_case_result *c)
{
    const struct brun_case_comparison *k = c->comparison;
    char title[512], message[2048], change[160], gate[32], verdict[96];
    const char *against = r->comparison && r->comparison->against
                              ? r->comparison->against
                              : "the baseline";

    if (c->status == BRUN_STATUS_FAILED) {
        const char *kind = brun_failure_name(c->failure);
        snprintf(title, sizeof title, "benchrun: %s failed", c->name);
        snprintf(message, sizeof message, "%s failed%s%s%s: %s", c->name,
                 *kind ? " (" : "", kind, *kind ? ")" : "",
                 brun_wording_reason(c));
        emit(a, 0, c, title, message);
        return;
    }
    if (c->status != BRUN_STATUS_OK)
        return;
    if (k && k->presence == BRUN_PRESENT_BOTH) {
        brun_format_percent(k->fail_above, gate, sizeof gate);
        brun_wording_change(k, change, sizeof change);
        /* The title is the report's verdict, word for word. */
        brun_wording_verdict(k, verdict, sizeof verdict);
        snprintf(title, sizeof title, "benchrun: %s %s", c->name, verdict);
        if (k->stats.valid && k->stats.fails) {
            char why[256];
            brun_wording_gate_failure(k, why, sizeof why);
            snprintf(message, sizeof message, "%s is slower than %s: %s",
                     c->name, against, why);
            emit(a, 0, c, title, message);
        } else if (k->stats.valid && k->stats.label == BRUN_LABEL_REGRESSED) {
            if (k->fail_above > 0 && k->stats.ratio < 1 + k->fail_above)
                snprintf(message, sizeof message,
                         "%s is slower than %s: %s, within the %s threshold",
                         c->name, against, change, gate);
            else if (k->fail_above > 0)
                snprintf(message, sizeof message,
                         "%s is slower than %s: %s, but not clearly enough "
                         "beyond the %s threshold to fail",
                         c->name, against, change, gate);
            else
                snprintf(message, sizeof message,
                         "%s is slower than %s: %s (no --fail-above "
                         "threshold for this case)",
                         c->name, against, change);
            emit(a, 1, c, title, message);
        } else if (k->stats.label == BRUN_LABEL_INCONCLUSIVE) {
            char mde[32];
            if (k->stats.valid) {
                brun_format_percent(k->stats.mde, mde, sizeof mde);
                snprintf(message, sizeof message,
                         "%s against %s: %s is inconclusive; this run could "
                         "only see changes of %s or more",
                         c->name, against, change, mde);
            } else {
                snprintf(message, sizeof message,
                         "%s could not be compared with %s (too few usable "
                         "rounds on one side)",
                         c->name, against);
            }
            emit(a, 1, c, title, message);
        }
    }
    if (c->slo.status == BRUN_SLO_WARNING ||
        c->slo.status == BRUN_SLO_CRITICAL) {
        int critical = c->slo.status == BRUN_SLO_CRITICAL;
        char mean[32], share[96];
        brun_format_duration(c->samples_summary.mean, mean, sizeof mean);
        brun_wording_slo_share(&c->slo, share, sizeof share);
        snprintf(title, sizeof title, "benchrun: %s SLO %s", c->name,
                 brun_slo_status_name(c->slo.status));
        snprintf(message, sizeof message, "%s takes %s per iteration, %s",
                 c->name, mean, share);
        emit(a, !critical || (r->slo && r->slo->warning_only), c, title,
             message);
    }
}

static void annotation_pass(struct annotation_pass *a,
                            const struct brun_results *r)
{
    for (size_t i = 0; i < r->case_count; i++)
        case_annotations(a, r, &r->cases[i]);
}

void brun_gh_annotations(FILE *out, const struct brun_results *r,
                         const char *workspace)
{
    struct annotation_pass a = {NULL, workspace, {0, 0}, {0, 0}};
    annotation_pass(&a, r);
    a.out = out;
    annotation_pass(&a, r);
    for (int w = 0; w < 2; w++) {
        if (a.total[w] <= a.printed[w])
            continue;
        char message[256];
        size_t more = a.total[w] - a.printed[w];
        snprintf(message, sizeof message,
                 "%zu more %s%s not shown here (GitHub shows %d per step); "
                 "the job summary has them all",
                 more, w ? "warning" : "error", more == 1 ? "" : "s",
                 BRUN_GH_ANNOTATIONS_SHOWN);
        brun_gh_annotation(out, w ? "warning" : "error", NULL, 0, "benchrun",
                           message);
    }
}

/* ---- Text limits ----------------------------------------------------- */

size_t brun_gh_char_count(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char b = (unsigned char)s[i];
        if ((b & 0xc0) != 0x80)
            n += b >= 0xf0 ? 2 : 1;
    }
    return n;
}

static size_t measure(const char *s, size_t len, enum brun_gh_measure m)
{
    return m == BRUN_GH_BYTES ? len : brun_gh_char_count(s, len);
}

/* What a prefix of Markdown leaves open: a code fence, <details>. */
struct open_blocks {
    char fence[4]; /* "```" or "~~~" while inside one, else "" */
    size_t details;
};

static void scan_blocks(const char *s, size_t len, struct open_blocks *b)
{
    memset(b, 0, sizeof *b);
    for (size_t at = 0; at < len;) {
        const char *line = s + at;
        const char *nl = memchr(line, '\n', len - at);
        size_t n = nl ? (size_t)(nl - line) : len - at;
        size_t indent = 0;
        while (indent < n && indent < 3 && line[indent] == ' ')
            indent++;
        const char *t = line + indent;
        size_t tn = n - indent;
        if (tn >= 3 && (memcmp(t, "```", 3) == 0 || memcmp(t, "~~~", 3) == 0)) {
            if (!b->fence[0])
                memcpy(b->fence, t, 3);
            else if (memcmp(b->fence, t, 3) == 0)
                b->fence[0] = '\0';
        } else if (!b->fence[0]) {
            for (size_t i = 0; i + 8 <= n; i++) {
                if (memcmp(line + i, "<details", 8) == 0)
                    b->details++;
                else if (i + 10 <= n && b->details > 0 &&
                         memcmp(line + i, "</details>", 10) == 0)
                    b->details--;
            }
        }
        at += n + (nl ? 1 : 0);
    }
}

static int append_closers(FILE *f, const struct open_blocks *b)
{
    if (b->fence[0])
        fprintf(f, "%s\n", b->fence);
    if (b->details)
        fputc('\n', f);
    for (size_t i = 0; i < b->details; i++)
        fputs("</details>\n", f);
    return 0;
}

static size_t count_lines(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (s[i] == '\n')
            n++;
    if (len > 0 && s[len - 1] != '\n')
        n++;
    return n;
}

/* prefix + closers + note for a cut at p, in a malloc'd string. */
static char *assemble(const char *text, size_t len, size_t p, const char *note,
                      size_t *out_len)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    struct open_blocks b;
    if (!f)
        return NULL;
    fwrite(text, 1, p, f);
    scan_blocks(text, p, &b);
    append_closers(f, &b);
    fprintf(f, note, count_lines(text + p, len - p));
    if (fclose(f) != 0) {
        free(buf);
        return NULL;
    }
    *out_len = size;
    return buf;
}

char *brun_gh_fit(const char *text, size_t len, size_t limit,
                  enum brun_gh_measure m, const char *note, size_t *out_len,
                  int *cut)
{
    *cut = 0;
    if (measure(text, len, m) <= limit) {
        char *copy = malloc(len + 1);
        if (!copy)
            return NULL;
        memcpy(copy, text, len);
        copy[len] = '\0';
        *out_len = len;
        return copy;
    }
    /* Room for the note with the widest count, and closers for a fence
     * and a few <details>; then the last line boundary within the rest. */
    char widest[512];
    snprintf(widest, sizeof widest, note, (size_t)SIZE_MAX);
    size_t reserve = measure(widest, strlen(widest), m) + 64;
    if (reserve > limit)
        return NULL;
    size_t budget = limit - reserve, used = 0, p = 0;
    for (size_t at = 0; at < len;) {
        const char *nl = memchr(text + at, '\n', len - at);
        if (!nl)
            break;
        size_t n = (size_t)(nl - (text + at)) + 1;
        size_t w = measure(text + at, n, m);
        if (used + w > budget)
            break;
        used += w;
        at += n;
        p = at;
    }
    /* Many open <details> could outgrow the reserve: back off a line. */
    for (;;) {
        char *out = assemble(text, len, p, note, out_len);
        if (!out)
            return NULL;
        if (measure(out, *out_len, m) <= limit) {
            *cut = 1;
            return out;
        }
        free(out);
        if (p == 0)
            return NULL;
        const char *prev = p >= 2 ? memrchr(text, '\n', p - 1) : NULL;
        p = prev ? (size_t)(prev - text) + 1 : 0;
    }
}

const char brun_gh_summary_note[] =
    "\n---\n\n**Report cut here:** %zu more lines were left out to stay "
    "within GitHub's 1 MiB limit for a step summary. Run benchrun with "
    "`--report FILE` for the full report.\n";

const char brun_gh_comment_note[] =
    "\n---\n\n**Report cut here:** %zu more lines were left out to stay "
    "within GitHub's 65,536-character limit for a comment. The job summary "
    "of this run has more; run benchrun with `--report FILE` for the full "
    "report.\n";

/* ---- Files the runner reads back -------------------------------------- */

/* Opens a runner-owned file for appending.  -1 with why. */
static int open_append(const char *path, char *why, size_t why_size)
{
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
    if (fd < 0)
        snprintf(why, why_size, "cannot open %s: %s", path, strerror(errno));
    return fd;
}

int brun_gh_write_summary(const char *path, const char *markdown, size_t len,
                          char *why, size_t why_size)
{
    struct stat st;
    int fd = open_append(path, why, why_size);
    if (fd < 0)
        return -1;
    if (fstat(fd, &st) != 0) {
        snprintf(why, why_size, "cannot stat %s: %s", path, strerror(errno));
        close(fd);
        return -1;
    }
    size_t held = st.st_size > 0 ? (size_t)st.st_size : 0;
    size_t out_len = 0;
    int cut = 0;
    char *text =
        held < BRUN_GH_SUMMARY_LIMIT
            ? brun_gh_fit(markdown, len, BRUN_GH_SUMMARY_LIMIT - held,
                          BRUN_GH_BYTES, brun_gh_summary_note, &out_len, &cut)
            : NULL;
    if (!text) {
        snprintf(why, why_size,
                 "%s already holds %zu bytes: no room for the report within "
                 "GitHub's 1 MiB limit",
                 path, held);
        close(fd);
        return -1;
    }
    int rc = brun_io_write_full(fd, text, out_len);
    if (rc != 0)
        snprintf(why, why_size, "cannot write %s: %s", path, strerror(errno));
    free(text);
    if (close(fd) != 0 && rc == 0) {
        snprintf(why, why_size, "cannot write %s: %s", path, strerror(errno));
        rc = -1;
    }
    return rc;
}

void brun_gh_summary_text(const struct brun_results *r, int exit_status,
                          char *out, size_t size)
{
    struct brun_tally n;
    FILE *f;
    char *buf = NULL, text[512];
    size_t len = 0;

    brun_results_tally(r, &n);
    f = open_memstream(&buf, &len);
    if (!f) {
        snprintf(out, size, "benchrun: exit status %d", exit_status);
        return;
    }
    if (r->comparison) {
        const struct brun_comparison_summary *s = r->comparison;
        brun_wording_compared(r, text, sizeof text);
        fprintf(f, "benchrun against %s, %s.",
                s->against ? s->against : "the baseline", text);
        size_t listed = 0;
        for (size_t i = 0; i < r->case_count && listed < 5; i++) {
            const struct brun_case_comparison *k = r->cases[i].comparison;
            if (!k || !k->stats.fails)
                continue;
            char change[32];
            brun_format_change(k->stats.ratio, change, sizeof change);
            fprintf(f, "%s%s (%s)",
                    listed ? ", " : " Beyond the threshold: ", r->cases[i].name,
                    change);
            listed++;
        }
        if (listed)
            fprintf(f, "%s.", n.failing > listed ? ", ..." : "");
    } else {
        fprintf(f, "benchrun measured %zu case%s.", n.cases,
                n.cases == 1 ? "" : "s");
    }
    if (n.failed) {
        brun_wording_failed(n.failed, text, sizeof text);
        fprintf(f, " %s.", text);
    }
    if (r->slo)
        fprintf(f, " SLOs: %zu %s, %zu %s, %zu %s.", r->slo->ok,
                brun_slo_status_name(BRUN_SLO_OK), r->slo->warning,
                brun_slo_status_name(BRUN_SLO_WARNING), r->slo->critical,
                brun_slo_status_name(BRUN_SLO_CRITICAL));
    fprintf(f, " Verdict: %s", brun_wording_run_verdict(exit_status));
    if (exit_status != 0)
        fprintf(f, " (exit status %d)", exit_status);
    fputc('.', f);
    if (fclose(f) != 0 || !buf) {
        free(buf);
        snprintf(out, size, "benchrun: exit status %d", exit_status);
        return;
    }
    /* One paragraph: no line breaks from names. */
    for (char *p = buf; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    snprintf(out, size, "%s", buf);
    free(buf);
}

void brun_gh_random_hex(char *buf, size_t size)
{
    static const char hex[] = "0123456789abcdef";
    unsigned char bytes[64];
    size_t want = size > 0 ? (size - 1) / 2 + 1 : 0;
    if (want > sizeof bytes)
        want = sizeof bytes;
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    ssize_t got = fd >= 0 ? brun_io_read_full(fd, bytes, want) : -1;
    if (fd >= 0)
        close(fd);
    if (got < (ssize_t)want) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        uint64_t x = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 20) ^
                     ((uint64_t)getpid() << 40) ^ (uint64_t)(uintptr_t)buf;
        for (size_t i = 0; i < want; i++) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            bytes[i] = (unsigned char)(x >> 24);
        }
    }
    size_t i = 0;
    for (; i + 1 < size && i / 2 < want; i++)
        buf[i] = hex[i % 2 ? bytes[i / 2] & 15 : bytes[i / 2] >> 4];
    if (size > 0)
        buf[i] = '\0';
}

int brun_gh_write_outputs(const char *path, const struct brun_results *r,
                          int exit_status, char *why, size_t why_size)
{
    struct brun_tally n;
    char summary[4096], delimiter[64], hex[33];
    char *buf = NULL;
    size_t len = 0;

    brun_results_tally(r, &n);
    brun_gh_summary_text(r, exit_status, summary, sizeof summary);
    /* A delimiter the value cannot hold: random, checked anyway. */
    for (int tries = 0;; tries++) {
        brun_gh_random_hex(hex, sizeof hex);
        snprintf(delimiter, sizeof delimiter, "benchrun_%s", hex);
        if (!strstr(summary, delimiter))
            break;
        if (tries == 8) {
            snprintf(why, why_size, "no delimiter for the summary output");
            return -1;
        }
    }
    FILE *f = open_memstream(&buf, &len);
    if (!f) {
        snprintf(why, why_size, "out of memory");
        return -1;
    }
    fprintf(f,
            "verdict=%s\nregressions=%zu\nfailing=%zu\nfailed-cases=%zu\n"
            "exit-status=%d\ncompared=%zu\nsummary<<%s\n%s\n%s\n",
            brun_wording_run_verdict(exit_status), n.regressed, n.failing,
            n.failed, exit_status, n.compared, delimiter, summary, delimiter);
    if (fclose(f) != 0) {
        free(buf);
        snprintf(why, why_size, "out of memory");
        return -1;
    }
    int fd = open_append(path, why, why_size);
    int rc = fd < 0 ? -1 : brun_io_write_full(fd, buf, len);
    if (fd >= 0 && rc != 0)
        snprintf(why, why_size, "cannot write %s: %s", path, strerror(errno));
    if (fd >= 0 && close(fd) != 0 && rc == 0) {
        snprintf(why, why_size, "cannot write %s: %s", path, strerror(errno));
        rc = -1;
    }
    free(buf);
    return rc;
}
