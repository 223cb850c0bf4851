package io.mtl4j.linalg;

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

  @ParameterizedTest
  @CsvSource({"1,1", "2,3", "3,7"})
  void solveAndInverseAgreeWithTheSystem(int seed, int n) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] a = new double[n][n];
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) a[i][j] = rng.nextGaussian() + (i == j ? n : 0);
      b[i] = rng.nextGaussian();
    }
    double[] x = Linalg.solve(a, b);
    double[][] inv = Linalg.inverse(a);
    for (int i = 0; i < n; i++) {
      double ax = 0;
      double invB = 0;
      for (int j = 0; j < n; j++) {
        ax += a[i][j] * x[j];
        invB += inv[i][j] * b[j];
        double identity = 0;
        for (int k = 0; k < n; k++) identity += a[i][k] * inv[k][j];
        assertThat(identity).isCloseTo(i == j ? 1 : 0, within(1e-12));
      }
      assertThat(ax).isCloseTo(b[i], within(1e-12));
      assertThat(invB).isCloseTo(x[i], within(1e-12));
    }
  }

  @ParameterizedTest
  @CsvSource({"2", "3"})
  void solveReturnsNullForASingularMatrix(int n) {
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) java.util.Arrays.fill(a[i], i + 1.0);
    assertThat(Linalg.solve(a, new double[n])).isNull();
  }

  @ParameterizedTest
  @CsvSource({"1,2", "5,4", "8,6"})
  void psdSvdGivesDescendingEigenpairsOfAGramMatrix(int seed, int n) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] x = new double[n][n + 2];
    for (double[] row : x) for (int k = 0; k < row.length; k++) row[k] = rng.nextGaussian();
    double[][] s = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) for (int k = 0; k < n + 2; k++) s[i][j] += x[i][k] * x[j][k];
    }
    Linalg.Eigen e = Linalg.psdSvd(s);
    for (int r = 0; r < n; r++) {
      if (r > 0) assertThat(e.values()[r]).isLessThanOrEqualTo(e.values()[r - 1]);
      for (int i = 0; i < n; i++) {
        double sv = 0;
        for (int j = 0; j < n; j++) sv += s[i][j] * e.vectors()[r * n + j];
        assertThat(sv).isCloseTo(e.values()[r] * e.vectors()[r * n + i], within(1e-9));
      }
    }
  }
}
