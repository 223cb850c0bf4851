package io.mtl4j.nn;

import io.mtl4j.autodiff.Var;
import java.util.List;

/** Dropout as a layer: active only in {@link Mode#TRAIN}. */
public final class Dropout implements Module {
  private final double p;

  public Dropout(double p) {
    if (!(p >= 0 && p < 1)) {
      throw new IllegalArgumentException("Dropout: p = " + p + ", expected 0 ≤ p < 1");
    }
    this.p = p;
  }

  public Var forward(Graph g, Var x) {
    return g.mode() == Mode.TRAIN && p > 0 ? io.mtl4j.autodiff.Dropout.apply(x, p, g.random()) : x;
  }

  @Override
  public List<ParameterBuffer.ParameterRef> parameters() {
    return List.of();
  }
}
