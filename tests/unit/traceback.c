/*
 * traceback.c — stack traces (src/traceback.c, src/dump.c):
 *   - the pure parts: which frames print at each GOTRACEBACK level (runtime frames hidden, a
 *     run of panic entries collapsed to the one the user called, frames below main hidden,
 *     the newest panic's entry cut), Go's elision text for deep stacks, level names;
 *   - in forked children: the report after a corrupted heap (symbolized, exit 2, no hang), the
 *     crash output file, the panic hook, go_panic_stack from a recovering handler, an
 *     always_inline function expanded as an inlined frame, a trace started from a signal
 *     context, GOTRACEBACK=all listing another thread's frames.
 *
 * The heap-corruption case is skipped under the sanitizers: ASan reports the corrupting write
 * itself (which is its job), TSan's allocator does not keep glibc's chunk headers. The
 * signal-context case is skipped under TSan, which postpones a signal's delivery to its own
 * interceptors and hands the handler their context (and reports the symbolizing child's
 * allocations as signal-unsafe, though the child is another process). The inlined-frame case
 * runs under LTO too (docs/traceback.md, known limits: how GCC's LTO units are read).
 */
#include "check.h"

#include "../../src/internal.h"

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <time.h>
#include <ucontext.h>

#if defined(__SANITIZE_THREAD__)
#define UNIT_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define UNIT_TSAN 1
#endif
#endif

/* ---- pure: filter ---------------------------------------------------------------------- */

static gort__lframe fr(const char *name, unsigned flags)
{
    gort__lframe f = {0};
    f.name = name;
    f.file = "/x.c";
    f.line = 1;
    f.flags = flags;
    f.off = 0x10;
    return f;
}

enum { R = GORT__LF_RUNTIME, PUB = GORT__LF_PUBLIC, P = GORT__LF_PANIC, B = GORT__LF_BOTTOM };

static void names(const gort__lframe *f, int n, char *out, size_t size)
{
    out[0] = 0;
    for (int i = 0; i < n; i++) {
        strncat(out, f[i].name, size - strlen(out) - 2);
        if (i + 1 < n)
            strncat(out, " ", size - strlen(out) - 1);
    }
}

static void test_filter(void)
{
    char got[512];
    /* A fatal panic raised in a deferred call that runs during an older panic. */
    gort__lframe a[] = {
        fr("go_panic_value", R | PUB | P), fr("go_panic_str", R | PUB | P), fr("handler", 0),
        fr("gort__defercall", R), fr("panic_loop", R), fr("go_panic_value", R | PUB | P),
        fr("go_panicf", R | PUB | P), fr("f", 0), fr("main", 0), fr("__libc_start_call_main", R | B),
        fr("_start", R | B),
    };
    int n = gort__tb_filter(a, 11, GORT__TB_SINGLE, true);
    names(a, n, got, sizeof got);
    CHECK_STR(got, "handler go_panicf f main");
    ok("filter: single level hides runtime frames, cuts the newest panic, keeps the user's entry");

    gort__lframe b[] = {fr("go_stack", R | PUB), fr("gort__x", R), fr("go_goexit", R | PUB),
                        fr("g", 0), fr("start_thread", R | B)};
    n = gort__tb_filter(b, 5, GORT__TB_ALL, false);
    names(b, n, got, sizeof got);
    CHECK_STR(got, "go_stack go_goexit g");
    ok("filter: public entry points show as Go's exported runtime functions");

    gort__lframe c[] = {fr("go_panic_value", R | PUB | P), fr("go_panic_str", R | PUB | P),
                        fr("f", 0), fr("main", 0), fr("_start", R | B)};
    n = gort__tb_filter(c, 5, GORT__TB_SYSTEM, true);
    names(c, n, got, sizeof got);
    CHECK_STR(got, "go_panic_value go_panic_str f main _start");
    ok("filter: system level shows every frame");
}

/* ---- pure: elision ---------------------------------------------------------------------- */

static int count(const char *s, const char *sub)
{
    int n = 0;
    for (const char *p = s; (p = strstr(p, sub)) != NULL; p++)
        n++;
    return n;
}

