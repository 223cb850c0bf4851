#!/usr/bin/python3
"""PyTorch twin of benchmark W1 (`./mtl4j bench mmoe`): one MMoE training step on CPU.

Run with Debian's python3-torch and OpenBLAS (see bench/compare-mmoe.sh, which installs and checks both):

    OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 /usr/bin/python3 bench/python/mmoe_step.py --threads 1

torch.set_num_threads(N) does not limit OpenBLAS's own threads: the caller must set OPENBLAS_NUM_THREADS and
OMP_NUM_THREADS. Prints exactly one JSON line:
    {"workload": "mmoe-train-step", "impl": "pytorch", "ms_per_step": ..., "gflops": ..., "threads": ...,
     "blas_threads": ...}

Workload (letters as in the Java side: B batch, I inputs, E experts, H expert hidden, K tower, T tasks):
  experts  ONE Linear(I -> E*H) + ReLU, viewed as [B, E, H]: all experts in one GEMM, as the Java side fuses them
  gates    per task Linear(I -> E) + softmax over experts                                   [B, E]
  mixture  per task sum_e gate[b, e] * expert[b, e, :]                                      [B, H]
           (as a broadcast multiply + sum over E: torch's fastest form of it here)
  towers   per task Linear(H -> K) + ReLU, Linear(K -> 1)                                   [B, 1]
  loss     sum over tasks of mean BCE-with-logits against fixed random 0/1 labels
  step     zero_grad, forward, backward, Adam(lr=1e-3, torch defaults otherwise).step
  data     one fixed batch x ~ N(0, 1) [B, I] and labels [B, T], seeded; parameters: torch default init, seeded

FLOP COUNT (GEMM and GEMM-like work only; forward + backward; the input gradient dL/dx is not needed and not
counted; biases, activations, softmax, loss and optimizer are not counted):

  flops_per_step = 4*B*I*E*H          experts: forward 2*B*I*E*H + weight gradient 2*B*I*E*H
                 + 4*B*I*E*T          gates:   forward 2*B*I*E + weight gradient 2*B*I*E, per task
                 + 6*B*E*H*T          mixture: forward 2*B*E*H + d(expert outputs) 2*B*E*H + d(gates) 2*B*E*H,
                                               per task
                 + T*(6*B*H*K + 6*B*K) towers: forward + weight gradient + input gradient of Linear(H -> K)
                                               (3 * 2*B*H*K) and of Linear(K -> 1) (3 * 2*B*K), per task
  gflops = flops_per_step / (seconds per step) / 1e9

  W1 (B=1024, I=128, E=8, H=64, K=16, T=2): 295,895,040 flops per step.
"""

import argparse
import sys

import torch
import torch.nn.functional as F
from torch import nn

from step_timer import parse_step_args, time_training_steps


def flops_per_step(batch, inputs, experts, expert_hidden, tower, tasks):
    """GEMM flops of one training step: the formula in the module docstring."""
    b, i, e, h, k, t = batch, inputs, experts, expert_hidden, tower, tasks
    expert_flops = 4 * b * i * e * h
    gate_flops = 4 * b * i * e * t
    mixture_flops = 6 * b * e * h * t
    tower_flops = t * (6 * b * h * k + 6 * b * k)
    return expert_flops + gate_flops + mixture_flops + tower_flops


class MMoE(nn.Module):
    def __init__(self, inputs, experts, expert_hidden, tower, tasks):
        super().__init__()
        self.experts = experts
        self.expert_hidden = expert_hidden
        # One Linear(I -> E*H) instead of E Linear(I -> H): one GEMM for all experts (what the Java side does).
        self.expert_layer = nn.Linear(inputs, experts * expert_hidden)
        self.gates = nn.ModuleList(nn.Linear(inputs, experts) for _ in range(tasks))
        self.towers = nn.ModuleList(
            nn.Sequential(nn.Linear(expert_hidden, tower), nn.ReLU(), nn.Linear(tower, 1)) for _ in range(tasks))

    def forward(self, x):
        b = x.shape[0]
        expert_out = F.relu(self.expert_layer(x)).view(b, self.experts, self.expert_hidden)  # [B, E, H]
        logits = []
        for gate, tower in zip(self.gates, self.towers):
            weights = torch.softmax(gate(x), dim=1)                                   # [B, E]
            # Broadcast multiply + sum over E: measured faster here than torch.bmm([B,1,E], [B,E,H]) (8.5-8.8 vs
            # 12.4-13.4 ms per W1 step, 1 thread) or einsum, so the reference gets its best form.
            mixed = (weights.unsqueeze(2) * expert_out).sum(dim=1)                    # [B, H]
            logits.append(tower(mixed).squeeze(1))                                    # [B]
        return logits


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--batch", type=int, default=1024)
    p.add_argument("--inputs", type=int, default=128)
    p.add_argument("--experts", type=int, default=8)
    p.add_argument("--expert-hidden", type=int, default=64)
    p.add_argument("--tower", type=int, default=16)
    p.add_argument("--tasks", type=int, default=2)
    return parse_step_args(p, argv, ("batch", "inputs", "experts", "expert_hidden", "tower", "tasks"))


def main(argv):
    args = parse_args(argv)
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    model = MMoE(args.inputs, args.experts, args.expert_hidden, args.tower, args.tasks)
    flops = flops_per_step(args.batch, args.inputs, args.experts, args.expert_hidden, args.tower, args.tasks)
    return time_training_steps("mmoe-train-step", model, args, flops)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
