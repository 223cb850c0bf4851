package io.mtl4j.classical;

/** Task-coupling matrices M [T, T] for the smooth term tr(W·M·Wᵀ) of {@link CompositeProblem}. */
final class TaskCouplings {
  private TaskCouplings() {}

  /** M = a·I: tr(W M Wᵀ) = a·||W||²_F. */
  static double[] identity(int tasks, double a) {
    double[] m = new double[tasks * tasks];
    for (int t = 0; t < tasks; t++) m[t * tasks + t] = a;
    return m;
  }

  /** M = a·R·Rᵀ for a structure matrix R [T, E]: tr(W M Wᵀ) = a·||W R||²_F (MALSAR SRMTL). */
  static double[] gram(double[] r, int tasks, int edges, double a) {
    double[] m = new double[tasks * tasks];
    for (int s = 0; s < tasks; s++) {
      for (int t = 0; t < tasks; t++) {
        double sum = 0;
        for (int e = 0; e < edges; e++) sum += r[s * edges + e] * r[t * edges + e];
        m[s * tasks + t] = a * sum;
      }
    }
    return m;
  }
}
