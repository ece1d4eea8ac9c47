#!/usr/bin/env bash
# tools/build-deps.sh — makes sure what building libgort needs beyond a C compiler is here:
# elfutils' libdw and libelf headers (symbolized tracebacks, the trace exporter). Installs them
# with apt-get when missing (as root, or through sudo); otherwise says what to install.
set -euo pipefail
have() { echo "#include <$1>" | ${CC:-cc} -E -x c - >/dev/null 2>&1; }
if have elfutils/libdwfl.h && have libelf.h; then exit 0; fi
pkgs="libdw-dev libelf-dev"
echo "gort: installing $pkgs (elfutils, for symbolized tracebacks)" >&2
if [ "$(id -u)" = 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $pkgs >/dev/null ||
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $pkgs >/dev/null; }
elif command -v sudo >/dev/null; then
  sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $pkgs >/dev/null
else
  echo "gort: cannot install $pkgs (not root, no sudo): install them, then run make again" >&2
  exit 1
fi
