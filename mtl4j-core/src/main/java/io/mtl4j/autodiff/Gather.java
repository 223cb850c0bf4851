package io.mtl4j.autodiff;

import io.mtl4j.tensor.Shapes;
import io.mtl4j.tensor.Tensor;

/** Row lookup (embedding): rows of a table [V, D] picked by integer ids. */
public final class Gather {
  private Gather() {}

  /** table [V, D], ids [n] → [n, D]; the backward scatter-adds into the picked rows. */
  public static Var rows(Var table, int[] ids) {
    Tensor tv = table.value;
    Shapes.requireMatrix("gather", tv);
    int vocab = tv.dim(0), dim = tv.dim(1), n = ids.length;
    for (int i = 0; i < n; i++) {
      if (ids[i] < 0 || ids[i] >= vocab) {
        throw new IllegalArgumentException("gather: id " + ids[i] + " at position " + i + " outside table of " + vocab + " rows");
      }
    }
    Tape tape = table.tape;
    Tensor y = tape.alloc(n, dim);
    for (int i = 0; i < n; i++) {
      System.arraycopy(tv.data(), tv.offset() + ids[i] * dim, y.data(), i * dim, dim);
    }
    int[] picked = ids.clone();
    return tape.record(y, g -> {
      Tensor dt = tape.rowGrad(table, picked); // a row-sparse table then steps only the picked rows
      float[] d = dt.data(), gd = g.data();
      for (int i = 0; i < n; i++) {
        int dst = dt.offset() + picked[i] * dim, src = g.offset() + i * dim;
        for (int j = 0; j < dim; j++) d[dst + j] += gd[src + j];
      }
    }, table);
  }
}
