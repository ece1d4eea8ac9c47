/*
 * stack.c — goroutine stacks: where they come from, their guard regions, and the layout of a
 * new goroutine's first frame.
 *
 * Design
 * ------
 * Go grows its stacks by copying them, which C cannot do (pointers into the stack are
 * everywhere). gort gives each goroutine a fixed-size stack (GORT_STACK_SIZE, default 256 KiB,
 * or go_set_stack_size) of which only the touched pages cost memory: a parked goroutine that
 * used 3 KiB of stack costs one page plus its g, which is what keeps 100k parked goroutines
 * within ~5 KB each.
 *
 * One slot is a guard region below the stack:
 *
 *     low  [ guard 4 KiB | stack ............................ ] high
 *                         ^stack_lo                   stack_hi^  <- first frame here
 *
 * Slots are carved from reservations of many slots (one mmap each, MAP_NORESERVE), because the
 * kernel limits mappings per process (vm.max_map_count, 65530 by default) and an mprotect'd
 * guard page splits a mapping in three: every guarded stack costs two mappings, so guard pages
 * made with mprotect stop near 32k stacks. Three ways to guard, tried in order:
 *   1. madvise(MADV_GUARD_INSTALL) (Linux 6.13+): a guard region inside the mapping that costs
 *      no mapping at all. Every stack is guarded and 100k stacks take ~100/64 mappings.
 *   2. mprotect(PROT_NONE) while the process stays well below vm.max_map_count (the budget
 *      leaves a quarter of the limit and 16k mappings to the rest of the program).
 *   3. beyond that budget: no guard page; a canary word at stack_lo that the scheduler checks
 *      each time the goroutine switches out, so an overflow is reported late (fatal error
 *      naming the goroutine) instead of never. GORT_STACK_GUARD=strict makes running out of
 *      the budget a fatal error instead.
 * If mmap itself fails, the fatal error names both limits it may have hit: memory (ENOMEM with
 * overcommit) and vm.max_map_count, with the process's current mapping count.
 *
 * A dead goroutine keeps its stack (sched.c's per-worker free list is the stack cache); a
 * stack leaves the cache through gort__stack_free, which returns its pages to the kernel
 * (MADV_DONTNEED) and its slot to the free-slot list here. Slots are never unmapped.
 *
 * Valgrind is told about every stack (VALGRIND_STACK_REGISTER) when its headers are present.
 */
#define _GNU_SOURCE
#include "gsched.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#define GORT_VALGRIND 1
#endif
#endif

#ifndef MADV_GUARD_INSTALL
#define MADV_GUARD_INSTALL 102
#endif

enum {
    GUARD = 4096,
    SLOTS_PER_RESERVATION = 64,     /* at most, per mmap */
    RESERVATION_BYTES = 32 << 20,   /* ... and about this much address space */
    STACK_MIN = 16 * 1024,
    DEFAULT_STACK = 256 * 1024,
};
#define STACK_CANARY GORT__STACK_CANARY

static gort__lock_t stk_lock;
static size_t stack_size;        /* usable bytes of new stacks; 0 until configured */
struct slot {
    char *base;   /* the guard region's start; the stack follows it */
    size_t size;  /* usable stack bytes */
    bool guarded;
};
static struct slot *free_slots;  /* slots with no stack in use; under stk_lock */
static size_t nfree, capfree;
static char *res_next, *res_end; /* unused part of the current reservation */
static size_t res_slot;          /* slot size of the current reservation */
static enum { G_UNKNOWN, G_MADVISE, G_MPROTECT } guard_mode;
static long map_budget;          /* mprotect-guarded stacks we may still make */
static bool guard_strict;

static size_t page_round(size_t n) { return (n + 4095) & ~(size_t)4095; }

static long read_max_map_count(void)
{
    long v = 65530;
    FILE *f = fopen("/proc/sys/vm/max_map_count", "r");
    if (f) {
        if (fscanf(f, "%ld", &v) != 1)
            v = 65530;
        fclose(f);
    }
    return v;
}

static long count_mappings(void)
{
    FILE *f = fopen("/proc/self/maps", "r");
    if (!f)
        return -1;
    long n = 0;
    int c;
    while ((c = getc(f)) != EOF)
        n += c == '\n';
    fclose(f);
    return n;
}

