# stallcheck: a plain Makefile. `make`, `make test`, `make asan`, `make run`,
# `make install PREFIX=... DESTDIR=...`, `make bench`, `make fuzz`.

VERSION   := 0.1.0
# The binary finds share/stallcheck from its own place (bin/../share), so one
# build installs under any PREFIX; DATADIR is only the fallback compiled in.
PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
DATADIR   ?= $(PREFIX)/share/stallcheck
MANDIR    ?= $(PREFIX)/share/man
LOCALEDIR ?= $(PREFIX)/share/locale
DOCDIR    ?= $(PREFIX)/share/doc/stallcheck
COMPDIR   ?= $(PREFIX)/share/bash-completion/completions
CC        ?= cc
PKG       := ncursesw sqlite3 libsodium xlsxwriter icu-uc icu-i18n vips
CALLER_CFLAGS := $(CFLAGS)
# SAN=1: AddressSanitizer + UndefinedBehaviorSanitizer, in its own build dir
ifeq ($(SAN),1)
B         ?= build/asan
OPT       ?= -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
else ifeq ($(BENCH),1)
B         ?= build/bench
OPT       ?= -O2 -g -DNDEBUG
else
B         ?= build
# a caller's own -O (DEB_BUILD_OPTIONS=noopt gives -O0) is not overridden
OPT       ?= $(if $(filter -O%,$(CALLER_CFLAGS)),,-O2) -g
endif
WARN      := -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
             -Wformat=2 -Werror -Wno-format-truncation
# (truncating messages into fixed buffers is intended: snprintf everywhere)
PKG_CFLAGS = $(shell pkg-config --cflags $(PKG) 2>/dev/null)
# libvips, ICU and libxlsxwriter are opened when first needed (core/photo.c,
# core/icu.c, core/report_xlsx.c), not linked
PKG_LIBS   = $(shell pkg-config --libs $(filter-out vips icu-uc icu-i18n xlsxwriter,$(PKG)) 2>/dev/null)
ifeq ($(SAN),1)
# LeakSanitizer's exit check crashes ("Tracer caught signal 11") walking the
# threads of a libvips opened by dlopen; linked from the start it does not.
# Only the sanitizer build links it (tests/e2e/startup_libs.sh knows).
PKG_LIBS  += -Wl,--no-as-needed $(shell pkg-config --libs vips 2>/dev/null) -Wl,--as-needed
endif
# override: CFLAGS, CPPFLAGS and LDFLAGS given by the caller (dpkg-buildflags
# hardening, on the command line or in the environment) come first, ours follow
override CPPFLAGS += -D_GNU_SOURCE -I. -I/usr/include/iniparser \
             -DSC_VERSION='"$(VERSION)"' -DSC_DATADIR='"$(DATADIR)"'
override CFLAGS   += $(OPT) $(WARN) $(PKG_CFLAGS) -MMD -MP
LDLIBS    += $(PKG_LIBS) -liniparser -lm
# --as-needed: a library nothing of ours calls is not loaded at every start
# (many toolchains default to it, not all)
override LDFLAGS  += -Wl,--as-needed $(filter -fsanitize=%,$(OPT))

