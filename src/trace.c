/*
 * trace.c — the event recorder: what the runtime did, per thread, in ring buffers; written to a
 * file at exit, at a crash and on demand. (The file's layout: trace_format.h. Reading and
 * exporting it: trace_read.c, trace_export.c.)
 *
 * Design
 * ------
 * Tracing exists to explain a failure after the fact, so it must be cheap enough to leave on
 * while reproducing one and must survive the crash it explains. Hence:
 *
 *  - Off, it costs one predictable branch per traced operation. The runtime's own call sites
 *    test gort__trace_on (GORT_TRACE in internal.h); gort.h's inline paths test a byte in the
 *    goroutine they already hold in a register (g->tracing, set on every goroutine while tracing
 *    is on: GORT__TRACE_FLAG below); with the flag set, a frame's link, its later defers and
 *    its exit take the library's paths (defer.c), which record: gort__trace_link (a frame's
 *    first defer), gort__trace_defer, and gort__frame_finish's calls and frame exit.
 *
 *  - On, an event is a timestamp (the time-stamp counter where it is invariant, else
 *    CLOCK_MONOTONIC: stamp() below) and one 64-byte store into the calling thread's ring buffer. One writer per buffer, so no lock
 *    and no atomic read-modify-write: the writer fills the slot, then publishes the new count
 *    with a release store. A reader (a dump) copies the newest min(count, capacity) events;
 *    the oldest ones may be overwritten while it copies, which costs at most a torn event at the
 *    old end of a ring that was being written during the dump. Buffers are per thread, not per
 *    goroutine, and each event names its goroutine: goroutines that move between threads
 *    (the M:N scheduler) need no buffer of their own and no lock either.
 *
 *  - Nothing is interpreted while recording. Names the program holds as constants — a frame's
 *    __func__, a deferred function, a panic value's type name — are recorded as addresses, and
 *    the exporter reads them from the program's ELF files, whose paths and load addresses the
 *    trace header lists. Only a panic value's text (it may be formatted at run time) and fatal
 *    messages are copied, into TEXT events that follow their event.
 *
 *  - A crash writes the trace with open/write/close only (async-signal-safe: no malloc, no
 *    stdio, no lock): the module list is prepared when tracing starts and when it is dumped,
 *    and the buffers are written as they lie. GORT_TRACE_CRASH_EVENTS limits how many of each
 *    thread's newest events a crash writes.
 *
 * A thread's buffer is allocated at its first event and kept, with its events, after the thread
 * ends (the trace is about threads that may be gone); its memory is the price of a trace:
 * GORT_TRACE_EVENTS × 64 bytes per thread that ever ran gort code while tracing.
 */
#define _GNU_SOURCE
#include "internal.h"
#include "trace_format.h"

#include <gort/trace.h>

#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

int gort__trace_on;

enum {
    DEFAULT_EVENTS = 16384, /* per thread: 1 MiB; about a second of a defer-heavy loop      */
    MAX_EVENTS = 1 << 24,   /* a GORT_TRACE_EVENTS typo must not ask for gigabytes per thread */
    TEXT_MAX = 480,         /* bytes of a panic value or fatal message kept (10 TEXT events)  */
};

/* One thread's ring. `written` counts every event ever recorded; slot written % cap is next. */
struct tbuf {
    struct tbuf *next; /* all buffers, newest first; a buffer is never unlinked or freed */
    uint64_t tid;
    uint64_t written;  /* published with release stores by the owner, read with acquire */
    uint32_t cap;      /* a power of two */
    struct gort__trace_event ev[];
};

static struct tbuf *buffers;                    /* pushed with a CAS, read by dumps */
static __thread struct tbuf *my_buf;
static __thread bool my_fatal;                  /* this thread is dying: the trace ends here */
static uint32_t ring_cap = DEFAULT_EVENTS;
static uint64_t crash_events;                   /* 0: all kept */
static char *trace_path;                        /* NULL: in memory only */
static uint64_t start_ns;
static pthread_mutex_t ctl_mu = PTHREAD_MUTEX_INITIALIZER; /* start, stop, dump */

