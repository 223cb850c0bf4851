package io.mtl4j.runtime;

/**
 * The shared part of one architecture compiled for prediction: from the model inputs to each task's representation,
 * the value its head reads, all in fixed regions of a scratch array. One class per architecture family, registered in
 * {@link SharedParts}; the ONNX exporters ({@code mtl4j-onnx *Export}) decompose the same architectures.
 */
interface SharedPart {
  /** Computes every task's representation from the model inputs at {@code s[input, input + D)}. */
  void forward(float[] s);

  /** Where task {@code t}'s representation starts after {@link #forward}. */
  int representation(int task);

  /** Width of task {@code t}'s representation. */
  int width(int task);

  /** Compiles the part of a model file: its options, parameters, D inputs at {@code input}, T tasks. */
  @FunctionalInterface
  interface Compiler {
    SharedPart compile(SpecOptions options, Parameters parameters, int inputs, int input, int tasks, Arena arena);
  }
}
