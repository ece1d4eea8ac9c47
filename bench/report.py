#!/usr/bin/env python3
"""report.py RAW ICOUNT META — turns bench/run.sh's measurements into the Markdown table.

RAW lines: round, source (c | cxx | go), case (group.impl or go.Name), ns/op, iterations;
for a case measured several times in one round (Go's -test.count) the fastest counts.
ICOUNT lines: case, instructions collected, calls. META: key=value lines.

Every ratio is computed per round (gort and peer from the same round) and the median of those
per-round ratios is printed; ns/op columns are medians over rounds, for orientation only.
Standard library only.
"""
import statistics
import sys

# Go benchmark names -> the case they are the peer of.
GO_NAMES = {
    "go.Call": "go.call",
    "go.Defer1": "defer1.go",
    "go.Defer8": "defer8.go",
    "go.DeferLoop8": "deferloop8.go",
    "go.PanicRecoverD1": "panic_d1.go",
    "go.PanicRecoverD10": "panic_d10.go",
    "go.Goexit": "goexit.go",
    "go.Stack20": "stack20.go",
    "go.Callers20": "callers20.go",
    "go.SpawnJoinP1": "spawn_join_p1.go",
    "go.SpawnJoinP2": "spawn_join_p2.go",
    "go.YieldP1": "yield_p1.go",
    "go.YieldP2": "yield_p2.go",
    "go.ChanRoundTrip1": "chan1.go",
    "go.ChanRoundTrip2": "chan2.go",
}

# (case label, gort key, peer label, peer key, target) where target is
#   ("le", x)       gort/peer <= x
#   ("peer_ge", x)  peer/gort >= x  (gort at least x times faster)
#   None            no target: shown for orientation
MAIN_ROWS = [
    ("defer1", "defer1.gort", "`goto cleanup`", "defer1.goto", ("le", 1.5)),
    ("defer1", "defer1.gort", "`__attribute__((cleanup))`", "defer1.cleanup", None),
    ("defer1", "defer1.gort", "Go `defer`", "defer1.go", ("le", 0.8)),
    ("frame_nodefer", "frame_nodefer.gort", "plain function", "frame_nodefer.plain", ("le", 1.1)),
    ("frame_cond ¹", "frame_nodefer.cond", "plain function", "frame_nodefer.plain", None),
    ("defer8", "defer8.gort", "`goto cleanup`", "defer8.goto", None),
    ("defer8", "defer8.gort", "`__attribute__((cleanup))`", "defer8.cleanup", None),
    ("defer8", "defer8.gort", "Go `defer` (open-coded)", "defer8.go", None),
    ("deferloop8", "deferloop8.gort", "hand-written array", "deferloop8.array", None),
    ("deferloop8", "deferloop8.gort", "Go `defer` in a loop", "deferloop8.go", ("le", 0.15)),
    ("panic_recover_d1", "panic_d1.gort", "Go panic/recover", "panic_d1.go", ("le", 0.3)),
    ("panic_recover_d1", "panic_d1.gort", "C++ throw/catch", "panic_d1.cxx", ("peer_ge", 30)),
    ("panic_recover_d1", "panic_d1.gort", "setjmp/longjmp", "panic_d1.setjmp", None),
    ("panic_recover_d10", "panic_d10.gort", "Go panic/recover", "panic_d10.go", ("le", 0.2)),
    ("panic_recover_d10", "panic_d10.gort", "C++ throw/catch", "panic_d10.cxx", ("peer_ge", 30)),
    ("panic_recover_d10", "panic_d10.gort", "setjmp/longjmp", "panic_d10.setjmp", None),
    ("goexit ²", "goexit.gort", "Go goroutine + Goexit", "goexit.go", None),
    ("goexit ²", "goexit.gort", "pthread_create + pthread_exit", "goexit.pthread", None),
    ("stack_capture (20 frames, symbolized) ³", "stack20.gort", "Go `debug.Stack()`", "stack20.go", None),
    ("stack_capture (20 frames, symbolized) ³", "stack20.gort", "glibc `backtrace_symbols()`", "stack20.glibc", None),
    ("stack_capture (20 frames, pcs only)", "callers20.gort", "Go `runtime.Callers`", "callers20.go", None),
    ("stack_capture (20 frames, pcs only)", "callers20.gort", "glibc `backtrace()`", "callers20.glibc", None),
    ("spawn+join, GOMAXPROCS 1", "spawn_join_p1.gort", "Go `go` + WaitGroup", "spawn_join_p1.go",
     ("le", 0.25)),
    ("spawn+join, GOMAXPROCS 2", "spawn_join_p2.gort", "Go `go` + WaitGroup", "spawn_join_p2.go",
     ("le", 0.25)),
    ("yield ping-pong, GOMAXPROCS 1", "yield_p1.gort", "Go `runtime.Gosched`", "yield_p1.go",
     ("le", 0.3)),
    ("yield ping-pong, GOMAXPROCS 2", "yield_p2.gort", "Go `runtime.Gosched`", "yield_p2.go",
     ("le", 0.3)),
    ("chan round trip, GOMAXPROCS 1", "chan1.gort", "Go unbuffered channel", "chan1.go", ("le", 0.5)),
    ("chan round trip, GOMAXPROCS 2", "chan2.gort", "Go unbuffered channel", "chan2.go", ("le", 0.5)),
]

