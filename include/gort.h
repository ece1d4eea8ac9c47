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
#define go_recover() gort__recover(__builtin_frame_address(0))

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
/* Run-time errors: faults, stack overflow, checked indexing                              */
/* ===================================================================================== */

/*
 * Faults in the program become Go's run-time errors. gort handles SIGSEGV, SIGBUS and SIGFPE
 * (installed when the library loads, on an alternate signal stack per thread that uses gort)
 * and turns a fault in the program's code into a panic raised on the faulting goroutine's own
 * stack, as if the faulting instruction had called go_panic: deferred calls run, go_recover()
 * stops it, go_is_runtime_error() is true for its value.
 *   - a memory access at an address below 0x1000 (SIGSEGV, or SIGBUS for a bad address):
 *     "runtime error: invalid memory address or nil pointer dereference"; unrecovered, the
 *     report adds Go's "[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x…]";
 *   - an integer division by zero: "runtime error: integer divide by zero"; a quotient that
 *     does not fit (INT_MIN / -1, a trap on x86, defined in Go): "runtime error: integer
 *     overflow"; both without a [signal …] line, as Go prints division errors;
 *   - a floating-point trap the program enabled: "runtime error: floating point error".
 * Fatal errors (exit status 2, no deferred calls, no recovery), printed as Go prints them:
 *   - a memory access at any other address: "unexpected fault address 0x…", "fatal error:
 *     fault", the [signal …] line — unless go_set_panic_on_fault(true) (below);
 *   - a stack overflow on any thread that uses gort: "runtime: goroutine stack exceeds
 *     N-byte limit" (N: the thread's stack size), "fatal error: stack overflow";
 *   - a fault inside gort's own code, or in a signal handler of the program (a panic cannot
 *     unwind through a signal frame): "fatal error: unexpected signal during runtime
 *     execution"; a fault while a crash report prints: Go's raw signal report, exit 2.
 * The program's own handlers: one installed before gort loaded is called for the faults gort
 * does not turn into panics (and for these signals when sent by kill or raise); one installed
 * after gort loaded replaces gort's. With GORT_SIGNALS=0 in the environment gort installs
 * nothing. docs/signals.md has the details and the Go programs side by side.
 */

/* Makes faults at any address panic on the calling goroutine instead of being fatal (Go's
 * debug.SetPanicOnFault); the panic's type is runtime.errorAddressString. Returns the previous
 * setting. */
bool go_set_panic_on_fault(bool enabled);

/* Puts back the handlers SIGSEGV, SIGBUS and SIGFPE had before gort loaded, for the whole
 * process (where gort's is still installed). Faults are then the program's business again. */
void go_signals_disable(void);

/*
 * Checked indexing with Go's run-time errors (type runtime.boundsError):
 *   go_index(i, len)            i, if 0 <= i < len; else panics
 *                               "runtime error: index out of range [5] with length 3"
 *                               (a negative i: "index out of range [-1]").
 *   go_slice(lo, hi, cap)       checks s[lo:hi] of a slice with capacity cap, returns hi - lo
 *                               (a size_t); panics "slice bounds out of range [:7] with
 *                               capacity 5" or "slice bounds out of range [3:2]".
 *   go_slice_len(lo, hi, len)   the same for a string or an array of length len ("… with
 *                               length 5").
 *   go_slice3(lo, hi, max, cap) checks s[lo:hi:max], returns hi - lo ("[::9] with capacity 5",
 *                               "[:7:6]", "[3:2:]").
 * Operands are integers of any type; len and cap must not be negative. A signed operand that is
 * negative prints as negative, an unsigned one as its unsigned value, as in Go. The check is
 * inline (one unsigned comparison per bound); the panic path is out of line.
 */
#define go_index(i, len)                                                                        \
    ((__typeof__(i))gort__index((int64_t)(i), (int64_t)(len), GORT__SIGNED(i)))
