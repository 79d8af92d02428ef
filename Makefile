# xfs_health: top-level GNU Makefile.
#
#   make [all]            build libhealth, xfs_health
#   make check            install missing dependencies, then run every tier
#   make check-unit       CUnit tests of libhealth
#   make check-cmd        golden-output tests of the built binary (no kernel)
#   make check-valgrind   the same with every program run under valgrind
#                         (a dynamic build: see LINK below)
#   make check-sanitized  unit, cmd and VM tiers built with ASan and UBSan
#   make check-analyze    clang's static analyzer over every program source
#   make check-layout     no two source files use each other's names, and
#                         libhealth none of a program's (tools/check-circles)
#   make check-hardening  check-layout, valgrind cmd tier, -Werror builds (gcc, clang)
#                         with their unit tier, check-analyze, sanitized
#                         unit+cmd and a sanitized VM run of
#                         SANITIZED_VM_TESTS, fuzz-smoke (part of make check)
#   make check-xfs        tests/xfs on this host's kernel (needs >= 7.0, root)
#   make check-vm         tests/xfs inside a QEMU guest running Debian's newest kernel
#                         (VM_TESTS="xfs/NNN ...": only those), then check-units
#   make check-units      the installed units under systemd in that guest
#   make demo             show xfs_health at work on a real XFS inside the guest
#   make bench            every performance goal, one table (tests/bench/results.md)
#   make fuzz             libFuzzer targets (tests/fuzz), FUZZ_TIME s each
#   make install          PREFIX, DESTDIR, SBINDIR, MANDIR, SYSTEMD_UNITDIR
#
# Knobs: V=1 (echo commands), WERROR=1, SANITIZE=address,undefined,
# LINE_EDITOR=auto|libedit|readline|none (auto prefers libedit),
# LINK=auto|static|dynamic (xfs_health; auto: static where it can be),
# O=DIR (build there: objects, programs, test outputs; see below).

VERSION		:= 0.1.0

# ---- where the build goes --------------------------------------------------
# Without O, objects and programs go next to their sources.  O=build/NAME
# puts them (and the outputs of the test tiers) under that directory, so
# that builds of other kinds (sanitized, -Werror, clang, dynamic) share one
# source tree.  It must lie inside the tree: the test guest sees only the
# tree.  B is the prefix of every built path ("" or "build/NAME/").
O		?=
ifneq ($(filter /% ../% ..,$(O)),)
  $(error O=$(O): give a directory inside the tree, such as build/sanitized)
endif
B		:= $(if $(O),$(patsubst %/,%,$(O))/)
# The test runners take the build's programs and output places from here.
export XFS_HEALTH_BUILD := $(B)

PREFIX		?= /usr/local
SBINDIR		?= $(PREFIX)/sbin
MANDIR		?= $(PREFIX)/share/man
DATADIR		?= $(PREFIX)/share/xfs_health
DESTDIR		?=

CC		?= cc
PKG_CONFIG	?= pkg-config
AR		?= ar
INSTALL		?= install

ifeq ($(V),1)
Q :=
quiet = @:
else
Q := @
quiet = @printf '  %-8s %s\n'
endif

CFLAGS		?= -O2 -g
WARNFLAGS	:= -Wall -Wextra -Wno-unused-parameter -Wshadow -Wstrict-prototypes \
		   -Wmissing-prototypes -Wformat=2
ifeq ($(WERROR),1)
WARNFLAGS	+= -Werror
endif
ifneq ($(SANITIZE),)
SANFLAGS	:= -fsanitize=$(SANITIZE) -fno-sanitize-recover=all -fno-omit-frame-pointer
# gcc's sanitizer runtimes linked in, so that the binaries also run in the
# test guest, whose newer userland has other (or no) runtime libraries.
ifneq ($(shell $(CC) -v 2>&1 | grep -c '^gcc version'),0)
SAN_LDFLAGS	:= -static-libasan -static-libubsan
endif
endif
BASE_CPPFLAGS	:= -I$(CURDIR)/include -D_GNU_SOURCE -DXFS_HEALTH_VERSION='"$(VERSION)"'
ALL_CFLAGS	= $(BASE_CPPFLAGS) $(CPPFLAGS) $(WARNFLAGS) $(SANFLAGS) $(CFLAGS) -pthread -MMD -MP
ALL_LDFLAGS	= $(SANFLAGS) $(SAN_LDFLAGS) $(LDFLAGS) -pthread

