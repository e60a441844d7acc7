/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * memory_tool.c: the memory profilers' command lines and summaries (see
 * memory_tool.h).  Each tool's output is read here, by hand: heaptrack's
 * through the text heaptrack_print prints (run with fork/exec, no
 * shell), massif.out and valgrind's --stats log line by line, DHAT's JSON
 * with a small reader of its own (the runner links no JSON library).
 * Formats checked against heaptrack 1.4 and valgrind 3.19.  It does not
 * run the profiled program and keeps nothing between calls.
 */
#include "config.h"

#include "runner/diagnose/memory_tool.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* Bigger files than this are not read (DHAT's JSON of a large program is
 * a few tens of megabytes). */
#define MAX_FILE_BYTES ((size_t)1 << 30)

static void fail(char *why, size_t why_size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void fail(char *why, size_t why_size, const char *fmt, ...)
{
    if (!why || why_size == 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, why_size, fmt, ap);
    va_end(ap);
}

static const char *const names[] = {"heaptrack", "massif", "dhat"};

const char *brun_memory_tool_name(enum brun_memory_tool t)
{
    if ((unsigned)t < sizeof names / sizeof names[0])
        return names[t];
    return "unknown";
}

int brun_memory_tool_parse(const char *name, enum brun_memory_tool *out)
{
    for (size_t i = 0; name && i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(name, names[i]) == 0) {
            *out = (enum brun_memory_tool)i;
            return 0;
        }
    }
    return -1;
}

/* The path of the executable name in a folder of $PATH, in out.  0, or
 * -1 when none is there. */
static int find_program(const char *name, char *out, size_t size)
{
    const char *path = getenv("PATH");
    if (!path || !*path)
        return -1;
    for (const char *p = path;;) {
        const char *colon = strchr(p, ':');
        size_t len = colon ? (size_t)(colon - p) : strlen(p);
        struct stat st;
        /* An empty entry is the current directory, as for execvp. */
        int n = len ? snprintf(out, size, "%.*s/%s", (int)len, p, name)
                    : snprintf(out, size, "./%s", name);
        if (n > 0 && (size_t)n < size && stat(out, &st) == 0 &&
            S_ISREG(st.st_mode) && access(out, X_OK) == 0)
            return 0;
        if (!colon)
            return -1;
        p = colon + 1;
    }
}

/* The programs t needs, NULL-terminated; the first is the one to run. */
static const char *const *programs(enum brun_memory_tool t)
{
    static const char *const heaptrack[] = {"heaptrack", "heaptrack_print",
                                            NULL};
    static const char *const valgrind[] = {"valgrind", NULL};
    return t == BRUN_MEMORY_HEAPTRACK ? heaptrack : valgrind;
}

/* 0 when every program t needs is on PATH; else -1 with the first
 * missing one in why. */
static int installed(enum brun_memory_tool t, char *why, size_t why_size)
{
    char path[4096];
    for (const char *const *p = programs(t); *p; p++) {
        if (find_program(*p, path, sizeof path) != 0) {
            fail(why, why_size, "%s is not installed: no %s on PATH",
                 brun_memory_tool_name(t), *p);
            return -1;
        }
    }
    return 0;
}

int brun_memory_tool_find(const enum brun_memory_tool *chosen,
                          enum brun_memory_tool *out, char *why,
                          size_t why_size)
{
    if (chosen) {
        if ((unsigned)*chosen >= sizeof names / sizeof names[0]) {
            fail(why, why_size, "unknown memory tool %d", (int)*chosen);
            return -1;
        }
        if (installed(*chosen, why, why_size) != 0)
            return -1;
        *out = *chosen;
        return 0;
    }
    const enum brun_memory_tool order[] = {
        BRUN_MEMORY_HEAPTRACK, BRUN_MEMORY_MASSIF, BRUN_MEMORY_DHAT};
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        if (installed(order[i], NULL, 0) == 0) {
            *out = order[i];
            return 0;
        }
    }
    fail(why, why_size,
         "no memory profiler found: install heaptrack or valgrind "
         "(apt-get install heaptrack valgrind)");
    return -1;
}

