/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * memory_tool.h: the memory profilers behind --profile-memory (heaptrack,
 * valgrind's massif and DHAT).  For each tool: finding it on PATH, the
 * argv prefix that runs a program under it with its output file in a
 * given folder, finding that file after the run, and reading it into a
 * one-line summary (peak heap, allocation calls, top site).  It does not
 * start the worker, choose the folder or print anything: the driver does.
 */
#ifndef BRUN_MEMORY_TOOL_H
#define BRUN_MEMORY_TOOL_H

#include <stddef.h>

enum brun_memory_tool {
    BRUN_MEMORY_HEAPTRACK,
    BRUN_MEMORY_MASSIF,
    BRUN_MEMORY_DHAT
};

/* "heaptrack", "massif" or "dhat" (a static string). */
const char *brun_memory_tool_name(enum brun_memory_tool t);

/* The tool named name (as brun_memory_tool_name spells it).  0, or -1
 * when name is no tool's name (*out untouched). */
int brun_memory_tool_parse(const char *name, enum brun_memory_tool *out);

/* An installed tool: *chosen when chosen is not NULL, else the first of
 * heaptrack, massif, dhat whose programs are on PATH (heaptrack needs
 * heaptrack and heaptrack_print; massif and dhat need valgrind).  0, or
 * -1 with a one-line reason in why naming what is missing. */
int brun_memory_tool_find(const enum brun_memory_tool *chosen,
                          enum brun_memory_tool *out, char *why,
                          size_t why_size);

#define BRUN_MEMORY_OUTPUTS_MAX 4

/* The words to put before a program's argv to run it under a tool. */
struct brun_memory_command {
    char **argv;          /* NULL-terminated; argv[0] is the tool's path */
    size_t argc;          /* words before the NULL */
    char *output_pattern; /* where the output goes: a path, or for
                             heaptrack "DIR/heaptrack.STEM.*" (it adds
                             .zst or .gz itself) */
    /* Every file the tool may write, NULL-terminated: what the caller
     * clears first (brun_output_prepare), so that a link planted at one
     * of these names is not written through. */
    char *outputs[BRUN_MEMORY_OUTPUTS_MAX + 1];
};

/* Fills *cmd (owned by the caller, freed with brun_memory_command_release)
 * with the argv prefix that runs a program under t and writes its output
 * inside out_dir (which must exist), named after stem:
 *   heaptrack  out_dir/heaptrack.STEM.zst (or .gz)
 *   massif     out_dir/massif.out.STEM, and valgrind's log with the
 *              allocation counts beside it, out_dir/massif.out.STEM.log
 *   dhat       out_dir/dhat.out.STEM.json
 * Nothing is written in the current directory.  0, or -1 with a reason
 * (the tool is not on PATH, stem is empty or has a '/', a path has a
 * character the tool would rewrite: '%', or for heaptrack's shell script
 * white space or a glob character); *cmd is then empty. */
int brun_memory_tool_command(enum brun_memory_tool t, const char *out_dir,
                             const char *stem, struct brun_memory_command *cmd,
                             char *why, size_t why_size);

/* Frees what *cmd holds and empties it (safe on an emptied command). */
void brun_memory_command_release(struct brun_memory_command *cmd);

/* After the run of the process pid (the one started with cmd's argv;
 * pid replaces a "%p" in the pattern, and may be 0 when there is none):
 * the output file's path, in path (size bytes).  0, or -1 with a reason
 * naming the file that is not there. */
int brun_memory_tool_output(const struct brun_memory_command *cmd, long pid,
                            char *path, size_t size, char *why,
                            size_t why_size);

/* What a tool's output says about the whole process.  A figure the tool
 * does not give is NAN: massif gives no allocated_bytes. */
struct brun_memory_summary {
    double peak_bytes;      /* peak heap of the whole process */
    double allocations;     /* allocation calls in the whole process */
    double allocated_bytes; /* total bytes allocated */
    char top_site[512];     /* function (file:line if known) holding the most
                               bytes at the peak (DHAT: the most bytes over
                               the run) */
    double top_site_bytes;  /* its bytes ("" and 0: none named) */
};

/* Reads t's output file output_path (for massif also output_path.log, the
 * allocation counts; without it allocations is NAN) into *s.  heaptrack's
 * file is read through heaptrack_print, run from PATH.  0, or -1 with a
 * one-line reason naming the file and what is missing from it. */
int brun_memory_tool_summarise(enum brun_memory_tool t, const char *output_path,
                               struct brun_memory_summary *s, char *why,
                               size_t why_size);

#endif /* BRUN_MEMORY_TOOL_H */
