// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Lines into the systemd journal with their fields, when our standard
 * output (or error) is the journal: systemd then sets JOURNAL_STREAM to
 * that stream's device and inode.  MESSAGE is the line exactly as it would
 * have been printed, MESSAGE_ID says which kind of line it is (the table
 * below, doc/monitoring.md), and the event's or outcome's parts are fields
 * of their own.  Run by hand or by a script, lines stay on stdout.  A line
 * the journal does not take is printed instead: never lost.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/uio.h>

#ifdef HAVE_LIBSYSTEMD
/*
 * libsystemd's call, declared here: <systemd/sd-journal.h> brings
 * <syslog.h>, whose LOG_* macros would rename our line kinds (log.c).
 */
int sd_journal_sendv(const struct iovec *iov, int n);
#endif

#include "healthd.h"
#include "service.h"

#ifdef HAVE_LIBSYSTEMD
/*
 * One MESSAGE_ID per kind of line; syslog priorities.  An event's or a
 * repair outcome's line is of libhealth's kinds (hl_line_kind_of, which
 * hooks use too), numbered first; the daemon's other lines follow.
 */
enum jkind {
	J_NOTICE = HL_LINE_NR_KINDS, /* upstream's other lines */
	J_ADDED,		     /* ours: "xfs_healthd: MNT: ..." */
	J_SUMMARY,		     /* ours, the last line */
	J_ERROR,		     /* upstream's errors */
	J_ADDED_ERR,		     /* ours, errors */
	J_DEBUG,		     /* --debug */
	J_NR
};

static const struct {
	const char *id;
	int priority;
} jkinds[J_NR] = {
	[HL_LINE_MOUNT] = {"e04fef812b0c4760ba841d51233be3e4", 6},
	[HL_LINE_LOST] = {"da94e3d124f943f8bb2b7a684fc661bb", 4},
	[HL_LINE_SHUTDOWN] = {"4f1e9c05ee8948b9b90fac8150f5bbc7", 2},
	[HL_LINE_BAD] = {"8e2d7afc515e45d38dac6fa47811ce46", 4},
	[HL_LINE_GOOD] = {"ecf658d12bd34adc8516e281d21b4622", 6},
	[HL_LINE_MEDIA] = {"bbb3d8b6b7bb439f93b72fd41b59f5b3", 4},
	[HL_LINE_FILE_IO] = {"d536609711d04a658e1b612ca36ef95a", 4},
	[HL_LINE_REPAIR] = {"10d8a5f42a9849a88a5c49fa48f4314f", 5},
	[J_NOTICE] = {"7e305782d20443b9b21b6745e99b4bb2", 5},
	[J_ADDED] = {"614a28eac62d4868bbf75ee00af3e04c", 6},
	[J_SUMMARY] = {"404c07ebbe434cd087efd5393f6e28bb", 6},
	[J_ERROR] = {"302678226d4949e1900b5cec9d877e11", 3},
	[J_ADDED_ERR] = {"2b09be8cf07a4c6895b42f8fb43ccae4", 3},
	[J_DEBUG] = {"63727bc3ce53431db3cec60d0ceec03e", 7},
};

static const enum jkind line_kinds[] = {
	[LOG_NOTICE] = J_NOTICE,	 [LOG_ADDED] = J_ADDED,
	[LOG_SUMMARY] = J_SUMMARY,	 [LOG_ERROR] = J_ERROR,
	[LOG_ADDED_ERROR] = J_ADDED_ERR, [LOG_DEBUG] = J_DEBUG,
};

/* Is descriptor @fd the stream JOURNAL_STREAM ("DEV:INO") names? */
static bool
is_journal(int fd)
{
	const char *js = getenv("JOURNAL_STREAM");
	unsigned long long dev, ino;
	struct stat st;

	return js && sscanf(js, "%llu:%llu", &dev, &ino) == 2 &&
	       !fstat(fd, &st) && st.st_dev == dev && st.st_ino == ino;
}

#endif

void
journal_setup(struct healthd *hd)
{
#ifdef HAVE_LIBSYSTEMD
	char *unit = NULL;

	/*
	 * Not the units' ExecCondition run (--supported): it ends at once,
	 * and the journal ties a datagram to the unit only while its sender
	 * lives; its lines go through the stream, as they always did.
	 */
	if (hd->opt.supported)
		return;
	hd->journal_out = is_journal(STDOUT_FILENO);
	hd->journal_err = is_journal(STDERR_FILENO);
	if (!hd->journal_out && !hd->journal_err)
		return;
	/* As the unit's SyslogIdentifier=%N names its other lines. */
	if (!service_instance_name(HEALTHD_UNIT_PREFIX, hd->mnt, &unit))
		hd->journal_ident = unit;
#else
	(void)hd;
#endif
}

