/*
 * traceback.c — stack traces in Go's layout: which frames print at each GOTRACEBACK level,
 * two lines per frame, Go's elision of deep stacks, the raw form when symbols cannot be had,
 * and the stack API of a healthy process (go_stack, go_panic_stack).
 *
 *   goroutine 1 [running]:
 *   f(...)                                  <- C has no argument metadata: always (...)
 *   	/abs/path/f.c:12 +0x1d                <- return address - function entry (Go's +0xOFF)
 *   inlined_helper(...)
 *   	/abs/path/f.c:30                      <- inlined frames have no offset, as in Go
 *   main(...)
 *   	/abs/path/main.c:9 +0x41
 *
 * The machinery behind it, one concern per file (traceback.h): unwind.c captures the pcs,
 * symbolize.c turns a pc into logical frames with libdw, symchild.c runs that in a forked
 * child for crash reports (the crashing process never symbolizes: its heap may be broken).
 *
 * Which frames print (Go's showframe). gort's runtime frames (symbolize.c classifies them) are
 * hidden at GOTRACEBACK none/single/all, as Go hides runtime.* frames, except the public entry
 * points (go_*) a user called, which are shown as Go shows exported runtime functions
 * (runtime.Goexit) and its panic entry (`panic(...)`): a run of panic entries (go_panicf ->
 * go_panic_str -> go_panic_value) collapses to its outermost frame, the one the user called.
 * The frames below main (_start, __libc_start_*) and below a thread's start routine
 * (start_thread, clone3) are Go's runtime.main/goexit: hidden too. GOTRACEBACK=system shows
 * everything, with Go's ` fp=… sp=… pc=…` detail.
 *
 * Elision (Go's tracebackInnerFrames/OuterFrames): more than 100 printed frames print as the
 * first 50, `...N frames elided...`, the last 50. A capture keeps the first HEAD physical
 * frames and a ring of the last TAIL (unwind.c); when the ring wrapped, N counts the physical
 * frames never stored as one frame each.
 */
#define _GNU_SOURCE
#include "traceback.h"

#include <dlfcn.h>
#include <link.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

/* ---- levels (GOTRACEBACK) ------------------------------------------------------------ */

static int env_level = -1;     /* from GOTRACEBACK, read once */
static _Atomic int set_level = -1; /* from go_set_traceback: may raise, never lower, the env */

/* Go's names; a number n means level n with all goroutines (Go's gotraceback). */
int gort__traceback_parse(const char *s)
{
    if (s == NULL || *s == 0 || strcmp(s, "single") == 0)
        return GORT__TB_SINGLE;
    if (strcmp(s, "none") == 0)
        return GORT__TB_NONE;
    if (strcmp(s, "all") == 0)
        return GORT__TB_ALL;
    if (strcmp(s, "system") == 0)
        return GORT__TB_SYSTEM;
    if (strcmp(s, "crash") == 0)
        return GORT__TB_CRASH;
    char *end;
    long n = strtol(s, &end, 10);
    if (*end != 0 || end == s)
        return -1;
    return n <= 0 ? GORT__TB_NONE : n == 1 ? GORT__TB_ALL : GORT__TB_SYSTEM;
}

int gort__traceback_level(void)
{
    if (env_level < 0) {
        int l = gort__traceback_parse(getenv("GOTRACEBACK"));
        env_level = l < 0 ? GORT__TB_SINGLE : l;
    }
    int s = atomic_load_explicit(&set_level, memory_order_relaxed);
    return s > env_level ? s : env_level;
}

int go_set_traceback(const char *level)
{
    int l = gort__traceback_parse(level);
    if (l < 0)
        return -1;
    atomic_store(&set_level, l);
    return 0;
}

/* ---- which frames print -------------------------------------------------------------- */

/*
 * Filters lf[0..n) in place for the given level. `cut_panic`: the trace of a fatal panic or of
 * go_panic_stack starts below the newest panic's entry, as Go's starts below gopanic.
 */
