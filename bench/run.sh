#!/usr/bin/env bash
# bench/run.sh — builds and runs all of gort's benchmarks and prints the table of ratios, which
# it also writes to bench/results/latest.md (raw per-round figures: bench/results/latest-raw.tsv).
# Method: /work/shared/BENCHMARKS.md in short — every figure is gort / peer measured in the same
# run, rounds interleaved (C program, C++ program, Go test binary; the order reverses every other
# round), median of the per-round ratios. See bench/README.md.
#
# Environment:
#   ROUNDS=9            rounds (at least 5 for a published table)
#   BENCH_TARGET_MS=60  length of one timed measurement
#   BENCH_ICOUNT=1      0 skips the callgrind instruction counts
#   CC=gcc CXX=g++ GO=  compilers (GO defaults to /usr/lib/go-1.23/bin/go, else go on PATH)
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
B=$ROOT/build/bench
OUT=$ROOT/bench/results
ROUNDS=${ROUNDS:-9}
export BENCH_TARGET_MS=${BENCH_TARGET_MS:-60}
unset BENCH_ONLY   # the table always has every case (BENCH_ONLY is for bench_c run by hand)
BENCH_ICOUNT=${BENCH_ICOUNT:-1}
CC=${CC:-gcc}
CXX=${CXX:-g++}
# Every measured function and loop starts on a fixed boundary: with the default alignment two
# functions compiled to the same instructions (frame_nodefer's gort and plain sides) timed
# 2.28 and 2.57 ns, by where they happened to land; aligned, both sides of every ratio do.
ALIGN="-falign-functions=64 -falign-loops=32"
CFLAGS_BENCH="-std=gnu11 -O2 $ALIGN"
CXXFLAGS_BENCH="-std=gnu++17 -O2 $ALIGN"
ICOUNT_N=20000

say() { printf 'bench: %s\n' "$*" >&2; }
first_line() { "$@" 2>&1 | head -n 1; }

mkdir -p "$B" "$OUT"
start=$(date +%s)
load_start=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')

# ---- build ---------------------------------------------------------------------------------
say "building libgort (make BUILD=build/bench OPT=-O2)"
make -s BUILD=build/bench OPT=-O2 CC="$CC" build/bench/libgort.a >&2

say "building the C and C++ benchmark programs"
"$CC" $CFLAGS_BENCH -Wall -Wextra -Iinclude -c bench/noop.c -o "$B/noop.o"
"$CC" $CFLAGS_BENCH -g -Wall -Wextra -Iinclude bench/cases.c bench/rpoint.c bench/stack.c bench/sched.c \
    bench/chan.c bench/nohooks.c "$B/noop.o" "$B/libgort.a" -ldw -lelf -lpthread -o "$B/bench_c"
have_cxx=0
if command -v "$CXX" >/dev/null 2>&1; then
    "$CXX" $CXXFLAGS_BENCH -Wall -Wextra bench/cxx_panic.cc "$B/noop.o" -o "$B/bench_cxx"
    have_cxx=1
else
    say "no C++ compiler ($CXX): the C++ column stays empty"
fi

GO=${GO:-}
if [ -z "$GO" ]; then
    if [ -x /usr/lib/go-1.23/bin/go ]; then
        GO=/usr/lib/go-1.23/bin/go
    elif command -v go >/dev/null 2>&1 && go version | grep -q 'go1\.23'; then
        GO=$(command -v go)
    fi
fi
have_go=0
if [ -n "$GO" ]; then
    say "building the Go peers ($GO test -c)"
    (cd bench/go && GOTOOLCHAIN=local GOFLAGS=-mod=mod GOCACHE="$B/gocache" \
        GOPATH="$B/gopath" "$GO" test -c -o "$B/gobench.test" .)
    have_go=1
else
    say "Go 1.23 not found: the Go column stays empty"
fi

# ---- rounds --------------------------------------------------------------------------------
RAW=$B/raw.tsv
: > "$RAW"
run_c() { "$B/bench_c" run "$1" | awk -v r="$1" -v OFS='\t' '{print r, "c", $1, $2, $3}' >> "$RAW"; }
run_cxx() {
    [ "$have_cxx" = 1 ] || return 0
    "$B/bench_cxx" run "$1" | awk -v r="$1" -v OFS='\t' '{print r, "cxx", $1, $2, $3}' >> "$RAW"
}
run_go() {
    [ "$have_go" = 1 ] || return 0
    # Go benchmark lines: BenchmarkDefer1-2   27757345   2.582 ns/op
    # Six runs of target/6 each, as the C harness's six slices; report.py keeps the fastest.
    "$B/gobench.test" -test.run='^$' -test.bench=. -test.count=6 \
        -test.benchtime="$(awk -v t="$BENCH_TARGET_MS" 'BEGIN {printf "%.3f", t / 6}')ms" |
        awk -v r="$1" -v OFS='\t' '/^Benchmark.* ns\/op/ {
            name = $1; sub(/^Benchmark/, "", name); sub(/-[0-9]+$/, "", name);
            print r, "go", "go." name, $3, $2 }' >> "$RAW"
}
for r in $(seq 1 "$ROUNDS"); do
    say "round $r/$ROUNDS"
    if [ $((r % 2)) = 1 ]; then
        run_c "$r"; run_cxx "$r"; run_go "$r"
    else
        run_go "$r"; run_cxx "$r"; run_c "$r"
    fi
