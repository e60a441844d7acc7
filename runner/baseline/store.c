/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * store.c: the baseline store's operations (see store.h):
 * save, load, list and delete, each on DIR/NAME.yml under the store's
 * lock, plus the naming rules they share.  The bytes of a .yml are
 * format_write.c's and format_read.c's, the lock lock.c's,
 * the copies in bin/ bin.c's; this file only puts them in order:
 * a save reads the baseline it replaces (for each case's history,
 * history.c), stores the executables, renders the file, checks that it
 * loads, replaces the old one atomically and then collects unreferenced
 * copies.
 */
#include "config.h"

#include "runner/baseline/store.h"
#include "runner/files/make_dirs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "runner/files/atomic_file.h"
#include "runner/baseline/bin.h"
#include "runner/baseline/format.h"
#include "runner/baseline/history.h"
#include "runner/baseline/lock.h"
#include "runner/baseline/sha256.h"
#include "runner/baseline/store_file.h"
#include "runner/yaml/yaml_tree.h"

static void say(char *why, size_t why_size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Writes a message into the caller's buffer, cut to fit. */
static void say(char *why, size_t why_size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, why_size, fmt, ap);
    va_end(ap);
}

int brun_baseline_name_valid(const char *name, char *why, size_t why_size)
{
    size_t len = name ? strlen(name) : 0;
    if (len == 0) {
        say(why, why_size, "a baseline name must not be empty");
        return 0;
    }
    if (len > BRUN_BASELINE_NAME_MAX) {
        say(why, why_size, "a baseline name has at most %d characters",
            BRUN_BASELINE_NAME_MAX);
        return 0;
    }
    if (name[0] == '.' || name[0] == '-') {
        say(why, why_size, "a baseline name must not start with '%c'", name[0]);
        return 0;
    }
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)name[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')) {
            if (c >= 0x20 && c < 0x7f)
                say(why, why_size,
                    "'%c' is not allowed in a baseline name (only "
                    "letters, digits, '.', '_' and '-')",
                    c);
            else
                say(why, why_size,
                    "byte 0x%02x is not allowed in a baseline name (only "
                    "letters, digits, '.', '_' and '-')",
                    c);
            return 0;
        }
    }
    return 1;
}

static int checked_name(const char *name, char *why, size_t why_size)
{
    char reason[160];
    if (brun_baseline_name_valid(name, reason, sizeof reason))
        return 0;
    say(why, why_size, "invalid baseline name \"%.64s\": %s", name ? name : "",
        reason);
    return -1;
}

/* 1 when a directory entry is a baseline file; its name goes to out. */
static int baseline_file(const char *entry, char *out, size_t size)
{
    char why[160];
    size_t len = strlen(entry);
    if (len <= 4 || strcmp(entry + len - 4, ".yml") != 0 || len - 4 >= size)
        return 0;
    snprintf(out, size, "%.*s", (int)(len - 4), entry);
    return brun_baseline_name_valid(out, why, sizeof why);
}

static int by_string(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void free_names(char **names, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(names[i]);
    free(names);
}

/* The baseline names in dir, sorted.  A missing dir gives none.  Returns
 * 0, or -1 with errno set. */
static int saved_names(const char *dir, char ***out, size_t *count)
{
    char name[BRUN_BASELINE_NAME_MAX + 1];
    size_t n = 0, cap = 0;
    char **names = NULL;
    *out = NULL;
    *count = 0;
    DIR *d = opendir(dir);
    if (!d)
        return errno == ENOENT ? 0 : -1;
    for (struct dirent *e; (e = readdir(d));) {
        if (!baseline_file(e->d_name, name, sizeof name))
            continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 16;
            char **grown = realloc(names, cap * sizeof *names);
            if (!grown)
                goto oom;
            names = grown;
        }
        if (!(names[n] = strdup(name)))
            goto oom;
        n++;
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, by_string);
    *out = names;
    *count = n;
    return 0;
oom:
    closedir(d);
    free_names(names, n);
    errno = ENOMEM;
    return -1;
}

