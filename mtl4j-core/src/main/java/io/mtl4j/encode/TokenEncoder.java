package io.mtl4j.encode;

import io.mtl4j.autodiff.EmbeddingBag;
import io.mtl4j.autodiff.Gather;
import io.mtl4j.autodiff.SegmentMax;
import io.mtl4j.autodiff.Var;
import io.mtl4j.nn.Activation;
import io.mtl4j.nn.Graph;
import io.mtl4j.nn.Init;
import io.mtl4j.nn.ParameterBuffer;
import io.mtl4j.nn.SequenceConv;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Token sequences through one embedding table — shared by all tasks unless private — pooled to one vector per row:
 * the mean (fastText, Joulin et al. 2017), the maximum, or a 1-D convolution then max over time (Kim 2014).
 */
public final class TokenEncoder implements Encoder {
  /** How a row's token vectors become one vector. */
  public enum Pooling { MEAN, MAX, CONV }

  /**
   * A token group: a table of {@code vocabulary} rows (padding and out-of-vocabulary rows included) of {@code dimension}
   * floats; under {@link Pooling#CONV}, {@code convChannels} filters of {@code convWidth} tokens (0 otherwise).
   * {@code sparse}: the table is row-sparse, so a step touches only the rows of its batch's tokens.
   */
  public record Spec(String group, int vocabulary, int dimension, Pooling pooling, int convWidth, int convChannels,
      boolean isPrivate, boolean sparse) implements EncoderSpec {
    public Spec {
      EncoderSpecs.requireName(group);
      if (vocabulary <= 0 || dimension <= 0) {
        throw new IllegalArgumentException("token group '" + group + "': vocabulary = " + vocabulary + ", dimension = "
            + dimension + ", expected both > 0");
      }
      if (pooling == null) throw new IllegalArgumentException("token group '" + group + "': pooling is missing");
      boolean conv = pooling == Pooling.CONV;
      if (conv ? convWidth <= 0 || convChannels <= 0 : convWidth != 0 || convChannels != 0) {
        throw new IllegalArgumentException("token group '" + group + "': convWidth = " + convWidth + ", convChannels = "
            + convChannels + (conv ? ", expected both > 0 with conv pooling" : ", expected 0 unless pooling is conv"));
      }
    }

    /** A dense table. */
    public Spec(String group, int vocabulary, int dimension, Pooling pooling, int convWidth, int convChannels,
                boolean isPrivate) {
      this(group, vocabulary, dimension, pooling, convWidth, convChannels, isPrivate, false);
    }

    static Spec fromMap(Map<String, ?> m, String where) {
      String pooling = EncoderSpecs.string(m, "pooling", where);
      Pooling p;
      try {
        p = Pooling.valueOf(pooling.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ".pooling = '" + pooling + "': expected one of [mean, max, conv]", e);
      }
      return new Spec(EncoderSpecs.string(m, "group", where), EncoderSpecs.integer(m, "vocabulary", where),
          EncoderSpecs.integer(m, "dimension", where), p, EncoderSpecs.integer(m, "convWidth", where),
          EncoderSpecs.integer(m, "convChannels", where), EncoderSpecs.flag(m, "private", where),
          EncoderSpecs.flag(m, "sparse", where));
    }

    @Override
    public String kind() {
      return "tokens";
    }

    @Override
    public int outputSize() {
      return pooling == Pooling.CONV ? convChannels : dimension;
    }

    @Override
    public Encoder create(ParameterBuffer.Builder builder, String prefix, int owner) {
      return new TokenEncoder(this, builder, prefix, owner);
    }

    @Override
    public Map<String, Object> toMap() {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("group", group);
      out.put("vocabulary", vocabulary);
      out.put("dimension", dimension);
      out.put("pooling", pooling.name().toLowerCase(Locale.ROOT));
      out.put("convWidth", convWidth);
      out.put("convChannels", convChannels);
      out.put("private", isPrivate);
      EncoderSpecs.putSparse(out, sparse);
      return out;
    }
  }

  private final Spec spec;
  private final ParameterBuffer.ParameterRef table;
  private final SequenceConv conv;

  private TokenEncoder(Spec spec, ParameterBuffer.Builder builder, String prefix, int owner) {
    this.spec = spec;
    this.table = EncoderSpecs.table(builder, prefix, owner, spec.vocabulary(), spec.dimension(), spec.sparse());
    this.conv = spec.pooling() == Pooling.CONV ? new SequenceConv(builder, prefix + ".conv", spec.dimension(),
        spec.convChannels(), spec.convWidth(), Init.HE_UNIFORM, owner) : null;
  }

  /** The parameter holding the embedding table [vocabulary, dimension] (to load pre-trained word vectors into). */
  public ParameterBuffer.ParameterRef table() {
    return table;
  }

  @Override
  public int outputSize() {
    return spec.outputSize();
  }

  /**
   * Each row's tokens [B rows of ragged ids] → [B, outputSize()]; an empty row gives a zero vector. Weighted ids
   * ({@link BagRows}, mean pooling only) are pooled as Σ weight·row.
   */
  @Override
  public Var encode(Graph g, GroupRows rows) {
    IdRows ids = rows instanceof BagRows bag ? bag.ids() : rows instanceof IdRows r ? r : null;
    if (ids == null) {
      throw new IllegalArgumentException("token group '" + spec.group() + "': expected token ids, got "
          + EncoderSpecs.describe(rows));
    }
    requireInTable(ids);
    Var tableVar = g.param(table);
    // EmbeddingBag reads a shard's view (absolute offsets into its batch's ids) as it is; Gather takes whole arrays.
    if (rows instanceof BagRows bag) {
      if (spec.pooling() != Pooling.MEAN) {
        throw new IllegalArgumentException("token group '" + spec.group() + "': weighted ids (a bag of term counts) "
            + "need mean pooling, not " + spec.pooling().name().toLowerCase(Locale.ROOT));
      }
      return EmbeddingBag.pool(tableVar, ids.offsets(), ids.ids(), bag.weights(), EmbeddingBag.Pooling.SUM);
    }
    if (spec.pooling() == Pooling.MEAN) {
      return EmbeddingBag.pool(tableVar, ids.offsets(), ids.ids(), EmbeddingBag.Pooling.MEAN);
    }
    IdRows own = rebased(ids);
    Var tokens = Gather.rows(tableVar, own.ids());
    if (conv != null) tokens = conv.forward(g, tokens, own.offsets(), Activation.RELU);
    return SegmentMax.max(tokens, own.offsets());
  }

  /** The rows' own ids with offsets from 0 (a shard's offsets point into its parent batch's ids). */
  private static IdRows rebased(IdRows ids) {
    int[] o = ids.offsets();
    if (o[0] == 0 && o[o.length - 1] == ids.ids().length) return ids;
    int[] offsets = new int[o.length];
    for (int i = 0; i < o.length; i++) offsets[i] = o[i] - o[0];
    return new IdRows(offsets, Arrays.copyOfRange(ids.ids(), o[0], o[o.length - 1]));
  }

  private void requireInTable(IdRows ids) {
    int[] bad = ids.firstOutside(spec.vocabulary());
    if (bad != null) {
      throw new IllegalArgumentException("token group '" + spec.group() + "', batch row " + bad[0] + ": token id "
          + bad[1] + " outside the table's " + spec.vocabulary() + " rows");
    }
  }

  @Override
  public List<ParameterBuffer.ParameterRef> parameters() {
    List<ParameterBuffer.ParameterRef> out = new ArrayList<>(List.of(table));
    if (conv != null) out.addAll(conv.parameters());
    return out;
  }
}
