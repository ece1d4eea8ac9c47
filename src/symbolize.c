/*
 * symbolize.c — one program counter to its logical frames: the function (and the functions
 * inlined into it at that pc, innermost first), file:line, the offset from the function's
 * entry, the module and its module-relative address; and which of them are gort's own.
 *
 * Library. libdw (elfutils): a Dwfl over /proc/self/maps (every loaded module, shared
 * libraries included), dwarf_getsrc_die for file:line, a walk of the unit's DIEs for the
 * chain of inlined subroutines at a pc (fn_chain: each DW_TAG_inlined_subroutine's
 * DW_AT_call_file/call_line is the position in the next outer function), the ELF symbol table for names when a module has
 * no DWARF. Without any symbol the position is the module and OFF, the address in the ELF
 * file's own numbering (pc minus the load bias; for a return address, of the call instruction
 * before it: pc - 1, as for the line), which is what `addr2line -e module 0xOFF` takes, for
 * PIE, non-PIE and shared objects alike (tests/addr2line).
 *
 * gort's own frames (Go's runtime frames, hidden at GOTRACEBACK below system): functions named
 * gort__*, and every function declared in gort's source directory (static helpers such as the
 * panic loop have no prefix); public entry points (go_*) are marked so the printer shows them
 * as Go shows exported runtime functions, panic entries so it shows them as Go's `panic`; the
 * frames below main and below a thread's start routine are Go's runtime.main/goexit.
 *
 * libdw allocates, opens and maps files: nothing here may run in a crashing process. The crash
 * printer calls it in a forked child (symchild.c, gort__sym_fresh); go_stack and go_panic_stack
 * share one session behind a mutex (gort__sym_shared_lock), whose cache of symbolized pcs makes
 * repeated traces cheap. Strings handed out point into libdw's mapped data or the session's
 * arena and live as long as the session.
 */
#define _GNU_SOURCE
#include "traceback.h"