void
journal_teardown(struct healthd *hd)
{
	free(hd->journal_ident);
	hd->journal_ident = NULL;
	hd->journal_out = hd->journal_err = false;
}

bool
journal_wants(const struct healthd *hd, FILE *f)
{
	return f == stdout ? hd->journal_out : hd->journal_err;
}

#ifdef HAVE_LIBSYSTEMD
/*
 * sd_journal_sendv says 0 without sending when the socket is missing (a
 * container, journald stopped): then the line must be printed instead.
 */
#define JOURNAL_SOCKET "/run/systemd/journal/socket"

static bool
socket_there(void)
{
	struct stat st;

	return !stat(JOURNAL_SOCKET, &st) && S_ISSOCK(st.st_mode);
}

#define COMMON_FIELDS 6 /* MESSAGE, ID, PRIORITY, identifier, mount, UUID */

/* MESSAGE and the fields every line has, then @extra; 0 or -errno. */
static int
send(struct healthd *hd, unsigned int k, int priority, const char *line,
     size_t len, const struct hl_journal_fields *extra)
{
	struct iovec iov[COMMON_FIELDS + HL_JOURNAL_FIELDS_MAX];
	char *common[COMMON_FIELDS] = {NULL};
	size_t n = 0;
	int ret = -ENOMEM;

	if (!socket_there())
		return -ENOENT;
	if (len && line[len - 1] == '\n')
		len--;
	if (asprintf(&common[0], "MESSAGE=%.*s", (int)len, line) < 0 ||
	    asprintf(&common[1], "MESSAGE_ID=%s", jkinds[k].id) < 0 ||
	    asprintf(&common[2], "PRIORITY=%d", priority) < 0 ||
	    asprintf(&common[3], "SYSLOG_IDENTIFIER=%s",
		     hd->journal_ident ? hd->journal_ident : "xfs_healthd") <
		    0 ||
	    asprintf(&common[4], "XFS_MOUNTPOINT=%s",
		     hd->render.text_mountpoint) < 0)
		goto out;
	if (hd->metrics_ready && hd->metrics.uuid[0] &&
	    asprintf(&common[5], "XFS_UUID=%s", hd->metrics.uuid) < 0)
		goto out;
	for (size_t i = 0; i < COMMON_FIELDS; i++)
		if (common[i])
			iov[n++] = (struct iovec){common[i], strlen(common[i])};
	for (size_t i = 0; extra && i < extra->nr; i++)
		iov[n++] = (struct iovec){extra->field[i],
					  strlen(extra->field[i])};
	ret = sd_journal_sendv(iov, (int)n);
out:
	for (size_t i = 0; i < COMMON_FIELDS; i++)
		free(common[i]);
	return ret;
}

/* A repair that failed is an error; one unsure, a warning. */
static int
repair_priority(enum hl_repair_outcome o)
{
	return o == HL_REPAIR_FAILED ? 3 : o == HL_REPAIR_PROBABLY_OK ? 4 : 5;
}

bool
journal_item(struct healthd *hd, const struct hl_event *ev,
	     const struct hl_repair_report *rep, const char *path,
	     const char *line, size_t len)
{
	struct hl_journal_fields f;
	unsigned int k = hl_line_kind_of(ev, rep);
	int prio = rep ? repair_priority(rep->outcome) : jkinds[k].priority;
	int ret;

	/* Without its fields, the line still goes, with the rest. */
	if (hl_journal_fields_of(&f, ev, rep, path))
		memset(&f, 0, sizeof(f));
	ret = send(hd, k, prio, line, len, &f);
	hl_journal_fields_free(&f);
	return ret == 0;
}

bool
journal_line(struct healthd *hd, enum log_kind kind, const char *line,
	     size_t len)
{
	enum jkind k = line_kinds[kind];

	return send(hd, k, jkinds[k].priority, line, len, NULL) == 0;
}
#else
bool
journal_item(struct healthd *hd, const struct hl_event *ev,
	     const struct hl_repair_report *rep, const char *path,
	     const char *line, size_t len)
{
	return false;
}

bool
journal_line(struct healthd *hd, enum log_kind kind, const char *line,
	     size_t len)
{
	return false;
}
#endif
