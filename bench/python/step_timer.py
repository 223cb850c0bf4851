"""Shared harness of the PyTorch training-step twins (mmoe_step.py, ple_step.py, cnn_step.py, embedding_step.py):
optimizer steps on one fixed random batch, warm-up then timed steps, and the one JSON line `./mtl4j bench` prints too."""

import json
import os
import sys
import time

import torch
import torch.nn.functional as F


def parse_step_args(p, argv, sizes):
    """Adds the flags every twin shares (--steps, --warmup, --threads, --seed) to the parser `p`, parses `argv`, and
    refuses a size named in `sizes` (attribute names), --steps or --threads below 1 and a negative --warmup."""
    p.add_argument("--steps", type=int, default=200, help="timed steps")
    p.add_argument("--warmup", type=int, default=20, help="untimed steps before timing")
    p.add_argument("--threads", type=int, default=1, help="torch.set_num_threads (OpenBLAS: set the env vars)")
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)
    for name in (*sizes, "steps", "threads"):
        if getattr(args, name) < 1:
            p.error(f"--{name.replace('_', '-')} = {getattr(args, name)}: must be >= 1")
    if args.warmup < 0:
        p.error(f"--warmup = {args.warmup}: must be >= 0")
    return args


def time_training_steps(workload, model, args, flops_per_step, x=None, optimizers=None, reshuffle=False):
    """Summed BCE-with-logits over the tasks (`model` returns one logit tensor per task); prints the JSON line and
    returns an exit code. x: the fixed input batch (default N(0, 1) [batch, inputs]); optimizers: as time_steps.
    reshuffle: each step first gathers the batch's rows (inputs and labels) in a fresh seeded order, the work
    `./mtl4j bench`'s trainer does inside its timed step (its one-batch data set is shuffled every epoch = step)."""
    if x is None:
        x = torch.randn(args.batch, args.inputs)
    labels = torch.randint(0, 2, (args.batch, args.tasks)).float()

    def loss_against(y):
        return lambda logits: sum(F.binary_cross_entropy_with_logits(logits[t], y[:, t]) for t in range(args.tasks))

    draw = None
    if reshuffle:
        generator = torch.Generator().manual_seed(args.seed)

        def draw():
            order = torch.randperm(args.batch, generator=generator)
            return x[order], loss_against(labels[order])

    return time_steps(workload, model, x, loss_against(labels), args, flops_per_step, optimizers, draw)


def time_steps(workload, model, x, loss_of, args, flops_per_step, optimizers=None, draw=None):
    """Steps of loss_of(model(x)): args.warmup untimed, args.steps timed; prints the JSON line. optimizers: a list of
    optimizers over all of the model's parameters (default one Adam, lr 1e-3). draw: when given, called at the start
    of every step for that step's (x, loss_of) instead."""
    if optimizers is None:
        optimizers = [torch.optim.Adam(model.parameters(), lr=1e-3)]

    def step():
        for optimizer in optimizers:
            optimizer.zero_grad(set_to_none=True)
        inputs, loss_fn = (x, loss_of) if draw is None else draw()
        loss = loss_fn(model(inputs))
        loss.backward()
        for optimizer in optimizers:
            optimizer.step()
        return loss

    for _ in range(args.warmup):
        step()
    start, cpu_start = time.perf_counter(), time.process_time()
    for _ in range(args.steps):
        loss = step()
    seconds = (time.perf_counter() - start) / args.steps
    cpu_seconds = (time.process_time() - cpu_start) / args.steps  # all threads: stretches less with the load
    if not torch.isfinite(loss):
        print(f"{workload}: non-finite loss {loss.item()}", file=sys.stderr)
        return 1
    blas = os.environ.get("OPENBLAS_NUM_THREADS")
    print(json.dumps({
        "workload": workload,
        "impl": "pytorch",
        "ms_per_step": round(seconds * 1e3, 4),
        "gflops": round(flops_per_step / seconds / 1e9, 3),
        "threads": torch.get_num_threads(),
        "blas_threads": int(blas) if blas and blas.isdigit() else None,
        "cpu_ms_per_step": round(cpu_seconds * 1e3, 4),
    }))
    return 0
