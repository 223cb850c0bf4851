package io.mtl4j.spark;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One loopback-only local SparkSession per test class ({@code @RegisterExtension static final LocalSpark SPARK}),
 * started before its first test and stopped after its last. {@code local[2,3]}: two partitions run at once, and a
 * failed task is tried up to 3 times as on a cluster (plain {@code local[2]} never retries).
 */
final class LocalSpark implements BeforeAllCallback, AfterAllCallback {
  private SparkSession session;

  @Override
  public void beforeAll(ExtensionContext context) {
    session = SparkSession.builder().master("local[2,3]").appName("mtl4j-test")
        .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
        .getOrCreate();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    session.stop();
  }

  SparkSession session() {
    return session;
  }
}
