package io.mtl4j.cli.terminal;

import java.util.function.LongConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A rows-read counter bar while a file is read, on a terminal only (the run's summary line reports the time). */
public final class ReadProgress implements LongConsumer, AutoCloseable {
  private final ProgressBar bar;

  private ReadProgress(ProgressBar bar) {
    this.bar = bar;
  }

  public static ReadProgress create(String file) {
    boolean terminal = Terminal.interactive();
    return new ReadProgress(terminal ? new ProgressBarBuilder().setTaskName("reading " + file).setInitialMax(-1)
        .setUnit(" rows", 1).setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUpdateIntervalMillis(200).build() : null);
  }

  @Override
  public void accept(long rows) {
    if (bar != null) bar.stepTo(rows);
  }

  @Override
  public void close() {
    if (bar != null) bar.close();
  }
}
