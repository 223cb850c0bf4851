package io.mtl4j.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reader for the LibMTL weighting golden vectors ({@code <Method>.json}, format in the golden directory's
 * README.md): one file per method, cases of steps run on one method instance, expected shared gradient, weights
 * and state. Non-finite numbers, written as the strings "NaN", "Infinity", "-Infinity", become doubles.
 */
public final class GoldenCases {
  /** System property naming the golden directory. */
  public static final String DIR_PROPERTY = "mtl4j.golden.dir";

  private static final JsonMapper MAPPER = JsonMapper.shared();

  private GoldenCases() {}

  /**
   * One method's file. {@code params} are LibMTL's names and values (LibMTL defaults); {@code tolerance} is null in
   * files that state expected behaviour instead of numbers (the edge cases under golden/edges).
   */
  public record GoldenFile(Path path, String method, Map<String, Object> params, Tolerance tolerance,
      List<Case> cases) {}

  /**
   * One case: steps run in order on one instance. {@code params} is the complete parameter set of this case (the
   * file's unless the case overrides it); {@code paramSizes} the shared parameter blocks (GradVac), else {dim}.
   */
  public record Case(String name, int tasks, int dim, String family, Map<String, Object> params, int[] paramSizes,
      List<Step> steps) {}

  /**
   * One step. {@code losses} is [samples][T] and {@code grads} [samples][T][d] (samples = 3 for MoDo and SDMGrad,
   * else 1). {@code rep}/{@code repShape} (GradDrop), {@code lossesAfter} (FAMO), {@code random} and
   * {@code stateIn} are null when the step has none.
   */
  public record Step(int epoch, double[][] losses, double[][][] grads, double[] rep, int[] repShape,
      double[] lossesAfter, RandomDraws random, StateIn stateIn, Expected expected) {

    /** max |x| over all numbers of the step's grads (part of the shared-gradient tolerance scale). */
    public double maxAbsGrad() {
      double m = 0.0;
      for (double[][] sample : grads) {
        m = Math.max(m, maxAbs(sample));
      }
      return m;
    }
  }

  /** Draws LibMTL made during a step, in order: shuffled lists, torch.randn values, torch.rand values. */
  public record RandomDraws(List<int[]> shuffles, double[] gaussians, double[] uniforms) {}

  /** Values set from outside before a step: the learnable {@code loss_scale} and the trainer's loss buffer. */
  public record StateIn(double[] lossScale, double[][] trainLossBuffer) {}

  /**
   * Expected outputs; {@code weights} is null where LibMTL returns None. {@code stateOut} maps LibMTL attribute
   * names to flattened values (scalars have length 1, null where LibMTL holds None); {@code extra} is raw JSON.
   */
  public record Expected(double[] sharedGrad, double[] weights, Map<String, double[]> stateOut, JsonNode extra) {}

  /** The comparison rule of the golden files. */
  public record Tolerance(double rtol, double atol) {

    /**
     * Checks {@code max_i |actual_i - expected_i| <= atol + rtol * scale}, scale = max(max_i |expected_i|,
     * {@code scaleFloor}); non-finite expected values must match exactly; null must match null.
     *
     * @return null when within tolerance, else a message naming {@code what}
     */
    public String check(String what, double[] expected, double[] actual, double scaleFloor) {
      if (expected == null || actual == null) {
        return expected == actual ? null
            : what + ": expected " + (expected == null ? "null" : "an array") + " but got "
                + (actual == null ? "null" : "an array of " + actual.length);
      }
      if (expected.length != actual.length) {
        return what + ": expected length " + expected.length + " but got " + actual.length;
      }
      double scale = Math.max(maxAbsFinite(expected), scaleFloor);
      double bound = atol + rtol * scale;
      double worst = 0.0;
      int at = -1;
      for (int i = 0; i < expected.length; i++) {
        double e = expected[i];
        double a = actual[i];
        if (!Double.isFinite(e)) {
          if (Double.compare(e, a) != 0) {
            return what + "[" + i + "]: expected " + e + " but got " + a;
          }
          continue;
        }
        double err = Double.isFinite(a) ? Math.abs(a - e) : Double.POSITIVE_INFINITY;
        if (err > worst || at < 0) {
          worst = err;
          at = i;
        }
      }
      if (worst > bound) {
        return String.format("%s[%d]: |%s - %s| = %.3e > %.3e (atol %.0e + rtol %.0e * scale %.3e)", what, at,
            actual[at], expected[at], worst, bound, atol, rtol, scale);
      }
      return null;
    }
  }

