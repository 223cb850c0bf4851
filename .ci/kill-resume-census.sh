#!/usr/bin/env bash
# Issue 7 acceptance: `mtl4j train` on census-income killed with SIGKILL at random moments (while reading, training,
# checkpointing or writing outputs) and continued with `mtl4j train --resume OUT` ends with exactly the tensors of an
# uninterrupted run (same seed and threads). Usage: .ci/kill-resume-census.sh [DATA_DIR] (KILLS=n, default 4).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${1:-$root/../shared/data/census-income-kdd}"
config="$root/examples/census-income-mmoe.yaml"
kills="${KILLS:-4}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"
if [ ! -f "$data/census-income.test.gz" ] && [ ! -f "$data/census-income.test" ]; then
  echo "SKIP: census-income not found in $data" >&2
  exit 0
fi

./mtl4j train --config "$config" --data-dir "$data" --out "$work/reference" > "$work/reference.log"

RANDOM=${SEED:-$$}
for i in $(seq 1 "$kills"); do
  # --resume with --config starts the run if the previous attempt died before writing its run state.
  ./mtl4j train --config "$config" --data-dir "$data" --resume "$work/run" --checkpoint-every 7 > "$work/attempt$i.log" 2>&1 &
  pid=$!
  delay="$((RANDOM % 20)).$((RANDOM % 10))"
  sleep "$delay"
  if kill -9 "$pid" 2>/dev/null; then echo "attempt $i: SIGKILL after ${delay}s"; else echo "attempt $i: finished before ${delay}s"; fi
  wait "$pid" 2>/dev/null || true
done
./mtl4j train --config "$config" --data-dir "$data" --resume "$work/run" > "$work/final.log"

tensors() {
  python3 - "$1" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    for line in z.read("SHA256SUMS").decode().splitlines():
        if " tensors/" in line: print(line)
PY
}
if diff <(tensors "$work/reference/model.mtl4j") <(tensors "$work/run/model.mtl4j") > /dev/null; then
  echo "OK: resumed model tensors are identical to the uninterrupted run ($(tensors "$work/run/model.mtl4j" | wc -l) tensors)"
else
  echo "FAIL: tensors differ" >&2
  diff <(tensors "$work/reference/model.mtl4j") <(tensors "$work/run/model.mtl4j") >&2 || true
  exit 1
fi
