package io.mtl4j.runtime;

import java.util.Arrays;

/**
 * MMoE (Ma et al., KDD 2018) with each of its gates: one softmax gate per task (MMoE), one shared softmax gate (OMoE),
 * or per task DSelect-k's smooth-step selectors (Hazimeh et al., NeurIPS 2021) over E = 2^m experts.
 */
final class MMoEPlan implements SharedPart {
  private final SharedInputLayers first; // the experts' first layer and every gate: all read the model inputs
  private final Experts experts;          // the experts' deeper layers
  private final int[] gateOut;     // softmax and shared: per gate; dselect: selectors and weights of task t at 2t, 2t + 1
  private final int[] expertGates; // dselect: per task the gate over the E experts
  private final int[] mixed;   // per task (shared: all the same region)
  private final boolean dselect;
  private final int selectors;
  private final int bits;
  private final float gamma;

  MMoEPlan(SpecOptions o, Parameters p, int inputs, int input, int tasks, Arena arena) {
    int e = o.integer("experts");
    if (e < 1) throw o.bad("experts", "≥ 1");
    int[] hidden = o.layers("expertHidden");
    if (hidden.length == 0) throw o.bad("expertHidden", "≥ 1 layer");
    Dense[] expertLayers = Experts.layers(p, "experts", e, hidden, o.activation("activation"), inputs);
    String gate = o.text("gate");
    dselect = gate.equals("dselect");
    selectors = dselect ? o.integer("selectors") : 0;
    if (dselect && selectors < 1) throw o.bad("selectors", "≥ 1");
    if (dselect && (e < 2 || Integer.bitCount(e) != 1)) throw o.bad("experts", "a power of two ≥ 2 for dselect");
    bits = Integer.numberOfTrailingZeros(e);
    gamma = dselect ? (float) o.number("gamma") : 0f;
    if (dselect && !(gamma > 0)) throw o.bad("gamma", "> 0");
    Dense[] gates = gates(o, p, gate, inputs, e, tasks);
    Dense[] parts = new Dense[1 + gates.length];
    parts[0] = expertLayers[0];
    System.arraycopy(gates, 0, parts, 1, gates.length);
    first = new SharedInputLayers(parts, input, arena);
    experts = new Experts(Arrays.copyOfRange(expertLayers, 1, expertLayers.length), e, expertLayers[0].outputWidth(),
        first.output(0), arena);
    gateOut = new int[gates.length];
    for (int g = 0; g < gates.length; g++) gateOut[g] = first.output(g + 1);
    mixed = new int[tasks];
    if (gate.equals("shared")) {
      Arrays.fill(mixed, arena.take(experts.width));
    } else {
      for (int t = 0; t < tasks; t++) mixed[t] = arena.take(experts.width);
    }
    expertGates = new int[dselect ? tasks : 0];
    for (int t = 0; t < expertGates.length; t++) expertGates[t] = arena.take(e);
  }

  /** Softmax and shared: one layer [D, E] per gate; dselect: task t's selectors at 2t and weights at 2t + 1. */
  private Dense[] gates(SpecOptions o, Parameters p, String gate, int inputs, int e, int tasks) {
    switch (gate) {
      case "shared" -> {
        return new Dense[] {p.dense("gate", inputs, e, Activation.IDENTITY)};
      }
      case "softmax" -> {
        Dense[] gates = new Dense[tasks];
        for (int t = 0; t < tasks; t++) gates[t] = p.dense("gate" + t, inputs, e, Activation.IDENTITY);
        return gates;
      }
      case "dselect" -> {
        Dense[] gates = new Dense[2 * tasks];
        for (int t = 0; t < tasks; t++) {
          gates[2 * t] = p.dense("gate" + t + ".selectors", inputs, selectors * bits, Activation.IDENTITY);
          gates[2 * t + 1] = p.dense("gate" + t + ".weights", inputs, selectors, Activation.IDENTITY);
        }
        return gates;
      }
      default -> throw o.bad("gate", "one of softmax, shared, dselect");
    }
  }

  @Override
  public void forward(float[] s) {
    first.forward(s);
    experts.forward(s);
    if (dselect) {
      for (int t = 0; t < mixed.length; t++) {
        Activation.softmax(s, gateOut[2 * t + 1], selectors);
        selectGate(s, gateOut[2 * t], gateOut[2 * t + 1], expertGates[t]);
        mix(s, expertGates[t], mixed[t]);
      }
      return;
    }
    for (int g = 0; g < gateOut.length; g++) {
      Activation.softmax(s, gateOut[g], experts.count);
      mix(s, gateOut[g], mixed[g]);
    }
  }

  private void mix(float[] s, int gate, int out) {
    Arrays.fill(s, out, out + experts.width, 0f);
    experts.mixInto(s, gate, out);
  }

  /**
   * autodiff.DSelect.gate for one row: bit logits z [k·m] (turned into smooth steps in place) and selector weights
   * w [k] → expert gates [E] at {@code out}, each Σ_i w_i · Π_j (S(z_ij) if bit j of e is set, else 1 − S(z_ij)).
   */
  private void selectGate(float[] s, int z, int w, int out) {
    for (int i = z; i < z + selectors * bits; i++) s[i] = smoothStep(s[i]);
    int e = experts.count;
    Arrays.fill(s, out, out + e, 0f);
    for (int i = 0; i < selectors; i++) {
      float wi = s[w + i];
      int so = z + i * bits;
      for (int x = 0; x < e; x++) {
        float prod = 1f;
        for (int j = 0; j < bits; j++) prod *= ((x >> j) & 1) == 1 ? s[so + j] : 1f - s[so + j];
        s[out + x] += wi * prod;
      }
    }
  }

  /** DSelect.smoothStep: the cubic on (−γ/2, γ/2), exactly 0 and 1 outside. */
  private float smoothStep(float t) {
    if (t <= -gamma / 2) return 0f;
    if (t >= gamma / 2) return 1f;
    return -2f / (gamma * gamma * gamma) * t * t * t + 1.5f / gamma * t + 0.5f;
  }

  @Override
  public int representation(int task) {
    return mixed[task];
  }

  @Override
  public int width(int task) {
    return experts.width;
  }
}
