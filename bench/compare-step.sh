#!/usr/bin/env bash
# One training step of WORKLOAD (mmoe = W1, ple, cnn or embedding): PyTorch CPU (bench/python/WORKLOAD_step.py)
# against `./mtl4j bench WORKLOAD`. Called by bench/compare-mmoe.sh, compare-ple.sh, compare-cnn.sh and
# compare-embedding.sh.
#
#   bench/compare-step.sh mmoe|ple|cnn|embedding [flags...]     e.g. bench/compare-step.sh mmoe --batch 512 --steps 100
#
# Workload flags: each workload's defaults (below), replaced by same-named flags given to the script, go to both
# sides; --threads is set by this script.
# PyTorch runs in three settings and its best ms/step is the reference:
#   torch threads 1, OpenBLAS 1 | torch threads 1, OpenBLAS 2 | torch threads 2, OpenBLAS 2
# mtl4j runs with --threads 1 and --threads 2, and its best ms/step is compared: each side gets the best of its own
# settings on the same two cores. Prints every JSON line, then `ratio mtl4j/pytorch-best = X.XX` (below 1: mtl4j is
# faster). Exits non-zero if any run failed. The reference is Debian's python3-torch on OpenBLAS (pthread): on the
# reference libblas3 torch is ~7x slower and the ratio would be meaningless, so this script checks for it.
set -uo pipefail

cd "$(dirname "$0")/.." || exit 2
workload_name="${1:?usage: bench/compare-step.sh mmoe|ple|cnn|embedding [flags...]}"; shift
PYTHON=/usr/bin/python3
BLAS_LINK="/etc/alternatives/libblas.so.3-$(uname -m)-linux-gnu"

blas_is_openblas_pthread() {
  [[ "$(readlink -f "$BLAS_LINK" 2>/dev/null)" == *openblas-pthread* ]]
}

reference_ready() {
  "$PYTHON" -c 'import torch' 2>/dev/null && blas_is_openblas_pthread
}

install_reference() {
  if reference_ready; then
    return 0
  fi
  if [[ "$(id -u)" != 0 ]]; then
    echo "compare-$workload_name: PyTorch on OpenBLAS (pthread) is missing; as root run:" >&2
    echo "  apt-get update && apt-get install -y python3-torch libopenblas0-pthread" >&2
    echo "  and check: readlink -f $BLAS_LINK   (must contain openblas-pthread)" >&2
    return 1
  fi
  echo "compare-$workload_name: installing python3-torch and libopenblas0-pthread" >&2
  apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y python3-torch libopenblas0-pthread >&2 \
    || return 1
  if ! blas_is_openblas_pthread; then
    # The alternative may be pinned (manual mode) to another BLAS; point it at OpenBLAS pthread.
    local target
    target="$(update-alternatives --list "$(basename "$BLAS_LINK")" 2>/dev/null | grep openblas-pthread | head -n 1)"
    [[ -n "$target" ]] && update-alternatives --set "$(basename "$BLAS_LINK")" "$target" >&2
  fi
  reference_ready || { echo "compare-$workload_name: torch or OpenBLAS pthread still missing after apt" >&2; return 1; }
}

# Workload defaults; same-named flags given to the script replace them, other flags pass through.
case "$workload_name" in
  mmoe)
    declare -A flags=([--batch]=1024 [--inputs]=128 [--experts]=8 [--expert-hidden]=64 [--tower]=16 [--tasks]=2
                      [--steps]=200)
    order=(--batch --inputs --experts --expert-hidden --tower --tasks --steps) ;;
  ple)
    declare -A flags=([--batch]=1024 [--inputs]=128 [--levels]=2 [--shared-experts]=4 [--task-experts]=2
                      [--expert-hidden]=64 [--tower]=16 [--tasks]=2 [--steps]=200)
    order=(--batch --inputs --levels --shared-experts --task-experts --expert-hidden --tower --tasks --steps) ;;
  cnn)
    declare -A flags=([--batch]=128 [--classes]=10 [--tasks]=2 [--steps]=30)
    order=(--batch --classes --tasks --steps) ;;
  embedding)
    declare -A flags=([--batch]=256 [--fields]=26 [--rows]=1000000 [--dimension]=16 [--experts]=8
                      [--expert-hidden]=64 [--tower]=16 [--tasks]=2 [--steps]=200)
    order=(--batch --fields --rows --dimension --experts --expert-hidden --tower --tasks --steps)
    # The flat buffers hold five floats per table value (values, two workers' gradients, reduced gradient) plus
    # Adam's two moments: about 8.3 GB for 26 tables of 1M x 16. The JVM's default heap is a quarter of the RAM, and
    # these arrays live in the old generation, so the young one is kept small.
    export MTL4J_JAVA_OPTS="${MTL4J_JAVA_OPTS:--Xmx10g -Xmn512m}" ;;
  *) echo "compare-step: unknown workload '$workload_name' (expected mmoe, ple, cnn or embedding)" >&2; exit 2 ;;
