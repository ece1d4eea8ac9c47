/*
 * traceback.c — stack traces: capturing a goroutine's program counters, turning them into
 * Go-style frames (function, file:line, +offset, inlined calls expanded), hiding the runtime's
 * own frames as Go hides its runtime, eliding deep stacks, and doing all of that safely while
 * the process is crashing.
 *
 *   goroutine 1 [running]:
 *   f(...)                                  <- C has no argument metadata: always (...)
 *   	/abs/path/f.c:12 +0x1d                <- return address - function entry (Go's +0xOFF)
 *   inlined_helper(...)
 *   	/abs/path/f.c:30                      <- inlined frames have no offset, as in Go
 *   main(...)
 *   	/abs/path/main.c:9 +0x41
 *
 * Unwinding. libgcc's _Unwind_Backtrace, the unwinder every C program already links. It reads
 * the .eh_frame tables, so it walks code built without frame pointers (glibc, most distro
 * libraries), it walks through the kernel's signal frame (__restore_rt has CFI), and on
 * bookworm (glibc 2.35+, GCC 12) it finds a pc's tables with _dl_find_object, which takes no
 * lock and does not allocate: a trace can be captured inside a signal handler. libunwind would
 * add a dependency for users of the static library and brings nothing that matters here.
 * Starting from a signal context (the signal helper's faults): the capture runs inside the
 * handler, unwinds through the signal frame and keeps frames from the interrupted pc on
 * (gort__traceback_capture_uc); if that pc is never met (a context that is not this
 * thread's current signal), it falls back to walking the frame-pointer chain from the
 * context's rbp, bounded and sanity-checked.
 *
 * Symbolization. libdw (elfutils): a Dwfl over /proc/self/maps (every loaded module,
 * shared libraries included), dwfl_module_getsrc for file:line, dwarf_getscopes for the chain of
 * inlined subroutines at a pc (each DW_TAG_inlined_subroutine's DW_AT_call_file/call_line is
 * the position in the next outer function), the ELF symbol table for names when a module has
 * no DWARF. Without any symbol the second line is `\t/path/module+0xOFF`, OFF being the
 * address in the ELF file's own numbering (pc minus the load bias), which is what
 * `addr2line -e module 0xOFF` takes, for PIE, non-PIE and shared objects alike.
 *
 * Crash safety. libdw allocates, opens files and maps them: it cannot run in a process whose
 * heap may be corrupt (glibc aborts or loops in malloc) or whose malloc lock is held by the
 * thread that crashed. So the crash printer never symbolizes in the crashing process. It
 * captures the pcs (no allocation), then forks a child with the raw fork system call (no
 * atfork handlers, no malloc locks taken, unlike glibc's fork); the child, a copy of the
 * crashed address space, resets its fatal signals to their defaults, builds a fresh Dwfl,
 * formats the trace and writes it into a pipe. The parent reads the pipe into a static
 * buffer with a deadline (CHILD_TIMEOUT_MS) and prints it only if the child exited 0;
 * otherwise — the child's malloc aborted, faulted or hung on a lock copied in the locked
 * state — it kills the child and prints the raw form (dladdr: symbol and module+offset)
 * itself, which allocates nothing. Alternatives rejected: a Dwfl prepared at start-up still
 * allocates while it answers queries; a private malloc arena for libdw would need to hook
 * malloc process-wide. go_stack() and go_panic_stack() run in a healthy process and
 * symbolize in place, with one cached Dwfl behind a mutex (re-reported when a pc falls
 * outside every known module, after a dlopen).
 *
 * Which frames print (Go's showframe). gort's runtime frames — functions named gort__*, and
 * every function of gort's own sources (the compilation units built in gort's directory
 * from src/) — are hidden at GOTRACEBACK none/single/all, as Go hides runtime.* frames,
 * except the public entry points (go_*) a user called, which are shown as Go shows exported
 * runtime functions (runtime.Goexit) and its panic entry (`panic(...)`): a run of panic
 * entries (go_panicf -> go_panic_str -> go_panic_value) collapses to its outermost frame,
 * the one the user called. The frames below main (_start, __libc_start_*) and below a
 * thread's start routine (start_thread, clone3) are Go's runtime.main/goexit: hidden too.
 * GOTRACEBACK=system shows everything, with Go's ` fp=… sp=… pc=…` detail.
 *
 * Elision (Go's tracebackInnerFrames/OuterFrames): more than 100 printed frames print as
 * the first 50, `...N frames elided...`, the last 50. Captures keep the first HEAD physical
 * frames and a ring of the last TAIL, so a runaway recursion costs bounded memory; when the
 * ring wrapped, N counts the physical frames never stored as one frame each.
 */
