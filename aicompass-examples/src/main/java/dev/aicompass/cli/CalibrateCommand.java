package dev.aicompass.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicompass.catalog.Catalog;
import dev.aicompass.deploy.EngineKind;
import dev.aicompass.deploy.EngineProfile;
import dev.aicompass.internal.Stats;
import dev.aicompass.perf.LatencyValidation;
import dev.aicompass.units.TimeSpan;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code aicompass calibrate}: fits an engine's two fixed overheads to the user's own measurements
 * and writes them as a catalog engine entry, so that later estimates ({@code --catalog FILE}) start
 * from the user's stack instead of the published benchmarks the defaults were fitted on.
 *
 * <p>The rows are read as {@code validate latency} reads them (the columns of the calibration
 * {@code latency.csv}). The step overhead is fitted first, on TPOT and on the throughput of static
 * batches (the quantities it sets), then the request overhead on the TTFT of online rows, each by a
 * grid search minimising the median |ln(estimate/measured)|. A constant without rows that measure
 * it keeps its current value, and the output says so.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
    description = "Fits an engine's step and request overheads to your measured rows (the CSV columns of "
        + "'validate latency') and writes them as a catalog engine entry for --catalog.",
    footer = {"", "Examples:",
        "  aicompass calibrate --file my-vllm-bench.csv --engine vllm --out my-vllm.json",
        "  aicompass perf --catalog my-vllm.json --model llama-3.1-8b --gpu h100-sxm --concurrency 16",
        "  aicompass validate latency --file my-vllm-bench.csv --catalog my-vllm.json",
        "  aicompass calibrate --file docs/validation/latency-extra.csv --engine sglang --json"})
final class CalibrateCommand implements Callable<Integer> {
  /** Step overheads tried, in ms: 0 to 10 in steps of 0.25. */
  static final double[] STEP_GRID_MS = grid(0, 10, 0.25);
  /** Request overheads tried, in ms: 0 to 400 in steps of 2.5. */
  static final double[] REQUEST_GRID_MS = grid(0, 400, 2.5);

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--file", paramLabel = "CSV", required = true, description = "Measured rows (the columns of 'validate latency').")
  Path file;

  @Option(names = "--engine", paramLabel = "KIND", defaultValue = "vllm",
      description = "Engine whose rows are fitted: vllm | sglang | trtllm | hf (default: ${DEFAULT-VALUE}).")
  String engine;

  @Option(names = "--out", paramLabel = "FILE.json", description = "Write the fitted engine entry as a catalog file.")
  Path out;

  @Option(names = "--catalog", paramLabel = "FILE.json", description = "Extra catalog file (repeatable).")
  List<Path> catalogs = new ArrayList<>();

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Option(names = "--verbose", description = "Print stack traces of errors.")
  boolean verbose;

  /** The fit: the constants before and after and the accuracy they give. */
  static final class Fit {
    final EngineKind kind;
    final String version;
    final int rows;
    final double stepBefore;
    final double step;
    final int stepRows;
    final double requestBefore;
    final double request;
    final int requestRows;
    final double[] before;
    final double[] after;

    Fit(EngineKind kind, String version, int rows, double stepBefore, double step, int stepRows, double requestBefore, double request,
        int requestRows, double[] before, double[] after) {
      this.kind = kind;
      this.version = version;
      this.rows = rows;
      this.stepBefore = stepBefore;
      this.step = step;
      this.stepRows = stepRows;
      this.requestBefore = requestBefore;
      this.request = request;
      this.requestRows = requestRows;
      this.before = before;
      this.after = after;
    }
  }

