package io.mtl4j.data.school;

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
 * The School data (ILEA exam scores as shipped by MALSAR; see the data folder's PROVENANCE.md): 139 schools
 * (tasks), 15,362 students, inputs x1..x27 plus a constant bias column (28 columns), target = exam score.
 *
 * <p>Reads {@code school.csv.gz} (header {@code school,x1..x27,bias,score}) and the ten fixed 75/25 splits of
 * Zhang &amp; Li (CIKM 2019) under {@code splits-cikm2019/} (no header; {@code x1..x27,bias,score,school}). Task
 * indices are 0-based here: school k is task k − 1.
 */
public final class School {
  public static final int TASKS = 139;
  /** x1..x27 and the bias column, which MALSAR's protocol penalises like any other input. */
  public static final int FEATURES = 28;
  public static final int SPLITS = 10;

  private School() {}

  /** Rows of a table: {@code task[i]} in 0..138, {@code x[i]} the 28 inputs, {@code y[i]} the score. */
  public record Part(int[] task, double[][] x, double[] y) {
    public int rows() {
      return y.length;
    }
  }

  /** Split {@code index} (1..10) of the CIKM-2019 benchmark. */
  public record Split(int index, Part train, Part test) {}

  /** The whole data set from {@code dir/school.csv.gz}. */
  public static Part load(Path dir) {
    return read(dir.resolve("school.csv.gz"), true);
  }

  /** The ten CIKM-2019 splits from {@code dir/splits-cikm2019/}. */
  public static List<Split> cikm2019Splits(Path dir) {
    List<Split> out = new ArrayList<>();
    for (int i = 1; i <= SPLITS; i++) out.add(cikm2019Split(dir, i));
    return out;
  }

  public static Split cikm2019Split(Path dir, int index) {
    if (index < 1 || index > SPLITS) {
      throw new IllegalArgumentException("index = " + index + ": expected 1.." + SPLITS);
    }
    Path splits = dir.resolve("splits-cikm2019");
    return new Split(index, read(splits.resolve("school_train_re" + index + ".csv.gz"), false),
        read(splits.resolve("school_test_re" + index + ".csv.gz"), false));
  }

  /** True when {@code dir} holds the files this class reads. */
  public static boolean available(Path dir) {
    return Files.isRegularFile(dir.resolve("school.csv.gz"))
        && Files.isRegularFile(dir.resolve("splits-cikm2019").resolve("school_test_re10.csv.gz"));
  }

  private static Part read(Path file, boolean schoolFirst) {
    List<int[]> tasks = new ArrayList<>();
    List<double[]> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
      String line;
      int lineNo = 0;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank() || (lineNo == 1 && schoolFirst && line.startsWith("school"))) continue;
        String[] f = line.split(",", -1);
        if (f.length != FEATURES + 2) {
          throw new IllegalArgumentException(file + ":" + lineNo + ": " + f.length + " fields, expected "
              + (FEATURES + 2));
        }
        double[] row = new double[FEATURES];
        int first = schoolFirst ? 1 : 0;
        for (int j = 0; j < FEATURES; j++) row[j] = number(f[first + j], file, lineNo, first + j);
        int school = (int) number(schoolFirst ? f[0] : f[FEATURES + 1], file, lineNo,
            schoolFirst ? 0 : FEATURES + 1);
        if (school < 1 || school > TASKS) {
          throw new IllegalArgumentException(file + ":" + lineNo + ": school " + school + ", expected 1.." + TASKS);
        }
        tasks.add(new int[] {school - 1});
        xs.add(row);
        ys.add(number(schoolFirst ? f[FEATURES + 1] : f[FEATURES], file, lineNo, FEATURES));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    int n = ys.size();
    int[] task = new int[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      task[i] = tasks.get(i)[0];
      y[i] = ys.get(i);
    }
    return new Part(task, xs.toArray(double[][]::new), y);
  }

  private static double number(String s, Path file, int line, int column) {
    try {
      return Double.parseDouble(s.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(file + ":" + line + ":" + (column + 1) + ": '" + s + "' is not a number", e);
    }
  }
}
