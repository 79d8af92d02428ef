# tests/fuzz/fuzz.mk: libFuzzer targets, included by the top Makefile.
#
#   make fuzz          build, then run each target for FUZZ_TIME seconds
#                      (default 60), or FUZZ_RUNS inputs if that is set
#   make fuzz-smoke    the short pass CI runs (FUZZ_SMOKE_TIME, default 15 s
#                      a target)
#   make fuzz-build    only build tests/fuzz/build/fuzz_*
#   make fuzz-clean    remove the build and the scratch corpora
#
# Everything is built with clang into tests/fuzz/build/, apart from the
# gcc objects of the normal build.  The corpora the runs grow live in
# FUZZ_WORK, outside the tree; tests/fuzz/corpus/ only seeds them.

# The top Makefile's echo knobs, for a make -f of this file alone.
Q		?= @
quiet		?= @printf '  %-8s %s\n'

FUZZ_DIR	:= tests/fuzz
FUZZ_BUILD	:= $(FUZZ_DIR)/build
FUZZ_CC		?= clang
FUZZ_TIME	?= 60
FUZZ_RUNS	?=
FUZZ_SMOKE_TIME	?= 15
FUZZ_WORK	?= $(or $(TMPDIR),/tmp)/xfs_health-fuzz
FUZZ_TARGETS	:= event replay cmdline numbers repair ranges names

FUZZ_PKG_CONFIG	?= $(or $(PKG_CONFIG),pkg-config)
FUZZ_JSON_CFLAGS := $(shell $(FUZZ_PKG_CONFIG) --cflags json-c 2>/dev/null)
FUZZ_JSON_LIBS	:= $(shell $(FUZZ_PKG_CONFIG) --libs json-c 2>/dev/null || echo -ljson-c)

# UB aborts like a crash, so the fuzzer keeps the input.
FUZZ_SAN	:= -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_CFLAGS	:= -O1 -g -fno-omit-frame-pointer $(FUZZ_SAN) \
		   -Wall -Wextra -Wno-unused-parameter -pthread -MMD -MP \
		   -I$(CURDIR)/include -I$(CURDIR)/io -D_GNU_SOURCE \
		   -DXFS_HEALTH_VERSION='"fuzz"' $(FUZZ_JSON_CFLAGS)
# The code under test gets coverage feedback; only the targets get main().
FUZZ_LIB_CFLAGS	:= $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link
FUZZ_LDFLAGS	:= -fsanitize=fuzzer $(FUZZ_SAN) -pthread

FUZZ_LIB_OBJS	:= $(patsubst %.c,$(FUZZ_BUILD)/%.o,$(sort $(wildcard libhealth/*.c)))
# The shell without main() and the line editor; the targets stand in.
FUZZ_IO_OBJS	:= $(patsubst %.c,$(FUZZ_BUILD)/%.o,$(filter-out io/main.c io/input.c,\
			$(sort $(wildcard io/*.c))))
FUZZ_LIB	:= $(FUZZ_BUILD)/libhealth.a
FUZZ_IO_LIB	:= $(FUZZ_BUILD)/libio.a
FUZZ_PROGS	:= $(addprefix $(FUZZ_BUILD)/fuzz_,$(FUZZ_TARGETS))
FUZZ_UTIL	:= $(FUZZ_BUILD)/fuzz_util.o

.PHONY: fuzz fuzz-smoke fuzz-build fuzz-clean

$(FUZZ_BUILD)/libhealth/%.o: libhealth/%.c
	@mkdir -p $(@D)
	$(quiet) FUZZCC $@
	$(Q)$(FUZZ_CC) $(FUZZ_LIB_CFLAGS) -c -o $@ $<

$(FUZZ_BUILD)/io/%.o: io/%.c
	@mkdir -p $(@D)
	$(quiet) FUZZCC $@
	$(Q)$(FUZZ_CC) $(FUZZ_LIB_CFLAGS) -c -o $@ $<

# io/commands.c under another name: the cmdline target has its own table
# and checks it against this one.
$(FUZZ_BUILD)/io-command-table.o: io/commands.c
	@mkdir -p $(@D)
	$(quiet) FUZZCC $@
	$(Q)$(FUZZ_CC) $(FUZZ_LIB_CFLAGS) -Dcommand_table=io_command_table -c -o $@ $<

$(FUZZ_BUILD)/fuzz_%.o: $(FUZZ_DIR)/fuzz_%.c
	@mkdir -p $(@D)
	$(quiet) FUZZCC $@
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<

$(FUZZ_LIB): $(FUZZ_LIB_OBJS)
	$(quiet) AR $@
	$(Q)rm -f $@ && $(AR) rcs $@ $^

$(FUZZ_IO_LIB): $(FUZZ_IO_OBJS)
	$(quiet) AR $@
	$(Q)rm -f $@ && $(AR) rcs $@ $^

$(FUZZ_BUILD)/fuzz_cmdline: $(FUZZ_BUILD)/io-command-table.o
$(FUZZ_BUILD)/fuzz_replay $(FUZZ_BUILD)/fuzz_cmdline \
$(FUZZ_BUILD)/fuzz_numbers: $(FUZZ_IO_LIB)

$(FUZZ_PROGS): $(FUZZ_BUILD)/fuzz_%: $(FUZZ_BUILD)/fuzz_%.o $(FUZZ_UTIL) $(FUZZ_LIB)
	$(quiet) LD $@
	$(Q)$(FUZZ_CC) $(FUZZ_LDFLAGS) -o $@ $(filter %.o,$^) \
		$(filter %/libio.a,$^) $(FUZZ_LIB) $(FUZZ_JSON_LIBS)

fuzz-build: $(FUZZ_PROGS)

fuzz: fuzz-build
	$(Q)$(FUZZ_DIR)/run --build $(FUZZ_BUILD) --work $(FUZZ_WORK) \
		--time $(FUZZ_TIME) $(if $(FUZZ_RUNS),--runs $(FUZZ_RUNS)) \
		$(FUZZ_TARGETS)

fuzz-smoke: fuzz-build
	$(Q)$(FUZZ_DIR)/run --build $(FUZZ_BUILD) --work $(FUZZ_WORK) \
		--time $(FUZZ_SMOKE_TIME) $(FUZZ_TARGETS)

fuzz-clean:
	rm -rf $(FUZZ_BUILD) $(FUZZ_WORK)

-include $(wildcard $(FUZZ_BUILD)/*.d $(FUZZ_BUILD)/*/*.d)