/* `baseline "NAME" not found in DIR; saved baselines: a, b`. */
static void not_found(const char *dir, const char *name, char *why,
                      size_t why_size)
{
    char **names;
    size_t count;
    int n =
        snprintf(why, why_size, "baseline \"%s\" not found in %s; ", name, dir);
    size_t len = n > 0 && (size_t)n < why_size ? (size_t)n
                 : why_size                    ? why_size - 1
                                               : 0;
    if (saved_names(dir, &names, &count) != 0 || count == 0) {
        snprintf(why + len, why_size - len, "none saved yet");
        return;
    }
    n = snprintf(why + len, why_size - len, "saved baselines: ");
    for (size_t i = 0; i < count && n >= 0 && (size_t)n < why_size - len; i++) {
        len += (size_t)n;
        n = snprintf(why + len, why_size - len, "%s%s", i ? ", " : "",
                     names[i]);
    }
    free_names(names, count);
}

static void path_of(char *out, size_t size, const char *dir, const char *name)
{
    snprintf(out, size, "%s/%s.yml", dir, name);
}

static void fsync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

int brun_baseline_check_writable(const char *dir, const char *name, char *why,
                                 size_t why_size)
{
    char path[4200], reason[4400];
    struct stat st;
    if (checked_name(name, why, why_size) != 0)
        return -1;
    if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path) {
        say(why, why_size, "directory name too long: %.80s...", dir);
        return -1;
    }
    /* A store not made yet: the nearest existing ancestor must take it. */
    while (stat(path, &st) != 0) {
        char *slash = strrchr(path, '/');
        if (!slash)
            snprintf(path, sizeof path, ".");
        else if (slash == path)
            path[1] = '\0';
        else
            *slash = '\0';
        if ((!slash || slash == path) && stat(path, &st) != 0) {
            say(why, why_size, "cannot create the store %s: %s", dir,
                strerror(errno));
            return -1;
        }
    }
    if (!S_ISDIR(st.st_mode)) {
        say(why, why_size, "cannot create the store %s: %s is not a directory",
            dir, path);
        return -1;
    }
    if (access(path, W_OK) != 0) {
        say(why, why_size, "the store %s is not writable: %s: %s", dir, path,
            strerror(errno));
        return -1;
    }
    if (strcmp(path, dir) != 0)
        return 0; /* everything below is created by the save */
    const char *inside[] = {".lock", "bin", NULL};
    for (size_t i = 0; inside[i]; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, inside[i]);
        if (brun_store_check_entry(path, i == 1, reason, sizeof reason) != 0) {
            say(why, why_size, "%s", reason);
            return -1;
        }
        if (access(path, W_OK) != 0 && errno != ENOENT) {
            say(why, why_size, "the store's %s is not writable: %s", path,
                strerror(errno));
            return -1;
        }
    }
    path_of(path, sizeof path, dir, name);
    if (brun_store_check_entry(path, 0, reason, sizeof reason) != 0) {
        say(why, why_size, "%s", reason);
        return -1;
    }
    return 0;
}

/* Reads a whole baseline file: a regular file of at most
 * BRUN_BASELINE_MAX_SIZE, read through the YAML reader's bounded reader,
 * whose message names the file and the limit.  *missing is set when it
 * does not exist. */
static int slurp(const char *path, char **data, size_t *size, int *missing,
                 char *why, size_t why_size)
{
    /* The reader refuses FIFOs and devices without blocking; a link is
     * refused here, so no file outside the store is read. */
    struct stat st;
    *missing = 0;
    if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
        return brun_store_check_entry(path, 0, why, why_size);
    int rc =
        brun_yaml_read_bytes(path, BRUN_BASELINE_MAX_SIZE,
                             BRUN_YAML_REGULAR_FILE, data, size, why, why_size);
    *missing = rc != 0 && errno == ENOENT;
    return rc;
}

/* Takes a shared flock on each usable stored copy, under the store's
 * shared lock, so that no save collects a copy this run may execute
 * (bin.c's collection skips copies it cannot lock exclusively). */
static int hold_copies(struct brun_baseline *b, char *why, size_t why_size)
{
    size_t n = b->results.target_count;
    b->holds = malloc((n ? n : 1) * sizeof *b->holds);
    if (!b->holds) {
        say(why, why_size, "out of memory");
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        b->holds[i] = -1;
        if (!b->executables || !b->executables[i])
            continue;
        int fd = open(b->executables[i], O_RDONLY | O_CLOEXEC);
        if (fd >= 0 && flock(fd, LOCK_SH) != 0) {
            close(fd);
            fd = -1;
        }
        b->holds[i] = fd;
    }
    return 0;
}

