#!/usr/bin/env python3
"""Differential conformance runner: each scenario is a C program using gort (c/NAME.c) and a Go
program written to do the same thing (go/NAME/main.go). Both are built and run; the runner
compares, after normalising addresses:

  * stdout, exactly;
  * the report header of stderr: every line before the first blank line (the panic chain,
    `fatal error:` lines, the `[signal ...]` line) and the first `goroutine N [state]:` line;
  * the exit status;
  * with `frames: compare` in the scenario's header comment, the frame list of every goroutine
    trace in stderr, by function name and order (see frame_lists below).

A difference fails the scenario and prints both sides. Go's results do not depend on the C build,
so they are computed once per --go-cache directory and reused by every C configuration.

  run.py --lib build/x/libgort.a --cc gcc --cflags "-O2" --out build/conf-x [NAME...]
  run.py --map      rewrite the rule table in README.md from the scenarios' header comments
"""
import argparse
import concurrent.futures as cf
import json
import os
import re
import shlex
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
GO = os.environ.get("GO", "/usr/lib/go-1.23/bin/go")
TIMEOUT = 30


def scenarios():
    names = sorted(f[:-2] for f in os.listdir(os.path.join(HERE, "c")) if f.endswith(".c"))
    for n in names:
        if not os.path.isfile(os.path.join(HERE, "go", n, "main.go")):
            sys.exit(f"run.py: scenario {n} has no go/{n}/main.go")
    return names


HEX = re.compile(r"0x[0-9a-fA-F]+")
GOID = re.compile(r"goroutine (\d+)")


MID = re.compile(r" m=\d+ ")


def norm(line):
    line = HEX.sub("0xADDR", line)
    line = MID.sub(" m=N ", line)  # Go's thread numbering (m) is its own
    return GOID.sub(lambda m: m.group(0) if m.group(1) == "1" else "goroutine N", line)


def report_header(stderr):
    """The part of a crash report both sides must agree on."""
    lines = stderr.split("\n")
    out = []
    i = 0
    while i < len(lines) and lines[i] != "" and not lines[i].startswith("goroutine "):
        out.append(norm(lines[i]))
        i += 1
    for line in lines[i:]:
        if line.startswith("goroutine "):
            out.append(norm(line))
            break
    return out


GO_CLOSURE = re.compile(r"^main\.([A-Za-z0-9_]+\.)*(func|gowrap|deferwrap)\d+(\.\d+)*$")


TESTS = os.path.join(ROOT, "tests") + "/"  # where both sides' programs are
GO_NAMES = {"runtime.Goexit": "go_goexit", "runtime/debug.Stack": "go_stack",
            "time.Sleep": "go_sleep"}


def frame_name(line):
    """A frame's function line ("main.f(0x1?)", "f(...)") reduced to its comparable name.
    Go's main.f is C's f; Go's anonymous functions (main.main.func1) match any C name, since C
    names every deferred function; Go's panic entry `panic` is gort's go_panic* entry;
    runtime.Goexit is go_goexit, runtime/debug.Stack is go_stack, time.Sleep is go_sleep."""
    name = line.split("(", 1)[0]
    if name.startswith("main."):
        if GO_CLOSURE.match(name):
            return "*"
        name = name[5:]
    if name == "panic" or name.startswith("go_panic") or name == "gort__panic_runtime":
        return "panic"
    if name.startswith("runtime.") and not name[8:9].isupper():
        return "runtime"  # Go's hidden runtime frames: only in system-level traces
    name = GO_NAMES.get(name, name)
    return name.replace("_", "").lower()  # mustNotRecover is must_not_recover


MAPPED = {"panic"} | {v.replace("_", "") for v in GO_NAMES.values()}


def runtime_position(name, pos):
    """A frame that is not the program's own: its source is not one of the scenario programs
    (gort's src/ and headers, libc, Go's runtime and standard library), unless it is one of the
    entries that stand for each other on both sides (panic, Goexit, debug.Stack, Sleep)."""
    if name in MAPPED or name == "*":
        return False
    return not pos.startswith("\t" + TESTS)


