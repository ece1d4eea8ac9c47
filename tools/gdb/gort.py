# gort.py — gdb commands for programs using gort (Go's defer/panic/recover for C).
#
#   info goroutines        every live goroutine: id, state, thread, defer depth, current panic
#   goroutine N bt         switch to goroutine N's thread, print its backtrace, switch back
#                          (any gdb command works in place of bt: goroutine 2 info registers);
#                          a scheduler goroutine that is not running: its frames from g.ctx
#   gort defers            the current goroutine's defer chain: running deferred calls (and the
#                          panic running each), then each linked frame's pending calls, newest
#                          first, as they will run
#   gort panics            the current goroutine's panic chain, oldest first, with its flags
#                          (recovered, aborted, goexit) and the deferred call each is running
#
# Loading: `make install` puts this file where gdb auto-loads it for libgort.so.0
# ($PREFIX/share/gdb/auto-load/$LIBDIR/libgort.so.0.1.0-gdb.py; gdb only auto-loads from its
# safe path: `add-auto-load-safe-path $PREFIX/share/gdb/auto-load` in ~/.gdbinit if PREFIX is
# not /usr). For a program linked with libgort.a: (gdb) source /path/to/tools/gdb/gort.py
#
# Everything is read through gdb's type information from libgort's debug info (the library is
# built with -g): struct gort__gfull (the goroutine), struct gort__frame, struct gort__defer,
# struct gort__panic, g.c's registry of threads that use gort (reg_head, linked by next) and
# the scheduler's goroutine records (gort__allg_head, linked by allg_next). A scheduler
# goroutine that is not running keeps its registers in g.ctx (sp, pc, fp): `goroutine N bt`
# walks its frame-pointer chain from there. Nothing
# is called in the inferior, so the commands work on a core file too (except switching threads
# to print a backtrace, which gdb does by itself).

import gdb

KINDS = {1: "string", 2: "int", 3: "uint", 4: "float64", 5: "bool", 6: "error", 7: "pointer"}


def _registry():
    sym = None
    try:
        sym = gdb.lookup_static_symbol("reg_head")
    except AttributeError:  # gdb < 10
        pass
    if sym is None:
        sym = gdb.lookup_global_symbol("reg_head")
    if sym is None:
        try:
            return gdb.parse_and_eval("reg_head")
        except gdb.error:
            raise gdb.GdbError("gort: no goroutine registry (reg_head): is the program linked with a "
                               "libgort built with -g, and running?")
    return sym.value()


SCHED_STATES = {0: "running", 1: "runnable", 2: "waiting", 3: "dead"}
G_THREAD, G_GOROUTINE = 0, 1


def _allg():
    """The scheduler's goroutine records (gort__allg_head, linked by allg_next), if any."""
    try:
        g = gdb.parse_and_eval("gort__allg_head")
    except gdb.error:
        return
    while int(g) != 0:
        yield g.dereference()
        g = g["allg_next"]


def is_goroutine(g):
    """A goroutine of the scheduler (own stack, saved context), not an OS thread's g."""
    return int(g["sched_kind"]) == G_GOROUTINE


def goroutines():
    """Live goroutines (struct gort__gfull values), ascending by id: the threads that use gort
    (g.c's registry; a worker's scheduler g is not one) and the scheduler's goroutines."""
    out, g = [], _registry()
    while int(g) != 0:
        if int(g["sched_kind"]) == G_THREAD:
            out.append(g.dereference())
        g = g["next"]
    out += [g for g in _allg() if int(g["status"]) != 3]
    return sorted(out, key=lambda g: int(g["goid"]))


def saved_frames(g):
    """(pc, function, file:line) of a goroutine that is not running, from its saved context:
    pc where it switched away, then the frame-pointer chain within its stack."""
    lo, hi = int(g["stack_lo"]), int(g["stack_hi"])
    pc, fp = int(g["ctx"]["pc"]), int(g["ctx"]["fp"])
    ptr = gdb.lookup_type("unsigned long").pointer()
    out = []
    for _ in range(100):
        if pc == 0:
            break
        block = gdb.block_for_pc(pc - 1)
        fn = block.function if block else None
        sal = gdb.find_pc_line(pc - 1)
        where = "%s:%d" % (sal.symtab.filename, sal.line) if sal.symtab else "??"
        out.append((pc, fn.print_name if fn else "??", where))
        if fp < lo or fp + 16 > hi:
            break
        frame = gdb.Value(fp).cast(ptr)
        nfp, pc = int(frame[0]), int(frame[1])
        if nfp <= fp:
            break
        fp = nfp
    return out