int gort__tb_filter(gort__lframe *lf, int n, int level, bool cut_panic)
{
    bool system = level >= GORT__TB_SYSTEM;
    int k = 0;
    int i = 0;
    if (cut_panic && !system) {
        /* Up to the end of the first run of panic entries (the newest panic's). */
        while (i < n && (lf[i].flags & GORT__LF_RUNTIME) && !(lf[i].flags & GORT__LF_PANIC))
            i++;
        while (i < n && (lf[i].flags & GORT__LF_PANIC))
            i++;
    }
    for (; i < n; i++) {
        gort__lframe *f = &lf[i];
        if (!system) {
            if (f->flags & GORT__LF_BOTTOM)
                continue;
            if ((f->flags & GORT__LF_RUNTIME) && !(f->flags & GORT__LF_PUBLIC))
                continue;
            /* A run of panic entries prints its outermost: the entry the user called. */
            if (f->flags & GORT__LF_PANIC) {
                int j = i;
                while (j + 1 < n && (lf[j + 1].flags & GORT__LF_PANIC))
                    j++;
                lf[k++] = lf[j];
                i = j;
                continue;
            }
        }
        lf[k++] = *f;
    }
    return k;
}

static void put_frame(gort__w *w, const gort__lframe *f, bool system)
{
    gort__wputs(w, f->name ? f->name : "?");
    gort__wputs(w, "(...)\n\t");
    if (f->file) {
        gort__wputs(w, f->file);
        gort__wputc(w, ':');
        gort__wint(w, f->line);
    } else {
        gort__wputs(w, f->module ? f->module : "?");
        gort__wputc(w, '+');
        gort__whex(w, f->modoff);
    }
    if (!(f->flags & GORT__LF_INLINED)) {
        if (f->file && f->off != (uintptr_t)-1 && f->off > 0) {
            gort__wputs(w, " +");
            gort__whex(w, f->off);
        }
        if (system) {
            gort__wputs(w, " fp=");
            gort__whex(w, f->cfa);
            gort__wputs(w, " sp=");
            gort__whex(w, f->sp);
            gort__wputs(w, " pc=");
            gort__whex(w, f->pc);
        }
    }
    gort__wputc(w, '\n');
}

/*
 * Prints frames with Go's elision: `skipped` frames known to be missing between head and
 * tail (never stored) count in the elided number.
 */
void gort__tb_print_frames(gort__w *w, const gort__lframe *head, int nh, const gort__lframe *tail,
                           int nt, long skipped, bool system)
{
    long total = nh + nt + skipped;
    if (total <= GORT__TB_INNER + GORT__TB_OUTER) {
        for (int i = 0; i < nh; i++)
            put_frame(w, &head[i], system);
        for (int i = 0; i < nt; i++)
            put_frame(w, &tail[i], system);
        return;
    }
    /* The first INNER frames of the whole list, then the last OUTER. */
    int shown = 0;
    for (int i = 0; i < nh && shown < GORT__TB_INNER; i++, shown++)
        put_frame(w, &head[i], system);
    for (int i = 0; i < nt && shown < GORT__TB_INNER; i++, shown++)
        put_frame(w, &tail[i], system);
    gort__wputs(w, "...");
    gort__wint(w, total - GORT__TB_INNER - GORT__TB_OUTER);
    gort__wputs(w, " frames elided...\n");
    long from = total - GORT__TB_OUTER; /* index of the first frame printed at the end */
    for (long i = from; i < total; i++) {
        if (i < nh)
            put_frame(w, &head[i], system);
        else if (i >= nh + skipped)
            put_frame(w, &tail[i - nh - skipped], system);
    }
}

/* Symbolizes and prints a captured trace (frames only; the header is the caller's). */
enum { LF_MAX = GORT__TB_HEAD + GORT__TB_TAIL + 256 };
static gort__lframe lf_buf[LF_MAX]; /* under the crash lock, or the symbolizer's mutex */

