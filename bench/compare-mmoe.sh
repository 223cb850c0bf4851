#!/usr/bin/env bash
# Benchmark W1 (one MMoE training step): PyTorch CPU (bench/python/mmoe_step.py) against `./mtl4j bench mmoe`,
# same run, and the ratio. Installs the reference when missing. Flags replace the W1 defaults (--batch 1024
# --inputs 128 --experts 8 --expert-hidden 64 --tower 16 --tasks 2 --steps 200); see bench/compare-step.sh.
exec "$(dirname "$0")/compare-step.sh" mmoe "$@"
