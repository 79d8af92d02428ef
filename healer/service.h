/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Asking systemd to start units, without waiting for them. */
#ifndef XFS_HEALTH_HEALER_SERVICE_H
#define XFS_HEALTH_HEALER_SERVICE_H

/* Template units: the per-mount daemon, and xfsprogs' full repair. */
#define HEALTHD_UNIT_PREFIX "xfs_healthd"
#define SCRUB_UNIT_PREFIX   "xfs_scrub"

/*
 * "<prefix>@<escaped path>.service" into a malloc'd *unit.  0, -ENOMEM, or
 * -EINVAL for a path systemd cannot name.
 */
int service_unit_name(const char *prefix, const char *path, char **unit);
/* The same without ".service": "<prefix>@<escaped path>". */
int service_instance_name(const char *prefix, const char *path, char **name);

/*
 * Run "systemctl <verb> --no-block <unit>" (found on $PATH) with every
 * descriptor above stderr closed and its output discarded, and wait for it.
 * Returns 0 when it exited 0, a positive exit status (or 128 + signal), or
 * -errno when it could not be run.
 */
int service_request(const char *verb, const char *unit);

#endif /* XFS_HEALTH_HEALER_SERVICE_H */