def _thread_handle(t):
    try:
        return int.from_bytes(t.handle(), "little")
    except (AttributeError, gdb.error):
        return None


def _gcur(t=None):
    """The address of the g that thread t (the selected one if None) is running: its
    thread-local gort__gcur (0 if it has none)."""
    old = gdb.selected_thread()
    try:
        if t is not None:
            t.switch()
        return int(gdb.parse_and_eval("gort__gcur"))
    except gdb.error:
        return 0
    finally:
        if t is not None and old is not None:
            old.switch()


def thread_of(g):
    """The gdb thread running goroutine g (the one whose gort__gcur is g), or None: a scheduler
    goroutine that is not running keeps its registers in g.ctx."""
    if is_goroutine(g) and int(g["status"]) != 0:
        return None
    addr = int(g.address)
    for t in gdb.selected_inferior().threads():
        if _gcur(t) == addr:
            return t
    return None


def current_goroutine():
    addr = _gcur()
    if addr == 0:
        raise gdb.GdbError("gort: the selected thread has no goroutine (it has not used gort yet)")
    ptr = gdb.lookup_type("struct gort__gfull").pointer()
    return gdb.Value(addr).cast(ptr).dereference()


def c_string(v, limit=200):
    if int(v) == 0:
        return "nil"
    try:
        return v.string()[:limit]
    except gdb.error:
        return "<unreadable 0x%x>" % int(v)


def symbol(addr):
    addr = int(addr)
    if addr == 0:
        return "nil"
    try:
        b = gdb.block_for_pc(addr)
        while b is not None and b.function is None:
            b = b.superblock
        if b is not None and b.function is not None:
            return b.function.print_name
    except RuntimeError:
        pass
    s = gdb.execute("info symbol 0x%x" % addr, to_string=True).strip()
    if s.startswith("No symbol"):
        return "0x%x" % addr
    return s.split(" in section")[0].replace(" + ", "+")


def frame_name(fr):
    """A gort frame's function: frames hold no name, their landing address (jb[1], see below) lies in
    the function's code (in an inlined copy's, for an inlined function)."""
    # jb[1] (gort.h, GORT__JB_PC), or its next-to-last word in a ThreadSanitizer build, whose
    # buffer is libc's jmp_buf with two words added.
    n = fr["jb"].type.range()[1] + 1
    return symbol(fr["jb"][1 if n == 8 else n - 2])


def value_text(arg):
    """A go_any as Go prints a panic value (without calling the type's format function)."""
    t = arg["type"]
    if int(t) == 0:
        return "nil"
    kind = int(t["kind"])
    name = c_string(t["name"])
    v = arg["v"]
    if kind in (1, 6):
        text = c_string(v["s"])
        return '"%s"' % text if kind == 1 and name == "string" else text
    if kind == 2:
        text = str(int(v["i"]))
    elif kind == 3:
        text = str(int(v["u"]))
    elif kind == 4:
        text = "%+e" % float(v["f"])
    elif kind == 5:
        text = "true" if int(v["b"]) else "false"
    else:
        return "(%s) 0x%x" % (name, int(v["p"]))
    builtin = {"int", "uint", "float64", "bool"}
    return text if name in builtin else "%s(%s)" % (name, text)


def frame_sp(f):
    """Where a frame sits on its stack: the word of its recovery point that holds the stack
    pointer (gort.h: GORT__JB_SP, 2 except in TSan builds, where it is the last word)."""
    jb = f["jb"]
    n = jb.type.range()[1] + 1
    return int(jb[2 if n == 8 else n - 1])


def panic_chain(g):
    """Panic records oldest first, each as (number, value)."""
    chain, p = [], g["panic"]
    while int(p) != 0:
        chain.append(p.dereference())
        p = p["link"]
    chain.reverse()
    return list(enumerate(chain, 1))


