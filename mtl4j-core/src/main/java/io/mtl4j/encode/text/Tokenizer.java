package io.mtl4j.encode.text;

import io.mtl4j.config.OptionBinder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Splits text into lower-case tokens, optionally followed by its word n-grams.
 *
 * <p>The Unicode rule: a token is a maximal run of code points that are letters or digits
 * ({@link Character#isLetterOrDigit(int)}: general categories L* and Nd) or combining marks (Mn, Mc) that follow
 * one, so "café" written with a combining accent stays one token. Everything else (spaces, punctuation, symbols,
 * apostrophes, U+FFFD left by a bad byte) separates tokens: "it's" gives "it", "s". Tokens are lower-cased with
 * {@link Locale#ROOT}, so the result does not depend on the machine's locale. No Unicode normalisation is applied.
 *
 * <p>With {@code ngrams = n > 1} the unigrams are followed by all bigrams, then all trigrams, … up to n-grams of
 * consecutive tokens, joined by a single space; a space never occurs inside a unigram, so an n-gram never collides
 * with a word.
 *
 * @param ngrams longest n-gram emitted, 1 (words only) to {@link #MAX_NGRAMS}
 */
public record Tokenizer(int ngrams) {
  public static final int MAX_NGRAMS = 5;

  public Tokenizer {
    if (ngrams < 1 || ngrams > MAX_NGRAMS) {
      throw new IllegalArgumentException("tokenizer ngrams = " + ngrams + ": expected 1.." + MAX_NGRAMS);
    }
  }

  /** Words only. */
  public static Tokenizer words() {
    return new Tokenizer(1);
  }

  /** The tokens of {@code text}, unigrams first; empty for text with no letter or digit. */
  public List<String> tokens(String text) {
    List<String> words = words(text);
    if (ngrams == 1) return words;
    List<String> out = new ArrayList<>(words);
    for (int n = 2; n <= ngrams; n++) {
      for (int i = 0; i + n <= words.size(); i++) out.add(String.join(" ", words.subList(i, i + n)));
    }
    return out;
  }

  private static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    int start = -1;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (Character.isLetterOrDigit(cp) || start >= 0 && isMark(cp)) {
        if (start < 0) start = i;
      } else if (start >= 0) {
        out.add(text.substring(start, i).toLowerCase(Locale.ROOT));
        start = -1;
      }
      i += Character.charCount(cp);
    }
    if (start >= 0) out.add(text.substring(start).toLowerCase(Locale.ROOT));
    return out;
  }

  private static boolean isMark(int cp) {
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
  }

  /** The plain-data form the model file carries. */
  public Map<String, Object> toMap() {
    return OptionBinder.toMap(this);
  }

  /** Inverse of {@link #toMap}; a bad or unknown key fails with a message naming {@code where} and the key. */
  public static Tokenizer fromMap(String where, Map<String, ?> map) {
    return OptionBinder.bind(where, Tokenizer.class, words(), map);
  }
}
