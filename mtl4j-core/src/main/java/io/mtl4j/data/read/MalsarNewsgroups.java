package io.mtl4j.data.read;

import io.mtl4j.data.DataFormatException;
import io.mtl4j.data.read.TextInput;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads MALSAR's 20-newsgroups two-task pairs (comp.vs.sci, rec.vs.talk; Gu & Zhou, ICDM 2009) from the derived
 * {@code .svm.gz} files its PROVENANCE.md describes: one document per line, {@code label j:count …}, label 1 or 2,
 * term j in 1..{@value #TERMS} ascending, positive integer counts. Each task comes out as a bag of terms in CSR form
 * (term ids 0-based, counts as weights: an embedding bag's input). Labels become 1 (MALSAR label 1) and 0 (label 2).
 * There is no official split; the caller draws a seeded one.
 */
public final class MalsarNewsgroups {
  public static final int TERMS = 2000;
  public static final List<String> PAIRS = List.of("comp.vs.sci", "rec.vs.talk");

  private MalsarNewsgroups() {}

  /**
   * One task's documents: document i has terms {@code terms[offsets[i] .. offsets[i+1])} with the same-indexed
   * {@code counts}.
   */
  public record Task(String name, int[] offsets, int[] terms, float[] counts, int[] labels) {
    public int documents() {
      return labels.length;
    }
  }

  /** The two tasks of {@code pair} (one of {@link #PAIRS}), from {@code dir} = the malsar-20newsgroups folder. */
  public static List<Task> read(Path dir, String pair) {
    if (!PAIRS.contains(pair)) throw new IllegalArgumentException("MALSAR newsgroups has no pair '" + pair + "'; known: " + PAIRS);
    // The file names keep the source's case: task1/task2 under comp.vs.sci, Task1/Task2 under rec.vs.talk.
    String prefix = pair.equals("rec.vs.talk") ? "Task" : "task";
    List<Task> tasks = new ArrayList<>();
    for (int t = 1; t <= 2; t++) tasks.add(task(pair + "/task" + t, dir.resolve(pair).resolve(prefix + t + ".svm.gz")));
    return tasks;
  }

  /** One svmlight file of term counts. */
  public static Task task(String name, Path file) {
    IntList offsets = new IntList(), terms = new IntList(), counts = new IntList(), labels = new IntList();
    offsets.add(0);
    long line = 0;
    try (BufferedReader in = TextInput.reader(file)) {
      for (String s = in.readLine(); s != null; s = in.readLine()) {
        line++;
        if (s.isBlank()) continue;
        String[] fields = s.strip().split("\\s+");
        labels.add(label(fields[0], file, line));
        int previous = 0;
        for (int i = 1; i < fields.length; i++) {
          int[] entry = entry(fields[i], previous, file, line, i + 1);
          terms.add(entry[0] - 1);
          counts.add(entry[1]);
          previous = entry[0];
        }
        offsets.add(terms.size());
      }
    } catch (IOException e) {
      throw TextInput.failure(file, line, e);
    }
    if (labels.size() == 0) throw new DataFormatException(file.toString(), 0, 0, "the file has no documents");
    float[] c = new float[counts.size()];
    int[] whole = counts.toArray();
    for (int i = 0; i < c.length; i++) c[i] = whole[i];
    return new Task(name, offsets.toArray(), terms.toArray(), c, labels.toArray());
  }

  private static int label(String field, Path file, long line) {
    return switch (field) {
      case "1" -> 1;
      case "2" -> 0;
      default -> throw new DataFormatException(file.toString(), line, 1, "label '" + WordVectors.abbreviate(field)
          + "', expected 1 or 2");
    };
  }

  /** {@code term:count}, term in (previous, TERMS], count ≥ 1; {@code field} is the 1-based field number. */
  private static int[] entry(String text, int previous, Path file, long line, int field) {
    int colon = text.indexOf(':');
    int term, count;
    try {
      term = Integer.parseInt(text.substring(0, Math.max(0, colon)));
      count = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new DataFormatException(file.toString(), line, field, "entry '" + WordVectors.abbreviate(text)
          + "', expected term:count with integers");
    }
    if (term <= previous || term > TERMS) {
      throw new DataFormatException(file.toString(), line, field, "term " + term + ": expected " + (previous + 1) + ".."
          + TERMS + " (terms ascending, at most " + TERMS + ")");
    }
    if (count < 1) throw new DataFormatException(file.toString(), line, field, "count " + count + " of term " + term + ": expected ≥ 1");
    return new int[] {term, count};
  }

  /** A growable int array, so a task of 10⁵ entries is not 10⁵ boxed Integers. */
  private static final class IntList {
    private int[] values = new int[1024];
    private int size;

    void add(int v) {
      if (size == values.length) values = java.util.Arrays.copyOf(values, size * 2);
      values[size++] = v;
    }

    int size() {
      return size;
    }

    int[] toArray() {
      return java.util.Arrays.copyOf(values, size);
    }
  }
}
