package io.mtl4j.classical;

/**
 * One line of {@code comparison.csv}: {@code model,seed,task,metric,value}. {@code task} is a task name or
 * {@code average}; metrics are {@code rmse}, {@code mse}, {@code explained-variance}, {@code accuracy},
 * {@code fit-seconds} and, for tuned models, {@code selected-<option>}.
 */
public record ComparisonRow(String model, int seed, String task, String metric, double value) {
  public static final String HEADER = "model,seed,task,metric,value";

  public String toCsv() {
    return model + "," + seed + "," + task + "," + metric + "," + value;
  }
}
