#!/bin/sh
# install.sh — installs gort: headers, libraries, a pkg-config file and a CMake package.
#
#   tools/install.sh DESTDIR PREFIX LIBDIR INCDIR BUILD VERSION SONAME
#
# Called by `make install`. PREFIX, LIBDIR and INCDIR are the absolute paths the files will have
# at run time; DESTDIR (may be empty) is prepended to every path written, for staged installs.
# BUILD is the directory holding libgort.a and libgort.so. Installs:
#
#   $INCDIR/gort.h (and $INCDIR/gort/*.h when include/gort/ exists)
#   $LIBDIR/libgort.a
#   $LIBDIR/libgort.so.$VERSION, symlinks $LIBDIR/$SONAME and $LIBDIR/libgort.so to it
#   $LIBDIR/pkgconfig/gort.pc
#   $LIBDIR/cmake/gort/gortConfig.cmake, gortConfigVersion.cmake
#   $PREFIX/bin/gort-trace (when BUILD has it: the trace exporter, docs/trace.md)
#   $PREFIX/share/gdb/auto-load/$LIBDIR/libgort.so.$VERSION-gdb.py (tools/gdb/gort.py), which
#     gdb loads with libgort.so when that directory is in its auto-load path
#
# The pkg-config file names its directories through ${prefix} when they lie under PREFIX, so
# `pkg-config --define-prefix` / `--define-variable=prefix=...` relocate it. The CMake package
# finds the libraries and headers relative to its own location, so a moved tree still works.
#
# ${prefix}, ${exec_prefix} and ${CMAKE_CURRENT_LIST_DIR} below are written literally.
# shellcheck disable=SC2016
set -eu

die() {
    echo "install.sh: $*" >&2
    exit 1
}

[ $# -eq 7 ] || die "usage: install.sh DESTDIR PREFIX LIBDIR INCDIR BUILD VERSION SONAME"
destdir=$1
prefix=$2
libdir=$3
incdir=$4
build=$5
version=$6
soname=$7

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")

# Lexically normalised absolute path: collapses "//", "/./", "dir/..", drops a trailing "/".
normpath() {
    case $1 in
    /*) ;;
    *) die "not an absolute path: '$1' (PREFIX, LIBDIR and INCDIR must be absolute)" ;;
    esac
    _out=
    _old_ifs=$IFS
    IFS=/
    set -f
    for _c in $1; do
        case $_c in
        '' | .) ;;
        ..) _out=${_out%/*} ;;
        *) _out=$_out/$_c ;;
        esac
    done
    set +f
    IFS=$_old_ifs
    printf '%s\n' "${_out:-/}"
}

# Path of $2 relative to directory $1 (both normalised, absolute): "../../include".
relpath() {
    _from=$1
    _to=$2
    _up=
    while :; do
        case $_to/ in
        "$_from"/* | "${_from%/}"/*) break ;;
        esac
        _from=${_from%/*}
        _from=${_from:-/}
        _up=../$_up
    done
    _rest=${_to#"${_from%/}"}
    _rest=${_rest#/}
    _rel=$_up$_rest
    _rel=${_rel%/}
    printf '%s\n' "${_rel:-.}"
}

# True if path $2 is $1 or lies under it.
under() {
    [ "$1" = / ] && return 0
    case $2 in
    "$1" | "$1"/*) return 0 ;;
    esac
    return 1
}

# Escapes a replacement text for sed's s|...|...| command.
sed_escape() {
    printf '%s\n' "$1" | sed -e 's/[\\|&]/\\&/g'
}

# subst TEMPLATE OUTPUT NAME=VALUE... — replaces each @NAME@ of TEMPLATE by VALUE.
subst() {
    _tpl=$1
    _dst=$2
    shift 2
    _script=
    for _kv in "$@"; do
        _script="$_script
s|@${_kv%%=*}@|$(sed_escape "${_kv#*=}")|g"
    done
    sed -e "$_script" "$_tpl" >"$_dst.tmp"
    if grep -n '@[A-Z_][A-Z_]*@' "$_dst.tmp" >&2; then
        rm -f "$_dst.tmp"
        die "$_tpl: placeholder left unsubstituted (above)"
    fi
    install -m 0644 "$_dst.tmp" "$_dst"
    rm -f "$_dst.tmp"
}

prefix=$(normpath "$prefix")
libdir=$(normpath "$libdir")
incdir=$(normpath "$incdir")
case $version in
'' | *[!0-9.]* | .* | *. | *..*) die "bad VERSION '$version' (expected digits and dots, e.g. 0.1.0)" ;;
esac
case $soname in
libgort.so.*) ;;
*) die "bad SONAME '$soname' (expected libgort.so.N)" ;;
esac

static_lib=$build/libgort.a
shared_lib=$build/libgort.so
for f in "$top/include/gort.h" "$static_lib" "$shared_lib" "$here/gdb/gort.py" \
    "$here/gort.pc.in" "$here/gortConfig.cmake.in" "$here/gortConfigVersion.cmake.in"; do
    [ -f "$f" ] || die "missing $f"
done

# The symlink must name the library the dynamic linker will look for.
if command -v readelf >/dev/null 2>&1; then
    actual=$(LC_ALL=C readelf -d "$shared_lib" | sed -n 's/.*Library soname: \[\(.*\)\].*/\1/p')
    [ "$actual" = "$soname" ] ||
        die "$shared_lib has SONAME '${actual:-<none>}', but SONAME '$soname' was given"
fi

# Pointer size of the library, from the ELF class byte (1: 32-bit, 2: 64-bit); empty if unknown.
sizeof_void_p=
case $(od -An -tu1 -j4 -N1 "$shared_lib" 2>/dev/null | tr -d ' ') in
1) sizeof_void_p=4 ;;
2) sizeof_void_p=8 ;;
esac

