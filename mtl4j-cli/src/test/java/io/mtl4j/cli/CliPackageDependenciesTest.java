package io.mtl4j.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The CLI's package graph, checked on its compiled classes: its sub-packages form no cycle (one slice per package,
 * so {@code cli} itself is a slice apart from {@code cli.config}), and it reaches linear algebra and BLAS only
 * through core. Core's own graph is core's {@code PackageDependenciesTest}.
 */
@AnalyzeClasses(packages = "io.mtl4j.cli", importOptions = ImportOption.DoNotIncludeTests.class)
class CliPackageDependenciesTest {
  @ArchTest
  static final ArchRule cliPackagesAreFreeOfCycles = slices().matching("io.mtl4j.(**)").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule numericsOnlyThroughCore = noClasses()
      .should().dependOnClassesThat().resideInAnyPackage("org.ojalgo..", "dev.ludovic.netlib..", "org.bytedeco..")
      .because("core's linalg.Linalg and tensor.Blas are the doors to ojAlgo and the native BLAS");
}
