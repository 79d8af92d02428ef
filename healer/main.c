// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * xfs_healthd MOUNTPOINT: watch one mounted XFS and heal it.  Command line
 * and exit statuses as xfs_healer's, so that its units and scripts work;
 * "xfs_healthd --start" is the starter that runs one per mount.
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "healthd.h"
#include "service.h"
#include "starter.h"

enum {
	OPT_DEBUG = 256,
	OPT_EVERYTHING,
	OPT_FOREGROUND,
	OPT_FULL_HERE,
	OPT_NO_AUTOFSCK,
	OPT_QUIET,
	OPT_RECONCILE_INTERVAL,
	OPT_METRICS_DIR,
	OPT_HOOKS_DIR,
	OPT_HOOK_TIMEOUT,
	OPT_HOOK_MAX,
	OPT_HOOK_INTERVAL,
	OPT_HOOK_UNITS,
	OPT_FROM_RECORDING,
	OPT_REPAIR,
	OPT_SUPPORTED,
	OPT_SVCNAME,
	OPT_HELP,
	OPT_START,
};

/* Each option once: getopt's table and the help text are made from this. */
struct option_doc {
	struct option opt;
	const char *arg; /* its argument's name in the help */
	const char *help;
};

static const struct option_doc options[] = {
	{{"debug", no_argument, NULL, OPT_DEBUG},
	 NULL, "Explain decisions on stderr."},
	{{"everything", no_argument, NULL, OPT_EVERYTHING},
	 NULL, "Open a verbose monitor: log every health update."},
	{{"foreground", no_argument, NULL, OPT_FOREGROUND},
	 NULL, "Repair with one thread per CPU, not one in all."},
	{{"full-repair-in-process", no_argument, NULL, OPT_FULL_HERE},
	 NULL, "Make whole-filesystem repairs here, not with xfs_scrub@."},
	{{"metrics-dir", required_argument, NULL, OPT_METRICS_DIR},
	 "DIR", "Write Prometheus metrics into DIR (none: do not)."},
	{{"hooks-dir", required_argument, NULL, OPT_HOOKS_DIR},
	 "DIR", "Run the notification hooks in DIR (none: no hooks)."},
	{{"hook-timeout", required_argument, NULL, OPT_HOOK_TIMEOUT},
	 "SECONDS", "Stop a hook still running after SECONDS (30)."},
	{{"hook-max", required_argument, NULL, OPT_HOOK_MAX},
	 "N", "Run at most N hooks at once (4)."},
	{{"hook-interval", required_argument, NULL, OPT_HOOK_INTERVAL},
	 "SECONDS", "Run a hook once in SECONDS per object (300; 0: no limit)."},
	{{"hook-units", no_argument, NULL, OPT_HOOK_UNITS},
	 NULL, "Run each hook as a systemd unit of its own (systemd-run)."},
	{{"no-autofsck", no_argument, NULL, OPT_NO_AUTOFSCK},
	 NULL, "Ignore the autofsck property; repair only with --repair."},
	{{"quiet", no_argument, NULL, OPT_QUIET},
	 NULL, "Do not log health, media and file I/O events."},
	{{"reconcile-interval", required_argument, NULL,
	  OPT_RECONCILE_INTERVAL},
	 "SECONDS", "Read the kernel's health marks every SECONDS "
	 "(" HEALTHD_RECONCILE_INTERVAL_STR "; 0: never)."},
	{{"from-recording", required_argument, NULL, OPT_FROM_RECORDING},
	 "FILE", "Read events from a recording, not the kernel; repair nothing."},
	{{"repair", no_argument, NULL, OPT_REPAIR},
	 NULL, "Repair sick metadata whatever the autofsck property says."},
	{{"supported", no_argument, NULL, OPT_SUPPORTED},
	 NULL, "Exit 0 if the filesystem can be monitored, else 1."},
	{{"svcname", no_argument, NULL, OPT_SVCNAME},
	 NULL, "Print the systemd unit name for MOUNTPOINT and exit."},
	{{"json", no_argument, NULL, 'j'},
	 NULL, "Log JSON objects, one per line."},
	{{"start", no_argument, NULL, OPT_START},
	 NULL, "Start a daemon unit for every XFS mount, now and later."},
	{{"version", no_argument, NULL, 'V'},
	 NULL, "Print the version."},
	{{"help", no_argument, NULL, OPT_HELP},
	 NULL, "Print this help."},
};

#define NR_OPTIONS (sizeof(options) / sizeof(options[0]))

