package io.mtl4j.classical;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Test fixture: MALSAR's 20 Newsgroups two-task pairs (svmlight text, 2,000 term counts, labels 1/2) as
 * L2-normalised term frequencies with labels +1 (label 1) and -1 (label 2).
 */
final class Newsgroups {
  static final int TERMS = 2000;

  private Newsgroups() {}

  static Path dir() {
    return Path.of(System.getProperty("mtl4j.data.dir", Path.of("..", "..", "shared", "data").toString()))
        .resolve("malsar-20newsgroups");
  }

  static boolean available() {
    return Files.isRegularFile(dir().resolve("comp.vs.sci").resolve("task1.svm.gz"));
  }

  /** {@code pair} is comp.vs.sci (files task1/task2) or rec.vs.talk (Task1/Task2). */
  static MultiTaskData load(String pair) {
    String prefix = pair.equals("rec.vs.talk") ? "Task" : "task";
    List<double[][]> x = new ArrayList<>();
    List<double[]> y = new ArrayList<>();
    for (int t = 1; t <= 2; t++) {
      List<double[]> rows = new ArrayList<>();
      List<Double> labels = new ArrayList<>();
      Path file = dir().resolve(pair).resolve(prefix + t + ".svm.gz");
      try (BufferedReader in = new BufferedReader(new InputStreamReader(
          new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          if (line.isBlank()) continue;
          String[] f = line.trim().split("\\s+");
          double[] row = new double[TERMS];
          double norm = 0;
          for (int k = 1; k < f.length; k++) {
            int colon = f[k].indexOf(':');
            double v = Double.parseDouble(f[k].substring(colon + 1));
            row[Integer.parseInt(f[k].substring(0, colon)) - 1] = v;
            norm += v * v;
          }
          if (norm > 0) {
            double inv = 1 / Math.sqrt(norm);
            for (int j = 0; j < TERMS; j++) row[j] *= inv;
          }
          rows.add(row);
          labels.add(Double.parseDouble(f[0]) == 1 ? 1.0 : -1.0);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
      x.add(rows.toArray(double[][]::new));
      y.add(labels.stream().mapToDouble(Double::doubleValue).toArray());
    }
    return MultiTaskData.of(x, y);
  }
}
