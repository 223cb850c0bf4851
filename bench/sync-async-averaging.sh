#!/usr/bin/env bash
# Synchronous (treeAggregate or barrier allreduce) vs asynchronous (Hogwild) vs model-averaging training of the
# census-income MMoE, same data, epochs, batch, learning rate and seeds: each run's training seconds, rows/s and test AUCs, and same-run ratios against
# Spark's synchronous steps. Hogwild is plain SGD with equal weighting, so every run uses EW + SGD.
#   jvm sync       this JVM's synchronous trainer (exact; a function of seed and thread count)
#   jvm async      training.async: true (Hogwild, lock-free; not deterministic with 2 threads)
#   spark sync     train --engine spark (exact synchronous steps, one Spark job per step, treeAggregate)
#   spark barrier  train --engine spark --strategy barrier (the same steps, one barrier stage per epoch whose tasks
#                  allreduce each step's partials with allGather)
#   spark avg kK   train --engine spark --strategy averaging --local-steps K (one Spark job per K steps)
# Usage: env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE bench/sync-async-averaging.sh [DATA_DIR] [EPOCHS] [SEEDS] [K...]
# RUNS='spark sync|spark barrier' (a bash regex over the run names) runs only those; spark sync is the reference.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${1:-$root/../shared/data/census-income-kdd}"
epochs="${2:-3}"
seeds="${3:-1}"
shift $(( $# < 3 ? $# : 3 ))
ks=("${@:-8}")
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

# config SEED ASYNC: the census example with EW + plain SGD, batch 512, 2 threads, no early stopping.
config() {
  sed -e "s/^optimizer: .*/optimizer: {name: sgd, options: {learningRate: 0.1}}/" \
    -e "s/^training: .*/training: {epochs: $epochs, batchSize: 512, patience: 0, threads: 2, seed: $1, async: $2}/" \
    -e '/^compare:/,$d' "$root/examples/census-income-mmoe.yaml" > "$out/c-$1-$2.yaml"
  echo "$out/c-$1-$2.yaml"
}

# run NAME SEED ASYNC [ARGS...]: trains, prints one line: name, seed, train seconds, rows/s, test AUCs.
run() {
  local name=$1 seed=$2 async=$3 dir="$out/$1-$2"
  shift 3
  [[ -z "${RUNS:-}" || "$name" =~ ^(${RUNS})$ ]] || return 0
  MTL4J_PLAIN=1 "$root/mtl4j" train --config "$(config "$seed" "$async")" --data-dir "$data" --out "${dir// /_}" \
    "$@" > "$out/log" 2>&1 || { cat "$out/log" >&2; exit 1; }
  python3 - "${dir// /_}/metrics.json" "$name" "$seed" "$epochs" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
rows = m["rows"]["train"]
t = m["timings"]["trainSeconds"]
aucs = {k: v["auc"] for k, v in m["test"].items() if k != "average" and isinstance(v, dict) and "auc" in v}
print(json.dumps({"run": sys.argv[2], "seed": int(sys.argv[3]), "trainSeconds": round(t, 2), "trainRows": rows,
                  "epochs": int(sys.argv[4]), "testAuc": aucs}))
PY
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for seed in $(seq 1 "$seeds"); do
  run "jvm sync" "$seed" false
  run "jvm async" "$seed" true
  run "spark sync" "$seed" false --engine spark --master 'local[2]'
  run "spark barrier" "$seed" false --engine spark --master 'local[2]' --strategy barrier
  for k in "${ks[@]}"; do
    run "spark avg k$k" "$seed" false --engine spark --master 'local[2]' --strategy averaging --local-steps "$k"
  done
done | tee "$out/lines.jsonl"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

# Same-run ratios: rows/s, steps/s (batch 512) and mean test AUC of each run against spark sync of the same seed.
python3 - "$out/lines.jsonl" <<'PY'
import json, math, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
print(f"{'run':<16}{'seed':>5}{'train s':>10}{'rows/s':>9}{'steps/s':>9}{'speed vs spark sync':>21}"
      f"{'mean test AUC':>15}{'Δ AUC':>9}")
for l in lines:
    ref = next(r for r in lines if r["seed"] == l["seed"] and r["run"] == "spark sync")
    auc = sum(l["testAuc"].values()) / len(l["testAuc"])
    ref_auc = sum(ref["testAuc"].values()) / len(ref["testAuc"])
    rate = l["trainRows"] * l["epochs"] / l["trainSeconds"]
    steps = math.ceil(l["trainRows"] / 512) * l["epochs"] / l["trainSeconds"]
    print(f"{l['run']:<16}{l['seed']:>5}{l['trainSeconds']:>10.1f}{rate:>9.0f}{steps:>9.2f}"
          f"{ref['trainSeconds'] / l['trainSeconds']:>20.2f}x"
          f"{auc:>15.5f}{auc - ref_auc:>+9.5f}")
PY