void brun_memory_command_release(struct brun_memory_command *cmd)
{
    if (!cmd)
        return;
    for (size_t i = 0; cmd->argv && i < cmd->argc; i++)
        free(cmd->argv[i]);
    free(cmd->argv);
    free(cmd->output_pattern);
    for (size_t i = 0; i < BRUN_MEMORY_OUTPUTS_MAX; i++)
        free(cmd->outputs[i]);
    memset(cmd, 0, sizeof *cmd);
}

/* A malloc'ed printf, or NULL. */
static char *format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *format(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    char *s = malloc((size_t)n + 1);
    if (!s)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

/* Checks out_dir and stem for t; 0, or -1 with the reason. */
static int check_names(enum brun_memory_tool t, const char *out_dir,
                       const char *stem, char *why, size_t why_size)
{
    if (!out_dir || !*out_dir) {
        fail(why, why_size, "no output folder for %s",
             brun_memory_tool_name(t));
        return -1;
    }
    if (!stem || !*stem || strchr(stem, '/')) {
        fail(why, why_size, "bad output name \"%s\": empty or with a '/'",
             stem ? stem : "");
        return -1;
    }
    struct stat st;
    if (stat(out_dir, &st) != 0) {
        fail(why, why_size, "output folder %s: %s", out_dir, strerror(errno));
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) {
        fail(why, why_size, "output folder %s: not a folder", out_dir);
        return -1;
    }
    /* valgrind expands %p and %q{VAR} in its file names, heaptrack %p
     * and %h; heaptrack is a shell script that splits and globs its -o
     * argument (unquoted $2), so white space and glob characters would
     * send its file elsewhere. */
    const char *bad = t == BRUN_MEMORY_HEAPTRACK ? "% \t\n*?[]" : "%\n";
    const char *both[] = {out_dir, stem};
    for (size_t i = 0; i < 2; i++) {
        size_t at = strcspn(both[i], bad);
        if (both[i][at]) {
            fail(why, why_size,
                 "%s cannot write to \"%s\": %s rewrites the character "
                 "'%c' in its file names",
                 brun_memory_tool_name(t), both[i], brun_memory_tool_name(t),
                 both[i][at]);
            return -1;
        }
    }
    return 0;
}

/* What heaptrack may add to its -o path, by the compressor it has. */
static const char *const heaptrack_suffixes[4] = {"zst", "gz", "raw.zst",
                                                  "raw.gz"};

int brun_memory_tool_command(enum brun_memory_tool t, const char *out_dir,
                             const char *stem, struct brun_memory_command *cmd,
                             char *why, size_t why_size)
{
    memset(cmd, 0, sizeof *cmd);
    if ((unsigned)t >= sizeof names / sizeof names[0]) {
        fail(why, why_size, "unknown memory tool %d", (int)t);
        return -1;
    }
    if (check_names(t, out_dir, stem, why, why_size) != 0)
        return -1;
    char tool[4096];
    if (installed(t, why, why_size) != 0 ||
        find_program(programs(t)[0], tool, sizeof tool) != 0)
        return -1;
    const char *slash = out_dir[strlen(out_dir) - 1] == '/' ? "" : "/";
    char *words[8] = {NULL};
    size_t n = 0;
    char *base = NULL;
    words[n++] = strdup(tool);
    switch (t) {
    case BRUN_MEMORY_HEAPTRACK:
        /* heaptrack starts the program itself with its preload library
         * (no ptrace, no gdb: those are only for -p PID) and writes
         * -o's path plus ".zst" (".gz" without zstd).  Its -o keeps a
         * "%p" as it is in 1.4, so no pid goes into the name.  It prints
         * its own chatter on stdout, and its background interpreter
         * inherits the worker's descriptors until the program ends. */
        base = format("%s%sheaptrack.%s", out_dir, slash, stem);
        words[n++] = strdup("-o");
        words[n++] = base ? strdup(base) : NULL;
        cmd->output_pattern = base ? format("%s.*", base) : NULL;
        for (size_t i = 0; base && i < 4; i++)
            cmd->outputs[i] = format("%s.%s", base, heaptrack_suffixes[i]);
        break;
    case BRUN_MEMORY_MASSIF:
        /* Heap blocks only (not pages); the default 1 % threshold
         * keeps the peak's top entries, which is all the summary reads.
         * Massif.out has no call counts: --stats=yes prints them in
         * valgrind's log, which goes beside the output. */
        base = format("%s%smassif.out.%s", out_dir, slash, stem);
        words[n++] = strdup("--tool=massif");
        words[n++] = base ? format("--massif-out-file=%s", base) : NULL;
        words[n++] = strdup("--pages-as-heap=no");
        words[n++] = strdup("--stats=yes");
        words[n++] = base ? format("--log-file=%s.log", base) : NULL;
        cmd->output_pattern = base ? strdup(base) : NULL;
        cmd->outputs[0] = base ? strdup(base) : NULL;
        cmd->outputs[1] = base ? format("%s.log", base) : NULL;
        break;
    case BRUN_MEMORY_DHAT:
        base = format("%s%sdhat.out.%s.json", out_dir, slash, stem);
        words[n++] = strdup("--tool=dhat");
        words[n++] = base ? format("--dhat-out-file=%s", base) : NULL;
        cmd->output_pattern = base ? strdup(base) : NULL;
        cmd->outputs[0] = base ? strdup(base) : NULL;
        break;
    }
    free(base);
    int ok = cmd->output_pattern != NULL && cmd->outputs[0] != NULL;
    for (size_t i = 0; i < n; i++)
        ok = ok && words[i];
    cmd->argv = ok ? calloc(n + 1, sizeof *cmd->argv) : NULL;
    if (!cmd->argv) {
        for (size_t i = 0; i < n; i++)
            free(words[i]);
        brun_memory_command_release(cmd);
        fail(why, why_size, "out of memory for the %s command",
             brun_memory_tool_name(t));
        return -1;
    }
    memcpy(cmd->argv, words, n * sizeof *words);
    cmd->argc = n;
    return 0;
}

/* 1 when path names a regular file. */
static int is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int brun_memory_tool_output(const struct brun_memory_command *cmd, long pid,
                            char *path, size_t size, char *why, size_t why_size)
{
    if (!cmd || !cmd->output_pattern) {
        fail(why, why_size, "no memory tool command to find the output of");
        return -1;
    }
    /* The pattern with "%p" replaced by the pid. */
    char resolved[4096];
    size_t o = 0;
    for (const char *p = cmd->output_pattern; *p && o + 32 < sizeof resolved;
         p++) {
        if (p[0] == '%' && p[1] == 'p') {
            o +=
                (size_t)snprintf(resolved + o, sizeof resolved - o, "%ld", pid);
            p++;
        } else {
            resolved[o++] = *p;
        }
    }
    resolved[o] = '\0';
    size_t len = strlen(resolved);
    if (len >= 2 && strcmp(resolved + len - 2, ".*") == 0) {
        /* heaptrack: the compressor it had decides the suffix. */
        for (size_t i = 0; i < 4; i++) {
            int n = snprintf(path, size, "%.*s.%s", (int)(len - 2), resolved,
                             heaptrack_suffixes[i]);
            if (n > 0 && (size_t)n < size && is_file(path))
                return 0;
        }
        fail(why, why_size, "no memory profile %.*s (.zst or .gz) was written",
             (int)(len - 2), resolved);
        return -1;
    }
    if (snprintf(path, size, "%s", resolved) >= (int)size) {
        fail(why, why_size, "the output path %s is too long", resolved);
        return -1;
    }
    if (!is_file(path)) {
        fail(why, why_size, "no memory profile %s was written", path);
        return -1;
    }
    return 0;
}

/* A growable byte buffer, always NUL-terminated once it holds anything. */
struct buf {
    char *data;
    size_t len, cap;
};

static int buf_add(struct buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > MAX_FILE_BYTES)
        return -1;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *d = realloc(b->data, cap);
        if (!d)
            return -1;
        b->data = d;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

/* Reads all of fd into *b (emptied first).  0, or -1 with errno. */
static int read_all(int fd, struct buf *b)
{
    char chunk[65536];
    b->len = 0;
    if (buf_add(b, "", 0) != 0)
        return -1;
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n == 0)
            return 0;
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 || buf_add(b, chunk, (size_t)n) != 0)
            return -1;
    }
}

