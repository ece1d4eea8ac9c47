/*
 * gort/sched.h — goroutines and the synchronization a Go programmer needs (included by gort.h;
 * do not include it on its own).
 *
 *   static void worker(void *arg) { ...; go_wg_done(arg); }
 *
 *   go_waitgroup wg = {0};
 *   for (int i = 0; i < 8; i++) { go_wg_add(&wg, 1); go_go(worker, &wg); }
 *   go_wg_wait(&wg);
 *
 * Goroutines are stackful coroutines run by GOMAXPROCS worker threads (M:N). The main thread
 * is goroutine 1 and, from the first go_go it makes, worker 0 as well: whenever goroutine 1
 * blocks or yields, the main thread runs other goroutines. Each goroutine has its own defer and
 * panic chains, as in Go: a recover never crosses goroutines, an unrecovered panic in any of
 * them ends the program with its trace and `created by` line, go_goexit ends one goroutine.
 * Blocking operations (go_wg_wait, go_mutex_lock, go_sleep, channels) park the goroutine and
 * free its worker for others; they never block the worker thread.
 *
 * An OS thread the program creates itself (pthread_create) that uses gort is a goroutine of
 * its own, outside the scheduler: the same calls block that thread instead.
 *
 * fork() after the first go_go: the child has only the forking thread, none of the workers.
 * It may exec, _exit or run plain C; its first goroutine operation (go_go, go_yield, go_sleep,
 * blocking on or readying through a channel, mutex or WaitGroup, go_gomaxprocs) is a fatal
 * error saying so, as Go supports fork only followed by exec.
 *
 * Thread-local storage and migration: a goroutine may resume on a different worker thread
 * after any call that can block or yield (go_yield, go_sleep, go_wg_wait, go_mutex_lock, channel
 * operations). `__thread` variables therefore name the *current* thread's copy after such a
 * call, and a compiler may keep the address of a thread-local variable (errno included: its
 * address comes from a const function) in a register across the call. Do not keep pointers to
 * thread-local data, or values computed from them, across a call that may switch goroutines;
 * read errno right after the call that set it. Goroutine-local state belongs in the goroutine
 * (its arguments or the memory they point to).
 *
 * Environment: GOMAXPROCS (worker threads; default: the CPUs this process may run on),
 * GORT_STACK_SIZE (bytes of each goroutine stack, suffix K/M/G allowed; default 256K),
 * GORT_STACK_GUARD=strict (running out of guard pages is fatal, see docs/goroutines.md).
 */
#ifndef GORT_SCHED_PUBLIC_H
#define GORT_SCHED_PUBLIC_H

#ifndef GORT_H
#error "include <gort.h>, not <gort/sched.h>"
#endif

/* ---- goroutines ------------------------------------------------------------------------ */

/*
 * go_go(fn, arg) — starts fn(arg) in a new goroutine (Go's `go fn(arg)`) and returns at once.
 * The goroutine ends when fn returns or calls go_goexit(). A NULL fn is the fatal error
 * "go of nil func value". The first go_go starts the scheduler (see GOMAXPROCS above).
 */
void go_go(void (*fn)(void *), void *arg);

/*
 * go_go_args(fn, a...) — starts fn(a...) with 0 to 4 word-sized arguments (integers or
 * pointers), captured now, as go_defer_args captures them: fn is any function of that many
 * integer or pointer parameters returning void.
 */
#define go_go_args(...) GORT__GO_N(__VA_ARGS__, 4, 3, 2, 1, 0, _)(__VA_ARGS__)

/* Lets other goroutines run; the caller stays runnable (Go's runtime.Gosched). On a thread
 * that is not a scheduler goroutine: sched_yield(). */
void go_yield(void);

/* Parks the calling goroutine for at least ns nanoseconds (Go's time.Sleep); ns <= 0 returns
 * at once. Wait reason "sleep". On a plain thread: nanosleep. */
void go_sleep(int64_t ns);

/*
 * Sets the number of worker threads running goroutines to n (Go's runtime.GOMAXPROCS) and
 * returns the previous setting; n < 1 only queries. Before the scheduler starts this sets
 * the number it will start with (default: $GOMAXPROCS, else the CPUs in the affinity mask);
 * afterwards more workers start, or workers beyond n finish their current goroutine and sleep.
 * At most 256.
 */
