package io.mtl4j.cli.study;

import io.mtl4j.data.Dataset;
import io.mtl4j.encode.IdRows;
import io.mtl4j.encode.text.Vocabulary;
import io.mtl4j.tensor.Permutations;
import io.mtl4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;

/**
 * The planted 17th task of {@code study fdu-mtl --conflict}: one domain's texts relabelled so that learning them
 * competes with the 16 sentiment tasks for the shared features. The kinds, by {@code --conflict-labels}:
 * <ul>
 *   <li>{@code flipped}: every label inverted. A head reads it off the sentiment feature with the other sign, so it
 *       cannot conflict in a shared part: it is kept as the literal planted task and its measured null result.
 *   <li>{@code shuffled}: the labels permuted, sentiment-free noise that a shared part can only memorise.
 *   <li>{@code lexicon}: a fixed random polarity of the {@link #LEXICON_WORDS} most frequent words; a second
 *       function of the same texts, independent of sentiment.
 *   <li>{@code half-flipped}: the {@link #SENTIMENT_WORDS} words whose training labels lean most to one side, with the
 *       sign of a seeded half of them reversed. It needs the very words sentiment needs, half with the opposite
 *       sign: sentiment ≈ a + b and the task ≈ a − b, which one shared unit cannot carry both of.
 * </ul>
 */
final class PlantedConflict {
  /** The kinds of conflicting labels, in help order. */
  static final List<String> KINDS = List.of("flipped", "shuffled", "lexicon", "half-flipped");
  /**
   * Words by training frequency that get a polarity: frequent enough that one domain's training texts show each many
   * times, so the lexicon labels are learnable from them.
   */
  static final int LEXICON_WORDS = 1000;
  /** Training texts a word must occur in before its label counts make it a sentiment word (log-odds of few are noise). */
  static final int MIN_TEXTS = 20;

  private PlantedConflict() {}

  /**
   * {@code domain}'s train, dev and test rows with conflicting labels of {@code kind}, as the task
   * {@code domain-kind}; {@code seed} draws the shuffle or the flipped half. {@code splits}: every domain's
   * {train, dev, test}, whose training labels pick {@code half-flipped}'s {@code words} sentiment words.
   */
  static Dataset[] conflicting(String domain, String kind, Map<String, Dataset[]> splits, long seed, int words) {
    Dataset[] own = splits.get(domain);
    if (own == null) throw new IllegalArgumentException("--conflict: '" + domain + "', expected one of " + splits.keySet());
    float[][] y = switch (kind) {
      case "flipped" -> flipped(own, domain);
      case "shuffled" -> shuffled(own, domain, seed);
      case "lexicon" -> aboveTrainingMedian(scores(own, PlantedConflict::polarity));
      case "half-flipped" -> {
        float[] polarity = halfFlipped(splits, words, seed);
        yield positive(scores(own, id -> id < polarity.length ? polarity[id] : 0));
      }
      default -> throw new IllegalArgumentException("--conflict-labels: '" + kind + "', expected one of "
          + String.join(", ", KINDS));
    };
    Dataset[] out = new Dataset[own.length];
    for (int i = 0; i < own.length; i++) {
      out[i] = Dataset.builder(own[i].groups()).task(domain + "-" + kind, Tensor.of(y[i], y[i].length)).build();
    }
    return out;
  }

  private static float[][] flipped(Dataset[] own, String domain) {
    float[][] y = new float[own.length][];
    for (int i = 0; i < own.length; i++) {
      y[i] = own[i].labels(domain).toArray();
      for (int r = 0; r < y[i].length; r++) y[i][r] = 1 - y[i][r];
    }
    return y;
  }

  private static float[][] shuffled(Dataset[] own, String domain, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[][] y = new float[own.length][];
    for (int i = 0; i < own.length; i++) {
      float[] labels = own[i].labels(domain).toArray();
      int[] order = Permutations.shuffled(labels.length, random);
      y[i] = new float[labels.length];
      for (int r = 0; r < labels.length; r++) y[i][r] = labels[order[r]];
    }
    return y;
  }

  /** Per split and text, the mean of its words' {@code weight} (0 for an empty text). */
  private static float[][] scores(Dataset[] splits, IntToDoubleFunction weight) {
    float[][] score = new float[splits.length][];
    for (int i = 0; i < splits.length; i++) {
      IdRows text = (IdRows) splits[i].groups().group("text");
      score[i] = new float[text.rows()];
      for (int r = 0; r < score[i].length; r++) {
        int[] ids = text.row(r);
        double sum = 0;
        for (int id : ids) sum += weight.applyAsDouble(id);
        score[i][r] = ids.length == 0 ? 0 : (float) (sum / ids.length);
      }
    }
    return score;
  }

