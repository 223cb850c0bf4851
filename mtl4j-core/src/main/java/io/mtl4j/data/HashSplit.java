package io.mtl4j.data;

/**
 * The train/validation split of a streamed file: row {@code i} (0-based, in file order) is a validation row when a
 * seeded hash of {@code i} falls below {@code valid}. It needs no row list, so it costs no memory whatever the file
 * size, and every pass (the preprocessing fit, each epoch, each evaluation) sees the same rows on the same side:
 * validation rows never reach the preprocessing fit or training.
 *
 * @param valid fraction of rows for validation, in [0, 1)
 * @param seed  the run seed
 */
public record HashSplit(double valid, long seed) {
  public HashSplit {
    if (!(valid >= 0 && valid < 1)) {
      throw new IllegalArgumentException("data.split.valid = " + valid + ", expected a fraction in [0, 1) when streaming");
    }
  }

  /** Whether row {@code row} of the file is a validation row. */
  public boolean isValidation(long row) {
    return uniform(row) < valid;
  }

  /** A uniform value in [0, 1) from (seed, row): SplitMix64's finaliser, 53 bits. */
  private double uniform(long row) {
    long z = seed * 0x9E3779B97F4A7C15L + row * 0xBF58476D1CE4E5B9L + 0x632BE59BD9B4E019L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z ^= z >>> 31;
    return (z >>> 11) * 0x1.0p-53;
  }
}
