package io.mtl4j.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs an exported graph in ONNX Runtime on {@link OnnxInputs}; returns each output flattened, by name.
 *
 * <p>Sessions run with all graph optimizations and {@value #ACCURACY} = 1. ONNX Runtime fuses an int8 graph's
 * DequantizeLinear + MatMul into its MatMulNBits kernel, which by default (accuracy level 4) also rounds the
 * activations to int8: measured here, that moves probabilities by up to 6e-4 and a regression value by 0.002 std
 * from the graph's ONNX meaning (weights q·s, float activations). Level 1 keeps float activations, so the test
 * checks the file's meaning; float graphs are unaffected.
 */
final class OrtRunner {
  static final String ACCURACY = "session.qdq_matmulnbits_accuracy_level";

  private OrtRunner() {}

  static OrtSession.SessionOptions options() throws OrtException {
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setIntraOpNumThreads(1);
    options.addConfigEntry(ACCURACY, "1");
    return options;
  }

  static Map<String, float[]> run(byte[] model, OnnxInputs in, List<String> outputs) throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = options()) {
      try (OrtSession session = env.createSession(model, options)) {
        Map<String, OnnxTensor> feeds = new HashMap<>();
        try {
          if (in.numericWidth() > 0) {
            feeds.put(InputExport.NUMERIC, OnnxTensor.createTensor(env, DoubleBuffer.wrap(in.numeric()),
                new long[] {in.rows(), in.numericWidth()}));
          }
          if (in.categoricalWidth() > 0) {
            feeds.put(InputExport.CATEGORICAL, OnnxTensor.createTensor(env, LongBuffer.wrap(in.categorical()),
                new long[] {in.rows(), in.categoricalWidth()}));
          }
          return collect(session.run(feeds), outputs);
        } finally {
          for (OnnxTensor t : feeds.values()) t.close();
        }
      }
    }
  }

  /** Runs a graph whose one input is {@link OnnxExport#FEATURES} [rows, width]. */
  static Map<String, float[]> runFeatures(byte[] model, float[] features, int rows, List<String> outputs)
      throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = options();
         OrtSession session = env.createSession(model, options);
         OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(features), new long[] {rows, features.length / rows})) {
      return collect(session.run(Map.of(OnnxExport.FEATURES, x)), outputs);
    }
  }

  /** Runs a graph on named inputs ({@link OnnxGroupInputs.Feed}: int64, float or double). */
  static Map<String, float[]> runFeeds(byte[] model, Map<String, OnnxGroupInputs.Feed> in, List<String> outputs)
      throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = options();
         OrtSession session = env.createSession(model, options)) {
      Map<String, OnnxTensor> feeds = new HashMap<>();
      try {
        for (Map.Entry<String, OnnxGroupInputs.Feed> e : in.entrySet()) {
          OnnxGroupInputs.Feed f = e.getValue();
          Object v = f.values();
          feeds.put(e.getKey(), v instanceof long[] l ? OnnxTensor.createTensor(env, LongBuffer.wrap(l), f.shape())
              : v instanceof float[] x ? OnnxTensor.createTensor(env, FloatBuffer.wrap(x), f.shape())
              : OnnxTensor.createTensor(env, DoubleBuffer.wrap((double[]) v), f.shape()));
        }
        return collect(session.run(feeds), outputs);
      } finally {
        for (OnnxTensor t : feeds.values()) t.close();
      }
    }
  }

  private static Map<String, float[]> collect(OrtSession.Result result, List<String> outputs) throws OrtException {
    try (result) {
      Map<String, float[]> out = new LinkedHashMap<>();
      for (String name : outputs) {
        OnnxValue v = result.get(name).orElseThrow(() -> new AssertionError("no output '" + name + "'"));
        FloatBuffer b = ((OnnxTensor) v).getFloatBuffer();
        float[] a = new float[b.remaining()];
        b.get(a);
        out.put(name, a);
      }
      return out;
    }
  }
}
