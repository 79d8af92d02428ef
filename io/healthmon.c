// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * healthmon: open the kernel's health monitor on the current filesystem and
 * print every event, or replay a recorded event stream.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <time.h>
#include <sys/stat.h>

#include "event_reader.h"
#include "io.h"
#include "mounts.h"
#include "xfs_health_abi.h"

#define DEFAULT_BUFSIZE 65536	     /* the kernel's largest out buffer */
#define MAX_BUFSIZE	(64u << 20)
#define MAX_BACKLOG	(256u << 20) /* 4 M events waiting to be printed */
#define MAX_DELAY_MS	3600000	     /* -d: an hour */
#define MAX_TIMEOUT_S	(86400 * 365) /* -t: a year */

struct healthmon_opts {
	bool give_up_fd; /* -c */
	bool verbose;	 /* -v */
	bool probe;	 /* -p */
	bool json;	 /* -j */
	size_t bufsize;	 /* -b */
	unsigned int delay_ms; /* -d */
	uint64_t max_events;   /* -n, 0: no limit */
	uint64_t timeout_s;    /* -t, 0: none */
	uint64_t types;	       /* -e, bit per type value; 0: all */
	uint64_t domains;      /* -D, bit per domain value; 0: all */
	const char *record;    /* -o */
	const char *metrics;   /* -P */
	const char *replay;    /* -i */
	const char *label;     /* -m */
};

struct monitor {
	const struct healthmon_opts *opts;
	struct hl_stream stream;
	struct hl_render render;
	FILE *record;
	uint64_t printed;
	bool lost;	 /* the kernel dropped events */
	bool write_err;	 /* stdout failed */
	uint64_t mnt_id; /* the monitored mount, to notice it going away */
	bool holds_fs;	 /* our own descriptor keeps the filesystem alive */
	/* -P: what was read, as Prometheus metrics, and when last written. */
	struct hl_metrics metrics;
	bool metrics_on;
	uint64_t metrics_version;
	time_t metrics_written;
	char uuid[HL_UUID_LEN]; /* the filesystem's, for -P's labels */
};

/* The running reader's wake descriptor, for the signal handler. */
static volatile int stop_fd = -1;

/* SIGINT and SIGTERM end the monitor cleanly, not the program. */
static void
catch_stop(int sig)
{
	uint64_t one = 1;
	int saved = errno;

	if (stop_fd >= 0 && write(stop_fd, &one, sizeof(one)) < 0) {
		/* already asked to stop */
	}
	errno = saved;
}

static bool
wanted(const struct healthmon_opts *o, const struct hl_event *ev)
{
	if (o->types && (ev->type >= 64 || !(o->types & (1ULL << ev->type))))
		return false;
	if (o->domains &&
	    (ev->domain >= 64 || !(o->domains & (1ULL << ev->domain))))
		return false;
	return true;
}

/* Called for every complete record; non-zero stops the feed. */
static int
show_event(const struct hl_event *ev, void *arg)
{
	struct monitor *m = arg;
	int error;

	if (ev->payload == HL_PAYLOAD_LOST)
		m->lost = true;
	/* Everything read counts, whatever -e and -D print. */
	if (m->metrics_on)
		hl_metrics_event(&m->metrics, ev);
	if (!wanted(m->opts, ev))
		return 0;

	if (m->opts->json)
		error = hl_event_write_json(stdout, ev, &m->render);
	else
		error = hl_event_write_text(stdout, ev, &m->render);
	if (error) {
		m->write_err = true;
		return 1;
	}
	m->printed++;
	if (m->opts->max_events && m->printed >= m->opts->max_events)
		return 1;
	return 0;
}

/*
 * -P: write the metrics file if something changed, at most once a second
 * unless @last; false (said) if it cannot be written.
 */
static bool
write_metrics(struct monitor *m, bool last)
{
	time_t now = time(NULL);
	uint64_t v = hl_metrics_version(&m->metrics);
	int error;

	if (!m->metrics_on || (!last && (v == m->metrics_version ||
					 now == m->metrics_written)))
		return true;
	error = hl_metrics_write_file(&m->metrics, m->opts->metrics,
				      HL_METRICS_ALL);
	m->metrics_version = v;
	m->metrics_written = now;
	if (!error)
		return true;
	io_error("healthmon: writing %s: %s", m->opts->metrics,
		 strerror(-error));
	m->metrics_on = false;
	return false;
}

