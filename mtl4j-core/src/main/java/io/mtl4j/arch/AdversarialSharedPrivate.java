package io.mtl4j.arch;

import io.mtl4j.autodiff.ConcatSplit;
import io.mtl4j.autodiff.Elementwise;
import io.mtl4j.autodiff.GradientReversal;
import io.mtl4j.autodiff.Orthogonality;
import io.mtl4j.autodiff.Reduce;
import io.mtl4j.autodiff.Softmax;
import io.mtl4j.autodiff.Var;
import io.mtl4j.config.Checks;
import io.mtl4j.nn.Activation;
import io.mtl4j.nn.Graph;
import io.mtl4j.nn.Init;
import io.mtl4j.nn.Linear;
import io.mtl4j.nn.Mlp;
import io.mtl4j.nn.Mode;
import io.mtl4j.nn.Parameter;
import io.mtl4j.nn.ParameterBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Adversarial shared-private multi-task learning (Liu, Qiu &amp; Huang, ACL 2017): a shared network S and one private
 * network P_t per task, each head reading [S; P_t]; a task discriminator on S trained through a gradient-reversal
 * layer (weight λ) keeps task-specific features out of S, and the difference loss γ·‖SᵀP_t‖²_F keeps S and P_t apart.
 *
 * <p>The discriminator needs rows that belong to one task: multi-input data, where each task's batch is its own (as
 * in the paper). Over rows shared by all tasks only the difference loss applies. Both terms reach training as the
 * pass's {@link TaskRepresentations#penalty()}, a sum over the pass's rows that the trainer divides by the batch's
 * rows, so with several workers each term is taken over each worker's rows, as batch norm's statistics are.
 */
public final class AdversarialSharedPrivate implements Architecture {
  /**
   * @param hidden        layer sizes of the shared network
   * @param privateHidden layer sizes of each task's private network
   * @param adversarial   λ, the weight of the reversed discriminator gradient reaching the shared network (eq. 11)
   * @param orthogonality γ, the weight of the difference loss (eq. 13)
   */
  public record Options(int[] hidden, int[] privateHidden, Activation activation, double dropout, double adversarial,
                        double orthogonality) implements Factory {
    public Options {
      Checks.layerSizes(NAME, "hidden", hidden);
      Checks.layerSizes(NAME, "privateHidden", privateHidden);
      Checks.unitInterval(NAME, "dropout", dropout);
      Checks.nonNegative(NAME, "adversarial", adversarial);
      Checks.nonNegative(NAME, "orthogonality", orthogonality);
      if (hidden.length == 0 || privateHidden.length == 0) {
        throw new IllegalArgumentException(NAME + ": hidden and privateHidden need at least one layer each: the "
            + "penalties compare the two networks' features");
      }
    }

    public Options(int shared, int own, double adversarial, double orthogonality) {
      this(new int[] {shared}, new int[] {own}, Activation.RELU, 0, adversarial, orthogonality);
    }

    public String name() {
      return NAME;
    }

    public Architecture create(ParameterBuffer.Builder builder, int inputs, int tasks) {
      return new AdversarialSharedPrivate(this, builder, inputs, tasks);
    }
  }

  static final String NAME = "adversarial-shared-private";

  private final Options options;
  private final Mlp shared;
  private final List<Mlp> own = new ArrayList<>();
  private final Linear discriminator;
  private final int sharedWidth;
  private final int ownWidth;

  private AdversarialSharedPrivate(Options o, ParameterBuffer.Builder builder, int inputs, int tasks) {
    this.options = o;
    this.shared = new Mlp(builder, "shared", inputs, o.hidden, o.activation, o.dropout, Parameter.SHARED);
    for (int t = 0; t < tasks; t++) {
      own.add(new Mlp(builder, "task" + t + ".private", inputs, o.privateHidden, o.activation, o.dropout, t));
    }
    this.sharedWidth = o.hidden[o.hidden.length - 1];
    this.ownWidth = o.privateHidden[o.privateHidden.length - 1];
    this.discriminator = new Linear(builder, "discriminator", sharedWidth, tasks, Init.LECUN_UNIFORM, Parameter.SHARED);
  }

  @Override
  public TaskRepresentations forward(Graph g, Var input, int[] which) {
    Var s = shared.forward(g, input);
    Var[] reps = new Var[own.size()];
    Var penalty = null;
    boolean training = g.mode() == Mode.TRAIN;
    for (int t : which) {
      Var p = own.get(t).forward(g, input);
      reps[t] = ConcatSplit.concat(1, s, p);
      if (training && options.orthogonality > 0) {
        penalty = plus(penalty, Elementwise.scale(Orthogonality.penalty(s, p), (float) options.orthogonality));
      }
    }
    if (training && which.length == 1 && own.size() > 1) penalty = plus(penalty, adversarial(g, s, which[0]));
    return new TaskRepresentations(reps, null, penalty);
  }

  /**
   * The discriminator's cross-entropy for "these rows are task t's", summed over rows (eq. 10). Through the
   * reversal layer it trains the discriminator to recognise the task and the shared network, with weight λ, to hide it.
   */
  private Var adversarial(Graph g, Var s, int task) {
    Var logits = discriminator.forward(g, GradientReversal.apply(s, (float) options.adversarial));
    Var logProbabilities = Softmax.logSoftmax(logits, 1);
    return Elementwise.scale(Reduce.sum(ConcatSplit.slice(logProbabilities, 1, task, task + 1)), -1f);
  }

  private static Var plus(Var sum, Var term) {
    return sum == null ? term : Elementwise.add(sum, term);
  }

  @Override
  public int outputSize(int task) {
    return sharedWidth + ownWidth;
  }

  @Override
  public List<ParameterBuffer.ParameterRef> parameters() {
    List<ParameterBuffer.ParameterRef> all = new ArrayList<>(shared.parameters());
    for (Mlp m : own) all.addAll(m.parameters());
    all.addAll(discriminator.parameters());
    return all;
  }
}
