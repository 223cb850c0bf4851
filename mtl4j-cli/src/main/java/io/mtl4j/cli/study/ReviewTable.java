package io.mtl4j.cli.study;

import io.mtl4j.data.read.FduMtl;
import io.mtl4j.io.AtomicWrite;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * FDU-MTL's labelled reviews as one CSV table for {@code train --config examples/fdu-crossmodal.yaml}: a row per
 * review with its domain, its split (the study's train / valid / test), its label, its text and its unscaled
 * {@link ReviewShape} columns; optionally the unlabelled texts too ({@code examples/fdu-masked-token.yaml}). The raw files hold only label and text; this is the conversion, done in code.
 */
final class ReviewTable {
  /** The file name in the study's output directory. */
  static final String FILE = "reviews.csv.gz";

  private ReviewTable() {}

  /** The domain value of the unlabelled texts' rows (an auxiliary task's {@code values}). */
  static final String UNLABELLED = "unlabelled";

  /**
   * Writes every domain's rows to {@code file}, gzipped, whole or not at all; then the domains' unlabelled texts (when
   * read) as rows of domain {@value #UNLABELLED} with an empty label, each domain's first 80 % in split train and the
   * next two tenths in valid and test, so an auxiliary task on them has rows in every part.
   */
  static void write(Path file, List<FduMtl.Domain> domains) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (Writer w = new OutputStreamWriter(new GZIPOutputStream(bytes), StandardCharsets.UTF_8)) {
      w.write("domain,split,label,text," + String.join(",", ReviewShape.COLUMNS) + "\n");
      for (FduMtl.Domain d : domains) {
        rows(w, d.name(), "train", d.train());
        rows(w, d.name(), "valid", d.dev());
        rows(w, d.name(), "test", d.test());
      }
      for (FduMtl.Domain d : domains) unlabelled(w, d.unlabelled());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    AtomicWrite.write(file, bytes.toByteArray());
  }

  private static void rows(Writer w, String domain, String split, FduMtl.Labelled part) throws IOException {
    for (int r = 0; r < part.size(); r++) {
      String text = part.texts().get(r);
      w.write(domain + "," + split + "," + part.labels()[r] + "," + quoted(text));
      for (float v : ReviewShape.raw(text)) w.write(String.format(Locale.ROOT, ",%.6f", v));
      w.write('\n');
    }
  }

  private static void unlabelled(Writer w, List<String> texts) throws IOException {
    int n = texts.size();
    for (int r = 0; r < n; r++) {
      String split = r < n * 8 / 10 ? "train" : r < n * 9 / 10 ? "valid" : "test";
      w.write(UNLABELLED + "," + split + ",," + quoted(texts.get(r)));
      for (float v : ReviewShape.raw(texts.get(r))) w.write(String.format(Locale.ROOT, ",%.6f", v));
      w.write('\n');
    }
  }

  /** Always quoted, inner quotes doubled; line breaks (none in the files) become spaces so a row stays one line. */
  static String quoted(String text) {
    return '"' + text.replace("\r", " ").replace("\n", " ").replace("\"", "\"\"") + '"';
  }
}
