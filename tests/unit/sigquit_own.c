/*
 * sigquit_own.c — SIGQUIT belongs to the program once it handles it (issue 3, C4): gort's dump
 * ("SIGQUIT: quit", every goroutine, exit 2) runs only while gort's handler is the one
 * installed. Checked in forked children: a handler the program installs after gort's
 * constructor (the usual case: in main) is called and the process goes on; SIG_IGN set by the
 * program ignores the signal; and without either, gort's dump is what happens. The case of a
 * handler installed before gort's constructor is tb_sigquit's counterpart and is left out:
 * constructor order across objects is not portable.
 */
#include "check.h"

#include <gort.h>
#include <signal.h>
#include <time.h>

#if defined(__SANITIZE_THREAD__)
#define UNIT_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define UNIT_TSAN 1
#endif
#endif

static volatile sig_atomic_t handled;

static void on_quit(int sig)
{
    (void)sig;
    handled = 1;
}

/* TSan delivers some signals late, at its next interceptor: wait a little for the handler. */
static void wait_handled(void)
{
    for (int i = 0; i < 1000 && !handled; i++) {
        struct timespec ts = {0, 1000000};
        nanosleep(&ts, NULL);
    }
}

static void own_handler(void *unused)
{
    (void)unused;
    (void)go_goid();
    signal(SIGQUIT, on_quit);
    raise(SIGQUIT);
    wait_handled();
    printf(handled ? "handled\n" : "not handled\n");
    fflush(stdout);
    _exit(0);
}

static void ignored(void *unused)
{
    (void)unused;
    (void)go_goid();
    signal(SIGQUIT, SIG_IGN);
    raise(SIGQUIT);
    printf("still here\n");
    fflush(stdout);
    _exit(0);
}

static void gorts(void *unused)
{
    (void)unused;
    (void)go_goid();
    raise(SIGQUIT);
    struct timespec ts = {2, 0};
    nanosleep(&ts, NULL);
    _exit(0);
}

int main(void)
{
    struct death d;
    run_death(own_handler, NULL, &d);
    CHECK(WIFEXITED(d.status) && WEXITSTATUS(d.status) == 0, "status %d\n%s", d.status, d.err);
    CHECK_STR(d.out, "handled\n");
    CHECK(strstr(d.err, "SIGQUIT: quit") == NULL, "gort dumped:\n%s", d.err);
    ok("SIGQUIT: a handler the program installs is called; no dump, the process goes on");

    run_death(ignored, NULL, &d);
    CHECK(WIFEXITED(d.status) && WEXITSTATUS(d.status) == 0, "status %d\n%s", d.status, d.err);
    CHECK_STR(d.out, "still here\n");
    CHECK(strstr(d.err, "SIGQUIT: quit") == NULL, "gort dumped:\n%s", d.err);
    ok("SIGQUIT: SIG_IGN set by the program ignores it");

    run_death(gorts, NULL, &d);
    CHECK(WIFEXITED(d.status) && WEXITSTATUS(d.status) == 2, "status %d\n%s", d.status, d.err);
    CHECK(strncmp(d.err, "SIGQUIT: quit\nPC=", 17) == 0, "no dump:\n%s", d.err);
    CHECK(strstr(d.err, "goroutine 1 gp="), "no trace:\n%s", d.err);
#ifndef UNIT_TSAN /* TSan ends the symbolizing child (a "signal-unsafe" malloc): raw frames */
    CHECK(strstr(d.err, "gorts(...)"), "not symbolized:\n%s", d.err);
#endif
    ok("SIGQUIT: without the program's own handler, gort's dump and exit status 2");
    return 0;
}