def frame_lists(stderr):
    """Each goroutine trace's function names, in order, with whether it is a system-level
    trace (`goroutine N gp=...`). The two lines of a frame are a name line and a tab-indented
    position line; elision lines are kept as markers; `created by` lines are dropped (run.py
    compares the creator's name separately, created_by below)."""
    traces = []
    cur = None
    creator = False
    for line in stderr.split("\n"):
        if line.startswith("goroutine "):
            cur = []
            traces.append((" gp=" in line, cur))
        elif cur is None or line == "":
            cur = None if line == "" else cur
        elif line.startswith("created by "):
            creator = True
        elif line.startswith("\t"):
            if not creator and cur and cur[-1] != "...elided..." and runtime_position(cur[-1], line):
                cur[-1] = "runtime"
            creator = False
        elif re.match(r"\.\.\.\d+ frames elided\.\.\.", line):
            cur.append("...elided...")
        else:
            cur.append(frame_name(line))
    return traces


def created_by(stderr):
    """The creator of each goroutine trace that has one ("created by main.main in goroutine 1"
    is C's "created by main in goroutine 1"), in order."""
    names = (frame_name(m.group(1)) for m in re.finditer(r"^created by (\S+)", stderr, re.M))
    return [n for n in names if n != "runtime"]  # Go's own goroutines (GOTRACEBACK=system)


def uses_go_go(name):
    with open(os.path.join(HERE, "c", name + ".c")) as f:
        return "go_go(" in f.read()


def names_match(g, c):
    return len(g) == len(c) and all(a == b or a == "*" for a, b in zip(g, c))


def trace_match(g, c):
    """Go's runtime frames and gort's are dropped on both sides (at GOTRACEBACK=system both
    show their own, which have nothing in common). An elided trace must print 50 frames on each
    side of the marker on both sides, as Go's does; then the innermost frames compare in full
    and the outermost from the bottom up, as far as the shorter side goes (the runtime frames
    dropped at the bottom differ in number: runtime.goexit against gort's start routine)."""
    el = "...elided..."
    if el in g and el in c:
        gi, ci = g.index(el), c.index(el)
        if not (gi == ci == 50 and len(g) - gi - 1 == len(c) - ci - 1 == 50):
            return False
        gh, gt = [x for x in g[:gi] if x != "runtime"], [x for x in g[gi + 1:] if x != "runtime"]
        ch, ct = [x for x in c[:ci] if x != "runtime"], [x for x in c[ci + 1:] if x != "runtime"]
        n = min(len(gt), len(ct))
        return names_match(gh, ch) and n > 0 and names_match(gt[len(gt) - n:], ct[len(ct) - n:])
    return names_match(collapse_panics([x for x in g if x != "runtime"]),
                       collapse_panics([x for x in c if x != "runtime"]))


def collapse_panics(t):
    """A run of panic entries is one `panic` call: gort's GOTRACEBACK=system traces show the
    whole run (go_panicf, go_panic_str, go_panic_value), where Go shows panic() once."""
    return [x for i, x in enumerate(t) if not (x == "panic" and i > 0 and t[i - 1] == "panic")]


def frames_match(go, c):
    """go, c: frame_lists results. Traces left empty by dropping the runtime frames (Go's own
    goroutines at GOTRACEBACK=system: the garbage collector's, the finalizer's) are dropped."""
    go = [t for _, t in go if any(x != "runtime" for x in t)]
    c = [t for _, t in c if any(x != "runtime" for x in t)]
    return len(go) == len(c) and all(trace_match(g, cc) for g, cc in zip(go, c))


def run(cmd, cwd=None, env=None):
    try:
        p = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, timeout=TIMEOUT,
                           stdin=subprocess.DEVNULL)
        return {"stdout": p.stdout.decode(errors="replace"),
                "stderr": p.stderr.decode(errors="replace"), "rc": p.returncode}
    except subprocess.TimeoutExpired as e:
        return {"stdout": (e.stdout or b"").decode(errors="replace"),
                "stderr": (e.stderr or b"").decode(errors="replace") + "\n<timeout>", "rc": "timeout"}


def go_env(cache):
    env = dict(os.environ)
    env.update(GOCACHE=os.path.join(cache, "gocache"), GOPATH=os.path.join(cache, "gopath"),
               GOTOOLCHAIN="local", GOFLAGS="-mod=mod", GO111MODULE="on", GOTRACEBACK="single")
    env.pop("GODEBUG", None)
    return env


