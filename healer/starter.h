/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * xfs_healthd --start: start xfs_healthd@<mount>.service for every XFS
 * mounted in a mount namespace, now and whenever one is mounted later.
 */
#ifndef XFS_HEALTH_HEALER_STARTER_H
#define XFS_HEALTH_HEALER_STARTER_H

/*
 * The whole program in that mode: main() calls it, with its argc/argv
 * unchanged, when an argument is exactly "--start".  Parses every option
 * itself and returns the exit status: 0 stopped by SIGTERM or SIGINT (or
 * --supported and it is), 1 not supported, failed, or a bad command line.
 * Call it before any thread starts: --mountns needs setns().
 */
int starter_main(int argc, char **argv);

#endif /* XFS_HEALTH_HEALER_STARTER_H */