#define _GNU_SOURCE
#include "internal.h"

#include <dlfcn.h>
#include <dwarf.h>
#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <poll.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>
#include <unwind.h>

/* How long the crash printer waits for its symbolizing child before printing raw frames. */
enum { CHILD_TIMEOUT_MS = 5000 };

/* ---- capture ---------------------------------------------------------------------- */

struct capture {
    gort__trace *t;
    uintptr_t want_pc; /* signal start: drop frames until this pc (0: keep all) */
    uintptr_t from_sp; /* keep from the frame whose caller's sp is >= this ...          */
    bool keep_self;    /* ... or from that frame's callee (the function that asked)      */
    bool started;
    struct gort__pcsp prev;
};

static void trace_add(gort__trace *t, uintptr_t pc, uintptr_t sp)
{
    long i = t->total++;
    struct gort__pcsp *s = i < GORT__TB_HEAD ? &t->head[i]
                                               : &t->tail[(i - GORT__TB_HEAD) % GORT__TB_TAIL];
    s->pc = pc;
    s->sp = sp;
}

/*
 * libgcc calls back once per frame with the frame's pc; _Unwind_GetCFA then gives the CFA of
 * the frame below it (its callee), which is this frame's sp at the call: that is what is
 * recorded, and a function's own CFA is its caller's recorded sp.
 */
static _Unwind_Reason_Code collect(struct _Unwind_Context *ctx, void *arg)
{
    struct capture *c = arg;
    int before = 0;
    uintptr_t pc = _Unwind_GetIPInfo(ctx, &before);
    uintptr_t sp = _Unwind_GetCFA(ctx);
    if (pc == 0)
        return _URC_END_OF_STACK;
    if (!c->started) {
        if (c->want_pc) {
            if (pc != c->want_pc)
                return _URC_NO_REASON;
            c->t->exact0 = true;
        } else if (sp < c->from_sp) {
            c->prev.pc = pc;
            c->prev.sp = sp;
            return _URC_NO_REASON;
        } else if (c->keep_self && c->prev.pc) {
            trace_add(c->t, c->prev.pc, c->prev.sp);
        }
        c->started = true;
    }
    trace_add(c->t, pc, sp);
    /* A stack a million frames deep is not walked to its end: Go prints 100 of them. */
    if (c->t->total >= GORT__TB_MAXWALK)
        return _URC_END_OF_STACK;
    return _URC_NO_REASON;
}

static void trace_reset(gort__trace *t)
{
    t->total = 0;
    t->exact0 = false;
}

__attribute__((noinline)) void gort__traceback_capture(gort__trace *t, const void *fa, bool keep_self)
{
    struct capture c = {t, 0, fa ? (uintptr_t)fa + 16 : 0, keep_self, false, {0, 0}};
    trace_reset(t);
    _Unwind_Backtrace(collect, &c);
}

/* The interrupted frames of a signal context: called inside that signal's handler. */
__attribute__((noinline)) void gort__traceback_capture_uc(gort__trace *t, const ucontext_t *uc)
{
    uintptr_t pc = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
    struct capture c = {t, pc, 0, false, false, {0, 0}};
    trace_reset(t);
    _Unwind_Backtrace(collect, &c);
    if (t->total > 0)
        return;
    /* Not this thread's current signal: the interrupted pc, then the frame-pointer chain,
     * upward only, 16-aligned CFAs, within 64 MiB of the interrupted sp. */
    uintptr_t sp = (uintptr_t)uc->uc_mcontext.gregs[REG_RSP];
    uintptr_t fp = (uintptr_t)uc->uc_mcontext.gregs[REG_RBP];
    trace_add(t, pc, sp);
    t->exact0 = true;
    while (fp >= sp && fp - sp < (64u << 20) && (fp & 7) == 0 && t->total < GORT__TB_MAXWALK) {
        uintptr_t next = ((uintptr_t *)fp)[0], ret = ((uintptr_t *)fp)[1];
        if (ret == 0)
            break;
        trace_add(t, ret, fp + 16);
        if (next <= fp)
            break;
        fp = next;
    }
}

