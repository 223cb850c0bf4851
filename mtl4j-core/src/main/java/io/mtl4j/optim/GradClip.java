package io.mtl4j.optim;

import io.mtl4j.config.Checks;
import java.util.Objects;

/** Gradient clipping by global L2 norm (Pascanu et al., ICML 2013), torch's clip_grad_norm_ on a flat buffer. */
public final class GradClip {
  private GradClip() {}

  /**
   * Scales {@code grads[from, to)} by {@code maxNorm / (norm + 1e-6)} when their L2 norm exceeds {@code maxNorm}
   * (torch adds the same 1e-6) and leaves them unchanged otherwise, or when the norm is not finite (the trainer's
   * non-finite guard decides what to do with such a step).
   *
   * @return the norm before clipping, accumulated in double
   */
  public static double clipByGlobalNorm(float[] grads, int from, int to, double maxNorm) {
    Objects.requireNonNull(grads, "grads");
    if (from < 0 || from > to || to > grads.length) {
      throw new IllegalArgumentException(String.format(
          "GradClip: range [from, to) = [%d, %d) is not inside grads of length %d", from, to, grads.length));
    }
    Checks.positive("GradClip", "maxNorm", maxNorm);
    double norm = Math.sqrt(sumOfSquares(grads, from, to));
    if (norm > maxNorm && Double.isFinite(norm)) {
      float scale = (float) (maxNorm / (norm + 1e-6));
      for (int i = from; i < to; i++) {
        grads[i] *= scale;
      }
    }
    return norm;
  }

  /** Sum of squares over the whole buffer; see {@link #clipByGlobalNorm(float[], int, int, double)}. */
  public static double clipByGlobalNorm(float[] grads, double maxNorm) {
    return clipByGlobalNorm(grads, 0, grads.length, maxNorm);
  }

  /** The L2 norm of {@code grads[from, to)}, accumulated in double. */
  public static double norm(float[] grads, int from, int to) {
    return Math.sqrt(sumOfSquares(grads, from, to));
  }

  /** The L2 norm of the whole buffer, accumulated in double (the trainer's non-finite guard reads it). */
  public static double globalNorm(float[] grads) {
    return Math.sqrt(sumOfSquares(grads, 0, grads.length));
  }

  /**
   * {@link #clipByGlobalNorm(float[], double)} of a buffer that is zero outside the ascending disjoint ranges
   * {@code support} (the dense parameters and the touched rows of row-sparse tables), visiting only those: the
   * same norm and the same clipped floats, at the cost of the support.
   */
  public static double clipByGlobalNorm(float[] grads, int[][] support, double maxNorm) {
    Checks.positive("GradClip", "maxNorm", maxNorm);
    double norm = norm(grads, 0, grads.length, support);
    clip(grads, support, norm, maxNorm);
    return norm;
  }

  /**
   * The clipping half of {@link #clipByGlobalNorm(float[], int[][], double)}, for a caller that already has the
   * buffer's {@code norm} (from {@link #prefixAndTotalNorm}): scales the support when the norm exceeds
   * {@code maxNorm}, else leaves it.
   */
  public static void clip(float[] grads, int[][] support, double norm, double maxNorm) {
    Checks.positive("GradClip", "maxNorm", maxNorm);
    if (norm > maxNorm && Double.isFinite(norm)) {
      float scale = (float) (maxNorm / (norm + 1e-6));
      for (int[] r : support) {
        for (int i = r[0]; i < r[1]; i++) grads[i] *= scale;
      }
    }
  }

  /**
   * {@link #norm(float[], int, int)} of a buffer that is zero in [from, to) outside the ascending disjoint ranges
   * {@code support}, visiting only those. Bit for bit the dense value: each element goes to the accumulator the
   * dense loop gives it, in the same order, and the skipped zeros would have added nothing.
   */
  public static double norm(float[] grads, int from, int to, int[][] support) {
    requireInside(grads, from, to);
    double[] s = new double[4];
    accumulate(s, grads, from, blocks(from, to), from, to, support);
    return root(s);
  }

  /**
   * {norm(grads, 0, prefix, support), norm(grads, 0, grads.length, support)} bit for bit, in one pass over the
   * support instead of two: the trainer reads the shared parameters' norm and clips by the whole buffer's. Both
   * loops give accumulator (i &amp; 3) the terms of i in the same ascending order below {@code prefix & ~3}, so the
   * prefix's accumulators are the total's at that point plus its own ≤ 3 tail terms.
   */
  public static double[] prefixAndTotalNorm(float[] grads, int prefix, int[][] support) {
    requireInside(grads, 0, prefix);
    int prefixBlocks = blocks(0, prefix), totalBlocks = blocks(0, grads.length);
    double[] total = new double[4];
    accumulate(total, grads, 0, totalBlocks, 0, prefixBlocks, support);
    double[] head = total.clone();
    accumulate(head, grads, 0, prefixBlocks, prefixBlocks, prefix, support);
    accumulate(total, grads, 0, totalBlocks, prefixBlocks, grads.length, support);
    return new double[] {root(head), root(total)};
  }

  private static void requireInside(float[] grads, int from, int to) {
    Objects.requireNonNull(grads, "grads");
    if (from < 0 || from > to || to > grads.length) {
      throw new IllegalArgumentException(String.format(
          "GradClip: range [from, to) = [%d, %d) is not inside grads of length %d", from, to, grads.length));
    }
  }

  /** The end of the dense loop's 4-wide part over [from, to); its remainder goes to accumulator 0. */
  private static int blocks(int from, int to) {
    return from + ((to - from) & ~3);
  }

  private static double root(double[] s) {
    return Math.sqrt((s[0] + s[1]) + (s[2] + s[3]));
  }

  /**
   * Adds grads[i]² for i in the support within [lo, hi), in ascending order, to s[(i − from) &amp; 3] below
   * {@code blocks} and to s[0] from there on: the summation order of {@link #sumOfSquares} over [from, to).
   */
  private static void accumulate(double[] s, float[] grads, int from, int blocks, int lo, int hi, int[][] support) {
    for (int[] r : support) {
      if (r[1] <= lo) continue;
      if (r[0] >= hi) break;
      int i = Math.max(r[0], lo), end = Math.min(r[1], hi), body = Math.min(end, blocks);
      for (; i < body && ((i - from) & 3) != 0; i++) s[(i - from) & 3] += (double) grads[i] * grads[i];
      double s0 = s[0], s1 = s[1], s2 = s[2], s3 = s[3];
      for (; i + 3 < body; i += 4) {
        double a = grads[i], b = grads[i + 1], c = grads[i + 2], d = grads[i + 3];
        s0 += a * a;
        s1 += b * b;
        s2 += c * c;
        s3 += d * d;
      }
      s[0] = s0;
      s[1] = s1;
      s[2] = s2;
      s[3] = s3;
      for (; i < body; i++) s[(i - from) & 3] += (double) grads[i] * grads[i];
      for (; i < end; i++) s[0] += (double) grads[i] * grads[i];
    }
  }

  /** Four independent double accumulators: a fixed summation order, but no single dependency chain. */
  static double sumOfSquares(float[] x, int from, int to) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = from;
    for (; i + 3 < to; i += 4) {
      double a = x[i];
      double b = x[i + 1];
      double c = x[i + 2];
      double d = x[i + 3];
      s0 += a * a;
      s1 += b * b;
      s2 += c * c;
      s3 += d * d;
    }
    for (; i < to; i++) {
      double a = x[i];
      s0 += a * a;
    }
    return (s0 + s1) + (s2 + s3);
  }
}
