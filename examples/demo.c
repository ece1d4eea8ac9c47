/*
 * demo.c — gort in one page: a request handler that cleans up with defer, a failure deep
 * inside it that panics, and a server loop that recovers it and carries on with the next
 * request. The last request's panic is not recovered: the program dies as a Go program would,
 * with the panic report and exit status 2.
 */
#include <gort.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void close_file(void *f) { fclose(f); }
static void free_buffer(void *p) { free(p); printf("  buffer freed\n"); }

/* Counts the lines of a file; a missing file is a panic. */
static int count_lines(const char *path)
{
    int lines = -1;
    go_frame(lines);

    char *buf = malloc(4096);
    go_defer(free_buffer, buf);          /* runs however count_lines ends */

    FILE *f = fopen(path, "r");
    if (!f)
        go_panicf("open %s: %s", path, strerror(errno));
    go_defer(close_file, f);

    lines = 0;
    while (fgets(buf, 4096, f))
        lines++;
    return lines;
}

static void recover_request(void *status)
{
    go_any r = go_recover();             /* non-nil only while a panic runs this call */
    if (!go_is_nil(r)) {
        char msg[256];
        printf("  recovered: %s\n", go_any_format(r, msg, sizeof msg));
        *(int *)status = 500;
    }
}

/* Handles one request: 200 with the line count, or 500 if it panicked. */
static int serve(const char *path)
{
    int status = 200;
    go_frame(status);                    /* after a recovery, serve returns status */
    go_defer(recover_request, &status);
    printf("  %s has %d lines\n", path, count_lines(path));
    return status;
}

int main(int argc, char **argv)
{
    const char *paths[] = {argc > 0 ? argv[0] : "/proc/self/exe", "/nonexistent/config", "/etc/hostname"};
    for (int i = 0; i < 3; i++) {
        printf("request %s\n", paths[i]);
        printf("  status %d\n", serve(paths[i]));
    }
    printf("request without a recover:\n");
    count_lines("/nonexistent/last");    /* unrecovered: panic report, exit status 2 */
    return 0;
}
