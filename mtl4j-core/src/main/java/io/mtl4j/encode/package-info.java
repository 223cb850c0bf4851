/**
 * Model inputs as named feature groups, each turned into a vector by an encoder before the shared architecture.
 * Data flows one way: rows ({@link io.mtl4j.encode.FeatureRows}: one {@link io.mtl4j.encode.GroupRows} per group) →
 * batch (row gather, shard views) → encoders ({@link io.mtl4j.encode.Encoder}, [B, d_g] each, concatenated) → model.
 * A group's {@link io.mtl4j.encode.EncoderSpec} is a validated record saved in the model file; shared by all tasks by
 * default, or private (one instance per task, its output joined to that task's head input).
 * To add an encoder: a spec record + encoder class here, its test, and one line in {@link io.mtl4j.encode.EncoderSpecs}.
 */
package io.mtl4j.encode;
