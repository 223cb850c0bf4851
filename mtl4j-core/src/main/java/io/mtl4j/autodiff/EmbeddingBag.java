package io.mtl4j.autodiff;

import io.mtl4j.tensor.Shapes;
import io.mtl4j.tensor.Tensor;

/**
 * Sum or mean of table rows over ragged segments (PyTorch's {@code EmbeddingBag}): row b of the output pools the
 * rows {@code ids[offsets[b] .. offsets[b+1])} of a table [V, D], each optionally scaled by a per-id weight. The
 * segments are CSR, so multi-hot fields and token sequences need no padding.
 */
public final class EmbeddingBag {
  /** How a segment's rows are combined; an empty segment gives a zero row under both. */
  public enum Pooling { SUM, MEAN }

  private EmbeddingBag() {}

  /** table [V, D], offsets [B+1] non-decreasing into ids → [B, D]. */
  public static Var pool(Var table, int[] offsets, int[] ids, Pooling pooling) {
    return pool(table, offsets, ids, null, pooling);
  }

  /** As above with {@code weights} (one per id, parallel to {@code ids}; null for 1) scaling each picked row. */
  public static Var pool(Var table, int[] offsets, int[] ids, float[] weights, Pooling pooling) {
    Tensor tv = table.value;
    Shapes.requireMatrix("embeddingBag", tv);
    int bags = check(offsets, ids, weights, tv.dim(0));
    int dim = tv.dim(1);
    float[] scale = scales(offsets, ids, weights, pooling);
    Tape tape = table.tape;
    Tensor y = tape.zeros(bags, dim);
    float[] t = tv.data(), out = y.data();
    for (int b = 0; b < bags; b++) {
      for (int k = offsets[b]; k < offsets[b + 1]; k++) {
        int src = tv.offset() + ids[k] * dim;
        float s = scale[k - offsets[0]];
        for (int j = 0; j < dim; j++) out[b * dim + j] += s * t[src + j];
      }
    }
    // The segments' own ids, copied once: the backward scatters into them and names them as the touched rows.
    int first = offsets[0];
    int[] segments = offsets.clone(), picked = java.util.Arrays.copyOfRange(ids, first, offsets[bags]);
    return tape.record(y, g -> {
      // Only the picked rows receive gradient: a row-sparse table then steps just those.
      Tensor dt = tape.rowGrad(table, picked);
      float[] d = dt.data(), gd = g.data();
      for (int b = 0; b < bags; b++) {
        for (int k = segments[b] - first; k < segments[b + 1] - first; k++) {
          int dst = dt.offset() + picked[k] * dim;
          float s = scale[k];
          for (int j = 0; j < dim; j++) d[dst + j] += s * gd[g.offset() + b * dim + j];
        }
      }
    }, table);
  }

  /** Validates the CSR layout and returns the number of bags. */
  private static int check(int[] offsets, int[] ids, float[] weights, int vocabulary) {
    if (offsets.length < 1) throw new IllegalArgumentException("embeddingBag: offsets is empty, expected B+1 entries");
    int last = offsets[offsets.length - 1];
    if (offsets[0] < 0 || last > ids.length) {
      throw new IllegalArgumentException("embeddingBag: offsets span [" + offsets[0] + ", " + last + ") outside "
          + ids.length + " ids");
    }
    for (int b = 1; b < offsets.length; b++) {
      if (offsets[b] < offsets[b - 1]) {
        throw new IllegalArgumentException("embeddingBag: offsets[" + b + "] = " + offsets[b] + " < offsets["
            + (b - 1) + "] = " + offsets[b - 1] + ", expected non-decreasing");
      }
    }
    for (int k = offsets[0]; k < last; k++) {
      if (ids[k] < 0 || ids[k] >= vocabulary) {
        throw new IllegalArgumentException("embeddingBag: id " + ids[k] + " at position " + k + " outside table of "
            + vocabulary + " rows");
      }
    }
    if (weights != null && weights.length != ids.length) {
      throw new IllegalArgumentException("embeddingBag: " + weights.length + " weights for " + ids.length + " ids");
    }
    return offsets.length - 1;
  }

  /** The factor each picked row is multiplied by: its weight, divided by the segment's length under MEAN. */
  private static float[] scales(int[] offsets, int[] ids, float[] weights, Pooling pooling) {
    int first = offsets[0];
    float[] scale = new float[offsets[offsets.length - 1] - first];
    for (int b = 0; b + 1 < offsets.length; b++) {
      int n = offsets[b + 1] - offsets[b];
      for (int k = offsets[b]; k < offsets[b + 1]; k++) {
        float w = weights == null ? 1f : weights[k];
        scale[k - first] = pooling == Pooling.MEAN ? w / n : w;
      }
    }
    return scale;
  }
}