void gort__tb_format(gort__sym *s, gort__w *w, const gort__trace *t, int level, bool cut_panic)
{
    bool system = level >= GORT__TB_SYSTEM;
    int n = 0;
    long stored_head = t->total < GORT__TB_HEAD ? t->total : GORT__TB_HEAD;
    bool exact = t->exact0;
    for (long i = 0; i < stored_head && n < LF_MAX - 16; i++) {
        int k = gort__sym_frames(s, t->head[i].pc, t->head[i].sp, gort__trace_cfa(t, i), exact,
                                 lf_buf + n, 16);
        /* Below gort__sigpanic_tramp (a fault made into a call by the signal handler, Go's
         * sigpanic) the "return address" is the faulting instruction itself. */
        exact = k > 0 && lf_buf[n + k - 1].name &&
                strcmp(lf_buf[n + k - 1].name, "gort__sigpanic_tramp") == 0;
        n += k;
    }
    int nh = gort__tb_filter(lf_buf, n, level, cut_panic);
    int nt = 0;
    long skipped = 0;
    if (t->total > GORT__TB_HEAD) {
        long tailfirst = t->total - GORT__TB_TAIL;
        if (tailfirst < GORT__TB_HEAD)
            tailfirst = GORT__TB_HEAD;
        skipped = tailfirst - GORT__TB_HEAD;
        int m = nh;
        for (long i = tailfirst; i < t->total && m < LF_MAX - 16; i++) {
            const struct gort__pcsp *p = gort__trace_at(t, i);
            m += gort__sym_frames(s, p->pc, p->sp, gort__trace_cfa(t, i), false, lf_buf + m, 16);
        }
        nt = gort__tb_filter(lf_buf + nh, m - nh, level, false);
    }
    gort__tb_print_frames(w, lf_buf, nh, lf_buf + nh, nt, skipped, system);
}

/* The raw form, for a crash whose symbolizing child failed: no allocation. */
void gort__tb_format_raw(gort__w *w, const gort__trace *t, bool system)
{
    static gort__lframe raw[GORT__TB_HEAD + GORT__TB_TAIL];
    int n = 0;
    long skipped = 0;
    for (long i = 0; i < t->total; i++) {
        const struct gort__pcsp *p = gort__trace_at(t, i);
        if (p == NULL) {
            skipped++;
            continue;
        }
        gort__lframe f = {0};
        f.pc = p->pc;
        f.sp = p->sp;
        f.cfa = gort__trace_cfa(t, i);
        f.off = (uintptr_t)-1;
        Dl_info info;
        struct link_map *lm = NULL;
        void *at = (void *)(p->pc - (i == 0 && t->exact0 ? 0 : 1));
        if (dladdr1(at, &info, (void **)&lm, RTLD_DL_LINKMAP) && info.dli_fname) {
            f.name = info.dli_sname;
            f.module = info.dli_fname[0] ? info.dli_fname : "?";
            f.modoff = (uintptr_t)at - (lm ? lm->l_addr : 0); /* as symbolize.c's */
        }
        raw[n++] = f;
    }
    long head = n < GORT__TB_HEAD ? n : GORT__TB_HEAD;
    gort__tb_print_frames(w, raw, (int)head, raw + head, n - (int)head, skipped, system);
}

void gort__tb_format_first(gort__sym *s, gort__w *w, uintptr_t pc)
{
    gort__lframe lf[16];
    if (gort__sym_frames(s, pc, 0, 0, false, lf, 16) > 0)
        put_frame(w, &lf[0], false);
}

/* ---- the stack of a healthy process (go_stack, go_panic_stack) ----------------------- */

static size_t stack_into(char *buf, size_t n, const gort__trace *t, bool cut_panic)
{
    char tmp[1];
    gort__w w = {n ? buf : tmp, n ? n : 1, 0, -1};
    G *g = gort__getg();
    gort__wputs(&w, "goroutine ");
    gort__wint(&w, g->goid);
    gort__wputs(&w, " [running]:\n");
    gort__tb_format(gort__sym_shared_lock(t), &w, t, GORT__TB_SINGLE, cut_panic);
    gort__sym_shared_unlock();
    w.buf[w.len] = 0;
    return w.len;
}

/* The trace lives on the caller's stack (8 KiB): nothing to free when a thread ends. */
size_t go_stack(char *buf, size_t n)
{
    gort__trace t;
    gort__traceback_capture(&t, __builtin_frame_address(0), true);
    return stack_into(buf, n, &t, false);
}

size_t go_panic_stack(char *buf, size_t n)
{
    G *g = gort__getg();
    struct gort__panic *p = g->panic;
    while (p && p->goexit)
        p = p->link;
    if (p == NULL) {
        if (n)
            buf[0] = 0;
        return 0;
    }
    gort__trace t;
    /* The panicking frames are still on the stack, below the deferred call that runs now:
     * keep the frames older than the panic's entry (go_panic_value's frame). */
    gort__traceback_capture(&t, p->start_sp, false);
    return stack_into(buf, n, &t, true);
}
