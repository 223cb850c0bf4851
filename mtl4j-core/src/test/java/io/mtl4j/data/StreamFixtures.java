package io.mtl4j.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/** A seeded mixed table (numbers, a category, missing cells, three kinds of label) and chunked readers over it. */
public final class StreamFixtures {
  public static final List<String> COLUMNS = List.of("x1", "x2", "x3", "c", "y", "k", "r");

  private StreamFixtures() {}

  /** {@code rows} rows: y = [x1 + x2 + (c = a) > 0.5], k one of three classes by x3, r = 3·x1 + noise. */
  public static Table table(int rows, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Table t = new Table("mem.csv", COLUMNS);
    String[] cats = {"a", "b", "c", "d"};
    for (int i = 0; i < rows; i++) {
      double x1 = random.nextGaussian(), x2 = random.nextGaussian(), x3 = random.nextDouble() * 10;
      String c = cats[random.nextInt(cats.length)];
      String y = x1 + x2 + (c.equals("a") ? 1 : 0) > 0.5 ? "yes" : "no";
      String k = x3 < 3 ? "low" : x3 < 7 ? "mid" : "high";
      String r = Double.toString(3 * x1 + 0.1 * random.nextGaussian());
      String x2Cell = random.nextInt(10) == 0 ? null : Double.toString(x2);
      t.add(new String[] {Double.toString(x1), x2Cell, Double.toString(x3), c, y, k, i % 7 == 0 ? null : r}, i + 2);
    }
    return t;
  }

  public static List<LabelSpec> labels() {
    return List.of(new LabelSpec("y", "binary", List.of("y"), List.of("yes"), null),
        new LabelSpec("k", "multiclass", List.of("k"), null, null),
        new LabelSpec("r", "regression", List.of("r"), null, null, true));
  }

  /** Opens {@code table} as chunks of {@code chunkRows} rows, re-encoded as a reader would (codes per chunk). */
  public static Supplier<ChunkReader> chunks(Table table, int chunkRows) {
    return () -> new Counting(table, chunkRows);
  }

  /** A reader over a table that counts the rows it handed out. */
  public static final class Counting implements ChunkReader {
    private final Table table;
    private final int chunkRows;
    private int next;
    private boolean started, closed;

    public Counting(Table table, int chunkRows) {
      this.table = table;
      this.chunkRows = chunkRows;
    }

    /** Rows handed out so far. */
    public int handedOut() {
      return next;
    }

    public boolean closed() {
      return closed;
    }

    public Table next() {
      if (started && next >= table.rows()) return null;
      started = true;
      Table chunk = new Table(table.source(), table.names());
      int to = Math.min(table.rows(), next + chunkRows);
      for (int r = next; r < to; r++) chunk.add(cells(table, r), table.line(r));
      next = to;
      return chunk;
    }

    public void close() {
      closed = true;
    }
  }

  static String[] cells(Table table, int row) {
    String[] out = new String[table.names().size()];
    for (int c = 0; c < out.length; c++) {
      int code = table.code(c, row);
      out[c] = code < 0 ? null : table.values(c).get(code);
    }
    return out;
  }

  /** The rows of {@code rows} on one side of {@code split}. */
  public static int[] side(int rows, HashSplit split, boolean validation) {
    List<Integer> out = new ArrayList<>();
    for (int r = 0; r < rows; r++) if (split.isValidation(r) == validation) out.add(r);
    return out.stream().mapToInt(Integer::intValue).toArray();
  }
}