static void test_elision(void)
{
    static gort__lframe f[300];
    static char buf[1 << 16];
    static char name[300][16];
    for (int i = 0; i < 300; i++) {
        snprintf(name[i], sizeof name[i], "f%d", i);
        f[i] = fr(name[i], 0);
    }
    gort__w w = {buf, sizeof buf, 0, -1};
    gort__tb_print_frames(&w, f, 100, NULL, 0, 0, false);
    buf[w.len] = 0;
    CHECK(count(buf, "(...)\n") == 100 && !strstr(buf, "elided"), "%s", buf);
    ok("elision: 100 frames print whole");

    w.len = 0;
    gort__tb_print_frames(&w, f, 132, NULL, 0, 0, false);
    buf[w.len] = 0;
    CHECK(count(buf, "(...)\n") == 100, "%d frames", count(buf, "(...)\n"));
    CHECK(strstr(buf, "\tf49() ") == NULL && strstr(buf, "f49(...)\n\t/x.c:1 +0x10\n...32 frames elided...\nf82(...)\n"),
          "%s", buf);
    ok("elision: 132 frames print 50, \"...32 frames elided...\", the last 50");

    /* Head and tail of a capture whose ring wrapped: 60 + (1000 never stored) + 60. */
    w.len = 0;
    gort__tb_print_frames(&w, f, 60, f + 200, 60, 1000, false);
    buf[w.len] = 0;
    CHECK(strstr(buf, "f49(...)\n\t/x.c:1 +0x10\n...1020 frames elided...\nf210(...)\n") &&
              count(buf, "(...)\n") == 100,
          "%s", buf);
    ok("elision: frames never stored count in the elided number");

    gort__lframe in = fr("inl", GORT__LF_INLINED), raw = {0};
    raw.module = "/lib/x.so";
    raw.modoff = 0x1234;
    raw.off = (uintptr_t)-1;
    w.len = 0;
    gort__tb_print_frames(&w, &in, 1, &raw, 1, 0, false);
    buf[w.len] = 0;
    CHECK_STR(buf, "inl(...)\n\t/x.c:1\n?(...)\n\t/lib/x.so+0x1234\n");
    ok("format: inlined frames have no offset; unknown code prints module+offset");
}

static void test_levels(void)
{
    CHECK(gort__traceback_parse("none") == GORT__TB_NONE, "none");
    CHECK(gort__traceback_parse("") == GORT__TB_SINGLE, "empty");
    CHECK(gort__traceback_parse("single") == GORT__TB_SINGLE, "single");
    CHECK(gort__traceback_parse("all") == GORT__TB_ALL, "all");
    CHECK(gort__traceback_parse("system") == GORT__TB_SYSTEM, "system");
    CHECK(gort__traceback_parse("crash") == GORT__TB_CRASH, "crash");
    CHECK(gort__traceback_parse("0") == GORT__TB_NONE && gort__traceback_parse("1") == GORT__TB_ALL &&
              gort__traceback_parse("2") == GORT__TB_SYSTEM,
          "numbers");
    CHECK(gort__traceback_parse("loud") == -1 && go_set_traceback("loud") == -1, "unknown");
    ok("GOTRACEBACK: Go's names and numbers; unknown levels are refused");
}

/* ---- children ----------------------------------------------------------------------------- */

static void expect_panic_report(const char *name, const struct death *d, const char *value)
{
    CHECK(WIFEXITED(d->status) && WEXITSTATUS(d->status) == 2, "%s: status %d\n%s", name,
          d->status, d->err);
    CHECK(strncmp(d->err, value, strlen(value)) == 0 && strstr(d->err, "\n\ngoroutine 1 [running]:\n"),
          "%s: stderr:\n%s", name, d->err);
}

#ifndef UNIT_SANITIZER
static __attribute__((noinline)) void after_corruption(void) { go_panic_str("heap"); }

static void heap_child(void *u)
{
    (void)u;
    /* Wreck glibc's heap: chunks freed to the tcache get garbage links, and the header of
     * the top chunk after a live block is overwritten. Any malloc of those sizes now aborts
     * or faults. */
    char *live = malloc(64);
    for (int size = 16; size <= 1024; size *= 2) {
        char *volatile p = malloc((size_t)size);
        uintptr_t addr = (uintptr_t)p; /* kept as a number: the write below is deliberate */
        free(p);
        memset((void *)addr, 0x41, 16); /* use after free: the tcache link and key */
    }
    uintptr_t past = (uintptr_t)live + 64;
    memset((void *)past, 0xff, 64); /* overflow into the next chunk's header */
    after_corruption();
}

