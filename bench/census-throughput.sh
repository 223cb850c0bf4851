#!/usr/bin/env bash
# Census-income throughput, mtl4j vs the pandas/PyTorch twin, in the same run on the same machine:
#   reading + preprocessing census-income.test.gz (rows/s), and training epochs of the census MMoE (batch 1024),
#   on one-hot inputs (examples/census-income-mmoe.yaml) and on embedded categorical fields
#   (examples/census-embedded.yaml; the twin's --embedded: one nn.Embedding per field), dense tables and row-sparse
#   ones (sparse: true; the twin's sparse=True tables with SparseAdam).
# Usage: env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE bench/census-throughput.sh [DATA_DIR] [THREADS] [EPOCHS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${1:-$root/../shared/data/census-income-kdd}"
threads="${2:-2}"
epochs="${3:-3}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

# ours VARIANT CONFIG [SED-EXPRESSION]: trains CONFIG for $epochs epochs without early stopping.
ours() {
  local cfg="$out/$1.yaml"
  sed -e "s/epochs: 40/epochs: $epochs/" -e "s/threads: 0/threads: $threads/" -e 's/patience: 5/patience: 0/' \
    -e "${3:-}" "$root/examples/$2" > "$cfg"
  echo "== mtl4j $1 (JVM start included in the first read) =="
  MTL4J_PLAIN=1 "$root/mtl4j" train --config "$cfg" --data-dir "$data" --out "$out/$1" | grep -E "mtl4j train|epoch"
  # Each epoch's training steps in seconds, as the twin times its epochs (it has no validation pass; ours is printed
  # beside), and the test AUCs, from the run's metrics.json.
  python3 - "$out/$1/metrics.json" "$1" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
for h in m["training"]["history"]:
    v = h["validationSeconds"]
    print(f"mtl4j {sys.argv[2]} epoch {h['epoch']}: {h['seconds'] - v:.3f}s (validation pass: {v:.3f}s more)")
print("test AUC: " + ", ".join(f"{t} {s['auc']:.4f}" for t, s in m["test"].items() if "auc" in s))
PY
}

twin() {
  echo "== pandas + PyTorch twin $1 =="
  # Passive OpenMP waiting: on a loaded machine spinning workers made the twin's epochs up to 20x slower.
  OMP_WAIT_POLICY=PASSIVE OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS="$threads" /usr/bin/python3 "$root/bench/python/census_mmoe.py" \
    --data-dir "$data" --epochs "$epochs" --threads "$threads" "${@:2}"
}

# The twin needs pandas next to PyTorch (Debian packages; no pip here).
if ! /usr/bin/python3 -c 'import pandas, torch' 2>/dev/null; then
  if [[ "$(id -u)" != 0 ]]; then
    echo "census-throughput: the twin needs pandas and PyTorch; as root run:" >&2
    echo "  apt-get update && apt-get install -y python3-pandas python3-torch libopenblas0-pthread" >&2
    exit 1
  fi
  echo "census-throughput: installing python3-pandas, python3-torch and libopenblas0-pthread" >&2
  apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y python3-pandas python3-torch \
    libopenblas0-pthread >&2
fi

uptime
ours one-hot census-income-mmoe.yaml
twin one-hot
ours embedded census-embedded.yaml
twin embedded --embedded
ours embedded-sparse census-embedded.yaml 's/^    hashBuckets: 1 /    sparse: true\n    hashBuckets: 1 /'
twin embedded-sparse --embedded --sparse
uptime