done

# ---- memory per parked goroutine (bench/parked.c, bench/go/parked) ---------------------------
PARKED=$B/parked.tsv
: > "$PARKED"
"$CC" $CFLAGS_BENCH -Wall -Wextra -Iinclude bench/parked.c "$B/libgort.a" -ldw -lelf -lpthread -o "$B/parked_c"
"$B/parked_c" >> "$PARKED"
if [ "$have_go" = 1 ]; then
    (cd bench/go && GOTOOLCHAIN=local GOFLAGS=-mod=mod GOCACHE="$B/gocache" GOPATH="$B/gopath" \
        "$GO" build -o "$B/parked_go" ./parked)
    "$B/parked_go" >> "$PARKED"
fi

# ---- instruction counts (callgrind) --------------------------------------------------------
ICOUNT=$B/icount.tsv
: > "$ICOUNT"
if [ "$BENCH_ICOUNT" != 0 ] && command -v valgrind >/dev/null 2>&1; then
    say "counting instructions under callgrind ($ICOUNT_N calls per case)"
    rm -rf "$B/cg" && mkdir -p "$B/cg"
    # One dump per case: collection is on only inside bench_icount_region, and each exit from
    # it writes a dump file (cg.out.1, cg.out.2, ... in the order the program prints).
    if valgrind --tool=callgrind --toggle-collect=bench_icount_region \
        --dump-after=bench_icount_region --callgrind-out-file="$B/cg/cg.out" \
        "$B/bench_c" icount "$ICOUNT_N" > "$B/cg/order.txt" 2> "$B/cg/valgrind.log"; then
        k=0
        while read -r name n; do
            k=$((k + 1))
            f=$B/cg/cg.out.$k
            [ -f "$f" ] || continue
            tot=$(awk '/^totals:/ {print $2; exit}' "$f")
            [ -n "$tot" ] && printf '%s\t%s\t%s\n' "$name" "$tot" "$n" >> "$ICOUNT"
        done < "$B/cg/order.txt"
    else
        say "callgrind failed (see $B/cg/valgrind.log); no instruction counts"
    fi
fi

# ---- the table -----------------------------------------------------------------------------
META=$B/meta.txt
{
    echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "cpu=$(awk -F': *' '/^model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || echo unknown)"
    echo "cpus=$(nproc 2>/dev/null || echo '?')"
    echo "kernel=$(uname -srm)"
    echo "cc=$(first_line "$CC" --version)"
    echo "cxx=$([ "$have_cxx" = 1 ] && first_line "$CXX" --version || echo none)"
    echo "go=$([ "$have_go" = 1 ] && "$GO" version || echo none)"
    echo "valgrind=$(command -v valgrind >/dev/null 2>&1 && valgrind --version || echo none)"
    echo "cflags=$CFLAGS_BENCH"
    echo "cxxflags=$CXXFLAGS_BENCH"
    echo "libflags=make BUILD=build/bench OPT=-O2 (the Makefile adds -g -fPIC -fno-omit-frame-pointer -fvisibility=hidden)"
    echo "goflags=go test -c (default gc flags), GOTOOLCHAIN=local, GOMAXPROCS=default"
    echo "rounds=$ROUNDS"
    echo "target_ms=$BENCH_TARGET_MS"
    echo "icount_n=$ICOUNT_N"
    echo "commit=$(git rev-parse --short HEAD 2>/dev/null || echo none)$(git status --porcelain -- src include 2>/dev/null | grep -q . && echo ' (src/ or include/ modified)' || true)"
    echo "elapsed=$(( $(date +%s) - start ))"
    echo "load=$load_start at the start, $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?') at the end"
} > "$META"

python3 bench/report.py "$RAW" "$ICOUNT" "$META" "$PARKED" > "$OUT/latest.md"
cp "$RAW" "$OUT/latest-raw.tsv"
cat "$OUT/latest.md"
say "wrote bench/results/latest.md in $(( $(date +%s) - start )) s"