/* The i-th captured physical frame, in stack order, or NULL if it was not kept. */
static const struct gort__pcsp *trace_at(const gort__trace *t, long i)
{
    if (i < GORT__TB_HEAD)
        return &t->head[i];
    long tailfirst = t->total - GORT__TB_TAIL;
    if (tailfirst < GORT__TB_HEAD)
        tailfirst = GORT__TB_HEAD;
    if (i < tailfirst)
        return NULL;
    return &t->tail[(i - GORT__TB_HEAD) % GORT__TB_TAIL];
}

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

/* ---- symbolization ------------------------------------------------------------------- */

static const char *cu_compdir(Dwarf_Die *cu)
{
    Dwarf_Attribute a;
    return dwarf_formstring(dwarf_attr(cu, DW_AT_comp_dir, &a));
}

enum { CACHE_N = 512, CACHE_LF = 4 };

/* gort's own functions are those declared in its source directory (gort_src, found from the
 * declaration of gort__traceback_capture): static helpers such as the panic loop have no
 * gort__ prefix. The declaration's file is used rather than the compilation unit's name
 * because LTO moves functions into artificial units. */
struct sym_ctx {
    Dwfl *dwfl;
    char gort_src[512]; /* "/abs/gort/src/", or empty if unknown */
    char arena[1 << 16]; /* joined paths, kept as long as the cache below refers to them */
    size_t arena_len;
    /* pc -> its logical frames (go_stack's repeated traces): a direct-mapped cache; a pc
     * with more than CACHE_LF inlined levels is not cached. Cleared with the arena. */
    struct {
        uintptr_t pc;
        int n; /* 0: empty */
        gort__lframe lf[CACHE_LF];
    } cache[CACHE_N];
};

/* A relative source path made absolute with its compilation directory, as Go prints paths. */
static const char *abspath(struct sym_ctx *s, Dwarf_Die *cu, const char *file)
{
    if (file == NULL || file[0] == '/' || cu == NULL)
        return file;
    const char *dir = cu_compdir(cu);
    if (dir == NULL)
        return file;
    size_t a = strlen(dir), b = strlen(file);
    if (s->arena_len + a + b + 2 > sizeof s->arena)
        return file;
    char *p = s->arena + s->arena_len;
    memcpy(p, dir, a);
    p[a] = '/';
    memcpy(p + a + 1, file, b + 1);
    s->arena_len += a + b + 2;
    return p;
}

/* The file a function was declared in; libdw 0.188 cannot read Clang's DWARF 5 decl_file
 * (index 0 is the unit's own file there), so the unit's name stands in for it. */
static const char *decl_file(Dwarf_Die *cu, Dwarf_Die *die)
{
    const char *df = dwarf_decl_file(die);
    return df != NULL || cu == NULL ? df : dwarf_diename(cu);
}

/* True if the function die (declared in unit cu) was declared under directory dir/. */
static bool declared_under(Dwarf_Die *cu, Dwarf_Die *die, const char *dir)
{
    const char *df = decl_file(cu, die);
    if (df == NULL || dir[0] == 0)
        return false;
    size_t dl = strlen(dir);
    if (df[0] == '/')
        return strncmp(df, dir, dl) == 0 && strchr(df + dl, '/') == NULL;
    const char *cd = cu ? cu_compdir(cu) : NULL;
    if (cd == NULL)
        return false;
    size_t cl = strlen(cd);
    /* dir == cd + "/" + (the directory part of df) + "/" */
    return cl < dl && strncmp(dir, cd, cl) == 0 && dir[cl] == '/' &&
           strncmp(df, dir + cl + 1, dl - cl - 1) == 0 && strchr(df + (dl - cl - 1), '/') == NULL;
}

static const Dwfl_Callbacks callbacks = {
    .find_elf = dwfl_linux_proc_find_elf,
    .find_debuginfo = dwfl_standard_find_debuginfo,
};