/* The module list, serialized as the file holds it, for the crash dump to write as is. */
static char *modules;
static size_t modules_len;
static uint32_t nmodules;

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/*
 * The event clock. An event's cost is mostly its timestamp: clock_gettime is ~20 ns through the
 * vDSO and ~100 ns where the kernel cannot use it (measured on this project's KVM machines),
 * while rdtsc is a few ns. Where the CPU says its time-stamp counter is invariant (constant
 * rate, not stopped in sleep states: CPUID 0x80000007 EDX bit 8) events carry counter ticks and
 * the file carries two (ticks, CLOCK_MONOTONIC ns) pairs that convert them; elsewhere events
 * carry CLOCK_MONOTONIC ns directly.
 */
#if defined(__x86_64__)
#include <cpuid.h>
#include <x86intrin.h>
static bool use_tsc;
static void choose_clock(void)
{
    unsigned a, b, c, d;
    use_tsc = __get_cpuid(0x80000007, &a, &b, &c, &d) && (d & (1u << 8));
}
static inline uint64_t stamp(void) { return use_tsc ? __rdtsc() : now_ns(); }
#else
static const bool use_tsc = false;
static void choose_clock(void) {}
static inline uint64_t stamp(void) { return now_ns(); }
#endif

/* The clock pair at the start of a session, and the event clock's value then. */
static uint64_t start_stamp;

/* ---- recording ------------------------------------------------------------------------ */

static struct tbuf *new_buffer(void)
{
    struct tbuf *b = calloc(1, sizeof *b + (size_t)ring_cap * sizeof b->ev[0]);
    if (b == NULL)
        return NULL;
    b->cap = ring_cap;
    b->tid = (uint64_t)syscall(SYS_gettid);
    b->next = __atomic_load_n(&buffers, __ATOMIC_RELAXED);
    while (!__atomic_compare_exchange_n(&buffers, &b->next, b, true, __ATOMIC_RELEASE,
                                        __ATOMIC_RELAXED))
        ;
    my_buf = b;
    return b;
}

static void record(uint8_t type, uint8_t flags, uint16_t extra, uint64_t a, uint64_t b,
                   uint64_t c, uint64_t d, uint64_t e, uint64_t f)
{
    struct tbuf *buf = my_buf;
    if (__builtin_expect(my_fatal, 0))
        return; /* what gort does to print a crash report is not the program's story */
    if (__builtin_expect(buf == NULL, 0) && (buf = new_buffer()) == NULL)
        return; /* out of memory: the trace has a gap, the program goes on */
    uint64_t n = buf->written;
    struct gort__trace_event *ev = &buf->ev[n & (buf->cap - 1)];
    G *g = (G *)gort__gcur;
    ev->ts = stamp();
    ev->type = type;
    ev->flags = flags;
    ev->extra = extra;
    ev->goid = g ? (uint32_t)g->goid : 0;
    ev->w[0] = a;
    ev->w[1] = b;
    ev->w[2] = c;
    ev->w[3] = d;
    ev->w[4] = e;
    ev->w[5] = f;
    __atomic_store_n(&buf->written, n + 1, __ATOMIC_RELEASE);
}

#define W(x) ((uint64_t)(uintptr_t)(x))

/* s as TEXT events after the event just recorded. */
static void record_text(const char *s)
{
    size_t n = strnlen(s, TEXT_MAX);
    do {
        uint64_t w[6] = {0};
        size_t k = n < sizeof w ? n : sizeof w;
        memcpy(w, s, k);
        s += k;
        n -= k;
        record(GT_TEXT, n > 0, (uint16_t)k, w[0], w[1], w[2], w[3], w[4], w[5]);
    } while (n > 0);
}

