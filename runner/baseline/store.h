/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * store.h: the baseline store, saved runs that later runs are compared
 * with (`benchrun --save-baseline NAME`, `--baseline NAME`).
 *
 * A store is a directory (by default .benchrun/baselines; the caller
 * chooses): one NAME.yml per baseline, in the format docs/baseline-format.md
 * describes, and bin/SHA256, copies of the bench executables that can be
 * run again later, shared by every baseline that measured the same bytes.
 * Saving and deleting hold an exclusive flock on DIR/.lock; every file is
 * replaced atomically, so a crash leaves the old baseline or the new one,
 * and the temporary files of a killed save are removed by the next one.
 * A loaded baseline holds a shared flock on each stored copy it may run,
 * and copies held are never collected.
 * Loading is strict (any damage or hand edit is an error naming file and
 * line) and never writes anything.
 *
 * This is storage only: it does not decide when a save is allowed, does
 * not compare runs and does not print.  Every function reports failure
 * with a one-line message in the caller's why buffer.
 */
#ifndef BRUN_BASELINE_STORE_H
#define BRUN_BASELINE_STORE_H

#include <stddef.h>

#include "reports/model/model.h"
#include "runner/host/fingerprint.h"

/* The schema this build reads and writes.  Version 2 added each case's
 * history, version 3 its metrics (--metric); version 1 and 2 files
 * (without them) still load, with no history or no metrics. */
#define BRUN_BASELINE_SCHEMA "benchrun-baseline"
#define BRUN_BASELINE_SCHEMA_VERSION 3
#define BRUN_BASELINE_SCHEMA_VERSION_OLDEST 1
/* Longest baseline name. */
#define BRUN_BASELINE_NAME_MAX 64

/* 1 when name is a valid baseline name: 1 to 64 of [A-Za-z0-9._-], not
 * starting with '.' or '-'.  Otherwise 0 with the reason in why. */
int brun_baseline_name_valid(const char *name, char *why, size_t why_size);

/* Saves r as DIR/NAME.yml, replacing a baseline of that name, and stores
 * a copy of each self-contained target executable in DIR/bin.  Creates
 * DIR (and its parents) when needed.  Takes git's view of the current
 * directory for the fingerprint.  Before anything replaces the old file
 * the new content is loaded back and checked, so a save never leaves a
 * baseline that would not load.  Afterwards it removes copies no baseline
 * refers to any more.  Returns 0, or -1 with a reason; on failure the old
 * baseline is untouched (at worst an unreferenced copy is left in bin/,
 * removed by the next save or delete). */
int brun_baseline_save(const char *dir, const char *name,
                       const struct brun_results *r, char *why,
                       size_t why_size);

/* As brun_baseline_save, and the history: when DIR/NAME.yml exists, it is
 * read under the same lock and each case of r that it has too is saved
 * with that case's history plus one session summarising its rounds there
 * (runner/baseline/history.h), the newest BRUN_HISTORY_MAX; a case new in
 * r has none, and r's own history members are ignored.  When the old
 * file cannot be read or does not load, the save goes on without history
 * (replacing it as any save would) and note, when not NULL, gets one line
 * saying so that names the file; otherwise note is "".  brun_baseline_save
 * is this without the note. */
int brun_baseline_save_noting(const char *dir, const char *name,
                              const struct brun_results *r, char *note,
                              size_t note_size, char *why, size_t why_size);

/* Checks, writing nothing, that NAME could be saved in DIR: DIR (or its
 * nearest existing ancestor, when DIR is not made yet) is a writable
 * directory, and .lock, bin/ and NAME.yml are either missing or what the
 * store expects (no link, FIFO or device planted there) and writable.
 * For refusing a save before a run measures anything.  0, or -1 with a
 * reason. */
int brun_baseline_check_writable(const char *dir, const char *name, char *why,
                                 size_t why_size);

/* What was stored for one target. */
struct brun_baseline_target {
    char sha256[65]; /* of the executable when it was saved */
    int self_contained;
    char *not_stored_because; /* NULL when a copy was stored */
    /* Why a copy that was stored cannot be used (missing, replaced, not a
     * regular file); NULL when it can.  The saved numbers still load. */
    char *copy_problem;
};

struct brun_baseline {
    char *path; /* the .yml, as opened */
    char *name;
    char saved[32]; /* UTC, ISO 8601 */
    struct brun_fingerprint fingerprint;
    /* The run, in the model every report uses; summaries recomputed from
     * the raw samples.  results.context.benchrun_version points into
     * memory this struct owns. */
    struct brun_results results;
    /* Per target (results.target_count of each): the absolute path of
     * the stored copy, or NULL when none was stored; and the details. */
    char **executables;
    struct brun_baseline_target *targets;
    /* Per target: a descriptor holding a shared flock on the stored copy
     * (so no save collects it while this run may execute it), or -1. */
    int *holds;
    char *version_storage; /* owns results.context.benchrun_version */
};

/* Loads DIR/NAME.yml into out (zeroed first).  A missing baseline gives
 * `baseline "NAME" not found in DIR; saved baselines: a, b`; anything
 * wrong with the file gives `PATH:LINE: KEY: problem`.  Stored copies
 * are checked against their SHA-256; one that is missing or changed is
 * no error: its executables[] is NULL and targets[].copy_problem says
 * why, so the saved numbers still compare.  Each usable copy is held
 * (holds[]) until brun_baseline_release, so saves meanwhile do not
 * collect it.  A link, FIFO or device planted in the store is a one-line
 * error, never followed and never waited on.  Returns 0 (release out
 * with brun_baseline_release) or -1 with out left empty. */
int brun_baseline_load(const char *dir, const char *name,
                       struct brun_baseline *out, char *why, size_t why_size);

/* Frees everything b owns, drops its holds on stored copies, and zeroes
 * it. */
void brun_baseline_release(struct brun_baseline *b);

struct brun_baseline_entry {
    char *name;
    char saved[32];
    size_t case_count;
    char git_commit[72];
    int valid;     /* 0: could not be loaded, see problem */
    char *problem; /* the load error, or NULL */
};

/* Lists the baselines of DIR, sorted by name.  A missing DIR is an empty
 * list; a file that does not load is listed with valid = 0 and the error
 * in problem.  Returns 0 (free with brun_baseline_list_release) or -1 with
 * a reason (an unreadable directory, out of memory). */
int brun_baseline_list(const char *dir, struct brun_baseline_entry **out,
                       size_t *count, char *why, size_t why_size);
void brun_baseline_list_release(struct brun_baseline_entry *v, size_t count);

/* Deletes DIR/NAME.yml and the copies only it referred to.  A missing
 * baseline is an error that lists the saved ones (as in load). */
int brun_baseline_delete(const char *dir, const char *name, char *why,
                         size_t why_size);

/* How long save and delete wait for another benchrun's lock before they
 * give up (30 s unless set; for tests and impatient callers). */
void brun_baseline_set_lock_timeout(double seconds);

#endif /* BRUN_BASELINE_STORE_H */
