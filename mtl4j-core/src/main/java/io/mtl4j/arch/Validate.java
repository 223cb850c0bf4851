package io.mtl4j.arch;

/** Checks shared by the architectures' Options records. */
final class Validate {
  private Validate() {}

  static void layers(String arch, String key, int[] sizes) {
    if (sizes == null) throw new IllegalArgumentException(arch + ": " + key + " is missing");
    for (int s : sizes) {
      if (s <= 0) {
        throw new IllegalArgumentException(arch + ": " + key + " = " + java.util.Arrays.toString(sizes)
            + ", expected layer sizes > 0");
      }
    }
  }

  static void dropout(String arch, double p) {
    if (!(p >= 0 && p < 1)) throw new IllegalArgumentException(arch + ": dropout = " + p + ", expected 0 ≤ dropout < 1");
  }
}
