package io.mtl4j.encode;

import io.mtl4j.autodiff.ConcatSplit;
import io.mtl4j.autodiff.EmbeddingBag;
import io.mtl4j.autodiff.EmbeddingBag.Pooling;
import io.mtl4j.autodiff.Var;
import io.mtl4j.nn.Graph;
import io.mtl4j.nn.ParameterBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Categorical fields through embedding tables, one per field with its own size, concatenated: the embedding layer of
 * DeepCTR-style recommendation models (Cheng et al. 2016, "Wide &amp; Deep Learning for Recommender Systems"). A
 * multi-hot field pools its rows (sum or mean).
 */
public final class CategoricalEncoder implements Encoder {
  /** One field: its table has {@code rows} rows (vocabulary plus hash buckets) of {@code dimension} floats. */
  public record Field(String name, int rows, int dimension) {
    public Field {
      EncoderSpecs.requireName(name);
      if (rows <= 0 || dimension <= 0) {
        throw new IllegalArgumentException("categorical field '" + name + "': rows = " + rows + ", dimension = "
            + dimension + ", expected both > 0");
      }
    }
  }

  /**
   * A group of categorical fields; {@code pooling} combines a multi-hot field's ids. {@code sparse}: the tables are
   * row-sparse ({@link ParameterBuffer.Builder#addRowSparse}), so a step touches only the rows its batch used.
   */
  public record Spec(String group, List<Field> fields, Pooling pooling, boolean isPrivate, boolean sparse)
      implements EncoderSpec {
    public Spec {
      EncoderSpecs.requireName(group);
      if (fields == null || fields.isEmpty()) {
        throw new IllegalArgumentException("categorical group '" + group + "': no fields, expected at least one");
      }
      fields = List.copyOf(fields);
      if (fields.stream().map(Field::name).distinct().count() != fields.size()) {
        throw new IllegalArgumentException("categorical group '" + group + "': duplicate field names in "
            + fields.stream().map(Field::name).toList());
      }
      pooling = pooling == null ? Pooling.SUM : pooling;
    }

    /** Dense tables. */
    public Spec(String group, List<Field> fields, Pooling pooling, boolean isPrivate) {
      this(group, fields, pooling, isPrivate, false);
    }

    static Spec fromMap(Map<String, ?> m, String where) {
      List<Field> fields = new ArrayList<>();
      List<Map<String, ?>> raw = EncoderSpecs.maps(m, "fields", where);
      for (int i = 0; i < raw.size(); i++) {
        String at = where + ".fields[" + i + "]";
        fields.add(new Field(EncoderSpecs.string(raw.get(i), "name", at), EncoderSpecs.integer(raw.get(i), "rows", at),
            EncoderSpecs.integer(raw.get(i), "dimension", at)));
      }
      String pooling = EncoderSpecs.string(m, "pooling", where);
      return new Spec(EncoderSpecs.string(m, "group", where), fields, EncoderSpecs.pooling(pooling, where + ".pooling"),
          EncoderSpecs.flag(m, "private", where), EncoderSpecs.flag(m, "sparse", where));
    }

    @Override
    public String kind() {
      return "categorical";
    }

    @Override
    public int outputSize() {
      int d = 0;
      for (Field f : fields) d += f.dimension();
      return d;
    }

    @Override
    public Encoder create(ParameterBuffer.Builder builder, String prefix, int owner) {
      return new CategoricalEncoder(this, builder, prefix, owner);
    }

    @Override
    public Map<String, Object> toMap() {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("group", group);
      List<Object> fs = new ArrayList<>();
      for (Field f : fields) fs.add(Map.of("name", f.name(), "rows", f.rows(), "dimension", f.dimension()));
      out.put("fields", fs);
      out.put("pooling", pooling.name().toLowerCase(java.util.Locale.ROOT));
      out.put("private", isPrivate);
      EncoderSpecs.putSparse(out, sparse);
      return out;
    }
  }

  private final Spec spec;
  private final List<ParameterBuffer.ParameterRef> tables = new ArrayList<>();

  private CategoricalEncoder(Spec spec, ParameterBuffer.Builder builder, String prefix, int owner) {
    this.spec = spec;
    for (Field f : spec.fields()) {
      tables.add(EncoderSpecs.table(builder, prefix + "." + f.name(), owner, f.rows(), f.dimension(), spec.sparse()));
    }
  }

  @Override
  public int outputSize() {
    return spec.outputSize();
  }

  /** Each field's pooled embedding [B, dim_f], concatenated into [B, Σ dim_f]. */
  @Override
  public Var encode(Graph g, GroupRows rows) {
    if (!(rows instanceof CategoricalRows c) || c.fields().size() != spec.fields().size()) {
      throw new IllegalArgumentException("categorical group '" + spec.group() + "': expected " + spec.fields().size()
          + " fields, got " + EncoderSpecs.describe(rows));
    }
    Var[] parts = new Var[tables.size()];
    for (int f = 0; f < parts.length; f++) {
      IdRows ids = c.fields().get(f);
      requireInTable(ids, spec.fields().get(f));
      parts[f] = EmbeddingBag.pool(g.param(tables.get(f)), ids.offsets(), ids.ids(), spec.pooling());
    }
    return parts.length == 1 ? parts[0] : ConcatSplit.concat(1, parts);
  }

  /** Names the group, field and row of an id the table has no row for (the op would only name the position). */
  private void requireInTable(IdRows ids, Field field) {
    int[] bad = ids.firstOutside(field.rows());
    if (bad != null) {
      throw new IllegalArgumentException("categorical group '" + spec.group() + "', field '" + field.name()
          + "', batch row " + bad[0] + ": id " + bad[1] + " outside the table's " + field.rows() + " rows");
    }
  }

  @Override
  public List<ParameterBuffer.ParameterRef> parameters() {
    return List.copyOf(tables);
  }
}
