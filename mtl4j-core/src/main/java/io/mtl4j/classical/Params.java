package io.mtl4j.classical;

import io.mtl4j.classical.solver.Fista;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed lookups in an options map as a YAML block binds it ({@code {lambda: 100, mode: malsar, max-iter: 1500}}).
 * Keys match ignoring case, '-' and '_' ({@code max-iter}, {@code maxIter}, {@code max_iter}); every key must be
 * read, so a typo fails with the list of keys the formulation knows.
 */
final class Params {
  private final String where;
  private final Map<String, Object> values = new LinkedHashMap<>();
  private final Map<String, String> spelled = new LinkedHashMap<>();
  private final Set<String> known = new TreeSet<>();

  Params(String where, Map<String, ?> options) {
    this.where = where;
    if (options != null) {
      options.forEach((k, v) -> {
        String key = normalise(k);
        if (values.containsKey(key)) {
          throw new IllegalArgumentException(where + ": option '" + k + "' given twice (as '" + spelled.get(key)
              + "' too)");
        }
        values.put(key, v);
        spelled.put(key, k);
      });
    }
  }

  /** True when {@code options} has {@code key} under any of its accepted spellings. */
  static boolean hasKey(Map<String, ?> options, String key) {
    String n = normalise(key);
    return options.keySet().stream().anyMatch(k -> normalise(k).equals(n));
  }

  static String normalise(String key) {
    return key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
  }

  private Object raw(String key) {
    known.add(key);
    return values.get(normalise(key));
  }

  boolean has(String key) {
    known.add(key);
    return values.containsKey(normalise(key));
  }

  double number(String key, double fallback) {
    Object v = raw(key);
    if (v == null) return fallback;
    if (v instanceof Number n) return n.doubleValue();
    String text = v.toString().trim().toLowerCase(Locale.ROOT);
    if (text.equals("inf") || text.equals("infinity") || text.equals(".inf")) return Double.POSITIVE_INFINITY;
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(where + "." + key + " = '" + v + "': expected a number", e);
    }
  }

  /** The first key present among {@code keys} (aliases such as lambda / rho1), else the fallback. */
  double number(List<String> keys, double fallback) {
    for (String k : keys) {
      if (has(k)) return number(k, fallback);
    }
    return fallback;
  }

  int integer(String key, int fallback) {
    double v = number(key, fallback);
    if (v != Math.rint(v)) throw new IllegalArgumentException(where + "." + key + " = " + v + ": expected an integer");
    return (int) v;
  }

  long longValue(String key, long fallback) {
    double v = number(key, fallback);
    if (v != Math.rint(v)) throw new IllegalArgumentException(where + "." + key + " = " + v + ": expected an integer");
    return (long) v;
  }

  String text(String key, String fallback) {
    Object v = raw(key);
    return v == null ? fallback : v.toString().trim();
  }

  LossFunction loss() {
    return LossFunction.fromKey(text("loss", "least-squares"));
  }

  /**
   * mode (converged | malsar), tol, max-iter, seed, criterion (kkt | gap). MALSAR mode has no default tol and
   * max-iter of its own in MALSAR beyond init_opts' (1e-4, 1000), which are used when none are given.
   */
  SolverOptions solver() {
    String mode = text("mode", "converged").toLowerCase(Locale.ROOT);
    long seed = longValue("seed", 0);
    String criterion = text("criterion", "kkt").toLowerCase(Locale.ROOT);
    Fista.Criterion c = switch (criterion) {
      case "kkt", "kkt-residual" -> Fista.Criterion.KKT_RESIDUAL;
      case "gap", "duality-gap" -> Fista.Criterion.DUALITY_GAP;
      default -> throw new IllegalArgumentException(where + ".criterion = '" + criterion + "': expected kkt or gap");
    };
    return switch (mode) {
      case "converged" -> {
        SolverOptions d = SolverOptions.converged();
        yield new SolverOptions(SolverOptions.Mode.CONVERGED, number("tol", d.tolerance()),
            integer("max-iter", d.maxIterations()), seed, c);
      }
      case "malsar" -> new SolverOptions(SolverOptions.Mode.MALSAR, number("tol", 1e-4), integer("max-iter", 1000),
          seed, c);
      default -> throw new IllegalArgumentException(where + ".mode = '" + mode + "': expected converged or malsar");
    };
  }

  /** Fails on any option that no lookup asked for, listing the known ones. */
  void requireAllUsed() {
    Set<String> knownNormalised = new TreeSet<>();
    for (String k : known) knownNormalised.add(normalise(k));
    for (Map.Entry<String, String> e : spelled.entrySet()) {
      if (!knownNormalised.contains(e.getKey())) {
        throw new IllegalArgumentException(where + ": unknown option '" + e.getValue() + "'; known: " + known);
      }
    }
  }
}