def aborted(chain, k):
    """Panic k is aborted when a newer panic runs a deferred call of a frame older than the
    point where panic k started (it has unwound past it: panic k can never resume)."""
    p = chain[k - 1][1]
    for _, q in chain[k:]:
        if int(q["frame"]) != 0 and frame_sp(q["frame"].dereference()) > int(p["start_sp"]):
            return True
    return False


def panic_flags(chain, k):
    p = chain[k - 1][1]
    flags = []
    if bool(p["recovered"]):
        flags.append("recovered")
    if aborted(chain, k):
        flags.append("aborted")
    if bool(p["goexit"]):
        flags.append("goexit")
    return flags


def running_calls(g):
    """Deferred calls running on goroutine g's thread, innermost first, from its stack: a frame
    called by gort__defercall is a deferred function; the panic whose argp is that trampoline's
    frame pointer is the one running it (none: a function's return is running it)."""
    t = thread_of(g)
    if t is None:
        return []
    chain = panic_chain(g)
    by_argp = {int(p["argp"]): (k, p) for k, p in chain if int(p["argp"]) != 0}
    old = gdb.selected_thread()
    old_frame = gdb.selected_frame() if old is not None else None
    out = []
    try:
        t.switch()
        f = gdb.newest_frame()
        while f is not None:
            o = f.older()
            oo = o.older() if o is not None else None
            if (o is not None and o.name() == "gort__defercall" and
                    not (oo is not None and oo.name() == "goroutine_main")):
                # (a goroutine's own function is called through the trampoline too)
                fp = int(o.read_register("rbp"))
                k, p = by_argp.get(fp, (None, None))
                name = f.name() or symbol(f.pc())
                by = None
                if p is not None:
                    by = frame_name(p["frame"]) if int(p["frame"]) else None
                    fn = symbol(p["fn"])  # the deferred function (it may have tail-called on)
                    name = fn if fn == name else "%s (now in %s)" % (fn, name)
                out.append((name, by, k))
            f = o
    finally:
        if old is not None:
            old.switch()
            if old_frame is not None and old_frame.is_valid():
                old_frame.select()
    return out


def state(g):
    p = g["panic"]
    if int(p) != 0:
        return "goexit" if bool(p["goexit"]) else "panicking"
    st = int(g["status"])
    if st == 2 and int(g["waitreason"]) != 0:
        return g["waitreason"].string()
    return SCHED_STATES.get(st, str(st))


class InfoGoroutines(gdb.Command):
    """info goroutines — live goroutines: id, state, thread, defer depth, current panic."""

    def __init__(self):
        super().__init__("info goroutines", gdb.COMMAND_STATUS)

    def invoke(self, arg, from_tty):
        cur = _gcur()
        print("  %-4s %-10s %-18s %-7s %-7s %s" % ("id", "state", "thread", "defers", "frames",
                                                     "panic"))
        for g in goroutines():
            t = thread_of(g)
            tname = "%d (LWP %d)" % (t.num, t.ptid[1]) if t else "-"
            frames, pending, f = 0, int(g["pub"]["ndefer"]), g["pub"]["top"]
            while int(f) != 0:
                frames += 1
                if int(f["first"]["fn"]) != 0:
                    pending += 1
                f = f["prev"]
            p = g["panic"]
            ptext = value_text(p["arg"]) if int(p) != 0 and not bool(p["goexit"]) else ""
            mark = "*" if cur != 0 and int(g.address) == cur else " "
            print("%s %-4d %-10s %-18s %-7d %-7d %s" % (mark, int(g["goid"]), state(g), tname,
                                                      pending, frames, ptext))