/* Loads with the lock already handled. */
static int load_unlocked(const char *dir, const char *name,
                         struct brun_baseline *out, char *why, size_t why_size)
{
    char path[4200];
    char *data;
    size_t size;
    int missing;
    path_of(path, sizeof path, dir, name);
    if (slurp(path, &data, &size, &missing, why, why_size) != 0) {
        if (missing)
            not_found(dir, name, why, why_size);
        return -1;
    }
    int r =
        brun_baseline_parse(data, size, path, dir, name, out, why, why_size);
    free(data);
    if (r == 0 && hold_copies(out, why, why_size) != 0) {
        brun_baseline_release(out);
        return -1;
    }
    return r;
}

int brun_baseline_load(const char *dir, const char *name,
                       struct brun_baseline *out, char *why, size_t why_size)
{
    int lock;
    memset(out, 0, sizeof *out);
    if (checked_name(name, why, why_size) != 0)
        return -1;
    if (brun_baseline_lock(dir, 0, &lock, why, why_size) != 0)
        return -1;
    int r = load_unlocked(dir, name, out, why, why_size);
    brun_baseline_unlock(lock);
    return r;
}

void brun_baseline_release(struct brun_baseline *b)
{
    for (size_t i = 0; i < b->results.target_count; i++) {
        if (b->executables)
            free(b->executables[i]);
        if (b->targets) {
            free(b->targets[i].not_stored_because);
            free(b->targets[i].copy_problem);
        }
        if (b->holds && b->holds[i] >= 0)
            close(b->holds[i]); /* drops the flock */
    }
    free(b->holds);
    free(b->executables);
    free(b->targets);
    brun_results_release(&b->results);
    free(b->version_storage);
    free(b->path);
    free(b->name);
    memset(b, 0, sizeof *b);
}

struct buffer {
    const char *data;
    size_t size;
};

static int write_buffer(FILE *out, void *ctx)
{
    const struct buffer *b = ctx;
    return fwrite(b->data, 1, b->size, out) == b->size ? 0 : -1;
}

