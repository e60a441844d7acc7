/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * main.c: the main() a bench file gets when it does not write its own.
 *
 * Weak, and alone in its file, so that a bench file's own main() wins and
 * a static link only pulls this object in when nothing else defines main.
 */
#include "config.h"

#include "benchrun.h"

int main(int argc, char **argv) __attribute__((weak));

int main(int argc, char **argv)
{
    return benchrun_main(argc, argv);
}
