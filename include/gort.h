/*
 * gort.h — Go's defer, panic, recover and Goexit for C.
 *
 * A C function opts in with one line at its top, go_frame(result) or go_frame_void(). From then
 * on go_defer() queues calls that run last-in first-out when the function returns (by any
 * `return`, while a panic passes through it, or during go_goexit()). go_panic() starts a panic
 * that runs the goroutine's deferred calls on top of the panicking stack; a deferred call that
 * calls go_recover() stops it, and the function that deferred that call returns normally with
 * the value of its go_frame() result variable. Unrecovered, the program prints Go's crash report
 * and exits with status 2.
 *
 * Every rule is Go 1.23's; ../docs/semantics.md lists them and where gort differs from Go
 * (only where C forces it). Each OS thread that uses gort is a goroutine with its own defer and
 * panic chains; the main thread is goroutine 1.
 *
 *   static void close_file(void *f) { fclose(f); }
 *
 *   int copy_file(const char *src)
 *   {
 *       int result = -1;              // returned if a panic is recovered in this function
 *       go_frame(result);
 *       FILE *in = fopen(src, "rb");
 *       if (!in) go_panicf("open %s: %s", src, strerror(errno));
 *       go_defer(close_file, in);     // runs on every return and while a panic unwinds
 *       ...
 *       return 0;
 *   }
 *
 * Everything named gort__* below is internal: it is in this header only so that the hot paths
 * (frame entry, defer registration, frame exit) can be inlined into the caller.
 */
#ifndef GORT_H
#define GORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
#error "gort.h is a C11 header (it relies on GNU C extensions that C++ does not share)"
#endif

/* Everything declared here is exported from libgort even when it is built hidden by default. */
#pragma GCC visibility push(default)

#define GORT_VERSION_MAJOR 0
#define GORT_VERSION_MINOR 1
#define GORT_VERSION_PATCH 0

/* A word-sized argument captured by go_defer_args(): any integer or pointer. */
typedef uintptr_t go_word;

/* ===================================================================================== */
/* Panic values                                                                          */
/* ===================================================================================== */

/* What a go_any holds; decides how the value prints (Go's printpanicval). */
typedef enum go_kind {
    GO_KIND_STRING = 1, /* v.s: printed as is ("\n" continues with a tab in crash reports)  */
    GO_KIND_INT,        /* v.i: signed decimal                                               */
    GO_KIND_UINT,       /* v.u: unsigned decimal                                             */
    GO_KIND_FLOAT,      /* v.f: Go's print format, +1.500000e+000                            */
    GO_KIND_BOOL,       /* v.b: true / false                                                 */
    GO_KIND_ERROR,      /* v.s: an error value whose Error() is the message v.s              */
    GO_KIND_POINTER,    /* v.p: a user value; printed by type->format, else "(T) 0xADDR"     */
} go_kind;

/*
 * A panic value's dynamic type, as Go's interface type word. Define one per user type, with
 * static storage duration; values are compared by the address of their go_type.
 *   name   — the Go spelling printed in crash reports: "main.MyInt", "*main.T".
 *   kind   — the representation (above). A user type of a basic kind prints as Go prints a named
 *            basic type: main.MyInt(42), main.MyString("hi").
 *   format — optional, for GO_KIND_POINTER: writes the value's text as Go's Error() or String()
 *            methods would (snprintf contract: returns the length it wanted). A format function
 *            that panics is a fatal error when the crash report prints it, as in Go.
 */
typedef struct go_type {
    const char *name;
    go_kind kind;
    int (*format)(void *value, char *buf, size_t size);
} go_type;

/* Go's `any` as far as panics need it. type == NULL is nil. */
typedef struct go_any {
    const go_type *type;
    union {
        const char *s;
        int64_t i;
        uint64_t u;
        double f;
        bool b;
        void *p;
    } v;
} go_any;

/* The built-in types. go_type_error is errors.New's type; go_type_runtime_error is the type of
 * run-time errors raised by gort itself, such as a deferred nil function. panic(nil) has a type
 * of its own, as in Go (*runtime.PanicNilError): test for any run-time error with
 * go_is_runtime_error(), as Go code asserts runtime.Error. */
