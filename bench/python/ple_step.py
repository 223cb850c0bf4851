#!/usr/bin/python3
"""PyTorch twin of the PLE benchmark (`./mtl4j bench ple`): one PLE training step on CPU.

Run with Debian's python3-torch and OpenBLAS (see bench/compare-ple.sh, which installs and checks both):

    OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 /usr/bin/python3 bench/python/ple_step.py --threads 1

torch.set_num_threads(N) does not limit OpenBLAS's own threads: the caller must set OPENBLAS_NUM_THREADS and
OMP_NUM_THREADS. Prints exactly one JSON line:
    {"workload": "ple-train-step", "impl": "pytorch", "ms_per_step": ..., "gflops": ..., "threads": ...,
     "blas_threads": ...}

Workload (letters as in the Java side: B batch, I inputs, L levels, Es shared experts, Et experts per task,
H expert hidden, K tower, T tasks), Tang et al., RecSys 2020:
  level l (input I at level 0, H above; each task has its own input above level 0, the shared path too):
    shared experts  ONE Linear(in -> Es*H) + ReLU on the shared input: a group of experts in one GEMM
    task experts    per task ONE Linear(in -> Et*H) + ReLU on the task's input
    task gates      per task Linear(in -> Et+Es) + softmax; mixes [task experts, shared experts]   [B, H]
    shared gate     below the top level: Linear(in -> T*Et+Es) + softmax; mixes all experts        [B, H]
  mixtures  broadcast multiply + sum over experts (as in mmoe_step.py)
  towers    per task Linear(H -> K) + ReLU, Linear(K -> 1)
  loss      sum over tasks of mean BCE-with-logits against fixed random 0/1 labels
  step      zero_grad, forward, backward, Adam(lr=1e-3, torch defaults otherwise).step
  data      one fixed batch x ~ N(0, 1) [B, I] and labels [B, T], seeded; parameters: torch default init, seeded

FLOP COUNT (GEMM and GEMM-like work only; forward + backward; biases, activations, softmax, loss and optimizer are
not counted). passes = 4 at level 0 (forward + weight gradient; dL/dx is not needed), 6 above (+ input gradient):

  per level l:  passes*B*in*(Es+T*Et)*H       experts
              + passes*B*in*(Et+Es)*T         task gates
              + 6*B*(Et+Es)*H*T               task mixtures (forward, d experts, d gates)
              + passes*B*in*(T*Et+Es)         shared gate     (below the top level only)
              + 6*B*(T*Et+Es)*H               shared mixture  (below the top level only)
  + T*(6*B*H*K + 6*B*K)                       towers
  gflops = flops_per_step / (seconds per step) / 1e9
"""

import argparse
import sys

import torch
import torch.nn.functional as F
from torch import nn

from step_timer import parse_step_args, time_training_steps


def flops_per_step(batch, inputs, levels, shared_experts, task_experts, expert_hidden, tower, tasks):
    """GEMM flops of one training step: the formula in the module docstring."""
    b, h, k, t, es, et = batch, expert_hidden, tower, tasks, shared_experts, task_experts
    flops = 0
    for level in range(levels):
        width = inputs if level == 0 else h
        passes = 4 if level == 0 else 6
        flops += passes * b * width * (es + t * et) * h
        flops += passes * b * width * (et + es) * t
        flops += 6 * b * (et + es) * h * t
        if level < levels - 1:
            flops += passes * b * width * (t * et + es)
            flops += 6 * b * (t * et + es) * h
    return flops + t * (6 * b * h * k + 6 * b * k)


def mix(gate_logits, experts, count, hidden):
    """Softmax gate over `count` experts laid side by side in experts [B, count*H] -> [B, H]."""
    weights = torch.softmax(gate_logits, dim=1)
    return (weights.unsqueeze(2) * experts.view(experts.shape[0], count, hidden)).sum(dim=1)


class Level(nn.Module):
    def __init__(self, width, shared_experts, task_experts, hidden, tasks, top):
        super().__init__()
        self.es, self.et, self.h, self.top = shared_experts, task_experts, hidden, top
        self.shared = nn.Linear(width, shared_experts * hidden)
        self.task = nn.ModuleList(nn.Linear(width, task_experts * hidden) for _ in range(tasks))
        self.gates = nn.ModuleList(nn.Linear(width, task_experts + shared_experts) for _ in range(tasks))
        self.shared_gate = None if top else nn.Linear(width, tasks * task_experts + shared_experts)

    def forward(self, task_inputs, shared_input):
        shared_out = F.relu(self.shared(shared_input))
        task_out = [F.relu(layer(x)) for layer, x in zip(self.task, task_inputs)]
        outputs = [mix(gate(x), torch.cat([own, shared_out], dim=1), self.et + self.es, self.h)
                   for gate, x, own in zip(self.gates, task_inputs, task_out)]
        if self.top:
            return outputs, None
        pool = torch.cat(task_out + [shared_out], dim=1)
        return outputs, mix(self.shared_gate(shared_input), pool, len(task_out) * self.et + self.es, self.h)


class PLE(nn.Module):
    def __init__(self, inputs, levels, shared_experts, task_experts, expert_hidden, tower, tasks):
        super().__init__()
        self.tasks = tasks
        self.levels = nn.ModuleList(
            Level(inputs if l == 0 else expert_hidden, shared_experts, task_experts, expert_hidden, tasks,
                  l == levels - 1) for l in range(levels))
        self.towers = nn.ModuleList(
            nn.Sequential(nn.Linear(expert_hidden, tower), nn.ReLU(), nn.Linear(tower, 1)) for _ in range(tasks))

    def forward(self, x):
        task_inputs, shared_input = [x] * self.tasks, x
        for level in self.levels:
            task_inputs, shared_input = level(task_inputs, shared_input)
        return [tower(h).squeeze(1) for tower, h in zip(self.towers, task_inputs)]


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    p.add_argument("--batch", type=int, default=1024)
    p.add_argument("--inputs", type=int, default=128)
    p.add_argument("--levels", type=int, default=2)
    p.add_argument("--shared-experts", type=int, default=4)
    p.add_argument("--task-experts", type=int, default=2)
    p.add_argument("--expert-hidden", type=int, default=64)
    p.add_argument("--tower", type=int, default=16)
    p.add_argument("--tasks", type=int, default=2)
    return parse_step_args(p, argv, ("batch", "inputs", "levels", "shared_experts", "task_experts", "expert_hidden",
                                     "tower", "tasks"))


def main(argv):
    args = parse_args(argv)
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    model = PLE(args.inputs, args.levels, args.shared_experts, args.task_experts, args.expert_hidden, args.tower,
                args.tasks)
    flops = flops_per_step(args.batch, args.inputs, args.levels, args.shared_experts, args.task_experts,
                           args.expert_hidden, args.tower, args.tasks)
    return time_training_steps("ple-train-step", model, args, flops)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