static bool dwfl_report_self(Dwfl *d)
{
    dwfl_report_begin(d);
    int r = dwfl_linux_proc_report(d, getpid());
    return dwfl_report_end(d, NULL, NULL) == 0 && r == 0;
}

/*
 * The compilation unit containing pc. libdw's lookup reads .debug_aranges, which Clang does
 * not emit: without it, walk the units and ask each one's ranges.
 */
static Dwarf_Die *find_cu(Dwfl_Module *m, Dwarf_Addr pc, Dwarf_Addr *bias)
{
    Dwarf_Die *cu = dwfl_module_addrdie(m, pc, bias);
    if (cu != NULL)
        return cu;
    cu = NULL;
    while ((cu = dwfl_module_nextcu(m, cu, bias)) != NULL)
        if (dwarf_haspc(cu, pc - *bias) > 0)
            return cu;
    return NULL;
}

static void sym_open(struct sym_ctx *s)
{
    s->gort_src[0] = 0;
    s->dwfl = dwfl_begin(&callbacks);
    if (s->dwfl == NULL)
        return;
    if (!dwfl_report_self(s->dwfl)) {
        dwfl_end(s->dwfl);
        s->dwfl = NULL;
        return;
    }
    Dwarf_Addr pc = (Dwarf_Addr)(uintptr_t)&gort__traceback_capture, bias;
    Dwfl_Module *m = dwfl_addrmodule(s->dwfl, pc);
    Dwarf_Die *cu = m ? find_cu(m, pc, &bias) : NULL;
    Dwarf_Die *scopes = NULL;
    int n = cu ? dwarf_getscopes(cu, pc - bias, &scopes) : 0;
    const char *df = n > 0 ? decl_file(cu, &scopes[0]) : NULL;
    const char *cd = cu ? cu_compdir(cu) : NULL;
    if (df != NULL) {
        const char *slash = strrchr(df, '/');
        int len = slash ? (int)(slash - df) + 1 : 0;
        if (df[0] == '/')
            snprintf(s->gort_src, sizeof s->gort_src, "%.*s", len, df);
        else if (cd)
            snprintf(s->gort_src, sizeof s->gort_src, "%s/%.*s", cd, len, df);
    }
    free(scopes);
}

static const char *die_name(Dwarf_Die *d)
{
    Dwarf_Attribute a;
    const char *n = dwarf_formstring(dwarf_attr_integrate(d, DW_AT_name, &a));
    return n;
}

static bool prefixed(const char *name, const char *p) { return name && strncmp(name, p, strlen(p)) == 0; }

static unsigned classify(const char *name, bool gort_fn)
{
    if (name == NULL)
        return 0;
    if (prefixed(name, "go_panic") || strcmp(name, "gort__panic_runtime") == 0)
        return GORT__LF_RUNTIME | GORT__LF_PANIC | GORT__LF_PUBLIC;
    if (prefixed(name, "go_"))
        return gort_fn ? GORT__LF_RUNTIME | GORT__LF_PUBLIC : 0;
    if (prefixed(name, "gort__") || gort_fn)
        return GORT__LF_RUNTIME;
    static const char *const below_main[] = {"_start", "__libc_start_call_main", "__libc_start_main",
                                             "__libc_start_main_impl", "start_thread", "clone",
                                             "clone3", "__clone3", "__clone",
                                             "asan_thread_start", "__tsan_thread_start_func"};
    for (size_t i = 0; i < sizeof below_main / sizeof below_main[0]; i++)
        if (strcmp(name, below_main[i]) == 0)
            return GORT__LF_RUNTIME | GORT__LF_BOTTOM;
    return 0;
}

