package io.mtl4j.encode.text;

import io.mtl4j.encode.IdRows;
import java.util.ArrayList;
import java.util.List;

/** Texts → token-id rows (CSR) for a token group: tokenised, then looked up in a vocabulary. */
public final class TokenRows {
  private TokenRows() {}

  /** One row per text, its tokens' vocabulary rows in order; an empty text gives an empty row. */
  public static IdRows of(List<String> texts, Tokenizer tokenizer, Vocabulary vocabulary) {
    int[] offsets = new int[texts.size() + 1];
    List<int[]> rows = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      int[] ids = vocabulary.ids(tokenizer.tokens(texts.get(i)));
      rows.add(ids);
      offsets[i + 1] = Math.addExact(offsets[i], ids.length);
    }
    int[] ids = new int[offsets[texts.size()]];
    for (int i = 0; i < rows.size(); i++) System.arraycopy(rows.get(i), 0, ids, offsets[i], rows.get(i).length);
    return new IdRows(offsets, ids);
  }
}
