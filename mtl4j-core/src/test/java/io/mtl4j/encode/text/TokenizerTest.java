package io.mtl4j.encode.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenizerTest {
  @Test
  void lowerCasesAndSplitsOnEverythingButLettersAndDigits() {
    assertThat(Tokenizer.words().tokens("It's GREAT, 10/10 -- would buy again!"))
        .containsExactly("it", "s", "great", "10", "10", "would", "buy", "again");
  }

  @Test
  void keepsNonAsciiLettersAndCombiningMarksInsideAWord() {
    // "café" with a precomposed é, "naïve" with i + U+0308 (combining diaeresis), Greek, and U+FFFD as a separator.
    assertThat(Tokenizer.words().tokens("Café nai\u0308ve ΚΑΛΟ\uFFFDok"))
        .containsExactly("café", "nai\u0308ve", "καλο", "ok");
  }

  @Test
  void doesNotDependOnTheDefaultLocale() {
    // Under a Turkish default locale, String.toLowerCase() maps "I" to a dotless ı.
    java.util.Locale saved = java.util.Locale.getDefault();
    try {
      java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr"));
      assertThat(Tokenizer.words().tokens("TITLE")).containsExactly("title");
    } finally {
      java.util.Locale.setDefault(saved);
    }
  }

  @Test
  void appendsNgramsOfConsecutiveWordsAfterTheWords() {
    assertThat(new Tokenizer(3).tokens("not very good"))
        .containsExactly("not", "very", "good", "not very", "very good", "not very good");
  }

  @Test
  void textWithoutLettersGivesNoTokens() {
    assertThat(new Tokenizer(2).tokens(" -- !! ")).isEmpty();
    assertThat(Tokenizer.words().tokens("")).isEmpty();
  }

  @Test
  void roundTripsThroughItsPlainDataForm() {
    Tokenizer t = new Tokenizer(2);
    assertThat(Tokenizer.fromMap("inputs.review.tokenizer", t.toMap())).isEqualTo(t);
  }

  @Test
  void rejectsBadSettingsNamingTheKey() {
    assertThatThrownBy(() -> new Tokenizer(0)).hasMessageContaining("ngrams = 0");
    assertThatThrownBy(() -> Tokenizer.fromMap("inputs.review.tokenizer", Map.of("ngram", 2)))
        .hasMessageContaining("inputs.review.tokenizer").hasMessageContaining("ngram");
  }
}