  /**
   * The golden directory: the system property, else {@code ../shared/golden} of the project root. A relative
   * property that does not exist from the module directory (where tests run) is taken from the project root, where
   * the Maven command was typed.
   */
  public static Path directory() {
    String dir = System.getProperty(DIR_PROPERTY);
    if (dir == null || dir.isBlank()) {
      return Path.of("..", "..", "shared", "golden");
    }
    Path path = Path.of(dir);
    Path fromRoot = Path.of("..").resolve(path);
    return !path.isAbsolute() && !Files.isDirectory(path) && Files.isDirectory(fromRoot) ? fromRoot : path;
  }

  /** The {@code *.json} files of {@code dir}, sorted by name. */
  public static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
    }
  }

  /** A file under {@code src/test/resources}, e.g. {@code "golden/edges/CAGrad_x1000.json"}. */
  public static GoldenFile resource(String name) throws IOException {
    java.net.URL url = GoldenCases.class.getClassLoader().getResource(name);
    if (url == null) {
      throw new IOException("no test resource " + name);
    }
    try {
      return read(Path.of(url.toURI()));
    } catch (java.net.URISyntaxException e) {
      throw new IOException("test resource " + name + ": " + e.getMessage(), e);
    }
  }

  public static GoldenFile read(Path file) throws IOException {
    JsonNode root = MAPPER.readTree(file.toFile());
    Map<String, Object> params = objectMap(root.path("params"));
    JsonNode tol = root.path("tolerance");
    // Edge cases written by mtl4j state expected behaviour, not numbers, and have no tolerance.
    Tolerance tolerance = tol.isMissingNode() ? null
        : new Tolerance(tol.get("rtol").doubleValue(), tol.get("atol").doubleValue());
    List<Case> cases = new ArrayList<>();
    for (JsonNode c : root.path("cases").values()) {
      cases.add(readCase(c, params));
    }
    return new GoldenFile(file, root.get("method").asString(), params, tolerance, List.copyOf(cases));
  }

  private static Case readCase(JsonNode c, Map<String, Object> fileParams) {
    int dim = c.get("dim").intValue();
    Map<String, Object> params = c.has("params") ? objectMap(c.get("params")) : fileParams;
    int[] sizes = c.has("param_sizes") ? ints(c.get("param_sizes")) : new int[] {dim};
    List<Step> steps = new ArrayList<>();
    for (JsonNode s : c.path("steps").values()) {
      steps.add(readStep(s));
    }
    return new Case(c.get("name").asString(), c.get("num_tasks").intValue(), dim, c.path("family").asString(""),
        params, sizes, List.copyOf(steps));
  }

  private static Step readStep(JsonNode s) {
    JsonNode losses = s.get("losses");
    double[][] lossSamples = losses.get(0).isArray() ? matrix(losses) : new double[][] {vector(losses)};
    JsonNode grads = s.get("grads");
    double[][][] gradSamples;
    if (grads.get(0).get(0).isArray()) {
      gradSamples = new double[grads.size()][][];
      for (int i = 0; i < grads.size(); i++) {
        gradSamples[i] = matrix(grads.get(i));
      }
    } else {
      gradSamples = new double[][][] {matrix(grads)};
    }
    return new Step(s.path("epoch").intValue(0), lossSamples, gradSamples, optionalVector(s.get("rep")),
        s.has("rep_shape") ? ints(s.get("rep_shape")) : null, optionalVector(s.get("losses_after")),
        readRandom(s.get("random")), readStateIn(s.get("state_in")), readExpected(s.get("expected")));
  }

  private static RandomDraws readRandom(JsonNode r) {
    if (r == null || r.isNull()) {
      return null;
    }
    List<int[]> shuffles = new ArrayList<>();
    for (JsonNode list : r.path("shuffles").values()) {
      shuffles.add(ints(list));
    }
    double[] gaussians = r.has("randn") ? vector(r.get("randn")) : new double[0];
    double[] uniforms = r.has("U") ? vector(r.get("U")) : new double[0];
    return new RandomDraws(List.copyOf(shuffles), gaussians, uniforms);
  }

  private static StateIn readStateIn(JsonNode s) {
    if (s == null || s.isNull()) {
      return null;
    }
    return new StateIn(optionalVector(s.get("loss_scale")),
        s.has("train_loss_buffer") ? matrix(s.get("train_loss_buffer")) : null);
  }

  private static Expected readExpected(JsonNode e) {
    Map<String, double[]> state = new LinkedHashMap<>();
    JsonNode out = e.get("state_out");
    if (out != null && !out.isNull()) {
      for (Map.Entry<String, JsonNode> entry : out.properties()) {
        state.put(entry.getKey(), flatten(entry.getValue()));
      }
    }
    return new Expected(flatten(e.get("shared_grad")), optionalVector(e.get("weights")),
        Collections.unmodifiableMap(state), e.get("extra"));
  }

  /** A number, or one of the strings "NaN", "Infinity", "-Infinity". */
  public static double number(JsonNode n) {
    if (n.isNumber()) {
      return n.doubleValue();
    }
    if (n.isString()) {
      return switch (n.asString()) {
        case "NaN" -> Double.NaN;
        case "Infinity" -> Double.POSITIVE_INFINITY;
        case "-Infinity" -> Double.NEGATIVE_INFINITY;
        default -> throw new IllegalArgumentException("not a number: '" + n.asString() + "'");
      };
    }
    throw new IllegalArgumentException("not a number: " + n);
  }

  /** Any nesting of arrays (or a scalar) flattened row-major; null for JSON null. */
  public static double[] flatten(JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    List<Double> out = new ArrayList<>();
    collect(n, out);
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static void collect(JsonNode n, List<Double> out) {
    if (n.isArray()) {
      for (JsonNode c : n.values()) {
        collect(c, out);
      }
    } else {
      out.add(number(n));
    }
  }

  private static double[] optionalVector(JsonNode n) {
    return n == null || n.isNull() ? null : vector(n);
  }

  private static double[] vector(JsonNode n) {
    double[] v = new double[n.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = number(n.get(i));
    }
    return v;
  }

  private static double[][] matrix(JsonNode n) {
    double[][] m = new double[n.size()][];
    for (int i = 0; i < m.length; i++) {
      m[i] = vector(n.get(i));
    }
    return m;
  }

  private static int[] ints(JsonNode n) {
    int[] v = new int[n.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = n.get(i).intValue();
    }
    return v;
  }

  private static Map<String, Object> objectMap(JsonNode n) {
    Map<String, Object> map = new LinkedHashMap<>();
    if (n != null && n.isObject()) {
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        map.put(e.getKey(), scalar(e.getValue()));
      }
    }
    return Collections.unmodifiableMap(map);
  }

  private static Object scalar(JsonNode v) {
    if (v.isIntegralNumber()) {
      return v.intValue();
    }
    if (v.isNumber()) {
      return v.doubleValue();
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    return v.asString();
  }

  static double maxAbs(double[][] m) {
    double a = 0.0;
    for (double[] row : m) {
      for (double v : row) {
        a = Math.max(a, Math.abs(v));
      }
    }
    return a;
  }

  private static double maxAbsFinite(double[] v) {
    double a = 0.0;
    for (double x : v) {
      if (Double.isFinite(x)) {
        a = Math.max(a, Math.abs(x));
      }
    }
    return a;
  }
}