/* Appends the logical frames of one physical pc (innermost inlined call first). */
static int symbolize_pc(struct sym_ctx *s, uintptr_t pc, uintptr_t sp, uintptr_t cfa, bool exact,
                        gort__lframe *out, int max)
{
    uintptr_t at = exact ? pc : pc - 1; /* the call instruction, not the return address */
    gort__lframe base = {0};
    base.pc = pc;
    base.sp = sp;
    base.cfa = cfa;
    base.off = (uintptr_t)-1;
    Dwfl_Module *m = s->dwfl ? dwfl_addrmodule(s->dwfl, at) : NULL;
    if (m == NULL) {
        out[0] = base;
        return 1;
    }
    Dwarf_Addr start = 0, bias = 0;
    const char *modname = dwfl_module_info(m, NULL, &start, NULL, NULL, NULL, NULL, NULL);
    base.module = modname;
    GElf_Off symoff = 0;
    GElf_Sym sym;
    const char *symname = dwfl_module_addrinfo(m, at, &symoff, &sym, NULL, NULL, NULL);
    Dwarf_Die *cu = find_cu(m, at, &bias);
    base.modoff = pc - (uintptr_t)(cu ? bias : 0);
    if (cu == NULL) {
        GElf_Addr b2 = 0;
        if (dwfl_module_getelf(m, &b2))
            base.modoff = pc - (uintptr_t)b2;
    }
    if (symname) {
        base.name = symname;
        base.off = pc - (at - symoff);
    }
    /* file:line of the innermost position */
    const char *file = NULL;
    int lineno = 0;
    Dwarf_Line *line = cu ? dwarf_getsrc_die(cu, at - bias) : NULL;
    if (line) {
        file = dwarf_linesrc(line, NULL, NULL);
        dwarf_lineno(line, &lineno);
    }
    Dwarf_Die *scopes = NULL;
    int ns = cu ? dwarf_getscopes(cu, at - bias, &scopes) : 0;
    int n = 0;
    Dwarf_Files *files = NULL;
    size_t nfiles = 0;
    if (ns > 0 && cu)
        dwarf_getsrcfiles(cu, &files, &nfiles);
    /* dwarf_getscopes continues an inlined instance's scopes with its abstract definition's:
     * the concrete caller is found by asking for the scopes around the inlined DIE itself. */
    for (int i = 0; i < ns && n < max; i++) {
        int tag = dwarf_tag(&scopes[i]);
        if (tag != DW_TAG_subprogram && tag != DW_TAG_inlined_subroutine)
            continue;
        gort__lframe f = base;
        f.name = die_name(&scopes[i]);
        if (f.name == NULL)
            f.name = symname;
        f.file = abspath(s, cu, file);
        f.line = lineno;
        f.flags = classify(f.name, declared_under(cu, &scopes[i], s->gort_src));
        if (tag == DW_TAG_subprogram) {
            out[n++] = f;
            break;
        }
        f.flags |= GORT__LF_INLINED;
        f.off = (uintptr_t)-1;
        out[n++] = f;
        /* The next outer function's position is this call's site. */
        Dwarf_Attribute a;
        Dwarf_Word cf = 0, cl = 0;
        if (dwarf_formudata(dwarf_attr(&scopes[i], DW_AT_call_file, &a), &cf) == 0 && files)
            file = dwarf_filesrc(files, cf, NULL, NULL);
        if (dwarf_formudata(dwarf_attr(&scopes[i], DW_AT_call_line, &a), &cl) == 0)
            lineno = (int)cl;
        Dwarf_Die inl = scopes[i], *outer = NULL;
        int no = dwarf_getscopes_die(&inl, &outer);
        if (no <= 0) {
            free(outer);
            break;
        }
        free(scopes);
        scopes = outer;
        ns = no;
        i = 0; /* outer[0] is the inlined DIE itself: go on from outer[1] */
    }
    free(scopes);
    if (n == 0) {
        base.file = abspath(s, cu, file);
        base.line = lineno;
        base.flags = classify(symname, false);
        out[n++] = base;
    }
    return n;
}