/* Record, decode and print one batch; true to go on. */
static bool
show_batch(struct monitor *m, struct reader_chunk *batch, int *status)
{
	bool more = true;

	for (struct reader_chunk *c = batch; c && more; c = c->next) {
		if (m->record &&
		    fwrite(c->data, 1, c->len, m->record) != c->len) {
			io_error("healthmon: writing %s: %s", m->opts->record,
				 strerror(errno));
			*status |= EXIT_CMD_FAILED;
			more = false;
		} else if (hl_stream_feed(&m->stream, c->data, c->len,
					  show_event, m)) {
			more = false; /* -n reached, or stdout failed */
		}
	}
	/* One flush per batch: lines appear without delay. */
	if (io_flush_stdout() != 0)
		m->write_err = true;
	/* And a recording that cannot be written is said at once. */
	if (more && m->record && fflush(m->record) != 0) {
		io_error("healthmon: writing %s: %s", m->opts->record,
			 strerror(errno));
		*status |= EXIT_CMD_FAILED;
		more = false;
	}
	if (more && !write_metrics(m, false)) {
		*status |= EXIT_CMD_FAILED;
		more = false;
	}
	return more && !m->write_err;
}

/* Our stdout when it is a pipe or socket, whose reader can go away. */
static int
watched_stdout(void)
{
	int fd = fileno(stdout);
	struct stat st;

	if (fd < 0 || fstat(fd, &st) < 0 ||
	    !(S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode)))
		return -1;
	return fd;
}

/*
 * A reader thread keeps the kernel's queue drained while this thread prints,
 * so a slow output (a pipe, a network file) does not make the kernel drop
 * events.
 */
static int
pump(struct monitor *m, int fd, const char *what)
{
	const struct healthmon_opts *o = m->opts;
	struct reader_opts ro = {
		.fd = fd,
		.bufsize = o->bufsize,
		.delay_ms = o->delay_ms,
		.timeout_ms = o->timeout_s * 1000,
		.max_backlog = MAX_BACKLOG,
		.mnt_id = m->mnt_id,
		.out_fd = watched_stdout(),
	};
	struct sigaction sa = { .sa_handler = catch_stop }, old_int, old_term;
	sigset_t stop;
	struct event_reader *reader;
	struct reader_chunk *batch;
	int status = EXIT_ALL_OK, error;
	size_t leftover;

	error = reader_start(&reader, &ro);
	if (error) {
		io_error("healthmon: %s", strerror(-error));
		return EXIT_CMD_FAILED;
	}
	stop_fd = reader_wake_fd(reader);
	sigemptyset(&sa.sa_mask);
	io_stop_signals(&stop);
	if (sigismember(&stop, SIGINT))
		sigaction(SIGINT, &sa, &old_int);
	if (sigismember(&stop, SIGTERM))
		sigaction(SIGTERM, &sa, &old_term);

	for (;;) {
		bool idle = false, more;

		/*
		 * With -P, counts not yet written are written within a
		 * second even when no more events come.
		 */
		if (m->metrics_on &&
		    hl_metrics_version(&m->metrics) != m->metrics_version)
			batch = reader_take_for(reader, 1000, &idle);
		else
			batch = reader_take(reader);
		if (idle) {
			if (!write_metrics(m, false)) {
				status |= EXIT_CMD_FAILED;
				break;
			}
			continue;
		}
		if (!batch)
			break;
		more = show_batch(m, batch, &status);
		reader_free_chunks(batch);
		if (!more)
			break;
	}

	error = reader_finish(reader);
	stop_fd = -1;
	if (sigismember(&stop, SIGINT))
		sigaction(SIGINT, &old_int, NULL);
	if (sigismember(&stop, SIGTERM))
		sigaction(SIGTERM, &old_term, NULL);

	if (error == -EPIPE) {
		/* The reader of our output left: quiet, as a failed write. */
		m->write_err = true;
	} else if (error == -ENODEV) {
		if (m->holds_fs)
			io_error("healthmon: %s is no longer mounted, but our own descriptor keeps the filesystem alive, so the kernel does not end the monitor (-c gives it up)",
				 m->render.mountpoint);
		else
			io_error("healthmon: %s is no longer mounted, but the kernel did not end the monitor (was it frozen, or unmounted lazily while still in use?)",
				 m->render.mountpoint);
		status |= EXIT_CMD_FAILED;
	} else if (error) {
		io_error("healthmon: reading %s: %s", what, strerror(-error));
		status |= EXIT_CMD_FAILED;
	}
	if (m->write_err)
		return status | EXIT_CMD_FAILED; /* reported at exit */
	if (hl_stream_end(&m->stream, &leftover) < 0 &&
	    !(o->max_events && m->printed >= o->max_events)) {
		io_error("healthmon: %s ended inside an event record (%zu bytes remain)",
			 what, leftover);
		status |= EXIT_CMD_FAILED;
	}
	if (m->lost)
		status |= EXIT_PROBLEM;
	return status;
}