int go_gomaxprocs(int n);

/* Sets the stack size of goroutines created from now on (bytes, rounded up to pages,
 * at least 16 KiB) and returns the previous one; 0 only queries. See GORT_STACK_SIZE. */
size_t go_set_stack_size(size_t bytes);

/* Number of goroutines that exist now: scheduler goroutines plus threads using gort
 * (Go's runtime.NumGoroutine). */
int go_num_goroutine(void);

/* Prints every goroutine to stderr: id, state or wait reason, creation site, defer depth.
 * Meant for debuggers: `(gdb) call gort_dump()`. Takes no locks. */
void gort_dump(void);

/* ---- sync ------------------------------------------------------------------------------ */
/* Every type below is ready to use when zeroed ({0}), as Go's zero values are, and must not
 * be copied once used. Its fields are private. */

struct gort__gfull;
struct gort__waitq {
    struct gort__gfull *head, *tail;
};
struct gort__lock {
    uint32_t v;
};

/*
 * go_mutex — sync.Mutex. Lock parks the goroutine while another holds it; waiters are served
 * in arrival order once they queue. Unlocking a mutex that is not locked is the fatal error
 * "sync: unlock of unlocked mutex". Any goroutine may unlock it (Go's rule).
 */
typedef struct go_mutex {
    uint32_t state; /* bit 0 locked, bit 1 waiters queued */
    struct gort__lock lk;
    struct gort__waitq q;
} go_mutex;
void go_mutex_lock(go_mutex *m);
void go_mutex_unlock(go_mutex *m);
/* Locks m if it is free and returns true; otherwise returns false at once. */
bool go_mutex_trylock(go_mutex *m);

/*
 * go_rwmutex — sync.RWMutex: many readers or one writer. A writer waiting in Lock stops new
 * readers (so writers are not starved; a reader that read-locks recursively can deadlock, as
 * in Go). Fatal errors: "sync: RUnlock of unlocked RWMutex", "sync: Unlock of unlocked RWMutex".
 */
typedef struct go_rwmutex {
    struct gort__lock lk;
    int32_t readers;  /* read locks held */
    int32_t writer;   /* 1 while write-locked */
    int32_t wwait;    /* writers queued */
    struct gort__waitq rq, wq;
} go_rwmutex;
void go_rwmutex_rlock(go_rwmutex *m);
void go_rwmutex_runlock(go_rwmutex *m);
void go_rwmutex_lock(go_rwmutex *m);
void go_rwmutex_unlock(go_rwmutex *m);

/*
 * go_waitgroup — sync.WaitGroup. go_wg_add(wg, n) adds n (may be negative) to the counter;
 * a counter below zero panics with "sync: negative WaitGroup counter" (recoverable, as in Go).
 * go_wg_done is go_wg_add(wg, -1). go_wg_wait parks until the counter is zero (wait reason
 * "semacquire").
 */
typedef struct go_waitgroup {
    int64_t counter;
    struct gort__lock lk;
    struct gort__waitq q;
} go_waitgroup;
void go_wg_add(go_waitgroup *wg, int64_t delta);
void go_wg_done(go_waitgroup *wg);
void go_wg_wait(go_waitgroup *wg);

/* ---- internals used by the macros above (not API) -------------------------------------- */
void gort__go(void (*fn)(void), go_word a0, go_word a1, go_word a2, go_word a3);
#define GORT__GO_N(_f, _1, _2, _3, _4, n, ...) GORT__GO_##n
#define GORT__GO_0(fn) gort__go((void (*)(void))(fn), 0, 0, 0, 0)
#define GORT__GO_1(fn, a) gort__go((void (*)(void))(fn), GORT__WORD(a), 0, 0, 0)
#define GORT__GO_2(fn, a, b) gort__go((void (*)(void))(fn), GORT__WORD(a), GORT__WORD(b), 0, 0)
#define GORT__GO_3(fn, a, b, c)                                                                 \
    gort__go((void (*)(void))(fn), GORT__WORD(a), GORT__WORD(b), GORT__WORD(c), 0)
#define GORT__GO_4(fn, a, b, c, d)                                                              \
    gort__go((void (*)(void))(fn), GORT__WORD(a), GORT__WORD(b), GORT__WORD(c), GORT__WORD(d))

#endif /* GORT_SCHED_PUBLIC_H */