/* Reads the file path into *b; 0, or -1 with a reason. */
static int read_file(const char *path, struct buf *b, char *why,
                     size_t why_size)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        fail(why, why_size, "cannot open %s: %s", path, strerror(errno));
        return -1;
    }
    int rc = read_all(fd, b);
    int err = errno;
    close(fd);
    if (rc != 0) {
        fail(why, why_size, "cannot read %s: %s", path, strerror(err));
        return -1;
    }
    return 0;
}

/* Runs argv[0] (a path) with stdin and stderr on /dev/null and its stdout
 * into *out; returns its exit status (128 + signal), or -1 when it could
 * not be started or read. */
static int run_capture(char *const argv[], struct buf *out)
{
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0)
        return -1;
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return -1;
    }
    if (pid == 0) {
        setpgid(0, 0); /* its own group: see below */
        int null = open("/dev/null", O_RDWR);
        if (null < 0 || dup2(null, 0) < 0 || dup2(null, 2) < 0 ||
            dup2(fds[1], 1) < 0)
            _exit(127);
        execv(argv[0], argv);
        _exit(127);
    }
    close(fds[1]);
    int rc = read_all(fds[0], out);
    close(fds[0]);
    int status;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR)
            return -1;
    }
    /* Anything it left running came back to benchrun (a child
     * subreaper): end and reap it by its group. */
    kill(-pid, SIGKILL);
    int left;
    while (waitpid(-pid, &left, 0) > 0 || errno == EINTR)
        ;
    if (rc != 0)
        return -1;
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return WEXITSTATUS(status);
}

