package io.mtl4j;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package graph of core's main code, checked on the compiled classes (so a fully qualified name in a method body
 * counts as a dependency too). One slice per top-level package: a registry and the implementations it lists in a
 * sub-package ({@code task.Losses} and {@code task.loss}) are one concept and may refer to each other.
 */
@AnalyzeClasses(packages = "io.mtl4j", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageDependenciesTest {
  @ArchTest
  static final ArchRule topLevelPackagesAreFreeOfCycles = slices().matching("io.mtl4j.(*)..")
      .should().beFreeOfCycles();

  @ArchTest
  static final ArchRule onlyTheLinalgFacadeCallsOjAlgo = noClasses()
      .that().resideOutsideOfPackage("io.mtl4j.linalg")
      .should().dependOnClassesThat().resideInAPackage("org.ojalgo..")
      .because("io.mtl4j.linalg.Linalg is the one door to ojAlgo");

  @ArchTest
  static final ArchRule onlyTensorCallsTheBlasBackend = noClasses()
      .that().resideOutsideOfPackage("io.mtl4j.tensor")
      .should().dependOnClassesThat().resideInAnyPackage("dev.ludovic.netlib..", "org.bytedeco..")
      .because("io.mtl4j.tensor.Blas is the one door to the native BLAS");

  @ArchTest
  static final ArchRule modelFilesDependOnModelsNeverBack = noClasses()
      .that().resideInAnyPackage("io.mtl4j.arch..", "io.mtl4j.classical..")
      .should().dependOnClassesThat().resideInAPackage("io.mtl4j.io..")
      .because("io reads and writes models; models do not know their file format");
}
