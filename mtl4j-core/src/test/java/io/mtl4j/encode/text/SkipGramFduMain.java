package io.mtl4j.encode.text;

import io.mtl4j.data.read.FduMtl;
import io.mtl4j.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Skip-gram pre-training on FDU-MTL's unlabelled text (a command, not a test): prints tokens per second and the
 * nearest neighbours of a few sentiment words. Arguments: data folder [../shared/data/fdu-mtl], epochs [1], seed [1].
 */
public final class SkipGramFduMain {
  private SkipGramFduMain() {}

  public static void main(String[] args) {
    Path dir = Path.of(args.length > 0 ? args[0] : "../shared/data/fdu-mtl");
    int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
    Tokenizer tokenizer = Tokenizer.words();
    List<List<String>> corpus = new ArrayList<>();
    for (FduMtl.Domain d : FduMtl.readAll(dir, true)) for (String t : d.unlabelled()) corpus.add(tokenizer.tokens(t));
    Vocabulary vocabulary = Vocabulary.fit(corpus, new Vocabulary.Options(5, 50_000));
    List<int[]> sentences = corpus.stream().map(vocabulary::ids).toList();
    long tokens = sentences.stream().mapToLong(s -> s.length).sum();
    SkipGram.Options options = new SkipGram.Options(100, 5, 5, epochs, 0.025, 1e-3);
    long t0 = System.nanoTime();
    Tensor table = SkipGram.train(sentences, vocabulary, options, seed);
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf("%d documents, %d tokens, %d rows, %d epoch(s): %.1f s, %.0f tokens/s (one thread)%n",
        corpus.size(), tokens, vocabulary.size(), epochs, seconds, tokens * epochs / seconds);
    for (String w : List.of("great", "terrible", "boring", "recommend", "refund")) {
      int id = vocabulary.id(w);
      List<Integer> near = IntStream.range(2, vocabulary.size()).boxed().filter(i -> i != id)
          .sorted(Comparator.comparingDouble(i -> -SkipGramTest.cosine(table, id, i))).limit(6).toList();
      System.out.println(w + ": " + near.stream().map(vocabulary::word).toList());
    }
  }
}