/* symbolize_pc through the cache (exact pcs, from signal contexts, are not cached). */
static int symbolize(struct sym_ctx *s, uintptr_t pc, uintptr_t sp, uintptr_t cfa, bool exact,
                     gort__lframe *out, int max)
{
    unsigned slot = (unsigned)((pc >> 2) ^ (pc >> 11)) % CACHE_N;
    if (!exact && s->cache[slot].n > 0 && s->cache[slot].pc == pc && s->cache[slot].n <= max) {
        int n = s->cache[slot].n;
        for (int i = 0; i < n; i++) {
            out[i] = s->cache[slot].lf[i];
            out[i].sp = sp;
            out[i].cfa = cfa;
        }
        return n;
    }
    if (s->arena_len > sizeof s->arena - 4096) { /* the paths may run out: start again */
        s->arena_len = 0;
        for (int i = 0; i < CACHE_N; i++)
            s->cache[i].n = 0;
    }
    int n = symbolize_pc(s, pc, sp, cfa, exact, out, max);
    if (!exact && n <= CACHE_LF) {
        s->cache[slot].pc = pc;
        s->cache[slot].n = n;
        memcpy(s->cache[slot].lf, out, (size_t)n * sizeof *out);
    }
    return n;
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

/* The sp of physical frame i's caller: frame i's CFA (0 when not stored). */
static uintptr_t cfa_of(const gort__trace *t, long i)
{
    const struct gort__pcsp *p = i + 1 < t->total ? trace_at(t, i + 1) : NULL;
    return p ? p->sp : 0;
}

static void format_trace(struct sym_ctx *s, gort__w *w, const gort__trace *t, int level,
                         bool cut_panic)
{
    bool system = level >= GORT__TB_SYSTEM;
    int n = 0;
    long stored_head = t->total < GORT__TB_HEAD ? t->total : GORT__TB_HEAD;
    bool exact = t->exact0;
    for (long i = 0; i < stored_head && n < LF_MAX - 16; i++) {
        int k = symbolize(s, t->head[i].pc, t->head[i].sp, cfa_of(t, i), exact, lf_buf + n, 16);
        /* Below gort__sigpanic (a fault made into a call by the signal handler, Go's
         * sigpanic) the "return address" is the faulting instruction itself. */
        exact = k > 0 && lf_buf[n + k - 1].name && strcmp(lf_buf[n + k - 1].name, "gort__sigpanic") == 0;
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
            const struct gort__pcsp *p = trace_at(t, i);
            m += symbolize(s, p->pc, p->sp, cfa_of(t, i), false, lf_buf + m, 16);
        }
        nt = gort__tb_filter(lf_buf + nh, m - nh, level, false);
    }
    gort__tb_print_frames(w, lf_buf, nh, lf_buf + nh, nt, skipped, system);
}

/* The raw form, for a crash whose symbolizing child failed: no allocation. */
static void format_raw(gort__w *w, const gort__trace *t, bool system)
{
    static gort__lframe raw[GORT__TB_HEAD + GORT__TB_TAIL];
    int n = 0;
    long skipped = 0;
    for (long i = 0; i < t->total; i++) {
        const struct gort__pcsp *p = trace_at(t, i);
        if (p == NULL) {
            skipped++;
            continue;
        }
        gort__lframe f = {0};
        f.pc = p->pc;
        f.sp = p->sp;
        f.cfa = cfa_of(t, i);
        f.off = (uintptr_t)-1;
        Dl_info info;
        struct link_map *lm = NULL;
        void *at = (void *)(p->pc - (i == 0 && t->exact0 ? 0 : 1));
        if (dladdr1(at, &info, (void **)&lm, RTLD_DL_LINKMAP) && info.dli_fname) {
            f.name = info.dli_sname;
            f.module = info.dli_fname[0] ? info.dli_fname : "?";
            f.modoff = p->pc - (lm ? lm->l_addr : 0);
        }
        raw[n++] = f;
    }
    long head = n < GORT__TB_HEAD ? n : GORT__TB_HEAD;
    gort__tb_print_frames(w, raw, (int)head, raw + head, n - (int)head, skipped, system);
}

/* ---- the crash printer: symbolize in a child ------------------------------------------ */

static char child_out[1 << 18]; /* under child_mu */

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static _Noreturn void child_main(int fd, const gort__trace *t, int level, bool cut_panic)
{
    static const int fatal[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP, SIGSYS};
    for (size_t i = 0; i < sizeof fatal / sizeof fatal[0]; i++)
        signal(fatal[i], SIG_DFL);
    /* What a failing malloc or libdw says goes nowhere: the parent prints the report. */
    int nul = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (nul >= 0)
        dup2(nul, 2);
    static struct sym_ctx s;
    sym_open(&s);
    char buf[4096];
    gort__w w = {buf, sizeof buf, 0, fd};
    format_trace(&s, &w, t, level, cut_panic);
    gort__wputs(&w, "\x01"); /* complete */
    gort__wflush(&w);
    /* The raw system call: nothing of the parent's (stdio buffers, atexit handlers, a
     * sanitizer's exit hooks) may run twice. */
    for (;;)
        syscall(SYS_exit_group, 0);
}