LIB_SRC   := $(wildcard core/*.c config/*.c tui/*.c) $(filter-out cli/main.c,$(wildcard cli/*.c))
# the message catalogues, compiled from po/ into the program (docs/i18n.md)
I18N_OBJ  := $(B)/obj/gen/i18n_tables.o
LIB_OBJ   := $(LIB_SRC:%.c=$(B)/obj/%.o) $(I18N_OBJ)
MAIN_OBJ  := $(B)/obj/cli/main.o
BIN       := $(B)/stallcheck
LIB       := $(B)/libstallcheck.a
TEST_SRC  := $(wildcard tests/test_*.c)
TEST_BIN  := $(TEST_SRC:tests/%.c=$(B)/tests/%)
TEST_HELP := $(B)/obj/tests/testutil.o $(B)/obj/tests/powerloss.o

.SECONDARY:
.PHONY: all run test asan check unit e2e deps install uninstall clean bench fuzz po

all: $(BIN)

$(B)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

# po/zh_CN.po -> .mo (msgfmt checks every c-format against its msgid) ->
# bytes in a C file that core/i18n.c searches: no locale needed at run time.
$(B)/po/%.mo: po/%.po
	@mkdir -p $(dir $@)
	@echo "  MSGFMT  $<"
	@msgfmt --check -o $@ $<

$(B)/gen/i18n_tables.c: $(B)/po/zh_CN.mo scripts/mo2c.awk
	@mkdir -p $(dir $@)
	@{ echo '#include "core/checklist.h"'; \
	   od -An -v -tx1 $(B)/po/zh_CN.mo | awk -v name=mo_zh_CN -f scripts/mo2c.awk; \
	   echo 'const unsigned char *const i18n_mo[LANG_COUNT] = { [LANG_ZH] = mo_zh_CN };'; \
	   echo 'const unsigned int i18n_mo_len[LANG_COUNT] = { [LANG_ZH] = sizeof mo_zh_CN };'; \
	 } >$@.tmp && mv $@.tmp $@

$(I18N_OBJ): $(B)/gen/i18n_tables.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

# Refresh po/stallcheck.pot from the sources and merge it into each .po
# (then translate the new entries: docs/i18n.md).
po:
	scripts/po-extract.sh po/stallcheck.pot
	msgmerge --quiet --update --backup=none --no-wrap --no-fuzzy-matching --add-location=file po/zh_CN.po po/stallcheck.pot

$(LIB): $(LIB_OBJ)
	@rm -f $@
	@ar rcs $@ $^

$(BIN): $(MAIN_OBJ) $(LIB)
	@echo "  LD      $@"
	@$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(B)/tests/%: $(B)/obj/tests/%.o $(TEST_HELP) $(LIB)
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	@$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS) $(shell pkg-config --libs cmocka 2>/dev/null)

# test_photo draws its JPEG fixtures with libvips itself
$(B)/tests/test_photo: LDLIBS += $(shell pkg-config --libs vips 2>/dev/null)

# Missing Debian packages: installed when root, else the apt-get line is printed.
deps:
	@scripts/deps.sh

# Opens the program on the default checklist, database in the user's data dir
# (the binary finds config/ from its own place).
run: deps $(BIN)
	$(BIN)

# The whole suite, plain and then under ASan+UBSan.
# It ends with the summary of the ASan+UBSan run; make stops at a failure.
test: deps
	$(MAKE) check
	@echo "make test: plain build passed; now the same suites under ASan+UBSan"
	$(MAKE) SAN=1 check

asan: deps
	$(MAKE) SAN=1 check

check: $(BIN) $(TEST_BIN)
	@scripts/run-tests.sh $(B)

# What install puts where; uninstall removes exactly these files.
TEMPLATES := $(notdir $(wildcard config/templates/*.ini))
REPORTS   := $(notdir $(wildcard config/report/*.html config/report/*.css))
DOCS      := README.md $(wildcard docs/*.md)
INSTALLED := $(BINDIR)/stallcheck $(DATADIR)/stallcheck.ini \
             $(TEMPLATES:%=$(DATADIR)/templates/%) $(REPORTS:%=$(DATADIR)/report/%) \
             $(MANDIR)/man1/stallcheck.1 \
             $(MANDIR)/zh_CN/man1/stallcheck.1 $(LOCALEDIR)/zh_CN/LC_MESSAGES/stallcheck.mo \
             $(addprefix $(DOCDIR)/,$(notdir $(DOCS))) $(COMPDIR)/stallcheck

# The catalogue is compiled into the binary; the .mo goes to share/locale
# too, for the gettext tools and translators' checks.
install: $(BIN) $(B)/po/zh_CN.mo
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/templates $(DESTDIR)$(DATADIR)/report \
		$(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/zh_CN/man1 $(DESTDIR)$(LOCALEDIR)/zh_CN/LC_MESSAGES \
		$(DESTDIR)$(DOCDIR) $(DESTDIR)$(COMPDIR)
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/stallcheck
	install -m 644 config/stallcheck.ini $(DESTDIR)$(DATADIR)/stallcheck.ini
	install -m 644 $(TEMPLATES:%=config/templates/%) $(DESTDIR)$(DATADIR)/templates/
	install -m 644 $(REPORTS:%=config/report/%) $(DESTDIR)$(DATADIR)/report/
	install -m 644 man/stallcheck.1 $(DESTDIR)$(MANDIR)/man1/stallcheck.1
	install -m 644 man/zh_CN/stallcheck.1 $(DESTDIR)$(MANDIR)/zh_CN/man1/stallcheck.1
	install -m 644 $(B)/po/zh_CN.mo $(DESTDIR)$(LOCALEDIR)/zh_CN/LC_MESSAGES/stallcheck.mo
	install -m 644 $(DOCS) $(DESTDIR)$(DOCDIR)/
	install -m 644 completion/stallcheck.bash $(DESTDIR)$(COMPDIR)/stallcheck

# The directories that are stallcheck's own go too once empty; shared ones stay.
uninstall:
	rm -f $(addprefix $(DESTDIR),$(INSTALLED))
	-rmdir $(DESTDIR)$(DATADIR)/templates $(DESTDIR)$(DATADIR)/report $(DESTDIR)$(DATADIR) \
		$(DESTDIR)$(DOCDIR) 2>/dev/null

bench: deps
	$(MAKE) BENCH=1 all
	@scripts/bench.sh build/bench

fuzz: deps
	@scripts/fuzz.sh

clean:
	rm -rf build

-include $(shell find build -name '*.d' 2>/dev/null)
