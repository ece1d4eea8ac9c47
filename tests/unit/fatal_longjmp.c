/*
 * fatal_longjmp.c — frames left out of order by a foreign longjmp are a fatal error.
 *
 * frame_a (go_frame + a defer) calls frame_b (go_frame + a defer), which longjmps back to
 * frame_a with the C library's longjmp: frame_b's exit, and its deferred call, are skipped, and
 * frame_b's frame stays linked above frame_a's. frame_a's next go_defer, or its return, must then
 * die: exit status 2, stderr starting with "fatal error:" and naming the skipped frame (frame_b).
 * No deferred call may run after that (fatal errors run none, E4). Each case runs in a forked
 * child. In the third case the stack frame_b ran on is reused (by scribble) before frame_a's next
 * defer, as any call in between may do: gort must not read anything from that dead frame.
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

static __attribute__((noinline)) void frame_b(int defers)
{
    go_frame_void();
    if (defers)
        go_defer(say, "b");
    longjmp(env, 1);
}

/* Reuses the stack below the caller: frame_b's dead frame is overwritten. */
static __attribute__((noinline)) void scribble(void)
{
    volatile unsigned char junk[16384];
    memset((void *)junk, 0xAA, sizeof junk);
}

/* mode 0: the next defer of frame_a; 1: frame_a's return; 2: the stack reused, then a defer;
 * 3: frame_b never deferred */
static __attribute__((noinline)) int frame_a(int mode)
{
    int result = 0;
    go_frame(result);
    go_defer(say, "a1");
    if (setjmp(env) == 0)
        frame_b(mode != 3);
    if (mode == 2)
        scribble();
    if (mode != 1)
        go_defer(say, "a2");
    return 7;
}

static void child(void *arg)
{
    int r = frame_a(*(int *)arg);
    printf("frame_a returned %d\n", r);
}

int main(void)
{
    static const char *const names[] = {"foreign longjmp, then a defer",
                                        "foreign longjmp, then a return",
                                        "foreign longjmp, stack reused, then a defer"};
    for (int mode = 0; mode < 3; mode++) {
        struct death d;
        run_death(child, &mode, &d);
        check_fatal(names[mode], &d, "frame_b", (const char *)NULL);
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
