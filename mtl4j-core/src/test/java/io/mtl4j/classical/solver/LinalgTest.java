package io.mtl4j.classical.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LinalgTest {
  @ParameterizedTest
  @CsvSource({"5,3", "3,5", "4,4", "1,6"})
  void svdReconstructsTheMatrixWithOrthonormalFactors(int rows, int cols) {
    SplittableRandom rng = new SplittableRandom(rows * 31L + cols);
    double[] a = new double[rows * cols];
    for (int i = 0; i < a.length; i++) a[i] = rng.nextGaussian();
    Linalg.Svd svd = Linalg.svd(a, rows, cols);
    int r = Math.min(rows, cols);
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        double s = 0;
        for (int k = 0; k < r; k++) s += svd.u()[k * rows + i] * svd.s()[k] * svd.v()[k * cols + j];
        assertThat(s).isCloseTo(a[j * rows + i], within(1e-12));
      }
    }
    for (int k = 0; k < r; k++) {
      double uu = 0;
      double vv = 0;
      for (int i = 0; i < rows; i++) uu += svd.u()[k * rows + i] * svd.u()[k * rows + i];
      for (int j = 0; j < cols; j++) vv += svd.v()[k * cols + j] * svd.v()[k * cols + j];
      assertThat(uu).isCloseTo(1, within(1e-12));
      assertThat(vv).isCloseTo(1, within(1e-12));
      if (k > 0) assertThat(svd.s()[k]).isLessThanOrEqualTo(svd.s()[k - 1]);
    }
  }

  @ParameterizedTest
  @CsvSource({"1", "4", "9"})
  void psdSolveGivesTheMinimumNormSolutionOfASingularSystem(int seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int n = 5;
    double[] b = new double[n * 3];
    for (int i = 0; i < b.length; i++) b[i] = rng.nextGaussian();
    double[] s = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        for (int k = 0; k < 3; k++) s[i * n + j] += b[i * 3 + k] * b[j * 3 + k];
      }
    }
    double[] rhs = new double[n];
    for (int i = 0; i < n; i++) rhs[i] = s[i * n] + 2 * s[i * n + 1];
    double[] x = Linalg.psdSolve(s, n, rhs, 1e-12);
    for (int i = 0; i < n; i++) {
      double sx = 0;
      for (int j = 0; j < n; j++) sx += s[i * n + j] * x[j];
      assertThat(sx).isCloseTo(rhs[i], within(1e-9));
    }
    // Minimum norm: x lies in the range of S, i.e. orthogonal to its null space (spanned by the eigenvectors of 0).
    Linalg.Eigen e = Linalg.symmetricEigen(s, n);
    for (int k = 0; k < n - 3; k++) {
      double dot = 0;
      for (int i = 0; i < n; i++) dot += e.vectors()[k * n + i] * x[i];
      assertThat(dot).isCloseTo(0, within(1e-9));
    }
  }
}