realname=libgort.so.$version
d_inc=$destdir$incdir
d_lib=$destdir$libdir
d_pc=$d_lib/pkgconfig
d_cmake=$d_lib/cmake/gort

install -d -m 0755 "$d_inc" "$d_lib" "$d_pc" "$d_cmake"

# Headers.
install -m 0644 "$top/include/gort.h" "$d_inc/gort.h"
if [ -d "$top/include/gort" ]; then
    for h in "$top"/include/gort/*.h; do
        [ -f "$h" ] || continue
        install -d -m 0755 "$d_inc/gort"
        install -m 0644 "$h" "$d_inc/gort/${h##*/}"
    done
fi

# Libraries. Shared objects are not executable (Debian policy 8.1, as ldconfig does not care).
install -m 0644 "$static_lib" "$d_lib/libgort.a"
install -m 0644 "$shared_lib" "$d_lib/$realname"
if [ "$soname" != "$realname" ]; then
    ln -sfn "$realname" "$d_lib/$soname"
fi
ln -sfn "$realname" "$d_lib/libgort.so"

# pkg-config: directories under PREFIX are written through ${prefix}.
if [ "$prefix" = / ]; then
    pc_prefix=
else
    pc_prefix=$prefix
fi
if under "$prefix" "$libdir"; then
    pc_libdir='${exec_prefix}'${libdir#"$pc_prefix"}
else
    pc_libdir=$libdir
fi
if under "$prefix" "$incdir"; then
    pc_incdir='${prefix}'${incdir#"$pc_prefix"}
else
    pc_incdir=$incdir
fi
subst "$here/gort.pc.in" "$d_pc/gort.pc" \
    "PREFIX=$pc_prefix" "LIBDIR=$pc_libdir" "INCDIR=$pc_incdir" "VERSION=$version"

# CMake: the config file lives in $LIBDIR/cmake/gort, the libraries two levels up. The header
# directory is reached relatively when LIBDIR and INCDIR both lie under PREFIX (the tree moves as
# one); otherwise it is absolute.
cmake_dir=$libdir/cmake/gort
cm_libdir='${CMAKE_CURRENT_LIST_DIR}/'$(relpath "$cmake_dir" "$libdir")
if under "$prefix" "$libdir" && under "$prefix" "$incdir"; then
    cm_incdir='${CMAKE_CURRENT_LIST_DIR}/'$(relpath "$cmake_dir" "$incdir")
else
    cm_incdir=$incdir
fi
subst "$here/gortConfig.cmake.in" "$d_cmake/gortConfig.cmake" \
    "VERSION=$version" "SONAME=$soname" "REALNAME=$realname" \
    "CMAKE_LIBDIR=$cm_libdir" "CMAKE_INCDIR=$cm_incdir"
subst "$here/gortConfigVersion.cmake.in" "$d_cmake/gortConfigVersion.cmake" \
    "VERSION=$version" "SIZEOF_VOID_P=$sizeof_void_p"

# The trace exporter and the gdb extension. gdb looks for OBJFILE-gdb.py under its auto-load
# directory at OBJFILE's real path, which is $LIBDIR/$realname.
if [ -f "$build/gort-trace" ]; then
    install -d -m 0755 "$destdir$prefix/bin"
    install -m 0755 "$build/gort-trace" "$destdir$prefix/bin/gort-trace"
fi
d_gdb=$destdir$prefix/share/gdb/auto-load$libdir
install -d -m 0755 "$d_gdb"
install -m 0644 "$here/gdb/gort.py" "$d_gdb/$realname-gdb.py"

echo "installed gort $version: $d_inc/gort.h, $d_lib/{libgort.a,$realname,$soname,libgort.so}," \
    "$d_pc/gort.pc, $d_cmake/"
