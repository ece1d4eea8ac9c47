/*
 * longjmp.c — a longjmp that would skip a frame with deferred calls is a fatal error, caught
 * at the longjmp.
 *
 * Design
 * ------
 * A C longjmp (or siglongjmp, or the fortified __longjmp_chk) out of a function whose frame
 * is linked would leave that frame's deferred calls unrun and the frame on its goroutine's
 * chain: a lost defer, which gort never allows. gort defines these functions itself: a
 * program that links gort resolves its longjmp calls to them (an executable's or an earlier
 * library's definition interposes the C library's), and each checks the jump before passing
 * it on: to a sanitizer's interceptor if one is linked (which then calls the C library's),
 * else to the next definition (dlsym(RTLD_NEXT): the C library's).
 *
 * The check: the jump skips g's newest linked frame exactly when the stack pointer the buffer
 * restores is above that frame's (frames are ordered by their saved stack pointers, gort.h).
 * Then it is the fatal error "frame of F was left without running its deferred calls",
 * reported while F's frame is still intact, with the longjmp's own traceback. A jump to the
 * same stack position (back into the newest frame's function, or out of a function inlined
 * into it), to a position below it, or to another stack (a target outside g's stack bounds:
 * a coroutine library's switch, not ours to judge) passes unchanged.
 *
 * Why here rather than at the next frame operation: that is where gort used to notice, and by
 * then the skipped frame's memory may already have been reused, so naming it needed copies of
 * its identity that every first defer stored (f->g and g->top_pc: 3 stores, 0.55 ns of a
 * 3.2 ns defer1 on the bench machine). At the longjmp nothing is reused yet. What this cannot
 * see — __builtin_longjmp, an unwinder skipping C frames, a jump within one inlined stack
 * frame — is still caught at the next frame operation (defer.c, out_of_order).
 *
 * The saved stack pointer is read from glibc's buffer (arch/<arch>/jmpbuf.h). The constructor
 * checks that reading against a setjmp of its own; if the C library keeps the buffer some
 * other way, the check stays off (and the frame operations still catch the skip).
 */
#define _GNU_SOURCE
#include "internal.h"

#include <dlfcn.h>
#include <setjmp.h>
#include <signal.h>

#if defined(__x86_64__)
#include "arch/x86_64/jmpbuf.h"
#endif

#define GORT_EXPORT __attribute__((visibility("default")))

/* defer.c refers to this, so that a static link always includes this file. */
const char gort__longjmp_linked GORT_HIDDEN = 1;

typedef void (*jump_fn)(struct __jmp_buf_tag *env, int val);

enum { J_LONGJMP, J__LONGJMP, J_SIGLONGJMP, J_LONGJMP_CHK, J_COUNT };
static const char *const jump_names[J_COUNT] = {"longjmp", "_longjmp", "siglongjmp",
                                                "__longjmp_chk"};
/* A sanitizer's runtime intercepts these jumps (to restore its shadow stack, to unpoison the
 * stack) under these names; when it is linked statically, as Clang links it, its own longjmp is
 * only a weak alias, which ours replaces, so RTLD_NEXT would pass it by. */
static const char *const interceptor_names[J_COUNT] = {
    "__interceptor_longjmp", "__interceptor__longjmp", "__interceptor_siglongjmp",
    "__interceptor___longjmp_chk"};
static jump_fn next_jump[J_COUNT]; /* set once by the constructor, read only after        */
static bool sp_readable;           /* gort__jmpbuf_sp reads this C library's buffers       */

__attribute__((constructor)) static void longjmp_init(void)
{
    for (int i = 0; i < J_COUNT; i++) {
        next_jump[i] = (jump_fn)dlsym(RTLD_DEFAULT, interceptor_names[i]);
        if (next_jump[i] == NULL)
            next_jump[i] = (jump_fn)dlsym(RTLD_NEXT, jump_names[i]);
    }
    jmp_buf probe;
    if (setjmp(probe) == 0) {
        uintptr_t sp = gort__jmpbuf_sp(probe);
        uintptr_t fp = (uintptr_t)__builtin_frame_address(0);
        sp_readable = sp <= fp && fp - sp < 65536;
    }
}

/* Dies if jumping to env would skip the calling goroutine's newest linked frame. */
static void check_jump(struct __jmp_buf_tag *env, int which)
{
    G *g = (G *)gort__gcur;
    if (g == NULL || g->pub.top == NULL || !sp_readable)
        return;
    uintptr_t sp = gort__jmpbuf_sp(env);
    struct gort__frame *top = g->pub.top;
    if (sp <= gort__frame_sp(top) || sp < g->stack_lo || sp >= g->stack_hi)
        return;
    int more = 0;
    for (struct gort__frame *f = top->prev; f != NULL && gort__frame_sp(f) < sp; f = f->prev)
        more++;
    char name[256];
    gort__fatalf("gort: frame of %s was left without running its deferred calls (%s skips "
                 "it%s)",
                 gort__frame_name(top, name, sizeof name),
                 which == J_SIGLONGJMP ? "a siglongjmp" : "a longjmp",
                 more == 0 ? "" : more == 1 ? " and 1 older frame" : " and older frames");
}

static _Noreturn void jump(int which, struct __jmp_buf_tag *env, int val)
{
    check_jump(env, which);
    jump_fn next = next_jump[which];
    if (next != NULL) {
        next(env, val);
        __builtin_unreachable();
    }
    /* A static executable: no dynamic lookup, so do what the C library's jump does. */
    if (!sp_readable)
        gort__throwf("%s: the C library's %s cannot be found and its jump buffer is not "
                     "glibc's",
                     jump_names[which], jump_names[which]);
    if (which == J_SIGLONGJMP && env->__mask_was_saved)
        sigprocmask(SIG_SETMASK, &env->__saved_mask, NULL);
    gort__jmpbuf_jump(env, val);
}

GORT_EXPORT void longjmp(struct __jmp_buf_tag env[1], int val) { jump(J_LONGJMP, env, val); }
GORT_EXPORT void _longjmp(struct __jmp_buf_tag env[1], int val) { jump(J__LONGJMP, env, val); }
GORT_EXPORT void siglongjmp(struct __jmp_buf_tag env[1], int val)
{
    jump(J_SIGLONGJMP, env, val);
}
GORT_EXPORT void __longjmp_chk(struct __jmp_buf_tag env[1], int val);
GORT_EXPORT void __longjmp_chk(struct __jmp_buf_tag env[1], int val)
{
    jump(J_LONGJMP_CHK, env, val);
}
