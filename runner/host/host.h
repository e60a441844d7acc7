/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * host.h: what machine the run is on (CPU, kernel, load, governor), read
 * from /proc, /sys and uname.  Missing files leave fields empty; nothing
 * here fails.
 */
#ifndef BRUN_HOST_H
#define BRUN_HOST_H

#include "reports/model/model.h"

void brun_host_probe(struct brun_host *h);

#endif /* BRUN_HOST_H */
