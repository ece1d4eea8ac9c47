/*
 * g.c — goroutines as far as the core needs them: creation on first use, the thread-local
 * current g, goroutine ids, the registry of live goroutines, and the end of a goroutine.
 *
 * Design
 * ------
 * Go reaches the current goroutine through a register (g); gort reaches it through one
 * initial-exec thread-local pointer, gort__gcur: a single %fs-relative load, no call, even in
 * the shared library (initial-exec TLS is what libc itself uses; the cost is that libgort.so
 * takes a few bytes of static TLS, which only matters for dlopen of many such libraries).
 *
 * Every OS thread that touches gort gets a g the first time it needs one (a frame's first
 * defer, a panic, a recover, go_goid). The main thread is goroutine 1: a constructor creates
 * its g at load time, so the numbering does not depend on which thread calls gort first.
 * Other threads take ids 2, 3, ... in order of first use. When a thread exits, a pthread key
 * destructor frees its g; until then the g sits in a registry (a mutex-protected list) so that
 * go_goexit on the main thread can wait for "all other goroutines" to finish, as Go's
 * runtime.Goexit in main does, and so that crash reports can list them (GOTRACEBACK=all).
 *
 * The real scheduler (its own issue) will hand goroutines the same struct: a g knows nothing
 * about the thread it runs on except `thread`, which only the registry uses.
 */
#include "gsched.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

__thread struct gort__g *gort__gcur __attribute__((tls_model("initial-exec")));

static pthread_mutex_t reg_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t reg_cond = PTHREAD_COND_INITIALIZER; /* signalled when a g ends */
static G *reg_head;
static int reg_count;
static pthread_key_t g_key;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;

static void g_free(G *g);

static void g_destructor(void *p)
{
    G *g = p;
    gort__gcur = NULL;
    g_free(g);
}

static void make_key(void)
{
    if (pthread_key_create(&g_key, g_destructor) != 0)
        gort__throw("pthread_key_create failed");
}

static bool is_main_thread(void) { return (pid_t)syscall(SYS_gettid) == getpid(); }

G *gort__getg_slow(void)
{
    pthread_once(&key_once, make_key);
    G *g = calloc(1, sizeof *g);
    if (!g)
        gort__throw("out of memory: cannot allocate a goroutine");
    g->thread = pthread_self();
    g->is_main = is_main_thread();
    pthread_mutex_lock(&reg_lock);
    g->goid = g->is_main ? 1 : gort__new_goid();
    g->next = reg_head;
    if (reg_head)
        reg_head->prev = g;
    reg_head = g;
    reg_count++;
    pthread_mutex_unlock(&reg_lock);
    gort__signal_thread_init(g);
    gort__gcur = &g->pub;
    gort__trace_new_g(g);
    GORT_TRACE(gort__trace_go_create(g->goid, 0));
    GORT_TRACE(gort__trace_go_start(g->goid));
    gort__sched_thread_g(+1); /* a running thread g: counted by the deadlock check */
    /* The main thread's g is never destroyed by the key (the process ends with it). */
    if (!g->is_main)
        pthread_setspecific(g_key, g);
    return g;
}

static void g_free(G *g)
{
    GORT_TRACE(gort__trace_go_exit(g->goid));
    pthread_mutex_lock(&reg_lock);
    if (g->prev)
        g->prev->next = g->next;
    else
        reg_head = g->next;
    if (g->next)
        g->next->prev = g->prev;
    reg_count--;
    pthread_cond_broadcast(&reg_cond);
    pthread_mutex_unlock(&reg_lock);
    gort__signal_thread_exit(g);
    gort__release_owned(g);
    free(g->owned);
    free(g->pub.defers);
    free(g);
    gort__sched_thread_g(-1);
}

/* The main thread's g exists before main() runs, so it is goroutine 1. */
__attribute__((constructor)) static void gort_init(void)
{
    if (is_main_thread())
        (void)gort__getg();
}

int64_t go_goid(void) { return gort__getg()->goid; }

void gort__for_each_g(void (*fn)(G *g, void *arg), void *arg)
{
    pthread_mutex_lock(&reg_lock);
    for (G *g = reg_head; g; g = g->next)
        fn(g, arg);
    pthread_mutex_unlock(&reg_lock);
    gort__for_each_goroutine(fn, arg);
}

/* The registry's head, for crash reports and gort_dump (read without the lock: the process
 * is dying or stopped). */
G *gort__thread_registry(void) { return reg_head; }

int gort__live_goroutines(void)
{
    pthread_mutex_lock(&reg_lock);
    int n = reg_count;
    pthread_mutex_unlock(&reg_lock);
    return n;
}

/*
 * The end of a goroutine after Goexit ran its deferred calls. A thread simply exits (its g is
 * freed by the key destructor). The main thread cannot exit without ending the process, so,
 * like Go's main goroutine, it waits for every other goroutine to end and then reports the
 * deadlock: nothing is left that could ever run.
 */
void gort__thread_goexit(G *g)
{
    g->panic = NULL;
    g->sig.signo = 0;
    if (gort__is_goroutine(g))
        gort__goexit1(g); /* sched.c: the scheduler ends it (goroutine 1 included) */
    if (!g->is_main)
        pthread_exit(NULL); /* the key's destructor frees g, recording its exit */
    pthread_mutex_lock(&reg_lock);
    while (reg_count > 1)
        pthread_cond_wait(&reg_cond, &reg_lock);
    pthread_mutex_unlock(&reg_lock);
    /* stdout is flushed by the fatal error, only now: another thread may call exit() while
     * main waits, and two concurrent flushes of one buffer can print a line twice. */
    gort__fatal("no goroutines (main called runtime.Goexit) - deadlock!");
}

/* --- texts owned by a goroutine (go_panicf) ------------------------------------------ */

const char *gort__own_text(G *g, char *text)
{
    if (g->nowned == g->capowned) {
        size_t cap = g->capowned ? 2 * g->capowned : 4;
        char **n = realloc(g->owned, cap * sizeof *n);
        if (!n) {
            free(text);
            gort__throw("out of memory: cannot keep a panic value");
        }
        g->owned = n;
        g->capowned = cap;
    }
    g->owned[g->nowned++] = text;
    return text;
}

void gort__release_owned(G *g)
{
    for (size_t i = 0; i < g->nowned; i++)
        free(g->owned[i]);
    g->nowned = 0;
}

/* --- the registry seen by crash dumps (dump.c) ---------------------------------------- */

/*
 * Locks the registry for the rest of the process's life (the dump ends it): threads that
 * would exit now wait in g_free, so every listed g and its thread stay valid while their
 * traces are requested. A registry lock that is not released within a second (held by a
 * thread that crashed inside it) is ignored: the dump reads the list as it is.
 */
G *gort__registry_freeze(void)
{
    for (int i = 0; i < 1000; i++) {
        if (pthread_mutex_trylock(&reg_lock) == 0)
            break;
        struct timespec ts = {0, 1000000};
        nanosleep(&ts, NULL);
    }
    return reg_head;
}