/* The line after the first occurrence of prefix at the start of a line
 * of text (a pointer into text), or NULL. */
static const char *line_after(const char *text, const char *prefix)
{
    size_t n = strlen(prefix);
    for (const char *p = text; p && *p;) {
        if (strncmp(p, prefix, n) == 0)
            return p + n;
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    return NULL;
}

/* heaptrack_print's size, "184.80K" or "0B" (powers of 1000, as its
 * formatBytes prints them), in bytes; -1 when it is none. */
static double heaptrack_bytes(const char *s)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || errno || v < 0)
        return -1;
    static const char units[] = "BKMGTPEZY";
    const char *u = *end ? strchr(units, *end) : NULL;
    if (!u)
        return -1;
    return v * pow(1000.0, (double)(u - units));
}

/* Copies the text up to the end of the line at s into out. */
static void copy_line(char *out, size_t size, const char *s)
{
    size_t n = strcspn(s, "\n");
    snprintf(out, size, "%.*s", (int)n, s);
}

static int summarise_heaptrack(const char *path, struct brun_memory_summary *s,
                               char *why, size_t why_size)
{
    char print[4096];
    if (find_program("heaptrack_print", print, sizeof print) != 0) {
        fail(why, why_size,
             "cannot read %s: heaptrack_print is not on PATH (apt-get "
             "install heaptrack)",
             path);
        return -1;
    }
    if (!is_file(path)) {
        fail(why, why_size, "cannot read %s: no such file", path);
        return -1;
    }
    /* The allocation sizes (-H) go to a scratch file beside the output:
     * written by another stream than the text, they could interleave
     * with it on one pipe. */
    char *sizes = format("%s.sizes.XXXXXX", path);
    int fd = sizes ? mkstemp(sizes) : -1;
    if (fd < 0) {
        fail(why, why_size, "cannot make a scratch file beside %s: %s", path,
             sizes ? strerror(errno) : "out of memory");
        free(sizes);
        return -1;
    }
    close(fd);
    char *argv[] = {print, "-f", (char *)path, "-p", "1",  "-a",  "0",
                    "-T",  "0",  "-n",         "1",  "-H", sizes, NULL};
    struct buf out = {0}, hist = {0};
    int rc = run_capture(argv, &out);
    int hist_rc = read_file(sizes, &hist, NULL, 0);
    unlink(sizes);
    free(sizes);
    int result = -1;
    if (rc != 0 || !out.data) {
        fail(why, why_size, "heaptrack_print could not read %s (exit %d)", path,
             rc);
        goto done;
    }
    /* An unreadable file still gives a summary of zeros; only a real one
     * names the program it recorded. */
    if (!line_after(out.data, "Debuggee command was:")) {
        fail(why, why_size,
             "%s: heaptrack_print found no recorded program in it (not a "
             "heaptrack file?)",
             path);
        goto done;
    }
    const char *calls = line_after(out.data, "calls to allocation functions:");
    const char *peak = line_after(out.data, "peak heap memory consumption:");
    if (!calls || !peak) {
        fail(why, why_size, "%s: heaptrack_print printed no \"%s\" line", path,
             !calls ? "calls to allocation functions"
                    : "peak heap memory "
                      "consumption");
        goto done;
    }
    s->allocations = strtod(calls, NULL);
    s->peak_bytes = heaptrack_bytes(peak + strspn(peak, " "));
    if (s->peak_bytes < 0) {
        char text[64];
        copy_line(text, sizeof text, peak);
        fail(why, why_size, "%s: unreadable peak heap \"%s\"", path, text);
        goto done;
    }
    /* "SIZE\tCOUNT" lines. */
    if (hist_rc == 0 && hist.data) {
        double total = 0;
        for (const char *p = hist.data; *p;) {
            char *end;
            double size = strtod(p, &end);
            if (*end == '\t')
                total += size * strtod(end + 1, NULL);
            p = strchr(p, '\n');
            p = p ? p + 1 : "";
        }
        s->allocated_bytes = total;
    }
    /* PEAK MEMORY CONSUMERS: "100.00K peak memory consumed over 1000
     * calls from", then the function, "  at FILE:LINE", "  in MODULE". */
    const char *section = line_after(out.data, "PEAK MEMORY CONSUMERS");
    const char *entry =
        section ? strstr(section, " peak memory consumed over ") : NULL;
    if (entry) {
        const char *start = entry;
        while (start > section && start[-1] != '\n')
            start--;
        s->top_site_bytes = heaptrack_bytes(start);
        const char *fn = strchr(entry, '\n');
        if (fn) {
            fn++;
            char name[400], at[100] = "";
            copy_line(name, sizeof name, fn);
            const char *next = strchr(fn, '\n');
            if (next && strncmp(next + 1, "  at ", 5) == 0)
                copy_line(at, sizeof at, next + 6);
            if (*at)
                snprintf(s->top_site, sizeof s->top_site, "%s (%s)", name, at);
            else
                snprintf(s->top_site, sizeof s->top_site, "%s", name);
        }
    }
    result = 0;
done:
    free(out.data);
    free(hist.data);
    return result;
}

