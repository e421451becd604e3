# rectrack — see README.md. 'make' builds ./rectrack; 'make check' runs
# every test; 'make SAN=1 check' runs them under ASan+UBSan.

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
DESTDIR ?=

CC ?= cc
PKG_CONFIG ?= pkg-config
PKGS = sqlite3 yaml-0.1 libutf8proc

CFLAGS ?= -O2 -g
WARN = -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
       -Wmissing-prototypes -Wformat=2
CPPFLAGS += -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L -Iinclude

ifeq ($(SAN),1)
  BUILD = build/san
  SANFLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer \
             -fno-sanitize-recover=all
else ifeq ($(FUZZ),1)
  # libFuzzer: the library instrumented, the targets linked with the fuzzer
  CC = clang
  BUILD = build/fuzz
  SANFLAGS = -fsanitize=fuzzer-no-link,address,undefined \
             -fno-omit-frame-pointer -fno-sanitize-recover=all
else
  BUILD = build/rel
  SANFLAGS =
endif

# draft's HTML reader (libxml2) and the report's spreadsheet (report
# --format xlsx: libxlsxwriter) are not linked but opened when first
# needed (src/dynlib.c), by the SONAME of the library the compiler would
# link (Debian's xlsxwriter.pc names a wrong libdir)
soname = $(shell objdump -p "$$($(CC) -print-file-name=$(1).so)" \
    2>/dev/null | awk '$$1 == "SONAME" { print $$2 }')
XML_SONAME := $(or $(call soname,libxml2),libxml2.so.2)
XLSX_SONAME := $(or $(call soname,libxlsxwriter),libxlsxwriter.so)
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS) libxml-2.0 2>/dev/null)
PKG_LIBS = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) -lm -ldl
XLSX_CFLAGS = $(shell $(PKG_CONFIG) --cflags xlsxwriter 2>/dev/null)
# the return forms' CSV reader (src/csvin.c): libcsv has no pkg-config file
CSV_LIBS = -lcsv
CMOCKA_CFLAGS = $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
CMOCKA_LIBS = $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)

ALL_CFLAGS = $(WARN) $(CFLAGS) $(SANFLAGS) -pthread $(CPPFLAGS) $(PKG_CFLAGS)
ALL_LDFLAGS = $(LDFLAGS) $(SANFLAGS) -pthread

LIB_SRC = src/arena.c src/buf.c src/idsort.c src/xmalloc.c src/diag.c src/db.c src/db-sql.c \
          src/date.c src/vocab.c src/strmap.c src/yamlin.c src/import.c \
          src/store.c src/escape.c src/output.c src/recview.c \
          src/emit.c src/export.c src/atomic.c src/search.c src/search-text.c \
          src/pretok.c src/cleanup.c src/schema.c src/options.c src/recload.c \
          src/record.c src/track.c src/derived.c
CMD_SRC = src/main.c src/cmd.c src/cmd-import.c src/cmd-check.c \
          src/cmd-list.c src/cmd-show.c src/cmd-status.c src/cmd-respond.c \
          src/cmd-set.c src/cmd-actions.c src/cmd-verify.c src/cmd-backup.c \
          src/cmd-export.c src/cmd-report.c src/report.c \
          src/report-markdown.c src/report-html.c src/report-csv.c \
          src/report-json.c src/report-xlsx.c \
          src/cmd-search.c src/cmd-overview.c src/cmd-completion.c \
          src/csvin.c src/cmd-returns.c \
          src/cmd-signoff.c \
          src/cmd-chase.c \
          src/cmd-retract.c \
          src/cmd-stage.c
LIB_SRC += src/export-patch.c
LIB_SRC += src/draft.c src/draft-text.c src/draft-find.c src/draft-html.c \
           src/dynlib.c
CMD_SRC += src/cmd-draft.c src/draft-csv.c
CMD_SRC += src/cmd-new.c
LIB_OBJ = $(LIB_SRC:src/%.c=$(BUILD)/%.o)
CMD_OBJ = $(CMD_SRC:src/%.c=$(BUILD)/%.o)

UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

BIN = $(BUILD)/rectrack

