package io.mtl4j.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rule by which one measure flags a task pair, written out so that files and reports state it beside the pairs.
 * A signed measure flags a pair as {@link Kind#CONFLICTING} when its symmetrised value is at or below the threshold.
 * Mutual information and Cramér's V have no sign: they flag a pair as {@link Kind#DEPENDENT_BUT_OPPOSED} when the
 * labels' dependence is at least the threshold and their Spearman correlation is negative: Cramér's V, and for mutual
 * information Linfoot's informational correlation √(1 − e^(−2·MI)), which is |ρ| for Gaussian labels. Between two
 * binary labels {@link LabelStatistics} reports the signed φ (V = |φ|), which flags as the Pearson correlation does.
 *
 * @param threshold the value at or below which a signed measure flags; the dependence at or above which an unsigned
 *                  one flags (when the labels' rank correlation is negative)
 * @param rule      the rule in words, as files and reports print it
 */
public record PairFlags(String measure, Kind kind, double threshold, String rule) {
  /** What a flag says of the pair. */
  public enum Kind { CONFLICTING, DEPENDENT_BUT_OPPOSED }

  /** A moderate correlation (Cohen's 0.3): the label correlations and learned relations flag at −0.3 or below. */
  public static final double MODERATE = 0.3;
  /**
   * A strong dependence in correlation units (Cohen's 0.5), for the plug-in MI: its upward bias on independent labels,
   * (r − 1)(c − 1)/2n nats, is 0.025 nats for two regression targets in 10 bins on 1,600 rows, a correlation of 0.22.
   */
  public static final double STRONG = 0.5;
  /**
   * Cramér's V at or above which labels count as associated. V over 10 × 10 quantile bins is far below |ρ| (the planted
   * relu pair, ρ ≈ −0.5, has V ≈ 0.2) while independence gives about √(81 / 9n), 0.075 on 1,600 rows.
   */
  public static final double ASSOCIATED = 0.15;
  /** The measure whose sign the unsigned measures borrow. */
  static final String RANK = "spearman";

  /**
   * The rules of the measures among {@code measured}, in their order; a measure without a rule (the magnitude ratio,
   * which measures scale, not relatedness) flags nothing and is left out.
   */
  public static List<PairFlags> rules(Iterable<String> measured) {
    List<PairFlags> out = new ArrayList<>();
    for (String m : measured) {
      PairFlags rule = RULES.get(m);
      if (rule != null) out.add(rule);
    }
    return out;
  }

  private static final Map<String, PairFlags> RULES = rules();

  private static Map<String, PairFlags> rules() {
    Map<String, PairFlags> r = new LinkedHashMap<>();
    for (String m : List.of("pearson", "spearman", LearnedRelations.CORRELATION, LearnedRelations.CO_CLUSTER)) {
      r.put(m, signed(m, -MODERATE, "at most a moderate negative correlation"));
    }
    r.put("gradientCosine", signed("gradientCosine", 0, "negative: the tasks' gradients conflict on average, as "
        + "PCGrad defines a conflict"));
    r.put("affinity", signed("affinity", 0, "negative: a step for one task raises the other's loss on average"));
    r.put(PairwiseTransfer.MEASURE, signed(PairwiseTransfer.MEASURE, 0, "negative: the pair's models score worse "
        + "than the single-task models, mean over tasks and seeds"));
    r.put("mutualInformation", new PairFlags("mutualInformation", Kind.DEPENDENT_BUT_OPPOSED, STRONG,
        "flagged as dependent but opposed when Linfoot's informational correlation √(1 − e^(−2·MI)) ≥ " + STRONG
            + " and the labels' Spearman correlation is negative (MI has no sign)"));
    r.put("cramersV", new PairFlags("cramersV", Kind.DEPENDENT_BUT_OPPOSED, ASSOCIATED,
        "flagged as dependent but opposed when V ≥ " + ASSOCIATED + " and the labels' Spearman correlation is "
            + "negative (V has no sign), or when the value is a signed φ ≤ -" + MODERATE + " (two binary labels, whose "
            + "φ is their Pearson correlation and flags as Pearson's does)"));
    return Map.copyOf(r);
  }

  private static PairFlags signed(String measure, double threshold, String why) {
    return new PairFlags(measure, Kind.CONFLICTING, threshold, "flagged as conflicting when the symmetrised value ≤ "
        + threshold + ": " + why);
  }

  /** The pairs (i < j, by name) this rule flags among {@code measures}, which must hold this measure. */
  public List<List<String>> pairs(Map<String, TaskMatrix> measures) {
    TaskMatrix m = measures.get(measure);
    if (m == null) throw new IllegalArgumentException("flagged pairs: no measure '" + measure + "'; measured: " + measures.keySet());
    if (kind == Kind.CONFLICTING) return Relatedness.negativePairs(m, threshold);
    TaskMatrix rank = measures.get(RANK);
    double[][] v = m.symmetrised();
    List<List<String>> out = new ArrayList<>();
    for (int i = 0; i < v.length; i++) {
      for (int j = i + 1; j < v.length; j++) {
        double sign = rank == null ? Double.NaN : rank.get(m.tasks().get(i), m.tasks().get(j));
        // Only a φ of two binary labels is negative: it carries its own sign and flags as a correlation does.
        boolean opposed = v[i][j] < 0 ? v[i][j] <= -MODERATE : sign < 0 && dependence(v[i][j]) >= threshold;
        if (opposed) out.add(List.of(m.tasks().get(i), m.tasks().get(j)));
      }
    }
    return out;
  }

  /** The measure's value in correlation units: Linfoot's √(1 − e^(−2·MI)) for mutual information, else V itself. */
  double dependence(double value) {
    return measure.equals("mutualInformation") ? Math.sqrt(1 - Math.exp(-2 * value)) : value;
  }
}