/* child_out is shared by the crash printer and the panic hook's capture (two threads may be
 * panicking at once). A thread that cannot take it within a second (its holder crashed while
 * holding it, or is stuck) prints raw frames instead of waiting forever. */
static pthread_mutex_t child_mu = PTHREAD_MUTEX_INITIALIZER;

static bool child_lock(void)
{
    for (int i = 0; i < 1000; i++) {
        if (pthread_mutex_trylock(&child_mu) == 0)
            return true;
        struct timespec ts = {0, 1000000};
        nanosleep(&ts, NULL);
    }
    return false;
}

static void print_via_child(gort__w *w, const gort__trace *t, int level, bool cut_panic);

void gort__traceback_print(gort__w *w, const gort__trace *t, int level, bool cut_panic)
{
    if (!child_lock()) {
        format_raw(w, t, level >= GORT__TB_SYSTEM);
        return;
    }
    print_via_child(w, t, level, cut_panic);
    pthread_mutex_unlock(&child_mu);
}

static void print_via_child(gort__w *w, const gort__trace *t, int level, bool cut_panic)
{
    bool system = level >= GORT__TB_SYSTEM;
    int p[2];
    if (pipe2(p, O_CLOEXEC) != 0) {
        format_raw(w, t, system);
        return;
    }
    pid_t pid = (pid_t)syscall(SYS_fork);
    if (pid == 0) {
        close(p[0]);
        child_main(p[1], t, level, cut_panic);
    }
    close(p[1]);
    size_t len = 0;
    bool complete = false;
    if (pid > 0) {
        long deadline = now_ms() + CHILD_TIMEOUT_MS;
        for (;;) {
            long left = deadline - now_ms();
            if (left <= 0)
                break;
            struct pollfd pf = {p[0], POLLIN, 0};
            int r = poll(&pf, 1, (int)left);
            if (r < 0 && errno == EINTR)
                continue;
            if (r <= 0)
                break;
            ssize_t k = read(p[0], child_out + len, sizeof child_out - len);
            if (k < 0 && errno == EINTR)
                continue;
            if (k <= 0)
                break;
            len += (size_t)k;
            if (len == sizeof child_out)
                break;
        }
        complete = len > 0 && child_out[len - 1] == '\x01';
        kill(pid, SIGKILL);
        int st;
        while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
            ;
    }
    close(p[0]);
    if (complete) {
        gort__wputn(w, child_out, len - 1);
        return;
    }
    format_raw(w, t, system);
}

/* ---- in-process symbolization (go_stack, go_panic_stack) ----------------------------- */

static pthread_mutex_t sym_mu = PTHREAD_MUTEX_INITIALIZER;
static struct sym_ctx cached; /* its arena is large: static */
static bool cached_open;

static void format_in_process(gort__w *w, const gort__trace *t, bool cut_panic)
{
    pthread_mutex_lock(&sym_mu);
    if (!cached_open) {
        sym_open(&cached);
        cached_open = true;
    } else if (cached.dwfl) {
        /* A library loaded since the Dwfl was built: report the modules again. */
        for (long i = 0; i < t->total && i < GORT__TB_HEAD; i++)
            if (dwfl_addrmodule(cached.dwfl, t->head[i].pc - 1) == NULL) {
                dwfl_report_self(cached.dwfl);
                break;
            }
    }
    format_trace(&cached, w, t, GORT__TB_SINGLE, cut_panic);
    pthread_mutex_unlock(&sym_mu);
}

static size_t stack_into(char *buf, size_t n, const gort__trace *t, bool cut_panic)
{
    char tmp[1];
    gort__w w = {n ? buf : tmp, n ? n : 1, 0, -1};
    G *g = gort__getg();
    gort__wputs(&w, "goroutine ");
    gort__wint(&w, g->goid);
    gort__wputs(&w, " [running]:\n");
    format_in_process(&w, t, cut_panic);
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
