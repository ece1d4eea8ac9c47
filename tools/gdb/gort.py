# gort.py — gdb commands for gort's goroutines.
#
#   (gdb) source tools/gdb/gort.py
#   (gdb) info goroutines          every goroutine: id, state or wait reason, defer depth
#   (gdb) goroutine N bt           the frames of goroutine N from its saved context
#
# A goroutine that is not running keeps its registers in its record (struct gort__gfull,
# field ctx: sp, pc, fp; see src/internal.h): pc is where it switched away, fp the frame
# pointer there, and the frame-pointer chain leads to the goroutine's first frame. The list
# of all goroutine records is gort__allg_head (linked by allg_next); plain threads that use
# gort are in g.c's registry (gdb's `info threads` shows them). `call gort_dump()` prints the
# same list from inside the process.
import gdb

STATES = {0: "running", 1: "runnable", 2: "waiting", 3: "dead"}


def goroutines():
    g = gdb.parse_and_eval("gort__allg_head")
    while int(g) != 0:
        yield g
        g = g["allg_next"]


def describe(g):
    st = int(g["status"])
    text = STATES.get(st, str(st))
    if st == 2 and int(g["waitreason"]) != 0:
        text = g["waitreason"].string()
    return text


class InfoGoroutines(gdb.Command):
    """List gort's goroutines: id, state or wait reason, deferred calls pending."""

    def __init__(self):
        super().__init__("info goroutines", gdb.COMMAND_STATUS)

    def invoke(self, arg, from_tty):
        for g in goroutines():
            if int(g["status"]) == 3:
                continue
            print("goroutine %d [%s] defers=%d created-by-goroutine=%d pc=%s" % (
                int(g["goid"]), describe(g), int(g["pub"]["ndefer"]), int(g["parent_goid"]),
                gdb.format_address(int(g["ctx"]["pc"])) if hasattr(gdb, "format_address")
                else hex(int(g["ctx"]["pc"]))))


class Goroutine(gdb.Command):
    """goroutine N bt: print the saved frames of goroutine N (not running)."""

    def __init__(self):
        super().__init__("goroutine", gdb.COMMAND_STACK)

    def invoke(self, arg, from_tty):
        args = arg.split()
        if len(args) != 2 or args[1] != "bt":
            raise gdb.GdbError("usage: goroutine N bt")
        want = int(args[0])
        for g in goroutines():
            if int(g["goid"]) == want and int(g["status"]) != 3:
                break
        else:
            raise gdb.GdbError("no goroutine %d" % want)
        if int(g["status"]) == 0:
            raise gdb.GdbError("goroutine %d is running: use `thread apply all bt`" % want)
        lo, hi = int(g["stack_lo"]), int(g["stack_hi"])
        pc, fp = int(g["ctx"]["pc"]), int(g["ctx"]["fp"])
        ptr = gdb.lookup_type("unsigned long").pointer()
        for n in range(100):
            if pc == 0:
                break
            block = gdb.block_for_pc(pc - 1)
            fn = block.function if block else None
            sal = gdb.find_pc_line(pc - 1)
            where = "%s:%d" % (sal.symtab.filename, sal.line) if sal.symtab else "??"
            print("#%-2d %s in %s at %s" % (n, hex(pc), fn.print_name if fn else "??", where))
            if fp < lo or fp + 16 > hi:
                break
            frame = gdb.Value(fp).cast(ptr)
            nfp, pc = int(frame[0]), int(frame[1])
            if nfp <= fp:
                break
            fp = nfp


InfoGoroutines()
Goroutine()