static void
usage(FILE *f)
{
	fprintf(f, "Usage: xfs_healthd [OPTIONS] MOUNTPOINT\n"
		   "       xfs_healthd --start [--debug] [--mountns PATH] "
		   "[--supported]\n"
		   "\n"
		   "Watch the health events of a mounted XFS filesystem, log "
		   "them, and repair\n"
		   "the metadata the kernel reports sick.\n"
		   "\n"
		   "Options:\n");
	for (size_t i = 0; i < NR_OPTIONS; i++) {
		const struct option *o = &options[i].opt;
		char name[32];

		if (o->val < OPT_DEBUG)
			snprintf(name, sizeof(name), "-%c, --%s", o->val,
				 o->name);
		else if (o->has_arg)
			snprintf(name, sizeof(name), "--%s %s", o->name,
				 options[i].arg);
		else
			snprintf(name, sizeof(name), "--%s", o->name);
		if (strlen(name) > 17)
			fprintf(f, "  %s\n  %-17s %s\n", name, "",
				options[i].help);
		else
			fprintf(f, "  %-17s %s\n", name, options[i].help);
	}
	fprintf(f, "\n"
		   "Exit status: 0 after the filesystem was unmounted (or a "
		   "signal), 1 when it\n"
		   "cannot or must not be monitored or something failed, and "
		   "with --supported\n"
		   "255 for a setup error.  See xfs_healthd(8).\n");
}

/* What was printed must have reached stdout, or we fail and say why. */
static int
finish_stdout(void)
{
	int err;

	if (fflush(stdout) == 0 && !ferror(stdout))
		return EXIT_OK;
	/* A reader that went away (head -1) is no news; a full disk is. */
	err = errno ? errno : EIO;
	if (err != EPIPE)
		fprintf(stderr,
			"xfs_healthd: write error on standard output: %s\n",
			strerror(err));
	return EXIT_UNSUPPORTED;
}

static void
try_help(void)
{
	fprintf(stderr, "Try 'xfs_healthd --help' for more information.\n");
}

static int
print_svcname(const char *mountpoint)
{
	struct log_name shown;
	char *unit;
	int error = service_unit_name(HEALTHD_UNIT_PREFIX, mountpoint, &unit);

	if (error == -EINVAL) {
		fprintf(stderr,
			"xfs_healthd: %s: systemd cannot name a unit after this "
			"path (it must be absolute, without .., and make a name "
			"of at most 255 bytes)\n",
			log_name(&shown, mountpoint));
		return EXIT_UNSUPPORTED;
	}
	if (error) {
		fprintf(stderr, "xfs_healthd: %s: %s\n",
			log_name(&shown, mountpoint), strerror(-error));
		return EXIT_UNSUPPORTED;
	}
	printf("%s\n", unit);
	free(unit);
	return finish_stdout();
}

/* 0 to a week, in seconds: a typing slip must not mean "never". */
/* A whole number from @min to @max for option @opt ("seconds", "hooks"). */
static int
parse_number(const char *opt, const char *arg, unsigned long min,
	     unsigned long max, const char *what, unsigned int *v)
{
	char *end;
	unsigned long n;

	errno = 0;
	n = strtoul(arg, &end, 10);
	if (!isdigit((unsigned char)arg[0]) || *end || errno || n < min ||
	    n > max) {
		struct log_name shown;

		fprintf(stderr,
			"xfs_healthd: --%s: '%s' is not a number of %s from "
			"%lu to %lu\n",
			opt, log_name(&shown, arg), what, min, max);
		return -1;
	}
	*v = (unsigned int)n;
	return 0;
}

/* A directory option: an absolute path, or none (or empty) for none. */
static int
parse_dir(const char *opt, const char *arg, const char **dir)
{
	struct log_name shown;

	if (!*arg || !strcmp(arg, "none")) {
		*dir = NULL;
		return 0;
	}
	if (arg[0] != '/') {
		fprintf(stderr,
			"xfs_healthd: --%s: '%s' is not an absolute path (or "
			"none)\n",
			opt, log_name(&shown, arg));
		return -1;
	}
	*dir = arg;
	return 0;
}