#define go_slice(lo, hi, cap)                                                                   \
    gort__slice((int64_t)(lo), GORT__SIGNED(lo), (int64_t)(hi), GORT__SIGNED(hi),              \
                (int64_t)(cap), GORT__BOUNDS_SLICE_ACAP)
#define go_slice_len(lo, hi, len)                                                               \
    gort__slice((int64_t)(lo), GORT__SIGNED(lo), (int64_t)(hi), GORT__SIGNED(hi),              \
                (int64_t)(len), GORT__BOUNDS_SLICE_ALEN)
#define go_slice3(lo, hi, max, cap)                                                             \
    gort__slice3((int64_t)(lo), GORT__SIGNED(lo), (int64_t)(hi), GORT__SIGNED(hi),             \
                 (int64_t)(max), GORT__SIGNED(max), (int64_t)(cap))

/* Internals of the checks above (runtime/error.go's boundsError codes). */
enum {
    GORT__BOUNDS_INDEX,
    GORT__BOUNDS_SLICE_ALEN,
    GORT__BOUNDS_SLICE_ACAP,
    GORT__BOUNDS_SLICE_B,
    GORT__BOUNDS_SLICE3_ACAP,
    GORT__BOUNDS_SLICE3_B,
    GORT__BOUNDS_SLICE3_C,
};
#define GORT__SIGNED(x) ((__typeof__(x))-1 < 1)
_Noreturn void gort__panic_bounds(int code, int64_t x, bool x_signed, int64_t y)
    __attribute__((cold, noinline));
static inline __attribute__((always_inline)) int64_t gort__index(int64_t i, int64_t n, bool s)
{
    if (__builtin_expect((uint64_t)i >= (uint64_t)n, 0))
        gort__panic_bounds(GORT__BOUNDS_INDEX, i, s, n);
    return i;
}
static inline __attribute__((always_inline)) size_t gort__slice(int64_t lo, bool slo, int64_t hi,
                                                                bool shi, int64_t cap, int code)
{
    if (__builtin_expect((uint64_t)hi > (uint64_t)cap, 0))
        gort__panic_bounds(code, hi, shi, cap);
    if (__builtin_expect((uint64_t)lo > (uint64_t)hi, 0))
        gort__panic_bounds(GORT__BOUNDS_SLICE_B, lo, slo, hi);
    return (size_t)(hi - lo);
}
static inline __attribute__((always_inline)) size_t gort__slice3(int64_t lo, bool slo, int64_t hi,
                                                                 bool shi, int64_t max, bool smax,
                                                                 int64_t cap)
{
    if (__builtin_expect((uint64_t)max > (uint64_t)cap, 0))
        gort__panic_bounds(GORT__BOUNDS_SLICE3_ACAP, max, smax, cap);
    if (__builtin_expect((uint64_t)hi > (uint64_t)max, 0))
        gort__panic_bounds(GORT__BOUNDS_SLICE3_B, hi, shi, max);
    if (__builtin_expect((uint64_t)lo > (uint64_t)hi, 0))
        gort__panic_bounds(GORT__BOUNDS_SLICE3_C, lo, slo, hi);
    return (size_t)(hi - lo);
}

/* ===================================================================================== */
/* Stack traces and crash reports                                                        */
/* ===================================================================================== */

/*
 * go_stack(buf, n) — the calling goroutine's stack, formatted as Go's debug.Stack():
 * "goroutine N [running]:\n" then two lines per frame, `function(...)` and
 * `\t/abs/file.c:LINE +0xOFF`, the newest first, starting with go_stack itself. Writes at most
 * n bytes including a terminating NUL (truncating) and returns the length written. Symbolizes
 * with libdw in the calling process (allocates; takes a process-wide lock): not for signal
 * handlers.
 */
size_t go_stack(char *buf, size_t n);

/*
 * go_panic_stack(buf, n) — called from a deferred call while a panic runs it (typically one
 * that recovers), the stack where the newest panic started: the function that called
 * go_panic*, then its callers, formatted as go_stack. Costs nothing at panic time: the panicking
 * frames are still on the stack below the deferred call. Returns 0 (and an empty string) when
 * the goroutine is not panicking.
 */
