#!/usr/bin/env python3
"""PyTorch/pandas twin of `mtl4j train --config examples/census-income-mmoe.yaml` (test-file-only protocol).

Times (1) reading + preprocessing census-income.test.gz with pandas (strip, one-hot with an unknown bucket, log for
money columns, standardise with training-row statistics) and (2) training epochs of the same MMoE (8 experts x 32,
towers 16, Adam 1e-3, batch 1024, 2 binary tasks) on the seeded 60% training rows. Prints rows/s and s/epoch.
With --embedded it is the twin of examples/census-embedded.yaml instead: the 7 numeric columns as above, the 32
categorical ones as ids into one nn.Embedding per field (vocabulary of the training rows + one unknown row, width 4 or
8; a missing cell is a zero vector), concatenated before the same MMoE; --sparse makes the tables sparse=True with
SparseAdam on them (the twin of `sparse: true`).

  /usr/bin/python3 bench/python/census_mmoe.py --data-dir ../shared/data/census-income-kdd [--epochs 1] [--threads 2]
      [--embedded [--sparse]]
"""
import argparse, time
import numpy as np
import pandas as pd
import torch
from torch import nn

COLUMNS = ("age class_worker det_ind_code det_occ_code education wage_per_hour hs_college marital_stat major_ind_code "
           "major_occ_code race hisp_origin sex union_member unemp_reason full_or_part_emp capital_gains capital_losses "
           "stock_dividends tax_filer_stat region_prev_res state_prev_res det_hh_fam_stat det_hh_summ instance_weight "
           "mig_chg_msa mig_chg_reg mig_move_reg mig_same mig_prev_sunbelt num_emp fam_under_18 country_father "
           "country_mother country_self citizenship own_or_self vet_question vet_benefits weeks_worked year "
           "income_50k").split()
CATEGORICAL_CODES = ["det_ind_code", "det_occ_code", "own_or_self", "vet_benefits", "year"]
LOG = ["wage_per_hour", "capital_gains", "capital_losses", "stock_dividends"]
# examples/census-embedded.yaml: the dense group, and the embedded fields with their widths (4 unless listed)
DENSE = ["age", "wage_per_hour", "capital_gains", "capital_losses", "stock_dividends", "num_emp", "weeks_worked"]
WIDE = {"det_ind_code", "det_occ_code", "education", "country_father", "country_mother", "country_self",
        "state_prev_res"}


def read(path, seed):
    """Features, labels [N, 2] and the seeded 60/20/20 split (train, valid, test row indices)."""
    df = pd.read_csv(path, header=None, names=COLUMNS, skipinitialspace=True, na_values=["?"], dtype=str)
    y_income = (df["income_50k"] == "50000+.").astype(np.float32).values
    y_marital = (df["marital_stat"] == "Never married").astype(np.float32).values
    df = df.drop(columns=["instance_weight", "income_50k", "marital_stat"])
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(df))
    n_test = round(len(df) * 0.2)
    test, valid, train = order[:n_test], order[n_test:2 * n_test], order[2 * n_test:]
    return df, np.stack([y_income, y_marital], axis=1), train, valid, test


def standardised(s, col, train, parts):
    """Appends the numeric column, log-scaled if a money column, standardised on the training rows (+ missing flag)."""
    x = pd.to_numeric(s).astype(np.float64)
    if col in LOG:
        x = np.sign(x) * np.log1p(np.abs(x))
    tr = x.iloc[train]
    mean, sd = tr.mean(), tr.std(ddof=0) or 1.0
    miss = x.isna()
    parts.append(((x.fillna(mean) - mean) / sd).to_frame(col))
    if miss.iloc[train].any():
        parts.append(miss.astype(np.float32).to_frame(col + ":missing"))


def load_embedded(path, seed):
    """Numeric inputs [N, d], ids [N, fields] (unknown = vocabulary size, missing = vocabulary size + 1), table sizes."""
    df, y, train, valid, test = read(path, seed)
    parts = []
    for col in DENSE:
        standardised(df[col], col, train, parts)
    ids, vocab = [], []
    for col in [c for c in df.columns if c not in DENSE]:
        s = df[col]
        c = pd.Categorical(s, categories=sorted(s.iloc[train].dropna().unique()))
        codes = np.where(c.codes >= 0, c.codes, len(c.categories)).astype(np.int64)
        codes[s.isna().values] = len(c.categories) + 1
        ids.append(codes)
        vocab.append((col, len(c.categories)))
    x = pd.concat(parts, axis=1).to_numpy(dtype=np.float32)
    return x, np.stack(ids, axis=1), vocab, y, train, valid, test


