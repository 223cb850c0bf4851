package io.mtl4j.encode;

import io.mtl4j.autodiff.ConcatSplit;
import io.mtl4j.autodiff.Elementwise;
import io.mtl4j.autodiff.Reduce;
import io.mtl4j.autodiff.Var;
import io.mtl4j.nn.BatchNorm2d;
import io.mtl4j.nn.Conv2d;
import io.mtl4j.nn.Graph;
import io.mtl4j.nn.Init;
import io.mtl4j.nn.ParameterBuffer;
import io.mtl4j.nn.Pool2d;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Images through a convolutional trunk (conv, optional batch norm, ReLU, optional max pooling per layer), flattened or
 * globally average-pooled to a vector: the shared trunk of the two-head MultiMNIST CNN (Sabour et al. 2017).
 */
public final class ImageEncoder implements Encoder {
  /** Pixels of one image the spec may declare: bounds the activations a model file can make a forward pass allocate. */
  static final long MAX_PIXELS = 1L << 24;

  /** One conv layer: {@code pool} ≤ 1 means no pooling, else k×k max pooling with stride k after the ReLU. */
  public record Layer(int channels, int kernel, int stride, int padding, int pool, boolean batchNorm) {
    static Layer fromMap(Map<String, ?> m, String where) {
      return new Layer(EncoderSpecs.integer(m, "channels", where), EncoderSpecs.integer(m, "kernel", where),
          EncoderSpecs.integer(m, "stride", where), EncoderSpecs.integer(m, "padding", where),
          EncoderSpecs.integer(m, "pool", where), EncoderSpecs.flag(m, "batchNorm", where));
    }

    Map<String, Object> toMap() {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("channels", channels);
      out.put("kernel", kernel);
      out.put("stride", stride);
      out.put("padding", padding);
      out.put("pool", pool);
      out.put("batchNorm", batchNorm);
      return out;
    }
  }

  /**
   * An image group of C×H×W pixels and its trunk; {@code globalAverage} pools each final channel to one value
   * (output = last channels) instead of flattening the final map (output = channels·h·w).
   */
  public record Spec(String group, int channels, int height, int width, List<Layer> layers, boolean globalAverage,
                     boolean isPrivate) implements EncoderSpec {
    public Spec {
      EncoderSpecs.requireName(group);
      if (channels <= 0 || height <= 0 || width <= 0 || (long) channels * height * width > MAX_PIXELS) {
        throw new IllegalArgumentException("image group '" + group + "': C×H×W = " + channels + "×" + height + "×"
            + width + ", expected all ≥ 1 and at most " + MAX_PIXELS + " values");
      }
      layers = List.copyOf(layers);
      mapShapes(group, channels, height, width, layers);
    }

    static Spec fromMap(Map<String, ?> m, String where) {
      List<Layer> layers = new ArrayList<>();
      List<Map<String, ?>> raw = EncoderSpecs.maps(m, "layers", where);
      for (int i = 0; i < raw.size(); i++) layers.add(Layer.fromMap(raw.get(i), where + ".layers[" + i + "]"));
      return new Spec(EncoderSpecs.string(m, "group", where), EncoderSpecs.integer(m, "channels", where),
          EncoderSpecs.integer(m, "height", where), EncoderSpecs.integer(m, "width", where), layers,
          EncoderSpecs.flag(m, "globalAverage", where), EncoderSpecs.flag(m, "private", where));
    }

    @Override
    public String kind() {
      return "image";
    }

    /** [C, h, w] of the trunk's last feature map. */
    public int[] featureMap() {
      return mapShapes(group, channels, height, width, layers);
    }

    @Override
    public int outputSize() {
      int[] map = featureMap();
      return globalAverage ? map[0] : map[0] * map[1] * map[2];
    }

    @Override
    public Encoder create(ParameterBuffer.Builder builder, String prefix, int owner) {
      return new ImageEncoder(this, builder, prefix, owner);
    }

    @Override
    public Map<String, Object> toMap() {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("group", group);
      out.put("channels", channels);
      out.put("height", height);
      out.put("width", width);
      out.put("layers", layers.stream().map(Layer::toMap).toList());
      out.put("globalAverage", globalAverage);
      out.put("private", isPrivate);
      return out;
    }
  }

