package io.mtl4j.train;

/** A task loss or the gradient became NaN or infinite; names the task, epoch and step so the run can be diagnosed. */
public final class NonFiniteLossException extends RuntimeException {
  private final String task;
  private final long step;
  private final double value;

  public NonFiniteLossException(String task, int epoch, long step, double value) {
    this(task, epoch, step, value, null);
  }

  /** @param note extra diagnosis appended to the message (e.g. how many rollbacks were tried), or null */
  public NonFiniteLossException(String task, int epoch, long step, double value, String note) {
    super((task == null ? "gradient norm" : "loss of task '" + task + "'") + " is " + value + " at epoch " + (epoch + 1)
        + ", step " + (step + 1) + " (counting from 1)" + (note == null ? "" : ", " + note)
        + ": lower the learning rate, enable gradClipNorm, set training.nonFinite to skip or rollback, or check the "
        + "data for extreme values");
    this.task = task;
    this.step = step;
    this.value = value;
  }

  /** The same problem with the batch's position in its epoch added to the diagnosis. */
  public NonFiniteLossException inBatch(int epoch, int batch, int batches) {
    NonFiniteLossException e = new NonFiniteLossException(task, epoch, step, value,
        "batch " + (batch + 1) + " of " + batches + " in the epoch");
    e.setStackTrace(getStackTrace());
    return e;
  }

  /** The task whose loss was not finite, or null when the gradient norm was. */
  public String task() {
    return task;
  }

  public long step() {
    return step;
  }
}
