package io.mtl4j.onnx;

import io.mtl4j.arch.Architecture;
import io.mtl4j.arch.Head;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.autodiff.EmbeddingBag;
import io.mtl4j.data.InputGroupOptions;
import io.mtl4j.data.Preprocessing;
import io.mtl4j.data.Table;
import io.mtl4j.encode.BagRows;
import io.mtl4j.encode.CategoricalEncoder;
import io.mtl4j.encode.CategoricalRows;
import io.mtl4j.encode.DenseEncoder;
import io.mtl4j.encode.DenseRows;
import io.mtl4j.encode.EncoderSpec;
import io.mtl4j.encode.FeatureRows;
import io.mtl4j.encode.GroupRows;
import io.mtl4j.encode.IdRows;
import io.mtl4j.encode.ImageEncoder;
import io.mtl4j.encode.ImageRows;
import io.mtl4j.encode.InputSpec;
import io.mtl4j.encode.TokenEncoder;
import io.mtl4j.encode.text.Tokenizer;
import io.mtl4j.encode.text.Vocabulary;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Seeded models with feature groups and rows for them: every encoder kind with non-trivial options (multi-hot fields
 * with empty rows, sequences of every length from 0, even and odd conv widths, an image trunk with batch norm, pooling
 * and stride), every parameter and running statistic moved away from its initial value.
 */
final class GroupFixtures {
  static final List<Task> TASKS = List.of(Task.of("clicked", TaskType.binary()),
      Task.of("segment", TaskType.multiclass(3)), Task.of("spend", TaskType.regression()),
      Task.of("tags", TaskType.multilabel(2)));

  /** A feature-group layout under test and the token groups read as bags. */
  record Case(InputSpec spec, Set<String> bags) {}

  private GroupFixtures() {}

  /** Each encoder kind (and its pooling variants) as the only group, a private group, and all kinds together. */
  static Map<String, Case> cases() {
    Map<String, Case> m = new LinkedHashMap<>();
    m.put("dense", one(dense("x", false)));
    m.put("categorical sum", one(categorical("cat", EmbeddingBag.Pooling.SUM, false)));
    m.put("categorical mean", one(categorical("cat", EmbeddingBag.Pooling.MEAN, false)));
    m.put("tokens mean", one(tokens("text", TokenEncoder.Pooling.MEAN, 0, 0)));
    m.put("tokens max", one(tokens("text", TokenEncoder.Pooling.MAX, 0, 0)));
    m.put("tokens conv 3", one(tokens("text", TokenEncoder.Pooling.CONV, 3, 5)));
    m.put("tokens conv 4", one(tokens("text", TokenEncoder.Pooling.CONV, 4, 3)));
    m.put("bag", new Case(new InputSpec(List.of(tokens("text", TokenEncoder.Pooling.MEAN, 0, 0))), Set.of("text")));
    m.put("image flatten", one(image("pixels", false)));
    m.put("image global average", one(image("pixels", true)));
    m.put("private categorical", new Case(new InputSpec(List.of(dense("x", false),
        categorical("cat", EmbeddingBag.Pooling.MEAN, true))), Set.of()));
    m.put("mixed", new Case(new InputSpec(List.of(dense("x", false), categorical("cat", EmbeddingBag.Pooling.SUM, false),
        tokens("text", TokenEncoder.Pooling.CONV, 3, 4), image("pixels", true), dense("own", true))), Set.of()));
    return m;
  }

  private static Case one(EncoderSpec spec) {
    return new Case(new InputSpec(List.of(spec)), Set.of());
  }

  static DenseEncoder.Spec dense(String group, boolean isPrivate) {
    return new DenseEncoder.Spec(group, 5, isPrivate);
  }

  static CategoricalEncoder.Spec categorical(String group, EmbeddingBag.Pooling pooling, boolean isPrivate) {
    return new CategoricalEncoder.Spec(group, List.of(new CategoricalEncoder.Field("colour", 7, 3),
        new CategoricalEncoder.Field("city", 13, 4)), pooling, isPrivate);
  }

  static TokenEncoder.Spec tokens(String group, TokenEncoder.Pooling pooling, int width, int channels) {
    return new TokenEncoder.Spec(group, 40, 6, pooling, width, channels, false);
  }