/* Strips valgrind's "0xADDR: " from a frame's text into out. */
static void frame_text(char *out, size_t size, const char *frame, size_t len)
{
    if (len > 2 && frame[0] == '0' && frame[1] == 'x') {
        const char *colon = memchr(frame, ':', len);
        if (colon && (size_t)(colon - frame) + 2 <= len) {
            len -= (size_t)(colon + 2 - frame);
            frame = colon + 2;
        }
    }
    snprintf(out, size, "%.*s", (int)len, frame);
}

/* The value after "key" in a massif log line (digits with commas), or
 * -1. */
static double log_count(const char *log, const char *key)
{
    const char *p = strstr(log, key);
    if (!p)
        return -1;
    p += strlen(key);
    double v = 0;
    int any = 0;
    for (p += strspn(p, " \t"); isdigit((unsigned char)*p) || *p == ','; p++) {
        if (*p != ',') {
            v = v * 10 + (*p - '0');
            any = 1;
        }
    }
    return any ? v : -1;
}

static int summarise_massif(const char *path, struct brun_memory_summary *s,
                            char *why, size_t why_size)
{
    struct buf text = {0};
    if (read_file(path, &text, why, why_size) != 0)
        return -1;
    int result = -1;
    double current = -1, max = -1;
    int in_peak = 0, snapshots = 0;
    for (char *line = text.data; line && *line;) {
        char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line) : strlen(line);
        if (strncmp(line, "mem_heap_B=", 11) == 0) {
            current = strtod(line + 11, NULL);
            snapshots++;
            if (current > max)
                max = current;
        } else if (strncmp(line, "heap_tree=", 10) == 0) {
            in_peak = len == 14 && strncmp(line + 10, "peak", 4) == 0;
            if (in_peak)
                s->peak_bytes = current;
        } else if (in_peak && line[0] == ' ' && line[1] == 'n' &&
                   !s->top_site[0]) {
            /* " n1: 100000 0x1091DD: grow_table (memory_target.c:27)": the peak
             * tree's children come largest first; an entry for the
             * sites below the threshold is not a site. */
            char *end;
            const char *colon = memchr(line, ':', len);
            double bytes = colon ? strtod(colon + 1, &end) : -1;
            if (colon && bytes >= 0 && end > colon + 1 && *end == ' ' &&
                strncmp(end + 1, "in ", 3) != 0) {
                s->top_site_bytes = bytes;
                frame_text(s->top_site, sizeof s->top_site, end + 1,
                           len - (size_t)(end + 1 - line));
            }
        } else if (line[0] == '#') {
            in_peak = 0;
        }
        line = nl ? nl + 1 : NULL;
    }
    if (snapshots == 0 || strncmp(text.data, "desc:", 5) != 0) {
        fail(why, why_size,
             "%s: no \"desc:\" header or mem_heap_B snapshot (not a "
             "massif.out file?)",
             path);
        goto done;
    }
    if (isnan(s->peak_bytes))
        s->peak_bytes = max;
    /* valgrind --stats=yes: "--PID-- Massif: heap allocs:    1002". */
    char *log = format("%s.log", path);
    struct buf logtext = {0};
    if (log && read_file(log, &logtext, NULL, 0) == 0) {
        double allocs = log_count(logtext.data, "Massif: heap allocs:");
        double reallocs = log_count(logtext.data, "Massif: heap reallocs:");
        if (allocs >= 0)
            s->allocations = allocs + (reallocs > 0 ? reallocs : 0);
    }
    free(logtext.data);
    free(log);
    result = 0;
