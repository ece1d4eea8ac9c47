#!/usr/bin/env bash
# Checks the stress test's model of Go's rules against real Go 1.23: the same random programs are
# printed as a Go program (stress --go) and run; its event logs must equal the model's
# (stress --model). Needs no gort library (built with -DSTRESS_MODEL_ONLY).
#
#   tests/stress/check-model.sh [BATCHES [COUNT [SEED]]]    (default 4 batches of 1500, seed 1)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
batches=${1:-4}
count=${2:-1500}
seed=${3:-1}
GO=${GO:-/usr/lib/go-1.23/bin/go}
CC=${CC:-cc}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gort-stress-model.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export GOCACHE=${GOCACHE:-$tmp/gocache} GOFLAGS=-mod=mod GO111MODULE=on
"$CC" -std=gnu11 -O2 -Wall -Wextra -Werror -DSTRESS_MODEL_ONLY -I"$root/include" \
    "$here/stress.c" -o "$tmp/stress-model"
printf 'module stressmodel\n\ngo 1.23\n' > "$tmp/go.mod"
fail=0
for ((b = 0; b < batches; b++)); do
    t=$((b % 8))
    from=$((b / 8 * count))
    # Goexit programs every 10th sequence here (1 in 1000 in the stress run) to cover them well.
    "$tmp/stress-model" --go -s "$seed" -t "$t" -i "$from" -c "$count" -x 10 > "$tmp/main.go"
    "$tmp/stress-model" --model -s "$seed" -t "$t" -i "$from" -c "$count" -x 10 > "$tmp/model.txt"
    (cd "$tmp" && "$GO" build -o prog . && ./prog > go.txt)
    if cmp -s "$tmp/model.txt" "$tmp/go.txt"; then
        echo "ok - model = Go 1.23: seed $seed thread $t sequences $from..$((from + count - 1))"
    else
        echo "not ok - model != Go 1.23: seed $seed thread $t sequences $from..$((from + count - 1))"
        diff "$tmp/model.txt" "$tmp/go.txt" | head -10
        fail=1
    fi
done
exit $fail
