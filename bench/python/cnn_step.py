#!/usr/bin/python3
"""PyTorch twin of `./mtl4j bench cnn`: one training step of the seeds' two-head CNN on CPU.

Run with Debian's python3-torch (see bench/compare-cnn.sh, which runs both sides in one go):

    OPENBLAS_NUM_THREADS=2 OMP_NUM_THREADS=2 /usr/bin/python3 bench/python/cnn_step.py --threads 2

Prints exactly one JSON line:
    {"workload": "cnn-train-step", "impl": "pytorch", "ms_per_step": ..., "gflops": ..., "threads": ...,
     "blas_threads": ...}

Workload (B batch, T tasks, K classes), the Java side's TwoHeadCnn:
  conv1    Conv2d(1 -> 32, 3x3) + ReLU        [B, 32, 26, 26]
  conv2    Conv2d(32 -> 64, 3x3) + ReLU       [B, 64, 24, 24]
  pool     MaxPool2d(2), flatten              [B, 9216]
  dense    Linear(9216 -> 64) + ReLU          [B, 64]
  heads    per task Linear(64 -> K)           [B, K]
  loss     sum over tasks of mean cross-entropy against fixed random class labels
  step     zero_grad, forward, backward, Adam(lr=1e-3, torch defaults otherwise).step
  data     one fixed batch x ~ N(0, 1) [B, 1, 28, 28] and labels [B, T], seeded; parameters: torch default init

FLOP COUNT (convolutions and GEMMs; forward + weight gradient of every layer, input gradient of all but conv1):
  flops_per_step = 2*B*(2*c1 + 3*c2 + 3*d + 3*h)   c1 = 26*26*32*9, c2 = 24*24*64*32*9, d = 9216*64, h = T*64*K

  B=128, T=2, K=10: 8,707,375,104 flops per step.
"""

import argparse
import sys

import torch
import torch.nn.functional as F
from torch import nn

from step_timer import time_steps


def flops_per_step(batch, tasks, classes):
    c1 = 26 * 26 * 32 * 9
    c2 = 24 * 24 * 64 * 32 * 9
    d = 9216 * 64
    h = tasks * 64 * classes
    return 2 * batch * (2 * c1 + 3 * c2 + 3 * d + 3 * h)


class TwoHeadCnn(nn.Module):
    def __init__(self, tasks, classes):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3)
        self.conv2 = nn.Conv2d(32, 64, 3)
        self.dense = nn.Linear(9216, 64)
        self.heads = nn.ModuleList(nn.Linear(64, classes) for _ in range(tasks))

    def forward(self, x):
        h = F.relu(self.conv1(x))
        h = F.max_pool2d(F.relu(self.conv2(h)), 2)
        h = F.relu(self.dense(torch.flatten(h, 1)))
        return [head(h) for head in self.heads]


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--classes", type=int, default=10)
    p.add_argument("--tasks", type=int, default=2)
    p.add_argument("--steps", type=int, default=50, help="timed steps")
    p.add_argument("--warmup", type=int, default=10, help="untimed steps before timing")
    p.add_argument("--threads", type=int, default=2, help="torch.set_num_threads (OpenBLAS: set the env vars)")
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)
    for name in ("batch", "tasks", "steps", "threads"):
        if getattr(args, name) < 1:
            p.error(f"--{name} = {getattr(args, name)}: must be >= 1")
    if args.classes < 2 or args.warmup < 0:
        p.error("--classes must be >= 2 and --warmup >= 0")
    return args


def main(argv):
    args = parse_args(argv)
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    model = TwoHeadCnn(args.tasks, args.classes)
    x = torch.randn(args.batch, 1, 28, 28)
    labels = torch.randint(0, args.classes, (args.batch, args.tasks))

    def loss_of(logits):
        return sum(F.cross_entropy(logits[t], labels[:, t]) for t in range(args.tasks))

    return time_steps("cnn-train-step", model, x, loss_of, args, flops_per_step(args.batch, args.tasks, args.classes))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
