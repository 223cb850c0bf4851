#!/usr/bin/env bash
# A classical formulation on School (139 schools = tasks, examples/school-deep.yaml's data, split and tasks) fitted in
# this JVM and through Spark (`train --engine spark`: every FISTA step's loss and gradient summed over the partitions
# by treeAggregate), in the same run: the fit's wall time (with Spark: session start and shipping the rows included)
# and the solver's alone, FISTA iterations, objective and test RMSE of each.
# Usage: env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE bench/classical-spark.sh [DATA_DIR] [MASTER] [FORMULATION]
#   (MTL4J=COMMAND runs another launcher than ./mtl4j)
#   FORMULATION is a YAML flow map, default {formulation: l21, options: {lambda: 100, tol: 1.0e-5}}
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${1:-$root/../shared/data/school}"
master="${2:-local[2]}"
formulation="${3:-{formulation: l21, options: {lambda: 100, tol: 1.0e-5\}\}}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

# The data, features and tasks sections of the deep example, with a classical section instead of the network.
awk '/^architecture:/ {exit} {print}' "$root/examples/school-deep.yaml" > "$out/school.yaml"
echo "classical: $formulation" >> "$out/school.yaml"

run() {
  local name="$1"
  shift
  MTL4J_PLAIN=1 "${MTL4J:-$root/mtl4j}" train --config "$out/school.yaml" --data-dir "$data" --out "$out/$name" "$@" \
    | grep -E "^mtl4j train" | sed -E "s/tasks \[[^]]*\]/tasks [...]/" || true
  python3 - "$out/$name/metrics.json" "$name" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
s = m["solver"]
mean = m["test"]["average"]["rmse"]
print(f"{sys.argv[2]}: fit {m['timings']['trainSeconds']:.2f}s (FISTA alone {s['seconds']:.2f}s), {s['iterations']} iterations, "
      f"objective {s['objective']:.10g}, converged {s['converged']}, mean test RMSE over schools {mean:.6f}")
PY
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
run jvm
run "spark-$master" --engine spark --master "$master"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
