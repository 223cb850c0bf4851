package io.mtl4j.classical;

/** A formulation whose model is linear, W [D, T] (+ intercepts), and which can start from a previous solution. */
public interface LinearFormulation extends Formulation {
  @Override
  default LinearMtlModel fit(MultiTaskData train) {
    return fit(train, null);
  }

  /** Fits starting from {@code warmStart}'s solution when it is not null (regularisation paths). */
  LinearMtlModel fit(MultiTaskData train, LinearMtlModel warmStart);
}
