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
# What a program linking libgort needs besides it: libdw symbolizes tracebacks.
LIBS    := -ldw -lelf -lpthread

WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
# The library keeps frame pointers: recover's caller check and the crash traceback read them.
# DWARF 4, for the assembly files too: libdw 0.188 loses the line tables of Clang's DWARF 5
# objects once their .text is renamed to gort_text (below), and one such unit among the
# library's can hide the others' (the library's frames then print unsymbolized).
LIBFLAGS := -std=gnu11 $(OPT) -g -gdwarf-4 $(WARN) -fPIC -fno-omit-frame-pointer -fvisibility=hidden \
            -Iinclude -Isrc $(SAN) $(EXTRA_CFLAGS)

SRCS := src/g.c src/defer.c src/panic.c src/longjmp.c src/value.c src/crash.c src/dump.c \
        src/traceback.c src/unwind.c src/symbolize.c src/symchild.c src/symheap.c \
        src/trace.c src/trace_read.c src/trace_export.c src/trace_html.c \
        src/trace_sym.c src/trace_model.c \
        src/signal.c src/bounds.c src/arch/x86_64/sigctx.c \
        src/sched.c src/stack.c src/sync.c src/gtrace.c src/chan.c src/select.c
ASRCS := src/arch/x86_64/defercall.S src/arch/x86_64/setjmp.S src/arch/x86_64/sigpanic.S \
         src/arch/x86_64/switch.S
OBJS := $(SRCS:src/%.c=$(BUILD)/obj/%.o) $(ASRCS:src/%.S=$(BUILD)/obj/%.o)

.PHONY: all lib tools demo check bench install clean build-deps
all: lib tools
lib: $(BUILD)/libgort.a $(BUILD)/libgort.so
tools: $(BUILD)/gort-trace

# All of the library's code goes into one section, gort_text: the linker then defines
# __start_gort_text/__stop_gort_text, by which the signal handler tells a fault inside gort
# from one in the program (src/signal.c). LTO objects hold no code yet (and objcopy refuses
# them): with LTO only the assembly files' code is marked.
OBJCOPY ?= objcopy
GORT_TEXT := $(foreach s,.text .text.unlikely .text.hot .text.startup .text.exit,\
               --rename-section $(s)=gort_text)
RENAME_C_TEXT := $(if $(findstring -flto,$(OPT) $(SAN) $(EXTRA_CFLAGS)),@true,$(OBJCOPY) $(GORT_TEXT))

$(BUILD)/obj/%.o: src/%.c include/gort.h include/gort/trace.h include/gort/sched.h \
                  include/gort/chan.h src/internal.h src/sigctx.h src/trace_format.h \
                  src/trace_model.h src/gsched.h src/hchan.h
	@mkdir -p $(dir $@)
	$(CC) $(LIBFLAGS) -c $< -o $@
	$(RENAME_C_TEXT) $@

$(BUILD)/obj/%.o: src/%.S Makefile
	@mkdir -p $(dir $@)
	$(CC) -g -gdwarf-4 $(SAN) -c $< -o $@
	$(OBJCOPY) $(GORT_TEXT) $@

$(BUILD)/libgort.a: $(OBJS)
	rm -f $@
	$(AR) rcs $@ $(OBJS)

$(BUILD)/libgort.so: $(OBJS) src/gort_text.map
	$(CC) -shared -Wl,-soname,$(SONAME) -Wl,--version-script=src/gort_text.map $(SAN) -o $@ $(OBJS) $(LIBS)

# The trace exporter (tools/gort-trace.c); linked statically with libgort so it runs from the
# build tree.
$(BUILD)/gort-trace: tools/gort-trace.c $(BUILD)/libgort.a include/gort/trace.h
	$(CC) -std=gnu11 $(OPT) -g $(WARN) -Iinclude $(SAN) $< $(BUILD)/libgort.a $(LIBS) -o $@

# A fresh machine may lack elfutils' headers: the demo target installs them first.
build-deps:
	@CC="$(CC)" ./tools/build-deps.sh

demo: build-deps
	$(MAKE) --no-print-directory $(BUILD)/libgort.a
	$(CC) -std=gnu11 $(OPT) -g $(WARN) -Iinclude examples/demo.c $(BUILD)/libgort.a $(LIBS) -o $(BUILD)/demo
	@status=0; ./$(BUILD)/demo || status=$$?; \
	if [ $$status -eq 2 ]; then echo "demo: exit status 2 after its unrecovered panic, as a Go program"; \
	else echo "demo: unexpected exit status $$status"; exit 1; fi

check:
	./tests/run-all.sh

bench:
	./bench/run.sh

install: $(BUILD)/libgort.a $(BUILD)/libgort.so $(BUILD)/gort-trace
	./tools/install.sh "$(DESTDIR)" "$(PREFIX)" "$(LIBDIR)" "$(INCDIR)" "$(BUILD)" "$(VERSION)" "$(SONAME)"

clean:
	rm -rf build