extern const go_type go_type_string, go_type_int, go_type_uint, go_type_float64, go_type_bool,
    go_type_error, go_type_runtime_error;

/* Constructors. Strings are not copied: they must outlive every use of the value (literals do). */
static inline go_any go_nil(void) { go_any a = {0}; return a; }
static inline go_any go_any_str(const char *s) { go_any a = {&go_type_string, {.s = s}}; return a; }
static inline go_any go_any_int(int64_t i) { go_any a = {&go_type_int, {.i = i}}; return a; }
static inline go_any go_any_uint(uint64_t u) { go_any a = {&go_type_uint, {.u = u}}; return a; }
static inline go_any go_any_float(double f) { go_any a = {&go_type_float64, {.f = f}}; return a; }
static inline go_any go_any_bool(bool b) { go_any a = {&go_type_bool, {.b = b}}; return a; }
static inline go_any go_any_error(const char *msg) { go_any a = {&go_type_error, {.s = msg}}; return a; }
/* A user value: p with type t (any kind; for a basic kind use go_any_typed). */
static inline go_any go_any_ptr(void *p, const go_type *t) { go_any a = {t, {.p = p}}; return a; }
/* A value of a named basic type: go_any_typed(&my_int_type, .i = 42). */
#define go_any_typed(t, ...) ((go_any){(t), {__VA_ARGS__}})

/* True if v is nil (go_recover() found nothing to recover). */
static inline bool go_is_nil(go_any v) { return v.type == NULL; }
/* True if v's dynamic type is t (a Go type assertion). */
static inline bool go_any_is(go_any v, const go_type *t) { return v.type == t; }
/* True if v is a run-time error raised by gort (Go's `_, ok := v.(runtime.Error)`). */
bool go_is_runtime_error(go_any v);
/*
 * Writes v's text into buf (always NUL-terminated when size > 0) and returns buf: exactly what
 * a crash report prints after "panic: ", without the report's tab after each newline.
 * A string prints as itself, an error as its message, a float as +1.500000e+000, a named basic
 * type as main.MyInt(42), a user pointer type through its format function or as (T) 0xADDR.
 */
const char *go_any_format(go_any v, char *buf, size_t size);

/* ===================================================================================== */
/* Panic, recover, Goexit                                                                */
/* ===================================================================================== */

/*
 * Starts a panic with value v on the calling goroutine (Go's panic(v)). Deferred calls run LIFO
 * across frames; a go_recover() in one of them stops the panic. Never returns. A nil v panics
 * with the run-time error "panic called with nil argument" (Go 1.21+).
 */
_Noreturn void go_panic_value(go_any v);
/* Shorthands for go_panic_value(go_any_...(x)). */
_Noreturn void go_panic_str(const char *s);
_Noreturn void go_panic_int(int64_t i);
_Noreturn void go_panic_uint(uint64_t u);
_Noreturn void go_panic_float(double f);
_Noreturn void go_panic_bool(bool b);
_Noreturn void go_panic_error(const char *msg);
_Noreturn void go_panic_ptr(void *p, const go_type *t);
/*
 * Panics with a printf-formatted string. The text is heap-allocated and owned by the goroutine:
 * it stays valid until this goroutine starts a new panic after every current panic has ended
 * (or the goroutine exits). Copy it (go_any_format) to keep it longer.
 */