done:
    free(text.data);
    return result;
}

/* A reader of DHAT's JSON: a cursor, and the first error. */
struct json {
    const char *p, *end;
    const char *error; /* what was expected where it stopped, or NULL */
};

static void json_ws(struct json *j)
{
    while (j->p < j->end &&
           (*j->p == ' ' || *j->p == '\n' || *j->p == '\t' || *j->p == '\r'))
        j->p++;
}

/* Consumes c after white space; 1 when it was there. */
static int json_eat(struct json *j, char c)
{
    json_ws(j);
    if (j->p < j->end && *j->p == c) {
        j->p++;
        return 1;
    }
    return 0;
}

static void json_expect(struct json *j, char c, const char *what)
{
    if (!j->error && !json_eat(j, c))
        j->error = what;
}

/* A string into *b (UTF-8; \u escapes outside ASCII become '?'). */
static void json_string(struct json *j, struct buf *b)
{
    b->len = 0;
    buf_add(b, "", 0);
    json_expect(j, '"', "a string");
    while (!j->error) {
        if (j->p >= j->end) {
            j->error = "the end of a string";
            return;
        }
        char c = *j->p++;
        if (c == '"')
            return;
        if (c == '\\' && j->p < j->end) {
            char e = *j->p++;
            const char *from = "\"\\/bfnrt", *to = "\"\\/\b\f\n\r\t";
            const char *k = strchr(from, e);
            if (e == 'u') {
                unsigned v = 0;
                for (int i = 0; i < 4; i++, j->p++) {
                    if (j->p >= j->end || !isxdigit((unsigned char)*j->p)) {
                        j->error = "four hex digits after \\u";
                        return;
                    }
                    int h = tolower((unsigned char)*j->p);
                    v = v * 16 +
                        (unsigned)(isdigit(h) ? h - '0' : h - 'a' + 10);
                }
                c = v < 0x80 ? (char)v : '?';
            } else if (k && e) {
                c = to[k - from];
            } else {
                j->error = "a valid escape in a string";
                return;
            }
        }
        if (buf_add(b, &c, 1) != 0)
            j->error = "memory for a string";
    }
}

