#!/usr/bin/env bash
# Tests of the event trace (src/trace*.c), its exports (gort-trace) and the gdb extension.
#
#   tests/trace/run.sh CC "CFLAGS" path/to/libgort.a [--update]
#
#   1. api.c: go_trace_start/dump/stop/enabled and go_trace_export's errors, in-process.
#   2. The eight scenarios in scenarios/*.c run with GORT_TRACE=file; each trace is exported
#      with --stable (event ordinals for times, no addresses) as JSON, Mermaid (scenarios with a
#      panic), HTML (its data; the page around it must be the same template every time) and
#      events, and compared with golden/NAME.{json,mmd,html.json,events}
#      (--update rewrites the golden files). Every JSON export, stable or not, is validated by
#      check_json.py against the Trace Event Format's rules.
#   3. The example of docs/trace.md (examples/trace_panic.c): GORT_TRACE=out.json ./prog, then
#      one gort-trace command gives a page showing the panic passing five deferred calls and
#      recovered; the page's data and, with TRACE_BROWSER=1, its rendering in headless
#      Chromium (the DOM title the page's script sets, zooming, panning and resetting driven by
#      zoom_probe.js, and the screenshot's timeline pixels).
#   4. With TRACE_GDB=1: tools/gdb/gort.py driven by gdb -batch on gdb_prog.c stopped inside a
#      deferred call during a panic (gdb_check.py checks each command's output).
#   5. A crash writes the trace (crash.c): an unrecovered nil dereference in a traced program
#      exits 2 with the trace written, its panic marked crashed; GORT_TRACE_CRASH_EVENTS=N keeps
#      each thread's newest N records; and with malloc/free made fatal just before the fault
#      (not under a sanitizer) the crash still writes it: the dump is async-signal-safe.
#   6. Scheduler goroutines in the trace (goroutines.c): create, start, park with Go's wait
#      reason, resume, exit, in order; one JSON track per goroutine.
#
# Prints "ok - ..." / "not ok - ..." lines; exits 1 if any failed.
set -uo pipefail
if [ $# -lt 3 ]; then
    echo "usage: $0 CC CFLAGS LIBGORT_A [--update]" >&2
    exit 2
fi
cc=$1
cflags=$2
lib=$3
update=0
[ "${4:-}" = --update ] && update=1
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
case $lib in /*) ;; *) lib=$PWD/$lib ;; esac
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gort-trace.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

fail=0
ok() { echo "ok - trace/$1"; }
bad() {
    echo "not ok - trace/$1"
    [ $# -gt 1 ] && printf '%s\n' "$2" | head -40 | sed 's/^/    /'
    fail=1
}

# ---- the library -----------------------------------------------------------------------------
inc=$root/include
srcdir=$root
tool=$(dirname "$lib")/gort-trace
[ -x "$tool" ] || { bad "gort-trace is built next to the library ($tool)"; exit 1; }

build() { # build NAME SRC... -> $tmp/NAME
    local name=$1
    shift
    # shellcheck disable=SC2086 # CFLAGS is a list of flags
    if ! "$cc" -std=gnu11 $cflags -g -Wall -Wextra -Werror -I"$inc" "$@" "$lib" -ldw -lelf -lpthread \
        -o "$tmp/$name" > "$tmp/$name.build" 2>&1; then
        bad "$name builds" "$(cat "$tmp/$name.build")"
        return 1
    fi
}

# ---- 1. the API --------------------------------------------------------------------------------
if build api "$here/api.c"; then
    if out=$(cd "$tmp" && ./api 2>&1); then ok "api"; printf '%s\n' "$out" | sed 's/^/    /'
    else bad "api" "$out"; fi
fi

# ---- 2. the scenarios --------------------------------------------------------------------------
compare() { # compare NAME GOLDEN ACTUAL
    if [ $update = 1 ]; then
        cp "$3" "$2"
        ok "$1 (golden updated)"
    elif [ ! -f "$2" ]; then
        bad "$1: no golden file $2 (run with --update)"
    elif diff -u "$2" "$3" > "$tmp/diff" 2>&1; then
        ok "$1"
    else
        bad "$1 differs from $(basename "$2")" "$(head -30 "$tmp/diff")"
    fi
}
for src in "$here"/scenarios/*.c; do
    name=$(basename "$src" .c)
    build "$name" "$src" || continue
    want=0
    [ "$name" = panic_in_goroutine ] && want=2
    GORT_TRACE="$tmp/$name.gtrace" "$tmp/$name" > "$tmp/$name.out" 2>&1
    status=$?
    if [ $status != $want ] || [ ! -s "$tmp/$name.gtrace" ]; then
        bad "$name runs (exit $status, expected $want) and writes its trace" "$(cat "$tmp/$name.out")"
        continue
    fi
    g=$here/golden/$name
    for fmt in json html events; do
        if ! "$tool" "$fmt" "$tmp/$name.gtrace" --stable -o "$tmp/$name.$fmt" 2> "$tmp/err"; then
            bad "$name: gort-trace $fmt" "$(cat "$tmp/err")"
        elif [ $fmt = html ]; then
            # The page is one template (checked once, in a browser, below) around the data:
            # the golden file is the data; the rest must be the same on every page.
            python3 "$here/html_split.py" "$tmp/$name.html" "$tmp/$name.html.json" "$tmp/$name.page"
            compare "$name html" "$g.html.json" "$tmp/$name.html.json"
            if [ -f "$tmp/template" ] && ! cmp -s "$tmp/template" "$tmp/$name.page"; then
                bad "$name html: the page around the data is the same template"
            fi
            cp "$tmp/$name.page" "$tmp/template"
        else
            compare "$name $fmt" "$g.$fmt" "$tmp/$name.$fmt"
        fi
    done
    if grep -q ' panic  *\[panic' "$tmp/$name.events" || grep -q ' goexit ' "$tmp/$name.events"; then
        if "$tool" mermaid "$tmp/$name.gtrace" --stable -o "$tmp/$name.mmd" 2> "$tmp/err"; then
            compare "$name mermaid" "$g.mmd" "$tmp/$name.mmd"
        else
            bad "$name: gort-trace mermaid" "$(cat "$tmp/err")"
        fi
    elif "$tool" mermaid "$tmp/$name.gtrace" > /dev/null 2> "$tmp/err" ||
        ! grep -q 'the trace has no panic' "$tmp/err"; then
        bad "$name: gort-trace mermaid on a trace without panics says so" "$(cat "$tmp/err")"
    else
        ok "$name: mermaid without a panic is a clear error"
    fi
    "$tool" json "$tmp/$name.gtrace" -o "$tmp/$name.real.json" 2> "$tmp/err" ||
        bad "$name: gort-trace json (real times)" "$(cat "$tmp/err")"
    if out=$(python3 "$here/check_json.py" "$tmp/$name.json" "$tmp/$name.real.json"); then
        ok "$name: JSON follows the Trace Event Format (stable and real times)"
    else
        bad "$name: JSON follows the Trace Event Format" "$out"
    fi
done

# ---- 3. the example: GORT_TRACE=out.json ./prog; gort-trace html -------------------------------
if build trace_panic "$root/examples/trace_panic.c"; then
    (cd "$tmp" && GORT_TRACE=out.json ./trace_panic > example.out 2>&1)
    if grep -q 'request 2: status 500' "$tmp/example.out" && [ -s "$tmp/out.json" ]; then
        ok "example runs, recovers request 2 and writes out.json"
    else
        bad "example runs and writes out.json" "$(cat "$tmp/example.out")"
    fi
    if "$tool" html "$tmp/out.json" -o "$tmp/page.html" 2> "$tmp/err"; then
        ok "gort-trace html out.json -o page.html"
    else
        bad "gort-trace html" "$(cat "$tmp/err")"
    fi
    # The page's data: one panic, recovered by recover_and_log, serve resumed, five deferred
    # calls run by it in order.
    if out=$(python3 - "$tmp/page.html" <<'EOF'
import json, re, sys
html = open(sys.argv[1]).read()
assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "").replace("'http://www.w3.org/2000/svg'", ""), "the page refers to the network"
assert "<script src" not in html and "<link" not in html, "the page loads something"
d = json.loads(re.search(r'<script type="application/json" id="data">(.*?)</script>', html, re.S).group(1))
panics = [p for p in d["panics"] if not p[1]]
assert len(panics) == 1, panics
idx, _, g, value, outcome, by, resumed, t0, t1 = panics[0]
assert value == "parse error: unexpected o at offset 0", value
assert outcome == "recovered" and by == "recover_and_log" and resumed == "serve", panics[0]
calls = [s for s in d["slices"] if s[4] == "call" and s[7] == idx]
names = [s[5] for s in sorted(calls, key=lambda s: s[2])]
assert names == ["log_exit", "unlock_table", "release_buffer", "close_conn", "recover_and_log"], names
assert all(t0 <= s[2] and s[3] <= t1 for s in calls), "calls outside the panic's slice"
assert all(s[3] - s[2] >= 100 for s in calls[:4]), "the pauses in the deferred calls do not show"
assert any(f[0] == idx for f in d["flows"]), "no panic -> recover arrow"
print("panic %d: %s, recovered by %s after %d deferred calls; serve resumed" % (idx, value, by, len(calls)))
EOF
    ); then ok "example page shows the panic through five deferred calls, recovered"; echo "    $out"
    else bad "example page shows the panic through five deferred calls, recovered" "$out"; fi
    if "$tool" mermaid "$tmp/out.json" -o "$tmp/example.mmd" 2> "$tmp/err" &&
        grep -q 'recover() stops panic 1' "$tmp/example.mmd" &&
        grep -q 'recovery: resume serve' "$tmp/example.mmd" &&
        [ "$(grep -c 'R->>F[0-9]*: deferred call' "$tmp/example.mmd")" = 5 ]; then
        ok "example mermaid: five deferred calls, the recover, the resumption"
    else
        bad "example mermaid" "$(cat "$tmp/err" "$tmp/example.mmd" 2>/dev/null)"
    fi

    if [ "${TRACE_BROWSER:-0}" = 1 ]; then
        chrome=$(command -v chromium || command -v chromium-browser || true)
        if [ -z "$chrome" ]; then
            bad "headless Chromium renders the page (no chromium: .ci/install-deps installs it)"
        else
            flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
                --disable-background-networking --disable-component-update --disable-sync
                --window-size=1200,800)
            timeout 120 "$chrome" "${flags[@]}" --user-data-dir="$(mktemp -d "$tmp/ud.XXXX")" \
                --dump-dom "file://$tmp/page.html" > "$tmp/dom.html" 2> "$tmp/chrome.log"
            if grep -q '<title>gort trace: rendered [1-9][0-9]* slices' "$tmp/dom.html" &&
                [ "$(grep -o '<rect' "$tmp/dom.html" | wc -l)" -gt 10 ]; then
                ok "Chromium runs the page's script: $(grep -o '<title>[^<]*' "$tmp/dom.html" | cut -c8-)"
            else
                bad "Chromium runs the page's script (title marker, SVG drawn)" \
                    "$(head -c 2000 "$tmp/dom.html"; tail -5 "$tmp/chrome.log")"
            fi
            # Zoomable: the page with zoom_probe.js appended, which wheels, drags and double
            # clicks on the timeline and reports the time axis after each in the title.
            python3 -c '
import sys
page, probe, out = sys.argv[1:]
html = open(page).read()
i = html.rindex("</body>")
open(out, "w").write(html[:i] + "<script>\n" + open(probe).read() + "</script>\n" + html[i:])
' "$tmp/page.html" "$here/zoom_probe.js" "$tmp/zoom.html"
            timeout 120 "$chrome" "${flags[@]}" --user-data-dir="$(mktemp -d "$tmp/ud.XXXX")" \
                --dump-dom "file://$tmp/zoom.html" > "$tmp/zoom.dom" 2>> "$tmp/chrome.log"
            if zout=$(python3 -c '
import html, json, re, sys
m = re.search(r"<title>zoom probe: (.*?)</title>", open(sys.argv[1]).read())
assert m, "the probe did not run"
a = json.loads(html.unescape(m.group(1)))
(s0, f0), (s1, f1), (s2, f2), (s3, f3) = a["before"], a["zoomed"], a["panned"], a["reset"]
assert s1 < s0 / 2, "five wheel steps in did not zoom: time per pixel %s -> %s" % (s0, s1)
assert abs(s2 - s1) <= 1e-6 * s1 and f2 != f1, "dragging did not pan: first label %s -> %s" % (f1, f2)
assert abs(s3 - s0) <= 1e-6 * s0 and f3 == f0, "a double click did not reset: %s, was %s" % (a["reset"], a["before"])
print("time per pixel %.3g -> %.3g (wheel), first label %g -> %g (drag), reset" % (s0, s1, f1, f2))
' "$tmp/zoom.dom" 2>&1); then
                ok "the timeline zooms, pans and resets in Chromium: $zout"
            else
                bad "the timeline zooms, pans and resets in Chromium" "$zout"
            fi
            (cd "$tmp" && timeout 120 "$chrome" "${flags[@]}" \
                --user-data-dir="$(mktemp -d "$tmp/ud.XXXX")" --screenshot="$tmp/page.png" \
                "file://$tmp/page.html" > /dev/null 2>> "$tmp/chrome.log")
            # The timeline region: right of the goroutine labels, below the header.
            if [ -s "$tmp/page.png" ] && ink=$(python3 "$here/png_ink.py" "$tmp/page.png" 160 40 1190 200) &&
                python3 -c '
import sys
v = dict(kv.split("=") for kv in sys.argv[1].split()[1:])
sys.exit(0 if int(v["ink"]) > 5000 and int(v["red"]) > 300 and int(v["blue"]) > 300 and int(v["green"]) > 10 else 1)
' "$ink"; then
                ok "the screenshot shows a drawn timeline ($ink)"
            else
                bad "the screenshot shows a drawn timeline" "${ink:-no screenshot}; $(tail -5 "$tmp/chrome.log")"
            fi
        fi
    fi
fi

# ---- 4. gdb ------------------------------------------------------------------------------------
if [ "${TRACE_GDB:-0}" = 1 ] && command -v gdb > /dev/null && build gdb_goroutines "$here/gdb_goroutines.c"; then
    gdb -nx -batch -ex "set pagination off" -ex "source $root/tools/gdb/gort.py" \
        -ex "break stop_here" -ex "run" \
        -ex "echo ==info goroutines\n" -ex "info goroutines" \
        -ex "echo ==goroutine 2 bt\n" -ex "goroutine 2 bt" \
        -ex "echo ==gort defers\n" -ex "gort defers" \
        -ex "kill" "$tmp/gdb_goroutines" > "$tmp/gdbg.out" 2>&1
    gout=$(cat "$tmp/gdbg.out")
    if grep -qE '^  2 +chan receive ' <<< "$gout" && grep -qE '^\* 3 +running +[0-9]+ \(LWP' <<< "$gout" &&
        grep -qE '^goroutine 2 \[chan receive\] \(not running' <<< "$gout" &&
        grep -qE '^#[0-9]+ +0x[0-9a-f]+ in receiver at .*gdb_goroutines.c:' <<< "$gout" &&
        grep -qE '^  frame sender \(0x[0-9a-f]+\):' <<< "$gout" &&
        ! grep -q 'running  sender' <<< "$gout"; then
        ok "gdb extension on scheduler goroutines (parked: saved context; running: its worker)"
    else
        bad "gdb extension on scheduler goroutines" "$gout"
    fi
fi
if [ "${TRACE_GDB:-0}" = 1 ]; then
    if ! command -v gdb > /dev/null; then
        bad "gdb extension (no gdb: .ci/install-deps installs it)"
    elif build gdb_prog "$here/gdb_prog.c"; then
        gdb -nx -batch -ex "set pagination off" -ex "source $root/tools/gdb/gort.py" \
            -ex "break stop_here" -ex "run" -ex "up" \
            -ex "echo ==info goroutines\n" -ex "info goroutines" \
            -ex "echo ==gort defers\n" -ex "gort defers" \
            -ex "echo ==gort panics\n" -ex "gort panics" \
            -ex "echo ==goroutine 2 bt\n" -ex "goroutine 2 bt" \
            -ex "echo ==goroutine 1 bt\n" -ex "goroutine 1 bt" \
            -ex "echo ==goroutine 9 bt\n" -ex "goroutine 9 bt" \
            -ex "kill" "$tmp/gdb_prog" > "$tmp/gdb.out" 2>&1
        if out=$(python3 "$here/gdb_check.py" "$tmp/gdb.out"); then
            ok "gdb extension"
            printf '%s\n' "$out" | sed 's/^/    /'
        else
            bad "gdb extension" "$out
$(cat "$tmp/gdb.out")"
        fi
        # make install puts the extension where gdb auto-loads it for libgort.so.
        pfx=$tmp/pfx
        if make -s -C "$srcdir" install DESTDIR= PREFIX="$pfx" BUILD="$(dirname "$lib")" \
            > "$tmp/install.log" 2>&1 &&
            "$cc" -std=gnu11 -g -I"$pfx/include" "$here/gdb_prog.c" -L"$pfx/lib" -lgort -lpthread \
                -Wl,-rpath,"$pfx/lib" -o "$tmp/gdb_prog_so" >> "$tmp/install.log" 2>&1; then
            gdb -nx -batch -iex "set auto-load scripts-directory $pfx/share/gdb/auto-load" \
                -iex "add-auto-load-safe-path $pfx" -ex "break stop_here" -ex run \
                -ex "info goroutines" -ex kill "$tmp/gdb_prog_so" > "$tmp/gdb2.out" 2>&1
            if grep -q '^\* 1 *panicking' "$tmp/gdb2.out"; then
                ok "gdb auto-loads the installed extension with libgort.so"
            else
                bad "gdb auto-loads the installed extension with libgort.so" "$(cat "$tmp/gdb2.out")"
            fi
        else
            bad "make install and a program linked with the installed libgort.so" "$(cat "$tmp/install.log")"
        fi
    fi
fi

# ---- 5. a crash writes the trace ------------------------------------------------------------
heap_flag=-DCRASH_BROKEN_HEAP
case "$cflags" in *-fsanitize*) heap_flag= ;; esac # the sanitizer owns malloc
if build crash $heap_flag "$here/crash.c"; then
    (cd "$tmp" && GORT_TRACE=crash.gtrace ./crash > crash.out 2>&1)
    status=$?
    if [ $status = 2 ] && grep -q 'deferred call ran' "$tmp/crash.out" && [ -s "$tmp/crash.gtrace" ] &&
        "$tool" events "$tmp/crash.gtrace" --stable -o "$tmp/crash.events" 2> "$tmp/err" &&
        "$tool" json "$tmp/crash.gtrace" -o "$tmp/crash.json" 2>> "$tmp/err" &&
        tail -n 1 "$tmp/crash.events" | grep -q ' g1 fatal  *unrecovered panic' &&
        grep -q '"crash":true' "$tmp/crash.json" && grep -q '"outcome":"crashed"' "$tmp/crash.json" &&
        python3 "$here/check_json.py" "$tmp/crash.json" > "$tmp/err" 2>&1; then
        ok "a crash (unrecovered nil dereference) writes the trace: $(wc -l < "$tmp/crash.events") events, the panic crashed"
    else
        bad "a crash writes the trace (exit $status)" \
            "$(cat "$tmp/crash.out" "$tmp/err" 2>/dev/null; tail -3 "$tmp/crash.events" 2>/dev/null)"
    fi
    arg=
    [ -n "$heap_flag" ] && arg=broken-heap
    (cd "$tmp" && GORT_TRACE_CRASH_EVENTS=10 GORT_TRACE=crash10.gtrace ./crash $arg > crash10.out 2>&1)
    status=$?
    # Each thread's newest 10 records: the worker's last deferred calls and its exit; main's
    # panic, deferred call and fatal error (the panic's value and the error text take three of
    # main's ten records). A heap used after the fault ends the program with status 97.
    if [ $status = 2 ] && "$tool" events "$tmp/crash10.gtrace" --stable -o "$tmp/crash10.events" 2> "$tmp/err" &&
        n=$(wc -l < "$tmp/crash10.events") && [ "$n" -le 20 ] && [ "$n" -ge 10 ] &&
        grep -q ' g0 go_exit  *goroutine 2' "$tmp/crash10.events" &&
        grep -q ' g1 panic .*nil pointer dereference' "$tmp/crash10.events" &&
        tail -n 1 "$tmp/crash10.events" | grep -q ' g1 fatal  *unrecovered panic' &&
        ! grep -q 'g1 frame_enter churn' "$tmp/crash10.events"; then
        ok "GORT_TRACE_CRASH_EVENTS=10: a crash writes each thread's newest 10 records ($n events)${arg:+, with malloc and free fatal after the fault}"
    else
        bad "GORT_TRACE_CRASH_EVENTS=10${arg:+ with a broken heap} (exit $status)" \
            "$(cat "$tmp/crash10.out" "$tmp/err" "$tmp/crash10.events" 2>/dev/null)"
    fi
fi

# ---- 6. scheduler goroutines ------------------------------------------------------------------
if build goroutines "$here/goroutines.c"; then
    out=
    if (cd "$tmp" && GORT_TRACE=gor.gtrace ./goroutines > gor.out 2>&1) &&
        "$tool" events "$tmp/gor.gtrace" --stable -o "$tmp/gor.events" 2> "$tmp/err" &&
        "$tool" json "$tmp/gor.gtrace" -o "$tmp/gor.json" 2>> "$tmp/err" &&
        out=$(python3 - "$tmp/gor.events" "$tmp/gor.json" <<'EOF'
import re, sys
lines = [re.sub(r"^ *[0-9]+ ", "", l.rstrip()) for l in open(sys.argv[1])]
want = [r"g1 go_create +goroutine 2", r"g2 go_start +goroutine 2", r"g2 defer +done in consumer",
        r"g2 go_park +chan receive", r"g2 go_start +goroutine 2", r"g2 call_start +done of consumer",
        r"g2 go_exit +goroutine 2", r"g1 go_start +goroutine 1"]
k = 0
for l in lines:
    if k < len(want) and re.fullmatch(want[k], l):
        k += 1
assert k == len(want), "missing, in order: %r\n%s" % (want[k], "\n".join(lines))
assert any(re.fullmatch(r"g1 go_park +\S.*", l) for l in lines), "goroutine 1 never parked"
js = open(sys.argv[2]).read()
for g in ("goroutine 1 (main)", "goroutine 2"):
    assert '"name":"%s"' % g in js, "no thread_name track for %s" % g
print("%d events; goroutine 2 created, started, parked on chan receive, resumed, exited" % len(lines))
EOF
        ) && python3 "$here/check_json.py" "$tmp/gor.json" > "$tmp/err" 2>&1; then
        ok "scheduler goroutines: $out; a track each"
    else
        bad "scheduler goroutines in the trace" "$out$(cat "$tmp/gor.out" "$tmp/err" 2>/dev/null)"
    fi
fi

exit $fail
