#!/usr/bin/env bash
# Census-income throughput, mtl4j vs the pandas/PyTorch twin, in the same run on the same machine:
#   reading + preprocessing census-income.test.gz (rows/s), and training epochs of the census MMoE (batch 1024).
# Usage: bench/census-throughput.sh [DATA_DIR] [THREADS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${1:-$root/../shared/data/census-income-kdd}"
threads="${2:-2}"
out="$(mktemp -d)"
cfg="$out/census.yaml"
sed -e 's/epochs: 40/epochs: 3/' -e "s/threads: 0/threads: $threads/" -e 's/patience: 5/patience: 0/' \
  "$root/examples/census-income-mmoe.yaml" > "$cfg"
echo "== mtl4j (JVM start included in the first read) =="
MTL4J_PLAIN=1 "$root/mtl4j" train --config "$cfg" --data-dir "$data" --out "$out/run" | grep -E "mtl4j train|epoch"
echo "== pandas + PyTorch twin =="
OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS="$threads" /usr/bin/python3 "$root/bench/python/census_mmoe.py" \
  --data-dir "$data" --epochs 3 --threads "$threads"
rm -rf "$out"