static double json_number(struct json *j)
{
    json_ws(j);
    char *end;
    double v = j->p < j->end ? strtod(j->p, &end) : 0;
    if (j->p >= j->end || end == j->p) {
        if (!j->error)
            j->error = "a number";
        return 0;
    }
    j->p = end;
    return v;
}

/* Skips any value (nesting at most 64 deep). */
static void json_skip(struct json *j, int depth)
{
    struct buf scratch = {0};
    json_ws(j);
    if (j->error || j->p >= j->end || depth > 64) {
        if (!j->error)
            j->error = "a value";
        return;
    }
    char c = *j->p;
    if (c == '{' || c == '[') {
        char close = c == '{' ? '}' : ']';
        j->p++;
        if (!json_eat(j, close)) {
            do {
                if (c == '{') {
                    json_string(j, &scratch);
                    json_expect(j, ':', "':'");
                }
                json_skip(j, depth + 1);
            } while (!j->error && json_eat(j, ','));
            json_expect(j, close, c == '{' ? "'}'" : "']'");
        }
    } else if (c == '"') {
        json_string(j, &scratch);
    } else if (c == 't' || c == 'f' || c == 'n') {
        while (j->p < j->end && isalpha((unsigned char)*j->p))
            j->p++;
    } else {
        json_number(j);
    }
    free(scratch.data);
}

/* What the summary needs from DHAT's file. */
struct dhat {
    int heap_mode, have_pps, have_ftbl;
    double peak, blocks, bytes;
    double best_tb;
    size_t *best_fs, best_n; /* the frames of the pp with the most bytes */
    char **ftbl;
    size_t nftbl;
};

/* One element of "pps": {"tb": .., "tbk": .., "gb": .., "fs": [..]}. */
static void dhat_pp(struct json *j, struct dhat *d)
{
    struct buf key = {0};
    double tb = 0, tbk = 0, gb = 0;
    size_t *fs = NULL, n = 0, cap = 0;
    json_expect(j, '{', "'{' of a program point");
    if (!j->error && !json_eat(j, '}')) {
        do {
            json_string(j, &key);
            json_expect(j, ':', "':'");
            if (j->error)
                break;
            if (strcmp(key.data, "tb") == 0) {
                tb = json_number(j);
            } else if (strcmp(key.data, "tbk") == 0) {
                tbk = json_number(j);
            } else if (strcmp(key.data, "gb") == 0) {
                gb = json_number(j);
            } else if (strcmp(key.data, "fs") == 0) {
                json_expect(j, '[', "'[' of \"fs\"");
                if (!j->error && !json_eat(j, ']')) {
                    do {
                        double f = json_number(j);
                        if (n == cap) {
                            cap = cap ? 2 * cap : 16;
                            size_t *g = realloc(fs, cap * sizeof *fs);
                            if (!g) {
                                j->error = "memory for the frames";
                                break;
                            }
                            fs = g;
                        }
                        fs[n++] = f >= 0 ? (size_t)f : 0;
                    } while (!j->error && json_eat(j, ','));
                    json_expect(j, ']', "']' of \"fs\"");
                }
            } else {
                json_skip(j, 1);
            }
        } while (!j->error && json_eat(j, ','));
        json_expect(j, '}', "'}' of a program point");
    }
    d->blocks += tbk;
    d->bytes += tb;
    d->peak += gb;
    if (!j->error && (tb > d->best_tb || !d->best_fs)) {
        free(d->best_fs);
        d->best_fs = fs;
        d->best_n = n;
        d->best_tb = tb;
        fs = NULL;
    }
    free(fs);
    free(key.data);
}

