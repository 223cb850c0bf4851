package io.mtl4j.weighting;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import io.mtl4j.testkit.GoldenCases;
import io.mtl4j.testkit.GoldenCases.Case;
import io.mtl4j.testkit.GoldenCases.GoldenFile;
import io.mtl4j.testkit.GoldenCases.Step;
import io.mtl4j.testkit.ReplayContext;
import io.mtl4j.testkit.ReplayRandom;
import io.mtl4j.testkit.WeightingDriver;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.TestAbortedException;

/**
 * Replays LibMTL golden files: one dynamic test per case, every case of every method must match within the
 * file's tolerance, and a file whose method is unknown fails. Steps whose reference came from an inaccurate solve
 * ({@link InaccurateReference}) are run but not compared, continue from the reference state, and are counted.
 */
final class GoldenReplay {
  private final AtomicInteger methods = new AtomicInteger();
  private final AtomicInteger cases = new AtomicInteger();
  private final AtomicInteger failures = new AtomicInteger();
  private final AtomicInteger steps = new AtomicInteger();
  private final AtomicInteger skippedSteps = new AtomicInteger();

  /** One line: methods, cases, failures and steps not compared. */
  String summary() {
    return methods.get() + " methods, " + cases.get() + " cases, " + failures.get() + " failures; "
        + skippedSteps.get() + " of " + steps.get() + " steps not compared (reference from an inaccurate solve)";
  }

  DynamicNode forFile(Path file) {
    String fileName = file.getFileName().toString();
    GoldenFile golden;
    try {
      golden = GoldenCases.read(file);
    } catch (IOException | RuntimeException e) {
      return failing(fileName, "cannot read " + fileName + ": " + e);
    }
    methods.incrementAndGet();
    if (!LibMtlNames.knows(golden.method())) {
      return failing(fileName, "unknown method '" + golden.method() + "' in " + fileName);
    }
    List<DynamicTest> tests = new ArrayList<>();
    for (Case c : golden.cases()) {
      cases.incrementAndGet();
      tests.add(DynamicTest.dynamicTest(golden.method() + "/" + c.name(), () -> counted(() -> runCase(golden, c))));
    }
    return DynamicContainer.dynamicContainer(golden.method(), tests);
  }

  private DynamicTest failing(String name, String message) {
    return DynamicTest.dynamicTest(name, () -> counted(() -> fail(message)));
  }

  private void counted(Runnable check) {
    boolean passed = false;
    try {
      check.run();
      passed = true;
    } catch (TestAbortedException notCompared) {
      passed = true;
      throw notCompared;
    } finally {
      if (!passed) {
        failures.incrementAndGet();
      }
    }
  }

  private void runCase(GoldenFile golden, Case c) {
    Weighting method = Weightings.create(LibMtlNames.registryName(golden.method()),
        LibMtlNames.options(golden.method(), c.params()));
    List<String> mismatches = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (int i = 0; i < c.steps().size(); i++) {
      Step s = c.steps().get(i);
      steps.incrementAndGet();
      Optional<String> inaccurate = InaccurateReference.reason(golden.method(), c, s);
      List<String> found = runStep(golden.tolerance(), method, c, s, i);
      if (inaccurate.isPresent()) {
        skippedSteps.incrementAndGet();
        skipped.add("step " + i + ": " + inaccurate.get());
        continueFromReference(method, s);
        continue;
      }
      for (String m : found) {
        mismatches.add("step " + i + " " + m);
      }
    }
    if (!mismatches.isEmpty()) {
      fail(golden.method() + "/" + c.name() + ":\n  " + String.join("\n  ", mismatches));
    }
    if (skipped.size() == c.steps().size()) {
      abort("not compared: " + String.join("; ", skipped));
    }
  }

  /**
   * After a step that was not compared, the next steps start from the reference's state, so that they test the
   * method and not the drift of an inaccurate reference.
   */
  private void continueFromReference(Weighting method, Step s) {
    Map<String, double[]> own = method.state();
    Map<String, double[]> reference = new LinkedHashMap<>();
    s.expected().stateOut().forEach((key, value) -> {
      if (own.containsKey(key)) {
        reference.put(key, value);
      }
    });
    if (!reference.isEmpty()) {
      method.restoreState(reference);
    }
  }

  private List<String> runStep(GoldenCases.Tolerance tol, Weighting method, Case c, Step s, int index) {
    List<String> out = new ArrayList<>();
    ReplayRandom random = ReplayRandom.of(s.random());
    ReplayContext ctx = ReplayContext.of(c, s, index, random);
    LearnableParameters learnable = method.learnable(c.tasks());
    if (s.stateIn() != null && s.stateIn().lossScale() != null) {
      if (learnable.size() == 0) {
        out.add("state_in.loss_scale given but the method has no learnable parameters");
        return out;
      }
      learnable.setValues(s.stateIn().lossScale());
    }
    StepWeights weights = method.combine(ctx);
    if (s.lossesAfter() != null) {
      if (!method.requirements().lossesAfterStep()) {
        out.add("losses_after given but the method does not ask for them");
      }
      method.afterStep(s.lossesAfter());
    }
    add(out, random.unused());
    double[] shared = WeightingDriver.update(method, weights, ctx);
    add(out, tol.check("shared_grad", s.expected().sharedGrad(), shared, s.maxAbsGrad()));
    add(out, tol.check("weights", s.expected().weights(), weights.reported(), 0.0));
    Map<String, double[]> state = method.state();
    s.expected().stateOut().forEach((key, expected) -> {
      if (key.equals("loss_scale_grad")) {
        LearnableParameters p = method.learnable(c.tasks());
        add(out, tol.check(key, expected, p.hasGradient() ? p.gradients() : null, 0.0));
      } else if (!state.containsKey(key)) {
        out.add("state '" + key + "' is not exposed by " + method.getClass().getSimpleName() + ".state()");
      } else {
        add(out, tol.check(key, expected, state.get(key), 0.0));
      }
    });
    return out;
  }

  private void add(List<String> out, String mismatch) {
    if (mismatch != null) {
      out.add(mismatch);
    }
  }
}
