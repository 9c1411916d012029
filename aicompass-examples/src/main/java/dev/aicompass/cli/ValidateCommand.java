package dev.aicompass.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicompass.catalog.Catalog;
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

/** {@code aicompass validate memory}: the library's accuracy against measured rows. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Compares estimates with measurements and prints per-row and summary errors (median, p90, max).",
    footer = {"", "Examples:",
        "  aicompass validate memory                       (finds shared/reference/calibration/memory.csv)",
        "  aicompass validate memory --file my-vllm-rows.csv --json"})
final class ValidateCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "WHAT", description = "memory")
  String what;

  @Option(names = "--file", paramLabel = "CSV", description = "Measured rows (default: shared/reference/calibration/<what>.csv found from the working directory).")
  Path file;

  @Option(names = "--catalog", paramLabel = "FILE.json", description = "Extra catalog file (repeatable).")
  List<Path> catalogs = new java.util.ArrayList<>();

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Option(names = "--verbose", description = "Print stack traces of errors.")
  boolean verbose;

  @Override
  public Integer call() throws IOException {
    if (!what.equals("memory")) {
      throw new IllegalArgumentException("validate WHAT ('" + what + "') must be 'memory'");
    }
    Path csv = file != null ? file : locate(what + ".csv");
    Catalog catalog = Catalog.builtIn();
    for (Path p : catalogs) {
      catalog = catalog.with(p);
    }
    List<Map<String, String>> rows = Csv.read(csv);
    List<MemoryValidation.Row> result = MemoryValidation.run(rows, catalog);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.write(toJson(result, csv)));
    } else {
      out.print(table(result, csv));
    }
    out.flush();
    return 0;
  }

  static Path locate(String name) {
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      for (Path candidate : List.of(d.resolve("shared/reference/calibration").resolve(name),
          d.resolveSibling("shared").resolve("reference/calibration").resolve(name))) {
        if (Files.isRegularFile(candidate)) {
          return candidate;
        }
      }
    }
    throw new IllegalArgumentException("cannot find shared/reference/calibration/" + name
        + " above " + dir + "; pass --file PATH");
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
    sb.append("\nsummary (relative error)      n   median      p90      max\n");
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
}