/* Parses a size: bytes, or with a K/M/G suffix. 0 if malformed. */
static size_t parse_size(const char *s)
{
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    switch (*end) {
    case 'k': case 'K': v <<= 10; end++; break;
    case 'm': case 'M': v <<= 20; end++; break;
    case 'g': case 'G': v <<= 30; end++; break;
    default: break;
    }
    if ((*end == 'b' || *end == 'B') && end[1] == 0)
        end++;
    return *end == 0 && end != s ? (size_t)v : 0;
}

size_t gort__stack_size(void)
{
    size_t s = __atomic_load_n(&stack_size, __ATOMIC_RELAXED);
    if (s)
        return s;
    const char *e = getenv("GORT_STACK_SIZE");
    s = e ? parse_size(e) : 0;
    if (e && s == 0)
        gort__fatalf("GORT_STACK_SIZE=%s: not a size (bytes, or with a K, M or G suffix)", e);
    if (s == 0)
        s = DEFAULT_STACK;
    if (s < STACK_MIN)
        s = STACK_MIN;
    s = page_round(s);
    size_t z = 0;
    __atomic_compare_exchange_n(&stack_size, &z, s, false, __ATOMIC_RELAXED, __ATOMIC_RELAXED);
    return __atomic_load_n(&stack_size, __ATOMIC_RELAXED);
}

size_t go_set_stack_size(size_t bytes)
{
    size_t prev = gort__stack_size();
    if (bytes) {
        if (bytes < STACK_MIN)
            bytes = STACK_MIN;
        __atomic_store_n(&stack_size, page_round(bytes), __ATOMIC_RELAXED);
    }
    return prev;
}

static _Noreturn void no_memory(const char *what, size_t bytes, int err)
{
    gort__fatalf("runtime: cannot allocate goroutine stack (%s of %zu bytes: %s); the limits are "
                 "memory (overcommit, RLIMIT_AS) and vm.max_map_count=%ld (this process has %ld "
                 "mappings); a smaller GORT_STACK_SIZE or fewer live goroutines may help",
                 what, bytes, strerror(err), read_max_map_count(), count_mappings());
}

/* One slot: a guard region and `size` bytes of stack. Called with stk_lock held. */
static char *new_slot(size_t size)
{
    size_t slot = GUARD + size;
    if (res_next == NULL || res_slot != slot || res_next + slot > res_end) {
        size_t nslots = RESERVATION_BYTES / slot;
        nslots = nslots < 1 ? 1 : nslots > SLOTS_PER_RESERVATION ? SLOTS_PER_RESERVATION : nslots;
        size_t len = slot * nslots;
        void *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (p == MAP_FAILED)
            no_memory("mmap", len, errno);
        res_next = p;
        res_end = res_next + len;
        res_slot = slot;
    }
    char *s = res_next;
    res_next += slot;
    return s;
}

/* Installs the guard region of a fresh slot; false if the slot stays unguarded. */
static bool guard(char *slot)
{
    if (guard_mode == G_UNKNOWN) {
        /* GORT_STACK_GUARD=mprotect takes the older kernels' path (tests use it). */
        const char *e = getenv("GORT_STACK_GUARD");
        guard_strict = e && strcmp(e, "strict") == 0;
        bool force = e && strcmp(e, "mprotect") == 0;
        guard_mode = !force && madvise(slot, GUARD, MADV_GUARD_INSTALL) == 0 ? G_MADVISE
                                                                             : G_MPROTECT;
        if (guard_mode == G_MADVISE)
            return true;
        long max = read_max_map_count();
        map_budget = (max - max / 4 - 16384) / 2;
        if (map_budget < 0)
            map_budget = 0;
    }
    if (guard_mode == G_MADVISE)
        return madvise(slot, GUARD, MADV_GUARD_INSTALL) == 0;
    if (map_budget > 0 && mprotect(slot, GUARD, PROT_NONE) == 0) {
        map_budget--;
        return true;
    }
    if (guard_strict)
        gort__fatalf("runtime: cannot guard another goroutine stack: vm.max_map_count=%ld allows "
                     "no more guard pages (this process has %ld mappings; GORT_STACK_GUARD=strict)",
                     read_max_map_count(), count_mappings());
    return false;
}

