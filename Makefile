# gort — build, test, install.
#
#   make            static and shared libraries in $(BUILD) (default build/)
#   make demo       builds and runs examples/demo.c
#   make check      installs missing toolchains (apt-get) and runs the whole test suite
#   make bench      runs the benchmarks and writes bench/results/latest.md
#   make install    PREFIX=/usr/local DESTDIR= : headers, libraries, pkg-config, CMake package
#
# Variables: CC, OPT (-O2), SAN (extra flags such as -fsanitize=address,undefined), BUILD.

CC      ?= cc
OPT     ?= -O2
SAN     ?=
BUILD   ?= build
PREFIX  ?= /usr/local
LIBDIR  ?= $(PREFIX)/lib
INCDIR  ?= $(PREFIX)/include

VERSION := 0.1.0
SONAME  := libgort.so.0

WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
# The library keeps frame pointers: recover's caller check and the crash traceback read them.
LIBFLAGS := -std=gnu11 $(OPT) -g $(WARN) -fPIC -fno-omit-frame-pointer -fvisibility=hidden \
            -Iinclude -Isrc $(SAN) $(EXTRA_CFLAGS)

SRCS := src/g.c src/defer.c src/panic.c src/value.c src/crash.c src/sched.c src/stack.c src/sync.c \
        src/gtrace.c src/chan.c src/select.c
ASRCS := src/arch/x86_64/defercall.S src/arch/x86_64/setjmp.S src/arch/x86_64/switch.S
OBJS := $(SRCS:src/%.c=$(BUILD)/obj/%.o) $(ASRCS:src/%.S=$(BUILD)/obj/%.o)

.PHONY: all lib demo check bench install clean
all lib: $(BUILD)/libgort.a $(BUILD)/libgort.so

$(BUILD)/obj/%.o: src/%.c include/gort.h include/gort/sched.h include/gort/chan.h src/internal.h \
                   src/gsched.h src/hchan.h
	@mkdir -p $(dir $@)
	$(CC) $(LIBFLAGS) -c $< -o $@

$(BUILD)/obj/%.o: src/%.S
	@mkdir -p $(dir $@)
	$(CC) -g $(SAN) -c $< -o $@

$(BUILD)/libgort.a: $(OBJS)
	rm -f $@
	$(AR) rcs $@ $(OBJS)

$(BUILD)/libgort.so: $(OBJS)
	$(CC) -shared -Wl,-soname,$(SONAME) $(SAN) -o $@ $(OBJS) -lpthread

demo: $(BUILD)/libgort.a
	$(CC) -std=gnu11 $(OPT) -g $(WARN) -Iinclude examples/demo.c $(BUILD)/libgort.a -lpthread -o $(BUILD)/demo
	@status=0; ./$(BUILD)/demo || status=$$?; \
	if [ $$status -eq 2 ]; then echo "demo: exit status 2 after its unrecovered panic, as a Go program"; \
	else echo "demo: unexpected exit status $$status"; exit 1; fi

check:
	./tests/run-all.sh

bench:
	./bench/run.sh

install: $(BUILD)/libgort.a $(BUILD)/libgort.so
	./tools/install.sh "$(DESTDIR)" "$(PREFIX)" "$(LIBDIR)" "$(INCDIR)" "$(BUILD)" "$(VERSION)" "$(SONAME)"

clean:
	rm -rf build