# ---- line editor -----------------------------------------------------------
LINE_EDITOR	?= auto
have_pkg	= $(shell $(PKG_CONFIG) --exists $(1) 2>/dev/null && echo yes)
have_readline	= $(shell test -e /usr/include/readline/readline.h && echo yes)

ifeq ($(LINE_EDITOR),auto)
  ifeq ($(call have_pkg,libedit),yes)
    EDITOR_KIND := libedit
  else ifeq ($(have_readline),yes)
    EDITOR_KIND := readline
  else
    EDITOR_KIND := none
  endif
else
  EDITOR_KIND := $(LINE_EDITOR)
endif

ifeq ($(EDITOR_KIND),libedit)
  # Dynamic builds do not link it: io/input.c loads it (dlopen) for a
  # terminal only, which keeps it and its libraries out of every
  # non-interactive start.  libdl only where dlopen is not in libc (glibc
  # < 2.34).  libbsd's static archive needs libmd, which libedit.pc omits.
  EDITOR_CFLAGS	:= -DLINE_EDITOR_LIBEDIT $(shell $(PKG_CONFIG) --cflags libedit)
  EDITOR_DYNAMIC_CFLAGS := -DLINE_EDITOR_DLOPEN
  EDITOR_LIBS	:= -Wl,--push-state,--as-needed -ldl -Wl,--pop-state
  EDITOR_STATIC_LIBS := $(shell $(PKG_CONFIG) --static --libs libedit libbsd 2>/dev/null)
else ifeq ($(EDITOR_KIND),readline)
  EDITOR_CFLAGS	:= -DLINE_EDITOR_READLINE
  EDITOR_LIBS	:= -lreadline
  EDITOR_STATIC_LIBS := $(shell $(PKG_CONFIG) --static --libs readline 2>/dev/null || echo -lreadline -ltinfo)
else ifeq ($(EDITOR_KIND),none)
  EDITOR_CFLAGS	:= -DLINE_EDITOR_NONE
  EDITOR_LIBS	:=
  EDITOR_STATIC_LIBS :=
else
  $(error LINE_EDITOR must be auto, libedit, readline or none)
endif

# ---- linking xfs_health --------------------------------------------------
# Static (static-pie: still position independent, so still randomized) by
# default: a start then runs no dynamic loader, which is most of the cost
# of a short run such as "-c help" (tests/bench/startup: half of it under
# emulation), and QA scripts start the tool thousands of times.  The line
# editor is then linked in, not loaded.  LINK=dynamic links libc (and
# loads libedit at the first line read from a terminal) for packagers who
# want library updates to reach the binary; sanitized builds are always
# dynamic (the sanitizer runtimes cannot be linked statically), and so
# is the build the valgrind tier checks (its heap checks need a dynamic
# malloc).  auto: static when the C library and the editor's static
# archives link.
# The auto probe links a test program once per build directory and
# compiler and editor libraries ($(B).link-kind keeps the answer); make
# clean, and make check, bench and demo before they install what is
# missing, link nothing.
LINK		?= auto
link_probe_key	:= $(CC) $(EDITOR_STATIC_LIBS)
ifneq ($(SANITIZE),)
  LINK_KIND	:= dynamic
else ifeq ($(filter-out clean uninstall check deps bench demo,$(or $(MAKECMDGOALS),all)),)
  # Nothing linked here (these install the dependencies first, then build
  # in a make of their own, which probes what is there by then).
  LINK_KIND	:= dynamic
