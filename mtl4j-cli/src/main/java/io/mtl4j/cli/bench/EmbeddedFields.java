package io.mtl4j.cli.bench;

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
 * The embedding benchmark's input layer until encoders land: input column f holds one categorical id of field f,
 * embedded by that field's shared table [rows, dimension] (row-sparse unless {@code dense}); the concatenation
 * [B, fields·dimension] feeds {@code inner} (MMoE), as the PyTorch twin's nn.Embedding(sparse=True) tables do.
 */
final class EmbeddedFields implements Architecture {
  record Options(int rows, int dimension, boolean dense, Architecture.Factory inner) implements Factory {
    @Override
    public String name() {
      return "embedded-fields";
    }

    @Override
    public Architecture create(ParameterBuffer.Builder builder, int inputs, int tasks) {
      return new EmbeddedFields(this, builder, inputs, tasks);
    }
  }

  private final Embedding[] tables;
  private final Architecture inner;

  private EmbeddedFields(Options o, ParameterBuffer.Builder builder, int fields, int tasks) {
    this.tables = new Embedding[fields];
    for (int f = 0; f < fields; f++) {
      tables[f] = new Embedding(builder, "field" + f, o.rows(), o.dimension(), Parameter.SHARED, !o.dense());
    }
    this.inner = o.inner().create(builder, fields * o.dimension(), tasks);
  }

  @Override
  public TaskRepresentations forward(Graph g, Var input, int[] tasks) {
    Tensor x = input.value();
    int rows = x.dim(0), fields = tables.length;
    Var[] parts = new Var[fields];
    for (int f = 0; f < fields; f++) { // workers share this instance: nothing per pass is kept in it
      int[] ids = new int[rows];
      for (int i = 0; i < rows; i++) ids[i] = (int) x.get(i * fields + f);
      parts[f] = tables[f].forward(g, ids);
    }
    return inner.forward(g, ConcatSplit.concat(1, parts), tasks);
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
