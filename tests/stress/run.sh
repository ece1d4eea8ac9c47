#!/usr/bin/env bash
# Builds and runs the stress tests (stress.c, goroutines.c, chan_stress.c) against one library
# build.
#   tests/stress/run.sh CC "CFLAGS" path/to/libgort.a SEQUENCES_PER_THREAD
set -uo pipefail
cc=$1 cflags=$2 lib=$3 n=${4:-1000000}
here=$(cd "$(dirname "$0")" && pwd)
out=$(dirname "$lib")/stress
# shellcheck disable=SC2086
if ! $cc $cflags -std=gnu11 -g -Wall -Wextra -Werror -I "$here/../../include" "$here/stress.c" "$lib" \
     -ldw -lelf -lpthread -o "$out"; then
  echo "not ok - stress build ($cc $cflags)"; exit 1
fi
status=0
if "$out" "$n"; then echo "ok - stress: 8 threads x $n sequences ($cc $cflags)"
else echo "not ok - stress: 8 threads x $n sequences ($cc $cflags)"; status=1; fi
# Goroutines: 10^5 (at most n) goroutines with random panics, recovers and Goexits on 1 and 2
# workers (goroutines.c).
# shellcheck disable=SC2086
if ! $cc $cflags -std=gnu11 -g -Wall -Wextra -Werror -I "$here/../../include" "$here/goroutines.c" \
     "$lib" -ldw -lelf -lpthread -o "$out-goroutines"; then
  echo "not ok - goroutine stress build ($cc $cflags)"; exit 1
fi
if "$out-goroutines" "$n"; then echo "ok - goroutine stress: $n goroutines x 3 rounds ($cc $cflags)"
else echo "not ok - goroutine stress ($cc $cflags)"; status=1; fi
# Channels: 10^5 goroutines in ping-pong with panics and recovers, on 1 and 2 workers
# (chan_stress.c): SEQUENCES / 20 pairs, 1000 to 50000 (10^5 goroutines in run-all's gcc -O2).
# shellcheck disable=SC2086
if ! $cc $cflags -std=gnu11 -g -Wall -Wextra -Werror -I "$here/../../include" "$here/chan_stress.c" \
     "$lib" -ldw -lelf -lpthread -o "$out-chan"; then
  echo "not ok - chan stress build ($cc $cflags)"; exit 1
fi
pairs=$((n / 20)); [ $pairs -gt 50000 ] && pairs=50000; [ $pairs -lt 1000 ] && pairs=1000
if "$out-chan" "$pairs" 10; then echo "ok - chan stress: $((2 * pairs)) goroutines ($cc $cflags)"
else echo "not ok - chan stress: $((2 * pairs)) goroutines ($cc $cflags)"; status=1; fi
exit $status
