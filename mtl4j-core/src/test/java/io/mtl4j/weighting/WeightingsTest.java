package io.mtl4j.weighting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class WeightingsTest {

  @Test
  void registersEveryWeightingClassOfThePackage() throws Exception {
    Set<Class<?>> registered = new HashSet<>();
    for (String name : Weightings.names()) {
      registered.add(Weightings.create(name).getClass());
    }
    Set<String> missing = new TreeSet<>();
    for (Class<?> type : weightingClasses()) {
      if (!registered.contains(type)) {
        missing.add(type.getSimpleName());
      }
    }
    assertThat(missing).as("Weighting classes without a registry entry").isEmpty();
  }

  @Test
  void looksNamesUpCaseInsensitively() {
    assertThat(Weightings.create("PCGrad")).isInstanceOf(PCGrad.class);
    assertThat(Weightings.create(" Aligned-MTL ")).isInstanceOf(AlignedMTL.class);
  }

  @Test
  void rejectsAnUnknownNameListingTheKnownOnes() {
    assertThatThrownBy(() -> Weightings.create("pcgard"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pcgard")
        .hasMessageContaining("pcgrad")
        .hasMessageContaining("famo");
  }

  @Test
  void bindsOptionsByComponentNameWithDefaultsForTheRest() {
    Weighting w = Weightings.create("moco", Map.of("rho", 0.1));
    assertThat(w).isInstanceOf(MoCo.class);
    assertThatThrownBy(() -> Weightings.create("moco", Map.of("MoCo_rho", 0.1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MoCo_rho")
        .hasMessageContaining("gammaSigma");
    assertThatThrownBy(() -> Weightings.create("pcgrad", Map.of("beta", 1.0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no options");
  }

  @Test
  void rejectsInvalidOptionValuesNamingTheParameter() {
    assertThatThrownBy(() -> Weightings.create("dwa", Map.of("temperature", -1.0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("temperature = -1.0");
    assertThatThrownBy(() -> Weightings.create("graddrop", Map.of("leak", 1.5)))
        .hasMessageContaining("leak = 1.5");
    assertThatThrownBy(() -> Weightings.create("sdmgrad", Map.of("iterations", 2.5)))
        .hasMessageContaining("expected an integer");
    assertThatThrownBy(() -> Weightings.create("gradvac", Map.of("granularity", "per-neuron")))
        .hasMessageContaining("whole_model");
    assertThatThrownBy(() -> new FixedWeights(new FixedWeights.Options(List.of(1.0, -2.0))))
        .hasMessageContaining("weights[1] = -2.0");
  }

  @Test
  void translatesLibMtlNamesAndParameters() {
    assertThat(LibMtlNames.registryName("DB_MTL")).isEqualTo("db-mtl");
    assertThat(LibMtlNames.registryName("Aligned_MTL")).isEqualTo("aligned-mtl");
    assertThat(LibMtlNames.options("DB_MTL", Map.of("DB_beta", 0.8, "DB_beta_sigma", 0.5)))
        .isEqualTo(Map.of("beta", 0.8, "betaSigma", 0.5));
    assertThat(LibMtlNames.options("GradVac", Map.of("GradVac_group_type", 2)))
        .isEqualTo(Map.of("granularity", "matrix"));
    assertThatThrownBy(() -> LibMtlNames.registryName("Nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PCGrad");
  }

  @Test
  void mapsEveryLibMtlNameToARegisteredWeighting() {
    for (String name : Weightings.names()) {
      assertThat(Weightings.create(name)).isNotNull();
    }
    assertThat(Weightings.names()).contains("ew", "fixed", "uw", "dwa", "gradnorm", "rlw", "gls", "pcgrad",
        "graddrop", "gradvac", "imtl", "aligned-mtl", "db-mtl", "moco", "modo", "sdmgrad", "stch", "excessmtl",
        "famo");
  }

  /** Public concrete top-level classes of this package implementing Weighting, found on the class path. */
  private static List<Class<?>> weightingClasses() throws IOException, URISyntaxException, ClassNotFoundException {
    Path root = Path.of(Weighting.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path dir = root.resolve(Weighting.class.getPackageName().replace('.', '/'));
    assertThat(dir).as("compiled classes of the weighting package").isDirectory();
    List<String> names;
    try (Stream<Path> files = Files.list(dir)) {
      names = files.map(p -> p.getFileName().toString())
          .filter(f -> f.endsWith(".class") && !f.contains("$") && !f.equals("package-info.class"))
          .map(f -> Weighting.class.getPackageName() + "." + f.substring(0, f.length() - ".class".length()))
          .toList();
    }
    List<Class<?>> out = new ArrayList<>();
    for (String n : names) {
      Class<?> c = Class.forName(n);
      if (Weighting.class.isAssignableFrom(c) && !c.isInterface() && !Modifier.isAbstract(c.getModifiers())) {
        out.add(c);
      }
    }
    assertThat(out).as("weighting classes found").hasSizeGreaterThan(10);
    return out;
  }
}
