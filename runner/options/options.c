/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * options.c: the life of struct brun_options (see options.h): its
 * defaults, its release, and replacing its target list.  Reading values
 * into it is option_table.c's (one setter per option), the command line's
 * (cli.c) and benchrun.yml's (config_file.c).
 */
#include "config.h"

#include "runner/options/options.h"

#include <stdlib.h>
#include <string.h>

#include "runner/options/option_table.h"

void brun_options_defaults(struct brun_options *o)
{
    size_t count;
    const struct brun_option_spec *t = brun_option_table(&count);
    memset(o, 0, sizeof *o);
    for (size_t i = 0; i < count; i++) {
        char why[256];
        /* Every default is tested to parse (tests/test_cli.c), so a
         * failure here cannot happen in a released build. */
        if (t[i].default_value && t[i].set)
            t[i].set(o, t[i].default_value, why, sizeof why);
    }
    o->github_parts = BRUN_GITHUB_ALL; /* --github-skip turns parts off */
}

double brun_options_noise_floor(const struct brun_options *o, int interleaved)
{
    if (o->noise_floor >= 0)
        return o->noise_floor;
    return (interleaved ? BRUN_NOISE_FLOOR_INTERLEAVED_PERCENT
                        : BRUN_NOISE_FLOOR_SAVED_PERCENT) /
           100.0;
}

static void free_list(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

void brun_options_release(struct brun_options *o)
{
    free_list(o->targets, o->target_count);
    free_list(o->compare_with, o->compare_count);
    free_list(o->commands, o->command_count);
    free_list(o->command_names, o->command_name_count);
    free(o->setup);
    free(o->prepare);
    free(o->command_shell);
    for (size_t i = 0; i < o->threshold_count; i++)
        free(o->thresholds[i].pattern);
    free(o->thresholds);
    for (size_t i = 0; i < o->slo_count; i++)
        free(o->slos[i].pattern);
    free(o->slos);
    for (size_t i = 0; i < o->export_count; i++)
        free(o->exports[i].path);
    free(o->exports);
    free(o->report_path);
    free(o->html_path);
    free(o->delete_baseline);
    free(o->filter);
    free(o->config_path);
    free(o->save_baseline);
    free(o->baseline);
    free(o->baseline_dir);
    free(o->json_path);
    free(o->profile);
    free(o->profile_memory);
    free(o->profile_dir);
    memset(o, 0, sizeof *o);
}

int brun_options_set_targets(struct brun_options *o, char *const *targets,
                             size_t count)
{
    char **copy = calloc(count ? count : 1, sizeof *copy);
    if (!copy)
        return -1;
    for (size_t i = 0; i < count; i++) {
        copy[i] = strdup(targets[i]);
        if (!copy[i]) {
            free_list(copy, i);
            return -1;
        }
    }
    free_list(o->targets, o->target_count);
    o->targets = copy;
    o->target_count = count;
    return 0;
}