size_t go_panic_stack(char *buf, size_t n);

/*
 * go_set_traceback(level) — Go's debug.SetTraceback: how much an unrecovered panic or fatal
 * error prints. "none": the panic and [signal] lines only; "single" (default): the crashing
 * goroutine; "all": every goroutine (every thread that uses gort); "system": also gort's own
 * frames and gp/fp/sp/pc detail; "crash": as system, then SIGABRT (a core dump) instead of
 * exit status 2. The environment variable GOTRACEBACK sets the starting level; this call can
 * raise it, never lower it below the environment's. Returns 0, or -1 for an unknown level.
 */
int go_set_traceback(const char *level);

/*
 * go_set_crash_output(fd) — Go's debug.SetCrashOutput: a crash report is written to stderr and
 * also to fd (duplicated, so the caller may close its own). fd < 0 stops the copy.
 * go_set_crash_output_path(path) opens path for appending and does the same. Both return 0, or
 * -1 with errno set.
 */
int go_set_crash_output(int fd);
int go_set_crash_output_path(const char *path);

/*
 * go_set_panic_hook(fn) — fn(value, stack) is called on the panicking thread when a panic is
 * about to crash the program, before the report prints: value is the newest panic's value,
 * stack the trace where it started (formatted as go_stack; it lives until the process ends).
 * The hook may log, flush or copy state; if it returns, the report prints and the process ends
 * as usual. A panic inside the hook is reported normally (the hook is not called again).
 * Returns the previous hook; NULL removes it.
 */
typedef void (*go_panic_hook)(go_any value, const char *stack);
go_panic_hook go_set_panic_hook(go_panic_hook fn);

/* ===================================================================================== */
/* Frames and deferred calls                                                             */
/* ===================================================================================== */

/*
 * go_frame(result) — first statement of a function that defers calls. `result` names a
 * variable of the function's return type, declared before go_frame: when a panic is recovered
 * by one of this function's deferred calls, the function runs its remaining deferred calls and
 * returns the value `result` holds then (Go's named results after a recovery).
 * go_frame_void() — the same for a function returning void.
 * A frame costs nothing until its first go_defer; it may appear once per function.
 * A function that also calls setjmp() itself gets GCC's -Wclobbered about gort__x, the
 * frame's exit locals: harmless when the setjmp comes after the first go_defer (the pointer is not
 * changed after it); a longjmp back to before the first go_defer is caught as a fatal error.
 */
/* The landing returns `*&(result)`, not `(result)`: were every return of the function a plain
 * `return result;`, Clang would build the result in the caller's return slot (NRVO), and a
 * deferred call's change after a plain return would then show in the returned value. */
#define go_frame(result) GORT__FRAME(&(result), return *&(result))
#define go_frame_void() GORT__FRAME(0, return)

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
        GORT__DEFER((void (*)(void))gort__dfn, (go_word)(void *)(ARG_), 0, 0, 0, 1);            \
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
        gort__frame_cleanup(&gort__x);                                                          \
        gort__x.f = 0;                                                                          \
        return (expr);                                                                          \
    } while (0)

/* ===================================================================================== */
/* Internals used by the macros above (not API)                                          */
/* ===================================================================================== */

struct gort__g;

