package dev.aicompass.bench.memory;

import dev.aicompass.catalog.Catalog;
import dev.aicompass.deploy.Deployment;
import dev.aicompass.deploy.EngineProfile;
import dev.aicompass.hardware.Accelerator;
import dev.aicompass.memory.MemoryBreakdown;
import dev.aicompass.memory.MemoryEstimator;
import dev.aicompass.model.ModelSpec;
import dev.aicompass.units.ByteSize;
import dev.aicompass.workload.Workload;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Estimates every measured row of a memory-check CSV with AICompass and compares: the model from
 * the catalog with {@code num_hidden_layers} scaled to the row's {@code scaled_layers}, the plain
 * Hugging Face engine ({@link EngineProfile#huggingFace()}), a workload of {@code batch} requests
 * of {@code input_len} + {@code output_len} tokens (one image per request for LLaVA), and
 * {@link MemoryEstimator#estimate(Deployment, Workload)}.
 *
 * <p>Components: weights ({@link MemoryBreakdown#weights()} vs {@code weights_bytes}), KV cache
 * ({@link MemoryBreakdown#kvCacheRequired()} vs {@code kv_cache_bytes}), activation
 * ({@link MemoryBreakdown#activation()} vs {@code activation_peak_bytes}) and total, the sum of
 * the three, vs {@code peak_bytes} (PyTorch's peak allocation; it does not see the CUDA context
 * and other non-torch memory that {@link MemoryBreakdown#total()} adds). Relative error is
 * {@code (estimated − measured) / measured}.
 */
public final class MemoryComparison {
  /** What is compared. */
  public enum Component {
    WEIGHTS, KV_CACHE, ACTIVATION, TOTAL;

    /** Returns the lower-case name used in reports, e.g. {@code "kv_cache"}. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The accelerator the deployments name; it does not change weights, KV or activation. */
  static final String ACCELERATOR = "h100-sxm";

  /** Script model names and their catalog ids (the same names today, kept as one explicit map). */
  static final Map<String, String> CATALOG_IDS = Map.of(
      "llama-3.1-8b", "llama-3.1-8b",
      "mixtral-8x7b", "mixtral-8x7b",
      "llava-1.5-7b", "llava-1.5-7b");

  /**
   * One compared row.
   *
   * @param row the CSV row
   * @param estimated estimated bytes per component
   * @param measured measured bytes per component
   */
  public record Result(MemoryCheckRow row, Map<Component, Long> estimated,
      Map<Component, Long> measured) {
    /** Returns {@code (estimated − measured) / measured} of {@code c}; NaN when nothing was measured. */
    public double relativeError(Component c) {
      long m = measured.get(c);
      return m == 0 ? Double.NaN : (estimated.get(c) - m) / (double) m;
    }
  }

  /**
   * Median, 90th percentile and maximum of |relative error| of one component over the rows.
   *
   * @param component the component
   * @param rows rows with a defined error
   * @param median the median of |relative error|
   * @param p90 the 90th percentile (nearest rank) of |relative error|
   * @param max the largest |relative error|
   */
  public record Summary(Component component, int rows, double median, double p90, double max) {}

  /**
   * The comparison of a whole CSV.
   *
   * @param results the compared rows
   * @param skipped rows without measurements ({@code oom}, {@code error})
   * @param summaries one per component
   */
  public record Report(List<Result> results, List<MemoryCheckRow> skipped,
      List<Summary> summaries) {}

  private MemoryComparison() {}

  /**
   * Compares every row that has measurements.
   *
   * @throws IllegalArgumentException if a row's model is not one of the script's models
   */
  public static Report compare(List<MemoryCheckRow> rows, Catalog catalog) {
    Objects.requireNonNull(rows, "rows");
    Accelerator accelerator = catalog.requireAccelerator(ACCELERATOR).accelerator();
    List<Result> results = new ArrayList<>();
    List<MemoryCheckRow> skipped = new ArrayList<>();
    for (MemoryCheckRow row : rows) {
      if (row.measured()) {
        results.add(compare(row, catalog, accelerator));
      } else {
        skipped.add(row);
      }
    }
    List<Summary> summaries = new ArrayList<>();
    for (Component c : Component.values()) {
      summaries.add(summarize(c, results));
    }
    return new Report(List.copyOf(results), List.copyOf(skipped), List.copyOf(summaries));
  }

  static Result compare(MemoryCheckRow row, Catalog catalog, Accelerator accelerator) {
    String id = CATALOG_IDS.get(row.baseModel());
    if (id == null) {
      throw new IllegalArgumentException("model (\"" + row.model() + "\") must be one of "
          + String.join(", ", CATALOG_IDS.keySet()) + " (memory_check.py's models)");
    }
    ModelSpec model = scaled(catalog.requireModel(id).spec(), row.scaledLayers());
    Deployment deployment = Deployment.builder().model(model).accelerator(accelerator)
        .engine(EngineProfile.huggingFace()).build();
    Workload workload = Workload.builder().inputTokens(row.inputLen())
        .outputTokens(row.outputLen()).concurrency(row.batch())
        .imagesPerRequest(model.vision().isPresent() ? 1 : 0).build();
    MemoryBreakdown b = MemoryEstimator.estimate(deployment, workload);
    Map<Component, Long> est = new EnumMap<>(Component.class);
    est.put(Component.WEIGHTS, b.weights().bytes());
    est.put(Component.KV_CACHE, b.kvCacheRequired().map(ByteSize::bytes).orElse(0L));
    est.put(Component.ACTIVATION, b.activation().bytes());
    est.put(Component.TOTAL, est.get(Component.WEIGHTS) + est.get(Component.KV_CACHE)
        + est.get(Component.ACTIVATION));
    Map<Component, Long> meas = new EnumMap<>(Component.class);
    meas.put(Component.WEIGHTS, row.weightsBytes().getAsLong());
    meas.put(Component.KV_CACHE, row.kvCacheBytes().getAsLong());
    meas.put(Component.ACTIVATION, row.activationPeakBytes().getAsLong());
    meas.put(Component.TOTAL, row.peakBytes().getAsLong());
    return new Result(row, est, meas);
  }

  /** Returns {@code spec} with {@code layers} decoder layers (sliding-window layers capped to match). */
  static ModelSpec scaled(ModelSpec spec, int layers) {
    if (layers == spec.numLayers()) {
      return spec;
    }
    ModelSpec.Builder b = ModelSpec.builder().from(spec).numLayers(layers);
    if (spec.slidingWindow().isPresent()) {
      b.slidingWindowLayers(Math.min(spec.slidingWindowLayers(), layers));
    }
    return b.build();
  }

  static Summary summarize(Component c, List<Result> results) {
    double[] errors = results.stream().mapToDouble(r -> Math.abs(r.relativeError(c)))
        .filter(e -> !Double.isNaN(e)).sorted().toArray();
    if (errors.length == 0) {
      return new Summary(c, 0, Double.NaN, Double.NaN, Double.NaN);
    }
    int n = errors.length;
    double median = n % 2 == 1 ? errors[n / 2] : (errors[n / 2 - 1] + errors[n / 2]) / 2;
    double p90 = errors[(int) Math.ceil(0.9 * n) - 1];
    return new Summary(c, n, median, p90, Arrays.stream(errors).max().getAsDouble());
  }

  /** Returns the report as a JSON-ready tree of maps and lists (bytes as numbers, errors as fractions). */
  public static Map<String, Object> toJson(Report report) {
    List<Object> rows = new ArrayList<>();
    for (Result r : report.results()) {
      Map<String, Object> row = new java.util.LinkedHashMap<>();
      row.put("model", r.row().model());
      row.put("scaledLayers", r.row().scaledLayers());
      row.put("configLayers", r.row().configLayers());
      row.put("batch", r.row().batch());
      row.put("inputLen", r.row().inputLen());
      row.put("outputLen", r.row().outputLen());
      for (Component c : Component.values()) {
        Map<String, Object> v = new java.util.LinkedHashMap<>();
        v.put("estimatedBytes", r.estimated().get(c));
        v.put("measuredBytes", r.measured().get(c));
        double e = r.relativeError(c);
        v.put("relativeError", Double.isNaN(e) ? null : e);
        row.put(c.id(), v);
      }
      rows.add(row);
    }
    Map<String, Object> summary = new java.util.LinkedHashMap<>();
    for (Summary m : report.summaries()) {
      Map<String, Object> v = new java.util.LinkedHashMap<>();
      v.put("rows", m.rows());
      v.put("medianAbsRelativeError", Double.isNaN(m.median()) ? null : m.median());
      v.put("p90AbsRelativeError", Double.isNaN(m.p90()) ? null : m.p90());
      v.put("maxAbsRelativeError", Double.isNaN(m.max()) ? null : m.max());
      summary.put(m.component().id(), v);
    }
    Map<String, Object> json = new java.util.LinkedHashMap<>();
    json.put("rows", rows);
    json.put("skipped", report.skipped().size());
    json.put("summary", summary);
    return json;
  }

  /** Formats the report as text: one line per row and component, then the summaries. */
  public static String format(Report report) {
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "%-28s %6s %5s %6s %6s  %-10s %12s %12s %8s%n", "model",
        "layers", "batch", "input", "output", "component", "estimated", "measured", "error"));
    for (Result r : report.results()) {
      MemoryCheckRow row = r.row();
      for (Component c : Component.values()) {
        s.append(String.format(Locale.ROOT, "%-28s %6s %5d %6d %6d  %-10s %12s %12s %8s%n",
            row.model(), row.scaledLayers() + "/" + row.configLayers(), row.batch(),
            row.inputLen(), row.outputLen(), c.id(), ByteSize.ofBytes(r.estimated().get(c)),
            ByteSize.ofBytes(r.measured().get(c)), percent(r.relativeError(c))));
      }
    }
    s.append(String.format(Locale.ROOT, "%n|relative error| over %d rows (%d skipped: oom or error)%n",
        report.results().size(), report.skipped().size()));
    s.append(String.format(Locale.ROOT, "%-10s %8s %8s %8s%n", "component", "median", "p90", "max"));
    for (Summary m : report.summaries()) {
      s.append(String.format(Locale.ROOT, "%-10s %8s %8s %8s%n", m.component().id(),
          unsigned(m.median()), unsigned(m.p90()), unsigned(m.max())));
    }
    return s.toString();
  }

  private static String unsigned(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
  }

  private static String percent(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%+.1f%%", 100 * v);
  }
}