# make V=1 shows the full commands
ifeq ($(V),1)
  Q =
  say = @true
else
  Q = @
  say = @echo
endif

BENCH_BIN = build/rel/floor_parse build/rel/floor_insert build/rel/floor_sql
BENCH_N ?= 10000 100000 1000000
BENCH_RUNS ?= 3
BENCH_RUNS_LARGE ?= $(BENCH_RUNS)

FUZZ_TARGETS = fuzz_parse fuzz_import
FUZZ_BIN = $(FUZZ_TARGETS:%=build/fuzz/%)
FUZZ_SECONDS ?= 60

.PHONY: all deps run bench check faults guards check-valgrind check-browser fuzz fuzz-smoke fuzz-bins unit unit-bins e2e install uninstall clean rectrack

all: rectrack

# ./rectrack is the build of the current flavour (release, or SAN=1).
# Replaced by rename, and only when it differs: a test still running the
# old ./rectrack (check-valgrind runs it, and area-install's 'make install'
# comes back here meanwhile) keeps reading the file it opened; a copy
# written over it in place is what crashed valgrind's loader in CI.
rectrack: $(BIN)
	$(Q)cmp -s $(BIN) $@ || { cp $(BIN) $@.new && mv -f $@.new $@; }

$(BIN): $(LIB_OBJ) $(CMD_OBJ)
	$(say) "  LD      $@"
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS) $(CSV_LIBS)

$(BUILD)/report-xlsx.o: ALL_CFLAGS += $(XLSX_CFLAGS) \
    -DXLSX_SONAME='"$(XLSX_SONAME)"'
$(BUILD)/draft-html.o: ALL_CFLAGS += -DXML_SONAME='"$(XML_SONAME)"'

