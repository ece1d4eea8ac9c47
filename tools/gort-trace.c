/*
 * gort-trace — turns a gort trace file (GORT_TRACE=file ./program) into something to look at.
 *
 *   gort-trace html    TRACE [-o page.html]     self-contained timeline page (open in a browser)
 *   gort-trace json    TRACE [-o trace.json]    Chrome Trace Event JSON (Perfetto, chrome://tracing)
 *   gort-trace mermaid TRACE [--panic N] [-o F] Mermaid sequenceDiagram of panic N (default 1)
 *   gort-trace events  TRACE [-o F]             the raw events, one a line
 *
 * Options: -o FILE (default: standard output; for html, TRACE with .html appended when it is
 * not "-"), --stable (times become event ordinals and addresses are left out: output that
 * does not change from run to run, for golden tests and diffs).
 * The exports symbolize with the ELF files of the traced program and its libraries, so run it
 * on the machine that made the trace, before those files change.
 * Exit status: 0, 1 on an error (the message says why), 2 on a usage error.
 */
#include <gort/trace.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int usage(void)
{
    fputs("usage: gort-trace html|json|mermaid|events TRACE [-o OUT] [--panic N] [--stable]\n"
          "  html     self-contained page with a timeline per goroutine (default OUT: TRACE.html)\n"
          "  json     Chrome Trace Event JSON for Perfetto / chrome://tracing\n"
          "  mermaid  Mermaid sequenceDiagram of one panic's life (--panic N, default 1)\n"
          "  events   the raw events as text\n",
          stderr);
    return 2;
}

int main(int argc, char **argv)
{
    if (argc < 3)
        return usage();
    const char *fmt = argv[1], *in = argv[2], *out = NULL;
    go_trace_options o = {0, false};
    go_trace_format f;
    if (strcmp(fmt, "html") == 0)
        f = GO_TRACE_HTML;
    else if (strcmp(fmt, "json") == 0)
        f = GO_TRACE_JSON;
    else if (strcmp(fmt, "mermaid") == 0)
        f = GO_TRACE_MERMAID;
    else if (strcmp(fmt, "events") == 0)
        f = GO_TRACE_EVENTS;
    else
        return usage();
    for (int i = 3; i < argc; i++) {
        if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
            out = argv[++i];
        else if (strcmp(argv[i], "--panic") == 0 && i + 1 < argc) {
            char *end;
            long n = strtol(argv[++i], &end, 10);
            if (*end || n < 1 || n > 1000000000)
                return usage();
            o.panic = (int)n;
        } else if (strcmp(argv[i], "--stable") == 0)
            o.stable = true;
        else
            return usage();
    }
    char *def = NULL;
    if (out == NULL && f == GO_TRACE_HTML && strcmp(in, "-") != 0) {
        size_t n = strlen(in) + 6;
        def = malloc(n);
        if (def == NULL)
            return 1;
        snprintf(def, n, "%s.html", in);
        out = def;
    }
    if (out == NULL)
        out = "-";
    int r = go_trace_export_opts(in, out, f, &o);
    if (r != 0)
        fprintf(stderr, "gort-trace: %s\n", go_trace_error());
    else if (def)
        fprintf(stderr, "gort-trace: wrote %s\n", out);
    free(def);
    return r == 0 ? 0 : 1;
}