/*
 * Frame names. A frame holds no name (gort.h, struct gort__frame): the events name it with the
 * __func__ its link passed, which tracing sends through gort__link_slow, kept here keyed by the
 * frame's landing address (one per go_frame, or per inlined copy of one). Open addressing,
 * insert-only, lock-free: a slot's key is claimed by CAS, then its name published. A frame
 * linked before the trace started was never seen: its events carry its landing address
 * instead (frame_word), which the reader names from the symbol table.
 */
enum { FRAME_NAMES = 4096 };
static struct {
    uintptr_t key;
    const char *func;
} frame_names[FRAME_NAMES];

/* The slot of key, or with claim an empty one claimed for it; -1 if there is none (not
 * there, or the table is full). */
static int frame_slot(uintptr_t key, bool claim)
{
    unsigned i = (unsigned)((key >> 3) * 0x9E3779B1u) % FRAME_NAMES;
    for (unsigned n = 0; n < FRAME_NAMES; n++, i = (i + 1) % FRAME_NAMES) {
        uintptr_t k = __atomic_load_n(&frame_names[i].key, __ATOMIC_ACQUIRE);
        if (k == 0) {
            if (!claim)
                return -1;
            if (__atomic_compare_exchange_n(&frame_names[i].key, &k, key, false,
                                            __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
                return (int)i;
            /* Another thread claimed it first: k is its key now. */
        }
        if (k == key)
            return (int)i;
    }
    return -1;
}

void gort__frame_func_put(const struct gort__frame *f, const char *func)
{
    int i = frame_slot((uintptr_t)f->jb[GORT__JB_PC], true);
    if (i >= 0) /* a landing's name is always the same __func__: storing it again is harmless */
        __atomic_store_n(&frame_names[i].func, func, __ATOMIC_RELEASE);
}

const char *gort__frame_func(const struct gort__frame *f)
{
    int i = frame_slot((uintptr_t)f->jb[GORT__JB_PC], false);
    return i < 0 ? NULL : __atomic_load_n(&frame_names[i].func, __ATOMIC_ACQUIRE);
}

/* An event's frame name: the address of its __func__, or, for a frame linked before the trace
 * started, its landing address with the top bit set (GT_FUNC_PC), which the reader names from
 * the symbol table. */
static uint64_t frame_word(const struct gort__frame *f)
{
    const char *func = gort__frame_func(f);
    return func ? W(func) : (W(f->jb[GORT__JB_PC]) | GT_FUNC_PC);
}

void gort__trace_frame_enter(struct gort__frame *f)
{
    if (__atomic_load_n(&gort__trace_on, __ATOMIC_RELAXED))
        record(GT_FRAME_ENTER, 0, 0, W(f), frame_word(f), gort__frame_sp(f), 0, 0, 0);
}

/* A frame's first defer: it is linked (frame enter) and its first call registered. */
void gort__trace_link(struct gort__frame *f)
{
    gort__trace_frame_enter(f);
    gort__trace_defer(f, f->first.fn, f->first.a[0]);
}

void gort__trace_defer(struct gort__frame *f, void (*fn)(void), uintptr_t arg0)
{
    if (__atomic_load_n(&gort__trace_on, __ATOMIC_RELAXED))
        record(GT_DEFER, 0, 0, W(f), W(fn), arg0, frame_word(f), 0, 0);
}

void gort__trace_frame_exit(struct gort__frame *f)
{
    if (__atomic_load_n(&gort__trace_on, __ATOMIC_RELAXED))
        record(GT_FRAME_EXIT, 0, 0, W(f), frame_word(f), 0, 0, 0, 0);
}

void gort__trace_call_start(struct gort__frame *f, void (*fn)(void), const struct gort__defer *d,
                            const struct gort__panic *p)
{
    record(GT_CALL_START, 0, 0, W(f), W(fn), W(p), frame_word(f), W(__builtin_frame_address(0)),
           d->a[0]);
}

void gort__trace_call_end(struct gort__frame *f, void (*fn)(void), const struct gort__panic *p)
{
    record(GT_CALL_END, 0, 0, W(f), W(fn), W(p), 0, W(__builtin_frame_address(0)), 0);
}

void gort__trace_panic(G *g, const struct gort__panic *p)
{
    (void)g;
    const go_type *t = p->arg.type;
    char text[TEXT_MAX + 1];
    if (t && t->kind == GO_KIND_POINTER && t->format)
        /* Not its format function: user code has no business running inside the tracer. */
        snprintf(text, sizeof text, "(%s) %p", t->name, p->arg.v.p);
    else
        go_any_format(p->arg, text, sizeof text);
    record(GT_PANIC, go_is_runtime_error(p->arg), 0, W(p), W(t ? t->name : NULL), W(p->start_sp),
           t ? (uint64_t)t->kind : 0, 0, 0);
    record_text(text);
}

void gort__trace_recover(G *g, const struct gort__panic *p)
{
    (void)g;
    record(GT_RECOVER, 0, 0, W(p), W(p->frame), W(p->fn), (p->frame ? frame_word(p->frame) : 0), 0,
           0);
}

void gort__trace_recovery(G *g, const struct gort__panic *p, struct gort__frame *f,
                          const struct gort__panic *q)
{
    (void)g;
    uint64_t sp = f ? gort__frame_sp(f) : W(q->start_sp);
    record(GT_RECOVERY, f == NULL, 0, W(p), W(f), W(q), sp, (f ? frame_word(f) : 0), 0);
}

void gort__trace_goexit(G *g, const struct gort__panic *p)
{
    (void)g;
    record(GT_GOEXIT, 0, 0, W(p), W(p->start_sp), 0, 0, 0, 0);
}

void gort__trace_fatal(const char *msg, bool panic)
{
    record(GT_FATAL, panic, 0, 0, 0, 0, 0, 0, 0);
    record_text(msg);
    my_fatal = true;
}

void gort__trace_go_create(int64_t goid, int64_t parent)
{
    record(GT_GO_CREATE, 0, 0, (uint64_t)goid, (uint64_t)parent, 0, 0, 0, 0);
}

void gort__trace_go_start(int64_t goid) { record(GT_GO_START, 0, 0, (uint64_t)goid, 0, 0, 0, 0, 0); }

void gort__trace_go_park(int64_t goid, const char *reason)
{
    record(GT_GO_PARK, 0, 0, (uint64_t)goid, 0, 0, 0, 0, 0);
    record_text(reason);
}

void gort__trace_go_exit(int64_t goid) { record(GT_GO_EXIT, 0, 0, (uint64_t)goid, 0, 0, 0, 0, 0); }

/* ---- the inline paths' flag ------------------------------------------------------------ */

/* gort.h defines GORT__TRACE_FLAG once its inline paths test g->tracing (struct gort__g). */
static void set_flag(G *g, void *on)
{
#ifdef GORT__TRACE_FLAG
    __atomic_store_n(&g->pub.tracing, (unsigned char)(on != NULL), __ATOMIC_RELAXED);
#else
    (void)g, (void)on;
#endif
}

/* Other goroutines see the flag at their next frame link, which sets their push limit
 * (gort.h, struct gort__g); the calling goroutine's own defers follow it at once. */
static void own_limit(void)
{
    G *self = (G *)gort__gcur;
    if (self)
        gort__set_limit(self);
}

/* ---- the module list ------------------------------------------------------------------- */

struct modbuf {
    char *p;
    size_t len, cap;
    uint32_t n;
};

static void put(struct modbuf *m, const void *src, size_t n)
{
    if (m->p == NULL)
        return;
    if (m->len + n > m->cap) {
        size_t cap = (m->len + n) * 2;
        char *q = realloc(m->p, cap);
        if (q == NULL) {
            free(m->p);
            m->p = NULL;
            return;
        }
        m->p = q;
        m->cap = cap;
    }
    memcpy(m->p + m->len, src, n);
    m->len += n;
}

static int add_module(struct dl_phdr_info *info, size_t size, void *arg)
{
    (void)size;
    struct modbuf *m = arg;
    char exe[4096];
    const char *path = info->dlpi_name;
    if (path == NULL || path[0] == 0) { /* the program itself */
        ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
        exe[n > 0 ? n : 0] = 0;
        path = exe;
    }
    struct gort__trace_module rec = {info->dlpi_addr, UINT64_MAX, 0, 0, 0};
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD)
            continue;
        uint64_t lo = info->dlpi_addr + ph->p_vaddr, hi = lo + ph->p_memsz;
        rec.lo = lo < rec.lo ? lo : rec.lo;
        rec.hi = hi > rec.hi ? hi : rec.hi;
    }
    if (rec.hi == 0 || path[0] == 0)
        return 0;
    size_t len = strlen(path) + 1;
    rec.pathlen = (uint32_t)((len + 7) & ~(size_t)7);
    put(m, &rec, sizeof rec);
    put(m, path, len);
    put(m, "\0\0\0\0\0\0\0", rec.pathlen - len);
    m->n++;
    return 0;
}