/* Produces the file's bytes for r; *data is allocated. */
static int render(const char *name, const struct brun_results *r,
                  const struct brun_fingerprint *fp,
                  const struct brun_baseline_stored *stored, char **data,
                  size_t *size, char *why, size_t why_size)
{
    struct brun_c_locale locale;
    char saved[32];
    time_t now = time(NULL);
    struct tm tm;

    if (!gmtime_r(&now, &tm) ||
        strftime(saved, sizeof saved, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0) {
        say(why, why_size, "cannot format the current time");
        return -1;
    }
    struct brun_baseline_doc doc = {.name = name,
                                    .saved = saved,
                                    .fingerprint = fp,
                                    .results = r,
                                    .targets = stored};
    *data = NULL;
    *size = 0;
    FILE *out = open_memstream(data, size);
    if (!out) {
        say(why, why_size, "out of memory");
        return -1;
    }
    if (brun_yaml_enter_c_locale(&locale, why, why_size) != 0) {
        fclose(out);
        free(*data);
        *data = NULL;
        return -1;
    }
    int rc = brun_baseline_emit(out, &doc, why, why_size);
    brun_yaml_leave_c_locale(&locale);
    if (fclose(out) != 0 && rc == 0) {
        say(why, why_size, "out of memory");
        rc = -1;
    }
    if (rc != 0) {
        free(*data);
        *data = NULL;
    }
    return rc;
}

/* The baseline a save replaces, read (under the save's lock) for its
 * history: 0 with *old filled, 1 when there is none or it cannot be read
 * (then note says why, naming the file, unless it is simply missing; the
 * file is left as it is and the save goes on without history).  Stored
 * copies are checked but not held: nothing is run from them. */
static int read_replaced(const char *dir, const char *name, const char *path,
                         struct brun_baseline *old, char *note,
                         size_t note_size)
{
    char reason[1024];
    char *data;
    size_t size;
    int missing;
    memset(old, 0, sizeof *old);
    if (slurp(path, &data, &size, &missing, reason, sizeof reason) != 0) {
        if (!missing)
            say(note, note_size,
                "baseline \"%s\" is saved without history: the baseline it "
                "replaces cannot be read: %s",
                name, reason);
        return 1;
    }
    int rc = brun_baseline_parse(data, size, path, dir, name, old, reason,
                                 sizeof reason);
    free(data);
    if (rc != 0) {
        say(note, note_size,
            "baseline \"%s\" is saved without history: the baseline it "
            "replaces does not load: %s",
            name, reason);
        return 1;
    }
    return 0;
}

/* The case of old named name, or NULL. */
static const struct brun_case_result *
case_named(const struct brun_baseline *old, const char *name)
{
    for (size_t i = 0; i < old->results.case_count; i++)
        if (strcmp(old->results.cases[i].name, name) == 0)
            return &old->results.cases[i];
    return NULL;
}

/* Frees the histories with_history carries and its case array, not what
 * the cases share with the results they were copied from. */
static void release_history_copy(struct brun_results *with_history)
{
    for (size_t i = 0; i < with_history->case_count; i++)
        brun_history_free(with_history->cases[i].history,
                          with_history->cases[i].history_count);
    free(with_history->cases);
}

/* *out: r with each case carrying its history, old's history of the same
 * case plus old's own rounds of it (none when old is NULL or lacks the
 * case).  The cases are shallow copies: only their histories and the
 * array are out's own (release_history_copy).  0, or -1 out of memory. */
static int with_history(const struct brun_results *r,
                        const struct brun_baseline *old,
                        struct brun_results *out)
{
    *out = *r;
    out->cases = calloc(r->case_count ? r->case_count : 1, sizeof *out->cases);
    if (!out->cases)
        return -1;
    for (size_t i = 0; i < r->case_count; i++) {
        struct brun_case_result *c = &out->cases[i];
        *c = r->cases[i];
        c->history = NULL;
        c->history_count = 0;
    }
    for (size_t i = 0; old && i < r->case_count; i++) {
        struct brun_case_result *c = &out->cases[i];
        const struct brun_case_result *was =
            c->name ? case_named(old, c->name) : NULL;
        if (!was)
            continue;
        const char *build = was->target < old->results.target_count
                                ? old->targets[was->target].sha256
                                : "";
        if (brun_history_extend(was, old->saved, build, &c->history,
                                &c->history_count) != 0) {
            release_history_copy(out);
            return -1;
        }
    }
    return 0;
}

/* The save itself, under the lock. */
static int save_locked(const char *dir, const char *name,
                       const struct brun_results *r,
                       const struct brun_fingerprint *fp, char *note,
                       size_t note_size, char *why, size_t why_size)
{
    char path[4200], reason[1024];
    char *data = NULL;
    size_t size = 0;
    struct brun_baseline check, old;
    struct brun_results saving;
    int rc = -1;

    path_of(path, sizeof path, dir, name);
    /* Killed saves' temporary copies go first, so they never pile up. */
    brun_baseline_remove_temps(dir);
    if (brun_store_check_entry(path, 0, reason, sizeof reason) != 0) {
        say(why, why_size, "cannot save baseline \"%s\": %s", name, reason);
        return -1;
    }
    /* Read before anything is written: under this lock no other save
     * replaces it meanwhile.  A file that does not load is no reason to
     * refuse the save, which replaces it as any save would. */
    int have_old = read_replaced(dir, name, path, &old, note, note_size) == 0;
    if (with_history(r, have_old ? &old : NULL, &saving) != 0) {
        if (have_old)
            brun_baseline_release(&old);
        say(why, why_size, "cannot save baseline \"%s\": out of memory", name);
        return -1;
    }
    if (have_old)
        brun_baseline_release(&old); /* saving owns copies of what it needs */
    r = &saving;
    struct brun_baseline_stored *stored =
        calloc(r->target_count ? r->target_count : 1, sizeof *stored);
    if (!stored) {
        release_history_copy(&saving);
        say(why, why_size, "cannot save baseline \"%s\": out of memory", name);
        return -1;
    }
    for (size_t i = 0; i < r->target_count; i++)
        if (r->targets[i].protocol == 0 && r->targets[i].path) {
            /* A whole command (runner/command/), not an executable: its
             * "build" is the command line, and there is nothing to copy. */
            memset(&stored[i], 0, sizeof stored[i]);
            brun_sha256_hex(r->targets[i].path, strlen(r->targets[i].path),
                            stored[i].sha256);
            snprintf(stored[i].not_stored_because,
                     sizeof stored[i].not_stored_because,
                     "a command, not an executable");
        } else if (brun_baseline_store_target(
                       dir, r->targets[i].path ? r->targets[i].path : "",
                       &stored[i], reason, sizeof reason) != 0) {
            say(why, why_size, "cannot save baseline \"%s\": %s", name, reason);
            goto out;
        }
    if (render(name, r, fp, stored, &data, &size, reason, sizeof reason) != 0) {
        say(why, why_size, "cannot save baseline \"%s\": %s", name, reason);
        goto out;
    }
    /* Never replace a baseline with one that would not load. */
    if (brun_baseline_parse(data, size, path, dir, name, &check, reason,
                            sizeof reason) != 0) {
        say(why, why_size,
            "cannot save baseline \"%s\": it would not load back: %s", name,
            reason);
        goto out;
    }
    brun_baseline_release(&check);
    struct buffer buffer = {data, size};
    if (brun_atomic_write(path, write_buffer, &buffer, reason, sizeof reason) !=
        0) {
        say(why, why_size, "cannot save baseline \"%s\" to %s: %s", name, path,
            reason);
        goto out;
    }
    brun_baseline_collect(dir);
    rc = 0;
out:
    free(data);
    free(stored);
    release_history_copy(&saving);
    return rc;
}

int brun_baseline_save(const char *dir, const char *name,
                       const struct brun_results *r, char *why, size_t why_size)
{
    return brun_baseline_save_noting(dir, name, r, NULL, 0, why, why_size);
}

int brun_baseline_save_noting(const char *dir, const char *name,
                              const struct brun_results *r, char *note,
                              size_t note_size, char *why, size_t why_size)
{
    struct brun_fingerprint fp;
    int lock;
    if (note && note_size)
        note[0] = '\0';
    if (checked_name(name, why, why_size) != 0)
        return -1;
    if (r->target_count && !r->targets) {
        say(why, why_size, "cannot save baseline \"%s\": no targets", name);
        return -1;
    }
    /* git may take a while: not while holding the lock. */
    brun_fingerprint_of(r, &fp);
    if (brun_make_dirs(dir, why, why_size) != 0 ||
        brun_baseline_lock(dir, 1, &lock, why, why_size) != 0)
        return -1;
    int rc = save_locked(dir, name, r, &fp, note, note_size, why, why_size);
    brun_baseline_unlock(lock);
    return rc;
}

int brun_baseline_delete(const char *dir, const char *name, char *why,
                         size_t why_size)
{
    char path[4200];
    struct stat st;
    int lock;
    if (checked_name(name, why, why_size) != 0)
        return -1;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        not_found(dir, name, why, why_size);
        return -1;
    }
    if (brun_baseline_lock(dir, 1, &lock, why, why_size) != 0)
        return -1;
    path_of(path, sizeof path, dir, name);
    int rc = 0;
    if (unlink(path) != 0) {
        if (errno == ENOENT)
            not_found(dir, name, why, why_size);
        else
            say(why, why_size, "cannot delete %s: %s", path, strerror(errno));
        rc = -1;
    } else {
        fsync_dir(dir);
        brun_baseline_collect(dir);
    }
    brun_baseline_unlock(lock);
    return rc;
}