  static ImageEncoder.Spec image(String group, boolean globalAverage) {
    return new ImageEncoder.Spec(group, 2, 11, 10, List.of(new ImageEncoder.Layer(4, 3, 1, 1, 2, true),
        new ImageEncoder.Layer(3, 3, 2, 0, 1, true), new ImageEncoder.Layer(5, 1, 1, 0, 1, false)), globalAverage, false);
  }

  /**
   * Feature groups fitted on {@link ExportFixtures#csv}'s raw columns: numbers and the one-hot colour (dense), the
   * multi-hot tags and the city (categorical; rare and unseen values hashed into 5 rows), the review's words and
   * bigrams through a conv, and its words hashed into 16 rows, max-pooled privately for each task.
   */
  static Preprocessing fitRaw(Table table, List<String> kinds) {
    List<InputGroupOptions> groups = List.of(
        new InputGroupOptions.Dense("numbers", List.of("age", "income", "colour", "ratio"), false),
        new InputGroupOptions.Categorical("fields", List.of("tags", "city"), 3, Map.of("city", 4), 5, "|", 2,
            EmbeddingBag.Pooling.MEAN, false, false),
        new InputGroupOptions.Tokens("text", "review", new Tokenizer(2), new Vocabulary.Options(1, 30), 0, 6,
            TokenEncoder.Pooling.CONV, 3, 4, null, false, false),
        new InputGroupOptions.Tokens("words", "review", Tokenizer.words(), null, 16, 4, TokenEncoder.Pooling.MAX, 0, 0,
            null, false, true));
    return Preprocessing.fit(table, ExportFixtures.trainRows(table), ExportFixtures.features(),
        ExportFixtures.labels(kinds), groups);
  }

  /** A model of {@code arch} over {@code spec} with the four task kinds, every value moved by seeded noise. */
  static MultiTaskModel model(InputSpec spec, Architecture.Factory arch, long seed) {
    return model(spec, TASKS, arch, seed);
  }

  static MultiTaskModel model(InputSpec spec, List<Task> tasks, Architecture.Factory arch, long seed) {
    return ExportFixtures.perturbed(MultiTaskModel.create(ModelSpec.of(spec, tasks, arch, new Head.Options(5)), seed), seed);
  }

  /** {@code rows} seeded rows of every group of {@code spec}; the groups in {@code bags} as weighted ids. */
  static FeatureRows rows(Case c, int rows, long seed) {
    Random r = new Random(seed);
    Map<String, GroupRows> out = new LinkedHashMap<>();
    for (EncoderSpec s : c.spec().groups()) {
      if (s instanceof CategoricalEncoder.Spec cat) {
        List<IdRows> fields = new ArrayList<>();
        for (CategoricalEncoder.Field f : cat.fields()) fields.add(ids(r, rows, 3, f.rows()));
        out.put(s.group(), new CategoricalRows(fields));
      } else if (s instanceof TokenEncoder.Spec t) {
        IdRows ids = ids(r, rows, 9, t.vocabulary());
        out.put(s.group(), c.bags().contains(s.group()) ? new BagRows(ids, weights(r, ids.ids().length)) : ids);
      } else if (s instanceof ImageEncoder.Spec im) {
        int size = im.channels() * im.height() * im.width();
        out.put(s.group(), new ImageRows(gaussian(r, rows, size), im.channels(), im.height(), im.width()));
      } else {
        out.put(s.group(), new DenseRows(gaussian(r, rows, s.outputSize())));
      }
    }
    return FeatureRows.of(out);
  }

  /** Rows of 0..most ids each (row i % (most + 1) has that many, so every length occurs), ids in [0, limit). */
  private static IdRows ids(Random r, int rows, int most, int limit) {
    int[] offsets = new int[rows + 1];
    for (int i = 0; i < rows; i++) offsets[i + 1] = offsets[i] + (i + r.nextInt(2)) % (most + 1);
    int[] ids = new int[offsets[rows]];
    for (int k = 0; k < ids.length; k++) ids[k] = r.nextInt(limit);
    return new IdRows(offsets, ids);
  }

  private static float[] weights(Random r, int n) {
    float[] w = new float[n];
    for (int i = 0; i < n; i++) w[i] = 0.1f + 2 * r.nextFloat();
    return w;
  }

  private static Tensor gaussian(Random r, int rows, int cols) {
    float[] x = new float[rows * cols];
    for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
    return Tensor.of(x, rows, cols);
  }
}