  /** 1 where the score exceeds the training split's (the first's) median: about half of the texts. */
  private static float[][] aboveTrainingMedian(float[][] score) {
    float[] sorted = score[0].clone();
    Arrays.sort(sorted);
    return above(score, sorted[sorted.length / 2]);
  }

  /**
   * 1 where the score is positive. Not the median, as for {@code lexicon}: a text of unflipped sentiment words alone
   * then keeps its sentiment label and one of flipped words alone gets the other, whatever the other texts are.
   */
  private static float[][] positive(float[][] score) {
    return above(score, 0);
  }

  private static float[][] above(float[][] score, float threshold) {
    float[][] y = new float[score.length][];
    for (int i = 0; i < score.length; i++) {
      y[i] = new float[score[i].length];
      for (int r = 0; r < y[i].length; r++) y[i][r] = score[i][r] > threshold ? 1 : 0;
    }
    return y;
  }

  /** ±1 for the {@link #LEXICON_WORDS} most frequent words (the ids after {@link Vocabulary#OOV}), 0 for the rest. */
  static int polarity(int id) {
    if (id <= Vocabulary.OOV || id > Vocabulary.OOV + LEXICON_WORDS) return 0;
    long z = (id + 0x9E3779B97F4A7C15L) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 31)) * 0x94D049BB133111EBL;
    return ((z ^ (z >>> 29)) & 1) == 0 ? 1 : -1;
  }

  /**
   * Per word id, the {@code half-flipped} polarity: ±1 for the {@code words} words of every domain's training texts
   * with the largest |log-odds| of a positive label (among those in ≥ {@link #MIN_TEXTS} texts), its sign reversed
   * for a seeded half of them; 0 for every other word.
   */
  static float[] halfFlipped(Map<String, Dataset[]> splits, int words, long seed) {
    int[][] counts = textCounts(splits);
    List<Integer> chosen = new ArrayList<>();
    for (int id = Vocabulary.OOV + 1; id < counts[0].length; id++) {
      if (counts[0][id] + counts[1][id] >= MIN_TEXTS) chosen.add(id);
    }
    double[] logOdds = new double[counts[0].length];
    for (int id : chosen) logOdds[id] = Math.log((counts[1][id] + 1.0) / (counts[0][id] + 1.0));
    chosen.sort(Comparator.<Integer>comparingDouble(id -> -Math.abs(logOdds[id])).thenComparingInt(id -> id));
    List<Integer> kept = new ArrayList<>(chosen.subList(0, Math.min(words, chosen.size())));
    kept.sort(null);
    // A seeded shuffle then the first half: exactly half flipped, and which half depends on the seed alone.
    int[] order = Permutations.shuffled(kept.size(), new SplittableRandom(seed));
    float[] polarity = new float[counts[0].length];
    for (int i = 0; i < kept.size(); i++) {
      int id = kept.get(order[i]);
      polarity[id] = (float) Math.signum(logOdds[id]) * (i < kept.size() / 2 ? -1 : 1);
    }
    return polarity;
  }

  /** {negative, positive} counts of training texts each word id occurs in, over every domain. */
  private static int[][] textCounts(Map<String, Dataset[]> splits) {
    int size = 0;
    for (Dataset[] d : splits.values()) for (int id : ((IdRows) d[0].groups().group("text")).ids()) size = Math.max(size, id + 1);
    int[][] counts = new int[2][size];
    int[] seenIn = new int[size];
    Arrays.fill(seenIn, -1);
    int text = 0;
    for (Map.Entry<String, Dataset[]> e : splits.entrySet()) {
      IdRows rows = (IdRows) e.getValue()[0].groups().group("text");
      float[] labels = e.getValue()[0].labels(e.getKey()).toArray();
      for (int r = 0; r < rows.rows(); r++, text++) {
        int side = labels[r] > 0.5f ? 1 : 0;
        for (int k = rows.offsets()[r]; k < rows.offsets()[r + 1]; k++) {
          int id = rows.ids()[k];
          if (seenIn[id] != text) counts[side][id]++;
          seenIn[id] = text;
        }
      }
    }
    return counts;
  }
}
