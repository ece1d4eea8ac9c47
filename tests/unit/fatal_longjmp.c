/*
 * fatal_longjmp.c — frames left out of order by a foreign jump are a fatal error.
 *
 * frame_a (go_frame + a defer) calls frame_b (go_frame + a defer), which jumps back to frame_a:
 * frame_b's exit, and its deferred call, would be skipped. Every case must die with exit status
 * 2, stderr starting with "fatal error:" and naming the skipped frame (frame_b), and no
 * deferred call may run after that (fatal errors run none, E4). Each case runs in a forked
 * child.
 *
 * With the C library's jumps (longjmp, siglongjmp) the error comes at the jump itself
 * (src/longjmp.c): frame_b is still intact, the traceback shows the jump, and nothing of
 * frame_b has to survive in the goroutine. That holds even when frame_b's own child frame
 * (frame_d) returned normally before the jump, and when the jump skips two frames.
 *
 * With a jump gort cannot intercept (__builtin_longjmp), the error comes at frame_a's next
 * frame operation: its next defer, or its return. frame_b can then only be named from its own
 * dead frame, which by then is often reused (at -O2 by frame_a's own calls; here also by
 * scribble): the error says that the name comes from dead memory, or that it names nothing.
 *
 * A longjmp over a frame that never deferred is harmless (that frame was never linked), and so
 * is a longjmp back into the newest frame's own function (frame_e) to before its first defer;
 * its second first defer is then the fatal "registered its first deferred call twice" where
 * the compiler kept "no defer yet" in a register, or a plain second record (-O0).
 */
#include "check.h"

#include <gort.h>
#include <setjmp.h>

/* frame_a calls setjmp after its first defer: GCC's -Wclobbered about the frame's locals is
 * noise there (gort.h, go_frame). */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wclobbered"
#endif

enum {
    LJ_DEFER,      /* longjmp, then a defer of frame_a                        */
    LJ_CHILD,      /* frame_b's child frame returned, then longjmp            */
    LJ_SIG,        /* siglongjmp                                              */
    LJ_TWO,        /* longjmp from frame_b2, skipping frame_b2 and frame_b    */
    BJ_DEFER,      /* __builtin_longjmp, then a defer of frame_a              */
    BJ_RETURN,     /* __builtin_longjmp, then frame_a returns                 */
    BJ_REUSED,     /* __builtin_longjmp, the stack reused, then a defer       */
    LJ_NODEFER,    /* longjmp over a frame_b that never deferred: harmless    */
    LJ_AGAIN,      /* longjmp back into frame_e before its first defer        */
    NMODES
};

static jmp_buf env;
static sigjmp_buf senv;
static void *benv[5];

static void say(void *s)
{
    printf("deferred %s\n", (const char *)s);
    fflush(stdout);
}

static void quiet(void *p) { (void)p; }

static __attribute__((noinline)) void frame_d(void)
{
    go_frame_void();
    go_defer(quiet, NULL);
}

static __attribute__((noinline)) void jump_back(int mode)
{
    if (mode == LJ_SIG)
        siglongjmp(senv, 1);
    if (mode == BJ_DEFER || mode == BJ_RETURN || mode == BJ_REUSED)
        __builtin_longjmp(benv, 1);
    longjmp(env, 1);
}

static __attribute__((noinline)) void frame_b2(int mode)
{
    go_frame_void();
    go_defer(say, "b2");
    jump_back(mode);
}

static __attribute__((noinline)) void frame_b(int mode)
{
    go_frame_void();
    if (mode != LJ_NODEFER)
        go_defer(say, "b");
    if (mode == LJ_CHILD)
        frame_d();
    if (mode == LJ_TWO)
        frame_b2(mode);
    jump_back(mode);
}

/* Reuses the stack below the caller: frame_b's dead frame is overwritten. */
static __attribute__((noinline)) void scribble(void)
{
    volatile unsigned char junk[16384];
    memset((void *)junk, 0xAA, sizeof junk);
}