  @Override
  public Integer call() throws IOException {
    EngineKind kind = EngineKind.parse(engine);
    Catalog catalog = Resolver.catalog(catalogs);
    LatencyRows.Mapped mapped = LatencyRows.map(Csv.read(file), catalog);
    List<LatencyValidation.Row> rows = new ArrayList<>();
    for (LatencyValidation.Row r : mapped.rows) {
      if (r.engine().kind() == kind) {
        rows.add(r);
      }
    }
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("--file " + file + " has no estimable rows of engine " + kind.id() + " ("
          + mapped.rows.size() + " rows of other engines, " + mapped.skipped.size() + " skipped)");
    }
    Fit fit = fit(kind, rows);
    if (out != null) {
      String entry = Json.write(entry(fit, file));
      AtomicFile.write(out, o -> o.write((entry + "\n").getBytes(StandardCharsets.UTF_8)));
    }
    PrintWriter w = spec.commandLine().getOut();
    if (json) {
      w.println(Json.write(toJson(fit)));
    } else {
      w.print(human(fit));
      if (out != null) {
        w.println("wrote " + out + " (use it with --catalog " + out + ")");
      }
    }
    w.flush();
    return 0;
  }

  /**
   * Fits the step overhead on TPOT and static-batch throughput (online and static rows; offline rows,
   * whose TPOT mixes in a burst's prefills, only when there are no others), then the request overhead
   * on online TTFT.
   */
  static Fit fit(EngineKind kind, List<LatencyValidation.Row> rows) {
    List<LatencyValidation.Row> stepRows = new ArrayList<>();
    List<LatencyValidation.Row> offlineStepRows = new ArrayList<>();
    List<LatencyValidation.Row> requestRows = new ArrayList<>();
    for (LatencyValidation.Row r : rows) {
      boolean staticThroughput = r.category() == LatencyValidation.Category.STATIC_BATCH
          && Double.isFinite(r.measuredOutputTokensPerSecond());
      if (Double.isFinite(r.measuredTpotMs()) || staticThroughput) {
        (r.category() == LatencyValidation.Category.OFFLINE_MAX_THROUGHPUT ? offlineStepRows : stepRows).add(r);
      }
      if (r.category() == LatencyValidation.Category.ONLINE_SERVING && Double.isFinite(r.measuredTtftMs())) {
        requestRows.add(r);
      }
    }
    if (stepRows.isEmpty()) {
      stepRows.addAll(offlineStepRows);
    }
    double stepBefore = rows.get(0).engine().stepOverhead().toMillis();
    double requestBefore = (requestRows.isEmpty() ? rows.get(0) : requestRows.get(0)).engine().requestOverhead().toMillis();
    double[] before = accuracy(rows, Double.NaN, Double.NaN);
    double step = stepRows.isEmpty() ? stepBefore
        : best(STEP_GRID_MS, s -> medianLogError(stepRows, s, requestBefore, CalibrateCommand::stepRatio));
    double request = requestRows.isEmpty() ? requestBefore
        : best(REQUEST_GRID_MS, q -> medianLogError(requestRows, step, q, LatencyValidation.RowResult::ttftRatio));
    double[] after = accuracy(rows, step, request);
    return new Fit(kind, rows.get(0).engine().version(), rows.size(), stepBefore, step, stepRows.size(), requestBefore,
        request, requestRows.size(), before, after);
  }

  /** The ratio the step overhead is fitted on: TPOT where the row measured it, else its static batch's throughput. */
  private static double stepRatio(LatencyValidation.RowResult e) {
    return Double.isFinite(e.row().measuredTpotMs()) ? e.tpotRatio() : e.throughputRatio();
  }

  /** Returns the median |ln(estimate/measured)| of {@code ratio} over the rows, estimated with the given overheads. */
  private static double medianLogError(List<LatencyValidation.Row> rows, double stepMs, double requestMs,
      ToDoubleFunction<LatencyValidation.RowResult> ratio) {
    return Stats.median(rows.stream()
        .mapToDouble(r -> ratio.applyAsDouble(LatencyValidation.estimate(with(r, stepMs, requestMs))))
        .filter(x -> Double.isFinite(x) && x > 0).map(x -> Math.abs(Math.log(x))).toArray());
  }

  /** Returns the median |estimate/measured − 1| of throughput, TTFT and TPOT over the rows (as they are when NaN). */
  private static double[] accuracy(List<LatencyValidation.Row> rows, double stepMs, double requestMs) {
    List<LatencyValidation.RowResult> results = rows.stream()
        .map(r -> LatencyValidation.estimate(Double.isNaN(stepMs) ? r : with(r, stepMs, requestMs))).toList();
    List<ToDoubleFunction<LatencyValidation.RowResult>> quantities = List.of(LatencyValidation.RowResult::throughputRatio,
        LatencyValidation.RowResult::ttftRatio, LatencyValidation.RowResult::tpotRatio);
    return quantities.stream().mapToDouble(q -> Stats.median(results.stream().mapToDouble(q)
        .filter(x -> Double.isFinite(x) && x > 0).map(x -> Math.abs(x - 1)).toArray())).toArray();
  }

  /** Returns the row with the engine's overheads set; in-process rows keep no request overhead. */
  static LatencyValidation.Row with(LatencyValidation.Row r, double stepMs, double requestMs) {
    EngineProfile.Builder b = EngineProfile.builder().from(r.engine()).stepOverhead(TimeSpan.ofMillis(stepMs));
    if (r.category() == LatencyValidation.Category.ONLINE_SERVING) {
      b.requestOverhead(TimeSpan.ofMillis(requestMs));
    }
    return r.withEngine(b.build());
  }

  private static double best(double[] grid, java.util.function.DoubleUnaryOperator error) {
    double best = grid[0];
    double bestError = Double.POSITIVE_INFINITY;
    for (double x : grid) {
      double e = error.applyAsDouble(x);
      if (e < bestError - 1e-12) {
        bestError = e;
        best = x;
      }
    }
    return best;
  }

  private static double[] grid(double from, double to, double step) {
    int n = (int) Math.round((to - from) / step) + 1;
    double[] g = new double[n];
    for (int i = 0; i < n; i++) {
      g[i] = from + i * step;
    }
    return g;
  }

  /**
   * The catalog file: one engine entry with the kind's id for every version, setting the two
   * overheads; its other constants are the core defaults of the first row's engine version.
   */
  static ObjectNode entry(Fit fit, Path source) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    ArrayNode engines = root.putArray("engines");
    ObjectNode e = engines.addObject();
    e.put("id", fit.kind.id());
    e.put("kind", fit.kind.id());
    // every version, with the other constants of the rows' version (the core defaults for it)
    e.put("version", fit.version);
    e.put("versions", "*");
    e.put("source", String.format(Locale.ROOT, "aicompass calibrate on %s: %d rows (step overhead from %d, request "
        + "overhead from %d)", source.getFileName(), fit.rows, fit.stepRows, fit.requestRows));
    e.put("stepOverhead", ms(fit.step));
    e.put("requestOverhead", ms(fit.request));
    return root;
  }

  private static String ms(double v) {
    return (v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v)) + " ms";
  }

  static ObjectNode toJson(Fit fit) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("engine", fit.kind.id());
    n.put("rows", fit.rows);
    ObjectNode step = n.putObject("stepOverheadMs");
    step.put("before", fit.stepBefore);
    step.put("fitted", fit.step);
    step.put("rows", fit.stepRows);
    ObjectNode request = n.putObject("requestOverheadMs");
    request.put("before", fit.requestBefore);
    request.put("fitted", fit.request);
    request.put("rows", fit.requestRows);
    String[] names = {"throughput", "ttft", "tpot"};
    for (String when : new String[] {"before", "after"}) {
      ObjectNode a = n.putObject("medianError" + (when.equals("before") ? "Before" : "After"));
      double[] v = when.equals("before") ? fit.before : fit.after;
      for (int i = 0; i < 3; i++) {
        if (Double.isNaN(v[i])) {
          a.putNull(names[i]);
        } else {
          a.put(names[i], Json.round(v[i], 4));
        }
      }
    }
    return n;
  }

  static String human(Fit fit) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%s: %d rows%n", fit.kind.id(), fit.rows));
    sb.append(String.format(Locale.ROOT, "  step overhead     %7.2f ms -> %7.2f ms  %s%n", fit.stepBefore, fit.step,
        fit.stepRows == 0 ? "(kept: no row measures TPOT or a static batch)" : "(fitted on " + fit.stepRows + " rows)"));
    sb.append(String.format(Locale.ROOT, "  request overhead  %7.2f ms -> %7.2f ms  %s%n", fit.requestBefore, fit.request,
        fit.requestRows == 0 ? "(kept: no online row measures TTFT)" : "(fitted on " + fit.requestRows + " online rows)"));
    sb.append("  median |estimate/measured - 1|   before    after\n");
    String[] names = {"throughput", "TTFT", "TPOT"};
    for (int i = 0; i < 3; i++) {
      sb.append(String.format(Locale.ROOT, "    %-28s %8s %8s%n", names[i], pct(fit.before[i]), pct(fit.after[i])));
    }
    return sb.toString();
  }

  private static String pct(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
  }
}
