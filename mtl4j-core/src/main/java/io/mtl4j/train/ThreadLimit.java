package io.mtl4j.train;

/**
 * The most worker threads a run may ask for: {@value #PER_PROCESSOR} per available processor. Each worker is an OS
 * thread with its own gradient and activation buffers, so an unbounded count (a typo such as {@code threads: 100000})
 * exhausts the host's threads and memory instead of failing; a few workers per core still let a thread count chosen
 * on a larger machine (results depend on it) run here, only slower.
 */
public final class ThreadLimit {
  /** Workers allowed per available processor. */
  public static final int PER_PROCESSOR = 4;

  private ThreadLimit() {}

  /** {@value #PER_PROCESSOR} × the processors available to this JVM. */
  public static int max() {
    return PER_PROCESSOR * Runtime.getRuntime().availableProcessors();
  }

  /**
   * Returns {@code threads} when it is in 1..{@link #max()}; else fails naming {@code key} (a config key path).
   *
   * @throws IllegalArgumentException for a count below 1 or above the limit
   */
  public static int check(String key, int threads) {
    if (threads <= 0) throw new IllegalArgumentException(key + " = " + threads + ", expected an integer > 0");
    if (threads > max()) {
      throw new IllegalArgumentException(key + " = " + threads + ", expected at most " + max() + " ("
          + PER_PROCESSOR + " per available processor; this machine has " + Runtime.getRuntime().availableProcessors()
          + ")");
    }
    return threads;
  }
}
