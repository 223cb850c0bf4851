package io.mtl4j.data.read;

import io.mtl4j.encode.text.Vocabulary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.data.DataFormatException;
import io.mtl4j.data.read.WordVectors.Format;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordVectorsTest {
  @TempDir
  Path dir;

  /** Rows: 0 padding, 1 OOV, 2 good, 3 bad, 4 plot. */
  private static final Vocabulary VOCABULARY = Vocabulary.of(List.of("good", "bad", "plot"));

  @Test
  void word2vecTextFillsTheVocabularyRowsItCovers() throws IOException {
    Path file = write("vectors.txt", "4 3\nGood 1 2 3 \ngood 9 9 9\nunrelated 7 7 7\nbad -1 0.5 2e-1\n");
    WordVectors v = WordVectors.load(file, Format.WORD2VEC, VOCABULARY, 1);
    assertThat(v.found()).isEqualTo(2);
    assertThat(row(v, 2)).as("'Good' matches good; the first casing wins").containsExactly(1, 2, 3);
    assertThat(row(v, 3)).containsExactly(-1, 0.5f, 0.2f);
    assertThat(row(v, Vocabulary.PADDING)).containsExactly(0, 0, 0);
    assertThat(row(v, 4)).as("plot is not in the file: drawn").isNotEqualTo(new float[3]);
  }

  @Test
  void gloveGzipNeedsNoHeaderAndDrawsMissingRowsFromTheSeed() throws IOException {
    Path file = gzip("glove.txt.gz", "good 0.1 0.2\nbad 0.3 -0.4\n");
    WordVectors a = WordVectors.load(file, Format.GLOVE, VOCABULARY, 7), b = WordVectors.load(file, Format.GLOVE, VOCABULARY, 7);
    WordVectors c = WordVectors.load(file, Format.GLOVE, VOCABULARY, 8);
    assertThat(a.dimension()).isEqualTo(2);
    assertThat(row(a, 2)).containsExactly(0.1f, 0.2f);
    assertThat(a.table().toArray()).containsExactly(b.table().toArray());
    assertThat(row(c, 4)).isNotEqualTo(row(a, 4));
    assertThat(row(a, Vocabulary.OOV)).isNotEqualTo(new float[2]);
  }

  @Test
  void drawnRowsTakeTheScaleOfTheLoadedValues() throws IOException {
    StringBuilder sb = new StringBuilder();
    java.util.SplittableRandom random = new java.util.SplittableRandom(3);
    List<String> words = new java.util.ArrayList<>();
    for (int w = 0; w < 200; w++) {
      words.add("w" + w);
      sb.append("w").append(w);
      for (int j = 0; j < 10; j++) sb.append(' ').append((float) (random.nextGaussian() * 5));
      sb.append('\n');
    }
    words.addAll(List.of("absent1", "absent2", "absent3", "absent4"));
    Vocabulary vocabulary = Vocabulary.of(words);
    WordVectors v = WordVectors.load(write("big.txt", sb.toString()), Format.GLOVE, vocabulary, 1);
    double squares = 0;
    for (int row = 202; row < 206; row++) for (float x : row(v, row)) squares += x * x;
    // 40 draws of N(0, 5²): the sample std lies within 5·(1 ± 0.5) with probability far above 1 − 1e-6.
    assertThat(Math.sqrt(squares / 40)).isBetween(2.5, 7.5);
  }

  @Test
  void aWrongDimensionNamesTheLine() throws IOException {
    Path file = write("v.txt", "good 1 2 3\nbad 1 2\n");
    assertThatThrownBy(() -> WordVectors.load(file, Format.GLOVE, VOCABULARY, 1))
        .isInstanceOf(DataFormatException.class).hasMessageContaining("v.txt:2")
        .hasMessageContaining("expected a word and 3 numbers (the dimension of line 1), found 2");
  }

  @Test
  void aBadNumberNamesTheLineAndColumn() throws IOException {
    Path file = write("v.txt", "2 2\ngood 1 2\nbad 1 x7\n");
    assertThatThrownBy(() -> WordVectors.load(file, Format.WORD2VEC, VOCABULARY, 1))
        .isInstanceOf(DataFormatException.class).hasMessageContaining("v.txt:3:7")
        .hasMessageContaining("component 2 of 'bad' is 'x7'");
    Path nan = write("nan.txt", "good 1 NaN\n");
    assertThatThrownBy(() -> WordVectors.load(nan, Format.GLOVE, VOCABULARY, 1)).hasMessageContaining("expected a finite number");
  }

  @Test
  void aFileShorterThanItsHeaderIsReportedAsTruncated() throws IOException {
    Path file = write("v.txt", "3 2\ngood 1 2\nbad 1 2\n");
    assertThatThrownBy(() -> WordVectors.load(file, Format.WORD2VEC, VOCABULARY, 1))
        .hasMessageContaining("v.txt:3").hasMessageContaining("announces 3 vectors but the file has 2 (is it truncated?)");
  }

  @Test
  void aTruncatedGzipIsReportedAsSuch() throws IOException {
    Path whole = gzip("whole.gz", "good 1 2\n".repeat(2000));
    byte[] bytes = Files.readAllBytes(whole);
    Path cut = dir.resolve("cut.gz");
    Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
    assertThatThrownBy(() -> WordVectors.load(cut, Format.GLOVE, VOCABULARY, 1))
        .isInstanceOf(DataFormatException.class).hasMessageContaining("cut.gz").hasMessageContaining("truncated");
  }

  @Test
  void aGloveFileReadAsWord2vecGetsAHint() throws IOException {
    Path file = write("v.txt", "good 1 2\n");
    assertThatThrownBy(() -> WordVectors.load(file, Format.WORD2VEC, VOCABULARY, 1))
        .hasMessageContaining("v.txt:1:1").hasMessageContaining("use the glove format");
  }

  @Test
  void rejectsAHashedVocabulary() throws IOException {
    Path file = write("v.txt", "good 1 2\n");
    assertThatThrownBy(() -> WordVectors.load(file, Format.GLOVE, Vocabulary.hashing(8), 1))
        .hasMessageContaining("hashed vocabulary");
  }

  private static float[] row(WordVectors v, int row) {
    int d = v.dimension();
    return Arrays.copyOfRange(v.table().toArray(), row * d, row * d + d);
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private Path gzip(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return file;
  }
}