int brun_baseline_list(const char *dir, struct brun_baseline_entry **out,
                       size_t *count, char *why, size_t why_size)
{
    char **names;
    size_t n;
    *out = NULL;
    *count = 0;
    if (saved_names(dir, &names, &n) != 0) {
        say(why, why_size, "cannot list %s: %s", dir, strerror(errno));
        return -1;
    }
    if (n == 0)
        return 0;
    struct brun_baseline_entry *v = calloc(n, sizeof *v);
    if (!v) {
        free_names(names, n);
        say(why, why_size, "cannot list %s: out of memory", dir);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        struct brun_baseline b;
        char problem[1024];
        v[i].name = names[i]; /* ownership moves to the entry */
        names[i] = NULL;
        if (brun_baseline_load(dir, v[i].name, &b, problem, sizeof problem) !=
            0) {
            v[i].valid = 0;
            v[i].problem = strdup(problem);
            if (!v[i].problem) {
                brun_baseline_list_release(v, n);
                free_names(names, n);
                say(why, why_size, "cannot list %s: out of memory", dir);
                return -1;
            }
            continue;
        }
        v[i].valid = 1;
        snprintf(v[i].saved, sizeof v[i].saved, "%s", b.saved);
        v[i].case_count = b.results.case_count;
        snprintf(v[i].git_commit, sizeof v[i].git_commit, "%s",
                 b.fingerprint.git_commit);
        brun_baseline_release(&b);
    }
    free_names(names, n);
    *out = v;
    *count = n;
    return 0;
}

void brun_baseline_list_release(struct brun_baseline_entry *v, size_t count)
{
    if (!v)
        return;
    for (size_t i = 0; i < count; i++) {
        free(v[i].name);
        free(v[i].problem);
    }
    free(v);
}