static void test_heap_corruption(void)
{
    struct death d;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    run_death(heap_child, NULL, &d);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    expect_panic_report("heap corruption", &d, "panic: heap\n");
    CHECK(strstr(d.err, "(...)\n\t"), "no frames:\n%s", d.err);
    CHECK(t1.tv_sec - t0.tv_sec < 20, "took %ld s", (long)(t1.tv_sec - t0.tv_sec));
    /* The symbolizing child allocates from a heap of its own (symheap.c), not the wrecked one. */
    CHECK(strstr(d.err, "after_corruption(...)\n\t/"), "frames not symbolized:\n%s", d.err);
    ok("heap corruption: the report prints, symbolized");
}
#endif

static char outpath[] = "/tmp/gort-crash-outXXXXXX";

static __attribute__((noinline)) void crash_out_f(void) { go_panic_str("to the file"); }

static void crash_output_child(void *u)
{
    (void)u;
    CHECK(go_set_crash_output_path(outpath) == 0, "open");
    crash_out_f();
}

static void test_crash_output(void)
{
    int fd = mkstemp(outpath);
    CHECK(fd >= 0, "mkstemp");
    close(fd);
    struct death d;
    run_death(crash_output_child, NULL, &d);
    expect_panic_report("crash output", &d, "panic: to the file\n");
    static char file[16384];
    fd = open(outpath, O_RDONLY);
    read_all(fd, file, sizeof file);
    close(fd);
    unlink(outpath);
    CHECK_STR(file, d.err);
    CHECK(strstr(file, "crash_out_f(...)"), "%s", file);
    ok("crash output: the report goes to stderr and, byte for byte, to the file");
}

static void hook(go_any v, const char *stack)
{
    char buf[64];
    fprintf(stderr, "hook: %s\n%s", go_any_format(v, buf, sizeof buf), stack);
}

static __attribute__((noinline)) void hooked_f(void) { go_panic_int(42); }

static void hook_child(void *u)
{
    (void)u;
    CHECK(go_set_panic_hook(hook) == NULL, "no hook before");
    hooked_f();
}

static void test_hook(void)
{
    struct death d;
    run_death(hook_child, NULL, &d);
    CHECK(WIFEXITED(d.status) && WEXITSTATUS(d.status) == 2, "status %d", d.status);
    CHECK(strncmp(d.err, "hook: 42\ngoroutine 1 [running]:\nhooked_f(...)\n\t", 47) == 0, "%s", d.err);
    char *report = strstr(d.err, "panic: 42\n");
    CHECK(report && strstr(report, "hooked_f(...)"), "%s", d.err);
    ok("panic hook: called with the value and the stack before the report");
}

static char panic_stack[8192], full_stack[8192];

static void recover_and_record(void *u)
{
    (void)u;
    go_any r = go_recover();
    CHECK(!go_is_nil(r), "recovered");
    go_panic_stack(panic_stack, sizeof panic_stack);
    go_stack(full_stack, sizeof full_stack);
}

static __attribute__((noinline)) void panics_here(void) { go_panicf("at %d", 3); }

static __attribute__((noinline)) void recovers(void)
{
    go_frame_void();
    go_defer(recover_and_record, NULL);
    panics_here();
    __asm__ volatile("" ::: "memory");
}

static __attribute__((noinline)) void test_panic_stack(void)
{
    char empty[8] = "x";
    CHECK(go_panic_stack(empty, sizeof empty) == 0 && empty[0] == 0, "not panicking");
    recovers();
    CHECK(strncmp(panic_stack, "goroutine 1 [running]:\npanics_here(...)\n\t", 41) == 0, "%s",
          panic_stack);
    char *r = strstr(panic_stack, "recovers(...)");
    CHECK(r && strstr(r, "test_panic_stack(...)") && strstr(r, "main(...)"), "%s", panic_stack);
    CHECK(strncmp(full_stack, "goroutine 1 [running]:\ngo_stack(...)\n\t", 38) == 0, "%s", full_stack);
    char *h = strstr(full_stack, "recover_and_record(...)");
    char *p = h ? strstr(h, "go_panicf(...)") : NULL;
    CHECK(p && strstr(p, "panics_here(...)"), "%s", full_stack);
    ok("go_panic_stack: where the panic started; go_stack: handler, panic entry, panicking frames");
}

