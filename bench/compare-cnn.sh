#!/usr/bin/env bash
# One training step of the seeds' two-head CNN (batch 128, 1×28×28, conv 3×3 32 and 64, 2×2 max pool, dense 64, two
# 10-class heads, Adam): PyTorch CPU (bench/python/cnn_step.py) against `./mtl4j bench cnn --threads 2`, same run,
# and the ratio. Flags replace the defaults (--batch 128 --classes 10 --tasks 2 --steps 30); see bench/compare-step.sh.
# The issue's figures were taken with OpenBLAS's CPU overrides unset for both sides:
#   env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE bench/compare-cnn.sh
exec "$(dirname "$0")/compare-step.sh" cnn "$@"
