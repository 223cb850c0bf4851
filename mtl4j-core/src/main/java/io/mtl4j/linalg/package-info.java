/**
 * The dense linear-algebra facade ({@link io.mtl4j.linalg.Linalg}): SVD, symmetric eigen, Cholesky and LU over
 * ojAlgo, on plain {@code double[]} arrays. Any package may depend on it; it depends on no mtl4j package, and it
 * is the only code that imports ojAlgo (checked by {@code PackageDependenciesTest}).
 */
package io.mtl4j.linalg;
