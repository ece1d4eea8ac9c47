/*
 * symheap.c — the symbolizing child's own heap: malloc and its relatives for a forked copy of
 * a process whose allocator cannot be trusted.
 *
 * The crash printer's child (symchild.c) is forked with the raw system call from a process
 * that may have other threads. Each lock of the parent's allocator is copied in the state it
 * had at that instant, and a lock held by another thread then is held forever in the child,
 * whose only thread is the forking one. glibc's malloc (a cross-thread free takes the owning
 * arena's lock) and far more often ASan's (one lock per size class, shared by every thread)
 * are held for a moment by any thread that allocates: a goroutine thread freeing the goroutine
 * that just finished while the main thread crashed left chan_select_send_closed's child
 * waiting on ASan's size-class lock in about one run in three, and the report printed raw
 * after the 15 s deadline. A corrupt heap fails the same way. So the child must not use the
 * parent's allocator at all.
 *
 * It does not: before anything else, the child points every loaded module's GOT slots for
 * the allocating functions (malloc, calloc, realloc, free and the aligned forms; strdup,
 * strndup and realpath, which ASan's interceptors serve from its allocator directly) at the
 * functions below, which carve blocks from private anonymous memory (and dlopen at one that
 * loads nothing: a module loaded now would use the parent's allocator). glibc's own calls to
 * malloc go through its GOT (they are interposable) and are redirected too. The child is
 * single-threaded, short-lived and serves one report, so the heap is a bump allocator: free
 * does nothing, realloc grows the newest block in place or copies. Only the child's address
 * space is changed: the parent's GOT pages are its own (copy on write).
 *
 * The modules are read from the dynamic linker's list (_r_debug), not dl_iterate_phdr, whose
 * lock another thread may have held at the fork. ELF64 with RELA relocations (x86-64).
 */
#define _GNU_SOURCE
#include "traceback.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <link.h>
#include <malloc.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#if !defined(__x86_64__)
#error "symheap.c patches x86-64 GOT slots (R_X86_64_JUMP_SLOT, R_X86_64_GLOB_DAT)"
#endif

enum { ALIGN = 16 };

/* [base, limit): the heap's one mapping; [base, cur) is handed out; last is the newest block. */
static char *base, *cur, *limit, *last;

/* The header before each block: its size, for realloc. 16 bytes, so blocks stay aligned. */
struct hdr {
    size_t size, unused;
};

static bool heap_map(void)
{
    /* Reserved, not committed: the pages cost memory only once touched. */
    for (size_t n = (size_t)1 << 32; n >= (size_t)16 << 20; n /= 2) {
        void *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (p != MAP_FAILED) {
            base = cur = p;
            limit = base + n;
            return true;
        }
    }
    return false;
}

static bool ours(const void *p) { return (const char *)p >= base && (const char *)p < cur; }

static void *heap_alloc(size_t n, size_t align)
{
    if (base == NULL && !heap_map()) {
        errno = ENOMEM;
        return NULL;
    }
    if (align < ALIGN)
        align = ALIGN;
    uintptr_t p = ((uintptr_t)cur + sizeof(struct hdr) + align - 1) & ~(uintptr_t)(align - 1);
    if (p > (uintptr_t)limit || n > (uintptr_t)limit - p) {
        errno = ENOMEM;
        return NULL;
    }
    ((struct hdr *)p - 1)->size = n;
    last = (char *)p;
    cur = (char *)p + n;
    return (void *)p;
}

static void *heap_malloc(size_t n) { return heap_alloc(n, ALIGN); }

static void heap_free(void *p) { (void)p; }

static void *heap_calloc(size_t k, size_t n)
{
    size_t total;
    if (__builtin_mul_overflow(k, n, &total)) {
        errno = ENOMEM;
        return NULL;
    }
    void *p = heap_alloc(total, ALIGN);
    return p ? memset(p, 0, total) : NULL; /* a shrunk block's old bytes may lie past cur */
}

static void *heap_realloc(void *p, size_t n)
{
    if (p == NULL)
        return heap_alloc(n, ALIGN);
    if (ours(p)) {
        struct hdr *h = (struct hdr *)p - 1;
        if (n <= h->size) {
            h->size = n;
            return p;
        }
        if (p == last && n <= (size_t)(limit - (char *)p)) {
            h->size = n;
            cur = (char *)p + n;
            return p;
        }
    }
    /* A block from before the fork: the parent's allocator knows its size. */
    size_t old = ours(p) ? ((struct hdr *)p - 1)->size : malloc_usable_size(p);
    void *q = heap_alloc(n, ALIGN);
    if (q != NULL)
        memcpy(q, p, old < n ? old : n);
    return q;
}

static void *heap_reallocarray(void *p, size_t k, size_t n)
{
    size_t total;
    if (__builtin_mul_overflow(k, n, &total)) {
        errno = ENOMEM;
        return NULL;
    }
    return heap_realloc(p, total);
}

static int heap_posix_memalign(void **out, size_t align, size_t n)
{
    if (align % sizeof(void *) != 0 || (align & (align - 1)) != 0)
        return EINVAL;
    void *p = heap_alloc(n, align);
    if (p == NULL)
        return ENOMEM;
    *out = p;
    return 0;
}

static void *heap_memalign(size_t align, size_t n)
{
    if ((align & (align - 1)) != 0) {
        errno = EINVAL;
        return NULL;
    }
    return heap_alloc(n, align);
}

static void *heap_valloc(size_t n) { return heap_alloc(n, (size_t)getpagesize()); }

