package io.mtl4j.nn;

import io.mtl4j.autodiff.Elementwise;
import io.mtl4j.autodiff.Var;
import java.util.Arrays;
import java.util.Locale;

/** Element-wise activations, by their lowercase config names. */
public enum Activation {
  RELU, GELU, SIGMOID, TANH, IDENTITY;

  public Var apply(Var x) {
    return switch (this) {
      case RELU -> Elementwise.relu(x);
      case GELU -> Elementwise.gelu(x);
      case SIGMOID -> Elementwise.sigmoid(x);
      case TANH -> Elementwise.tanh(x);
      case IDENTITY -> x;
    };
  }

  /** The initialiser that suits layers followed by this activation. */
  public Init init() {
    return this == RELU || this == GELU ? Init.HE_UNIFORM : Init.XAVIER_UNIFORM;
  }

  public static Activation byName(String name) {
    for (Activation a : values()) {
      if (a.name().equalsIgnoreCase(name)) return a;
    }
    throw new IllegalArgumentException("unknown activation '" + name + "'; known: "
        + Arrays.stream(values()).map(a -> a.name().toLowerCase(Locale.ROOT)).toList());
  }
}
