#!/usr/bin/env bash
# The whole test suite (`make check`): installs missing toolchains, then builds gort in every
# configuration below and runs, in each, the unit tests, the differential conformance suite
# against real Go 1.23, the stress test and the stripped-program (addr2line) test; then the
# packaging test. Ends with one line "N passed, N failed" and a non-zero status if anything
# failed.
#
#   tests/run-all.sh [--quick]     --quick: gcc -O2 and clang -O0 only, small stress
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

if [ "$(id -u)" = 0 ]; then ./.ci/install-deps >/dev/null
elif command -v sudo >/dev/null; then sudo ./.ci/install-deps >/dev/null
else ./.ci/install-deps >/dev/null 2>&1 || echo "run-all: cannot install dependencies (not root, no sudo); using what is here"
fi

QUICK=0; [ "${1:-}" = --quick ] && QUICK=1
LOG=build/test-logs; mkdir -p "$LOG"
SAN_AU="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
SAN_T="-fsanitize=thread"   # TSan builds use libc's setjmp: GCC's -Wclobbered is noise there (gort.h)
# Threads that stand for goroutines are not joined (Go has no join): no thread-leak reports.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
       TSAN_OPTIONS=halt_on_error=1:report_thread_leaks=0

# name | cc | optimisation flags | sanitizer flags | stress sequences per thread
CONFIGS=(
  "gcc-O0|gcc|-O0||100000"
  "gcc-O2|gcc|-O2||1000000"
  "gcc-O3|gcc|-O3||100000"
  "gcc-O2-lto|gcc|-O2 -flto||100000"
  "clang-O0|clang|-O0||100000"
  "clang-O2|clang|-O2||100000"
  "clang-O3|clang|-O3||100000"
  "gcc-asan-ubsan|gcc|-O1|$SAN_AU|20000"
  "clang-asan-ubsan|clang|-O1|$SAN_AU|20000"
  "clang-tsan|clang|-O1|$SAN_T|20000"
  "gcc-tsan|gcc|-O1|$SAN_T -Wno-clobbered|20000"
)
[ $QUICK = 1 ] && CONFIGS=("gcc-O2|gcc|-O2||20000" "clang-O0|clang|-O0||20000")
# ONLY="clang-O2 gcc-tsan" runs just the named configurations.
if [ -n "${ONLY:-}" ]; then
  sel=(); for c in "${CONFIGS[@]}"; do [[ " $ONLY " == *" ${c%%|*} "* ]] && sel+=("$c"); done
  CONFIGS=("${sel[@]}")
fi

pass=0; fail=0; failed=()
tally() { # tally NAME LOGFILE STATUS
  local p f
  p=$(grep -c '^ok - ' "$2" || true); f=$(grep -c '^not ok - ' "$2" || true)
  if [ "$3" != 0 ] && [ "$f" = 0 ]; then f=1; echo "not ok - $1 (exit status $3)" >> "$2"; fi
  pass=$((pass + p)); fail=$((fail + f))
  [ "$f" != 0 ] && failed+=("$1")
  printf '%-34s %5d passed, %3d failed\n' "$1" "$p" "$f"
  if [ "$f" != 0 ]; then grep -A40 '^not ok - ' "$2" | head -80; fi
  grep '^ok - .* # skip' "$2" | sed 's/^ok - /    skipped: /' || true
}

for cfg in "${CONFIGS[@]}"; do
  IFS='|' read -r name cc opt san nstress <<< "$cfg"
  b=build/$name
  ar=ar; [[ $opt == *-flto* ]] && ar=gcc-ar
  if ! make -s BUILD="$b" CC="$cc" OPT="$opt" SAN="$san" AR="$ar" > "$LOG/$name-build.log" 2>&1; then
    echo "not ok - build $name" >> "$LOG/$name-build.log"; tally "build $name" "$LOG/$name-build.log" 1; continue
  fi
  cflags="$opt $san"
  tests/unit/run.sh "$cc" "$cflags" "$b/libgort.a" > "$LOG/$name-unit.log" 2>&1
  tally "unit $name" "$LOG/$name-unit.log" $?
  tests/conformance/run.py --lib "$b/libgort.a" --cc "$cc" --cflags "$cflags" --out "$b/conformance" \
      --label "$name" > "$LOG/$name-conformance.log" 2>&1
  tally "conformance $name" "$LOG/$name-conformance.log" $?
  scflags=$cflags
  # Open item: with the library LTO-inlined into it, GCC 12 reports a "may be used
  # uninitialized" <anonymous> temporary in stress.c with no usable location.
  [[ $opt == *-flto* ]] && scflags="$cflags -Wno-maybe-uninitialized"
  tests/stress/run.sh "$cc" "$scflags" "$b/libgort.a" "$nstress" > "$LOG/$name-stress.log" 2>&1
  tally "stress $name" "$LOG/$name-stress.log" $?
  # Crash reports of a stripped program: module+0xOFF frames that addr2line resolves.
  tests/addr2line/run.sh "$cc" "$cflags" "$b/libgort.a" > "$LOG/$name-addr2line.log" 2>&1
  tally "addr2line $name" "$LOG/$name-addr2line.log" $?
  # The event trace, its exports and the gdb extension (tests/trace): in one gcc, one clang and
  # the ASan config; headless Chromium and gdb once.
  case $name in
    gcc-O2|clang-O0|gcc-asan-ubsan)
      extra=(); [ "$name" = gcc-O2 ] && extra=(TRACE_BROWSER=1 TRACE_GDB=1)
      env "${extra[@]}" tests/trace/run.sh "$cc" "$cflags" "$b/libgort.a" > "$LOG/$name-trace.log" 2>&1
      tally "trace $name" "$LOG/$name-trace.log" $? ;;
  esac
done

if [ $QUICK = 0 ]; then
  tests/package/run.sh > "$LOG/package.log" 2>&1
  tally "package" "$LOG/package.log" $?
fi

[ ${#failed[@]} -gt 0 ] && echo "failed: ${failed[*]}"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
