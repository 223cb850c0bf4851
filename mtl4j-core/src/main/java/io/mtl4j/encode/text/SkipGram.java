package io.mtl4j.encode.text;

import io.mtl4j.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Skip-gram with negative sampling (Mikolov et al., 2013, "Distributed Representations of Words and Phrases"):
 * pre-trains word vectors on the tasks' unlabelled text, for a {@link Vocabulary}'s table.
 *
 * <p>It follows word2vec's C code: a reduced window drawn per position, frequent-word subsampling, noise words drawn
 * from the unigram distribution raised to 3/4, a learning rate decaying linearly to 10⁻⁴ of its start, input rows
 * initialised U(±0.5/d) and output rows at zero. Training is single-threaded on purpose: word2vec's threads update
 * shared rows without locks (Hogwild), so their result depends on scheduling; one thread makes the table a function
 * of the corpus, the options and the seed, bit for bit. Memory: two tables of V × d floats and the V counts.
 */
public final class SkipGram {
  /** word2vec's sigmoid clip: beyond ±6 the gradient factor is taken as saturated. */
  private static final double MAX_LOGIT = 6;
  private static final double MIN_RATE_FRACTION = 1e-4;

  /**
   * Defaults are word2vec's ({@code -size 100 -window 5 -negative 5 -iter 5 -alpha 0.025 -sample 1e-3}).
   *
   * @param dimension    d, the vector size
   * @param window       largest distance between a word and a context word (c in Mikolov et al.)
   * @param negatives    noise words per positive pair (k in Eq. 4)
   * @param epochs       passes over the corpus
   * @param learningRate starting rate of the linear decay
   * @param subsample    threshold t of frequent-word subsampling (Eq. 5 as in the C code); 0 turns it off
   */
  public record Options(int dimension, int window, int negatives, int epochs, double learningRate, double subsample) {
    public Options {
      if (dimension < 1) throw new IllegalArgumentException("skip-gram dimension = " + dimension + ": expected ≥ 1");
      if (window < 1) throw new IllegalArgumentException("skip-gram window = " + window + ": expected ≥ 1");
      if (negatives < 1) throw new IllegalArgumentException("skip-gram negatives = " + negatives + ": expected ≥ 1");
      if (epochs < 1) throw new IllegalArgumentException("skip-gram epochs = " + epochs + ": expected ≥ 1");
      if (!(learningRate > 0)) throw new IllegalArgumentException("skip-gram learningRate = " + learningRate + ": expected > 0");
      if (!(subsample >= 0)) throw new IllegalArgumentException("skip-gram subsample = " + subsample + ": expected ≥ 0");
    }

    public Options() {
      this(100, 5, 5, 5, 0.025, 1e-3);
    }
  }

  private final Options options;
  private final int dim;
  private final float[] input;
  private final float[] output;
  private final float[] update;
  private final SplittableRandom random;

  private SkipGram(Options options, int rows, SplittableRandom random) {
    this.options = options;
    this.dim = options.dimension();
    this.input = new float[Math.multiplyExact(rows, dim)];
    this.output = new float[input.length];
    this.update = new float[dim];
    this.random = random;
  }

  /**
   * Trains on {@code sentences} (rows of {@code vocabulary}; the padding row and a fitted vocabulary's OOV row are
   * skipped, as word2vec drops unknown words) and returns the input vectors [V, d]. Rows of words that never occur
   * keep their random start; the padding row is zero.
   */
  public static Tensor train(List<int[]> sentences, Vocabulary vocabulary, Options options, long seed) {
    int rows = vocabulary.size();
    int firstWord = vocabulary.isHashed() ? 1 : Vocabulary.OOV + 1;
    long[] counts = new long[rows];
    for (int[] s : sentences) {
      for (int id : s) {
        if (id < 0 || id >= rows) throw new IllegalArgumentException("skip-gram: id " + id + " outside the vocabulary's " + rows + " rows");
        if (id >= firstWord) counts[id]++;
      }
    }
    long total = Arrays.stream(counts).sum();
    if (total == 0) throw new IllegalArgumentException("skip-gram: the corpus has no vocabulary words to train on");
    SplittableRandom random = new SplittableRandom(seed);
    SkipGram model = new SkipGram(options, rows, random.split());
    for (int i = firstWord * model.dim; i < model.input.length; i++) {
      model.input[i] = (float) ((random.nextDouble() - 0.5) / model.dim);
    }
    model.run(sentences, counts, total, firstWord);
    return Tensor.of(model.input, rows, model.dim);
  }

