/**
 * Text inputs before they reach a model: {@link io.mtl4j.encode.text.Tokenizer} turns a string into tokens,
 * {@link io.mtl4j.encode.text.Vocabulary} turns tokens into table row ids (fitted or hashed), word vectors come from
 * word2vec/GloVe files ({@link io.mtl4j.data.read.WordVectors}) or from {@link io.mtl4j.encode.text.SkipGram}
 * pre-training. The FDU-MTL and MALSAR 20-newsgroups readers are in {@code io.mtl4j.data.read}.
 */
package io.mtl4j.encode.text;
