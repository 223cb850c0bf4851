/**
 * The lean prediction runtime: {@link io.mtl4j.runtime.RuntimeModel} loads an mtl4j model file with the model-file
 * reader of {@code io.mtl4j.io} and compiles it into plain float loops (one {@code SharedPart} per architecture, one
 * head per task, the saved preprocessing for raw rows). Depends on nothing of mtl4j-core. To run a new architecture:
 * add a plan class here, one line in {@code SharedParts}, and its parity case.
 */
package io.mtl4j.runtime;
