/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * worker.h: the bench executable's side of a conversation with benchrun.
 */
#ifndef BRUN_WORKER_H
#define BRUN_WORKER_H

/* Greets the driver on result_fd, reads one command from command_fd and
 * answers it (see protocol.h).  Returns the process exit status: 0 when
 * the command was answered, 1 when the conversation broke down. */
int brun_worker_serve(int command_fd, int result_fd);

#endif /* BRUN_WORKER_H */
