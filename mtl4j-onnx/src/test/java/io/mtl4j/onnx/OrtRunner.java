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

/** Runs an exported graph in ONNX Runtime on {@link OnnxInputs}; returns each output flattened, by name. */
final class OrtRunner {
  private OrtRunner() {}

  static Map<String, float[]> run(byte[] model, OnnxInputs in, List<String> outputs) throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1);
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
    try (OrtSession session = env.createSession(model, new OrtSession.SessionOptions());
         OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(features), new long[] {rows, features.length / rows})) {
      return collect(session.run(Map.of(OnnxExport.FEATURES, x)), outputs);
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
