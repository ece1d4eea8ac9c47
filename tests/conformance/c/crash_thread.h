/*
 * crash_thread.h — the main() of the conformance scenarios whose story runs, and crashes, on a
 * thread of their own (a goroutine, as gort counts them): crash_panic_in_thread,
 * crash_panic_after_goexit_thread, sig_nil_in_thread, sig_stack_overflow. Their Go twins start
 * a goroutine and block main forever.
 *
 * CRASH_ON_THREAD_MAIN(body, stack) defines main, which writes stdout unbuffered (as Go does),
 * defers a call on main's goroutine that must not run (a crash on another goroutine ends the program without running
 * main's deferred calls, P1), runs body on a new thread (stack bytes, 0 for the default) and
 * joins it. The thread's crash ends the program with status 2, so nothing after the join runs:
 * "not reached" in the output, or main returning, would be a difference from Go.
 *
 * Not a scenario itself (run.py builds c/NAME.c for each scenario; this file is included).
 */
#ifndef CONFORMANCE_CRASH_THREAD_H
#define CONFORMANCE_CRASH_THREAD_H

#include <gort.h>
#include <pthread.h>
#include <stdio.h>

static void say(void *s) { printf("%s\n", (const char *)s); }

/* A macro that is main itself, not a function main calls: a frame of its own would show in the
 * crash report's listing of goroutine 1, where the Go twin has only main.main. */
#define CRASH_ON_THREAD_MAIN(body, stack)                                                       \
    int main(void)                                                                              \
    {                                                                                           \
        int rc = 0;                                                                             \
        go_frame(rc);                                                                           \
        setvbuf(stdout, NULL, _IONBF, 0); /* Go writes stdout unbuffered */                     \
        go_defer(say, "main's deferred call must not run");                                     \
        pthread_attr_t attr;                                                                    \
        pthread_attr_init(&attr);                                                               \
        if ((stack) != 0)                                                                       \
            pthread_attr_setstacksize(&attr, stack);                                            \
        pthread_t t;                                                                            \
        pthread_create(&t, &attr, body, NULL);                                                  \
        pthread_join(t, NULL);                                                                  \
        printf("not reached\n");                                                                \
        return rc;                                                                              \
    }

#endif /* CONFORMANCE_CRASH_THREAD_H */