# (label, group): group.off is the gort case of the main table (trace hooks compiled in,
# tracing off), group.on the same loop with tracing on, group.nohooks the same code built with
# GORT_NO_TRACE_HOOKS (bench/nohooks.c).
TRACE_ROWS = [
    ("defer1", "trace_defer1"),
    ("frame_cond", "trace_frame_cond"),
    ("defer8", "trace_defer8"),
    ("deferloop8", "trace_deferloop8"),
    ("panic_recover_d1", "trace_panic_d1"),
    ("panic_recover_d10", "trace_panic_d10"),
]


def within_noise(med, lo, hi):
    """Off vs no-hooks is "within noise" when the median ratio's distance from 1 is no larger
    than half the case's own round-to-round range of that ratio: the difference is not
    distinguishable from the variation between rounds."""
    if med is None:
        return "n/a"
    return "**PASS**" if abs(med - 1) <= (hi - lo) / 2 else "**MISS**"


RP_ROWS = [
    ("floor: `goto cleanup` / plain function", "rp1.goto", "rp0.plain"),
    ("(a) glibc `setjmp` at every frame entry", "rp1.setjmp", "rp0.setjmp"),
    ("(b) `sigsetjmp(buf, 1)` at every frame entry", "rp1.sigsetjmp", "rp0.sigsetjmp"),
    ("(c) `__builtin_setjmp` at every frame entry", "rp1.bsetjmp_entry", "rp0.bsetjmp_entry"),
    ("(d) `__builtin_setjmp` at the first defer", "rp1.bsetjmp_lazy", "rp0.bsetjmp_lazy"),
    ("(e) `asm goto` register capture at the first defer (gort's choice)", "rp1.capture_lazy",
     "rp0.capture_lazy"),
    ("gort itself (`defer1_gort` / `frame_cond_gort`)", "rp1.gort", "rp0.gort"),
]


def read_raw(path):
    """{case: {round: ns}}"""
    data = {}
    with open(path) as f:
        for line in f:
            parts = line.split()
            if len(parts) < 4:
                continue
            rnd, _src, name, ns = parts[0], parts[1], parts[2], parts[3]
            name = GO_NAMES.get(name, name)
            try:
                per_round = data.setdefault(name, {})
                # Several lines for one case and round (Go's -test.count runs): keep the fastest.
                per_round[int(rnd)] = min(float(ns), per_round.get(int(rnd), float("inf")))
            except ValueError:
                pass
    return data


def read_icount(path):
    out = {}
    try:
        with open(path) as f:
            for line in f:
                parts = line.split()
                if len(parts) == 3:
                    out[parts[0]] = int(parts[1]) / int(parts[2])
    except OSError:
        pass
    return out


def read_meta(path):
    meta = {}
    with open(path) as f:
        for line in f:
            if "=" in line:
                k, v = line.rstrip("\n").split("=", 1)
                meta[k] = v
    return meta


def ns(x):
    if x is None:
        return "—"
    if x >= 10000:
        return f"{x / 1000:,.1f} µs"
    if x >= 100:
        return f"{x:.0f}"
    if x >= 10:
        return f"{x:.1f}"
    return f"{x:.2f}"


def fmt_ratio(x, target=None):
    """Three significant digits (four next to a target), so a ratio reads unambiguously."""
    if x is None:
        return "—"
    if x >= 100:
        return f"{x:.0f}"
    if target is not None and abs(x - target) <= 0.02 * target:
        return f"{x:#.4g}"
    return f"{x:#.3g}"


def ir(icount, key):
    v = icount.get(key)
    return "—" if v is None else f"{v:.0f}"


class Stats:
    def __init__(self, data):
        self.data = data

    def median_ns(self, key):
        vals = list(self.data.get(key, {}).values())
        return statistics.median(vals) if vals else None

    def ratios(self, a, b):
        """Per-round a/b for the rounds where both were measured."""
        da, db = self.data.get(a, {}), self.data.get(b, {})
        return [da[r] / db[r] for r in sorted(da) if r in db and db[r] > 0]

    def ratio(self, a, b):
        rs = self.ratios(a, b)
        if not rs:
            return None, None, None, 0
        return statistics.median(rs), min(rs), max(rs), len(rs)


