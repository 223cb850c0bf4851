package io.mtl4j.encode;

import io.mtl4j.nn.ParameterBuffer;
import java.util.Map;

/**
 * A feature group and how it is encoded: a validated record saved in the model file (as {@link #toMap}), read back
 * through {@link EncoderSpecs}. Enough to rebuild the encoder's structure; its values live in the parameter buffer.
 */
public interface EncoderSpec {
  /** The feature group's name: the key of its rows in {@link FeatureRows}. */
  String group();

  /** The registry key in {@link EncoderSpecs}, written as {@code kind} in the model file. */
  String kind();

  /** True: each task has its own encoder, joined to its head input. False: one encoder feeds the shared architecture. */
  boolean isPrivate();

  /** d_g, known without building the encoder. */
  int outputSize();

  /**
   * Declares the encoder's parameters under {@code prefix} for {@code owner} (a task index or
   * {@link io.mtl4j.nn.Parameter#SHARED}).
   */
  Encoder create(ParameterBuffer.Builder builder, String prefix, int owner);

  /** The fields of this record as plain values, without {@code kind} (added by {@link EncoderSpecs#toMap}). */
  Map<String, Object> toMap();
}
