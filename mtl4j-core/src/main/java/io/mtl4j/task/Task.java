package io.mtl4j.task;

import io.mtl4j.config.Registry;
import java.util.List;

/**
 * One prediction target. It names its loss and metrics, and the names are what a model file records; they are bound
 * where they are used, through the registries a run is given ({@code TrainingConfig.Builder#losses} and
 * {@code #metrics}, {@code ModelEvaluator.evaluate(model, data, metrics)}), so a user's own loss or metric is named
 * here like a built-in one.
 *
 * @param loss    loss registry name ({@link TaskType#defaultLoss()} when null)
 * @param weight  w_j in the total loss Σ w_j·L_j (used by weightings that take fixed weights)
 * @param metrics metric registry names; the first is the task's primary metric (early stopping, Δm%)
 * @param productOf empty for a task with its own head; otherwise the binary tasks whose probabilities multiply into
 *                  this binary task's, which has no head of its own (ESMM's pCTCVR = pCTR × pCVR, Ma et al. 2018)
 * @param auxiliary null for a main task; otherwise what makes it auxiliary (left out of averages over tasks)
 */
public record Task(String name, TaskType type, String loss, double weight, List<String> metrics,
                   List<String> productOf, Auxiliary auxiliary) {
  public Task {
    if (name == null || name.isBlank()) throw new IllegalArgumentException("Task: name is empty");
    if (type == null) throw new IllegalArgumentException("Task '" + name + "': type is missing");
    if (!(weight >= 0 && Double.isFinite(weight))) {
      throw new IllegalArgumentException("Task '" + name + "': weight = " + weight + ", expected a finite value ≥ 0");
    }
    loss = loss == null ? type.defaultLoss() : loss;
    if (loss.isBlank()) throw new IllegalArgumentException("Task '" + name + "': loss name is blank");
    metrics = List.copyOf(metrics == null ? List.of() : metrics);
    productOf = List.copyOf(productOf == null ? List.of() : productOf);
    if (!productOf.isEmpty()) {
      if (!(type instanceof TaskType.Binary)) {
        throw new IllegalArgumentException("Task '" + name + "': productOf needs a binary task, this one is " + type);
      }
      if (productOf.size() < 2 || productOf.contains(name) || productOf.stream().distinct().count() < productOf.size()) {
        throw new IllegalArgumentException("Task '" + name + "': productOf = " + productOf
            + ", expected two or more distinct other tasks");
      }
    }
    if (auxiliary != null && auxiliary.fromInput() && !productOf.isEmpty()) {
      throw new IllegalArgumentException("Task '" + name + "': its targets come from the input ("
          + auxiliary.targets() + "), so it cannot also be a product of other tasks");
    }
  }

  /** A main task, possibly a product of others. */
  public Task(String name, TaskType type, String loss, double weight, List<String> metrics, List<String> productOf) {
    this(name, type, loss, weight, metrics, productOf, null);
  }

  /** A task with its own head. */
  public Task(String name, TaskType type, String loss, double weight, List<String> metrics) {
    this(name, type, loss, weight, metrics, List.of());
  }

  /** A task with its type's default loss, weight 1 and the given metrics. */
  public static Task of(String name, TaskType type, String... metrics) {
    return new Task(name, type, null, 1.0, List.of(metrics));
  }

  /** This task with its probability the product of {@code factors}' (see {@link #productOf()}). */
  public Task withProductOf(String... factors) {
    return new Task(name, type, loss, weight, metrics, List.of(factors), auxiliary);
  }

  /**
   * An auxiliary task reconstructing its input, {@code width} values per row, with MSE: the features matrix when
   * {@code of} is null, else that dense input group (see {@code data.Reconstruction}).
   */
  public static Task reconstruction(String name, int width, String of) {
    return new Task(name, TaskType.reconstruction(width), null, 1.0, List.of("mse"), List.of(),
        new Auxiliary("reconstruction", of));
  }

  /**
   * An auxiliary task predicting a hidden token of each row of token group {@code of} from the rest, a softmax over
   * the {@code vocabularyCap} first ids of its vocabulary (see {@code data.MaskedToken}).
   */
  public static Task maskedToken(String name, int vocabularyCap, String of) {
    return new Task(name, TaskType.multiclass(vocabularyCap), null, 1.0, List.of("accuracy"), List.of(),
        new Auxiliary("masked-token", of));
  }

  /** This task marked auxiliary as {@code a} says (null: a main task). */
  public Task withAuxiliary(Auxiliary a) {
    return new Task(name, type, loss, weight, metrics, productOf, a);
  }

  /** Whether the task is auxiliary: trained, but left out of every average over tasks. */
  public boolean isAuxiliary() {
    return auxiliary != null;
  }

  /** This task with weight {@code w} in the total loss. */
  public Task withWeight(double w) {
    return new Task(name, type, loss, w, metrics, productOf, auxiliary);
  }

  /** Whether the task's probability is a product of other tasks' rather than its own head's. */
  public boolean isProduct() {
    return !productOf.isEmpty();
  }

  /** A fresh built-in loss of this task's name. */
  public Loss newLoss() {
    return newLoss(Losses.defaults());
  }

  /**
   * A fresh loss of this task's name from {@code losses}.
   *
   * @throws IllegalArgumentException when {@code losses} does not know the name, naming the task
   */
  public Loss newLoss(Registry<Loss> losses) {
    try {
      return losses.create(loss, java.util.Map.of(), "task." + name + ".loss");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("task '" + name + "': " + e.getMessage(), e);
    }
  }
}
