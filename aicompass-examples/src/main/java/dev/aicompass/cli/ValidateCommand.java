package dev.aicompass.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicompass.catalog.Catalog;
import dev.aicompass.perf.LatencyValidation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code aicompass validate memory|latency|all}: the library's accuracy against measured rows (vLLM
 * startup logs for memory, TensorRT-LLM benchmark tables for throughput, TTFT and TPOT).
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Compares estimates with measurements and prints per-row and summary errors (median, p90, max).",
    footer = {"", "Examples:",
        "  aicompass validate memory                       (finds shared/reference/calibration/memory.csv)",
        "  aicompass validate memory --file my-vllm-rows.csv --json",
        "  aicompass validate latency                      (finds shared/reference/calibration/latency.csv)",
        "  aicompass validate all                          (both summaries)"})
final class ValidateCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "WHAT", description = "memory | latency | all")
  String what;

  @Option(names = "--file", paramLabel = "CSV", description = "Measured rows (default: shared/reference/calibration/<what>.csv found from the working directory; not with 'all').")
  Path file;

  @Option(names = "--catalog", paramLabel = "FILE.json", description = "Extra catalog file (repeatable).")
  List<Path> catalogs = new java.util.ArrayList<>();

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Option(names = "--verbose", description = "Print stack traces of errors.")
  boolean verbose;

  @Override
  public Integer call() throws IOException {
    if (!List.of("memory", "latency", "all").contains(what)) {
      throw new IllegalArgumentException("validate WHAT ('" + what + "') must be one of memory, latency, all");
    }
    if (what.equals("all") && file != null) {
      throw new IllegalArgumentException("--file names one CSV; use it with 'validate memory' or 'validate latency'");
    }
    Catalog catalog = Resolver.catalog(catalogs);
    PrintWriter out = spec.commandLine().getOut();
    switch (what) {
      case "memory": {
        Path csv = file != null ? file : locate("memory.csv");
        List<MemoryValidation.Row> result = MemoryValidation.run(Csv.read(csv), catalog);
        if (json) {
          out.println(Json.write(toJson(result, csv)));
        } else {
          out.print(table(result, csv));
        }
        break;
      }
      case "latency": {
        Path csv = file != null ? file : locate("latency.csv");
        Latency result = latency(csv, catalog);
        if (json) {
          out.println(Json.write(latencyJson(result, csv, true)));
        } else {
          out.print(latencyTable(result, csv));
        }
        break;
      }
      default: {
        Path memCsv = locate("memory.csv");
        Path latCsv = locate("latency.csv");
        List<MemoryValidation.Row> mem = MemoryValidation.run(Csv.read(memCsv), catalog);
        Latency lat = latency(latCsv, catalog);
        if (json) {
          ObjectNode n = Json.object();
          ObjectNode m = toJson(mem, memCsv);
          m.remove("rows");
          n.set("memory", m);
          n.set("latency", latencyJson(lat, latCsv, false));
          out.println(Json.write(n));
        } else {
          out.print("Memory estimates vs measured vLLM startup logs (" + memCsv + ")\n");
          out.print(memorySummary(mem));
          out.print("\nLatency estimates vs measured serving benchmarks (" + latCsv + ")\n");
          out.print(latencySummary(lat));
        }
        break;
      }
    }
    out.flush();
    return 0;
  }

  /** The latency rows of {@code csv} estimated: the report and the rows that could not be mapped. */
  static final class Latency {
    final LatencyValidation.Report report;
    final List<LatencyRows.Skipped> skipped;

    Latency(LatencyValidation.Report report, List<LatencyRows.Skipped> skipped) {
      this.report = report;
      this.skipped = skipped;
    }
  }

  static Latency latency(Path csv, Catalog catalog) throws IOException {
    LatencyRows.Mapped mapped = LatencyRows.map(Csv.read(csv), catalog);
    return new Latency(LatencyValidation.validate(mapped.rows), mapped.skipped);
  }

  static Path locate(String name) {
    return Accuracy.find("shared/reference/calibration/" + name).orElseThrow(() -> new IllegalArgumentException(
        "cannot find shared/reference/calibration/" + name + " above " + Path.of("").toAbsolutePath() + "; pass --file PATH"));
  }

  static String table(List<MemoryValidation.Row> rows, Path csv) {
    StringBuilder sb = new StringBuilder();
    sb.append("Memory estimates vs measured vLLM startup logs (").append(csv).append(")\n");
    sb.append(String.format(Locale.ROOT, "%-6s %-34s %20s %20s %20s %26s%n", "row", "deployment",
        "weights GiB", "activation GiB", "KV pool GiB", "KV tokens"));
    sb.append(String.format(Locale.ROOT, "%-6s %-34s %20s %20s %20s %26s%n", "", "", "meas/est/err", "meas/est/err",
        "meas/est/err", "meas/est/err"));
    for (MemoryValidation.Row r : rows) {
      if (r.skipped != null) {
        sb.append(String.format(Locale.ROOT, "%-6s %-34s skipped: %s%n", r.id, trim(r.label, 34), r.skipped));
        continue;
      }
      sb.append(String.format(Locale.ROOT, "%-6s %-34s %20s %20s %20s %26s%n", r.id, trim(r.label, 34),
          cell(r, "weights", "%.2f"), cell(r, "activation", "%.2f"), cell(r, "kvPool", "%.2f"), cell(r, "kvTokens", "%.0f")));
    }
    sb.append('\n').append(memorySummary(rows));
    return sb.toString();
  }

  static String memorySummary(List<MemoryValidation.Row> rows) {
    StringBuilder sb = new StringBuilder();
    sb.append("summary (relative error)      n   median      p90      max\n");
    for (String m : MemoryValidation.METRICS) {
      double[] s = MemoryValidation.summary(rows, m);
      sb.append(String.format(Locale.ROOT, "%-24s %6d %7.2f%% %7.2f%% %7.2f%%%n", m, (int) s[3], s[0] * 100, s[1] * 100, s[2] * 100));
    }
    return sb.toString();
  }

  private static String cell(MemoryValidation.Row r, String metric, String fmt) {
    double[] v = r.values.get(metric);
    if (v == null) {
      return "-";
    }
    OptionalDouble e = r.error(metric);
    return String.format(Locale.ROOT, fmt + "/" + fmt + "/%.1f%%", v[0], v[1], e.getAsDouble() * 100);
  }

  private static String trim(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n);
  }

  static ObjectNode toJson(List<MemoryValidation.Row> rows, Path csv) {
    ObjectNode n = Json.object();
    n.put("source", csv.toString());
    ArrayNode arr = n.putArray("rows");
    for (MemoryValidation.Row r : rows) {
      ObjectNode o = arr.addObject();
      o.put("row", r.id);
      o.put("deployment", r.label);
      if (r.skipped != null) {
        o.put("skipped", r.skipped);
        continue;
      }
      r.values.forEach((k, v) -> {
        ObjectNode m = o.putObject(k);
        m.put("measured", v[0]);
        m.put("estimated", Json.round(v[1], 4));
        m.put("relativeError", Json.round(Math.abs(v[1] - v[0]) / Math.abs(v[0]), 5));
      });
    }
    ObjectNode summary = n.putObject("summary");
    for (String m : MemoryValidation.METRICS) {
      double[] s = MemoryValidation.summary(rows, m);
      ObjectNode o = summary.putObject(m);
      o.put("n", (int) s[3]);
      o.put("median", Json.round(s[0], 5));
      o.put("p90", Json.round(s[1], 5));
      o.put("max", Json.round(s[2], 5));
    }
    return n;
  }

  // ---- latency ----------------------------------------------------------------------------------------

  /** The measured quantities of a latency row, in table order: name, JSON key, text format. */
  private static final String[][] LATENCY_QUANTITIES = {
      {"throughput", "outputTokensPerSecond", "%.0f"}, {"ttft", "ttftMs", "%.1f"}, {"tpot", "tpotMs", "%.2f"}};

  /** Returns {measured, estimated} of {@code quantity}, or null when the row does not measure it. */
  static double[] latencyValue(LatencyValidation.RowResult r, String quantity) {
    LatencyValidation.Row x = r.row();
    double[] v;
    switch (quantity) {
      case "throughput":
        v = new double[] {x.measuredOutputTokensPerSecond(), r.predictedOutputTokensPerSecond()};
        break;
      case "ttft":
        v = new double[] {x.measuredTtftMs(), r.predictedTtftMs()};
        break;
      default:
        v = new double[] {x.measuredTpotMs(), r.predictedTpotMs()};
        break;
    }
    double ratio = v[1] / v[0];
    // the rows LatencyValidation's summary counts: a finite, positive predicted/measured ratio
    return Double.isFinite(ratio) && ratio > 0 ? v : null;
  }

  static String latencyLabel(LatencyValidation.Row x) {
    StringBuilder sb = new StringBuilder();
    sb.append(x.model().name()).append(' ').append(x.accelerator().id()).append(' ').append(x.weightPrecision().id())
        .append(" tp").append(x.tp());
    if (x.pp() > 1) {
      sb.append(" pp").append(x.pp());
    }
    sb.append(' ').append(x.inputTokens()).append('/').append(x.outputTokens());
    if (x.category() == LatencyValidation.Category.ONLINE_SERVING) {
      sb.append(Double.isInfinite(x.requestRate()) ? " inf qps"
          : String.format(Locale.ROOT, " %.3g qps", x.requestRate()));
    } else if (x.category() == LatencyValidation.Category.STATIC_BATCH) {
      sb.append(" bs").append(x.batch());
    }
    return sb.toString();
  }

  private static String shortCategory(LatencyValidation.Category c) {
    switch (c) {
      case OFFLINE_MAX_THROUGHPUT:
        return "offline";
      case ONLINE_SERVING:
        return "online";
      default:
        return "static";
    }
  }

  static String latencyTable(Latency result, Path csv) {
    StringBuilder sb = new StringBuilder();
    sb.append("Latency estimates vs measured serving benchmarks (").append(csv).append(")\n");
    sb.append(String.format(Locale.ROOT, "%-6s %-48s %-8s %22s %22s %20s%n", "row", "deployment", "category",
        "out tok/s", "TTFT ms", "TPOT ms"));
    sb.append(String.format(Locale.ROOT, "%-6s %-48s %-8s %22s %22s %20s%n", "", "", "", "meas/est/err", "meas/est/err",
        "meas/est/err"));
    for (LatencyValidation.RowResult r : result.report.rows()) {
      LatencyValidation.Row x = r.row();
      String[] cells = new String[LATENCY_QUANTITIES.length];
      for (int i = 0; i < cells.length; i++) {
        double[] v = latencyValue(r, LATENCY_QUANTITIES[i][0]);
        String f = LATENCY_QUANTITIES[i][2];
        cells[i] = v == null ? "-" : String.format(Locale.ROOT, f + "/" + f + "/%.1f%%", v[0], v[1],
            Math.abs(v[1] - v[0]) / Math.abs(v[0]) * 100);
      }
      sb.append(String.format(Locale.ROOT, "%-6s %-48s %-8s %22s %22s %20s%n", x.id(), trim(latencyLabel(x), 48),
          shortCategory(x.category()), cells[0], cells[1], cells[2]));
    }
    for (LatencyRows.Skipped k : result.skipped) {
      sb.append(String.format(Locale.ROOT, "%-6s %-48s skipped: %s%n", k.id, trim(k.label, 48), k.reason));
    }
    sb.append('\n').append(latencySummary(result));
    return sb.toString();
  }

  static String latencySummary(Latency result) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%-36s %6s %8s %8s %8s%n", "summary (relative error)", "n", "median", "p90", "max"));
    for (LatencyValidation.Accuracy a : result.report.summary()) {
      sb.append(String.format(Locale.ROOT, "%-36s %6d %7.2f%% %7.2f%% %7.2f%%%n", a.quantity() + " " + a.category(), a.rows(),
          a.medianError() * 100, a.p90Error() * 100, a.maxError() * 100));
    }
    if (!result.skipped.isEmpty()) {
      sb.append(result.skipped.size()).append(" row(s) skipped (no catalog model or accelerator, or no numeric TP)\n");
    }
    return sb.toString();
  }

  static ObjectNode latencyJson(Latency result, Path csv, boolean withRows) {
    ObjectNode n = Json.object();
    n.put("source", csv.toString());
    if (withRows) {
      ArrayNode arr = n.putArray("rows");
      for (LatencyValidation.RowResult r : result.report.rows()) {
        LatencyValidation.Row x = r.row();
        ObjectNode o = arr.addObject();
        o.put("row", x.id());
        o.put("deployment", latencyLabel(x));
        o.put("category", x.category().toString());
        o.put("model", x.model().name());
        o.put("gpu", x.accelerator().id());
        o.put("tp", x.tp());
        o.put("pp", x.pp());
        for (String[] q : LATENCY_QUANTITIES) {
          double[] v = latencyValue(r, q[0]);
          if (v == null) {
            continue;
          }
          ObjectNode m = o.putObject(q[1]);
          m.put("measured", v[0]);
          m.put("estimated", Json.round(v[1], 4));
          m.put("relativeError", Json.round(Math.abs(v[1] - v[0]) / Math.abs(v[0]), 5));
        }
        o.put("decodeBound", r.bound());
      }
      for (LatencyRows.Skipped k : result.skipped) {
        ObjectNode o = arr.addObject();
        o.put("row", k.id);
        o.put("deployment", k.label);
        o.put("skipped", k.reason);
      }
    } else {
      n.put("estimatedRows", result.report.rows().size());
      n.put("skippedRows", result.skipped.size());
    }
    ObjectNode summary = n.putObject("summary");
    for (LatencyValidation.Accuracy a : result.report.summary()) {
      ObjectNode q = summary.has(a.quantity()) ? (ObjectNode) summary.get(a.quantity()) : summary.putObject(a.quantity());
      ObjectNode o = q.putObject(a.category());
      o.put("n", a.rows());
      o.put("median", Json.round(a.medianError(), 5));
      o.put("p90", Json.round(a.p90Error(), 5));
      o.put("max", Json.round(a.maxError(), 5));
      ObjectNode band = o.putObject("band");
      band.put("low", Json.round(a.bandLow(), 3));
      band.put("high", Json.round(a.bandHigh(), 3));
    }
    return n;
  }
}