  /** Follows the map's shape through the layers, refusing a layer that leaves nothing or grows it past the bound. */
  private static int[] mapShapes(String group, int c, int h, int w, List<Layer> layers) {
    for (int i = 0; i < layers.size(); i++) {
      Layer l = layers.get(i);
      String at = "image group '" + group + "' layer " + i;
      if (l.channels() <= 0 || l.kernel() <= 0 || l.stride() <= 0 || l.padding() < 0 || l.pool() < 0) {
        throw new IllegalArgumentException(at + ": " + l + "; expected channels, kernel, stride ≥ 1 and padding, "
            + "pool ≥ 0");
      }
      h = (h + 2 * l.padding() - l.kernel()) / l.stride() + 1;
      w = (w + 2 * l.padding() - l.kernel()) / l.stride() + 1;
      if (l.pool() > 1) {
        h /= l.pool();
        w /= l.pool();
      }
      c = l.channels();
      if (h <= 0 || w <= 0 || (long) c * h * w > MAX_PIXELS) {
        throw new IllegalArgumentException(at + ": the feature map becomes " + c + "×" + h + "×" + w
            + "; expected a non-empty map of at most " + MAX_PIXELS + " values");
      }
    }
    return new int[] {c, h, w};
  }

  private final Spec spec;
  private final Conv2d[] convs;
  private final BatchNorm2d[] norms; // null where a layer has no batch norm

  private ImageEncoder(Spec spec, ParameterBuffer.Builder builder, String prefix, int owner) {
    this.spec = spec;
    int n = spec.layers().size(), in = spec.channels();
    this.convs = new Conv2d[n];
    this.norms = new BatchNorm2d[n];
    for (int i = 0; i < n; i++) {
      Layer l = spec.layers().get(i);
      // He init: every conv feeds a ReLU.
      convs[i] = new Conv2d(builder, prefix + ".conv" + i, in, l.channels(), l.kernel(), l.stride(), l.padding(),
          Init.HE_UNIFORM, owner);
      if (l.batchNorm()) norms[i] = new BatchNorm2d(builder, prefix + ".norm" + i, l.channels(), owner);
      in = l.channels();
    }
  }

  @Override
  public int outputSize() {
    return spec.outputSize();
  }

  @Override
  public Var encode(Graph g, GroupRows rows) {
    return encodeMap(featureMap(g, rows));
  }

  /** The trunk's feature map [B, C, h, w] (from {@link #featureMap}) → this encoder's output [B, outputSize()]. */
  public Var encodeMap(Var map) {
    int[] s = map.shape();
    if (spec.globalAverage()) return Reduce.mean(ConcatSplit.reshape(map, s[0], s[1], s[2] * s[3]), 2);
    return ConcatSplit.reshape(map, s[0], s[1] * s[2] * s[3]);
  }

  /** The trunk's last feature map [B, C, h, w]: what a dense per-pixel head reads. */
  public Var featureMap(Graph g, GroupRows rows) {
    if (!(rows instanceof ImageRows im) || im.channels() != spec.channels() || im.height() != spec.height()
        || im.width() != spec.width()) {
      throw new IllegalArgumentException("image group '" + spec.group() + "': expected images of C×H×W = "
          + spec.channels() + "×" + spec.height() + "×" + spec.width() + ", got " + describe(rows));
    }
    Var x = ConcatSplit.reshape(g.input(im.pixels()), im.rows(), im.channels(), im.height(), im.width());
    for (int i = 0; i < convs.length; i++) {
      x = convs[i].forward(g, x);
      if (norms[i] != null) x = norms[i].forward(g, x);
      x = Elementwise.relu(x);
      int pool = spec.layers().get(i).pool();
      if (pool > 1) x = Pool2d.max(pool).forward(x);
    }
    return x;
  }

  private static String describe(GroupRows rows) {
    return rows instanceof ImageRows im
        ? "images of C×H×W = " + im.channels() + "×" + im.height() + "×" + im.width()
        : EncoderSpecs.describe(rows);
  }

  @Override
  public List<ParameterBuffer.ParameterRef> parameters() {
    List<ParameterBuffer.ParameterRef> out = new ArrayList<>();
    for (int i = 0; i < convs.length; i++) {
      out.addAll(convs[i].parameters());
      if (norms[i] != null) out.addAll(norms[i].parameters());
    }
    return out;
  }
}