void gort__stack_alloc(G *g, size_t size)
{
    struct slot sl = {NULL, 0, false};
    gort__lock(&stk_lock);
    for (size_t i = nfree; i-- > 0;) {
        if (free_slots[i].size == size) {
            sl = free_slots[i];
            free_slots[i] = free_slots[--nfree];
            break;
        }
    }
    if (sl.base == NULL) {
        sl.base = new_slot(size);
        sl.size = size;
        sl.guarded = guard(sl.base);
    }
    gort__unlock(&stk_lock);
    g->stack_map = sl.base;
    g->stack_size = size;
    g->stack_lo = (uintptr_t)sl.base + GUARD;
    g->stack_hi = g->stack_lo + size;
    g->guard_lo = (uintptr_t)sl.base;
    g->guard_hi = sl.guarded ? g->guard_lo + GUARD : g->guard_lo;
    /* What signal.c's stack-overflow check reads: a fault in [stack_guard, stack_lo + page)
     * on this goroutine is an overflow of a stack_limit-byte stack. */
    g->stack_guard = g->guard_lo;
    g->stack_limit = size;
    if (!sl.guarded)
        *(uint64_t *)g->stack_lo = STACK_CANARY;
#ifdef GORT_VALGRIND
    g->valgrind_id = VALGRIND_STACK_REGISTER(g->stack_lo, g->stack_hi);
#endif
}

static int by_address(const void *a, const void *b)
{
    uintptr_t x = (*(G *const *)a)->stack_lo, y = (*(G *const *)b)->stack_lo;
    return x < y ? -1 : x > y;
}

/*
 * Gives the stacks of gs[0..n) back: their pages to the kernel, their slots to the free list.
 * Stacks of neighbouring slots are returned by one madvise over the run (guard regions inside
 * it stay guard regions: MADV_DONTNEED keeps both kinds), which is what makes releasing a
 * burst of dead goroutines cheap. gs is reordered.
 */
void gort__stack_free_batch(G **gs, int n)
{
    qsort(gs, (size_t)n, sizeof *gs, by_address);
    for (int i = 0; i < n;) {
        int k = i + 1;
        while (k < n && gs[k]->guard_lo == gs[k - 1]->stack_hi)
            k++;
        madvise((void *)gs[i]->stack_lo, gs[k - 1]->stack_hi - gs[i]->stack_lo, MADV_DONTNEED);
        i = k;
    }
    gort__lock(&stk_lock);
    if (nfree + (size_t)n > capfree) {
        size_t cap = capfree ? 2 * capfree : 256;
        while (cap < nfree + (size_t)n)
            cap *= 2;
        struct slot *s2 = realloc(free_slots, cap * sizeof *s2);
        if (!s2)
            gort__throw("out of memory: cannot keep a free goroutine stack");
        free_slots = s2;
        capfree = cap;
    }
    for (int i = 0; i < n; i++) {
        G *g = gs[i];
#ifdef GORT_VALGRIND
        VALGRIND_STACK_DEREGISTER(g->valgrind_id);
#endif
        struct slot sl = {g->stack_map, g->stack_size, g->guard_hi != g->guard_lo};
        if (!sl.guarded)
            *(uint64_t *)g->stack_lo = STACK_CANARY; /* kept so a reuse finds it intact */
        free_slots[nfree++] = sl;
        g->stack_map = NULL;
        g->stack_lo = g->stack_hi = g->guard_lo = g->guard_hi = g->stack_guard = 0;
        g->stack_limit = 0;
    }
    gort__unlock(&stk_lock);
}

void gort__stack_free(G *g)
{
    if (g->stack_map != NULL)
        gort__stack_free_batch(&g, 1);
}

/*
 * Lays out a context whose first switch runs fn(arg) on the stack ending at hi: the frame
 * gort__ctx_switch pops (six registers, r12 = arg, r13 = fn, rbp = 0) and gort__gostart as
 * its return address, placed so that gostart's call leaves the stack 16-byte aligned.
 */
void gort__ctx_init(struct gort__ctx *c, uintptr_t hi, void (*fn)(void *), void *arg)
{
    uintptr_t top = hi & ~(uintptr_t)15;
    void **f = (void **)(top - 7 * sizeof(void *));
    f[0] = 0;                            /* r15 */
    f[1] = 0;                            /* r14 */
    f[2] = (void *)fn;                   /* r13 */
    f[3] = arg;                          /* r12 */
    f[4] = 0;                            /* rbx */
    f[5] = 0;                            /* rbp */
    f[6] = (void *)gort__gostart;        /* return address */
    c->sp = f;
    c->pc = (void *)gort__gostart;
    c->fp = 0;
}
