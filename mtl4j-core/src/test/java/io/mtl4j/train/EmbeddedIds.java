package io.mtl4j.train;

import io.mtl4j.arch.Architecture;
import io.mtl4j.arch.TaskRepresentations;
import io.mtl4j.autodiff.ConcatSplit;
import io.mtl4j.autodiff.Var;
import io.mtl4j.nn.Embedding;
import io.mtl4j.nn.Graph;
import io.mtl4j.nn.Parameter;
import io.mtl4j.nn.ParameterBuffer;
import io.mtl4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Test fixture until encoders exist: each input column holds a categorical id, embedded by a shared table per
 * column (row-sparse or dense), concatenated [B, columns·dimension] and fed to {@code inner}. Lets the real trainer
 * run a model with embedding tables.
 */
final class EmbeddedIds implements Architecture {
  record Options(int vocabulary, int dimension, boolean sparse, Architecture.Factory inner) implements Factory {
    @Override
    public String name() {
      return "embedded-ids";
    }

    @Override
    public Architecture create(ParameterBuffer.Builder builder, int inputs, int tasks) {
      return new EmbeddedIds(this, builder, inputs, tasks);
    }
  }

  private final Embedding[] tables;
  private final Architecture inner;

  private EmbeddedIds(Options o, ParameterBuffer.Builder builder, int fields, int tasks) {
    this.tables = new Embedding[fields];
    for (int f = 0; f < fields; f++) {
      tables[f] = new Embedding(builder, "field" + f, o.vocabulary(), o.dimension(), Parameter.SHARED, o.sparse());
    }
    this.inner = o.inner().create(builder, fields * o.dimension(), tasks);
  }

  @Override
  public TaskRepresentations forward(Graph g, Var input, int[] tasks) {
    Tensor x = input.value();
    int rows = x.dim(0), fields = tables.length;
    Var[] parts = new Var[fields];
    for (int f = 0; f < fields; f++) {
      int[] ids = new int[rows];
      for (int i = 0; i < rows; i++) ids[i] = (int) x.get(i * fields + f);
      parts[f] = tables[f].forward(g, ids);
    }
    return inner.forward(g, ConcatSplit.concat(1, parts), tasks);
  }

  @Override
  public boolean hasSharedCut() {
    return inner.hasSharedCut();
  }

  @Override
  public int outputSize(int task) {
    return inner.outputSize(task);
  }

  @Override
  public List<ParameterBuffer.ParameterRef> parameters() {
    List<ParameterBuffer.ParameterRef> all = new ArrayList<>();
    for (Embedding t : tables) all.addAll(t.parameters());
    all.addAll(inner.parameters());
    return all;
  }
}
