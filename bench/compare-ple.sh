#!/usr/bin/env bash
# PLE benchmark (one PLE training step, 2 levels, 4 shared + 2 task experts per task × 64): PyTorch CPU
# (bench/python/ple_step.py) against `./mtl4j bench ple`, same run, and the ratio; see bench/compare-step.sh.
exec "$(dirname "$0")/compare-step.sh" ple "$@"