/* The unique id of the mount @fd is on; 0 if the kernel cannot say. */
static uint64_t
mount_id(int fd)
{
	uint64_t id;

	return hl_mount_id_of_fd(fd, &id) == 0 ? id : 0;
}

static int
open_monitor(int fd, bool verbose)
{
	int mon = hl_monitor_open(fd, verbose);

	if (mon < 0) {
		const char *hint = hl_monitor_hint(-mon, fd);

		/* The strerror words stay as xfs_io prints them. */
		io_flush_stdout();
		if (hint)
			fprintf(stderr, "XFS_IOC_HEALTH_MONITOR: %s (%s)\n",
				strerror(-mon), hint);
		else
			fprintf(stderr, "XFS_IOC_HEALTH_MONITOR: %s\n",
				strerror(-mon));
	}
	return mon;
}

/* Is @path the regular file open on @fd? */
static bool
same_file(const char *path, int fd)
{
	struct stat a, b;

	return stat(path, &a) == 0 && fstat(fd, &b) == 0 && S_ISREG(a.st_mode) &&
	       a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

static int
run_monitor(const struct healthmon_opts *o)
{
	struct monitor m = { .opts = o };
	const char *source;
	char *label = NULL;
	int fd, status, error;

	if (o->replay) {
		source = o->replay;
		fd = strcmp(o->replay, "-") ? open(o->replay, O_RDONLY | O_CLOEXEC)
					    : dup(STDIN_FILENO);
		if (fd < 0) {
			io_error("healthmon: %s: %s", o->replay, strerror(errno));
			return EXIT_CMD_FAILED;
		}
		if (o->record && same_file(o->record, fd)) {
			/* Opening it to record would empty it first. */
			io_error("healthmon: -o %s is the stream being replayed", o->record);
			close(fd);
			return EXIT_USAGE;
		}
	} else {
		struct io_file *file = file_current();

		source = "the health monitor";
		fd = open_monitor(file->fd, o->verbose);
		if (fd < 0)
			return EXIT_CMD_FAILED;
		m.mnt_id = mount_id(file->fd);
		m.holds_fs = !o->give_up_fd;
		if (o->probe) {
			close(fd);
			return EXIT_ALL_OK;
		}
		/* Before -c gives up the file that tells it. */
		if (o->metrics &&
		    hl_fs_uuid(file->fd, m.uuid, sizeof(m.uuid)))
			m.uuid[0] = '\0';
		if (o->give_up_fd && !o->label) {
			/* The file goes away below; keep its name for lines. */
			label = strdup(file->name);
			if (!label) {
				close(fd);
				io_error("healthmon: %s", strerror(ENOMEM));
				return EXIT_CMD_FAILED;
			}
		}
		/*
		 * The monitor does not pin the mount, our own fd does: give it
		 * up so that the filesystem can be unmounted while we watch.
		 */
		if (o->give_up_fd)
			file_close_current();
	}

	error = hl_render_init(&m.render,
			       o->label ? o->label :
			       label	? label :
			       file_current() ? file_current()->name :
						o->replay);
	if (error) {
		io_error("healthmon: %s", strerror(-error));
		free(label);
		close(fd);
		return EXIT_CMD_FAILED;
	}
	if (o->record) {
		m.record = fopen(o->record, "we");
		if (!m.record) {
			io_error("healthmon: %s: %s", o->record, strerror(errno));
			hl_render_free(&m.render);
			free(label);
			close(fd);
			return EXIT_CMD_FAILED;
		}
	}
	hl_stream_init(&m.stream);
	if (o->metrics) {
		error = hl_metrics_init(&m.metrics, m.render.mountpoint,
					m.uuid);
		if (error) {
			io_error("healthmon: %s", strerror(-error));
			if (m.record)
				fclose(m.record);
			hl_render_free(&m.render);
			free(label);
			close(fd);
			return EXIT_CMD_FAILED;
		}
		m.metrics_on = true;
		hl_metrics_set_monitoring(&m.metrics, true, time(NULL));
	}

	status = pump(&m, fd, source);
	if (m.metrics_on) {
		hl_metrics_set_monitoring(&m.metrics, false, 0);
		if (!write_metrics(&m, true))
			status |= EXIT_CMD_FAILED;
	}
	if (o->metrics)
		hl_metrics_free(&m.metrics);
	if (m.record && fclose(m.record) != 0) {
		io_error("healthmon: writing %s: %s", o->record, strerror(errno));
		status |= EXIT_CMD_FAILED;
	}
	hl_render_free(&m.render);
	free(label);
	close(fd);
	return status;
}

static int
bad_arg(const char *what, const char *arg)
{
	io_error("healthmon: invalid %s -- %s", what, arg);
	return EXIT_USAGE;
}

/* A number past its limit: say what the limit is. */
static int
too_large(const char *what, const char *arg, uint64_t max, const char *unit)
{
	io_error("healthmon: %s %s is larger than %" PRIu64 "%s", what, arg, max,
		 unit);
	return EXIT_USAGE;
}

/* The filter names come from the tables the decoder uses. */
static void
healthmon_help_names(void)
{
	printf("Domains: ");
	print_table_names(stdout, hl_domain_names());
	printf("\nTypes: ");
	print_table_names(stdout, hl_type_names());
	printf("\n");
}

static int
healthmon_f(int argc, char **argv)
{
	struct healthmon_opts o = { .bufsize = DEFAULT_BUFSIZE };
	const char *bad;
	uint64_t val;
	int c, error;

	while ((c = getopt(argc, argv, healthmon_command.opts)) != -1) {
		switch (c) {
		case 'b':
			error = hl_parse_u64(optarg, MAX_BUFSIZE, &val);
			if (error == -ERANGE) {
				io_error("healthmon: bufsize %s is larger than %u",
					 optarg, MAX_BUFSIZE);
				return EXIT_USAGE;
			}
			if (error)
				return bad_arg("bufsize", optarg);
			if (val < HL_EVENT_SIZE) {
				/* xfs_io's text for a buffer below one event */
				io_message("%s: bufsize must be at least one event %d",
					   optarg, HL_EVENT_SIZE);
				return EXIT_USAGE;
			}
			o.bufsize = val;
			break;
		case 'c':
			o.give_up_fd = true;
			break;
		case 'd':
			if (optarg[0] == '-') {
				io_message("%s: delay must be positive msecs",
					   optarg);
				return EXIT_USAGE;
			}
			error = hl_parse_u64(optarg, MAX_DELAY_MS, &val);
			if (error == -ERANGE)
				return too_large("delay", optarg, MAX_DELAY_MS,
						 " ms");
			if (error)
				return bad_arg("delay", optarg);
			o.delay_ms = val;
			break;
		case 'D':
			if (parse_name_list(hl_domain_names(), optarg,
					    &o.domains, &bad)) {
				io_error("healthmon: unknown domain '%s'", bad);
				return EXIT_USAGE;
			}
			break;
		case 'e':
			if (parse_name_list(hl_type_names(), optarg, &o.types,
					    &bad)) {
				io_error("healthmon: unknown event type '%s'",
					 bad);
				return EXIT_USAGE;
			}
			break;
		case 'i':
			o.replay = optarg;
			break;
		case 'j':
			o.json = true;
			break;
		case 'm':
			o.label = optarg;
			break;
		case 'n':
			error = hl_parse_u64(optarg, UINT64_MAX, &val);
			if (error == -ERANGE)
				return too_large("event count", optarg,
						 UINT64_MAX, "");
			if (error || !val)
				return bad_arg("event count", optarg);
			o.max_events = val;
			break;
		case 'o':
			o.record = optarg;
			break;
		case 'p':
			o.probe = true;
			break;
		case 'P':
			if (!*optarg)
				return bad_arg("metrics file", optarg);
			o.metrics = optarg;
			break;
		case 't':
			error = hl_parse_u64(optarg, MAX_TIMEOUT_S, &val);
			if (error == -ERANGE)
				return too_large("timeout", optarg, MAX_TIMEOUT_S,
						 " seconds");
			if (error || !val)
				return bad_arg("timeout", optarg);
			o.timeout_s = val;
			break;
		case 'v':
			o.verbose = true;
			break;
		default:
			return command_usage(&healthmon_command);
		}
	}
	if (optind != argc)
		return command_usage(&healthmon_command);

	if (o.replay && (o.give_up_fd || o.probe || o.verbose)) {
		io_error("healthmon: -i replays a recording; -c, -p and -v need the kernel");
		return EXIT_USAGE;
	}
	if (!o.replay) {
		int status = command_check_file(&healthmon_command);

		if (status)
			return status;
	}
	return run_monitor(&o);
}

const struct command healthmon_command = {
	.name = "healthmon",
	.altname = NULL,
	.handler = healthmon_f,
	.argmin = 0,
	.argmax = -1,
	/* A replay needs no file: the handler checks only for the kernel. */
	.flags = CMD_ONESHOT | CMD_ARGS_FIRST,
	.args = "[-cjpv] [-b bufsize] [-d delay_ms] [-n count] [-t seconds] "
		"[-e types] [-D domains] [-o file] [-i file] [-m mount] "
		"[-P file]",
	.oneline = "monitor filesystem health events",
	.help = "Opens the XFS health monitor on the current file, which must be\n"
		"the filesystem's root directory (needs CAP_SYS_ADMIN), and prints\n"
		"every event as it arrives, one line each, until the filesystem is\n"
		"unmounted.  Lines are those of xfs_io's healthmon.\n"
		" -b bufsize -- bytes per read (at least 64; default 65536)\n"
		" -c -- close the file's own descriptor once the monitor is open,\n"
		"       so the filesystem can be unmounted while monitoring; the\n"
		"       file leaves the open-file table\n"
		" -d delay_ms -- sleep before the first read and after each read\n"
		" -D domains -- only events of these domains (comma-separated)\n"
		" -e types -- only events of these types (comma-separated)\n"
		" -i file -- replay a recorded event stream instead of the kernel\n"
		"       ('-' reads standard input); needs no open file\n"
		" -j -- print each event as one JSON object per line\n"
		" -m mount -- the mount point printed in each line (default: the\n"
		"       current file's name as given, or the replayed file's)\n"
		" -n count -- stop after printing count events\n"
		" -o file -- record the raw event stream to file\n"
		" -p -- probe: open the monitor, close it, print nothing\n"
		" -P file -- keep counts of every event read in file, in\n"
		"       Prometheus' text format (xfs_healthd's metrics), written\n"
		"       at most once a second and at the end\n"
		" -t seconds -- stop after this many seconds\n"
		" -v -- verbose: every health event, not only changes\n"
		"Exit status: 0 when the stream ended (unmount, end of a replay,\n"
		"-n, -t, SIGINT or SIGTERM); 2 if the kernel lost events; 1 if the\n"
		"monitor could not be opened or read, a replay ended inside a\n"
		"record, or the filesystem was unmounted but the kernel never\n"
		"ended the stream (given up after 5 seconds).\n",
	.help_tail = healthmon_help_names,
	.opts = "b:cd:D:e:i:jm:n:o:pP:t:v",
	.completes = (const struct command_arg[]){
		{.opt = 'D', .kind = ARG_NAME_LIST, .table = hl_domain_names},
		{.opt = 'e', .kind = ARG_NAME_LIST, .table = hl_type_names},
		{.opt = 'i', .kind = ARG_PATH},
		{.opt = 'm', .kind = ARG_PATH},
		{.opt = 'o', .kind = ARG_PATH},
		{.opt = 'P', .kind = ARG_PATH},
		{.kind = ARG_END},
	},
};
