/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * slo.h: judging cases against the absolute time budgets of benchrun.yml
 * "slo:" (service-level objectives).
 */
#ifndef BRUN_SLO_H
#define BRUN_SLO_H

#include <stddef.h>

#include "reports/model/model.h"
#include "runner/options/options.h"

/* Sets each measured case's slo from the first rule whose pattern matches
 * its name, and r->slo (NULL when no rule is set).  Returns the number of
 * critical breaches that fail the run (0 when warning-only), or -1 when
 * memory ran out. */
long brun_slo_judge(struct brun_results *r, const struct brun_options *o);

#endif /* BRUN_SLO_H */