static char *copy(const char *s, size_t n)
{
    char *p = heap_alloc(n + 1, ALIGN);
    if (p != NULL) {
        memcpy(p, s, n);
        p[n] = 0;
    }
    return p;
}

static char *heap_strndup(const char *s, size_t max) { return copy(s, strnlen(s, max)); }

static char *heap_strdup(const char *s) { return copy(s, strlen(s)); }

/* The file that path names, all symbolic links resolved: what the kernel says the open file
 * is. (glibc's realpath would allocate from this heap too; ASan's wrapper of it does not.) */
static char *heap_realpath(const char *path, char *resolved)
{
    int fd = open(path, O_PATH | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    char link[32];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    char *out = resolved ? resolved : heap_alloc(PATH_MAX, ALIGN);
    ssize_t k = out ? readlink(link, out, PATH_MAX - 1) : -1;
    int e = errno;
    close(fd);
    if (k < 0) {
        errno = e;
        return NULL;
    }
    out[k] = 0;
    return out;
}

/* The child loads no module. One loaded now would call the parent's allocator (its GOT slots
 * were not routed here: libdebuginfod's libcurl freed a block of this heap, and glibc aborted
 * the child), and dlopen takes the dynamic loader's locks, which another thread may have held
 * at the fork (symchild.c). The only dlopen the symbolizer makes is libdw's of libdebuginfod,
 * and it does without. */
static void *heap_dlopen(const char *file, int mode)
{
    (void)file;
    (void)mode;
    return NULL;
}

static const struct {
    const char *name;
    void *fn;
} repl[] = {
    {"malloc", (void *)heap_malloc},
    {"free", (void *)heap_free},
    {"cfree", (void *)heap_free},
    {"calloc", (void *)heap_calloc},
    {"realloc", (void *)heap_realloc},
    {"reallocarray", (void *)heap_reallocarray},
    {"posix_memalign", (void *)heap_posix_memalign},
    {"aligned_alloc", (void *)heap_memalign},
    {"memalign", (void *)heap_memalign},
    {"valloc", (void *)heap_valloc},
    {"pvalloc", (void *)heap_valloc},
    {"strdup", (void *)heap_strdup},
    {"__strdup", (void *)heap_strdup},
    {"strndup", (void *)heap_strndup},
    {"__strndup", (void *)heap_strndup},
    {"realpath", (void *)heap_realpath},
    {"dlopen", (void *)heap_dlopen},
};

static void *replacement(const char *name)
{
    for (size_t i = 0; i < sizeof repl / sizeof repl[0]; i++)
        if (strcmp(name, repl[i].name) == 0)
            return repl[i].fn;
    return NULL;
}

/* The dynamic linker relocates a module's DT_* addresses in place, except in read-only
 * dynamic sections (the vDSO's): an address below the load bias is still unrelocated. */
static uintptr_t dyn_addr(const struct link_map *l, ElfW(Addr) a)
{
    return a != 0 && a < l->l_addr ? a + l->l_addr : a;
}

static void patch_relocs(const struct link_map *l, const ElfW(Sym) *symtab, const char *strtab,
                         const ElfW(Rela) *r, size_t bytes)
{
    long page = getpagesize();
    for (const ElfW(Rela) *end = (const void *)((const char *)r + bytes); r < end; r++) {
        unsigned type = ELF64_R_TYPE(r->r_info);
        if (type != R_X86_64_JUMP_SLOT && type != R_X86_64_GLOB_DAT)
            continue;
        void *fn = replacement(strtab + symtab[ELF64_R_SYM(r->r_info)].st_name);
        if (fn == NULL)
            continue;
        void **slot = (void **)(l->l_addr + r->r_offset);
        /* RELRO made the GOT read-only; this is the child's copy of the page. */
        uintptr_t pg = (uintptr_t)slot & ~(uintptr_t)(page - 1);
        if (mprotect((void *)pg, (size_t)page, PROT_READ | PROT_WRITE) == 0)
            *slot = fn;
    }
}

static void patch_module(const struct link_map *l)
{
    uintptr_t symtab = 0, strtab = 0, rela = 0, jmprel = 0;
    size_t relasz = 0, pltrelsz = 0;
    for (const ElfW(Dyn) *d = l->l_ld; d != NULL && d->d_tag != DT_NULL; d++)
        switch (d->d_tag) {
        case DT_SYMTAB: symtab = dyn_addr(l, d->d_un.d_ptr); break;
        case DT_STRTAB: strtab = dyn_addr(l, d->d_un.d_ptr); break;
        case DT_RELA: rela = dyn_addr(l, d->d_un.d_ptr); break;
        case DT_RELASZ: relasz = d->d_un.d_val; break;
        case DT_JMPREL: jmprel = dyn_addr(l, d->d_un.d_ptr); break;
        case DT_PLTRELSZ: pltrelsz = d->d_un.d_val; break;
        }
    if (symtab == 0 || strtab == 0)
        return;
    if (rela != 0)
        patch_relocs(l, (const void *)symtab, (const char *)strtab, (const void *)rela, relasz);
    if (jmprel != 0)
        patch_relocs(l, (const void *)symtab, (const char *)strtab, (const void *)jmprel, pltrelsz);
}

void gort__symheap_install(void)
{
    for (const struct link_map *l = _r_debug.r_map; l != NULL; l = l->l_next)
        patch_module(l);
}

bool gort__symheap_owns(const void *p) { return base != NULL && ours(p); }
