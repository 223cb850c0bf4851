package io.mtl4j.encode;

import io.mtl4j.autodiff.Var;
import io.mtl4j.nn.Graph;
import io.mtl4j.nn.ParameterBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The identity encoder of a numeric group: the values [B, d] go to the model as they are. Rows stored sparse
 * ({@link SparseRows}, e.g. LibSVM) are made dense here, one batch at a time, so the model computes exactly what it
 * would on the dense matrix while the data set stays O(non-zeros).
 */
public final class DenseEncoder implements Encoder {
  /** A dense group of {@code width} columns. */
  public record Spec(String group, int width, boolean isPrivate) implements EncoderSpec {
    public Spec {
      EncoderSpecs.requireName(group);
      if (width <= 0) throw new IllegalArgumentException("dense group '" + group + "': width = " + width + ", expected > 0");
    }

    static Spec fromMap(Map<String, ?> m, String where) {
      return new Spec(EncoderSpecs.string(m, "group", where), EncoderSpecs.integer(m, "width", where),
          EncoderSpecs.flag(m, "private", where));
    }

    @Override
    public String kind() {
      return "dense";
    }

    @Override
    public int outputSize() {
      return width;
    }

    @Override
    public Encoder create(ParameterBuffer.Builder builder, String prefix, int owner) {
      return new DenseEncoder(this);
    }

    @Override
    public Map<String, Object> toMap() {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("group", group);
      out.put("width", width);
      out.put("private", isPrivate);
      return out;
    }
  }

  private final Spec spec;

  private DenseEncoder(Spec spec) {
    this.spec = spec;
  }

  @Override
  public int outputSize() {
    return spec.width();
  }

  @Override
  public Var encode(Graph g, GroupRows rows) {
    if (rows instanceof DenseRows d && d.width() == spec.width()) return g.input(d.values());
    if (rows instanceof SparseRows s && s.width() == spec.width()) return g.input(s.toDense());
    throw new IllegalArgumentException("dense group '" + spec.group() + "': expected dense or sparse rows of width "
        + spec.width() + ", got " + EncoderSpecs.describe(rows));
  }

  @Override
  public List<ParameterBuffer.ParameterRef> parameters() {
    return List.of();
  }
}
