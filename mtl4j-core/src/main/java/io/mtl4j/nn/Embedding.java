package io.mtl4j.nn;

import io.mtl4j.autodiff.Gather;
import io.mtl4j.autodiff.Var;
import java.util.List;

/**
 * A lookup table [vocabulary, dimension] for categorical ids. A sparse one (torch's
 * {@code nn.Embedding(sparse=True)}) is a row-sparse parameter: each step costs only the rows its ids touched.
 */
public final class Embedding implements Module {
  private final ParameterBuffer.ParameterRef table;

  public Embedding(ParameterBuffer.Builder builder, String name, int vocabulary, int dimension, int owner) {
    this(builder, name, vocabulary, dimension, owner, false);
  }

  /** @param sparse row-sparse gradients ({@link ParameterBuffer.Builder#addRowSparse}); same values either way */
  public Embedding(ParameterBuffer.Builder builder, String name, int vocabulary, int dimension, int owner,
                   boolean sparse) {
    if (vocabulary <= 0 || dimension <= 0) {
      throw new IllegalArgumentException("Embedding '" + name + "': vocabulary = " + vocabulary + ", dimension = "
          + dimension + ", expected sizes > 0");
    }
    this.table = sparse
        ? builder.addRowSparse(name + ".table", Init.XAVIER_UNIFORM, owner, vocabulary, dimension)
        : builder.add(name + ".table", Init.XAVIER_UNIFORM, owner, vocabulary, dimension);
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