  private void run(List<int[]> sentences, long[] counts, long total, int firstWord) {
    NoiseDistribution noise = new NoiseDistribution(counts);
    double[] keep = keepProbabilities(counts, total);
    long budget = total * options.epochs(), seen = 0;
    int[] kept = new int[sentences.stream().mapToInt(s -> s.length).max().orElse(0)];
    for (int epoch = 0; epoch < options.epochs(); epoch++) {
      for (int[] sentence : sentences) {
        int n = 0;
        for (int id : sentence) {
          if (id < firstWord) continue;
          seen++;
          if (keep[id] >= 1 || random.nextDouble() < keep[id]) kept[n++] = id;
        }
        double rate = options.learningRate() * Math.max(MIN_RATE_FRACTION, 1 - (double) seen / (budget + 1));
        sentence(kept, n, noise, (float) rate);
      }
    }
  }

  /** word2vec's subsampling: keep a word of frequency f with probability (√(f/(t·total)) + 1)·t·total/f. */
  private double[] keepProbabilities(long[] counts, long total) {
    double[] keep = new double[counts.length];
    double threshold = options.subsample() * total;
    for (int i = 0; i < counts.length; i++) {
      keep[i] = threshold == 0 || counts[i] == 0 ? 1 : (Math.sqrt(counts[i] / threshold) + 1) * threshold / counts[i];
    }
    return keep;
  }

  private void sentence(int[] words, int n, NoiseDistribution noise, float rate) {
    for (int pos = 0; pos < n; pos++) {
      int reach = options.window() - random.nextInt(options.window());
      for (int c = Math.max(0, pos - reach); c <= Math.min(n - 1, pos + reach); c++) {
        if (c != pos) pair(words[c], words[pos], noise, rate);
      }
    }
  }

  /** One positive pair (context → centre) and its noise words: Eq. 4's gradient step on both tables. */
  private void pair(int context, int centre, NoiseDistribution noise, float rate) {
    int in = context * dim;
    Arrays.fill(update, 0f);
    for (int d = 0; d <= options.negatives(); d++) {
      int target = d == 0 ? centre : noise.sample(random);
      if (d > 0 && target == centre) continue;
      int out = target * dim;
      double logit = 0;
      for (int j = 0; j < dim; j++) logit += input[in + j] * output[out + j];
      double label = d == 0 ? 1 : 0;
      double predicted = logit > MAX_LOGIT ? 1 : logit < -MAX_LOGIT ? 0 : 1 / (1 + Math.exp(-logit));
      float g = (float) ((label - predicted) * rate);
      for (int j = 0; j < dim; j++) {
        update[j] += g * output[out + j];
        output[out + j] += g * input[in + j];
      }
    }
    for (int j = 0; j < dim; j++) input[in + j] += update[j];
  }

  /** Noise words drawn with probability ∝ count^{3/4} (Mikolov et al. 2013, §2.2), by binary search on the CDF. */
  private static final class NoiseDistribution {
    private final double[] cumulative;

    NoiseDistribution(long[] counts) {
      cumulative = new double[counts.length];
      double sum = 0;
      for (int i = 0; i < counts.length; i++) {
        sum += Math.pow(counts[i], 0.75);
        cumulative[i] = sum;
      }
    }

    /** The first row whose CDF exceeds u ~ U[0, total): zero-count rows have zero width and are never drawn. */
    int sample(SplittableRandom random) {
      double u = random.nextDouble() * cumulative[cumulative.length - 1];
      int lo = 0, hi = cumulative.length - 1;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (cumulative[mid] > u) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    }
  }
}
