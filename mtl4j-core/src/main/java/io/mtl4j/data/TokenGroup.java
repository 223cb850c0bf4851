package io.mtl4j.data;

import io.mtl4j.encode.EncoderSpec;
import io.mtl4j.encode.GroupRows;
import io.mtl4j.encode.IdRows;
import io.mtl4j.encode.TokenEncoder;
import io.mtl4j.encode.text.Tokenizer;
import io.mtl4j.encode.text.Vocabulary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A text column fitted as a token group: its tokenizer and vocabulary (saved with the preprocessing, so predict and
 * evaluate tokenise as training did) and the table it feeds. A missing or empty cell, or one without a letter or
 * digit, is a row without tokens, which the encoder turns into a zero vector; a column whose training rows all lack
 * tokens is an error, since the group would then carry nothing.
 */
public record TokenGroup(String name, String column, Tokenizer tokenizer, Vocabulary vocabulary, int dimension,
                         TokenEncoder.Pooling pooling, int convWidth, int convChannels, boolean isPrivate,
                         boolean sparse) implements GroupedFeatures.Group {

  static TokenGroup fit(Table table, int[] trainRows, InputGroupOptions.Tokens o) {
    int col = table.indexOf(o.column());
    List<List<String>> byCode = tokensByCode(table, col, o.tokenizer());
    List<List<String>> documents = new ArrayList<>(trainRows.length);
    boolean anyToken = false;
    for (int r : trainRows) {
      int code = table.code(col, r);
      List<String> tokens = code < 0 ? List.of() : byCode.get(code);
      anyToken |= !tokens.isEmpty();
      documents.add(tokens);
    }
    if (!anyToken) {
      throw new DataFormatException(table.source(), 0, col + 1, "inputs group '" + o.name() + "': text column '"
          + o.column() + "' has no token (no letter or digit) in any of the " + trainRows.length + " training rows");
    }
    Vocabulary vocabulary = o.hashBuckets() > 0 ? Vocabulary.hashing(o.hashBuckets())
        : Vocabulary.fit(documents, o.vocabulary());
    return new TokenGroup(o.name(), o.column(), o.tokenizer(), vocabulary, o.embeddingDim(), o.pooling(),
        o.convWidth(), o.convChannels(), o.isPrivate(), o.sparse());
  }

  /** Each distinct cell tokenised once: a text repeated across rows costs one tokenisation. */
  private static List<List<String>> tokensByCode(Table table, int col, Tokenizer tokenizer) {
    List<List<String>> out = new ArrayList<>();
    for (String cell : table.values(col)) out.add(tokenizer.tokens(cell));
    return out;
  }

  @Override
  public EncoderSpec spec() {
    return new TokenEncoder.Spec(name, vocabulary.size(), dimension, pooling, convWidth, convChannels, isPrivate,
        sparse);
  }

  @Override
  public GroupRows rows(Table table, int[] rows, boolean strictCategories) {
    int col = table.require(column, "token input '" + name + "'");
    List<String> values = table.values(col);
    int[][] byCode = new int[values.size()][];
    int[] offsets = new int[rows.length + 1];
    for (int i = 0; i < rows.length; i++) {
      int code = table.code(col, rows[i]);
      if (code >= 0 && byCode[code] == null) byCode[code] = vocabulary.ids(tokenizer.tokens(values.get(code)));
      offsets[i + 1] = Math.addExact(offsets[i], code < 0 ? 0 : byCode[code].length);
    }
    int[] ids = new int[offsets[rows.length]];
    for (int i = 0; i < rows.length; i++) {
      int code = table.code(col, rows[i]);
      if (code >= 0) System.arraycopy(byCode[code], 0, ids, offsets[i], byCode[code].length);
    }
    return new IdRows(offsets, ids);
  }

  @Override
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("column", column);
    m.put("tokenizer", tokenizer.toMap());
    m.put("vocabulary", vocabulary.toMap());
    m.put("dimension", dimension);
    m.put("pooling", pooling.name().toLowerCase(Locale.ROOT));
    m.put("convWidth", convWidth);
    m.put("convChannels", convChannels);
    if (sparse) m.put("sparse", true); // absent when dense: such files stay as they were before the flag
    return m;
  }

  @SuppressWarnings("unchecked")
  static TokenGroup fromMap(String name, boolean isPrivate, Map<String, Object> m) {
    String where = "preprocessing group '" + name + "'";
    return new TokenGroup(name, (String) m.get("column"),
        Tokenizer.fromMap(where + ".tokenizer", (Map<String, ?>) m.get("tokenizer")),
        Vocabulary.fromMap(where + ".vocabulary", (Map<String, ?>) m.get("vocabulary")),
        ((Number) m.get("dimension")).intValue(),
        TokenEncoder.Pooling.valueOf(String.valueOf(m.get("pooling")).toUpperCase(Locale.ROOT)),
        ((Number) m.get("convWidth")).intValue(), ((Number) m.get("convChannels")).intValue(), isPrivate,
        Boolean.TRUE.equals(m.get("sparse")));
  }
}