static void dhat_file(struct json *j, struct dhat *d)
{
    struct buf key = {0}, value = {0};
    json_expect(j, '{', "'{' at the start");
    if (!j->error && !json_eat(j, '}')) {
        do {
            json_string(j, &key);
            json_expect(j, ':', "':'");
            if (j->error)
                break;
            if (strcmp(key.data, "mode") == 0) {
                json_string(j, &value);
                d->heap_mode = !j->error && strcmp(value.data, "heap") == 0;
            } else if (strcmp(key.data, "pps") == 0) {
                d->have_pps = 1;
                json_expect(j, '[', "'[' of \"pps\"");
                if (!j->error && !json_eat(j, ']')) {
                    do
                        dhat_pp(j, d);
                    while (!j->error && json_eat(j, ','));
                    json_expect(j, ']', "']' of \"pps\"");
                }
            } else if (strcmp(key.data, "ftbl") == 0) {
                d->have_ftbl = 1;
                json_expect(j, '[', "'[' of \"ftbl\"");
                size_t cap = 0;
                if (!j->error && !json_eat(j, ']')) {
                    do {
                        json_string(j, &value);
                        if (j->error)
                            break;
                        if (d->nftbl == cap) {
                            cap = cap ? 2 * cap : 64;
                            char **g = realloc(d->ftbl, cap * sizeof *g);
                            if (!g) {
                                j->error = "memory for the frames";
                                break;
                            }
                            d->ftbl = g;
                        }
                        d->ftbl[d->nftbl] = strdup(value.data);
                        if (!d->ftbl[d->nftbl])
                            j->error = "memory for the frames";
                        else
                            d->nftbl++;
                    } while (!j->error && json_eat(j, ','));
                    json_expect(j, ']', "']' of \"ftbl\"");
                }
            } else {
                json_skip(j, 1);
            }
        } while (!j->error && json_eat(j, ','));
        json_expect(j, '}', "'}' at the end");
    }
    free(key.data);
    free(value.data);
}

static int summarise_dhat(const char *path, struct brun_memory_summary *s,
                          char *why, size_t why_size)
{
    struct buf text = {0};
    if (read_file(path, &text, why, why_size) != 0)
        return -1;
    struct json j = {text.data, text.data + text.len, NULL};
    struct dhat d = {0};
    dhat_file(&j, &d);
    int result = -1;
    if (j.error) {
        fail(why, why_size, "%s: not DHAT's JSON: expected %s at byte %zu",
             path, j.error, (size_t)(j.p - text.data));
    } else if (!d.have_pps || !d.have_ftbl) {
        fail(why, why_size, "%s: no \"%s\" array (not a DHAT output file?)",
             path, !d.have_pps ? "pps" : "ftbl");
    } else if (!d.heap_mode) {
        fail(why, why_size,
             "%s: not a heap profile (DHAT's \"mode\" is not \"heap\")", path);
    } else {
        s->peak_bytes = d.peak;
        s->allocations = d.blocks;
        s->allocated_bytes = d.bytes;
        s->top_site_bytes = d.best_fs ? d.best_tb : 0;
        /* The first frame that is not "[root]" nor an allocator of
         * valgrind's preload library. */
        for (size_t i = 0; i < d.best_n; i++) {
            size_t f = d.best_fs[i];
            if (f == 0 || f >= d.nftbl || strstr(d.ftbl[f], "vgpreload_"))
                continue;
            frame_text(s->top_site, sizeof s->top_site, d.ftbl[f],
                       strlen(d.ftbl[f]));
            break;
        }
        result = 0;
    }
    for (size_t i = 0; i < d.nftbl; i++)
        free(d.ftbl[i]);
    free(d.ftbl);
    free(d.best_fs);
    free(text.data);
    return result;
}

int brun_memory_tool_summarise(enum brun_memory_tool t, const char *output_path,
                               struct brun_memory_summary *s, char *why,
                               size_t why_size)
{
    s->peak_bytes = NAN;
    s->allocations = NAN;
    s->allocated_bytes = NAN;
    s->top_site[0] = '\0';
    s->top_site_bytes = 0;
    switch (t) {
    case BRUN_MEMORY_HEAPTRACK:
        return summarise_heaptrack(output_path, s, why, why_size);
    case BRUN_MEMORY_MASSIF:
        return summarise_massif(output_path, s, why, why_size);
    case BRUN_MEMORY_DHAT:
        return summarise_dhat(output_path, s, why, why_size);
    }
    fail(why, why_size, "unknown memory tool %d", (int)t);
    return -1;
}
