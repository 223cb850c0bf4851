package io.mtl4j.runtime;

import io.mtl4j.io.ModelFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A model file's parameters by name: the float32 tensors with the shapes {@code model.json} declares for them, each
 * checked (size matches shape, every value finite) before a plan reads it. A plan asks for what its architecture needs
 * by the names mtl4j-core gives its parameters; a missing or misshapen one is a {@link ModelFileException} naming it.
 */
final class Parameters {
  private final Path file;
  private final Map<String, float[]> values;
  private final Map<String, int[]> shapes = new HashMap<>();

  Parameters(Path file, Object layout, Map<String, float[]> tensors) {
    this.file = file;
    this.values = tensors;
    if (!(layout instanceof List<?> list)) throw new ModelFileException(file, "has no parameter layout ('parameters')");
    for (Object o : list) {
      if (!(o instanceof Map<?, ?> m) || !(m.get("name") instanceof String name) || !(m.get("shape") instanceof List<?> s)) {
        throw new ModelFileException(file, "has a parameter entry without name and shape: " + o);
      }
      int[] shape = new int[s.size()];
      long size = 1;
      for (int i = 0; i < shape.length; i++) {
        if (!(s.get(i) instanceof Integer d) || d < 0) {
          throw new ModelFileException(file, "parameter '" + name + "' has shape " + s + ", expected whole numbers ≥ 0");
        }
        shape[i] = d;
        size *= d;
      }
      float[] v = tensors.get(name);
      if (v == null) throw new ModelFileException(file, "has no tensor for parameter '" + name + "'");
      if (v.length != size) {
        throw new ModelFileException(file, "tensor '" + name + "' has " + v.length + " values, its shape " + s
            + " needs " + size);
      }
      for (int i = 0; i < v.length; i++) {
        if (!Float.isFinite(v[i])) {
          throw new ModelFileException(file, "refusing to load a model whose parameter '" + name + "' holds " + v[i]
              + " at index " + i);
        }
      }
      shapes.put(name, shape);
    }
  }

  boolean has(String name) {
    return shapes.containsKey(name);
  }

  float[] values(String name) {
    shape(name);
    return values.get(name);
  }

  int[] shape(String name) {
    int[] s = shapes.get(name);
    if (s == null) {
      throw new ModelFileException(file, "has no parameter '" + name + "', which its architecture needs: the parameter "
          + "layout does not match the model spec");
    }
    return s;
  }

  /** {@code prefix}.weight [in, out] and {@code prefix}.bias [out] as a layer reading {@code in} inputs. */
  Dense dense(String prefix, int in, Activation activation) {
    return blocks(prefix, in, 1, activation);
  }

  /** As above, refusing a layer that does not give {@code out} outputs. */
  Dense dense(String prefix, int in, int out, Activation activation) {
    Dense d = dense(prefix, in, activation);
    if (d.outputWidth() != out) {
      throw new ModelFileException(file, "parameter '" + prefix + ".weight' gives " + d.outputWidth()
          + " outputs, its architecture reads " + out);
    }
    return d;
  }

  /** A block-diagonal layer of {@code blocks} experts: {@code prefix}.weight [E·in, out], bias [E·out]. */
  Dense blocks(String prefix, int inputWidth, int blocks, Activation activation) {
    int[] w = shape(prefix + ".weight"), b = shape(prefix + ".bias");
    if (w.length != 2 || w[0] != inputWidth || w[0] % blocks != 0 || b.length != 1 || b[0] != blocks * w[1]) {
      throw new ModelFileException(file, "parameter '" + prefix + ".weight' " + Arrays.toString(w) + " / bias "
          + Arrays.toString(b) + " does not fit " + inputWidth + " inputs in " + blocks + " block(s)");
    }
    return new Dense(inputWidth / blocks, w[1], blocks, values(prefix + ".weight"), values(prefix + ".bias"),
        activation);
  }

  /** {@code layers} dense layers {@code prefix}.0, {@code prefix}.1, … (nn.Mlp); none is the identity. */
  Dense[] mlp(String prefix, int in, int layers, Activation activation) {
    Dense[] out = new Dense[layers];
    for (int i = 0; i < layers; i++) {
      out[i] = dense(prefix + "." + i, in, activation);
      in = out[i].outputWidth();
    }
    return out;
  }

  Path file() {
    return file;
  }
}
