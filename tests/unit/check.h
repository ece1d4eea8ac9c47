/*
 * check.h — the few helpers gort's unit tests share: checks that stop the test with a message,
 * `ok - name` lines, and death tests (run a function in a forked child, capture its stderr and
 * exit status).
 */
#ifndef GORT_UNIT_CHECK_H
#define GORT_UNIT_CHECK_H

#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Sanitizer builds: some death tests (address-space limits) cannot run under them. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define UNIT_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) ||                   \
    __has_feature(memory_sanitizer)
#define UNIT_SANITIZER 1
#endif
#endif

/* Under TSan, gort's recovery point is libc's setjmp, and GCC then warns -Wclobbered about loop
 * variables live across a frame's first defer. gort.h explains why those are false positives
 * (the recovery landing reads none of them) and recommends -Wno-clobbered for GCC TSan builds. */
#if defined(__SANITIZE_THREAD__) && defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wclobbered"
#endif

#define CHECK(cond, ...)                                                                        \
    do {                                                                                        \
        if (!(cond)) {                                                                          \
            fflush(stdout);                                                                     \
            fprintf(stderr, "FAIL %s:%d: %s\n  ", __FILE__, __LINE__, #cond);                   \
            fprintf(stderr, __VA_ARGS__);                                                       \
            fputc('\n', stderr);                                                                \
            exit(1);                                                                            \
        }                                                                                       \
    } while (0)

#define CHECK_STR(got, want)                                                                    \
    do {                                                                                        \
        const char *g_ = (got), *w_ = (want);                                                   \
        CHECK(strcmp(g_, w_) == 0, "got \"%s\", want \"%s\"", g_, w_);                          \
    } while (0)

static inline void ok(const char *name)
{
    printf("ok - %s\n", name);
    fflush(stdout);
}

/* What a death test's child did. */
struct death {
    int status;      /* from waitpid */
    char err[16384]; /* its stderr, NUL-terminated (truncated if longer) */
    char out[4096];  /* its stdout */
};

static inline void read_all(int fd, char *buf, size_t size)
{
    size_t n = 0;
    for (;;) {
        char tmp[4096];
        ssize_t r = read(fd, tmp, sizeof tmp);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        size_t k = (size_t)r;
        if (k > size - 1 - n)
            k = size - 1 - n;
        memcpy(buf + n, tmp, k);
        n += k;
    }
    buf[n] = 0;
}

/* Runs fn(arg) in a forked child; if it returns, the child exits with status 99. */
static inline void run_death(void (*fn)(void *), void *arg, struct death *d)
{
    int ep[2], op[2];
    fflush(stdout);
    fflush(stderr);
    CHECK(pipe(ep) == 0 && pipe(op) == 0, "pipe: %s", strerror(errno));
    pid_t pid = fork();
    CHECK(pid >= 0, "fork: %s", strerror(errno));
    if (pid == 0) {
        dup2(ep[1], 2);
        dup2(op[1], 1);
        close(ep[0]);
        close(ep[1]);
        close(op[0]);
        close(op[1]);
        fn(arg);
        fflush(stdout);
        _exit(99);
    }
    close(ep[1]);
    close(op[1]);
    /* The child writes little to stdout; read stderr to its end first, then stdout. A child
     * filling the stdout pipe would block, so tests keep their stdout short. */
    read_all(ep[0], d->err, sizeof d->err);
    read_all(op[0], d->out, sizeof d->out);
    close(ep[0]);
    close(op[0]);
    while (waitpid(pid, &d->status, 0) < 0)
        CHECK(errno == EINTR, "waitpid: %s", strerror(errno));
}

/* Checks that the child died of a fatal error: exit status 2 (not a signal), stderr starting
 * with "fatal error:" and containing each of the NULL-terminated strings that follow. */
static inline void check_fatal(const char *name, const struct death *d, ...)
{
    if (WIFSIGNALED(d->status)) {
        fprintf(stderr, "FAIL %s: killed by signal %d\n--- stderr:\n%s\n", name,
                WTERMSIG(d->status), d->err);
        exit(1);
    }
    if (!WIFEXITED(d->status) || WEXITSTATUS(d->status) != 2) {
        fprintf(stderr, "FAIL %s: exit status %d, want 2\n--- stderr:\n%s\n", name,
                WIFEXITED(d->status) ? WEXITSTATUS(d->status) : -1, d->err);
        exit(1);
    }
    if (strncmp(d->err, "fatal error:", 12) != 0) {
        fprintf(stderr, "FAIL %s: stderr does not start with \"fatal error:\"\n--- stderr:\n%s\n",
                name, d->err);
        exit(1);
    }
    va_list ap;
    va_start(ap, d);
    for (const char *s; (s = va_arg(ap, const char *)) != NULL;) {
        if (!strstr(d->err, s)) {
            fprintf(stderr, "FAIL %s: stderr does not mention \"%s\"\n--- stderr:\n%s\n", name, s,
                    d->err);
            exit(1);
        }
    }
    va_end(ap);
}

#endif /* GORT_UNIT_CHECK_H */