class Goroutine(gdb.Command):
    """goroutine N CMD — runs gdb command CMD (e.g. bt) on goroutine N's thread."""

    def __init__(self):
        super().__init__("goroutine", gdb.COMMAND_STACK)

    def invoke(self, arg, from_tty):
        parts = arg.split(None, 1)
        if len(parts) < 2 or not parts[0].isdigit():
            raise gdb.GdbError("usage: goroutine N bt   (or any command in place of bt)")
        n = int(parts[0])
        g = next((g for g in goroutines() if int(g["goid"]) == n), None)
        if g is None:
            raise gdb.GdbError("gort: no goroutine %d (info goroutines lists them)" % n)
        t = thread_of(g)
        if t is None and is_goroutine(g) and int(g["status"]) != 0 and parts[1].strip() == "bt":
            print("goroutine %d [%s] (not running; frames from its saved context):" % (n, state(g)))
            for i, (pc, fn, where) in enumerate(saved_frames(g)):
                print("#%-2d 0x%x in %s at %s" % (i, pc, fn, where))
            return
        if t is None:
            raise gdb.GdbError("gort: goroutine %d is not running on a thread" % n)
        old = gdb.selected_thread()
        print("goroutine %d (thread %d):" % (n, t.num))
        try:
            t.switch()
            gdb.execute(parts[1], from_tty)
        finally:
            if old is not None:
                old.switch()


class Gort(gdb.Command):
    """gort — commands for gort programs: gort defers, gort panics."""

    def __init__(self):
        super().__init__("gort", gdb.COMMAND_USER, prefix=True)


class GortDefers(gdb.Command):
    """gort defers — the current goroutine's deferred calls: the running ones (and which panic
    runs each), then every linked frame's pending calls, newest first (the order they run in)."""

    def __init__(self):
        super().__init__("gort defers", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        g = current_goroutine()
        pub = g["pub"]
        print("goroutine %d defer chain:" % int(g["goid"]))
        for fn, by, k in running_calls(g):
            who = "run by panic %d" % k if k else "run by a return or Goexit"
            print("  running  %-24s deferred by %-16s %s" % (fn, by or "?", who))
        end = int(pub["ndefer"])
        # Frames with records on the defer stack are on a chain of their own (ptop, pprev);
        # only those have a base.
        with_records = set()
        p = pub["ptop"]
        while int(p) != 0:
            with_records.add(int(p))
            p = p.dereference()["pprev"]
        f = pub["top"]
        while int(f) != 0:
            fr = f.dereference()
            # A frame's calls, numbered in registration order: [0] is its first call, kept in
            # the frame itself (fn NULL once it has run); the rest sit in g's defer stack
            # from index base on. They run newest first.
            base = int(fr["base"]) if int(f) in with_records else end
            first = fr["first"]
            print("  frame %s (%s):" % (frame_name(fr), f))
            if base >= end and int(first["fn"]) == 0:
                print("    (no pending deferred calls)")
            for i in range(end - 1, base - 1, -1):
                d = pub["defers"][i]
                print("    [%d] %s(0x%x)" % (i - base + 1, symbol(d["fn"]), int(d["a"][0])))
            if int(first["fn"]) != 0:
                print("    [0] %s(0x%x)" % (symbol(first["fn"]), int(first["a"][0])))
            end = base
            f = fr["prev"]


class GortPanics(gdb.Command):
    """gort panics — the current goroutine's panic chain, oldest first: value, flags
    (recovered, aborted, goexit) and the deferred call each panic is running."""

    def __init__(self):
        super().__init__("gort panics", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        g = current_goroutine()
        chain = panic_chain(g)
        if not chain:
            print("goroutine %d is not panicking" % int(g["goid"]))
            return
        print("goroutine %d panic chain (oldest first):" % int(g["goid"]))
        for k, p in chain:
            flags = panic_flags(chain, k)
            what = "Goexit" if bool(p["goexit"]) else "panic: %s" % value_text(p["arg"])
            typ = "" if bool(p["goexit"]) or int(p["arg"]["type"]) == 0 else \
                " (%s)" % c_string(p["arg"]["type"]["name"])
            line = "  %d %s%s" % (k, what, typ)
            if flags:
                line += " [%s]" % ", ".join(flags)
            if int(p["fn"]) != 0 and int(p["argp"]) != 0:
                line += "  running %s deferred by %s" % (symbol(p["fn"]), frame_name(p["frame"]))
            print(line)


InfoGoroutines()
Goroutine()
Gort()
GortDefers()
GortPanics()
