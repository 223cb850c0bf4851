package io.mtl4j.encode;

/**
 * A token group's rows as weighted ids: a bag of words with one weight per id (a term's count or frequency in the
 * document), parallel to {@code ids.ids()}. {@link TokenEncoder} pools a row as Σ weight·row, so weights that sum to 1
 * per row (term frequencies) give the frequency-weighted mean of the row's word vectors.
 */
public record BagRows(IdRows ids, float[] weights) implements GroupRows {
  public BagRows {
    if (weights.length != ids.ids().length) {
      throw new IllegalArgumentException("bag rows: " + weights.length + " weights for " + ids.ids().length + " ids");
    }
  }

  @Override
  public int rows() {
    return ids.rows();
  }

  @Override
  public BagRows gather(int[] order, int from, int to) {
    // Gathering the ids' positions picks ids and weights alike with IdRows' own gather.
    int[] positions = new int[ids.ids().length];
    for (int k = 0; k < positions.length; k++) positions[k] = k;
    IdRows picked = new IdRows(ids.offsets(), positions).gather(order, from, to);
    int[] outIds = new int[picked.ids().length];
    float[] outWeights = new float[outIds.length];
    for (int k = 0; k < outIds.length; k++) {
      outIds[k] = ids.ids()[picked.ids()[k]];
      outWeights[k] = weights[picked.ids()[k]];
    }
    return new BagRows(new IdRows(picked.offsets(), outIds), outWeights);
  }

  @Override
  public BagRows slice(int from, int to) {
    return new BagRows(ids.slice(from, to), weights);
  }
}
