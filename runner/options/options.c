/* SPDX-License-Identifier: GPL-3.0-or-later */
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

void brun_options_defaults(struct brun_options *o)
{
    memset(o, 0, sizeof *o);
    o->rounds = BRUN_DEFAULT_ROUNDS;
    o->samples = BRUN_DEFAULT_SAMPLES;
    o->warmup_s = BRUN_DEFAULT_WARMUP_S;
    o->sample_s = BRUN_DEFAULT_SAMPLE_S;
    o->budget_s = BRUN_DEFAULT_BUDGET_S;
    o->timeout_s = BRUN_DEFAULT_TIMEOUT_S;
    o->jitter = 1;
    o->clock = brun_clock_best();
    o->max_rounds = BRUN_DEFAULT_MAX_ROUNDS;
    o->confidence = BRUN_DEFAULT_CONFIDENCE;
    o->fdr = BRUN_DEFAULT_FDR;
    o->gate_alpha = BRUN_DEFAULT_GATE_ALPHA;
    o->noise_floor = -1;
    o->session_noise = BRUN_DEFAULT_SESSION_NOISE_FRACTION;
    o->resamples = BRUN_DEFAULT_RESAMPLES;
    o->bootstrap_bca = 1;
    o->rerun_baseline = 1;
    o->color = -1;
    o->slo_warning = 0.5;
    o->slo_critical = 1.0;
    o->github_parts = BRUN_GITHUB_ALL;
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
    for (size_t i = 0; i < o->threshold_count; i++)
        free(o->thresholds[i].pattern);
    free(o->thresholds);
    for (size_t i = 0; i < o->slo_count; i++)
        free(o->slos[i].pattern);
    free(o->slos);
    for (size_t i = 0; i < o->export_count; i++) {
        free(o->exports[i].format);
        free(o->exports[i].path);
    }
    free(o->exports);
    free(o->report_path);
    free(o->delete_baseline);
    free(o->filter);
    free(o->config_path);
    free(o->save_baseline);
    free(o->baseline);
    free(o->baseline_dir);
    free(o->json_path);
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