_Noreturn void go_panicf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* As go_panicf, with an error value (Go's panic(fmt.Errorf(...))). */
_Noreturn void go_panic_errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* go_panic(x): Go's panic(x) for a string, an integer, a double, a _Bool or a go_any,
 * chosen by x's C type. C's `true` and `false` are ints (1, 0): write go_panic_bool(true). */
#define go_panic(x)                                                                            \
    _Generic((x),                                                                              \
        char *: go_panic_str, const char *: go_panic_str,                                      \
        _Bool: go_panic_bool,                                                                  \
        signed char: go_panic_int, short: go_panic_int, int: go_panic_int, long: go_panic_int, \
        long long: go_panic_int,                                                               \
        unsigned char: go_panic_uint, unsigned short: go_panic_uint,                           \
        unsigned int: go_panic_uint, unsigned long: go_panic_uint,                             \
        unsigned long long: go_panic_uint,                                                     \
        float: go_panic_float, double: go_panic_float,                                         \
        go_any: go_panic_value)(x)

/*
 * go_recover() — Go's recover(). Returns the value of the newest panic and stops it, but only
 * when called directly by a deferred call that the panic is running (from a helper that call
 * makes, or from a deferred call run by a normal return or by Goexit, it returns nil).
 * Returns nil when the goroutine is not panicking, and for a panic already recovered.
 * A function that calls go_recover() is never inlined and makes no tail calls: that keeps
 * "called directly" meaning what the source says at every optimisation level.
 */
#define go_recover() gort__recover(gort__pc(), __builtin_frame_address(0))

/*
 * Ends the calling goroutine after running all its deferred calls (Go's runtime.Goexit).
 * A recover cannot stop it. A goroutine started by go_go simply ends; a plain thread that
 * uses gort exits (pthread_exit). In goroutine 1 (the main thread), the other goroutines and
 * threads carry on, and once none is left the program dies with
 * "fatal error: no goroutines (main called runtime.Goexit) - deadlock!" (or, if they are all
 * blocked, "all goroutines are asleep - deadlock!"). A thread counts from its first use of
 * gort: one just created that has not yet reached a gort call is not waited for.
 */
_Noreturn void go_goexit(void);

/* The calling goroutine's id (Go's goid): the main thread is 1, goroutines get theirs at
 * go_go, other threads on their first use of gort. Ids are never reused. */
int64_t go_goid(void);

/* ===================================================================================== */
/* Frames and deferred calls                                                             */
/* ===================================================================================== */

/*
 * go_frame(result) — first statement of a function that defers calls. `result` names a
 * variable of the function's return type, declared before go_frame: when a panic is recovered
 * by one of this function's deferred calls, the function runs its remaining deferred calls and
 * returns the value `result` holds then (Go's named results after a recovery).
 * go_frame_void() — the same for a function returning void.
 * A frame costs one store until its first go_defer; it may appear once per function.
 */
#define go_frame(result)                                                                        \
    GORT__FRAME(&(result), return *(__typeof__(result) *)gort__launder((void *)&(result)))
#define go_frame_void() GORT__FRAME((void *)0, return)

/*
 * go_defer(fn, arg) — queues fn(arg) to run when the function returns, fn being
 * void (*)(void *) and arg any pointer, both fixed now (Go's `defer fn(arg)`). Each execution
 * queues one call: a go_defer in a loop queues one per iteration. Deferred calls run on every
 * return path, during a panic and during Goexit, last-in first-out. A NULL fn panics when the
 * call would run, with Go's nil-dereference run-time error. Only valid after go_frame in the same
 * function (otherwise it does not compile).
 */
#define go_defer(FN_, ARG_)                                                                     \
    do {                                                                                        \
        void (*gort__dfn)(void *) = (FN_);                                                      \
        void *gort__darg = (ARG_);                                                              \
        GORT__ARM(gort__f.park.fn = (void (*)(void))gort__dfn,                                  \
                  gort__f.park.a[0] = (go_word)gort__darg,                                      \
                  gort__dfn = (void (*)(void *))gort__f.park.fn,                                \
                  gort__darg = (void *)gort__f.park.a[0]);                                      \
        gort__push1(&gort__f, (void (*)(void))gort__dfn, (go_word)gort__darg);                  \
    } while (0)

/*
 * go_defer_args(fn, a...) — queues fn(a...) with 0 to 4 word-sized arguments (integers or
 * pointers), each evaluated and captured now (Go evaluates deferred arguments at the defer).
 * fn is any function taking that many integer or pointer parameters and returning void;
 * gort calls it with the captured words in the platform's integer argument registers.
 */
#define go_defer_args(...) GORT__DEFER_N(__VA_ARGS__, 4, 3, 2, 1, 0, _)(__VA_ARGS__)

/*
 * go_return(expr) — runs the function's deferred calls first, then evaluates expr and returns
 * it: deferred calls can change what is returned, as with Go's named results
 * (`result = 1; go_return(result);` returns what the deferred calls left in result).
 * A plain `return expr;` evaluates expr first, then runs the deferred calls.
 */
#define go_return(expr)                                                                         \
    do {                                                                                        \
        gort__frame_exit(&gort__f);                                                             \
        return (expr);                                                                          \
    } while (0)

/* ===================================================================================== */
/* Internals used by the macros above (not API)                                          */
/* ===================================================================================== */

struct gort__g;

/*
 * The recovery point. GCC: __builtin_setjmp (three stores, inline; GCC's receiver is sound).
 * Clang: gort__setjmp, a real returns_twice call (arch/<arch>/setjmp.S). Clang's
 * __builtin_setjmp lowering let a spill slot be reused across the resume point under ASan,
 * while a returns_twice call makes LLVM treat the function as it treats a setjmp caller. (GCC
 * is not given a returns_twice call: it would warn -Wclobbered on every loop variable.)
 * Both write the same first three words, which the library's jump reads.
 */
int gort__setjmp(void **jb) __attribute__((returns_twice));
#if defined(__SANITIZE_THREAD__)
#define GORT__TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define GORT__TSAN 1
#endif
#endif
#if defined(GORT__TSAN)
/* ThreadSanitizer keeps a shadow call stack and learns about jumps only through libc's
 * setjmp/longjmp, which it intercepts: a TSan build (library and program alike) uses them, and
 * keeps the frame's stack position in the buffer's last word (glibc mangles its own copy).
 * GCC then warns -Wclobbered about locals live across a frame's first defer: the recovery
 * landing reads none of them, so TSan builds with GCC can use -Wno-clobbered. */
#include <setjmp.h>
#define GORT__JB_WORDS ((sizeof(jmp_buf) + sizeof(void *) - 1) / sizeof(uintptr_t) + 1)
#define GORT__JB_SP (GORT__JB_WORDS - 1)
#define GORT__SETJMP(jb)                                                                        \
    ((jb)[GORT__JB_SP] = __builtin_frame_address(0), _setjmp(*(jmp_buf *)(void *)(jb)))
#elif defined(__clang__)
#define GORT__JB_WORDS 8
#define GORT__JB_SP 2
#define GORT__SETJMP(jb) gort__setjmp(jb)
#else
#define GORT__JB_WORDS 8
#define GORT__JB_SP 2
#define GORT__SETJMP(jb) __builtin_setjmp(jb)
#endif

/* A deferred call, as it sits in its goroutine's defer stack. */
struct gort__defer {
    void (*fn)(void); /* called with a[0..3] in the integer argument registers       */
    go_word a[4];
};

/*
 * A frame: lives in the deferring function's own stack frame. Until its first defer only
 * `g` is set (to NULL); the first defer links it into its goroutine's frame chain, records
 * where its deferred calls start, and sets the recovery point (jb).
 */
struct gort__frame {
    struct gort__g *g;          /* owning goroutine; NULL while the frame has no deferred call */
    struct gort__frame *prev;   /* next older linked frame of the same goroutine              */
    size_t base;                /* index of the frame's first record in g's defer stack       */
    const char *func;           /* __func__ of the function, for fatal errors naming it       */
    void *jb[GORT__JB_WORDS];   /* the recovery point: fp, resume pc, sp, callee-saved regs    */
    struct gort__defer park;    /* the first defer's record, kept in memory across the setjmp */
};

/* The part of a goroutine the inline paths touch; the rest is private to the library. */
struct gort__g {
    struct gort__defer *defers; /* the defer stack: records of all linked frames, in order    */
    size_t ndefer;              /* records in use                                             */
    size_t cap;                 /* records allocated                                          */
    struct gort__frame *top;    /* newest linked frame                                        */
    const char *top_func;       /* its function's name, kept here so that a frame skipped by a
                                   foreign longjmp can be named after its stack is reused     */
};

struct gort__g *gort__link_slow(struct gort__frame *f, const char *func);
void gort__frame_finish(struct gort__frame *f);
void gort__push_slow(struct gort__frame *f, void (*fn)(void), go_word a0, go_word a1, go_word a2,
                     go_word a3);
go_any gort__recover(void *pc, void *fp);
void *gort__pc(void) __attribute__((returns_twice, noinline));

/* The calling thread's goroutine (NULL until its first use of gort). */
extern __thread struct gort__g *gort__gcur __attribute__((tls_model("initial-exec")));

/* Where a frame sits on its goroutine's stack: the stack pointer its recovery point saved
 * (word GORT__JB_SP of the buffer). Frames are ordered by it, and so are panics' start points:
 * the frame struct's own address will not do, as a sanitizer may move address-taken locals
 * off the stack. */
static inline __attribute__((always_inline)) uintptr_t gort__frame_sp(const struct gort__frame *f)
{
    return (uintptr_t)f->jb[GORT__JB_SP];
}

/*
 * Links a frame at its first defer: one thread-local load, the order check, five stores. Out of
 * line (gort__link_slow) only: a thread's first g, and a frame that is not below the newest
 * (misuse, fatal).
 * Equal stack positions are fine: a function with a frame inlined into another shares its
 * stack frame, and the chain order decides.
 */
static inline __attribute__((always_inline)) void gort__link(struct gort__frame *f,
                                                             const char *func, void *result)
{
    struct gort__g *g = gort__gcur;
    struct gort__frame *t;
    if (__builtin_expect(g == 0 || ((t = g->top) != 0 && gort__frame_sp(f) > gort__frame_sp(t)),
                         0)) {
        g = gort__link_slow(f, func);
        t = g->top;
    }
    __asm__ volatile("" : : "r"(result) : "memory"); /* the result lives in memory from now on */
    f->func = func;
    f->prev = t;
    f->base = g->ndefer;
    f->g = g;
    g->top = f;
    g->top_func = func;
}

static inline __attribute__((always_inline)) void gort__push(struct gort__frame *f,
                                                             void (*fn)(void), go_word a0,
                                                             go_word a1, go_word a2, go_word a3)
{
    struct gort__g *g = f->g;
    size_t n = g->ndefer;
    if (__builtin_expect(n == g->cap || g->top != f, 0)) {
        gort__push_slow(f, fn, a0, a1, a2, a3);
        return;
    }
    struct gort__defer *d = &g->defers[n];
    d->fn = fn;
    d->a[0] = a0;
    d->a[1] = a1;
    d->a[2] = a2;
    d->a[3] = a3;
    g->ndefer = n + 1;
}

/* go_defer's push: the trampoline passes a[1..3] too, but a one-parameter function ignores
 * those registers, so they are not written. */
static inline __attribute__((always_inline)) void gort__push1(struct gort__frame *f,
                                                              void (*fn)(void), go_word a0)
{
    struct gort__g *g = f->g;
    size_t n = g->ndefer;
    if (__builtin_expect(n == g->cap || g->top != f, 0)) {
        gort__push_slow(f, fn, a0, 0, 0, 0);
        return;
    }
    struct gort__defer *d = &g->defers[n];
    d->fn = fn;
    d->a[0] = a0;
    g->ndefer = n + 1;
}

static inline __attribute__((always_inline)) void gort__frame_exit(struct gort__frame *f)
{
    if (__builtin_expect(f->g != 0, 0))
        gort__frame_finish(f);
}

/*
 * The landing reads the frame and the result through gort__launder: the compiler models the
 * second return of __builtin_setjmp as happening at the setjmp itself, where the frame was not
 * yet linked and the result had its old value, and Clang folds those values (measured:
 * test/fixedbugs/issue4066's result). An asm the optimizer cannot see through makes it load
 * both from memory, where the real execution left them.
 */
static inline __attribute__((always_inline)) void *gort__launder(void *p)
{
    __asm__ volatile("" : "+r"(p) : : "memory");
    return p;
}

/* The frame variable, the recovery landing (reached only by a recovery's jump), and its exit.
 * The landing runs the remaining deferred calls before reading the result variable.
 * gort__res is the result's address; the first defer hands it to an empty asm, so from then
 * on the compiler keeps the result in memory across calls and the landing reads its last value
 * (a register copy would be stale after the jump). Frames that never defer do not take it. */
#define GORT__FRAME(resaddr, ret)                                                               \
    struct gort__frame gort__f __attribute__((cleanup(gort__frame_exit)));                      \
    void *const gort__res __attribute__((unused)) = (resaddr);                                  \
    gort__f.g = 0;                                                                              \
    if (0) {                                                                                    \
    gort__recovered: __attribute__((unused));                                                   \
        gort__frame_exit((struct gort__frame *)gort__launder(&gort__f));                        \
        ret;                                                                                    \
    }                                                                                           \
    do {                                                                                        \
    } while (0)

/*
 * First defer of a frame: set the recovery point in the function itself, then link. The
 * defer's operands are evaluated before (they may be anything), and the record d is parked in
 * the frame (memory) across the setjmp and reloaded after it: a value held in a register
 * across a setjmp is what GCC's -Wclobbered is about, and evaluating the operands after the
 * setjmp instead confuses GCC's ASan use-after-scope marks for loop-local operands.
 */
#define GORT__ARM(PARK1_, PARK2_, UNPARK1_, UNPARK2_)                                          \
    do {                                                                                        \
        if (__builtin_expect(gort__f.g == 0, 0)) {                                              \
            PARK1_;                                                                             \
            PARK2_;                                                                             \
            if (GORT__SETJMP(gort__f.jb))                                                       \
                goto gort__recovered;                                                           \
            gort__link(&gort__f, __func__, gort__res);                                          \
            UNPARK1_;                                                                           \
            UNPARK2_;                                                                           \
        }                                                                                       \
    } while (0)

/* A word argument: integers and pointers only (a double would be converted, not passed).
 * ((void)0, (x)) is x after array-to-pointer decay: arrays and string literals pass as the
 * pointers C would pass them as. */
#define GORT__WORD(x)                                                                           \
    __extension__({                                                                             \
        _Static_assert(!__builtin_types_compatible_p(__typeof__(((void)0, (x))), double) &&     \
                           !__builtin_types_compatible_p(__typeof__(((void)0, (x))), float) &&  \
                           sizeof(__typeof__(((void)0, (x)))) <= sizeof(go_word),               \
                       "go_defer_args: arguments must be integers or pointers");               \
        (go_word)((void)0, (x));                                                                \
    })

#define GORT__DEFER_N(_f, _1, _2, _3, _4, n, ...) GORT__DEFER_##n
#define GORT__DEFER_0(fn) GORT__DEFER_W(fn, 0, 0, 0, 0)
#define GORT__DEFER_1(fn, a) GORT__DEFER_W(fn, GORT__WORD(a), 0, 0, 0)
#define GORT__DEFER_2(fn, a, b) GORT__DEFER_W(fn, GORT__WORD(a), GORT__WORD(b), 0, 0)
#define GORT__DEFER_3(fn, a, b, c) GORT__DEFER_W(fn, GORT__WORD(a), GORT__WORD(b), GORT__WORD(c), 0)
#define GORT__DEFER_4(fn, a, b, c, d)                                                           \
    GORT__DEFER_W(fn, GORT__WORD(a), GORT__WORD(b), GORT__WORD(c), GORT__WORD(d))
#define GORT__DEFER_W(FN_, A0_, A1_, A2_, A3_)                                                  \
    do {                                                                                        \
        struct gort__defer gort__d = {(void (*)(void))(FN_), {(A0_), (A1_), (A2_), (A3_)}};     \
        GORT__ARM(gort__f.park = gort__d, (void)0, gort__d = gort__f.park, (void)0);            \
        gort__push(&gort__f, gort__d.fn, gort__d.a[0], gort__d.a[1], gort__d.a[2], gort__d.a[3]); \
    } while (0)

/* Goroutines, WaitGroup, Mutex, RWMutex: gort/sched.h. */
#include "gort/sched.h"

#pragma GCC visibility pop

/* Channels and select (Go's chan and select statement). */
#include "gort/chan.h"

#endif /* GORT_H */
