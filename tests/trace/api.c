/*
 * api.c — the trace API in-process: go_trace_start/dump/stop/enabled and their errors, a trace
 * read back with go_trace_export (every format) and export errors, and ring wrap-around
 * (GORT_TRACE_EVENTS=64 set by re-running itself: the ring size is read at load time).
 * Runs in the directory it writes its files to.
 */
#include "../unit/check.h"

#include <gort.h>
#include <gort/trace.h>

#include <sys/stat.h>

static int hits;
static void count(void *p) { (void)p; hits++; }
static void catcher(void *p)
{
    (void)p;
    if (!go_is_nil(go_recover()))
        hits += 100;
}

static __attribute__((noinline)) void panics(void)
{
    go_frame_void();
    go_defer(catcher, NULL);
    go_defer(count, NULL);
    go_panic("api boom");
}

static __attribute__((noinline)) void many_defers(int n)
{
    go_frame_void();
    for (int i = 0; i < n; i++)
        go_defer(count, NULL);
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return NULL;
    static char buf[1 << 20];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = 0;
    fclose(f);
    return buf;
}

static int lines(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "wrap") == 0) { /* GORT_TRACE_EVENTS=64 GORT_TRACE=wrap.gtrace */
        many_defers(500);
        CHECK(go_trace_dump() == 0, "dump: %s", strerror(errno));
        CHECK(go_trace_export("wrap.gtrace", "wrap.events", GO_TRACE_EVENTS) == 0, "%s",
              go_trace_error());
        char *ev = slurp("wrap.events");
        CHECK(ev && lines(ev) == 64, "a 64-event ring keeps the newest 64 events: %d lines",
              ev ? lines(ev) : -1);
        CHECK(strstr(ev, "frame_exit  many_defers"), "the newest event is kept:\n%s", ev);
        return 0;
    }

    CHECK(!go_trace_enabled(), "tracing is off by default");
    errno = 0;
    CHECK(go_trace_dump() == -1 && errno == EINVAL, "dump while off: EINVAL");
    errno = 0;
    CHECK(go_trace_stop() == -1 && errno == EINVAL, "stop while off: EINVAL");
    panics(); /* not recorded */
    ok("off: dump and stop fail with EINVAL");

    CHECK(go_trace_start("api.gtrace") == 0, "start: %s", strerror(errno));
    CHECK(go_trace_enabled(), "enabled after start");
    errno = 0;
    CHECK(go_trace_start("other.gtrace") == -1 && errno == EBUSY, "second start: EBUSY");
    hits = 0;
    panics();
    CHECK(hits == 101, "the traced panic ran both deferred calls and recovered: %d", hits);
    CHECK(go_trace_dump() == 0, "dump: %s", strerror(errno));
    ok("start, EBUSY, dump");

    CHECK(go_trace_export("api.gtrace", "api.events", GO_TRACE_EVENTS) == 0, "%s", go_trace_error());
    char *ev = slurp("api.events");
    CHECK(ev && strstr(ev, "panic       [panic 1] string: api boom") &&
              strstr(ev, "recover     [panic 1] by catcher") &&
              strstr(ev, "recovery    [panic 1] -> panics"),
          "events:\n%s", ev ? ev : "(none)");
    CHECK(!strstr(ev, "[panic 2]"), "the panic before start is not recorded:\n%s", ev);
    go_trace_format fmts[] = {GO_TRACE_JSON, GO_TRACE_MERMAID, GO_TRACE_HTML};
    for (int i = 0; i < 3; i++)
        CHECK(go_trace_export("api.gtrace", "api.out", fmts[i]) == 0, "format %d: %s", fmts[i],
              go_trace_error());
    ok("go_trace_export: events, json, mermaid, html");

    CHECK(go_trace_stop() == 0, "stop: %s", strerror(errno));
    CHECK(!go_trace_enabled(), "disabled after stop");
    panics();
    CHECK(go_trace_export("api.gtrace", "api.events", GO_TRACE_EVENTS) == 0, "%s", go_trace_error());
    ev = slurp("api.events");
    CHECK(ev && !strstr(ev, "[panic 2]"), "nothing recorded after stop:\n%s", ev);
    ok("stop writes the trace; nothing is recorded after it");

    CHECK(go_trace_start(NULL) == 0, "start(NULL): %s", strerror(errno));
    errno = 0;
    CHECK(go_trace_dump() == -1 && errno == EINVAL, "dump without a path: EINVAL");
    CHECK(go_trace_stop() == 0, "stop without a path: %s", strerror(errno));
    ok("in-memory tracing: no path, nothing written");

    CHECK(mkdir("sub", 0755) == 0 || errno == EEXIST, "mkdir: %s", strerror(errno));
    CHECK(go_trace_start("rel.gtrace") == 0, "start: %s", strerror(errno));
    CHECK(chdir("sub") == 0, "chdir: %s", strerror(errno));
    CHECK(go_trace_stop() == 0, "stop: %s", strerror(errno));
    CHECK(chdir("..") == 0 && access("rel.gtrace", R_OK) == 0 && access("sub/rel.gtrace", F_OK) != 0,
          "a relative path names a file in the directory of go_trace_start");
    ok("a relative trace path is taken from the directory at start");

    CHECK(go_trace_export("no/such.gtrace", "x", GO_TRACE_JSON) == -1 &&
              strstr(go_trace_error(), "no/such.gtrace: No such file"),
          "missing file: %s", go_trace_error());
    CHECK(go_trace_export("api.events", "x", GO_TRACE_JSON) == -1 &&
              strstr(go_trace_error(), "not a gort trace"),
          "not a trace: %s", go_trace_error());
    go_trace_options o = {.panic = 5};
    CHECK(go_trace_export_opts("api.gtrace", "x", GO_TRACE_MERMAID, &o) == -1 &&
              strstr(go_trace_error(), "no panic 5: the trace has 1"),
          "no such panic: %s", go_trace_error());
    CHECK(go_trace_export("api.gtrace", "no/such/dir/x", GO_TRACE_JSON) == -1 &&
              strstr(go_trace_error(), "no/such/dir/x"),
          "unwritable output: %s", go_trace_error());
    CHECK(go_trace_export("api.gtrace", "x", (go_trace_format)99) == -1, "bad format");
    ok("export errors: missing file, not a trace, no such panic, unwritable output, bad format");

    /* The ring wraps: the newest events stay. */
    fflush(stdout);
    int st = system("GORT_TRACE_EVENTS=64 GORT_TRACE=wrap.gtrace ./api wrap");
    CHECK(st == 0, "wrap run: status %d", st);
    ok("a full ring keeps the newest GORT_TRACE_EVENTS events");
    return 0;
}
