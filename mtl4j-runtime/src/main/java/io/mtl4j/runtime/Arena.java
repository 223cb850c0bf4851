package io.mtl4j.runtime;

/**
 * Hands out regions of one per-thread scratch array while a plan is compiled: every intermediate value of the forward
 * pass gets a fixed offset, so predicting allocates nothing and threads share the plan but never a region.
 */
final class Arena {
  private int size;

  /** A new region of {@code n} floats; its offset. */
  int take(int n) {
    if (n < 0 || size + (long) n > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("scratch region of " + n + " floats after " + size + ": too large");
    }
    int at = size;
    size += n;
    return at;
  }

  int size() {
    return size;
  }
}
