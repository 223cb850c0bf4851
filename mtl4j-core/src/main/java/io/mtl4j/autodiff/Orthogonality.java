package io.mtl4j.autodiff;

import io.mtl4j.tensor.Shapes;

/**
 * The difference loss of shared-private models (Bousmalis et al., NeurIPS 2016; Liu, Qiu &amp; Huang, ACL 2017 eq. 13):
 * ‖SᵀP‖²_F over a batch's shared features S [B, s] and private features P [B, p], zero when every shared feature
 * column is orthogonal to every private one. A scalar, built from differentiable ops: its gradients are theirs
 * (∂/∂S = 2·P·Mᵀ, ∂/∂P = 2·S·M with M = SᵀP).
 */
public final class Orthogonality {
  private Orthogonality() {}

  public static Var penalty(Var shared, Var own) {
    Shapes.requireMatrix("orthogonality", shared.value);
    Shapes.requireMatrix("orthogonality", own.value);
    if (shared.value.rows() != own.value.rows()) {
      throw new IllegalArgumentException("orthogonality: shared features have " + shared.value.rows()
          + " rows, private ones " + own.value.rows() + "; expected the same rows");
    }
    Var m = MatMul.matmul(ConcatSplit.transpose(shared), own);
    return Reduce.sum(Elementwise.mul(m, m));
  }
}
