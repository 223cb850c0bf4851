package io.mtl4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One model shared by many threads predicts exactly what it predicts serially: no thread sees another's scratch. */
class RuntimeModelConcurrencyTest {
  private static final int THREADS = 8;
  private static final int ROWS = 400;
  private static final int ROUNDS = 25;

  @TempDir Path dir;

  @Test
  void manyThreadsPredictWhatOneThreadPredicts() throws Exception {
    RuntimeModel model = RuntimeModel.load(TestModels.mmoe(dir, 31));
    List<Map<String, Object>> rows = rows(new SplittableRandom(32));
    int w = model.outputWidth();
    float[] serial = new float[ROWS * w];
    model.predict(rows, serial);

    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<float[]>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int first = t * 37;
        Callable<float[]> job = () -> {
          start.await();
          float[] all = new float[ROWS * w], one = new float[w];
          // Every thread walks the rows from its own place, so threads work on different rows at the same moment.
          for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < ROWS; i++) {
              int r = (first + i) % ROWS;
              model.predict(rows.get(r), one);
              System.arraycopy(one, 0, all, r * w, w);
            }
          }
          return all;
        };
        results.add(pool.submit(job));
      }
      start.countDown();
      for (Future<float[]> f : results) assertThat(f.get(2, TimeUnit.MINUTES)).containsExactly(serial);
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<Map<String, Object>> rows(SplittableRandom r) {
    String[] colours = {"red", "green", "blue", "purple", null};
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      Object age = r.nextInt(10) == 0 ? null : 18 + 60 * r.nextDouble();
      rows.add(RuntimeModelTest.row(age, colours[r.nextInt(colours.length)], "city" + r.nextInt(50)));
    }
    return rows;
  }
}