/* Refreshes the module list (libraries may have been loaded since). Not for a crash. */
static void scan_modules(void)
{
    struct modbuf m = {malloc(4096), 0, 4096, 0};
    dl_iterate_phdr(add_module, &m);
    if (m.p == NULL)
        return; /* keep the old list */
    char *old = modules;
    __atomic_store_n(&modules, NULL, __ATOMIC_RELEASE);
    modules_len = m.len;
    nmodules = m.n;
    __atomic_store_n(&modules, m.p, __ATOMIC_RELEASE);
    free(old);
}

/* ---- writing the file ------------------------------------------------------------------ */

static bool write_all(int fd, const void *p, size_t n)
{
    const char *s = p;
    while (n > 0) {
        ssize_t k = write(fd, s, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return false;
        s += k;
        n -= (size_t)k;
    }
    return true;
}

/* Writes the whole trace to path; async-signal-safe. limit: events per thread, 0 all. */
static int write_trace(const char *path, uint64_t limit, bool crash)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return -1;
    const char *mods = __atomic_load_n(&modules, __ATOMIC_ACQUIRE);
    uint64_t dump_stamp = stamp(), dump_ns = now_ns();
    struct gort__trace_header h = {GORT_TRACE_MAGIC, GORT_TRACE_VERSION,
                                   sizeof(struct gort__trace_event), start_ns, dump_ns,
                                   start_stamp, dump_stamp, (int32_t)getpid(),
                                   mods ? nmodules : 0, crash, use_tsc};
    bool ok = write_all(fd, &h, sizeof h) && (!mods || write_all(fd, mods, modules_len));
    for (struct tbuf *b = __atomic_load_n(&buffers, __ATOMIC_ACQUIRE); ok && b; b = b->next) {
        uint64_t written = __atomic_load_n(&b->written, __ATOMIC_ACQUIRE);
        uint64_t count = written < b->cap ? written : b->cap;
        if (limit && count > limit)
            count = limit;
        if (count == 0)
            continue;
        struct gort__trace_thread t = {b->tid, written, count};
        uint64_t first = (written - count) & (b->cap - 1);
        uint64_t n1 = first + count <= b->cap ? count : b->cap - first;
        ok = write_all(fd, &t, sizeof t) && write_all(fd, &b->ev[first], n1 * sizeof b->ev[0]) &&
             (n1 == count || write_all(fd, &b->ev[0], (count - n1) * sizeof b->ev[0]));
    }
    int err = ok ? 0 : (errno ? errno : EIO);
    if (close(fd) != 0 && ok)
        err = errno;
    if (err) {
        errno = err;
        return -1;
    }
    return 0;
}