static __attribute__((noinline)) int frame_a(int mode)
{
    int result = 0;
    go_frame(result);
    go_defer(say, "a1");
    if (mode == LJ_SIG) {
        if (sigsetjmp(senv, 1) == 0)
            frame_b(mode);
    } else if (mode == BJ_DEFER || mode == BJ_RETURN || mode == BJ_REUSED) {
        if (__builtin_setjmp(benv) == 0)
            frame_b(mode);
    } else if (setjmp(env) == 0) {
        frame_b(mode);
    }
    if (mode == BJ_REUSED)
        scribble();
    if (mode != BJ_RETURN)
        go_defer(say, "a2");
    return 7;
}

static jmp_buf env_e;
static __attribute__((noinline)) void jump_e(void) { longjmp(env_e, 1); }
static __attribute__((noinline)) void frame_e(void)
{
    go_frame_void();
    int again = setjmp(env_e);
    go_defer(say, "e");
    if (!again)
        jump_e();
}

static void child(void *arg)
{
    if (*(int *)arg == LJ_AGAIN) {
        frame_e();
        printf("frame_e returned\n");
        return;
    }
    int r = frame_a(*(int *)arg);
    printf("frame_a returned %d\n", r);
}

int main(void)
{
    static const char *const names[NMODES] = {
        [LJ_DEFER] = "longjmp over a frame",
        [LJ_CHILD] = "longjmp over a frame whose child frame returned",
        [LJ_SIG] = "siglongjmp over a frame",
        [LJ_TWO] = "longjmp over two frames",
        [BJ_DEFER] = "__builtin_longjmp over a frame, then a defer",
        [BJ_RETURN] = "__builtin_longjmp over a frame, then a return",
        [BJ_REUSED] = "__builtin_longjmp over a frame, stack reused, then a defer",
        [LJ_NODEFER] = "longjmp over a frame that never deferred",
        [LJ_AGAIN] = "longjmp back to before a frame's first defer"};
    for (int mode = 0; mode < NMODES; mode++) {
        struct death d;
        run_death(child, &mode, &d);
        switch (mode) {
        case LJ_DEFER:
        case LJ_CHILD:
            check_fatal(names[mode], &d, "frame of frame_b was left without running its deferred",
                        "(a longjmp skips it)", "\nframe_b(", (const char *)NULL);
            break;
        case LJ_SIG:
            check_fatal(names[mode], &d, "frame of frame_b was left", "(a siglongjmp skips it)",
                        (const char *)NULL);
            break;
        case LJ_TWO:
            check_fatal(names[mode], &d, "frame of frame_b2 was left",
                        "(a longjmp skips it and 1 older frame)", (const char *)NULL);
            break;
        case BJ_DEFER:
        case BJ_REUSED:
        case BJ_RETURN:
            check_fatal(names[mode], &d, "a frame was left", "(a jump or an unwinder skipped it; ",
                        mode == BJ_RETURN ? "detected at its return of frame_a"
                                          : "detected at a defer of frame_a",
                        (const char *)NULL);
            break;
        case LJ_NODEFER:
            CHECK(WIFEXITED(d.status) && WEXITSTATUS(d.status) == 99,
                  "%s: status 0x%x\n--- stderr:\n%s", names[mode], d.status, d.err);
            CHECK_STR(d.out, "deferred a2\ndeferred a1\nframe_a returned 7\n");
            ok(names[mode]);
            continue;
        case LJ_AGAIN:
            if (WIFEXITED(d.status) && WEXITSTATUS(d.status) == 99) {
                /* Where the exit locals live in memory (-O0), the frame is still linked when
                 * the longjmp lands, and the second defer is a plain second record. */
                CHECK_STR(d.out, "deferred e\ndeferred e\nframe_e returned\n");
                ok(names[mode]);
                continue;
            }
            check_fatal(names[mode], &d,
                        "frame of frame_e registered its first deferred call twice",
                        (const char *)NULL);
            break;
        }
        if (mode == BJ_DEFER || mode == BJ_RETURN || mode == BJ_REUSED)
            CHECK(strstr(d.err, "its dead memory names ") ||
                      strstr(d.err, "its memory has been reused, which names no function"),
                  "%s: the error does not say where the name comes from:\n%s", names[mode], d.err);
        CHECK(strstr(d.out, "deferred") == NULL && strstr(d.out, "returned") == NULL,
              "%s: the program went on after the fatal error:\n%s", names[mode], d.out);
        ok(names[mode]);
    }
    return 0;
}
