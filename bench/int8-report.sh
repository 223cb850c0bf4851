#!/usr/bin/env bash
# Issue 18, int8: what int8 weights (per-channel, `mtl4j export --int8`) do to file size and test metrics, for the
# census-income MMoE (examples/census-income-mmoe.yaml) and the synthetic demo (Ma et al. 2018, correlation 0.9,
# MMoE 8×16 as in `mtl4j demo`). Trains each model once, then prints float32 vs int8 test metrics and ONNX sizes.
# Usage: bench/int8-report.sh [CENSUS_DATA_DIR] (default ../shared/data/census-income-kdd); WORK=dir keeps outputs.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
census="${1:-$root/../shared/data/census-income-kdd}"
work="${WORK:-$(mktemp -d)}"
mkdir -p "$work"
cd "$root"
./mtl4j info > /dev/null   # builds the CLI once, before the timed-free steps below

report() { # name model config data-dir
  local name="$1" model="$2" config="$3" data="$4"
  ./mtl4j evaluate --model "$model" --config "$config" --data-dir "$data" --out "$work/$name-float.json" --force > /dev/null
  ./mtl4j evaluate --model "$model" --config "$config" --data-dir "$data" --out "$work/$name-int8.json" --int8 --force > /dev/null
  ./mtl4j export --model "$model" --out "$work/$name.onnx" --force > /dev/null
  ./mtl4j export --model "$model" --out "$work/$name-int8.onnx" --int8 --force > /dev/null
  python3 - "$name" "$work" "$model" <<'PY'
import json, os, sys
name, work, model = sys.argv[1:]
f = json.load(open(f"{work}/{name}-float.json"))["test"]
q = json.load(open(f"{work}/{name}-int8.json"))["test"]
print(f"== {name}: model file {os.path.getsize(model)} B, ONNX float32 {os.path.getsize(f'{work}/{name}.onnx')} B, "
      f"ONNX int8 {os.path.getsize(f'{work}/{name}-int8.onnx')} B")
def flat(d, prefix=""):
    for k, v in d.items():
        if isinstance(v, dict): yield from flat(v, f"{prefix}{k}.")
        elif isinstance(v, (int, float)): yield f"{prefix}{k}", v
fq = dict(flat(q))
for k, v in flat(f):
    if k in fq: print(f"{k:40s} float32 {v:.6f}  int8 {fq[k]:.6f}  change {fq[k] - v:+.6f}")
PY
}

if [ -f "$census/census-income.test.gz" ] || [ -f "$census/census-income.test" ]; then
  [ -f "$work/census/model.mtl4j" ] || ./mtl4j train --config examples/census-income-mmoe.yaml --data-dir "$census" \
    --out "$work/census" --quiet > /dev/null
  report census "$work/census/model.mtl4j" examples/census-income-mmoe.yaml "$census"
else
  echo "SKIP census-income: not found in $census" >&2
fi

# The demo's data as CSV files (generator seed 1, as `mtl4j demo`'s first seed), written by jshell on the CLI jar.
demo="$work/demo"
mkdir -p "$demo"
if [ ! -f "$demo/test.csv" ]; then
  jshell --class-path mtl4j-cli/target/mtl4j-cli-all.jar -R-Xmx1g -q > /dev/null <<JSH
import io.mtl4j.data.demo.MmoeSynthetic;
void write(String file, MmoeSynthetic.Sample s) throws Exception {
  StringBuilder sb = new StringBuilder();
  for (int j = 0; j < s.inputs(); j++) sb.append("x").append(j).append(',');
  sb.append("y1,y2\n");
  for (int r = 0; r < s.rows(); r++) {
    for (int j = 0; j < s.inputs(); j++) sb.append(s.features()[r * s.inputs() + j]).append(',');
    sb.append(s.targets()[0][r]).append(',').append(s.targets()[1][r]).append('\n');
  }
  java.nio.file.Files.writeString(java.nio.file.Path.of(file), sb);
}
MmoeSynthetic g = MmoeSynthetic.draw(MmoeSynthetic.Options.paper(0.9), 1);
write("$demo/train.csv", g.generate(1001, 10000));
write("$demo/valid.csv", g.generate(1002, 2000));
write("$demo/test.csv", g.generate(1003, 10000));
/exit
JSH
fi
cat > "$demo/config.yaml" <<'YAML'
data: {train: train.csv, valid: valid.csv, test: test.csv}
tasks:
  - {name: task1, type: regression, column: y1, metrics: [mse, r2]}
  - {name: task2, type: regression, column: y2, metrics: [mse, r2]}
architecture: {name: mmoe, options: {experts: 8, expertHidden: [16]}, head: {hidden: [8]}}
optimizer: {name: adam, options: {learningRate: 0.001}}
training: {epochs: 60, batchSize: 128, patience: 8, threads: 0, seed: 1}
YAML
[ -f "$demo/out/model.mtl4j" ] || ./mtl4j train --config "$demo/config.yaml" --data-dir "$demo" --out "$demo/out" --quiet > /dev/null
report demo "$demo/out/model.mtl4j" "$demo/config.yaml" "$demo"
echo "outputs in $work"
