#!/usr/bin/env bash
# The embedding-heavy step (26 fields, 1M-row tables, dim 16, MMoE, batch 256): PyTorch CPU with sparse embedding
# gradients and SparseAdam (bench/python/embedding_step.py) against `./mtl4j bench embedding` (row-sparse tables,
# lazy Adam), same run, and the ratio. Flags replace the defaults (--batch 256 --fields 26 --rows 1000000
# --dimension 16 --experts 8 --expert-hidden 64 --tower 16 --tasks 2 --steps 200); see bench/compare-step.sh.
exec "$(dirname "$0")/compare-step.sh" embedding "$@"