def go_results(cache, names):
    """Builds every Go scenario in one `go build` and runs each once; cached by source mtime."""
    os.makedirs(cache, exist_ok=True)
    stamp = max(max(os.path.getmtime(os.path.join(HERE, "go", n, "main.go")),
                    os.path.getmtime(os.path.join(HERE, "c", n + ".c"))) for n in names)
    path = os.path.join(cache, "results.json")
    if os.path.exists(path):
        with open(path) as f:
            saved = json.load(f)
        if saved.get("stamp") == stamp and all(n in saved["results"] for n in names):
            return saved["results"]
    env = go_env(cache)
    bindir = os.path.join(cache, "bin")
    os.makedirs(bindir, exist_ok=True)
    b = subprocess.run([GO, "build", "-o", bindir + "/", "./..."], cwd=os.path.join(HERE, "go"),
                       env=env, capture_output=True, text=True)
    if b.returncode != 0:
        sys.exit("run.py: go build failed:\n" + b.stdout + b.stderr)
    with cf.ThreadPoolExecutor(max_workers=2) as ex:
        res = dict(zip(names, ex.map(
            lambda n: run([os.path.join(bindir, n)], env={**env, **scenario_env(n)}), names)))
    with open(path, "w") as f:
        json.dump({"stamp": stamp, "results": res}, f)
    return res


def features(cflags):
    """What a C configuration is, as the scenarios' `skip:` fields name it."""
    f = set()
    for flag in shlex.split(cflags):
        if flag.startswith("-flto"):
            f.add("lto")
        if flag.startswith("-fsanitize="):
            for s in flag.split("=", 1)[1].split(","):
                f.add({"address": "asan", "undefined": "ubsan", "thread": "tsan"}.get(s, s))
    return f


def field_applies(name, field, cflags):
    """A `FIELD: lto, tsan — why` header field: its reason if this configuration is one of those
    it names, else None."""
    value = header_fields(name).get(field)
    if not value:
        return None
    which, _, why = value.partition("—")
    if features(cflags) & set(w.strip() for w in which.replace(",", " ").split()):
        return why.strip()
    return None


def skip_reason(name, cflags):
    """`skip:` — the reason, if the scenario cannot run in this configuration."""
    why = field_applies(name, "skip", cflags)
    return None if why is None else why or "skipped in this configuration"


def frames_skipped(name, cflags):
    """`frames-skip:` — in those configurations the frame lists are not compared (everything
    else still is)."""
    return field_applies(name, "frames-skip", cflags) is not None


def build_and_run_c(name, args):
    exe = os.path.join(args.out, name)
    cmd = [args.cc] + shlex.split(args.cflags) + [
        "-std=gnu11", "-g", "-fno-optimize-sibling-calls", "-Wall", "-Wextra", "-Werror", "-I", os.path.join(ROOT, "include"),
        os.path.join(HERE, "c", name + ".c"), args.lib, "-ldw", "-lelf", "-lpthread", "-o", exe]
    b = subprocess.run(cmd, capture_output=True, text=True)
    if b.returncode != 0:
        return {"build": " ".join(cmd) + "\n" + b.stdout + b.stderr}
    env = dict(os.environ)
    env.pop("GOTRACEBACK", None)
    env.update(scenario_env(name))
    return dict(run([exe], env=env), cflags=args.cflags)


def scenario_env(name):
    """`env: K=V ...` in the header comment: variables set for both programs (GOTRACEBACK)."""
    return dict(kv.split("=", 1) for kv in header_fields(name).get("env", "").split())


def compare(name, go, c):
    if "build" in c:
        return ["C build failed:", c["build"]]
    diffs = []
    if header_fields(name).get("frames") == "compare" and not frames_skipped(name, c.get("cflags", "")):
        gf, cf = frame_lists(go["stderr"]), frame_lists(c["stderr"])
        if not frames_match(gf, cf):
            diffs += ["frame lists differ:", "--- go", repr(gf), "--- gort", repr(cf)]
        # A C program whose goroutines are threads (pthread_create) has no creators to compare.
        gc, cc = created_by(go["stderr"]), created_by(c["stderr"])
        if uses_go_go(name) and not names_match(gc, cc):
            diffs += ["created by differs:", "--- go", repr(gc), "--- gort", repr(cc)]
    if go["stdout"] != c["stdout"]:
        diffs += ["stdout differs:", "--- go", go["stdout"], "--- gort", c["stdout"]]
    gh, ch = report_header(go["stderr"]), report_header(c["stderr"])
    if gh != ch:
        diffs += ["stderr report differs:", "--- go", go["stderr"], "--- gort", c["stderr"]]
    if go["rc"] != c["rc"]:
        diffs += [f"exit status differs: go {go['rc']} gort {c['rc']}"]
        if not diffs[:-1]:
            diffs += ["--- go stderr", go["stderr"], "--- gort stderr", c["stderr"]]
    return diffs


