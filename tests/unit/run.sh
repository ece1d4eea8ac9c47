#!/usr/bin/env bash
# Builds and runs gort's unit tests against one library build.
#
#   tests/unit/run.sh CC "CFLAGS" path/to/libgort.a
#   e.g. tests/unit/run.sh gcc "-O2" build/libgort.a
#        tests/unit/run.sh clang "-O1 -fsanitize=thread" build/tsan/libgort.a
#
# Each tests/unit/*.c is a program printing `ok - ...` lines and exiting 0, or exiting non-zero
# with a message. Prints `ok - unit/NAME` or `not ok - unit/NAME` per program (its own lines
# indented below) and exits 1 if any failed. CFLAGS are used to compile and to link, so
# sanitizer flags work as given; -std=gnu11 -Wall -Wextra -Werror are always added. Programs
# link -ldw -lelf (symbolized tracebacks). tests/unit/shlib/ is built as a shared library and a
# program using it, whose crash trace must show both modules' frames.
set -uo pipefail
if [ $# -ne 3 ]; then
    echo "usage: $0 CC CFLAGS LIBGORT_A" >&2
    exit 2
fi
cc=$1
cflags=$2
lib=$3
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
case $lib in /*) ;; *) lib=$PWD/$lib ;; esac
if [ ! -f "$lib" ]; then
    echo "not ok - unit: no library at $lib" >&2
    exit 2
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gort-unit.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

fail=0
count=0
for src in "$here"/*.c; do
    name=$(basename "$src" .c)
    count=$((count + 1))
    # shellcheck disable=SC2086 # CFLAGS is a list of flags
    if ! "$cc" -std=gnu11 $cflags -g -Wall -Wextra -Werror -I"$root/include" -I"$here" \
        "$src" "$lib" -ldw -lelf -lpthread -lm -o "$tmp/$name" > "$tmp/$name.build" 2>&1; then
        echo "not ok - unit/$name (does not build)"
        sed 's/^/    /' "$tmp/$name.build"
        fail=1
        continue
    fi
    if timeout 300 "$tmp/$name" > "$tmp/$name.out" 2>&1; then
        echo "ok - unit/$name"
        sed 's/^/    /' "$tmp/$name.out"
    else
        status=$?
        echo "not ok - unit/$name (exit status $status)"
        sed 's/^/    /' "$tmp/$name.out"
        fail=1
    fi
done
# Misuse that must not compile (tests/unit/compile-fail/*.c): each must fail to build, and with
# an error from the compiler, not a link error.
for src in "$here"/compile-fail/*.c; do
    name=$(basename "$src" .c)
    count=$((count + 1))
    # shellcheck disable=SC2086
    if "$cc" -std=gnu11 $cflags -Wall -Wextra -Werror -I"$root/include" -c "$src" \
        -o "$tmp/$name.o" > "$tmp/$name.build" 2>&1; then
        echo "not ok - unit/compile-fail/$name (it compiled: $(sed -n 's|^/\* compile-fail: \(.*\) \*/|\1|p' "$src"))"
        fail=1
    elif grep -q "error" "$tmp/$name.build"; then
        echo "ok - unit/compile-fail/$name"
    else
        echo "not ok - unit/compile-fail/$name (no compiler error)"
        sed 's/^/    /' "$tmp/$name.build"
        fail=1
    fi
done
# A frame in a shared library (tests/unit/shlib): lib.c built as a .so, main.c linked with it
# and libgort.a; the crash trace must name both modules' functions with their source files.
count=$((count + 1))
# shellcheck disable=SC2086
if "$cc" -std=gnu11 $cflags -g -fPIC -shared -Wall -Wextra -Werror -I"$root/include" \
        "$here/shlib/lib.c" -o "$tmp/libtbshlib.so" > "$tmp/shlib.build" 2>&1 &&
    "$cc" -std=gnu11 $cflags -g -Wall -Wextra -Werror -I"$root/include" "$here/shlib/main.c" \
        "$tmp/libtbshlib.so" "$lib" -ldw -lelf -lpthread -Wl,-rpath,"$tmp" -o "$tmp/shlib" \
        >> "$tmp/shlib.build" 2>&1; then
    "$tmp/shlib" > /dev/null 2> "$tmp/shlib.err"
    status=$?
    frames=$(grep -v '^[[:space:]]' "$tmp/shlib.err" | sed -n '/^goroutine 1/,$p' | tr '\n' ' ')
    want="goroutine 1 [running]: shlib_panics(...) callback(...) shlib_calls(...) main(...) "
    if [ $status -eq 2 ] && [ "$frames" = "$want" ] &&
        grep -q "^	$here/shlib/lib.c:7 +0x" "$tmp/shlib.err"; then
        echo "ok - unit/shlib (a shared library's frames, with its source lines)"
    else
        echo "not ok - unit/shlib (status $status)"
        sed 's/^/    /' "$tmp/shlib.err"
        fail=1
    fi
else
    echo "not ok - unit/shlib (does not build)"
    sed 's/^/    /' "$tmp/shlib.build"
    fail=1
fi
if [ $fail -eq 0 ]; then
    echo "unit: $count programs ok ($cc $cflags)"
else
    echo "unit: FAILED ($cc $cflags)"
fi
exit $fail
