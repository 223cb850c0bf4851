package io.mtl4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.autodiff.Tape;
import io.mtl4j.autodiff.Var;
import io.mtl4j.tensor.Tensor;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Finite-difference gradient checks: the analytic gradient of L = Σ r ⊙ op(inputs), for a random projection r, must
 * match central differences of L accumulated in double.
 */
public final class GradCheck {
  /** Step of the central difference: large enough that float32 rounding of L stays below the tolerance. */
  public static final double EPS = 1e-2;
  /** Central differences are O(EPS²)-accurate on smooth functions; float32 forward sums add ~1e-5 noise. */
  public static final double ABS_TOL = 2e-3;
  public static final double REL_TOL = 1e-2;

  /** How inputs are drawn: {@link #SMOOTH} in [-1,1] away from 0 (relu's kink), {@link #POSITIVE} for log. */
  public enum Inputs { SMOOTH, POSITIVE }

  private GradCheck() {}

  public static void assertGradients(Function<Var[], Var> op, long seed, int[]... shapes) {
    assertGradients(op, seed, Inputs.SMOOTH, shapes);
  }

  public static void assertGradients(Function<Var[], Var> op, long seed, Inputs kind, int[]... shapes) {
    SplittableRandom random = new SplittableRandom(seed);
    Tensor[] values = new Tensor[shapes.length];
    for (int i = 0; i < shapes.length; i++) {
      values[i] = Tensor.zeros(shapes[i]);
      for (int j = 0; j < values[i].size(); j++) values[i].set(j, draw(random, kind));
    }
    Tape tape = new Tape();
    Var[] vars = new Var[values.length];
    for (int i = 0; i < values.length; i++) vars[i] = tape.variable(values[i]);
    Var out = op.apply(vars);
    Tensor projection = Tensor.zeros(out.shape());
    for (int j = 0; j < projection.size(); j++) projection.set(j, (float) random.nextDouble(-1, 1));
    tape.backward(Map.of(out, projection), Set.of());
    for (int i = 0; i < values.length; i++) {
      Tensor analytic = vars[i].grad();
      for (int j = 0; j < values[i].size(); j++) {
        float saved = values[i].get(j);
        values[i].set(j, (float) (saved + EPS));
        double up = projected(op, values, projection);
        values[i].set(j, (float) (saved - EPS));
        double down = projected(op, values, projection);
        values[i].set(j, saved);
        double numeric = (up - down) / (2 * EPS);
        double got = analytic == null ? 0 : analytic.get(j);
        assertThat(Math.abs(got - numeric))
            .as("d/d input %d element %d: analytic %s vs numeric %s", i, j, got, numeric)
            .isLessThanOrEqualTo(ABS_TOL + REL_TOL * Math.abs(numeric));
      }
    }
  }

  private static double projected(Function<Var[], Var> op, Tensor[] values, Tensor projection) {
    Tape tape = new Tape();
    Var[] vars = new Var[values.length];
    for (int i = 0; i < values.length; i++) vars[i] = tape.variable(values[i]);
    Tensor y = op.apply(vars).value();
    double s = 0;
    for (int j = 0; j < y.size(); j++) s += (double) y.get(j) * projection.get(j);
    return s;
  }

  private static float draw(SplittableRandom random, Inputs kind) {
    double magnitude = random.nextDouble(0.15, 1.0);
    return (float) (kind == Inputs.POSITIVE ? magnitude + 0.2 : (random.nextBoolean() ? magnitude : -magnitude));
  }

  /** A seeded random shape helper: each dim in [1, max]. */
  public static int[] randomShape(SplittableRandom random, int rank, int max) {
    int[] s = new int[rank];
    for (int i = 0; i < rank; i++) s[i] = 1 + random.nextInt(max);
    return s;
  }
}