else ifeq ($(LINK),auto)
  LINK_KIND	:= $(shell f='$(B).link-kind'; \
		     if [ -f "$$f" ] && [ "$$(head -n 1 "$$f")" = '$(link_probe_key)' ]; then \
			tail -n 1 "$$f"; \
		     else \
			t=$$(mktemp) && \
			if echo 'int main(void) { return 0; }' | \
			   $(CC) -x c - -static-pie -o "$$t" $(EDITOR_STATIC_LIBS) >/dev/null 2>&1; \
			then k=static; else k=dynamic; fi; rm -f "$$t"; \
			mkdir -p "$$(dirname "$$f")" && \
			printf '%s\n%s\n' '$(link_probe_key)' "$$k" >"$$f"; echo "$$k"; \
		     fi)
else
  LINK_KIND	:= $(LINK)
endif

ifeq ($(LINK_KIND),static)
  IO_LDFLAGS	:= -static-pie
  IO_LIBS	:= $(EDITOR_STATIC_LIBS)
  IO_CFLAGS	:= $(EDITOR_CFLAGS)
else ifeq ($(LINK_KIND),dynamic)
  IO_LDFLAGS	:=
  IO_LIBS	:= $(EDITOR_LIBS)
  IO_CFLAGS	:= $(EDITOR_CFLAGS) $(EDITOR_DYNAMIC_CFLAGS)
else
  $(error LINK must be auto, static or dynamic)
endif

# The daemon's journal fields: libsystemd's sd_journal_sendv when it is
# there (JOURNAL=no builds without; lines then stay plain under systemd).
JOURNAL		?= auto
ifeq ($(filter auto yes no,$(JOURNAL)),)
  $(error JOURNAL must be auto, yes or no)
endif
ifneq ($(JOURNAL),no)
  SYSTEMD_LIBS	:= $(shell $(PKG_CONFIG) --libs libsystemd 2>/dev/null)
endif
ifneq ($(SYSTEMD_LIBS),)
  HEALER_CFLAGS	:= -DHAVE_LIBSYSTEMD $(shell $(PKG_CONFIG) --cflags libsystemd)
else ifeq ($(JOURNAL),yes)
  $(error JOURNAL=yes but pkg-config finds no libsystemd (libsystemd-dev))
endif

# json-c only checks our JSON in the unit tests (libhealth writes its own).
JSON_CFLAGS	:= $(shell $(PKG_CONFIG) --cflags json-c 2>/dev/null)
JSON_LIBS	:= $(shell $(PKG_CONFIG) --libs json-c 2>/dev/null || echo -ljson-c)

