/**
 * Text inputs before they reach a model: {@link io.mtl4j.encode.text.Tokenizer} turns a string into tokens,
 * {@link io.mtl4j.encode.text.Vocabulary} turns tokens into table row ids (fitted or hashed), word vectors come from
 * word2vec/GloVe files ({@link io.mtl4j.data.read.WordVectors}) or from {@link io.mtl4j.encode.text.SkipGram}
 * pre-training. The file readers (word vectors, FDU-MTL, MALSAR 20 Newsgroups) live in {@code io.mtl4j.data.read}:
 * data depends on encode, never the reverse.
 */
package io.mtl4j.encode.text;