void gort__trace_crash_dump(void)
{
    if (trace_path)
        (void)write_trace(trace_path, crash_events, true);
}

/* ---- control ----------------------------------------------------------------------------- */

static void at_exit(void)
{
    pthread_mutex_lock(&ctl_mu);
    if (gort__trace_on && trace_path) {
        scan_modules();
        if (write_trace(trace_path, 0, false) != 0)
            fprintf(stderr, "gort: cannot write the trace to %s: %s\n", trace_path,
                    strerror(errno));
    }
    pthread_mutex_unlock(&ctl_mu);
}

/* path made absolute now: the program may change its directory before the trace is written. */
static char *absolute(const char *path)
{
    char cwd[4096];
    char *p = NULL;
    if (path[0] == '/' || getcwd(cwd, sizeof cwd) == NULL)
        return strdup(path);
    return asprintf(&p, "%s/%s", cwd, path) < 0 ? NULL : p;
}

int go_trace_start(const char *path)
{
    static bool registered;
    pthread_mutex_lock(&ctl_mu);
    int err = 0;
    char *p = NULL;
    if (gort__trace_on)
        err = EBUSY;
    else if (path && (p = absolute(path)) == NULL)
        err = ENOMEM;
    else if (my_buf == NULL && new_buffer() == NULL)
        err = ENOMEM;
    if (err) {
        free(p);
        pthread_mutex_unlock(&ctl_mu);
        errno = err;
        return -1;
    }
    free(trace_path);
    trace_path = p;
    for (struct tbuf *b = buffers; b; b = b->next) /* a new session: drop the old events */
        __atomic_store_n(&b->written, 0, __ATOMIC_RELEASE);
    scan_modules();
    start_stamp = stamp();
    start_ns = now_ns();
    if (!registered)
        registered = atexit(at_exit) == 0;
    __atomic_store_n(&gort__trace_on, 1, __ATOMIC_RELEASE);
    gort__for_each_g(set_flag, (void *)1);
    own_limit();
    pthread_mutex_unlock(&ctl_mu);
    return 0;
}