#include <dwarf.h>
#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
struct gort__sym {
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
static const char *abspath(gort__sym *s, Dwarf_Die *cu, const char *file)
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

enum { FN_MAX = 32 };

/* Tags whose children may hold code: where the walk below descends. */
static bool holds_code(int tag)
{
    switch (tag) {
    case DW_TAG_subprogram:
    case DW_TAG_inlined_subroutine:
    case DW_TAG_lexical_block:
    case DW_TAG_try_block:
    case DW_TAG_catch_block:
    case DW_TAG_with_stmt:
    case DW_TAG_entry_point:
    case DW_TAG_namespace:
    case DW_TAG_module:
        return true;
    default:
        return false;
    }
}

/*
 * The functions at pc in unit cu, innermost first: the inlined instances (one per
 * DW_TAG_inlined_subroutine containing pc), then the concrete function (DW_TAG_subprogram).
 * A walk of our own down the DIEs whose ranges contain pc, rather than libdw's
 * dwarf_getscopes: that one continues an inlined instance with the scopes of its abstract
 * definition and looks for that definition only in the instance's own unit. GCC's LTO units
 * (LTRANS, named "<artificial>") hold the concrete code and refer, by DW_FORM_ref_addr, to
 * abstract definitions in the early-debug unit of each source file: dwarf_getscopes (libdw
 * 0.188) then finds no origin and returns no scope at all, and every inlined call was lost
 * under -flto. Names and declarations are read through the abstract origins
 * (dwarf_attr_integrate, dwarf_decl_file), which follow references across units.
 */
static int fn_chain(Dwarf_Die *cu, Dwarf_Addr pc, Dwarf_Die out[FN_MAX])
{
    Dwarf_Die path[FN_MAX];
    int n = 0;
    Dwarf_Die cur = *cu, child;
    while (n < FN_MAX && dwarf_child(&cur, &child) == 0) {
        bool found = false;
        do {
            if (holds_code(dwarf_tag(&child)) && dwarf_haspc(&child, pc) > 0) {
                found = true;
                break;
            }
        } while (dwarf_siblingof(&child, &child) == 0);
        if (!found)
            break;
        int tag = dwarf_tag(&child);
        if (tag == DW_TAG_subprogram || tag == DW_TAG_inlined_subroutine)
            path[n++] = child;
        cur = child;
    }
    for (int i = 0; i < n; i++)
        out[i] = path[n - 1 - i];
    return n;
}

static void sym_open(gort__sym *s)
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
    Dwarf_Die chain[FN_MAX];
    int n = cu ? fn_chain(cu, pc - bias, chain) : 0;
    const char *df = n > 0 ? decl_file(cu, &chain[n - 1]) : NULL;
    const char *cd = cu ? cu_compdir(cu) : NULL;
    if (df != NULL) {
        const char *slash = strrchr(df, '/');
        int len = slash ? (int)(slash - df) + 1 : 0;
        if (df[0] == '/')
            snprintf(s->gort_src, sizeof s->gort_src, "%.*s", len, df);
        else if (cd)
            snprintf(s->gort_src, sizeof s->gort_src, "%s/%.*s", cd, len, df);
    }
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
static int symbolize_pc(gort__sym *s, uintptr_t pc, uintptr_t sp, uintptr_t cfa, bool exact,
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
    /* Of the call instruction, as the line is: `addr2line -e module 0xOFF` then names the
     * call's line, where the return address can belong to the next statement. */
    base.modoff = at - (uintptr_t)(cu ? bias : 0);
    if (cu == NULL) {
        GElf_Addr b2 = 0;
        if (dwfl_module_getelf(m, &b2))
            base.modoff = at - (uintptr_t)b2;
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
    Dwarf_Die chain[FN_MAX];
    int ns = cu ? fn_chain(cu, at - bias, chain) : 0;
    int n = 0;
    Dwarf_Files *files = NULL;
    size_t nfiles = 0;
    if (ns > 0)
        dwarf_getsrcfiles(cu, &files, &nfiles);
    for (int i = 0; i < ns && n < max; i++) {
        gort__lframe f = base;
        f.name = die_name(&chain[i]);
        if (f.name == NULL)
            f.name = symname;
        f.file = abspath(s, cu, file);
        f.line = lineno;
        f.flags = classify(f.name, declared_under(cu, &chain[i], s->gort_src));
        if (dwarf_tag(&chain[i]) == DW_TAG_subprogram) {
            out[n++] = f;
            break;
        }
        f.flags |= GORT__LF_INLINED;
        f.off = (uintptr_t)-1;
        out[n++] = f;
        /* The next outer function's position is this call's site. */
        Dwarf_Attribute a;
        Dwarf_Word cf = 0, cl = 0;
        if (dwarf_formudata(dwarf_attr(&chain[i], DW_AT_call_file, &a), &cf) == 0 && files)
            file = dwarf_filesrc(files, cf, NULL, NULL);
        if (dwarf_formudata(dwarf_attr(&chain[i], DW_AT_call_line, &a), &cl) == 0)
            lineno = (int)cl;
    }
    if (n == 0) {
        base.file = abspath(s, cu, file);
        base.line = lineno;
        base.flags = classify(symname, false);
        out[n++] = base;
    }
    return n;
}

/* symbolize_pc through the cache (exact pcs, from signal contexts, are not cached). */
static int symbolize(gort__sym *s, uintptr_t pc, uintptr_t sp, uintptr_t cfa, bool exact,
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

/* ---- sessions ------------------------------------------------------------------------ */

int gort__sym_frames(gort__sym *s, uintptr_t pc, uintptr_t sp, uintptr_t cfa, bool exact,
                     gort__lframe *out, int max)
{
    return symbolize(s, pc, sp, cfa, exact, out, max);
}

gort__sym *gort__sym_fresh(void)
{
    static gort__sym s; /* its arena is large: static */
    sym_open(&s);
    return &s;
}

static pthread_mutex_t shared_mu = PTHREAD_MUTEX_INITIALIZER;
static gort__sym shared;
static bool shared_open;

gort__sym *gort__sym_shared_lock(const gort__trace *t)
{
    pthread_mutex_lock(&shared_mu);
    if (!shared_open) {
        sym_open(&shared);
        shared_open = true;
    } else if (shared.dwfl && t != NULL) {
        /* A library loaded since the Dwfl was built: report the modules again. */
        for (long i = 0; i < t->total && i < GORT__TB_HEAD; i++)
            if (dwfl_addrmodule(shared.dwfl, t->head[i].pc - 1) == NULL) {
                dwfl_report_self(shared.dwfl);
                break;
            }
    }
    return &shared;
}

void gort__sym_shared_unlock(void) { pthread_mutex_unlock(&shared_mu); }

/* A frame's name, for the fatal errors about frames: the innermost function (an inlined one if
 * the landing lies in inlined code) at the frame's landing address; NULL if that address is in
 * no function the symbol tables know. */
const char *gort__frame_name_or_null(const struct gort__frame *f, char *buf, size_t n)
{
    uintptr_t pc = (uintptr_t)f->jb[GORT__JB_PC];
    gort__lframe lf[16];
    gort__sym *s = gort__sym_shared_lock(NULL);
    int k = gort__sym_frames(s, pc, 0, 0, true, lf, 16);
    const char *name = k > 0 && lf[0].name ? (snprintf(buf, n, "%s", lf[0].name), buf) : NULL;
    gort__sym_shared_unlock();
    return name;
}

const char *gort__frame_name(const struct gort__frame *f, char *buf, size_t n)
{
    if (gort__frame_name_or_null(f, buf, n) == NULL)
        snprintf(buf, n, "the function at %#lx", (unsigned long)(uintptr_t)f->jb[GORT__JB_PC]);
    return buf;
}