static int
parse_args(int argc, char **argv, struct healthd_opts *o, bool *svcname)
{
	struct option long_options[NR_OPTIONS + 1] = {0};
	int c;

	for (size_t i = 0; i < NR_OPTIONS; i++)
		long_options[i] = options[i].opt;
	while ((c = getopt_long(argc, argv, "jV", long_options, NULL)) != -1) {
		switch (c) {
		case OPT_DEBUG:
			o->debug = true;
			break;
		case OPT_EVERYTHING:
			o->everything = true;
			break;
		case OPT_FOREGROUND:
			o->foreground = true;
			break;
		case OPT_FULL_HERE:
			o->full_here = true;
			break;
		case OPT_NO_AUTOFSCK:
			o->no_autofsck = true;
			break;
		case OPT_QUIET:
			o->quiet = true;
			break;
		case OPT_RECONCILE_INTERVAL:
			if (parse_number("reconcile-interval", optarg, 0,
					 HEALTHD_RECONCILE_INTERVAL_MAX,
					 "seconds", &o->reconcile_interval))
				goto bad;
			break;
		case OPT_METRICS_DIR:
			if (parse_dir("metrics-dir", optarg, &o->metrics_dir))
				goto bad;
			o->metrics_dir_given = true;
			break;
		case OPT_HOOKS_DIR:
			if (parse_dir("hooks-dir", optarg, &o->hooks_dir))
				goto bad;
			o->hooks_dir_given = true;
			break;
		case OPT_HOOK_TIMEOUT:
			if (parse_number("hook-timeout", optarg, 1,
					 HEALTHD_HOOK_TIMEOUT_MAX, "seconds",
					 &o->hook_timeout))
				goto bad;
			break;
		case OPT_HOOK_MAX:
			if (parse_number("hook-max", optarg, 1,
					 HEALTHD_HOOK_MAX_MAX, "hooks",
					 &o->hook_max))
				goto bad;
			break;
		case OPT_HOOK_INTERVAL:
			if (parse_number("hook-interval", optarg, 0,
					 HEALTHD_HOOK_INTERVAL_MAX, "seconds",
					 &o->hook_interval))
				goto bad;
			break;
		case OPT_HOOK_UNITS:
			o->hook_units = true;
			break;
		case OPT_FROM_RECORDING:
			if (!*optarg) {
				fprintf(stderr, "xfs_healthd: --from-recording: an "
						"empty file name\n");
				goto bad;
			}
			o->replay = optarg;
			break;
		case OPT_REPAIR:
			o->repair = true;
			break;
		case OPT_SUPPORTED:
			o->supported = true;
			break;
		case OPT_SVCNAME:
			*svcname = true;
			break;
		case 'j':
			o->json = true;
			break;
		case 'V':
			printf("xfs_healthd version %s\n", XFS_HEALTH_VERSION);
			exit(finish_stdout());
		case OPT_HELP:
			usage(stdout);
			exit(finish_stdout());
		default:
			goto bad;
		}
	}
	if (optind != argc - 1) {
		fprintf(stderr, "xfs_healthd: %s\n",
			optind == argc ? "no mount point given"
				       : "only one mount point is watched");
		try_help();
		return -1;
	}
	o->mountpoint = argv[optind];
	if (!*o->mountpoint) {
		fprintf(stderr, "xfs_healthd: the mount point is an empty "
				"string\n");
		return -1;
	}
	/*
	 * A recording is not this host's filesystem: its hooks and metrics
	 * file only when asked for (not mail to root, not the live daemon's
	 * file overwritten).
	 */
	if (o->replay && !o->hooks_dir_given)
		o->hooks_dir = NULL;
	if (o->replay && !o->metrics_dir_given)
		o->metrics_dir = NULL;
	if (o->replay && o->supported) {
		fprintf(stderr, "xfs_healthd: --from-recording and --supported: a "
				"recording says nothing of the kernel\n");
		goto bad;
	}
	return 0;
bad:
	try_help();
	return -1;
}

/* systemd's journal attributes lines to a unit only while it runs. */
static void
linger_for_journal(void)
{
	const char *mode = getenv("SERVICE_MODE");

	if (mode && !strcmp(mode, "1"))
		sleep(2);
}

int
main(int argc, char **argv)
{
	struct healthd hd = {
		.mon_fd = -1,
		.opt.reconcile_interval = HEALTHD_RECONCILE_INTERVAL,
		.opt.metrics_dir = HEALTHD_METRICS_DIR,
		.opt.hooks_dir = HEALTHD_HOOKS_DIR,
		.opt.hook_timeout = HEALTHD_HOOK_TIMEOUT,
		.opt.hook_max = HEALTHD_HOOK_MAX,
		.opt.hook_interval = HEALTHD_HOOK_INTERVAL,
	};
	bool svcname = false;
	sigset_t usr1;
	int status;

	/*
	 * A reader that goes away must not kill us: not a repair half-way,
	 * and not even --help, whose write error is then reported.
	 */
	signal(SIGPIPE, SIG_IGN);
	/*
	 * SIGUSR1 asks the daemon's event loop for a reconcile pass (it
	 * reads it from a signalfd); before that, and in the starter, it
	 * must not kill us.
	 */
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	pthread_sigmask(SIG_BLOCK, &usr1, NULL);

	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--start"))
			return starter_main(argc, argv);

	/* getopt's messages name the program, not the path it was run by. */
	argv[0] = "xfs_healthd";
	if (parse_args(argc, argv, &hd.opt, &svcname))
		return EXIT_UNSUPPORTED;
	if (svcname)
		return print_svcname(hd.opt.mountpoint);

	status = healthd_setup(&hd);
	if (status < 0) {
		if (hd.opt.supported)
			status = EXIT_OK;
		else
			status = healthd_monitor(&hd);
	}
	healthd_teardown(&hd);
	if (hd.opt.supported)
		return status;
	linger_for_journal();
	return status == EXIT_SETUP ? EXIT_UNSUPPORTED : status;
}
