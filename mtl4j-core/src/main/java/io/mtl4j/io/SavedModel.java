package io.mtl4j.io;

import io.mtl4j.arch.MultiTaskModel;

/** A model read from a model file together with its metadata. */
public record SavedModel(MultiTaskModel model, ModelMetadata metadata) {}