esac
extra=()
while (($#)); do
  arg="$1"; shift
  if [[ "$arg" == --*=* ]]; then
    name="${arg%%=*}"; value="${arg#*=}"
  elif [[ "$arg" == --* && $# -gt 0 && "$1" != --* ]]; then
    name="$arg"; value="$1"; shift
  else
    extra+=("$arg"); continue
  fi
  if [[ "$name" == --threads ]]; then
    echo "compare-$workload_name: ignoring --threads $value (set per run by this script)" >&2
  elif [[ -v "flags[$name]" ]]; then
    flags[$name]="$value"
  else
    extra+=("$name" "$value")
  fi
done
workload=()
for name in "${order[@]}"; do workload+=("$name" "${flags[$name]}"); done
workload+=("${extra[@]}")

failed=0
json_line() {  # last line of stdin that looks like the benchmark's JSON
  grep -E '^\{.*"ms_per_step"' | tail -n 1
}
ms_of() {
  "$PYTHON" -c 'import json, sys; print(json.loads(sys.argv[1])["ms_per_step"])' "$1"
}
faster() {  # true when ms/step $1 is below $2
  "$PYTHON" -c 'import sys; sys.exit(not float(sys.argv[1]) < float(sys.argv[2]))' "$1" "$2"
}

best_torch=""
if install_reference; then
  for setting in "1 1 1" "1 2 1" "2 2 2"; do  # torch threads, OPENBLAS_NUM_THREADS, OMP_NUM_THREADS
    read -r torch_threads blas_threads omp_threads <<<"$setting"
    line="$(OPENBLAS_NUM_THREADS=$blas_threads OMP_NUM_THREADS=$omp_threads \
      "$PYTHON" bench/python/${workload_name}_step.py "${workload[@]}" --threads "$torch_threads" | json_line)"
    rc=$?  # pipefail: non-zero if the run failed or printed no JSON line
    if ((rc != 0)) || [[ -z "$line" ]]; then
      echo "compare-$workload_name: pytorch run (torch threads $torch_threads, OpenBLAS $blas_threads) failed" >&2
      failed=1; continue
    fi
    echo "$line"
    ms="$(ms_of "$line")"
    if [[ -z "$best_torch" ]] || faster "$ms" "$best_torch"; then
      best_torch="$ms"
    fi
  done
else
  failed=1
fi

mtl4j_ms=""
for threads in 1 2; do
  line="$(./mtl4j bench $workload_name "${workload[@]}" --threads "$threads" | json_line)"
  rc=$?
  if ((rc != 0)) || [[ -z "$line" ]]; then
    echo "compare-$workload_name: mtl4j run (./mtl4j bench $workload_name ${workload[*]} --threads $threads) failed" >&2
    failed=1
  else
    echo "$line"
    ms="$(ms_of "$line")"
    if [[ -z "$mtl4j_ms" ]] || faster "$ms" "$mtl4j_ms"; then
      mtl4j_ms="$ms"
    fi
  fi
done

if [[ -n "$best_torch" && -n "$mtl4j_ms" ]]; then
  "$PYTHON" -c 'import sys; print(f"ratio mtl4j/pytorch-best = {float(sys.argv[1]) / float(sys.argv[2]):.2f}")' \
    "$mtl4j_ms" "$best_torch"
fi
exit "$failed"
