package io.mtl4j.onnx;

import io.mtl4j.data.FeatureEncoder;
import io.mtl4j.data.GroupedFeatures;
import io.mtl4j.data.Preprocessing;
import io.mtl4j.data.Table;
import io.mtl4j.encode.BagRows;
import io.mtl4j.encode.CategoricalRows;
import io.mtl4j.encode.DenseRows;
import io.mtl4j.encode.FeatureRows;
import io.mtl4j.encode.GroupRows;
import io.mtl4j.encode.IdRows;
import io.mtl4j.encode.ImageRows;
import io.mtl4j.encode.SparseRows;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The graph inputs of a model with feature groups, built from mtl4j's own rows: what a caller in another language
 * does with the sidecar ({@link GroupSidecar}), done here with mtl4j's readers and vocabularies. Ids are padded with
 * −1 to the batch's longest row (at least 1).
 */
public final class OnnxGroupInputs {
  /**
   * One graph input, row-major.
   *
   * @param values long[] for int64, float[] for float, double[] for double
   */
  public record Feed(long[] shape, Object values) {}

  private OnnxGroupInputs() {}

  /**
   * The inputs of a graph exported without preprocessing, from the rows mtl4j's model reads: a dense group's values,
   * ids as they are, a bag's ids and weights ({@code <group>.weights}), an image group's pixels.
   */
  public static Map<String, Feed> of(FeatureRows rows) {
    Map<String, Feed> out = new LinkedHashMap<>();
    for (Map.Entry<String, GroupRows> e : rows.groups().entrySet()) put(out, e.getKey(), e.getValue());
    return out;
  }

  /**
   * The inputs of a graph exported with {@code p} for every row of {@code table} (raw columns, as in the file the
   * model was trained on): a dense group's raw columns, the ids the fitted vocabularies and tokenizers give.
   */
  public static Map<String, Feed> of(Preprocessing p, Table table) {
    if (p.groups() == null) throw new IllegalArgumentException("the preprocessing fits no feature groups");
    FeatureRows ids = p.groupRows(table, Preprocessing.allRows(table), false);
    Map<String, Feed> out = new LinkedHashMap<>();
    for (GroupedFeatures.Group g : p.groups().groups()) {
      if (g instanceof GroupedFeatures.Dense d) out.put(g.name(), rawColumns(d.encoders(), table));
      else put(out, g.name(), ids.group(g.name()));
    }
    return out;
  }

  private static Feed rawColumns(List<FeatureEncoder> encoders, Table table) {
    int rows = table.rows(), k = encoders.size();
    double[] x = new double[rows * k];
    for (int c = 0; c < k; c++) {
      FeatureEncoder e = encoders.get(c);
      if (e instanceof FeatureEncoder.Numeric) {
        double[] v = OnnxInputs.numeric(e, table);
        for (int r = 0; r < rows; r++) x[r * k + c] = v[r];
      } else {
        long[] v = OnnxInputs.index(e, table);
        for (int r = 0; r < rows; r++) x[r * k + c] = v[r];
      }
    }
    return new Feed(new long[] {rows, k}, x);
  }

  private static void put(Map<String, Feed> out, String name, GroupRows rows) {
    if (rows instanceof DenseRows d) {
      out.put(name, new Feed(new long[] {d.rows(), d.width()}, d.values().toArray()));
    } else if (rows instanceof SparseRows s) {
      out.put(name, new Feed(new long[] {s.rows(), s.width()}, s.toDense().toArray()));
    } else if (rows instanceof CategoricalRows c) {
      out.put(name, padded(c.fields()));
    } else if (rows instanceof IdRows ids) {
      Feed f = padded(List.of(ids));
      out.put(name, new Feed(new long[] {ids.rows(), f.shape()[2]}, f.values()));
    } else if (rows instanceof BagRows bag) {
      put(out, name, bag.ids());
      out.put(name + TokenExport.WEIGHTS, weights(bag, out.get(name).shape()[1]));
    } else if (rows instanceof ImageRows im) {
      out.put(name, new Feed(new long[] {im.rows(), im.channels(), im.height(), im.width()}, im.pixels().toArray()));
    } else {
      throw new IllegalArgumentException("feature group '" + name + "': rows of " + rows.getClass().getSimpleName()
          + " have no ONNX input");
    }
  }

  /** F fields' ids → [rows, F, K] with −1 after each row's ids, K the longest row (at least 1). */
  private static Feed padded(List<IdRows> fields) {
    int rows = fields.get(0).rows(), f = fields.size(), k = 1;
    for (IdRows ids : fields) for (int r = 0; r < rows; r++) k = Math.max(k, length(ids, r));
    long[] out = new long[rows * f * k];
    Arrays.fill(out, -1);
    for (int j = 0; j < f; j++) {
      IdRows ids = fields.get(j);
      for (int r = 0; r < rows; r++) {
        int from = ids.offsets()[r];
        for (int i = 0; i < length(ids, r); i++) out[(r * f + j) * k + i] = ids.ids()[from + i];
      }
    }
    return new Feed(new long[] {rows, f, k}, out);
  }

  private static Feed weights(BagRows bag, long width) {
    IdRows ids = bag.ids();
    int l = (int) width;
    float[] out = new float[ids.rows() * l];
    for (int r = 0; r < ids.rows(); r++) {
      int from = ids.offsets()[r];
      for (int i = 0; i < length(ids, r); i++) out[r * l + i] = bag.weights()[from + i];
    }
    return new Feed(new long[] {ids.rows(), l}, out);
  }

  private static int length(IdRows ids, int row) {
    return ids.offsets()[row + 1] - ids.offsets()[row];
  }
}