$(BUILD)/%.o: src/%.c $(wildcard include/*.h) | $(BUILD)
	$(say) "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(LIB_OBJ) tests/unit/unit.h | $(BUILD)/tests
	$(say) "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) -Itests/unit -o $@ $< \
	    $(UNIT_EXTRA) $(LIB_OBJ) $(ALL_LDFLAGS) $(PKG_LIBS) $(CMOCKA_LIBS)

# a unit test of a module outside the library names its objects and libraries
$(BUILD)/tests/test_csvin: $(BUILD)/csvin.o
$(BUILD)/tests/test_csvin: UNIT_EXTRA = $(BUILD)/csvin.o $(CSV_LIBS)

$(BUILD) $(BUILD)/tests:
	mkdir -p $@

# Installs the Debian packages the build and tests need (as root), or
# prints the command to run.
deps:
	@sh scripts/deps.sh

# Quick start 1: set up, build, import the bundled data, list a committee.
run: deps
	@$(MAKE) --no-print-directory rectrack
	./rectrack --db rectrack-demo.db import data/*/*.yaml
	./rectrack --db rectrack-demo.db --today 2026-11-22 list \
	    --committee "children's services"

# Quick start 2: set up, build and run every test.
check: deps
	@$(MAKE) --no-print-directory rectrack unit-bins
	@rc=0; $(MAKE) --no-print-directory -k -j$(JOBS) -Otarget unit e2e || rc=1; \
	    $(MAKE) --no-print-directory faults || rc=1; exit $$rc
	@echo "make check: all tests passed ($(if $(SAN),sanitizers,release) build)"

# The HTML report in a real browser (headless Chromium): printed to PDF,
# rendered, its DOM and network log checked. Installs chromium as root.
check-browser: rectrack
	@sh scripts/browser-deps.sh
	@sh tests/browser/run.sh ./rectrack

# The benchmark (not part of check): rectrack's import against libyaml's
# parse and SQLite's inserts of the same rows, and a Python peer; writes
# docs/performance.md. BENCH_N and BENCH_RUNS choose the sizes and runs.
$(BUILD)/floor_sql: tests/bench/sql.c $(LIB_OBJ)
	$(say) "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB_OBJ) $(ALL_LDFLAGS) $(PKG_LIBS)

build/rel/floor_%: tests/bench/floor_%.c $(LIB_OBJ)
	$(say) "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB_OBJ) $(ALL_LDFLAGS) $(PKG_LIBS)

bench: deps
	@sh scripts/deps.sh python3-yaml time jq
	@$(MAKE) --no-print-directory rectrack $(BENCH_BIN)
	@BENCH_RUNS_LARGE=$(BENCH_RUNS_LARGE) sh tests/bench/bench.sh "$(BENCH_N)" $(BENCH_RUNS)

# Fuzzing (clang's libFuzzer): 'make fuzz' runs each target for
# FUZZ_SECONDS on a corpus seeded from data/ and the fixtures; 'make
# fuzz-smoke' (CI) replays the saved corpus and runs each for 20 s.
fuzz-bins:
	@sh scripts/deps.sh clang libclang-rt-14-dev
	@$(MAKE) --no-print-directory FUZZ=1 $(FUZZ_BIN)

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(LIB_OBJ) | $(BUILD)
	$(say) "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -o $@ $< $(LIB_OBJ) \
	    $(ALL_LDFLAGS) -fsanitize=fuzzer $(PKG_LIBS)

fuzz: fuzz-bins
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz-smoke: fuzz-bins
	@sh tests/fuzz/run.sh 20 $(FUZZ_TARGETS)

unit-bins: $(UNIT_BIN)

unit: $(UNIT_BIN)
	@sh tests/run-unit.sh $(UNIT_BIN)

# The end-to-end tests by area: tests/cli/area-*.sh (what each command
# does, its output cases in tests/cli/cases/AREA/) and tests/cli/guard-*.sh
# (the hostile-use guards of docs/guarantees.md); each sources
# tests/cli/lib.sh, takes the binary as $$1 and runs alone from a fresh
# temporary directory. 'make e2e' runs them JOBS at a time (one target
# e2e-NAME each; -Otarget prints each one's output whole when it ends)
# and fails if any fails; 'make e2e-area-list' runs one.
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
E2E = $(sort $(wildcard tests/cli/area-*.sh tests/cli/guard-*.sh))
E2E_RUN = $(E2E:tests/cli/%.sh=e2e-%)
E2E_BIN ?= $(BIN)
.PHONY: $(E2E_RUN)
$(E2E_RUN): e2e-%: $(BIN)
	@sh tests/cli/$*.sh $(E2E_BIN)

# area-bench runs make bench's queries once: it needs their statements
e2e-area-bench: $(BUILD)/floor_sql
e2e-area-bench: export FLOOR_SQL = $(BUILD)/floor_sql

e2e: $(E2E_RUN)
guards: e2e

# Hostile input and faults: not under valgrind, and in 'make check' alone
# after the others, as it measures time and memory and kills processes at
# timed moments.
faults: $(BIN)
	@sh tests/cli/faults.sh $(BIN)

# The end-to-end tests with every invocation under valgrind: any error or
# leak fails the run (exit status 99).
VALGRIND = valgrind -q --error-exitcode=99 --leak-check=full \
    --errors-for-leak-kinds=definite,indirect,possible
check-valgrind: rectrack
	@sh scripts/deps.sh valgrind
	@RECTRACK_WRAP="$(VALGRIND)" $(MAKE) --no-print-directory -k -j$(JOBS) \
	    -Otarget E2E_BIN=./rectrack e2e

BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/site-functions

install: rectrack
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	install -m 755 rectrack $(DESTDIR)$(BINDIR)/rectrack
	install -m 644 docs/rectrack.1 $(DESTDIR)$(MANDIR)/man1/rectrack.1
	install -m 644 scripts/completion/rectrack.bash \
	    $(DESTDIR)$(BASHCOMPDIR)/rectrack
	install -m 644 scripts/completion/_rectrack $(DESTDIR)$(ZSHCOMPDIR)/_rectrack

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/rectrack $(DESTDIR)$(MANDIR)/man1/rectrack.1 \
	    $(DESTDIR)$(BASHCOMPDIR)/rectrack $(DESTDIR)$(ZSHCOMPDIR)/_rectrack

clean:
	rm -rf build rectrack rectrack.new rectrack-demo.db rectrack-demo.db-wal \
	    rectrack-demo.db-shm

-include $(LIB_OBJ:.o=.d) $(CMD_OBJ:.o=.d)