def verdict(target, med, lo, hi):
    """Target text and PASS/MISS of the median; flagged when the per-round range spans it."""
    if target is None:
        return "", ""
    kind, x = target
    limit = x if kind == "le" else 1 / x  # both as a bound on gort/peer
    text = f"≤ {x:g}" if kind == "le" else f"peer/gort ≥ {x:g}"
    if med is None:
        return text, "n/a"
    res = "**PASS**" if med <= limit else "**MISS**"
    if lo <= limit <= hi:
        res += " (range spans the target)"
    return text, res


def main():
    raw, icount_path, meta_path = sys.argv[1:4]
    st = Stats(read_raw(raw))
    icount = read_icount(icount_path)
    meta = read_meta(meta_path)
    w = []
    p = w.append

    p("# gort benchmarks — latest run")
    p("")
    p("Produced by `bench/run.sh` (`make bench`); how to read it: `bench/README.md`. Every ratio "
      "is gort ÷ peer, both measured in the same run, rounds interleaved; the figure is the "
      "median of the per-round ratios and *range* is the lowest and highest per-round ratio. "
      "ns/op are medians, for orientation only (this machine is shared and noisy). "
      "Targets are goals, not asserts.")
    p("")
    p("| | |")
    p("| --- | --- |")
    p(f"| date | {meta.get('date', '?')} |")
    p(f"| CPU | {meta.get('cpu', '?')} ({meta.get('cpus', '?')} logical CPUs), "
      f"{meta.get('kernel', '?')} |")
    p(f"| C compiler | {meta.get('cc', '?')}; benchmarks `{meta.get('cflags', '?')}`; "
      f"library {meta.get('libflags', '?')} |")
    p(f"| C++ compiler | {meta.get('cxx', '?')}; `{meta.get('cxxflags', '?')}` |")
    p(f"| Go | {meta.get('go', '?')}; {meta.get('goflags', '?')} |")
    p(f"| instruction counts | {meta.get('valgrind', '?')} `--tool=callgrind`, "
      f"{meta.get('icount_n', '?')} calls per case |")
    p(f"| method | {meta.get('rounds', '?')} rounds; per round and case the fastest of six "
      f"≈{meta.get('target_ms', '?')}/6 ms slices; gort commit {meta.get('commit', '?')} |")
    p(f"| load average (1, 5, 15 min) | {meta.get('load', '?')} — other work on the machine "
      f"widens the ranges |")
    p("")
    p("## gort against its peers")
    p("")
    p("| case | peer | gort ns/op | peer ns/op | gort/peer | range | target | result "
      "| gort Ir/op | peer Ir/op |")
    p("| --- | --- | ---: | ---: | ---: | ---: | --- | --- | ---: | ---: |")
    for label, g, peer_label, peer, target in MAIN_ROWS:
        med, lo, hi, n = st.ratio(g, peer)
        rtext = fmt_ratio(med, target[1] if target and target[0] == "le" else None)
        if target and target[0] == "peer_ge" and med:
            rtext += f" (peer {1 / med:.0f}× gort)"
        rng = f"{fmt_ratio(lo)}–{fmt_ratio(hi)}" if n else "—"
        ttext, res = verdict(target, med, lo, hi)
        p(f"| {label} | {peer_label} | {ns(st.median_ns(g))} | {ns(st.median_ns(peer))} "
          f"| {rtext} | {rng} | {ttext} | {res} | {ir(icount, g)} | {ir(icount, peer)} |")
    p("")
    call = st.median_ns("go.call")
    if call is not None:
        gd1, _, _, _ = st.ratio("defer1.go", "go.call")
        p(f"For orientation: Go's own floor (a call to a function that calls the empty function, "
          f"no defer) is {ns(call)} ns/op; Go's defer1 is {fmt_ratio(gd1)}× that. "
          f"The C floor (`goto cleanup`) is {ns(st.median_ns('defer1.goto'))} ns/op.")
        p("")
    if len(sys.argv) > 4:
        mem = {}
        with open(sys.argv[4]) as f:
            for line in f:
                k, _, v = line.strip().partition("\t")
                if v:
                    mem[k] = int(v)
        g, o = mem.get("parked.gort"), mem.get("parked.go")
        if g is not None:
            ratio = f"{g / o:.2f}" if o else "—"
            p("Resident memory per parked goroutine (100,000 blocked on one WaitGroup; "
              "bench/parked.c, bench/go/parked): "
              f"gort {g} B, Go {o if o is not None else '—'} B, gort/Go {ratio} (target: "
              "≤ 5 KB per goroutine: " + ("**PASS**" if g <= 5000 else "**MISS**") + ").")
            p("")
    p("¹ frame_cond: `go_frame` plus a `go_defer` this call does not reach (a function that *can* "
      "defer, on a path where it does not). frame_nodefer has no `go_defer` at all.  ")
    p("² goexit spawns and joins one thread (C) or goroutine (Go) per operation: thread creation "
      "dominates the C figures, and a goroutine is far cheaper to start than a thread, so this "
      "ratio compares the threading models more than defer + Goexit. The pthread row (the same "
      "thread with the cleanups written out, ending in `pthread_exit`) isolates gort's part.  ")
    p("³ stack20: go_stack() symbolizes in the calling process with a cached libdw session "
      "(function, file:line, inlined frames); Go's debug.Stack reads its own pclntab; glibc's "
      "backtrace_symbols gives only dynamic-symbol names and offsets, so it does less work.  ")
    p("Ir/op: instructions per call counted by callgrind (user space only, the loop around the "
      "call included, ≈ 4–7 instructions); exactly repeatable, unlike the times.")
    p("")
    p("## Setting the recovery point: where and how")
    p("")
    p("A stand-in for gort's frame and defer stack (bench/rpoint.c), identical in every row "
      "except where and how the frame's recovery point is set. *1 defer*: a function that defers "
      "one empty call, against `goto cleanup`. *0 defers*: a function that could defer but does "
      "not on this call, against the plain function.")
    p("")
    p("| strategy | 1 defer ns/op | ÷ goto | range | 0 defers ns/op | ÷ plain | range "
      "| Ir/op 1 defer | Ir/op 0 defers |")
    p("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, one, zero in RP_ROWS:
        cells = [label]
        for key, floor in ((one, "rp1.goto"), (zero, "rp0.plain")):
            med, lo, hi, n = st.ratio(key, floor)
            cells += [ns(st.median_ns(key)), fmt_ratio(med),
                      f"{fmt_ratio(lo)}–{fmt_ratio(hi)}" if n else "—"]
        cells += [ir(icount, one), ir(icount, zero)]
        p("| " + " | ".join(cells) + " |")
    p("")
    p("`sigsetjmp(…, 1)` makes a `rt_sigprocmask` system call, which callgrind does not count.")
    p("")
    p("## Tracing on and off")
    p("")
    p("The event trace (docs/trace.md) on the core cases. *off*: the gort function of the main "
      "table, whose inline paths (frame link, defer, frame exit) test `g->tracing`, with tracing "
      "off; *on*: the same loop while gort records every event in memory "
      "(`go_trace_start(NULL)`); *no hooks*: the same source built with `GORT_NO_TRACE_HOOKS`, "
      "which compiles those tests out (bench/nohooks.c). The three take turns in one group. "
      "Target: off within noise of no hooks, i.e. |off/no-hooks − 1| no larger than half that "
      "ratio's own per-round range.")
    p("")
    p("| case | on ns/op | off ns/op | no-hooks ns/op | on/off | range | off/no-hooks | range "
      "| target | result | on Ir/op | off Ir/op | no-hooks Ir/op |")
    p("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | ---: | ---: | ---: |")
    for label, group in TRACE_ROWS:
        on, off, nh = group + ".on", group + ".off", group + ".nohooks"
        cells = [label, ns(st.median_ns(on)), ns(st.median_ns(off)), ns(st.median_ns(nh))]
        for a, b in ((on, off), (off, nh)):
            med, lo, hi, n = st.ratio(a, b)
            cells += [fmt_ratio(med), f"{fmt_ratio(lo)}–{fmt_ratio(hi)}" if n else "—"]
        med, lo, hi, _ = st.ratio(off, nh)
        cells += ["within noise", within_noise(med, lo, hi)]
        cells += [ir(icount, on), ir(icount, off), ir(icount, nh)]
        p("| " + " | ".join(cells) + " |")
    p("")
    p("Off, each inline path the trace touches (frame link, defer, frame exit) tests "
      "`g->tracing` as one more condition of the test that already sends its rare cases out "
      "of line: a load and a predictable branch, nothing else (the off − no-hooks Ir/op "
      "difference: two instructions per link, defer and exit). With tracing on, the link, "
      "every defer and the exit take their whole out-of-line paths, which record an event "
      "each. `frame_cond` reaches none of them.")
    p("")
    p(f"Run time of the whole benchmark: {meta.get('elapsed', '?')} s.")
    sys.stdout.write("\n".join(w) + "\n")


if __name__ == "__main__":
    main()
