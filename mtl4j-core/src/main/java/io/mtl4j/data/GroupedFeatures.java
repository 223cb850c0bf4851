package io.mtl4j.data;

import io.mtl4j.autodiff.EmbeddingBag.Pooling;
import io.mtl4j.encode.CategoricalEncoder;
import io.mtl4j.encode.CategoricalRows;
import io.mtl4j.encode.DenseEncoder;
import io.mtl4j.encode.DenseRows;
import io.mtl4j.encode.EncoderSpec;
import io.mtl4j.encode.FeatureRows;
import io.mtl4j.encode.GroupRows;
import io.mtl4j.encode.IdRows;
import io.mtl4j.encode.InputSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The feature groups of a config's {@code inputs:}, fitted on the training rows: a dense group's column encoders
 * (as {@code features:} says), a categorical group's vocabularies. Makes a table's rows into {@link FeatureRows} and
 * the model's {@link InputSpec}; saved with the preprocessing.
 */
public final class GroupedFeatures {
  /** One fitted group: the encoder spec it feeds, its values for table rows, its saved form. */
  public sealed interface Group permits Dense, Categorical, TokenGroup, ImageGroup {
    String name();

    boolean isPrivate();

    EncoderSpec spec();

    GroupRows rows(Table table, int[] rows, boolean strictCategories);

    /** The group's own entries of its saved map (name, kind and private are added by {@link #toList}). */
    Map<String, Object> toMap();
  }

  /** Dense columns, each through its fitted {@link FeatureEncoder}. */
  public record Dense(String name, List<FeatureEncoder> encoders, boolean isPrivate) implements Group {
    @Override
    public EncoderSpec spec() {
      return new DenseEncoder.Spec(name, encoders.stream().mapToInt(FeatureEncoder::width).sum(), isPrivate);
    }

    @Override
    public GroupRows rows(Table table, int[] rows, boolean strictCategories) {
      return new DenseRows(Preprocessing.encode(encoders, table, rows, strictCategories));
    }

    @Override
    public Map<String, Object> toMap() {
      return Map.of("features", encoders.stream().map(FeatureEncoder::toMap).toList());
    }
  }

  /** Embedded categorical columns; {@code sparse}: row-sparse tables. */
  public record Categorical(String name, List<CategoricalColumn> fields, Pooling pooling, boolean isPrivate,
                            boolean sparse) implements Group {
    @Override
    public EncoderSpec spec() {
      return new CategoricalEncoder.Spec(name, fields.stream()
          .map(f -> new CategoricalEncoder.Field(f.column(), f.vocabulary().size(), f.dimension())).toList(),
          pooling, isPrivate, sparse);
    }

    @Override
    public GroupRows rows(Table table, int[] rows, boolean strictCategories) {
      List<IdRows> out = new ArrayList<>();
      for (CategoricalColumn f : fields) out.add(f.rows(table, rows));
      return new CategoricalRows(out);
    }

    @Override
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("pooling", pooling.name().toLowerCase(Locale.ROOT));
      m.put("fields", fields.stream().map(CategoricalColumn::toMap).toList());
      if (sparse) m.put("sparse", true); // absent when dense: such files stay as they were before the flag
      return m;
    }
  }

  private final List<Group> groups;

  public GroupedFeatures(List<Group> groups) {
    this.groups = List.copyOf(groups);
  }

  /** Fits every group on {@code trainRows}; a column that is missing or a label is an error naming the group. */
  public static GroupedFeatures fit(Table table, int[] trainRows, FeatureOptions features,
                                    List<InputGroupOptions> options, Set<String> labelColumns) {
    List<Group> out = new ArrayList<>();
    for (int i = 0; i < options.size(); i++) {
      InputGroupOptions o = options.get(i);
      String where = "inputs[" + i + "] (group '" + o.name() + "')";
      for (String c : o.columns()) {
        table.require(c, where);
        if (labelColumns.contains(c)) {
          throw new IllegalArgumentException(where + ": column '" + c + "' is a task's label, not an input");
        }
      }
      out.add(o.fit(table, trainRows, features));
    }
    return new GroupedFeatures(out);
  }

  public List<Group> groups() {
    return groups;
  }

  /** The model's input groups: what {@link #rows} produces, with table sizes from the fitted vocabularies. */
  public InputSpec inputSpec() {
    return new InputSpec(groups.stream().map(Group::spec).toList());
  }

  /** The groups' values for {@code rows}; {@code strictCategories} as in {@link Preprocessing#features}. */
  public FeatureRows rows(Table table, int[] rows, boolean strictCategories) {
    Map<String, GroupRows> out = new LinkedHashMap<>();
    for (Group g : groups) out.put(g.name(), g.rows(table, rows, strictCategories));
    return FeatureRows.of(out);
  }

  /** A plain JSON-able list, one map per group. */
  public List<Object> toList() {
    List<Object> out = new ArrayList<>();
    for (Group g : groups) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", g.name());
      m.put("kind", g.spec().kind());
      m.put("private", g.isPrivate());
      m.putAll(new TreeMap<>(g.toMap()));
      out.add(m);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  public static GroupedFeatures fromList(List<Object> list) {
    List<Group> groups = new ArrayList<>();
    for (Object o : list) {
      Map<String, Object> m = (Map<String, Object>) o;
      String name = (String) m.get("name");
      boolean isPrivate = Boolean.TRUE.equals(m.get("private"));
      List<Object> parts = (List<Object>) ("dense".equals(m.get("kind")) ? m.get("features") : m.get("fields"));
      switch (String.valueOf(m.get("kind"))) {
        case "dense" -> groups.add(new Dense(name, parts.stream()
            .map(p -> FeatureEncoder.fromMap(new TreeMap<>((Map<String, Object>) p))).toList(), isPrivate));
        case "categorical" -> groups.add(new Categorical(name, parts.stream()
            .map(p -> CategoricalColumn.fromMap((Map<String, Object>) p)).toList(),
            Pooling.valueOf(String.valueOf(m.get("pooling")).toUpperCase(Locale.ROOT)), isPrivate,
            Boolean.TRUE.equals(m.get("sparse"))));
        case "tokens" -> groups.add(TokenGroup.fromMap(name, isPrivate, m));
        case "image" -> groups.add(ImageGroup.fromMap(name, m));
        default -> throw new IllegalArgumentException("preprocessing group '" + name + "': unknown kind " + m.get("kind"));
      }
    }
    return new GroupedFeatures(groups);
  }
}
