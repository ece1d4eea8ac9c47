/*
 * gtrace.c — goroutines as a crash report and a debugger show them: the other goroutines of a
 * report (Go's tracebackothers), the `created by` line, and gort_dump() for gdb.
 *
 * Design
 * ------
 * Everything here runs while the program is dying or stopped in a debugger, so it takes no
 * lock and allocates nothing: it walks the allg list (records are never freed, sched.c) and
 * g.c's thread registry as they are, and writes through the crash writer (write(2)).
 *
 * A parked goroutine's frames come from its saved context (G.ctx): the return address into
 * the function that switched and its frame pointer, then the frame-pointer chain, followed
 * only while it stays inside the goroutine's stack and moves towards its top (unwind.c). gort
 * itself is built with frame pointers; a chain through user code built without them ends
 * early. The frames, and each `created by` site, are symbolized by the report's symbolizing
 * child (symchild.c), like the crashing goroutine's, with the raw form as fallback. A
 * goroutine running on another thread cannot be walked: as Go, the report says "goroutine
 * running on other thread; stack unavailable".
 */
#define _GNU_SOURCE
#include "gsched.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

bool gort__traceback_all(void)
{
    const char *e = getenv("GOTRACEBACK");
    return e && (strcmp(e, "all") == 0 || strcmp(e, "system") == 0 || strcmp(e, "crash") == 0 ||
                 strcmp(e, "2") == 0);
}

const char *gort__gstate_text(const G *g)
{
    switch (__atomic_load_n(&g->status, __ATOMIC_RELAXED)) {
    case GORT_G_RUNNING:
        return "running";
    case GORT_G_RUNNABLE:
        return "runnable";
    case GORT_G_WAITING:
    {
        const char *r = __atomic_load_n(&g->waitreason, __ATOMIC_RELAXED); /* read unlocked */
        return r ? r : "waiting";
    }
    default:
        return "dead";
    }
}

static void header(gort__w *w, const G *g)
{
    gort__wputs(w, "goroutine ");
    gort__wint(w, g->goid);
    gort__wputs(w, " [");
    gort__wputs(w, gort__gstate_text(g));
    gort__wputs(w, "]:\n");
}

/* The creator's function name, or "?" (dladdr on the call instruction). */
static const char *creator_name(const G *g)
{
    Dl_info info;
    if (g->created_pc && dladdr((char *)g->created_pc - 1, &info) && info.dli_sname)
        return info.dli_sname;
    return "?";
}

void gort__print_created_by(gort__w *w, G *g)
{
    if (!gort__is_goroutine(g) || g->created_pc == NULL)
        return;
    /* The frame printer names the creator and its location ("F(...)\n\tLOCATION\n"): Go's
     * line is "created by F in goroutine M" and then that location. */
    char buf[1024];
    gort__w tmp = {buf, sizeof buf, 0, -1};
    gort__traceback_print_pc(&tmp, (uintptr_t)g->created_pc);
    const char *nl = memchr(buf, '\n', tmp.len);
    const char *paren = memchr(buf, '(', nl ? (size_t)(nl - buf) : tmp.len);
    gort__wputs(w, "created by ");
    if (paren && paren > buf && !(paren - buf == 1 && buf[0] == '?'))
        gort__wputn(w, buf, (size_t)(paren - buf));
    else
        gort__wputs(w, creator_name(g));
    if (g->parent_goid) {
        gort__wputs(w, " in goroutine ");
        gort__wint(w, g->parent_goid);
    }
    gort__wputc(w, '\n');
    if (nl)
        gort__wputn(w, nl + 1, tmp.len - (size_t)(nl + 1 - buf));
}

/* The frames of a goroutine that is not running, from its saved context: symbolized as the
 * crashing goroutine's are (the report's symbolizing child), raw if that fails. */
static void saved_frames(gort__w *w, const G *g, int level)
{
    static gort__trace t; /* under the crash lock */
    gort__traceback_capture_fp(&t, (uintptr_t)g->ctx.pc, (uintptr_t)g->ctx.sp, (uintptr_t)g->ctx.fp,
                               g->stack_lo, g->stack_hi);
    gort__traceback_print(w, &t, level, false);
}

static void one(gort__w *w, G *g, int level)
{
    gort__wputc(w, '\n');
    header(w, g);
    int st = __atomic_load_n(&g->status, __ATOMIC_RELAXED);
    if (gort__is_goroutine(g) && st != GORT_G_RUNNING)
        saved_frames(w, g, level);
    else
        gort__wputs(w, "\tgoroutine running on other thread; stack unavailable\n");
    gort__print_created_by(w, g);
}

void gort__print_goroutines(gort__w *w, G *skip, int level, bool threads)
{
    for (G *g = gort__allg_head; g; g = g->allg_next) {
        if (g == skip || __atomic_load_n(&g->status, __ATOMIC_RELAXED) == GORT_G_DEAD)
            continue;
        one(w, g, level);
    }
    for (G *g = threads ? gort__thread_registry() : NULL; g; g = g->next) {
        if (g == skip || g->sched_kind != GORT_G_THREAD)
            continue;
        gort__wputc(w, '\n');
        header(w, g);
        gort__wputs(w, "\tgoroutine running on other thread; stack unavailable\n");
    }
}

/* ---- gort_dump ------------------------------------------------------------------------ */

static void dump_one(gort__w *w, G *g, const char *kind)
{
    gort__wputs(w, "goroutine ");
    gort__wint(w, g->goid);
    gort__wputs(w, " [");
    gort__wputs(w, gort__gstate_text(g));
    gort__wputs(w, "] ");
    gort__wputs(w, kind);
    if (gort__is_goroutine(g) && g->created_pc) {
        gort__wputs(w, " created by ");
        gort__wputs(w, creator_name(g));
        gort__wputs(w, " in goroutine ");
        gort__wint(w, g->parent_goid);
    }
    int frames = 0;
    for (struct gort__frame *f = g->pub.top; f && frames < 1000000; f = f->prev)
        frames++;
    gort__wputs(w, " defers=");
    gort__wuint(w, g->pub.ndefer);
    gort__wputs(w, " frames=");
    gort__wint(w, frames);
    if (g->panic)
        gort__wputs(w, " panicking");
    if (gort__is_goroutine(g) && g->status != GORT_G_RUNNING) {
        gort__wputs(w, " sp=");
        gort__whex(w, (uintptr_t)g->ctx.sp);
        gort__wputs(w, " pc=");
        gort__whex(w, (uintptr_t)g->ctx.pc);
    }
    gort__wputc(w, '\n');
}

void gort_dump(void)
{
    char buf[1024];
    gort__w w = {buf, sizeof buf, 0, 2};
    G *cur = (G *)gort__gcur;
    gort__wputs(&w, "gort: goroutines (current: ");
    gort__wint(&w, cur ? cur->goid : -1);
    gort__wputs(&w, ")\n");
    for (G *g = gort__allg_head; g; g = g->allg_next)
        if (__atomic_load_n(&g->status, __ATOMIC_RELAXED) != GORT_G_DEAD)
            dump_one(&w, g, g->is_main ? "main" : "goroutine");
    for (G *g = gort__thread_registry(); g; g = g->next)
        if (g->sched_kind == GORT_G_THREAD)
            dump_one(&w, g, g->is_main ? "main thread" : "thread");
    gort__wflush(&w);
}