static __attribute__((noinline)) void inl_outer(void);
static inline __attribute__((always_inline)) void inl_helper(void) { go_panic_str("inlined"); }
static __attribute__((noinline)) void inl_outer(void)
{
    inl_helper();
    __asm__ volatile("" ::: "memory");
}

static void inline_child(void *u)
{
    (void)u;
    inl_outer();
}

static void test_inline(void)
{
    struct death d;
    run_death(inline_child, NULL, &d);
    expect_panic_report("inline", &d, "panic: inlined\n");
    char *h = strstr(d.err, "\ninl_helper(...)\n\t");
    CHECK(h, "%s", d.err);
    char *end = strchr(h + 18, '\n');
    CHECK(end && strstr(h, "\ninl_outer(...)\n\t") == end, "%s", d.err);
    CHECK(memmem(h, (size_t)(end - h), " +0x", 4) == NULL, "inlined frame with an offset:\n%s", d.err);
    ok("inlined frames: an always_inline function prints as its own frame, without offset");
}

/* A trace started from a signal context, as the signal handlers of the runtime use it. */
static char sig_text[8192];
static void on_usr1(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    (void)si;
    static gort__trace t;
    gort__traceback_capture_uc(&t, uc);
    gort__w w = {sig_text, sizeof sig_text, 0, -1};
    gort__traceback_print(&w, &t, GORT__TB_SINGLE, false);
    sig_text[w.len] = 0;
}

static __attribute__((noinline)) void interrupted_here(void)
{
    raise(SIGUSR1);
    __asm__ volatile("" ::: "memory");
}

static __attribute__((noinline)) void test_signal_context(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_usr1;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);
    interrupted_here();
    char *p = strstr(sig_text, "interrupted_here(...)\n\t");
    CHECK(p && strstr(p, "test_signal_context(...)") && !strstr(sig_text, "on_usr1"), "%s", sig_text);
    ok("signal context: the trace starts at the interrupted frame, not in the handler");

    /* A context that is not the current signal's: the frame-pointer walk. */
    ucontext_t uc;
    getcontext(&uc);
    static gort__trace t;
    gort__traceback_capture_uc(&t, &uc);
    CHECK(t.total >= 1 && t.exact0 && t.head[0].pc == (uintptr_t)uc.uc_mcontext.gregs[REG_RIP],
          "total %ld", t.total);
    ok("signal context: a foreign context starts at its pc");
}

/* The other thread says it is ready from inside parked_forever, so that the crash cannot
 * catch it on the way there (it did, under ASan: in pthread_mutex_unlock). */
static int ready;

static __attribute__((noinline)) void parked_forever(void)
{
    __atomic_store_n(&ready, 1, __ATOMIC_RELEASE);
    for (;;)
        pause();
}

static void *parked(void *u)
{
    (void)u;
    (void)go_goid();
    parked_forever();
    return NULL;
}

static __attribute__((noinline)) void all_crash(void) { go_panic_str("all"); }

static void all_child(void *u)
{
    (void)u;
    go_set_traceback("all");
    pthread_t t;
    pthread_create(&t, NULL, parked, NULL);
    while (!__atomic_load_n(&ready, __ATOMIC_ACQUIRE))
        sched_yield();
    all_crash();
}

static void test_all(void)
{
    struct death d;
    run_death(all_child, NULL, &d);
    expect_panic_report("all", &d, "panic: all\n");
    char *g2 = strstr(d.err, "\n\ngoroutine 2 [running]:\n");
    CHECK(g2 && strstr(g2, "parked_forever(...)\n\t") && strstr(g2, "parked(...)\n\t"), "%s", d.err);
    CHECK(strstr(d.err, "all_crash(...)") < g2, "%s", d.err);
    ok("GOTRACEBACK=all: the other thread's own frames, after the crashing goroutine");
}

int main(void)
{
    test_filter();
    test_elision();
    test_levels();
    test_panic_stack();
#ifdef UNIT_TSAN
    (void)test_signal_context;
    ok("# skip signal context: TSan delivers the signal from its own interceptor, with that context");
#else
    test_signal_context();
#endif
    test_crash_output();
    test_hook();
    test_inline();
    test_all();
#ifndef UNIT_SANITIZER
    test_heap_corruption();
#else
    ok("# skip heap corruption: the sanitizer reports the corrupting write itself");
#endif
    return 0;
}
