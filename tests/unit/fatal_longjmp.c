/*
 * fatal_longjmp.c — frames left out of order by a foreign longjmp are a fatal error.
 *
 * frame_a (go_frame + a defer) calls frame_b (go_frame + a defer), which longjmps back to
 * frame_a with the C library's longjmp: frame_b's exit, and its deferred call, are skipped, and
 * frame_b's frame stays linked above frame_a's. frame_a's next go_defer, or its return, must then
 * die: exit status 2, stderr starting with "fatal error:" and naming the skipped frame (frame_b).
 * No deferred call may run after that (fatal errors run none, E4). Each case runs in a forked
 * child. In the third case the stack frame_b ran on is reused (by scribble) before frame_a's next
 * defer, as any call in between may do: gort must not read anything from that dead frame (the
 * name comes from the goroutine, which keeps the newest frame's landing address until the next
 * exit). In the fourth, after the reuse a new frame (frame_c) makes its first defer: the newest
 * frame no longer says it is the goroutine's, and the link must not chain the new frame under
 * it. In the fifth, frame_b's own child frame (frame_d) returned normally before the longjmp:
 * the error is still caught, and says that the skipped frame's function is not known.
 *
 * A longjmp over a frame that never deferred is harmless (that frame was never linked): the
 * last case checks that it is not reported and that frame_a's deferred calls all run.
 */
#include "check.h"

#include <gort.h>
#include <setjmp.h>

/* frame_a calls setjmp after its first defer: GCC's -Wclobbered about the frame pointer
 * gort__fp is noise there (gort.h, go_frame). */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wclobbered"
#endif

static jmp_buf env;

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

static __attribute__((noinline)) void frame_b(int mode)
{
    go_frame_void();
    if (mode != 3)
        go_defer(say, "b");
    if (mode == 5)
        frame_d();
    longjmp(env, 1);
}

/* Reuses the stack below the caller: frame_b's dead frame is overwritten. */
static __attribute__((noinline)) void scribble(void)
{
    volatile unsigned char junk[16384];
    memset((void *)junk, 0xAA, sizeof junk);
}

/* A longjmp back into a function, to before its first defer, which then runs again: where the
 * compiler kept "no defer yet" in a register, the frame links twice (fatal); else it is a
 * second record of a linked frame. */
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

static __attribute__((noinline)) void frame_c(void)
{
    go_frame_void();
    go_defer(say, "c");
}

/* mode 0: the next defer of frame_a; 1: frame_a's return; 2: the stack reused, then a defer;
 * 3: frame_b never deferred; 4: the stack reused, then a new frame's first defer; 5: frame_b's
 * child frame returned, then a defer */
static __attribute__((noinline)) int frame_a(int mode)
{
    int result = 0;
    go_frame(result);
    go_defer(say, "a1");
    if (setjmp(env) == 0)
        frame_b(mode);
    if (mode == 2 || mode == 4)
        scribble();
    if (mode == 4)
        frame_c();
    if (mode != 1)
        go_defer(say, "a2");
    return 7;
}

static void child(void *arg)
{
    if (*(int *)arg == 6) {
        frame_e();
        printf("frame_e returned\n");
        return;
    }
    int r = frame_a(*(int *)arg);
    printf("frame_a returned %d\n", r);
}

int main(void)
{
    static const char *const names[] = {"foreign longjmp, then a defer",
                                        "foreign longjmp, then a return",
                                        "foreign longjmp, stack reused, then a defer",
                                        "",
                                        "foreign longjmp, stack reused, then a new frame",
                                        "foreign longjmp after a child frame returned",
                                        "longjmp back to before a frame's first defer"};
    for (int mode = 0; mode < 7; mode++) {
        if (mode == 3)
            continue;
        struct death d;
        run_death(child, &mode, &d);
        if (mode == 1)
            check_fatal(names[mode], &d, "frame of frame_b was left", "its return of frame_a",
                        (const char *)NULL);
        else if (mode == 4)
            check_fatal(names[mode], &d, "frame of frame_b was left", "its first defer of frame_c",
                        (const char *)NULL);
        else if (mode == 6 && WIFEXITED(d.status) && WEXITSTATUS(d.status) == 99) {
            /* Where the exit locals live in memory (-O0), the frame is still linked when the
             * longjmp lands, and the second defer is a plain second record: both calls run. */
            CHECK_STR(d.out, "deferred e\ndeferred e\nframe_e returned\n");
            ok(names[mode]);
            continue;
        } else if (mode == 6)
            check_fatal(names[mode], &d, "frame of frame_e registered its first deferred call twice",
                        (const char *)NULL);
        else if (mode == 5)
            check_fatal(names[mode], &d, "a frame was left", "function is not known",
                        "a defer of frame_a", (const char *)NULL);
        else
            check_fatal(names[mode], &d, "frame of frame_b was left", "a defer of frame_a",
                        (const char *)NULL);
        CHECK(strstr(d.out, "deferred") == NULL && strstr(d.out, "returned") == NULL,
              "%s: the program went on after the fatal error:\n%s", names[mode], d.out);
        ok(names[mode]);
    }

    struct death d;
    int mode = 3;
    run_death(child, &mode, &d);
    CHECK(WIFEXITED(d.status) && WEXITSTATUS(d.status) == 99,
          "longjmp over a frame that never deferred: status 0x%x\n--- stderr:\n%s", d.status,
          d.err);
    CHECK_STR(d.out, "deferred a2\ndeferred a1\nframe_a returned 7\n");
    ok("a longjmp over a frame that never deferred is harmless");
    return 0;
}