def load(path, seed):
    df, y, train, valid, test = read(path, seed)
    parts = []
    for col in df.columns:
        s = df[col]
        numeric = col not in CATEGORICAL_CODES and pd.to_numeric(s, errors="coerce").notna().sum() == s.notna().sum()
        if numeric:
            standardised(s, col, train, parts)
        else:
            cats = sorted(s.iloc[train].dropna().unique())
            c = pd.Categorical(s, categories=cats)
            onehot = pd.get_dummies(c, prefix=col, dtype=np.float32)
            onehot[col + ":unknown"] = (c.codes < 0).astype(np.float32)
            parts.append(onehot)
    x = pd.concat(parts, axis=1).to_numpy(dtype=np.float32)
    return x, y, train, valid, test


class MMoE(nn.Module):
    def __init__(self, d, experts=8, hidden=32, tower=16, tasks=2):
        super().__init__()
        self.experts = nn.Linear(d, experts * hidden)
        self.gates = nn.ModuleList([nn.Linear(d, experts) for _ in range(tasks)])
        self.towers = nn.ModuleList([nn.Sequential(nn.Linear(hidden, tower), nn.ReLU(), nn.Linear(tower, 1))
                                     for _ in range(tasks)])
        self.e, self.h = experts, hidden

    def forward(self, x):
        ex = torch.relu(self.experts(x)).view(-1, self.e, self.h)
        out = []
        for gate, tower in zip(self.gates, self.towers):
            g = torch.softmax(gate(x), dim=1).unsqueeze(2)
            out.append(tower((g * ex).sum(1)).squeeze(1))
        return out


class Embedded(nn.Module):
    """One table per field (+ unknown row, + a zero padding row for missing cells), concatenated with the numbers."""

    def __init__(self, numeric, vocab, sparse):
        super().__init__()
        self.tables = nn.ModuleList([nn.Embedding(n + 2, 8 if col in WIDE else 4, padding_idx=n + 1, sparse=sparse)
                                     for col, n in vocab])
        self.mmoe = MMoE(numeric + sum(t.embedding_dim for t in self.tables))

    def forward(self, x, ids):
        return self.mmoe(torch.cat([x] + [t(ids[:, f]) for f, t in enumerate(self.tables)], dim=1))


def optimizers(model, sparse):
    if not sparse:
        return [torch.optim.Adam(model.parameters(), lr=1e-3)]
    tables = list(model.tables.parameters())
    return [torch.optim.SparseAdam(tables, lr=1e-3), torch.optim.Adam(model.mmoe.parameters(), lr=1e-3)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-dir", default="../shared/data/census-income-kdd")
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--embedded", action="store_true", help="categorical columns as embedded fields")
    ap.add_argument("--sparse", action="store_true", help="with --embedded: sparse tables and SparseAdam")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    t0 = time.perf_counter()
    path = f"{a.data_dir}/census-income.test.gz"
    if a.embedded:
        x, ids, vocab, y, train, valid, test = load_embedded(path, a.seed)
    else:
        x, y, train, valid, test = load(path, a.seed)
    t1 = time.perf_counter()
    print(f"pandas read+preprocess: {len(x)} rows x {x.shape[1]} inputs in {t1 - t0:.2f}s = {len(x) / (t1 - t0):,.0f} rows/s")
    torch.manual_seed(a.seed)
    model = Embedded(x.shape[1], vocab, a.sparse) if a.embedded else MMoE(x.shape[1])
    opts = optimizers(model, a.embedded and a.sparse)
    bce = nn.BCEWithLogitsLoss()
    xt, yt = torch.from_numpy(x[train]), torch.from_numpy(y[train])
    it = torch.from_numpy(ids[train]) if a.embedded else None
    kind = ("embedded" + (" sparse" if a.sparse else "")) if a.embedded else "one-hot"
    for epoch in range(a.epochs):
        perm = torch.randperm(len(xt))
        e0 = time.perf_counter()
        for i in range(0, len(xt), 1024):
            idx = perm[i:i + 1024]
            out = model(xt[idx], it[idx]) if a.embedded else model(xt[idx])
            loss = bce(out[0], yt[idx, 0]) + bce(out[1], yt[idx, 1])
            for opt in opts:
                opt.zero_grad()
            loss.backward()
            for opt in opts:
                opt.step()
        e1 = time.perf_counter()
        print(f"torch {kind} epoch {epoch + 1}: {len(xt)} rows, batch 1024, {a.threads} threads: {e1 - e0:.3f}s")


if __name__ == "__main__":
    main()