RULE_TABLE_BEGIN = "<!-- rules:begin (generated by run.py --map) -->"
RULE_TABLE_END = "<!-- rules:end -->"


def header_fields(name):
    with open(os.path.join(HERE, "c", name + ".c")) as f:
        text = f.read(4000)
    m = re.match(r"\s*/\*(.*?)\*/", text, re.S)
    body = m.group(1) if m else ""
    fields = {}
    for line in body.split("\n"):
        line = line.strip().lstrip("*").strip()
        mm = re.match(r"(conformance|rules|from|skip|frames-skip|frames|env):\s*(.*)", line)
        if mm:
            fields[mm.group(1)] = mm.group(2).strip()
    return fields


def write_map(names):
    rules = {}
    rows = []
    for n in names:
        f = header_fields(n)
        if not all(k in f for k in ("conformance", "rules", "from")):
            sys.exit(f"run.py: c/{n}.c lacks a conformance:/rules:/from: header comment")
        for r in f["rules"].replace(",", " ").split():
            rules.setdefault(r, []).append(n)
        what = f["conformance"] + (f" (skipped under {f['skip']})" if "skip" in f else "")
        rows.append(f"| `{n}` | {what} | {f['rules']} | {f['from']} |")

    def key(r):
        m = re.match(r"([A-Z]+)(\d+)", r)
        return (m.group(1), int(m.group(2))) if m else (r, 0)
    table = ["| rule | scenarios |", "| --- | --- |"]
    for r in sorted(rules, key=key):
        table.append(f"| {r} | " + ", ".join(f"`{n}`" for n in rules[r]) + " |")
    table += ["", f"{len(names)} scenarios:", "", "| scenario | what it checks | rules | ported from |",
              "| --- | --- | --- | --- |"] + rows
    readme = os.path.join(HERE, "README.md")
    with open(readme) as f:
        text = f.read()
    a, b = text.index(RULE_TABLE_BEGIN), text.index(RULE_TABLE_END)
    text = text[:a] + RULE_TABLE_BEGIN + "\n" + "\n".join(table) + "\n" + text[b:]
    with open(readme, "w") as f:
        f.write(text)
    print(f"README.md: {len(names)} scenarios, {len(rules)} rules")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lib")
    ap.add_argument("--cc", default="gcc")
    ap.add_argument("--cflags", default="-O2")
    ap.add_argument("--out", default=os.path.join(ROOT, "build", "conformance"))
    ap.add_argument("--go-cache", default=os.path.join(ROOT, "build", "go-conformance"))
    ap.add_argument("--label", default="")
    ap.add_argument("--map", action="store_true")
    ap.add_argument("-j", type=int, default=2)
    ap.add_argument("names", nargs="*")
    argv = sys.argv[1:]
    for i, a in enumerate(argv[:-1]):  # "--cflags -O2": the value looks like an option
        if a == "--cflags":
            argv[i:i + 2] = ["--cflags=" + argv[i + 1]]
            break
    args = ap.parse_args(argv)
    names = scenarios()
    if args.map:
        write_map(names)
        return 0
    if args.names:
        names = [n for n in names if n in args.names]
    if not args.lib:
        ap.error("--lib is required")
    args.lib = os.path.abspath(args.lib)
    os.makedirs(args.out, exist_ok=True)
    gor = go_results(args.go_cache, scenarios())
    skips = {n: r for n in names if (r := skip_reason(n, args.cflags))}
    run_names = [n for n in names if n not in skips]
    with cf.ThreadPoolExecutor(max_workers=args.j) as ex:
        cres = dict(zip(run_names, ex.map(lambda n: build_and_run_c(n, args), run_names)))
    passed = failed = skipped = 0
    label = f" [{args.label}]" if args.label else ""
    for n in names:
        if n in skips:
            skipped += 1
            print(f"ok - {n}{label} # skip ({skips[n]})")
            continue
        diffs = compare(n, gor[n], cres[n])
        if diffs:
            failed += 1
            print(f"not ok - {n}{label}")
            print("\n".join("    " + l for l in "\n".join(diffs).split("\n")))
        else:
            passed += 1
            print(f"ok - {n}{label}")
    print(f"conformance{label}: {passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
