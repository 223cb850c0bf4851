package io.mtl4j.nn;

import io.mtl4j.autodiff.Gather;
import io.mtl4j.autodiff.Var;
import java.util.List;

/** A lookup table [vocabulary, dimension] for categorical ids. */
public final class Embedding implements Module {
  private final ParameterBuffer.ParameterRef table;

  public Embedding(ParameterBuffer.Builder builder, String name, int vocabulary, int dimension, int owner) {
    if (vocabulary <= 0 || dimension <= 0) {
      throw new IllegalArgumentException("Embedding '" + name + "': vocabulary = " + vocabulary + ", dimension = "
          + dimension + ", expected sizes > 0");
    }
    this.table = builder.add(name + ".table", Init.XAVIER_UNIFORM, owner, vocabulary, dimension);
  }

  /** ids [n] → [n, dimension]. */
  public Var forward(Graph g, int[] ids) {
    return Gather.rows(g.param(table), ids);
  }

  @Override
  public List<ParameterBuffer.ParameterRef> parameters() {
    return List.of(table);
  }
}
