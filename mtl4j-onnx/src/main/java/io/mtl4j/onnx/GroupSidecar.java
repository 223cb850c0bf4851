package io.mtl4j.onnx;

import io.mtl4j.data.CategoricalColumn;
import io.mtl4j.data.GroupedFeatures;
import io.mtl4j.data.TokenGroup;
import io.mtl4j.encode.CategoricalEncoder;
import io.mtl4j.encode.EncoderSpec;
import io.mtl4j.encode.ImageEncoder;
import io.mtl4j.encode.InputSpec;
import io.mtl4j.encode.TokenEncoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sidecar's {@code inputs} of a model with feature groups: per graph input (one per group, a bag's weights
 * besides), its type, shape and how a caller builds it from raw values. The steps without a standard ONNX op —
 * tokenising, looking a value up in a vocabulary, hashing an unseen one — are described here with the fitted
 * vocabularies, so a caller in any language computes the ids mtl4j computes; the graph does the rest.
 */
final class GroupSidecar {
  static final String PADDING = "each row's ids first, then -1 up to the longest row of the batch (any negative id is "
      + "padding); a row without ids is all -1 and encodes to zeros; the padded dimension must be at least 1";
  private static final String MURMUR = "1 + floorMod(murmur3_32(the token's UTF-8 bytes, seed 0), buckets) (row 0 is "
      + "the unused padding row)";
  private static final String TOKENIZER = "maximal runs of letters, digits and the combining marks after them "
      + "(Character.isLetterOrDigit; anything else separates), lower-cased with Locale.ROOT, no normalisation; with "
      + "ngrams = n > 1 the words are followed by all bigrams, then trigrams, … up to n-grams, joined by one space";

  private GroupSidecar() {}

  static Map<String, Object> inputs(InputSpec spec, GroupedFeatures fitted, Set<String> bags) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (EncoderSpec s : spec.groups()) {
      GroupedFeatures.Group f = fitted == null ? null
          : fitted.groups().stream().filter(x -> x.name().equals(s.group())).findFirst().orElse(null);
      Map<String, Object> in = new LinkedHashMap<>();
      in.put("kind", s.kind());
      in.put("private", s.isPrivate());
      if (s instanceof CategoricalEncoder.Spec c) categorical(in, c, (GroupedFeatures.Categorical) f);
      else if (s instanceof TokenEncoder.Spec t) tokens(in, t, (TokenGroup) f);
      else if (s instanceof ImageEncoder.Spec i) image(in, i);
      else dense(in, s, (GroupedFeatures.Dense) f);
      m.put(s.group(), in);
      if (bags.contains(s.group())) {
        m.put(s.group() + TokenExport.WEIGHTS, Map.of("type", "float", "shape", List.of(OnnxGraph.ROWS,
            TokenExport.TOKENS), "meaning", "the weight of each id of '" + s.group() + "' at the same position (a "
            + "term's count or frequency); the row pools Σ weight·embedding; ignored at padding"));
      }
    }
    return m;
  }

  private static void dense(Map<String, Object> in, EncoderSpec s, GroupedFeatures.Dense fitted) {
    if (fitted == null) {
      in.put("type", "float");
      in.put("shape", List.of(OnnxGraph.ROWS, s.outputSize()));
      in.put("meaning", "the group's values as mtl4j computes them (no preprocessing was saved with the model)");
      return;
    }
    in.put("type", "double");
    in.put("shape", List.of(OnnxGraph.ROWS, fitted.encoders().size()));
    in.put("meaning", "one raw column per position, in 'columns' order: a numeric column's value, a categorical "
        + "column's index as a number");
    in.put("columns", fitted.encoders().stream().map(Sidecar::column).toList());
  }

  private static void categorical(Map<String, Object> in, CategoricalEncoder.Spec s, GroupedFeatures.Categorical f) {
    in.put("type", "int64");
    in.put("shape", List.of(OnnxGraph.ROWS, s.fields().size(), CategoricalExport.IDS));
    in.put("padding", PADDING);
    in.put("pooling", s.pooling().name().toLowerCase(java.util.Locale.ROOT));
    List<Object> fields = new ArrayList<>();
    for (int i = 0; i < s.fields().size(); i++) {
      CategoricalEncoder.Field field = s.fields().get(i);
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("field", field.name());
      x.put("tableRows", field.rows());
      if (f == null) {
        x.put("id", "a row of the field's table, 0 ≤ id < tableRows");
      } else {
        CategoricalColumn c = f.fields().get(i);
        x.put("column", c.column());
        if (c.separator() != null) {
          x.put("separator", c.separator());
          x.put("cell", "split at the separator; each non-blank part, stripped, gives one id");
        }
        x.put("id", "the value's position in 'values'; any other value: " + c.vocabulary().values().size() + " + "
            + (c.vocabulary().hashBuckets() == 0 ? "none (hashBuckets is 0: mtl4j refuses such a value)"
            : Sidecar.HASH.replace("buckets", "hashBuckets")) + "; a missing cell: no id");
        x.put("hashBuckets", c.vocabulary().hashBuckets());
        x.put("values", c.vocabulary().values());
      }
      fields.add(x);
    }
    in.put("fields", fields);
  }

  private static void tokens(Map<String, Object> in, TokenEncoder.Spec s, TokenGroup f) {
    in.put("type", "int64");
    in.put("shape", List.of(OnnxGraph.ROWS, TokenExport.TOKENS));
    in.put("padding", PADDING);
    in.put("pooling", s.pooling().name().toLowerCase(java.util.Locale.ROOT));
    in.put("tableRows", s.vocabulary());
    if (f == null) {
      in.put("id", "a row of the token table, 0 ≤ id < tableRows");
      return;
    }
    in.put("column", f.column());
    in.put("tokens", TOKENIZER + "; a missing cell has no tokens");
    in.put("tokenizer", f.tokenizer().toMap());
    in.put("id", f.vocabulary().isHashed() ? MURMUR
        : "2 + the token's position in 'vocabulary.words'; any other token: 1 (out of vocabulary)");
    in.put("vocabulary", f.vocabulary().toMap());
  }

  private static void image(Map<String, Object> in, ImageEncoder.Spec s) {
    in.put("type", "float");
    in.put("shape", List.of(OnnxGraph.ROWS, s.channels(), s.height(), s.width()));
    in.put("meaning", "pixels in NCHW order, scaled as the model was trained on them (the graph does not rescale)");
  }
}