/*
 * The recovery point: where a recovery resumes the function that deferred the recovering call.
 * It is set at a frame's first defer (frames that never defer pay nothing) by GORT__CAPTURE:
 * an `asm goto` that stores the frame pointer, the landing's address, the stack pointer and the
 * five other callee-saved registers (the layout of arch/<arch>/setjmp.S), and names the
 * landing as one of its possible successors. The recovery (gort__resume) restores exactly
 * those registers and jumps to the landing, so the compiler's view — "the landing is reached
 * from the asm, with the callee-saved registers it had there" — is true, while the
 * caller-saved registers, which a recovery does not restore, are declared clobbered. Unlike a
 * returns_twice call (setjmp), the asm does not make the compiler save every callee-saved
 * register in the prologue or keep the function's locals in memory: measured, defer1 went
 * from 123 to ~60 instructions (docs/design.md, bench/results).
 * The landing itself uses nothing that was in a register at the asm: it finds the frame through
 * the thread's g (the recovery jumped to g's newest frame). `esc` is the go_frame result's
 * address (0 for go_frame_void), handed to the asm only so that the result escapes: from then
 * on the compiler keeps it in memory across every call, and the landing's `return result`
 * reads what the deferred calls left there (no store: the asm does not use it).
 * ThreadSanitizer keeps a shadow call stack and learns about jumps only through libc's
 * setjmp/longjmp, which it intercepts: a TSan build (library and program alike) uses them, and
 * keeps the frame's stack position and landing address in the buffer's last two words (glibc
 * mangles its own copies).
 * GCC then warns -Wclobbered about locals live across a frame's first defer: the landing reads
 * none of them, so TSan builds with GCC can use -Wno-clobbered.
 */
#if defined(__SANITIZE_THREAD__)
#define GORT__TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define GORT__TSAN 1
#endif
#endif
#if defined(GORT__TSAN)
#include <setjmp.h>
#define GORT__JB_WORDS ((sizeof(jmp_buf) + sizeof(void *) - 1) / sizeof(uintptr_t) + 2)
#define GORT__JB_SP (GORT__JB_WORDS - 1)
#define GORT__JB_PC (GORT__JB_WORDS - 2)
#define GORT__CAPTURE(jb, esc)                                                                  \
    do {                                                                                        \
        __asm__ volatile("" : : "g"(esc) : "memory");                                           \
        (jb)[GORT__JB_SP] = __builtin_frame_address(0);                                         \
        (jb)[GORT__JB_PC] = &&gort__recovered;                                                  \
        if (_setjmp(*(jmp_buf *)(void *)(jb)))                                                  \
            goto gort__recovered;                                                               \
    } while (0)
#elif defined(__x86_64__)
#define GORT__JB_WORDS 8
#define GORT__JB_SP 2
#define GORT__JB_PC 1
/* The buffer's words as operands: GCC addresses each one off the stack pointer, needing no
 * register; Clang would load every address into a register (and runs out), so it gets one
 * register holding the buffer's address. */
#if defined(__clang__)
#define GORT__JB_OPS(jb) "r"(jb)
#define GORT__JB_AT(n, off) #off "(%0)"
#else
#define GORT__JB_OPS(jb)                                                                        \
    "m"((jb)[0]), "m"((jb)[1]), "m"((jb)[2]), "m"((jb)[3]), "m"((jb)[4]), "m"((jb)[5]),         \
        "m"((jb)[6]), "m"((jb)[7])
