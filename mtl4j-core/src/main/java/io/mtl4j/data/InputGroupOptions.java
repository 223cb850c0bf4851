package io.mtl4j.data;

import io.mtl4j.autodiff.EmbeddingBag.Pooling;
import io.mtl4j.config.OptionBinder;
import io.mtl4j.encode.ImageEncoder;
import io.mtl4j.encode.TokenEncoder;
import io.mtl4j.encode.text.Tokenizer;
import io.mtl4j.encode.text.Vocabulary;
import io.mtl4j.data.read.WordVectors;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One declared feature group of a config's {@code inputs:} list: which columns it reads and how they are encoded.
 * Validated where built; {@link #bind} reads a YAML list through {@link OptionBinder}, errors naming the key path.
 */
public sealed interface InputGroupOptions {
  String name();

  List<String> columns();

  boolean isPrivate();

  /** This group fitted on the training rows ({@code features} says how dense columns are scaled and one-hot encoded). */
  GroupedFeatures.Group fit(Table table, int[] trainRows, FeatureOptions features);

  /** Numeric (and one-hot) columns encoded as {@code features:} says, fed to the model as they are. */
  record Dense(String name, List<String> columns, boolean isPrivate) implements InputGroupOptions {
    public Dense {
      requireColumns(name, columns);
      columns = List.copyOf(columns);
    }

    @Override
    public GroupedFeatures.Group fit(Table table, int[] trainRows, FeatureOptions features) {
      return new GroupedFeatures.Dense(name, columns.stream()
          .map(c -> Preprocessing.fitColumn(table, table.indexOf(c), trainRows, features)).toList(), isPrivate);
    }
  }

  /**
   * Columns embedded as categorical fields.
   *
   * @param embeddingDim      width of each field's embedding
   * @param embeddingDims     per-column overrides of {@code embeddingDim}
   * @param hashBuckets       table rows for values outside the vocabulary (unseen or rarer than minCount); 0: such a
   *                          value is an error naming the file, row and column
   * @param multiHotSeparator splits a cell into several ids (a multi-hot field); null: one id per cell
   * @param minCount          training rows a value needs to get its own row
   * @param pooling           how a multi-hot field's rows combine: sum or mean
   * @param sparse            row-sparse tables: a step updates only the rows its batch used (lazy Adam)
   */
  record Categorical(String name, List<String> columns, int embeddingDim, Map<String, Integer> embeddingDims,
                     int hashBuckets, String multiHotSeparator, int minCount, Pooling pooling, boolean sparse,
                     boolean isPrivate) implements InputGroupOptions {
    public Categorical {
      requireColumns(name, columns);
      columns = List.copyOf(columns);
      embeddingDims = Map.copyOf(embeddingDims);
      if (embeddingDim < 1) throw new IllegalArgumentException("embeddingDim = " + embeddingDim + ", expected ≥ 1");
      for (Map.Entry<String, Integer> e : embeddingDims.entrySet()) {
        if (!columns.contains(e.getKey())) {
          throw new IllegalArgumentException("embeddingDims names '" + e.getKey() + "', not one of the group's columns "
              + columns);
        }
        if (e.getValue() < 1) {
          throw new IllegalArgumentException("embeddingDims." + e.getKey() + " = " + e.getValue() + ", expected ≥ 1");
        }
      }
      if (hashBuckets < 0) throw new IllegalArgumentException("hashBuckets = " + hashBuckets + ", expected ≥ 0");
      if (minCount < 1) throw new IllegalArgumentException("minCount = " + minCount + ", expected ≥ 1");
      if (multiHotSeparator != null && multiHotSeparator.isEmpty()) {
        throw new IllegalArgumentException("multiHotSeparator is empty; leave it out for one id per cell");
      }
    }

    public int dimension(String column) {
      return embeddingDims.getOrDefault(column, embeddingDim);
    }

    @Override
    public GroupedFeatures.Group fit(Table table, int[] trainRows, FeatureOptions features) {
      return new GroupedFeatures.Categorical(name, columns.stream()
          .map(c -> CategoricalColumn.fit(table, trainRows, c, this)).toList(), pooling, isPrivate, sparse);
    }
  }

  /**
   * A text column as token sequences through one embedding table ({@link io.mtl4j.encode.TokenEncoder}).
   *
   * @param vocabulary  fitted on the training rows' tokens (null when hashing)
   * @param hashBuckets &gt; 0: feature hashing into this many rows instead of a fitted vocabulary
   * @param pretrained  word vectors loaded into the table once the model is built; null: drawn at random
   * @param sparse      a row-sparse table: a step updates only the rows of its batch's tokens (lazy Adam)
   */
  record Tokens(String name, String column, Tokenizer tokenizer, Vocabulary.Options vocabulary, int hashBuckets,
                int embeddingDim, TokenEncoder.Pooling pooling, int convWidth, int convChannels, Pretrained pretrained,
                boolean sparse, boolean isPrivate) implements InputGroupOptions {
    public Tokens {
      requireColumns(name, column == null ? null : List.of(column));
      if (embeddingDim < 1) throw new IllegalArgumentException("embeddingDim = " + embeddingDim + ", expected ≥ 1");
      if (hashBuckets < 0) throw new IllegalArgumentException("hashBuckets = " + hashBuckets + ", expected ≥ 0");
      if (hashBuckets > 0 && pretrained != null) {
        throw new IllegalArgumentException("pretrained word vectors need a fitted vocabulary (words to look up); "
            + "drop hashBuckets or pretrained");
      }
    }

    @Override
    public List<String> columns() {
      return List.of(column);
    }

    @Override
    public GroupedFeatures.Group fit(Table table, int[] trainRows, FeatureOptions features) {
      return TokenGroup.fit(table, trainRows, this);
    }
  }

  /**
   * Images from pixel columns, one image per row in C, H, W order (MNIST-format CSV files), through a conv trunk.
   *
   * @param scale   every pixel is divided by it (255: bytes to [0, 1])
   * @param encoder the image size and trunk ({@link ImageEncoder.Spec}, group = {@code name})
   */
  record Image(String name, List<String> columns, double scale, ImageEncoder.Spec encoder)
      implements InputGroupOptions {
    public Image {
      requireColumns(name, columns);
      columns = List.copyOf(columns);
      new ImageGroup(name, columns, scale, encoder); // validates the pixel count and scale where the config is read
    }

    @Override
    public boolean isPrivate() {
      return encoder.isPrivate();
    }

    @Override
    public GroupedFeatures.Group fit(Table table, int[] trainRows, FeatureOptions features) {
      return new ImageGroup(name, columns, scale, encoder);
    }
  }

  /** A word-vector file (word2vec or GloVe text format) to start a token group's table from. */
  record Pretrained(String file, WordVectors.Format format) {
    public Pretrained {
      if (file == null || file.isBlank()) throw new IllegalArgumentException("pretrained.file is missing");
      if (format == null) throw new IllegalArgumentException("pretrained.format is missing: word2vec or glove");
    }
  }

  private static void requireColumns(String name, List<String> columns) {
    if (name == null || name.isBlank()) throw new IllegalArgumentException("name is missing");
    if (columns == null || columns.isEmpty()) {
      throw new IllegalArgumentException("group '" + name + "' has no columns; list at least one under 'columns'");
    }
    if (new HashSet<>(columns).size() != columns.size()) {
      throw new IllegalArgumentException("group '" + name + "' lists a column twice: " + columns);
    }
  }

  /** The groups of a config's {@code inputs:} list (each a map); {@code path} is its key ("inputs"). */
  static List<InputGroupOptions> bind(String path, List<Map<String, Object>> groups) {
    List<InputGroupOptions> out = new ArrayList<>();
    Set<String> names = new HashSet<>(), columns = new HashSet<>();
    for (int i = 0; i < groups.size(); i++) {
      InputGroupOptions g = bindOne(path + "[" + i + "]", groups.get(i));
      if (!names.add(g.name())) throw new IllegalArgumentException(path + "[" + i + "]: group name '" + g.name() + "' used twice");
      for (String c : g.columns()) {
        if (!columns.add(c)) throw new IllegalArgumentException(path + "[" + i + "]: column '" + c + "' is in two groups");
      }
      out.add(g);
    }
    return out;
  }

  private static InputGroupOptions bindOne(String path, Map<String, Object> map) {
    OptionBinder b = new OptionBinder(path, map);
    try {
      String name = b.text("name", null), kind = b.text("kind", null);
      List<String> columns = b.strings("columns", null);
      boolean isPrivate = b.bool("private", false);
      InputGroupOptions g = switch (kind == null ? "" : kind) {
        case "dense" -> new Dense(name, columns, isPrivate);
        case "categorical" -> new Categorical(name, columns, b.integer("embeddingDim", 8), dims(b),
            b.integer("hashBuckets", 1), b.text("multiHotSeparator", null), b.integer("minCount", 1),
            pooling(b), b.bool("sparse", false), isPrivate);
        case "tokens" -> tokens(b, name, columns, isPrivate);
        case "image" -> image(b, name, columns, isPrivate);
        default -> throw new IllegalArgumentException(b.at("kind") + " = '" + kind + "': expected one of "
            + "[dense, categorical, tokens, image]");
      };
      b.requireAllUsed();
      return g;
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith(path)) throw e;
      throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
    }
  }

  private static Tokens tokens(OptionBinder b, String name, List<String> columns, boolean isPrivate) {
    if (columns != null) {
      throw new IllegalArgumentException(b.at("columns") + ": a tokens group reads one text column; give it as 'column'");
    }
    TokenEncoder.Pooling pooling = choice(b, "pooling", "mean", TokenEncoder.Pooling.class);
    boolean conv = pooling == TokenEncoder.Pooling.CONV;
    if (!conv && (b.has("convWidth") || b.has("convChannels"))) {
      throw new IllegalArgumentException(b.at("convWidth") + " / convChannels apply only with pooling: conv");
    }
    int convWidth = conv ? b.integer("convWidth", 3) : 0, convChannels = conv ? b.integer("convChannels", 64) : 0;
    if (conv && (convWidth < 1 || convChannels < 1)) {
      throw new IllegalArgumentException(b.at("convWidth") + " = " + convWidth + ", convChannels = " + convChannels
          + ": expected both ≥ 1");
    }
    return new Tokens(name, b.text("column", null), new Tokenizer(b.integer("ngrams", 1)),
        new Vocabulary.Options(b.integer("minCount", 1), b.integer("maxSize", 50_000)), b.integer("hashBuckets", 0),
        b.integer("embeddingDim", 64), pooling, convWidth, convChannels, pretrained(b), b.bool("sparse", false),
        isPrivate);
  }

  @SuppressWarnings("unchecked")
  private static Image image(OptionBinder b, String name, List<String> columns, boolean isPrivate) {
    List<String> pixels = ColumnRanges.expand(b.at("columns"), columns);
    if (!b.has("height") || !b.has("width")) {
      throw new IllegalArgumentException(b.at("height") + " and width are required: the images' size in pixels");
    }
    // Default trunk: two 3×3 conv layers (32, 64 channels), each then 2×2 max pooling (the seeds' MNIST CNN).
    List<?> list = b.has("layers") ? b.list("layers") : List.of(Map.of("channels", 32), Map.of("channels", 64));
    List<ImageEncoder.Layer> layers = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof Map<?, ?> m)) {
        throw new IllegalArgumentException(b.at("layers") + "[" + i + "]: expected a map such as {channels: 32}");
      }
      OptionBinder l = new OptionBinder(b.at("layers") + "[" + i + "]", (Map<String, Object>) m);
      int kernel = l.integer("kernel", 3);
      layers.add(new ImageEncoder.Layer(l.integer("channels", 0), kernel, l.integer("stride", 1),
          l.integer("padding", kernel / 2), l.integer("pool", 2), l.bool("batchNorm", false)));
      l.requireAllUsed();
    }
    ImageEncoder.Spec spec = new ImageEncoder.Spec(name, b.integer("channels", 1), b.integer("height", 0),
        b.integer("width", 0), layers, b.bool("globalAverage", false), isPrivate);
    return new Image(name, pixels, b.number("scale", 255), spec);
  }

  private static Pretrained pretrained(OptionBinder b) {
    if (!b.has("pretrained")) return null;
    OptionBinder p = new OptionBinder(b.at("pretrained"), b.map("pretrained"));
    Pretrained out = new Pretrained(p.text("file", null), choice(p, "format", null, WordVectors.Format.class));
    p.requireAllUsed();
    return out;
  }

  /** An enum option by its lower-case name; the message lists the choices. */
  private static <E extends Enum<E>> E choice(OptionBinder b, String key, String fallback, Class<E> type) {
    String v = b.text(key, fallback);
    for (E e : type.getEnumConstants()) if (e.name().equalsIgnoreCase(v)) return e;
    throw new IllegalArgumentException(b.at(key) + " = '" + v + "': expected one of "
        + java.util.Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(java.util.Locale.ROOT)).toList());
  }

  private static Map<String, Integer> dims(OptionBinder b) {
    Map<String, Object> raw = b.map("embeddingDims");
    OptionBinder dims = new OptionBinder(b.at("embeddingDims"), raw);
    Map<String, Integer> out = new java.util.LinkedHashMap<>();
    for (String column : raw.keySet()) out.put(column, dims.integer(column, 0));
    return out;
  }

  private static Pooling pooling(OptionBinder b) {
    String p = b.text("pooling", "sum");
    for (Pooling v : Pooling.values()) if (v.name().equalsIgnoreCase(p)) return v;
    throw new IllegalArgumentException(b.at("pooling") + " = '" + p + "': expected sum or mean");
  }
}
