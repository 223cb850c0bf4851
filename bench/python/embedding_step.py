#!/usr/bin/python3
"""PyTorch twin of the embedding-heavy step (`./mtl4j bench embedding`): sparse embedding tables + MMoE on CPU.

Run with Debian's python3-torch and OpenBLAS (bench/compare-embedding.sh installs and checks both):

    OPENBLAS_NUM_THREADS=2 OMP_NUM_THREADS=2 /usr/bin/python3 bench/python/embedding_step.py --threads 2

Prints exactly one JSON line, as mmoe_step.py does (workload "embedding-train-step").

Workload (letters as in mmoe_step.py; F fields, V rows per table, d dimension, I = F*d):
  tables   per field nn.Embedding(V, d, sparse=True): one id per field per row              [B, d] each
  input    the F embeddings concatenated                                                    [B, I]
  model    mmoe_step.MMoE on [B, I] (experts in one Linear(I -> E*H), softmax gates, towers)
  loss     sum over tasks of mean BCE-with-logits against fixed random 0/1 labels
  step     zero_grad, forward, backward, torch.optim.SparseAdam(lr=1e-3) on the tables (only the rows the batch
           touched move) and torch.optim.Adam(lr=1e-3) on the rest
  data     one fixed batch of ids uniform in [0, V) per field, seeded; each step gathers its rows (ids and labels)
           in a fresh order first, as `./mtl4j bench embedding`'s trainer does inside its timed step

FLOP COUNT (GEMM work only, as mmoe_step.py, plus the input gradient of experts and gates that the tables need):
  flops_per_step = 6*B*I*E*H + 6*B*I*E*T + 6*B*E*H*T + T*(6*B*H*K + 6*B*K)
"""

import argparse
import sys

import torch
from torch import nn

from mmoe_step import MMoE
from step_timer import parse_step_args, time_training_steps


def flops_per_step(batch, inputs, experts, expert_hidden, tower, tasks):
    """GEMM flops of one training step: the formula in the module docstring."""
    b, i, e, h, k, t = batch, inputs, experts, expert_hidden, tower, tasks
    return 6 * b * i * e * h + 6 * b * i * e * t + 6 * b * e * h * t + t * (6 * b * h * k + 6 * b * k)


class EmbeddedMMoE(nn.Module):
    def __init__(self, fields, rows, dimension, experts, expert_hidden, tower, tasks):
        super().__init__()
        self.tables = nn.ModuleList(nn.Embedding(rows, dimension, sparse=True) for _ in range(fields))
        self.mmoe = MMoE(fields * dimension, experts, expert_hidden, tower, tasks)

    def forward(self, ids):
        return self.mmoe(torch.cat([table(ids[:, f]) for f, table in enumerate(self.tables)], dim=1))


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--batch", type=int, default=256)
    p.add_argument("--fields", type=int, default=26)
    p.add_argument("--rows", type=int, default=1_000_000, help="rows of each field's table")
    p.add_argument("--dimension", type=int, default=16)
    p.add_argument("--experts", type=int, default=8)
    p.add_argument("--expert-hidden", type=int, default=64)
    p.add_argument("--tower", type=int, default=16)
    p.add_argument("--tasks", type=int, default=2)
    return parse_step_args(p, argv, ("batch", "fields", "rows", "dimension", "experts", "expert_hidden", "tower",
                                     "tasks"))


def main(argv):
    args = parse_args(argv)
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    model = EmbeddedMMoE(args.fields, args.rows, args.dimension, args.experts, args.expert_hidden, args.tower,
                         args.tasks)
    ids = torch.randint(0, args.rows, (args.batch, args.fields))
    optimizers = [torch.optim.SparseAdam(list(model.tables.parameters()), lr=1e-3),
                  torch.optim.Adam(model.mmoe.parameters(), lr=1e-3)]
    args.inputs = args.fields * args.dimension
    flops = flops_per_step(args.batch, args.inputs, args.experts, args.expert_hidden, args.tower, args.tasks)
    return time_training_steps("embedding-train-step", model, args, flops, x=ids, optimizers=optimizers,
                               reshuffle=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
