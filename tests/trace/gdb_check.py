#!/usr/bin/env python3
"""gdb_check.py GDB_OUTPUT — checks what tools/gdb/gort.py printed for gdb_prog.c stopped in
stop_here() (see gdb_prog.c and run.sh). Each section starts with a "==command" line."""
import re
import sys

text = open(sys.argv[1]).read()
sections = dict(re.findall(r"^==(.*?)\n(.*?)(?=^==|\Z)", text, re.S | re.M))
fails = []


def want(section, pattern, what):
    body = sections.get(section)
    if body is None:
        fails.append(f"no output for '{section}'")
    elif not re.search(pattern, body, re.M | re.S):
        fails.append(f"{section}: {what} (pattern {pattern!r})")
    else:
        print(f"ok - {section}: {what}")


want("info goroutines", r"^\* 1 +panicking +1 \(LWP \d+\) +2 +2 +\"second\"$",
     "goroutine 1, current, panicking, on thread 1, 2 deferred calls in 2 frames, panic \"second\"")
want("info goroutines", r"^  2 +running +2 \(LWP \d+\) +0 +0", "goroutine 2, running on thread 2, no defers")
want("gort defers", r"running +stopper.*deferred by inner +run by panic 2\n.*running +repanicker +deferred by inner +run by panic 1",
     "the two running deferred calls, innermost first, with the panics running them")
want("gort defers", r"frame inner \(0x[0-9a-f]+\):\n +\(no pending deferred calls\)\n +frame outer \(0x[0-9a-f]+\):\n +\[1\] plain\(0x1234\)\n +\[0\] recover_all\(0x0\)",
     "inner's frame with nothing pending, outer's two pending calls newest first")
want("gort panics", r"1 panic: \"first\" \(string\) \[aborted\] +running repanicker deferred by inner",
     "panic 1 aborted by panic 2, running repanicker")
want("gort panics", r"2 panic: \"second\" \(string\) +running stopper deferred by inner",
     "panic 2 running stopper")
want("goroutine 2 bt", r"goroutine 2 \(thread 2\):.*in parked", "goroutine 2's backtrace (parked in read)")
want("goroutine 1 bt", r"stop_here.*repanicker.*inner \(\).*outer \(\).*main \(\)",
     "goroutine 1's backtrace through both panics")
want("goroutine 9 bt", r"no goroutine 9", "an unknown goroutine is a clear error")
if fails:
    print("\n".join("FAIL " + f for f in fails))
    sys.exit(1)