static int dump_locked(void)
{
    if (!gort__trace_on || trace_path == NULL) {
        errno = EINVAL;
        return -1;
    }
    scan_modules();
    return write_trace(trace_path, 0, false);
}

int go_trace_dump(void)
{
    pthread_mutex_lock(&ctl_mu);
    int r = dump_locked();
    pthread_mutex_unlock(&ctl_mu);
    return r;
}

int go_trace_stop(void)
{
    pthread_mutex_lock(&ctl_mu);
    int r = 0;
    if (!gort__trace_on) {
        errno = EINVAL;
        r = -1;
    } else if (trace_path) {
        r = dump_locked();
    }
    __atomic_store_n(&gort__trace_on, 0, __ATOMIC_RELEASE);
    gort__for_each_g(set_flag, NULL);
    own_limit();
    pthread_mutex_unlock(&ctl_mu);
    return r;
}

bool go_trace_enabled(void) { return __atomic_load_n(&gort__trace_on, __ATOMIC_RELAXED) != 0; }

/* A goroutine created while tracing is on traces from its first operation. */
void gort__trace_new_g(G *g)
{
    set_flag(g, gort__trace_on ? (void *)1 : NULL);
    gort__set_limit(g); /* not running yet */
}

static uint64_t env_count(const char *name, uint64_t dflt, uint64_t max)
{
    const char *s = getenv(name);
    if (s == NULL || *s == 0)
        return dflt;
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (*end != 0 || v == 0 || v > max) {
        fprintf(stderr, "gort: ignoring %s=%s (expected a number from 1 to %llu)\n", name, s,
                (unsigned long long)max);
        return dflt;
    }
    return v;
}

/* Before g.c's constructor makes goroutine 1, so its creation is traced. */
__attribute__((constructor(101))) static void trace_init(void)
{
    choose_clock();
    uint64_t n = env_count("GORT_TRACE_EVENTS", DEFAULT_EVENTS, MAX_EVENTS);
    ring_cap = 64;
    while (ring_cap < n)
        ring_cap *= 2;
    crash_events = env_count("GORT_TRACE_CRASH_EVENTS", 0, MAX_EVENTS);
    const char *path = getenv("GORT_TRACE");
    if (path && *path && go_trace_start(path) != 0)
        fprintf(stderr, "gort: GORT_TRACE=%s: cannot start tracing: %s\n", path, strerror(errno));
}
