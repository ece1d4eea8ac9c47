/*
 * trace_panic.c — what gort's event trace shows: a request handler whose parser panics; the
 * panic passes through five deferred calls in three functions, and the fifth recovers it.
 *
 *   make BUILD=build && cc -Iinclude examples/trace_panic.c build/libgort.a -ldw -lelf -lpthread -o trace_panic
 *   GORT_TRACE=out.json ./trace_panic
 *   build/gort-trace html out.json -o trace.html      # open trace.html in a browser
 *   build/gort-trace mermaid out.json                 # the panic as a sequence diagram
 *
 * (out.json is gort's binary trace, whatever its name: `gort-trace json` makes the Perfetto
 * file.) See docs/trace.md.
 */
#include <gort.h>

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static void pause_us(long us)
{
    struct timespec ts = {0, us * 1000};
    nanosleep(&ts, NULL);
}

static void log_exit(void *what) { printf("  leaving %s\n", (const char *)what); pause_us(200); }
static void unlock_table(void *t) { printf("  table %s unlocked\n", (const char *)t); pause_us(300); }
static void release_buffer(void *b) { free(b); printf("  buffer released\n"); pause_us(150); }
static void close_conn(void *c) { printf("  connection %s closed\n", (const char *)c); pause_us(250); }

static void recover_and_log(void *status)
{
    go_any r = go_recover();
    if (!go_is_nil(r)) {
        char buf[128];
        printf("  recovered: %s\n", go_any_format(r, buf, sizeof buf));
        *(int *)status = 500;
    }
}

static __attribute__((noinline)) int parse(const char *body)
{
    int n = 0;
    go_frame(n);
    go_defer(unlock_table, "symbols");
    go_defer(log_exit, "parse");
    pause_us(400);
    if (body[0] != '{')
        go_panicf("parse error: unexpected %c at offset 0", body[0]);
    return n;
}

static __attribute__((noinline)) int handle(const char *conn, const char *body)
{
    int r = 0;
    go_frame(r);
    go_defer(close_conn, (void *)conn);
    go_defer(release_buffer, malloc(4096));
    pause_us(300);
    return parse(body);
}

static __attribute__((noinline)) int serve(const char *conn, const char *body)
{
    int status = 200;
    go_frame(status);
    go_defer(recover_and_log, &status);
    handle(conn, body);
    return status;
}

int main(void)
{
    printf("request 1: status %d\n", serve("c1", "{}"));
    printf("request 2: status %d\n", serve("c2", "oops"));
    return 0;
}
