package io.mtl4j.task;

import io.mtl4j.tensor.Tensor;

/**
 * Which rows carry a label (1) or miss it (0), and the count a loss divides by. The denominator is the number of
 * labelled rows in the whole batch, so shards of one batch processed by different threads add up to the batch mean.
 */
public record LabelMask(Tensor valid, double denominator) {
  public LabelMask {
    if (!(denominator >= 0)) {
      throw new IllegalArgumentException("LabelMask: denominator = " + denominator + ", expected ≥ 0");
    }
  }

  /** Every row of a shard labelled; denominator = its row count. */
  public static LabelMask all(int rows) {
    return new LabelMask(Tensor.zeros(rows).fill(1f), rows);
  }

  public boolean isValid(int row) {
    return valid.get(row) != 0f;
  }

  /** Number of labelled rows in this mask. */
  public int count() {
    int n = 0;
    for (int i = 0; i < valid.size(); i++) if (valid.get(i) != 0f) n++;
    return n;
  }
}
