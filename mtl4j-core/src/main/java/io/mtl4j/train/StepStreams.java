package io.mtl4j.train;

/**
 * The random streams of a run, each a pure function of (seed, position): a resumed run draws exactly what the
 * uninterrupted one drew, and a worker's dropout does not depend on which thread runs it.
 */
final class StepStreams {
  /** Stream index of the epoch shuffle. */
  static final int SHUFFLE = -2;
  /** Stream index of the weighting's per-step {@link io.mtl4j.weighting.RandomSource}. */
  static final int WEIGHTING = -1;
  /** Stream index of the epoch's self-computed targets that draw (masked tokens): {@code BatchPlan#drawTargets}. */
  static final int TARGETS = -4;
  /** Stream index of the extra loss samples' dropout: sample 0 keeps the one-sample stream. */
  private static final int SAMPLE = -3;

  private StepStreams() {}

  /** Dropout stream of {@code worker}'s shard in loss sample {@code sample} of step {@code step}. */
  static long dropout(long seed, long step, int worker, int sample) {
    long stream = mix(seed, step, worker);
    return sample == 0 ? stream : mix(stream, sample, SAMPLE);
  }

  static long mix(long seed, long step, int worker) {
    long z = seed * 0x9E3779B97F4A7C15L + step * 0xBF58476D1CE4E5B9L + worker * 0x94D049BB133111EBL;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
