package io.mtl4j.classical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FormulationsTest {
  @Test
  void registersEveryFormulationUnderItsOwnName() {
    assertThat(Formulations.names()).containsExactlyInAnyOrder("lasso", "ridge", "pooled", "l21", "trace", "dirty",
        "rmtfl", "robust", "mean-regularized", "srmtl", "cmtl", "mtrl", "gomtl", "mt-svm");
    for (String name : Formulations.names()) {
      assertThat(Formulations.create(name, Map.of()).name()).isEqualTo(name);
    }
  }

  @Test
  void bindsAYamlStyleMapIgnoringCaseAndHyphens() {
    TraceNorm t = (TraceNorm) Formulations.create("TRACE", Map.of("lambda", 100, "mode", "malsar", "tol", 1e-5,
        "maxIter", 1500, "seed", 3));
    assertThat(t.options().lambda()).isEqualTo(100);
    assertThat(t.options().solver()).isEqualTo(SolverOptions.malsar(1e-5, 1500, 3));
    Dirty d = (Dirty) Formulations.create("dirty", Map.of("rho1", "350", "rho2", 10, "max_iter", 500));
    assertThat(d.options().rho1()).isEqualTo(350);
    assertThat(((Lasso) Formulations.create("lasso", Map.of("rho1", 7))).options().lambda()).isEqualTo(7);
    assertThat(((MultiTaskSVM) Formulations.create("mt-svm", Map.of("mu", "inf"))).options().mu()).isInfinite();
  }

  @Test
  void unknownNamesAndOptionsFailListingWhatIsKnown() {
    assertThatThrownBy(() -> Formulations.create("trace-nrom", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown formulation 'trace-nrom'").hasMessageContaining("trace");
    assertThatThrownBy(() -> Formulations.create("trace", Map.of("lamda", 1)))
        .hasMessageContaining("unknown option 'lamda'").hasMessageContaining("lambda");
    assertThatThrownBy(() -> Formulations.create("lasso", Map.of("lambda", -1)))
        .hasMessageContaining("lambda = -1.0");
    assertThatThrownBy(() -> Formulations.create("lasso", Map.of("mode", "matlab")))
        .hasMessageContaining("mode = 'matlab'");
    assertThatThrownBy(() -> Formulations.create("lasso", Map.of("loss", "hinge")))
        .hasMessageContaining("loss = 'hinge'");
  }
}
