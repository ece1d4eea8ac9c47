#!/usr/bin/env bash
# tests/package/run.sh — end-to-end test of gort's build, `make install` and what it installs.
#
#   tests/package/run.sh            (KEEP=1 keeps the scratch directory and prints its path)
#
# 1. Builds the libraries into a scratch directory (make BUILD=...) and installs them three
#    ways: staged (DESTDIR=<tmp>/root PREFIX=/usr/local), into a prefix with a multiarch LIBDIR,
#    and into a prefix with INCDIR outside it.
# 2. Checks the installed tree: files, modes, symlinks, pkg-config and CMake files, no DESTDIR
#    path leaked into them.
# 3. Builds tests/package/consumer.c with `pkg-config --cflags --libs gort`, with
#    `pkg-config --static` (a static executable), with clang, and with CMake
#    (tests/package/cmake: find_package(gort CONFIG REQUIRED), gort::gort and
#    gort::gort_static); runs each and compares its output. The CMake package and the
#    pkg-config file are also used after moving the installed prefix elsewhere.
# 4. Checks libgort.so: SONAME, exported symbols (only go_* and gort__*, and every function and
#    variable gort.h declares), no executable stack, no text relocations; and that libgort.a
#    defines no global symbol outside gort's namespace. The one deliberate exception, in both:
#    the C library's jumps (longjmp, _longjmp, siglongjmp, __longjmp_chk), which gort defines
#    to check them and passes on (src/longjmp.c).
#
# Prints one line per check, "ok - ..." or "not ok - ..." (TAP), and exits 1 if any failed.
# Uses CC (default cc), make, pkg-config, cmake, readelf, nm; clang if present.
#
# Functions below are often run through check(), which shellcheck cannot follow:
# shellcheck disable=SC2317
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
CC=${CC:-cc}
export CC
MAKE=${MAKE:-make}
# What an installed package is built with: no sanitizer (a sanitized library cannot go into a
# static executable), nothing left over from the caller's environment.
unset SAN DESTDIR PKG_CONFIG_PATH PKG_CONFIG_SYSROOT_DIR LD_LIBRARY_PATH CMAKE_PREFIX_PATH gort_DIR

tmp=$(mktemp -d "${TMPDIR:-/tmp}/gort-package.XXXXXX") || exit 1
if [ "${KEEP:-0}" = 1 ]; then
    echo "# scratch directory: $tmp"
else
    trap 'rm -rf "$tmp"' EXIT
fi