# ---- sources ---------------------------------------------------------------
LIB_SRCS	:= $(sort $(wildcard libhealth/*.c))
LIB_OBJS	:= $(patsubst %.c,$(B)%.o,$(LIB_SRCS))
LIB		:= $(B)libhealth/libhealth.a

IO_SRCS		:= $(sort $(wildcard io/*.c))
IO_OBJS		:= $(patsubst %.c,$(B)%.o,$(IO_SRCS))
IO_PROG		:= $(B)io/xfs_health

HEALER_SRCS	:= $(sort $(wildcard healer/*.c))
HEALER_OBJS	:= $(patsubst %.c,$(B)%.o,$(HEALER_SRCS))
HEALER_PROG	:= $(B)healer/xfs_healthd
UNITS		:= $(sort $(wildcard healer/units/*.service healer/units/*.slice \
			healer/units/*.timer))

UNIT_SRCS	:= $(sort $(wildcard tests/unit/*.c))
UNIT_OBJS	:= $(patsubst %.c,$(B)%.o,$(UNIT_SRCS))
UNIT_PROG	:= $(B)tests/unit/unit-tests
ABI_EVENTS	:= $(B)tests/unit/abi_events.h

ALL_OBJS	:= $(LIB_OBJS) $(IO_OBJS) $(HEALER_OBJS) $(UNIT_OBJS)

.PHONY: all check check-unit check-cmd check-cmd-terminal check-valgrind check-sanitized check-analyze check-layout check-hardening check-xfs check-vm check-units check-all demo bench deps deb \
	install uninstall clean

PROGS		:= $(IO_PROG) $(HEALER_PROG)

all: $(PROGS)

# The line-editor choice is baked into objects: rebuild them when it changes.
build-flags := $(CC) $(EDITOR_KIND) $(LINK_KIND) $(SANITIZE) $(CFLAGS) $(CPPFLAGS) $(WERROR) $(HEALER_CFLAGS)
$(B).build-flags: FORCE
	@mkdir -p $(@D)
	@echo '$(build-flags)' | cmp -s - $@ || echo '$(build-flags)' > $@
FORCE:

$(B)%.o: %.c $(B).build-flags
	@mkdir -p $(@D)
	$(quiet) CC $@
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)tests/unit/%.o: ALL_CFLAGS += $(JSON_CFLAGS) -I$(B)tests/unit
$(B)healer/%.o: ALL_CFLAGS += $(HEALER_CFLAGS)
$(B)io/%.o: ALL_CFLAGS += $(IO_CFLAGS) -DLINE_EDITOR_NAME='"$(EDITOR_KIND)"' \
			 -DLINK_KIND='"$(LINK_KIND)"'

$(LIB): $(LIB_OBJS)
	$(quiet) AR $@
	$(Q)rm -f $@ && $(AR) rcs $@ $^

$(IO_PROG): $(IO_OBJS) $(LIB)
	$(quiet) LD $@
	$(Q)tools/link-quietly $(CC) $(ALL_LDFLAGS) $(IO_LDFLAGS) -o $@ $(IO_OBJS) $(LIB) $(IO_LIBS) $(LIBS)

$(HEALER_PROG): $(HEALER_OBJS) $(LIB)
	$(quiet) LD $@
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $(HEALER_OBJS) $(LIB) $(SYSTEMD_LIBS) $(LIBS)

# Every event domain and type the ABI header defines, for the unit test
# that each has its descriptor and name (tests/unit/test_domains.c).
$(ABI_EVENTS): include/xfs_health_abi.h
	@mkdir -p $(@D)
	$(quiet) GEN $@
	$(Q)sed -n 's/^#define[[:space:]]*\(XFS_HEALTH_MONITOR_\(DOMAIN\|TYPE\)_[A-Z_]*\)[[:space:]].*/ABI_\2(\1)/p' $< >$@.tmp && mv $@.tmp $@
$(B)tests/unit/test_domains.o: $(ABI_EVENTS)

$(UNIT_PROG): $(UNIT_OBJS) $(LIB)
	$(quiet) LD $@
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $(UNIT_OBJS) $(LIB) -lcunit $(JSON_LIBS) $(LIBS)

# ---- tests -----------------------------------------------------------------
# `check` first makes sure the build and test dependencies are installed (a
# fresh Debian 12 machine has none of them), then runs every tier in a fresh
# make so that pkg-config sees what was just installed.
check: deps
	$(Q)$(MAKE) --no-print-directory check-all

check-all:
	$(Q)status=0; \
	$(MAKE) --no-print-directory check-unit || status=1; \
	$(MAKE) --no-print-directory check-cmd || status=1; \
	$(MAKE) --no-print-directory check-hardening || status=1; \
	$(MAKE) --no-print-directory check-vm || status=1; \
	exit $$status

# The quick hardening passes: the layering check (no circles), the cmd
# tier under valgrind, gcc and clang builds with warnings as errors,
# each with its unit tier (the normal
# build keeps warnings non-fatal, for newer compilers), a readline build
# with the terminal tests (completion, history), clang's static
# analyzer over the program sources (~30 s), unit and cmd tiers
# with ASan+UBSan and, in the guest, the sanitized binaries through one
# test of each program and ioctl path (the whole VM tier sanitized takes
# ~20 min under TCG: make check-sanitized), a short fuzzing run (long
# fuzzing: make fuzz), the Debian package (built, lintian, its file
# list).  "make check SANITIZE=..." is every tier on a
# sanitized build already: valgrind cannot run those, so only fuzz-smoke.
# The other builds go to build/NAME (O=), beside this one.
SANITIZED_VM_TESTS ?= xfs/001 xfs/022 xfs/024 xfs/026 xfs/031 xfs/037 xfs/047 xfs/104 \
		      xfs/106 xfs/202 xfs/207 xfs/210 xfs/251
SANITIZERS	:= address,undefined

# $(call in_build,NAME,VARS,TARGETS): build the programs and the unit
# tests in build/NAME with the make variables VARS (quietly: a failure
# shows its errors), then run every one of TARGETS against that build.
in_build = echo "build/$(1) ($(strip $(2))): $(strip $(3))"; \
	$(MAKE) --no-print-directory -j$(shell nproc) O=build/$(1) $(2) \
		all build/$(1)/tests/unit/unit-tests >/dev/null && \
	$(MAKE) --no-print-directory -k O=build/$(1) $(2) $(3)

ifeq ($(SANITIZE),)
check-hardening: $(PROGS)
	$(Q)status=0; \
	$(MAKE) --no-print-directory check-layout || status=1; \
	$(MAKE) --no-print-directory check-valgrind || status=1; \
	$(call in_build,werror-gcc,WERROR=1,check-unit) || status=1; \
	$(call in_build,werror-clang,CC=clang WERROR=1,check-unit) || status=1; \
	$(call in_build,readline,LINE_EDITOR=readline,check-cmd-terminal) || status=1; \
	$(MAKE) --no-print-directory check-analyze || status=1; \
	$(call in_build,sanitized,SANITIZE=$(SANITIZERS) VM_TESTS="$(SANITIZED_VM_TESTS)", \
		check-unit check-cmd check-vm) || status=1; \
	$(MAKE) --no-print-directory fuzz-smoke || status=1; \
	$(MAKE) --no-print-directory deb || status=1; \
	exit $$status
else
check-hardening: $(PROGS)
	@echo "check-hardening: SANITIZE=$(SANITIZE): every tier runs sanitized; no valgrind pass"
	$(Q)$(MAKE) --no-print-directory fuzz-smoke
endif

check-unit: $(UNIT_PROG)
	$(Q)$(abspath $(UNIT_PROG))

check-cmd: $(PROGS)
	$(Q)tests/cmd/run

# The tests at a terminal (tmux): the prompt, completion, history.  The
# hardening pass runs them on a readline build as well.
TERMINAL_CMD_TESTS := t011-interactive t018-completion t019-history
check-cmd-terminal: $(PROGS)
	$(Q)tests/cmd/run $(TERMINAL_CMD_TESTS)

# valgrind cannot check the heap of a static program: a static build's
# check is that of a dynamic one, built in build/dynamic.
ifeq ($(LINK_KIND),static)
check-valgrind:
	$(Q)$(call in_build,dynamic,LINK=dynamic,check-valgrind)
else
check-valgrind: $(PROGS)
	$(Q)tests/cmd/run --valgrind
endif

check-layout:
	$(Q)tools/check-circles

# With the build's flags (io/'s extra ones are harmless elsewhere).
check-analyze:
	$(Q)tools/check-analyze $(LIB_SRCS) $(IO_SRCS) $(HEALER_SRCS) -- \
		$(BASE_CPPFLAGS) $(CPPFLAGS) $(IO_CFLAGS) $(HEALER_CFLAGS) -pthread \
		-DLINE_EDITOR_NAME='"$(EDITOR_KIND)"' -DLINK_KIND='"$(LINK_KIND)"'

# Every tier again with ASan and UBSan, built in build/sanitized.
check-sanitized:
	$(Q)$(call in_build,sanitized,SANITIZE=$(SANITIZERS),check-unit check-cmd check-vm)

check-xfs: $(PROGS)
	$(Q)tests/xfs/check

check-vm: $(PROGS)
	$(Q)tests/vm/run $(VM_TESTS)

# Only the installed units under systemd in the guest (part of check-vm).
check-units: $(PROGS)
	$(Q)tests/vm/run --systemd

# Performance goals, each as a ratio against a reference measured in the
# same run (host rows, then one guest boot); not part of check.  One table,
# also written to tests/bench/results.md.
bench: deps
	$(Q)$(MAKE) --no-print-directory $(PROGS)
	$(Q)tests/bench/run

demo: deps
	$(Q)$(MAKE) --no-print-directory $(PROGS)
	$(Q)tests/vm/run --demo

deps:
	$(Q)tools/install-deps

# ---- Debian package --------------------------------------------------------
# `make deb`: the binary packages (debian/), built from a copy of the tree
# in build/deb/src (dpkg-buildpackage writes beside the source, and cleans
# it first), then lintian on them (errors and warnings fail), then their
# file list against `make install`'s (tools/check-deb).
DEB_DIR		:= build/deb
deb:
	$(Q)tools/make-deb $(DEB_DIR)

# ---- install ---------------------------------------------------------------
# systemd's own answer where it has one; units name the daemon by @SBINDIR@.
SYSTEMD_UNITDIR	?= $(or $(shell $(PKG_CONFIG) --variable=systemdsystemunitdir \
			systemd 2>/dev/null),/lib/systemd/system)
MANS		:= man8/xfs_health.8 $(wildcard man8/xfs_healthd.8)
# Prometheus alerting rules for the metrics (doc/monitoring.md).
RULES		:= monitoring/xfs_health.rules.yml
EXAMPLE_HOOKS	:= $(sort $(wildcard monitoring/hooks/*))

install: $(IO_PROG) $(HEALER_PROG)
	$(INSTALL) -d $(DESTDIR)$(SBINDIR) $(DESTDIR)$(MANDIR)/man8 \
		$(DESTDIR)$(SYSTEMD_UNITDIR) $(DESTDIR)$(DATADIR)
	$(INSTALL) -m 755 $(IO_PROG) $(DESTDIR)$(SBINDIR)/xfs_health
	$(INSTALL) -m 755 $(HEALER_PROG) $(DESTDIR)$(SBINDIR)/xfs_healthd
	$(INSTALL) -m 644 $(MANS) $(DESTDIR)$(MANDIR)/man8/
	$(INSTALL) -m 644 $(RULES) $(DESTDIR)$(DATADIR)/
	$(INSTALL) -d $(DESTDIR)$(DATADIR)/hooks
	$(INSTALL) -m 755 $(EXAMPLE_HOOKS) $(DESTDIR)$(DATADIR)/hooks/
	for u in $(UNITS); do \
		dst="$(DESTDIR)$(SYSTEMD_UNITDIR)/$${u##*/}"; \
		sed 's|@SBINDIR@|$(SBINDIR)|g' "$$u" >"$$dst" && \
		chmod 644 "$$dst" || exit 1; \
	done

uninstall:
	rm -f $(DESTDIR)$(SBINDIR)/xfs_health $(DESTDIR)$(SBINDIR)/xfs_healthd \
		$(addprefix $(DESTDIR)$(MANDIR)/man8/,$(notdir $(MANS))) \
		$(addprefix $(DESTDIR)$(SYSTEMD_UNITDIR)/,$(notdir $(UNITS))) \
		$(addprefix $(DESTDIR)$(DATADIR)/,$(notdir $(RULES))) \
		$(addprefix $(DESTDIR)$(DATADIR)/hooks/,$(notdir $(EXAMPLE_HOOKS)))
	-rmdir $(DESTDIR)$(DATADIR)/hooks 2>/dev/null
	-rmdir $(DESTDIR)$(DATADIR) 2>/dev/null

# In the tree: everything built here and in build/.  With O: that build.
clean:
	rm -f $(ALL_OBJS) $(ALL_OBJS:.o=.d) $(LIB) $(PROGS) $(UNIT_PROG) \
		$(B).build-flags $(B).link-kind $(ABI_EVENTS)
	rm -rf $(B)tests/cmd/out $(B)tests/xfs/results $(if $(B),,build tests/bench/build)

include tests/fuzz/fuzz.mk

-include $(ALL_OBJS:.o=.d)