#define GORT__JB_AT(n, off) "%" #n
#endif
#define GORT__CAPTURE(jb, esc)                                                                  \
    do {                                                                                        \
        __asm__("" : : "r"(esc));                                                               \
        __asm__ goto("movq %%rbp, " GORT__JB_AT(0, 0) "\n\t"                                       \
                     "leaq %l[gort__recovered](%%rip), %%rax\n\t"                               \
                     "movq %%rax, " GORT__JB_AT(1, 8) "\n\t"                                       \
                     "movq %%rsp, " GORT__JB_AT(2, 16) "\n\t"                                       \
                     "movq %%rbx, " GORT__JB_AT(3, 24) "\n\t"                                       \
                     "movq %%r12, " GORT__JB_AT(4, 32) "\n\t"                                       \
                     "movq %%r13, " GORT__JB_AT(5, 40) "\n\t"                                       \
                     "movq %%r14, " GORT__JB_AT(6, 48) "\n\t"                                       \
                     "movq %%r15, " GORT__JB_AT(7, 56)                                              \
                     :                                                                          \
                     : GORT__JB_OPS(jb)                                                         \
                     : "rax", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11", "xmm0",     \
                       "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9",  \
                       "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15", "cc", "memory"     \
                     : gort__recovered);                                                        \
    } while (0)
#else
#error "gort: no recovery point for this architecture yet (see include/gort.h, GORT__CAPTURE)"
#endif

/* A deferred call: fn is called with a[0..3] in the integer argument registers. */
struct gort__defer {
    void (*fn)(void);
    go_word a[4];
};

/*
 * A frame: lives in the deferring function's own stack frame. Until its first defer nothing in
 * it is set (the function's gort__x.f is NULL, see GORT__FRAME). The first defer sets the
 * recovery point (jb), keeps its call in the frame itself (`first`), and links the frame into
 * its goroutine's frame chain; later defers of the same frame go to the goroutine's defer
 * stack, from index `base` on; the first of them sets `base` and puts the frame on g's chain
 * of frames with records (ptop, pprev), so that the link — every deferring call's cost —
 * stores neither. A frame's calls run newest first: its defer-stack records, then
 * `first`.
 * Every field is a store on the path of a function's first defer, and stores are what that
 * path is made of. A field earns its place or goes: defer1 (bench/) has 17 stores per call,
 * counting the loop's and the two calls' return addresses, and on the machine of bench/results
 * one store more costs 0.5 ns of its 2.6 (a cliff, not a slope: any one store, to the frame or
 * to g). What the frame no longer stores, and what keeps the checks it served:
 *  - the function's name: a frame is named from its landing's address, jb[PC] (symbolized when
 *    a fatal error names it; the event trace learns the name at the link, which tracing sends
 *    through gort__link_slow);
 *  - its goroutine (f->g) and a copy of the newest frame's landing in g (g->top_pc, set by the
 *    link, cleared by the exit: 3 stores, 0.55 ns): they let the next frame operation after a
 *    foreign longjmp name the frame it skipped and distrust its reused memory. The longjmp is
 *    caught where it happens instead (src/longjmp.c, while the skipped frame is intact); the
 *    exit and later defers read the thread's g (GORT__SELF).
 */
struct gort__frame {
    struct gort__frame *prev;   /* next older linked frame of the same goroutine              */
    size_t base;                /* set at its first push: its first defer-stack record        */
    struct gort__frame *pprev;  /* set at its first push: the next older frame with records   */
    struct gort__defer first;   /* the frame's first deferred call; fn NULL once it has run   */
    void *jb[GORT__JB_WORDS];   /* the recovery point: fp, landing, sp, callee-saved regs     */
};

/* The part of a goroutine the inline paths touch; the rest is private to the library. */
struct gort__g {
    struct gort__frame *top;    /* newest linked frame                                        */
    struct gort__frame *ptop;   /* newest linked frame with records on the defer stack        */
    size_t ndefer;              /* records in use in the defer stack                          */
    struct gort__defer *defers; /* the defer stack: records of all linked frames, in order    */
    size_t cap;                 /* records allocated                                          */
    size_t limit;               /* a push at or above this index is gort__push_slow's: cap, or
                                   0 while the goroutine traces. Only its own thread writes it
                                   (at a link or push that goes out of line), so the push tests
                                   tracing and a full stack in one compare; tracing, switched
                                   on from any thread, reaches it at the goroutine's next link */
    unsigned char tracing;      /* the event trace is on (gort/trace.h): the inline paths
                                   take their out-of-line paths, which record; tested where g
                                   is loaded anyway, one predictable branch when off          */
};

/*
 * What a frame's exit needs, in the function's own locals (the cleanup variable of
 * GORT__FRAME): the frame once linked, and the first call's function and kind as the first
 * go_defer set them. Locals the compiler sees: where every first defer of a function defers
 * the same function with go_defer, the exit calls it directly (no trampoline, no indirect
 * jump). The frame's copy (f->first) is the one a panic runs; both are set together and the
 * normal exit is the only other reader, which no panic can precede (a panic that runs
 * f->first never returns to the function normally).
 */
struct gort__exit {
    struct gort__frame *f;      /* the linked frame; NULL until the first defer               */
    void (*fn)(void);           /* f->first.fn                                                */
    int one;                    /* the first defer was go_defer: fn takes one pointer         */
    unsigned n;                 /* defers after the first (on the defer stack): while 0, the
                                   exit need not look at the defer stack — a constant 0 in a
                                   function that defers once                                  */
};

#define GORT__TRACE_FLAG 1
/* The inline paths' test of g->tracing. Defining GORT_NO_TRACE_HOOKS before including gort.h
 * compiles the test (and so the hooks) out of the including file: bench/run.sh builds its core
 * cases both ways to show that tracing off costs nothing measurable. Header-only, no ABI
 * change; a file built so records no frame or defer events of its own. */
#ifdef GORT_NO_TRACE_HOOKS
#define GORT__TRACING(g) ((void)(g), 0)
#else
#define GORT__TRACING(g) ((g)->tracing)
#endif

/* cold: the compiler then keeps nothing in a callee-saved register across them for the fast
 * path's sake (defer1 saved rbx to hold the frame's address across gort__link_slow). */
void gort__link_slow(struct gort__frame *f, const char *func) __attribute__((cold));
void gort__frame_finish(struct gort__frame *f);
void gort__push_slow(struct gort__frame *f, void (*fn)(void), go_word a0, go_word a1, go_word a2,
                     go_word a3) __attribute__((cold));
void gort__land(void);
void gort__nil_deferred(void);
void gort__call_first(const struct gort__defer *d);
/* returns_twice: a function that calls it (go_recover's caller) is never inlined, never turns
 * its self-recursion into a loop, and never makes the call a tail call; noinline: it is never
 * inlined itself (link-time optimisation sees both sides). So the call's return address, which
 * gort__recover reads itself, is in that function (panic.c, recover's check). */
go_any gort__recover(void *fp) __attribute__((returns_twice, noinline));

/* The calling thread's goroutine (NULL until its first use of gort). */
extern __thread struct gort__g *gort__gcur __attribute__((tls_model("initial-exec")));

/* The same, read where it is written, for a frame's later defers and its exit (which run only
 * after its link made the g). Neither is kept from the link: a value the compiler holds
 * across the function's calls costs a store (a spill, or a saved register) on every first
 * defer, and GCC warns "might be clobbered" about it in a function that also calls
 * go_recover() (a returns_twice call). The x86-64 read is an asm volatile, so that the compiler
 * neither merges it with another read nor keeps the thread-local's GOT offset in a saved
 * register for it; elsewhere the plain read. */
#if defined(__x86_64__) && !defined(GORT__TSAN)
#define GORT__SELF()                                                                            \
    __extension__({                                                                             \
        struct gort__g *gort__self_;                                                            \
        __asm__ volatile("movq gort__gcur@gottpoff(%%rip), %0\n\t"                              \
                         "movq %%fs:(%0), %0"                                                   \
                         : "=r"(gort__self_));                                                  \
        gort__self_;                                                                            \
    })
#else
#define GORT__SELF() gort__gcur
#endif

/* Where a frame sits on its goroutine's stack: the stack pointer its recovery point saved.
 * Frames are ordered by it, and so are panics' start points: the frame struct's own address
 * will not do, as a sanitizer may move address-taken locals off the stack. */
static inline __attribute__((always_inline)) uintptr_t gort__frame_sp(const struct gort__frame *f)
{
    return (uintptr_t)f->jb[GORT__JB_SP];
}

/*
 * The stores of a frame's link and exit. Each is a plain `mov`, written as a relaxed atomic
 * store only so that the compiler keeps it one: GCC 12's -O2 pairs adjacent word stores into
 * one 16-byte vector store (SLP vectorization), and the frame's exit then reloads each word on
 * its own — a load that a wider store cannot forward to stalls (measured: defer1 twice as
 * slow). No ordering is implied or needed (the goroutine's own thread reads them, or a
 * debugger, or the crash printer of a stopped world).
 */
#define GORT__ST(lv, v) __atomic_store_n(&(lv), (v), __ATOMIC_RELAXED)

/*
 * Links a frame at its first defer: one thread-local load, the order check, two stores. Everything else is out of line (gort__link_slow), whole — the fast path
 * rejoins nothing, so the compiler need not reload what a call could have changed: a thread's
 * first g, tracing, and a frame that is not strictly below the newest. There, a frame above
 * the newest (something skipped frames without the longjmp check seeing it, src/longjmp.c) or
 * the newest itself (a longjmp went back into this function to before its first defer) is a
 * fatal error, and an equal stack position is fine: a function with a frame inlined into
 * another shares its stack frame, and the chain order decides.
 */
static inline __attribute__((always_inline)) void gort__link(struct gort__frame *f,
                                                             const char *func)
{
    struct gort__g *g = gort__gcur;
    struct gort__frame *t;
    if (__builtin_expect(g == 0 || GORT__TRACING(g) ||
                             ((t = g->top) != 0 && gort__frame_sp(f) >= gort__frame_sp(t)),
                         0)) {
        gort__link_slow(f, func);
        return;
    }
    GORT__ST(f->prev, t);
    GORT__ST(g->top, f);
}

#if defined(__GNUC__) && !defined(__clang__)
/* The frame's fields are set by its link, which happens before gort__x.f is set (gort__push
 * and gort__frame_exit run only after that): GCC cannot correlate those and warns that they
 * may be read uninitialized. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
/* A later defer of a linked frame: onto the goroutine's defer stack; the frame's first one
 * (first_push: the exit locals' count is 0, a constant where the compiler can see it) also
 * records where the frame's records start and puts it on g's chain of frames with records.
 * Growing, tracing (g->limit is 0 then) and a frame that is not the newest (misuse) are
 * gort__push_slow's, whole (it tells a first push by g->ptop != f). */
static inline __attribute__((always_inline)) void gort__push(struct gort__frame *f,
                                                             void (*fn)(void), go_word a0,
                                                             go_word a1, go_word a2, go_word a3,
                                                             int one_arg, int first_push)
{
    struct gort__g *g = GORT__SELF();
    size_t n = g->ndefer;
    if (__builtin_expect(n >= g->limit || g->top != f, 0)) {
        gort__push_slow(f, fn, a0, a1, a2, a3);
        return;
    }
    if (first_push) {
        GORT__ST(f->base, n);
        GORT__ST(f->pprev, g->ptop);
        GORT__ST(g->ptop, f);
    }
    struct gort__defer *d = &g->defers[n];
    d->fn = fn;
    d->a[0] = a0;
    if (!one_arg) { /* go_defer's function ignores the other argument registers */
        d->a[1] = a1;
        d->a[2] = a2;
        d->a[3] = a3;
    }
    g->ndefer = n + 1;
}

/*
 * A frame's exit (every return, by the cleanup attribute; and go_return). The common case —
 * the frame's only call is `first` (x->n == 0: its records on the defer stack, if it pushed
 * any, can only have been taken by a panic or Goexit, which never return to the function),
 * nothing is out of order, no trace is recorded — is inline:
 * unlink, then call it: directly when the first defer was go_defer (its function is in the
 * exit's locals, a constant where the compiler can see one), else through gort__call_first,
 * which loads the four argument words and jumps. Anything else is gort__frame_finish.
 */
static inline __attribute__((always_inline)) void gort__frame_exit(const struct gort__exit *x)
{
    struct gort__frame *f = x->f;
    struct gort__g *g = GORT__SELF();
    if (__builtin_expect(x->n == 0 && g->top == f && !GORT__TRACING(g), 1)) {
        GORT__ST(g->top, f->prev);
        if (x->one)
            ((void (*)(void *))x->fn)((void *)f->first.a[0]);
        else
            gort__call_first(&f->first);
    } else {
        gort__frame_finish(f);
    }
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

static inline __attribute__((always_inline)) void gort__frame_cleanup(const struct gort__exit *x)
{
    if (x->f)
        gort__frame_exit(x);
}

/*
 * The frame variable, the exit's locals (whose cleanup runs the frame's exit), and the
 * recovery landing, reached only by a recovery's jump: gort__land runs what is left of the
 * frame's deferred calls and unlinks it; then the function returns its result, which the
 * capture made the compiler keep in memory (GORT__CAPTURE's `esc`).
 * gort__x.f is NULL until the first defer, which sets it to &gort__f: gort__x is a plain local
 * struct that never has its address taken once the cleanup is inlined, so in a function that
 * does not defer the compiler knows it stays NULL and removes the frame entirely (zero cost),
 * and on a path that has not deferred the exit is one register test. At the landing the
 * compiler sees the value it had at the capture (NULL) and the landing stores NULL too, for
 * the builds (-O0) that keep it in memory, where it is already &gort__f.
 */
#define GORT__FRAME(resaddr, ret)                                                               \
    struct gort__frame gort__f __attribute__((unused));                                         \
    struct gort__exit gort__x __attribute__((cleanup(gort__frame_cleanup), unused)) = {0};    \
    void *const gort__res __attribute__((unused)) = (resaddr);                                  \
    if (0) {                                                                                    \
    gort__recovered: __attribute__((unused));                                                   \
        gort__land();                                                                           \
        gort__x.f = 0;                                                                          \
        ret;                                                                                    \
    }                                                                                           \
    do {                                                                                        \
    } while (0)

/* One defer: the first of its frame sets the recovery point, keeps the call in the frame and
 * links the frame; later ones push onto the defer stack. A NULL function is replaced by one
 * that raises Go's nil-dereference run-time error when the call runs. The link ends with a
 * compiler barrier: its stores are made before any memory access or volatile read that
 * follows, so an operation that faults after the go_defer (a run-time error raised from a
 * signal) finds the frame linked — C lets a compiler move such an operation above plain
 * stores, as it sees no trap in it. */
#define GORT__DEFER(FN_, A0_, A1_, A2_, A3_, ONE_)                                              \
    do {                                                                                        \
        void (*gort__fn)(void) = (FN_);                                                         \
        gort__fn = gort__fn ? gort__fn : gort__nil_deferred;                                    \
        go_word gort__a0 = (A0_), gort__a1 = (A1_), gort__a2 = (A2_), gort__a3 = (A3_);         \
        if (__builtin_expect(gort__x.f == 0, 1)) {                                              \
            gort__f.first.fn = gort__fn;                                                        \
            gort__f.first.a[0] = gort__a0;                                                      \
            if (!(ONE_)) {                                                                      \
                gort__f.first.a[1] = gort__a1;                                                  \
                gort__f.first.a[2] = gort__a2;                                                  \
                gort__f.first.a[3] = gort__a3;                                                  \
            }                                                                                   \
            GORT__CAPTURE(gort__f.jb, gort__res);                                               \
            gort__link(&gort__f, __func__);                                                     \
            gort__x.fn = gort__fn;                                                              \
            gort__x.one = (ONE_);                                                               \
            gort__x.f = &gort__f;                                                               \
            __asm__ volatile("" : : : "memory");                                                \
        } else {                                                                                \
            gort__push(&gort__f, gort__fn, gort__a0, gort__a1, gort__a2, gort__a3, (ONE_),      \
                       gort__x.n == 0);                                                         \
            gort__x.n++;                                                                        \
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
#define GORT__DEFER_W(FN_, A0_, A1_, A2_, A3_) GORT__DEFER((void (*)(void))(FN_), A0_, A1_, A2_, A3_, 0)

/* Goroutines, WaitGroup, Mutex, RWMutex: gort/sched.h. */
#include "gort/sched.h"

#pragma GCC visibility pop

/* Channels and select (Go's chan and select statement). */
#include "gort/chan.h"

#endif /* GORT_H */
