#!/usr/bin/env bash
# Crash reports without debug info (issue 3): each frame is `module+0xOFF`, and
# `addr2line -f -i -e <the unstripped module> 0xOFF` must name the frame's function and the
# line of its call, in the executable and in a shared library.
#
#   tests/addr2line/run.sh CC CFLAGS LIBGORT_A
#
# Builds tests/unit/shlib (a program and a shared library it calls, which calls back and
# panics) with -g, keeps those copies, runs stripped copies (strip: no DWARF, no .symtab) and
# resolves every frame of the two modules in the crash output against the unstripped ones.
# The program's frames must come out in order as shlib_panics, callback, shlib_calls, main, each
# at the line of the call in it (read from the sources, so editing them moves the expectation);
# every other frame of the two modules must resolve to a function, the one printed if a name
# was printed (from the dynamic symbol table). Prints `ok - ...` / `not ok - ...`; exits 1 on
# failure.
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
shlib=$root/tests/unit/shlib
case $lib in /*) ;; *) lib=$PWD/$lib ;; esac
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gort-addr2line.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/dbg" "$tmp/run"
fail() {
    echo "not ok - addr2line: $1"
    [ -f "$tmp/out" ] && sed 's/^/    /' "$tmp/out"
    exit 1
}

# shellcheck disable=SC2086 # CFLAGS is a list of flags. The soname: the stripped program
# must load the stripped library beside it ($ORIGIN), not the path it was linked with.
"$cc" -std=gnu11 $cflags -g -fPIC -shared -Wl,-soname,libtbshlib.so -Wall -Wextra -Werror -I"$root/include" \
    "$shlib/lib.c" -o "$tmp/dbg/libtbshlib.so" > "$tmp/build" 2>&1 &&
    "$cc" -std=gnu11 $cflags -g -Wall -Wextra -Werror -I"$root/include" "$shlib/main.c" \
        "$tmp/dbg/libtbshlib.so" "$lib" -ldw -lelf -lpthread -Wl,-rpath,'$ORIGIN' \
        -o "$tmp/dbg/main" >> "$tmp/build" 2>&1 ||
    { cat "$tmp/build" > "$tmp/out"; fail "does not build"; }
strip -o "$tmp/run/main" "$tmp/dbg/main" && strip -o "$tmp/run/libtbshlib.so" "$tmp/dbg/libtbshlib.so" ||
    fail "strip failed"

"$tmp/run/main" > "$tmp/out" 2>&1
status=$?
[ $status = 2 ] || fail "exit status $status, want 2"
grep -q '^panic: from the library: 7$' "$tmp/out" || fail "no panic line"
grep -q '\.c:[0-9]' "$tmp/out" && fail "a frame has a source position: the stripped modules have no debug info"

# Expected: each program function with the line of the call in it.
line_of() { grep -n -F "$2" "$1" | head -1 | cut -d: -f1; }
want="shlib_panics lib.c:$(line_of "$shlib/lib.c" 'go_panicf(')
callback main.c:$(line_of "$shlib/main.c" 'shlib_panics(7)')
shlib_calls lib.c:$(line_of "$shlib/lib.c" 'fn();')
main main.c:$(line_of "$shlib/main.c" 'shlib_calls(callback)')"

got=""
frames=0
printed=""
while IFS= read -r l; do
    case $l in
    $'\t'*)
        pos=${l#$'\t'}
        mod=${pos%+0x*}
        off=0x${pos##*+0x}
        case $mod in
        "$tmp/run/main") dbg=$tmp/dbg/main ;;
        "$tmp/run/libtbshlib.so") dbg=$tmp/dbg/libtbshlib.so ;;
        *) printed=""; continue ;;
        esac
        frames=$((frames + 1))
        # -i: the inlined calls at OFF, innermost first; the last pair is the function itself.
        a2l=$(addr2line -f -i -e "$dbg" "$off")
        fn=$(printf '%s\n' "$a2l" | tail -2 | head -1)
        at=$(printf '%s\n' "$a2l" | tail -1 | sed 's/ (discriminator [0-9]*)$//')
        [ "$fn" = "??" ] && fail "frame $mod+$off: addr2line knows no function there"
        if [ -n "$printed" ] && [ "$printed" != "?" ] && [ "$printed" != "$fn" ]; then
            fail "frame printed as $printed, addr2line says $fn ($mod+$off)"
        fi
        case $fn in
        shlib_panics | callback | shlib_calls | main) got+="$fn ${at##*/}"$'\n' ;;
        esac
        printed=""
        ;;
    *"(...)") printed=${l%(...)} ;;
    *) printed="" ;;
    esac
done < "$tmp/out"
got=${got%$'\n'}
# GCC's LTO units: addr2line (binutils 2.40) names their files <artificial>; the function and
# the line are still checked.
if [[ $cflags == *-flto* ]]; then
    mapfile -t w <<< "$want"
    mapfile -t g <<< "$got"
    for i in "${!g[@]}"; do
        [ "${g[$i]}" = "${w[$i]%% *} <artificial>:${w[$i]##*:}" ] && g[i]=${w[$i]}
    done
    got=$(printf '%s\n' "${g[@]}")
fi
[ "$got" = "$want" ] || fail "$(printf 'want:\n%s\ngot:\n%s' "$want" "$got")"
echo "ok - addr2line: $frames raw frames of a stripped program and its shared library resolve to their functions and call lines"
