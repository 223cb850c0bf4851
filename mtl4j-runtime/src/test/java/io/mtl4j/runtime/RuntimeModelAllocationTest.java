package io.mtl4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The single-row paths allocate nothing once the calling thread has its scratch array: the JVM's per-thread
 * allocation counter ({@code com.sun.management.ThreadMXBean}) does not move over many calls after a warm-up that
 * lets the JIT compile them (allocation elimination only ever lowers the count, so 0 is what the code does).
 */
class RuntimeModelAllocationTest {
  private static final int WARM_UP = 20_000;
  private static final int CALLS = 10_000;
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  @TempDir static Path dir;
  static RuntimeModel model;

  @BeforeAll
  static void load() {
    model = RuntimeModel.load(TestModels.mmoe(dir, 21));
  }

  @Test
  void rawRowPredictionAllocatesNothingAfterWarmUp() {
    Map<String, Object> row = RuntimeModelTest.row(Double.valueOf(47.5), "red", "city7");
    float[] out = new float[model.outputWidth()];
    assertThat(allocatedBytes(() -> model.predict(row, out))).isZero();
    assertThat(out[0]).isBetween(0f, 1f);
  }

  @Test
  void encodedPredictionAllocatesNothingAfterWarmUp() {
    float[] x = new float[model.featureWidth()];
    x[0] = 0.5f;
    x[4] = 1;
    float[] out = new float[model.outputWidth()];
    assertThat(allocatedBytes(() -> model.predictEncoded(x, out))).isZero();
    assertThat(out[1]).isNotZero();
  }

  private static long allocatedBytes(Runnable call) {
    assertThat(THREADS.isThreadAllocatedMemorySupported()).as("this JVM counts allocated bytes").isTrue();
    THREADS.setThreadAllocatedMemoryEnabled(true);
    for (int i = 0; i < WARM_UP; i++) call.run();
    long before = THREADS.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < CALLS; i++) call.run();
    return THREADS.getCurrentThreadAllocatedBytes() - before;
  }
}