checks=0
failures=0
pass() {
    checks=$((checks + 1))
    echo "ok - $1"
}
fail() {
    checks=$((checks + 1))
    failures=$((failures + 1))
    echo "not ok - $1"
    if [ $# -gt 1 ] && [ -n "$2" ]; then
        printf '%s\n' "$2" | tail -n 25 | sed 's/^/#   /'
    fi
}
# check DESCRIPTION COMMAND...: runs COMMAND; its output is shown only when it fails.
check() {
    local desc=$1 out
    shift
    if out=$("$@" 2>&1); then
        pass "$desc"
    else
        fail "$desc" "$out"
    fi
}
# same DESCRIPTION EXPECTED ACTUAL
same() {
    if [ "$2" = "$3" ]; then
        pass "$1"
    else
        fail "$1" "expected: $2
actual:   $3"
    fi
}
skip() {
    checks=$((checks + 1))
    echo "ok - $1 # SKIP $2"
}
finish() {
    echo "1..$checks"
    if [ "$failures" -ne 0 ]; then
        echo "# $failures of $checks checks failed"
        exit 1
    fi
    exit 0
}
bail() {
    fail "$@"
    echo "Bail out! the rest of the test needs this step"
    finish
}

version=$(sed -n 's/^VERSION[[:space:]]*:=[[:space:]]*//p' "$top/Makefile")
soname=$(sed -n 's/^SONAME[[:space:]]*:=[[:space:]]*//p' "$top/Makefile")
realname=libgort.so.$version
build=$tmp/build
lib=$build/libgort.so

# The line consumer.c prints (its version comes from gort.h, which must agree with the Makefile).
expected="gort $version goroutine 1: risky(42) = -7, recovered \"boom 42\", deferred \"1+r\", adds 42, jumps 1 5"

# run_consumer DESCRIPTION BINARY [VAR=VALUE...]: runs BINARY (all symbols bound at load time,
# so an undefined symbol in libgort.so fails here) and compares its output.
run_consumer() {
    local desc=$1 bin=$2 out
    shift 2
    if out=$(env LD_BIND_NOW=1 "$@" "$bin" 2>&1); then
        same "$desc" "$expected" "$out"
    else
        fail "$desc (exit status $?)" "$out"
    fi
}

# needs BINARY: the shared libraries BINARY needs, space-separated.
needs() {
    LC_ALL=C readelf -d "$1" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' '
}

# ---------------------------------------------------------------------------------------------
# 1. Build and install.

if out=$("$MAKE" -C "$top" BUILD="$build" 2>&1) && [ -f "$build/libgort.a" ] && [ -f "$lib" ]; then
    pass "make BUILD=<tmp>/build builds libgort.a and libgort.so"
else
    bail "make BUILD=<tmp>/build builds libgort.a and libgort.so" "$out"
fi

root=$tmp/root
usr=$root/usr/local
if out=$("$MAKE" -C "$top" install DESTDIR="$root" PREFIX=/usr/local BUILD="$build" 2>&1); then
    pass "make install DESTDIR=<tmp>/root PREFIX=/usr/local"
else
    bail "make install DESTDIR=<tmp>/root PREFIX=/usr/local" "$out"
fi

pre=$tmp/prefix
arch=$("$CC" -print-multiarch 2>/dev/null)
multi=$pre/lib/${arch:-x86_64-linux-gnu}
install_multi() {
    "$MAKE" -C "$top" install DESTDIR= PREFIX="$pre" LIBDIR="$multi" BUILD="$build"
}
check "make install PREFIX=<tmp>/prefix LIBDIR=<tmp>/prefix/${multi#"$pre"/}" install_multi
check "make install again over the same tree" install_multi

p3=$tmp/p3
check "make install PREFIX=<tmp>/p3 INCDIR=<tmp>/inc3 (headers outside the prefix)" \
    "$MAKE" -C "$top" install DESTDIR= PREFIX="$p3" INCDIR="$tmp/inc3" BUILD="$build"

# ---------------------------------------------------------------------------------------------
# 2. The installed tree.

layout() {
    local d=$1 inc=$2 f
    cmp "$top/include/gort.h" "$inc/gort.h" || return 1
    for f in "$inc/gort.h" "$d/libgort.a" "$d/$realname" "$d/pkgconfig/gort.pc" \
        "$d/cmake/gort/gortConfig.cmake" "$d/cmake/gort/gortConfigVersion.cmake"; do
        if [ ! -f "$f" ] || [ -L "$f" ]; then
            echo "missing or not a regular file: $f"
            return 1
        fi
        [ "$(stat -c %a "$f")" = 644 ] || { echo "mode $(stat -c %a "$f"), not 644: $f"; return 1; }
    done
    cmp "$build/libgort.a" "$d/libgort.a" || return 1
    cmp "$lib" "$d/$realname" || return 1
    for f in "$soname" libgort.so; do
        [ -L "$d/$f" ] || { echo "not a symlink: $d/$f"; return 1; }
        [ "$(readlink "$d/$f")" = "$realname" ] ||
            { echo "$d/$f -> $(readlink "$d/$f"), not $realname"; return 1; }
    done
}
check "staged tree: headers, libgort.a, $realname, $soname and libgort.so -> $realname, .pc, CMake files (mode 644)" \
    layout "$usr/lib" "$usr/include"
check "multiarch tree has the same layout" layout "$multi" "$pre/include"
check "tree with outside INCDIR has the same layout" layout "$p3/lib" "$tmp/inc3"

leaks=$(grep -rl -- "$root" "$root" 2>/dev/null)
same "no installed file mentions the DESTDIR path" "" "$leaks"

pcvar() { sed -n "s/^$2=//p" "$1"; }
# shellcheck disable=SC2016 # ${prefix} and ${exec_prefix} are meant literally
same "gort.pc (staged) prefix, libdir, includedir" \
    '/usr/local ${exec_prefix}/lib ${prefix}/include' \
    "$(pcvar "$usr/lib/pkgconfig/gort.pc" prefix) $(pcvar "$usr/lib/pkgconfig/gort.pc" libdir) $(pcvar "$usr/lib/pkgconfig/gort.pc" includedir)"
same "gort.pc (multiarch) libdir and includedir relative to \${prefix}" \
    "\${exec_prefix}/${multi#"$pre"/} \${prefix}/include" \
    "$(pcvar "$multi/pkgconfig/gort.pc" libdir) $(pcvar "$multi/pkgconfig/gort.pc" includedir)"
same "gort.pc (outside INCDIR) includedir is absolute" "$tmp/inc3" \
    "$(pcvar "$p3/lib/pkgconfig/gort.pc" includedir)"

# ---------------------------------------------------------------------------------------------
# 3. Consumers.

cd "$tmp" || exit 1
src=$here/consumer.c

# pkg-config on the staged tree, through the sysroot.
pc_root() {
    PKG_CONFIG_LIBDIR=$usr/lib/pkgconfig PKG_CONFIG_SYSROOT_DIR=$root pkg-config "$@"
}
# words COMMAND...: COMMAND's output with blanks collapsed (pkgconf ends its output with one).
words() {
    local w
    w=$("$@" 2>&1 | tr -s ' \t\n' '   ')
    w=${w% }
    printf '%s\n' "${w# }"
}
same "pkg-config --modversion gort" "$version" "$(pc_root --modversion gort 2>&1)"
if pkg-config --help 2>&1 | grep -q -- --validate; then
    check "pkg-config --validate gort" pc_root --validate gort
else
    skip "pkg-config --validate gort" "this pkg-config has no --validate"
fi
same "pkg-config --cflags --libs gort" "-I$usr/include -L$usr/lib -lgort" \
    "$(words pc_root --cflags --libs gort)"
same "pkg-config --static --libs gort adds libdw's libraries and -lpthread" \
    "-L$usr/lib -lgort -ldw -lelf -lbz2 -llzma -lz -lpthread" \
    "$(words pc_root --static --libs gort)"

# shellcheck disable=SC2046 # pkg-config's output is meant to be split into words
if out=$("$CC" -std=c11 -O2 -Wall -Wextra -Werror "$src" $(pc_root --cflags --libs gort) \
    -o consumer-pc 2>&1); then
    pass "$CC -std=c11 -Wall -Wextra -Werror consumer.c \$(pkg-config --cflags --libs gort)"
    same "consumer (pkg-config) needs $soname" "yes" \
        "$(case " $(needs consumer-pc)" in *" $soname "*) echo yes ;; *) needs consumer-pc ;; esac)"
    run_consumer "consumer (pkg-config, shared) runs with LD_LIBRARY_PATH" ./consumer-pc \
        LD_LIBRARY_PATH="$usr/lib"
else
    fail "$CC -std=c11 -Wall -Wextra -Werror consumer.c \$(pkg-config --cflags --libs gort)" "$out"
fi

# shellcheck disable=SC2046
if out=$("$CC" -static -O2 "$src" $(pc_root --static --cflags --libs gort) \
    -o consumer-pc-static 2>&1); then
    pass "$CC -static consumer.c \$(pkg-config --static --cflags --libs gort)"
    same "consumer (pkg-config --static) needs no shared library" "" "$(needs consumer-pc-static)"
    run_consumer "consumer (pkg-config --static) runs" ./consumer-pc-static
else
    fail "$CC -static consumer.c \$(pkg-config --static --cflags --libs gort)" "$out"
fi

if command -v clang >/dev/null 2>&1; then
    # shellcheck disable=SC2046
    if out=$(clang -std=c11 -O2 -Wall -Wextra -Werror "$src" $(pc_root --cflags --libs gort) \
        -o consumer-clang 2>&1); then
        pass "clang -std=c11 -Wall -Wextra -Werror consumer.c \$(pkg-config --cflags --libs gort)"
        run_consumer "consumer (clang, shared) runs" ./consumer-clang LD_LIBRARY_PATH="$usr/lib"
    else
        fail "clang -std=c11 -Wall -Wextra -Werror consumer.c \$(pkg-config --cflags --libs gort)" \
            "$out"
    fi
else
    skip "clang consumer" "clang not installed"
fi

# cmake_consumer NAME PREFIX [TARGET]: configures tests/package/cmake against PREFIX into
# <tmp>/NAME, checks which gortConfig.cmake was used, and builds TARGET (default: all).
cmake_consumer() {
    local name=$1 prefix=$2 target=${3:-all} out dir
    if ! out=$(cmake -S "$here/cmake" -B "$tmp/$name" -DCMAKE_PREFIX_PATH="$prefix" \
        -DCMAKE_BUILD_TYPE=Release -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF 2>&1); then
        fail "cmake configure ($name): find_package(gort CONFIG REQUIRED) with CMAKE_PREFIX_PATH" "$out"
        return 1
    fi
    dir=$(printf '%s\n' "$out" | sed -n 's/^-- gort .* found in //p')
    case $dir in
    "$prefix"/*) pass "cmake configure ($name): find_package(gort) finds $version in ${dir#"$tmp"/}" ;;
    *) fail "cmake configure ($name): find_package(gort) used $prefix" "$out"; return 1 ;;
    esac
    if out=$(cmake --build "$tmp/$name" --target "$target" 2>&1); then
        pass "cmake --build ($name, target $target)"
    else
        fail "cmake --build ($name, target $target)" "$out"
        return 1
    fi
}

if command -v cmake >/dev/null 2>&1; then
    if cmake_consumer cmake-staged "$usr"; then
        same "consumer (CMake, gort::gort) needs $soname" "yes" \
            "$(case " $(needs cmake-staged/consumer_shared)" in *" $soname "*) echo yes ;;
               *) needs cmake-staged/consumer_shared ;; esac)"
        # The build tree's RPATH names the imported library's directory: no LD_LIBRARY_PATH.
        run_consumer "consumer (CMake, gort::gort) runs" cmake-staged/consumer_shared
        same "consumer (CMake, gort::gort_static) does not need libgort" "no" \
            "$(case " $(needs cmake-staged/consumer_static)" in *" libgort"*) echo yes ;; *) echo no ;; esac)"
        run_consumer "consumer (CMake, gort::gort_static) runs" cmake-staged/consumer_static
    fi
    if cmake_consumer cmake-multi "$pre" consumer_shared; then
        run_consumer "consumer (CMake, multiarch LIBDIR) runs" cmake-multi/consumer_shared
    fi
    if cmake_consumer cmake-p3 "$p3" consumer_shared; then
        run_consumer "consumer (CMake, outside INCDIR) runs" cmake-p3/consumer_shared
    fi
else
    fail "cmake is installed (run .ci/install-deps)"
fi

# Relocation: move the multiarch prefix, then use it through pkg-config and CMake.
moved=$tmp/moved
if mv "$pre" "$moved"; then
    same "moved prefix: pkg-config --define-variable=prefix=<new> --cflags --libs gort" \
        "-I$moved/include -L$moved/${multi#"$pre"/} -lgort" \
        "$(words env PKG_CONFIG_LIBDIR="$moved/${multi#"$pre"/}/pkgconfig" \
            pkg-config --define-variable=prefix="$moved" --cflags --libs gort)"
    if command -v cmake >/dev/null 2>&1 &&
        cmake_consumer cmake-moved "$moved" consumer_shared; then
        run_consumer "consumer (CMake, moved prefix) runs" cmake-moved/consumer_shared
    fi
else
    fail "mv <tmp>/prefix <tmp>/moved"
fi

# gortConfigVersion.cmake's answers, as find_package would ask them (the variables it sets from
# the request), in script mode.
cat >find-version.cmake <<'EOF'
# -DREQ="<version>" or "<min>...<max>" or "" (no version): prints "<COMPATIBLE>/<EXACT>".
if(REQ MATCHES "^(.+)[.][.][.](<?)(.+)$")
  set(PACKAGE_FIND_VERSION_RANGE "${REQ}")
  set(PACKAGE_FIND_VERSION_RANGE_MIN INCLUDE)
  set(PACKAGE_FIND_VERSION_MIN "${CMAKE_MATCH_1}")
  set(PACKAGE_FIND_VERSION_MAX "${CMAKE_MATCH_3}")
  if(CMAKE_MATCH_2)
    set(PACKAGE_FIND_VERSION_RANGE_MAX EXCLUDE)
  else()
    set(PACKAGE_FIND_VERSION_RANGE_MAX INCLUDE)
  endif()
  set(REQ "${PACKAGE_FIND_VERSION_MIN}")
endif()
set(PACKAGE_FIND_VERSION "${REQ}")
if(NOT REQ STREQUAL "")
  string(REGEX MATCHALL "[0-9]+" parts "${REQ}.0.0.0")
  list(GET parts 0 PACKAGE_FIND_VERSION_MAJOR)
  list(GET parts 1 PACKAGE_FIND_VERSION_MINOR)
  list(GET parts 2 PACKAGE_FIND_VERSION_PATCH)
endif()
set(CMAKE_SIZEOF_VOID_P "${SIZEOF_VOID_P}")
include("${FILE}")
if(PACKAGE_VERSION_UNSUITABLE)
  message("unsuitable")
elseif(PACKAGE_VERSION_COMPATIBLE)
  if(PACKAGE_VERSION_EXACT)
    message("exact")
  else()
    message("yes")
  endif()
else()
  message("no")
endif()
EOF
# version_answer REQUEST [SIZEOF_VOID_P]
version_answer() {
    cmake -DFILE="$usr/lib/cmake/gort/gortConfigVersion.cmake" -DREQ="$1" \
        -DSIZEOF_VOID_P="${2:-8}" -P find-version.cmake 2>&1
}
if command -v cmake >/dev/null 2>&1; then
    IFS=. read -r vmaj vmin _ <<<"$version"
    reqs=("" "$vmaj" "$vmaj.$vmin" "$version" "$vmaj.$((vmin + 1))" "$((vmaj + 1))"
        "$vmaj.$vmin...$((vmaj + 1))" "$vmaj.$((vmin + 1))...$((vmaj + 1))" "$vmaj.0...<$version")
    if [ "$vmaj" = 0 ]; then
        # 0.x: a request for another minor version (0.0, 0.2) is not compatible.
        want="yes no yes exact no no yes no no"
    else
        want="yes yes yes exact no no yes no no"
    fi
    got=
    desc=
    for r in "${reqs[@]}"; do
        got="$got $(version_answer "$r")"
        desc="$desc, ${r:-(none)}"
    done
    same "gortConfigVersion.cmake answers requests ${desc#, }" "$want" "${got# }"
    same "gortConfigVersion.cmake: a 32-bit project finds gort unsuitable" "unsuitable" \
        "$(version_answer "" 4)"
fi

# ---------------------------------------------------------------------------------------------
# 4. The libraries.

same "libgort.so SONAME is $soname" "$soname" \
    "$(LC_ALL=C readelf -d "$lib" | sed -n 's/.*Library soname: \[\(.*\)\].*/\1/p')"

# src/longjmp.c: gort's own longjmp family, which checks each jump and passes it on.
jumps='^(longjmp|_longjmp|siglongjmp|__longjmp_chk)$'
exports=$(nm -D --defined-only "$lib" | awk 'NF >= 3 { sub(/@.*/, "", $3); print $3 }' | sort -u)
if [ -z "$exports" ]; then
    fail "libgort.so exports symbols" "nm -D --defined-only found none"
else
    strays=$(printf '%s\n' "$exports" | grep -Ev '^(go_|gort__|gort_dump$)' | grep -Ev "$jumps")
    same "libgort.so exports only go_* and gort__* symbols (and gort_dump, for debuggers; the C library's jumps, checked) ($(printf '%s\n' "$exports" | wc -l) exported)" \
        "" "$(printf '%s\n' "$strays" | tr '\n' ' ' | sed 's/ $//')"
fi

# What gort.h declares: external functions (gcc -aux-info lists every prototype with its origin)
# and external variables (extern declarations without a parameter list).
declared=
if command -v gcc >/dev/null 2>&1 &&
    printf '#include <gort.h>\n#include <gort/trace.h>\n' >aux.c && gcc -std=gnu11 -I"$top/include" -aux-info aux.txt -c aux.c -o aux.o 2>/dev/null; then
    funcs=$(grep -E '/gort(\.h|/[a-z_]+\.h):[0-9]*:.C \*/ extern ' aux.txt |
        sed -E 's@^/\*[^*]*\*/ extern @@; s/^([^(]*[ *])?([A-Za-z_][A-Za-z0-9_]*) \(.*/\2/')
    vars=$(awk '/^extern[ \t]/ && !/\(/ { s = ""; collecting = 1 }
                collecting { s = s " " $0; if (index($0, ";")) { print s; collecting = 0 } }' \
        "$top/include/gort.h" "$top"/include/gort/*.h |
        sed -E 's/^ *extern[ \t]+(const[ \t]+)?(struct[ \t]+|enum[ \t]+)?[A-Za-z_][A-Za-z0-9_]*[ \t]+//; s/;.*//' |
        tr ',' '\n' | sed -E 's/[ \t*]//g; s/\[.*//' | grep -E '^[A-Za-z_]')
    declared=$(printf '%s\n%s\n' "$funcs" "$vars" | grep -v '^$' | sort -u)
fi
if [ -n "$declared" ] && [ -n "$exports" ]; then
    missing=$(comm -23 <(printf '%s\n' "$declared") <(printf '%s\n' "$exports"))
    same "libgort.so exports every function and variable gort.h declares ($(printf '%s\n' "$declared" | wc -l))" \
        "" "$(printf '%s\n' "$missing" | tr '\n' ' ' | sed 's/ $//')"
    extra=$(comm -13 <(printf '%s\n' "$declared") <(printf '%s\n' "$exports"))
    same "libgort.so exports no go_* symbol that gort.h does not declare" "" \
        "$(printf '%s\n' "$extra" | grep '^go_' | tr '\n' ' ' | sed 's/ $//')"
    internal=$(printf '%s\n' "$extra" | grep '^gort__' | tr '\n' ' ' | sed 's/ $//')
    [ -z "$internal" ] || echo "# note: exported but not declared in gort.h: $internal"
else
    skip "libgort.so exports every function and variable gort.h declares" "gcc -aux-info unavailable"
fi

stack=$(LC_ALL=C readelf -lW "$lib" | awk '$1 == "GNU_STACK" { print $(NF - 1) }')
same "libgort.so does not ask for an executable stack (GNU_STACK flags)" "RW" "${stack:-<no GNU_STACK: executable>}"

textrel=$(LC_ALL=C readelf -d "$lib" | grep -E 'TEXTREL|FLAGS.*TEXTREL')
same "libgort.so has no text relocations" "" "$textrel"

echo "# libgort.so needs: $(needs "$lib")"

# A static archive has no visibility: every global symbol it defines enters the program's
# namespace, so all must be gort's own (go_*, gort_*).
aglobals=$(nm -g --defined-only "$build/libgort.a" 2>/dev/null |
    awk 'NF >= 3 && $2 ~ /^[A-TV-Z]$/ { print $3 }' | sort -u)
same "libgort.a defines no global symbol outside go_* and gort_* (but the checked jumps)" "" \
    "$(printf '%s\n' "$aglobals" | grep -Ev '^(go_|gort_)' | grep -Ev "$jumps" | grep -v '^$' | tr '\n' ' ' | sed 's/ $//')"

finish
