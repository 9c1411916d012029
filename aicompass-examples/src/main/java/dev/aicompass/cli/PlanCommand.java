package dev.aicompass.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicompass.memory.MemoryBreakdown;
import dev.aicompass.model.Component;
import dev.aicompass.perf.LatencyEstimate;
import dev.aicompass.perf.OperatorCost;
import dev.aicompass.perf.PhaseCost;
import dev.aicompass.plan.DeploymentPlan;
import dev.aicompass.plan.Limit;
import dev.aicompass.units.ByteSize;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code aicompass plan}: memory, recommended deployments, bottleneck and error band on one screen. */
@Command(name = "plan", mixinStandardHelpOptions = true,
    description = {"Plans a deployment on one screen: the best plan's memory per device by component, the best "
        + "deployment per accelerator (devices, layout, TTFT, TPOT, throughput, $/Mtok, what limits the rest), "
        + "the bottleneck and the error band."},
    footer = {"", "Examples:",
        "  aicompass plan --model llama-3.1-70b --input-len 2048 --output-len 512 \\",
        "      --concurrency 64 --ttft 500ms --tpot 50ms",
        "  aicompass plan --model qwen3-32b --gpu h100-sxm --gpu l40s \\",
        "      --price h100-sxm=2.49 --price l40s=0.99 --concurrency 16 --tpot 40ms \\",
        "      --format markdown",
        "  aicompass plan --model deepseek-r1 --gpu h200 --gpu b200 --request-rate 2 \\",
        "      --ttft 2s --tpot 60ms --format json",
        "  aicompass plan --model ./config.json --gpu a100-sxm-80gb --concurrency 8 \\",
        "      --chart charts/",
        "Formats: table (default; fits 100 columns), markdown, json (one object),",
        "csv (one row per plan)."})
final class PlanCommand implements Callable<Integer> {
  static final int BAR = 36;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  PlanOptions plan;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "table|markdown|json|csv (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--json", description = "Same as --format json.")
  boolean json;

  @Option(names = "--top", paramLabel = "N", defaultValue = "8",
      description = "Deployments listed in table and markdown formats; the rest are counted (default: ${DEFAULT-VALUE}).")
  int top;

  @Option(names = "--chart", paramLabel = "DIR",
      description = "Also write memory, recommendation, latency and roofline charts (PNG and SVG) into DIR.")
  Path chartDir;

  @Override
  public Integer call() {
    String f = json ? "json" : format.toLowerCase(Locale.ROOT);
    if (!List.of("table", "markdown", "json", "csv").contains(f)) {
      throw new IllegalArgumentException("--format (" + format + ") must be one of table, markdown, json, csv");
    }
    if (top < 1) {
      throw new IllegalArgumentException("--top (" + top + ") must be at least 1");
    }
    PlanResult r = PlanResult.compute(plan);
    List<Path> charts = chartDir == null ? List.of() : ChartFiles.forPlan(r, chartDir);
    PrintWriter out = spec.commandLine().getOut();
    switch (f) {
      case "json":
        ObjectNode n = toJson(r);
        if (chartDir != null) {
          ArrayNode a = n.putArray("charts");
          charts.forEach(p -> a.add(p.toString()));
        }
        out.println(Json.write(n));
        break;
      case "csv":
        out.print(csv(r));
        charts.forEach(p -> spec.commandLine().getErr().println("chart: " + p));
        break;
      case "markdown":
        out.print(markdown(r, top));
        charts.forEach(p -> out.println("chart: " + p));
        break;
      default:
        out.print(table(r, top));
        charts.forEach(p -> out.println("chart: " + p));
        if (plan.verbose) {
          r.shown.ifPresent(p -> out.print("derivation:\n" + p.derivation().toString().replaceAll("(?m)^", "  ")));
        }
    }
    out.flush();
    spec.commandLine().getErr().flush();
    return 0;
  }

  // ---------------------------------------------------------------- table

  static String table(PlanResult r, int top) {
    StringBuilder sb = new StringBuilder();
    line(sb, "%s: %d in / %d out, %s; SLO %s", r.model.name(), r.workload.inputTokens(), r.workload.outputTokens(),
        r.loadText(), r.sloText());
    line(sb, "searched %d accelerator%s, ≤ %d devices each (%s, %s)%s", r.acceleratorsSearched,
        r.acceleratorsSearched == 1 ? "" : "s", r.options.maxGpus(), r.options.engine(), r.method(),
        r.skipped.isEmpty() ? "" : "; " + r.skipped.size() + " without a peak skipped");
    sb.append('\n');
    Optional<DeploymentPlan> best = r.best;
    if (best.isPresent()) {
      line(sb, "best: %s", headline(best.get()));
    } else if (r.shown.isPresent()) {
      line(sb, "no deployment of up to %d devices meets the SLO; closest: %s", r.options.maxGpus(), headline(r.shown.get()));
    } else {
      line(sb, "no deployment fits within %d devices", r.options.maxGpus());
    }
    r.memory.ifPresent(m -> memoryTable(sb, r, m));
    sb.append('\n');
    plansTable(sb, r, top);
    sb.append('\n');
    r.bottleneck().ifPresent(b -> {
      int cut = b.indexOf(", decode ");
      line(sb, "bottleneck: %s", cut > 0 ? b.substring(0, cut) : b);
      if (cut > 0) {
        line(sb, "            %s", b.substring(cut + 2));
      }
    });
    r.estimate().ifPresent(e -> line(sb, "%s", errorBand(r, e)));
    if (r.estimate().isEmpty() && r.shown.isPresent()) {
      line(sb, "%s", noEstimate(r));
    }
    return sb.toString();
  }

  /** Why there is no latency, bottleneck or error band to show. */
  static String noEstimate(PlanResult r) {
    return r.shown.get().method() == dev.aicompass.Method.REFERENCE
        ? "method reference estimates memory and device counts only: no latency, bottleneck or error band"
        : "no layout fits in memory, so there is no latency, bottleneck or error band";
  }

  static String headline(DeploymentPlan p) {
    StringBuilder sb = new StringBuilder();
    sb.append(p.count()).append(" × ").append(p.gpu()).append(" (").append(p.parallelism()).append(")");
    p.estimate().ifPresent(e -> sb.append(String.format(Locale.ROOT, ": TTFT %.1f ms, TPOT %.2f ms, %.0f output tok/s",
        e.ttft().toMillis(), e.tpot().toMillis(), e.outputThroughput().tokensPerSecond())));
    p.costPerMillionOutputTokens().ifPresent(c -> sb.append(String.format(Locale.ROOT, ", %s per 1M output tokens", c)));
    if (!p.meetsSlo()) {
      sb.append(" — limited by ").append(PlanResult.limits(p));
    }
    return sb.toString();
  }

  /** Rows of the memory bar chart: label, GiB. */
  static List<Object[]> memoryRows(MemoryBreakdown m) {
    List<Object[]> rows = new ArrayList<>();
    rows.add(new Object[] {"weights", m.weights()});
    rows.add(new Object[] {"activation peak", m.activation()});
    rows.add(new Object[] {"engine overhead", m.engineOverhead()});
    rows.add(new Object[] {"KV-cache pool", m.kvCachePool()});
    ByteSize free = m.usable().isGreaterThan(m.total()) ? ByteSize.ofBytes(m.usable().bytes() - m.total().bytes()) : ByteSize.ZERO;
    rows.add(new Object[] {"free", free});
    return rows;
  }

  private static void memoryTable(StringBuilder sb, PlanResult r, MemoryBreakdown m) {
    DeploymentPlan p = r.shown.get();
    sb.append('\n');
    line(sb, "memory per device: %s, %s (%s of %s usable)", p.gpu(), p.parallelism(), gib(m.total()), gib(m.usable()));
    double scale = Math.max(m.usable().toGibibytes(), m.total().toGibibytes());
    for (Object[] row : memoryRows(m)) {
      double g = ((ByteSize) row[1]).toGibibytes();
      line(sb, "  %-16s %8.2f GiB %5.1f%%  %s", row[0], g, 100 * g / scale, bar(g / scale, BAR, row[0].equals("free")));
    }
    if (m.weightsByComponent().values().stream().anyMatch(b -> b.toGibibytes() >= 0.005)) {
      line(sb, "  weights: %s", components(m, 88));
    }
    line(sb, "  KV pool: %,d tokens = %.1f × %d-token requests; %d per replica need %s%s",
        m.kvCacheTokens(), m.maxConcurrency(), m.deployment().maxModelLen(), r.replicaLoad(p).concurrency(),
        m.kvCacheRequired().map(PlanCommand::gib).orElse("-"), m.fits() ? "" : " — does not fit");
  }

  static String components(MemoryBreakdown m, int width) {
    List<Map.Entry<Component, ByteSize>> c = new ArrayList<>(m.weightsByComponent().entrySet());
    c.sort(Comparator.comparing((Map.Entry<Component, ByteSize> e) -> e.getValue()).reversed());
    StringBuilder sb = new StringBuilder();
    int shown = 0;
    for (Map.Entry<Component, ByteSize> e : c) {
      if (e.getValue().toGibibytes() < 0.005) {
        continue;
      }
      String part = String.format(Locale.ROOT, "%s %.2f", e.getKey().label(), e.getValue().toGibibytes());
      if (sb.length() + part.length() + 12 > width && shown > 0) {
        sb.append(" …");
        break;
      }
      sb.append(shown++ == 0 ? "" : " · ").append(part);
    }
    return sb.append(" GiB").toString();
  }

  static String bar(double fraction, int width, boolean light) {
    double cells = Math.max(0, Math.min(1, fraction)) * width;
    int full = (int) Math.floor(cells);
    String partials = " ▏▎▍▌▋▊▉";
    StringBuilder sb = new StringBuilder();
    char block = light ? '░' : '█';
    for (int i = 0; i < full; i++) {
      sb.append(block);
    }
    int eighth = (int) Math.round((cells - full) * 8);
    if (!light && eighth > 0 && full < width) {
      sb.append(partials.charAt(Math.min(7, eighth)));
    } else if (light && eighth >= 4 && full < width) {
      sb.append(block);
    }
    return sb.toString();
  }

  private static void plansTable(StringBuilder sb, PlanResult r, int top) {
    int meeting = r.meeting().size();
    int shownRows = Math.min(top, r.plans.size());
    line(sb, "best deployment per accelerator: %d of %d meet the SLO%s", meeting, r.plans.size(),
        r.plans.size() > shownRows ? " (first " + shownRows + " shown)" : "");
    line(sb, " %2s  %-16s %4s  %-12s %8s %8s %9s %7s %7s  %s", "#", "accelerator", "n", "layout", "TTFT ms", "TPOT ms",
        "out tok/s", "GiB/GPU", "$/Mtok", "verdict");
    for (int i = 0; i < shownRows; i++) {
      DeploymentPlan p = r.plans.get(i);
      Optional<LatencyEstimate> e = p.estimate();
      line(sb, " %2d  %-16s %4d  %-12s %8s %8s %9s %7.1f %7s  %s", i + 1, clip(p.gpu(), 16), p.count(), clip(p.parallelism().toString(), 12),
          e.map(x -> String.format(Locale.ROOT, "%.1f", x.ttft().toMillis())).orElse("-"),
          e.map(x -> String.format(Locale.ROOT, "%.2f", x.tpot().toMillis())).orElse("-"),
          e.map(x -> String.format(Locale.ROOT, "%.0f", x.outputThroughput().tokensPerSecond())).orElse("-"),
          p.memoryPerGpu().toGibibytes(), p.costPerMillionOutputTokens().map(c -> String.format(Locale.ROOT, "%.2f", c.amount())).orElse("-"),
          p.meetsSlo() ? PlanResult.limits(p) : "no: " + PlanResult.limits(p));
    }
    String rest = rest(r, shownRows);
    if (!rest.isEmpty()) {
      line(sb, "%s", rest);
    }
  }

  /** One line counting the plans not listed: how many more meet the SLO and what limits the others. */
  static String rest(PlanResult r, int shownRows) {
    int moreMeeting = 0;
    for (int i = shownRows; i < r.plans.size(); i++) {
      if (r.plans.get(i).meetsSlo()) {
        moreMeeting++;
      }
    }
    Map<String, Integer> limits = r.limitsFrom(shownRows);
    int moreFailing = limits.values().stream().mapToInt(Integer::intValue).sum();
    if (moreMeeting == 0 && moreFailing == 0) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    if (moreMeeting > 0) {
      parts.add(moreMeeting + " more meet the SLO");
    }
    if (moreFailing > 0) {
      parts.add(moreFailing + " more miss it (" + limits.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
          .collect(Collectors.joining(", ")) + ")");
    }
    return "  + " + String.join("; ", parts) + (moreMeeting + moreFailing > 0 ? "; --top N or --format json lists all" : "");
  }

  static String errorBand(PlanResult r, LatencyEstimate e) {
    double lo = e.errorBand().low();
    double hi = e.errorBand().high();
    double ttftLo = e.ttftErrorBand().low();
    double ttftHi = e.ttftErrorBand().high();
    boolean ttftOk = r.slo.ttft().map(t -> e.ttft().toMillis() * ttftHi <= t.toMillis()).orElse(true);
    boolean tpotOk = r.slo.tpot().map(t -> e.tpot().toMillis() * hi <= t.toMillis()).orElse(true);
    boolean latencySlo = r.slo.ttft().isPresent() || r.slo.tpot().isPresent();
    String verdict = !latencySlo ? "" : ttftOk && tpotOk ? "; the latency SLO holds at the high end"
        : "; at the high end " + (ttftOk ? "" : "TTFT") + (!ttftOk && !tpotOk ? " and " : "") + (tpotOk ? "" : "TPOT")
            + " would miss";
    if (ttftLo == lo && ttftHi == hi) {
      return String.format(Locale.ROOT, "error band ×%.2f–×%.2f: TTFT %.0f–%.0f ms, TPOT %.1f–%.1f ms%s", lo, hi,
          e.ttft().toMillis() * lo, e.ttft().toMillis() * hi, e.tpot().toMillis() * lo, e.tpot().toMillis() * hi, verdict);
    }
    // engines without calibration rows: TTFT has its own, wider band; the verdict goes on a line of its own
    return String.format(Locale.ROOT, "error band TTFT ×%.2f–×%.2f: %.0f–%.0f ms; TPOT ×%.2f–×%.2f: %.1f–%.1f ms%n"
        + "           %s", ttftLo, ttftHi, e.ttft().toMillis() * ttftLo, e.ttft().toMillis() * ttftHi, lo, hi,
        e.tpot().toMillis() * lo, e.tpot().toMillis() * hi, verdict.isEmpty() ? "" : verdict.substring(2));
  }

  // ---------------------------------------------------------------- markdown

  static String markdown(PlanResult r, int top) {
    StringBuilder sb = new StringBuilder();
    line(sb, "### Plan: %s", md(r.model.name()));
    sb.append('\n');
    line(sb, "%d in / %d out, %s · SLO: %s · %d accelerators searched, up to %d devices (%s, method %s)",
        r.workload.inputTokens(), r.workload.outputTokens(), md(r.loadText()), md(r.sloText()), r.acceleratorsSearched,
        r.options.maxGpus(), md(r.options.engine().toString()), r.method());
    sb.append('\n');
    Optional<DeploymentPlan> best = r.best;
    if (best.isPresent()) {
      line(sb, "**Best:** %s", md(headline(best.get())));
    } else if (r.shown.isPresent()) {
      line(sb, "**No deployment of up to %d devices meets the SLO.** Closest: %s", r.options.maxGpus(), md(headline(r.shown.get())));
    }
    r.memory.ifPresent(m -> {
      DeploymentPlan p = r.shown.get();
      double scale = Math.max(m.usable().toGibibytes(), m.total().toGibibytes());
      sb.append('\n');
      line(sb, "| memory per device (%s, %s) | GiB | share of %s usable |", md(p.gpu()), p.parallelism(), gib(m.usable()));
      line(sb, "|---|---:|---:|");
      for (Object[] row : memoryRows(m)) {
        double g = ((ByteSize) row[1]).toGibibytes();
        line(sb, "| %s | %.2f | %.1f %% |", row[0], g, 100 * g / scale);
      }
      line(sb, "| **total** | **%.2f** | **%.1f %%** |", m.total().toGibibytes(), 100 * m.total().toGibibytes() / scale);
      sb.append('\n');
      String weights = m.weightsByComponent().isEmpty() ? "" : "Weights: " + md(components(m, 400)) + ". ";
      line(sb, "%sKV pool: %,d tokens; this load needs %s per device%s.", weights, m.kvCacheTokens(),
          m.kvCacheRequired().map(PlanCommand::gib).orElse("-"), m.fits() ? "" : " (does not fit)");
    });
    sb.append('\n');
    int shownRows = Math.min(top, r.plans.size());
    line(sb, "| # | accelerator | devices | layout | TTFT ms | TPOT ms | out tok/s | GiB/GPU | $/Mtok | verdict |");
    line(sb, "|---:|---|---:|---|---:|---:|---:|---:|---:|---|");
    for (int i = 0; i < shownRows; i++) {
      DeploymentPlan p = r.plans.get(i);
      Optional<LatencyEstimate> e = p.estimate();
      line(sb, "| %d | %s | %d | %s | %s | %s | %s | %.1f | %s | %s |", i + 1, md(p.gpu()), p.count(), p.parallelism(),
          e.map(x -> String.format(Locale.ROOT, "%.1f", x.ttft().toMillis())).orElse("-"),
          e.map(x -> String.format(Locale.ROOT, "%.2f", x.tpot().toMillis())).orElse("-"),
          e.map(x -> String.format(Locale.ROOT, "%.0f", x.outputThroughput().tokensPerSecond())).orElse("-"),
          p.memoryPerGpu().toGibibytes(), p.costPerMillionOutputTokens().map(c -> String.format(Locale.ROOT, "%.2f", c.amount())).orElse("-"),
          p.meetsSlo() ? PlanResult.limits(p) : "no: " + PlanResult.limits(p));
    }
    String rest = rest(r, shownRows);
    if (!rest.isEmpty()) {
      sb.append('\n');
      line(sb, "%s", md(rest.replaceFirst("^  \\+ ", "Not listed: ")));
    }
    r.bottleneck().ifPresent(b -> {
      sb.append('\n');
      line(sb, "**Bottleneck:** %s.", md(b));
    });
    r.estimate().ifPresent(e -> {
      sb.append('\n');
      line(sb, "**Error band:** %s.", md(errorBand(r, e).replaceFirst("^error band ", "").replaceAll("\\s*\\R\\s*", "; ")));
    });
    if (r.estimate().isEmpty() && r.shown.isPresent()) {
      sb.append('\n');
      line(sb, "%s", md(noEstimate(r)));
    }
    return sb.toString();
  }

  private static String md(String s) {
    return s.replace("|", "\\|");
  }

  // ---------------------------------------------------------------- json and csv

  static ObjectNode toJson(PlanResult r) {
    ObjectNode n = Json.object();
    n.put("model", r.model.name());
    ObjectNode w = n.putObject("workload");
    w.put("inputLen", r.workload.inputTokens());
    w.put("outputLen", r.workload.outputTokens());
    if (r.workload.requestRate().isPresent()) {
      w.putNull("concurrency");
      w.put("requestRate", r.workload.requestRate().getAsDouble());
    } else {
      w.put("concurrency", r.workload.concurrency());
      w.putNull("requestRate");
    }
    ObjectNode s = n.putObject("slo");
    if (r.slo.ttft().isPresent()) {
      s.put("ttftMs", Json.round(r.slo.ttft().get().toMillis(), 3));
    } else {
      s.putNull("ttftMs");
    }
    if (r.slo.tpot().isPresent()) {
      s.put("tpotMs", Json.round(r.slo.tpot().get().toMillis(), 3));
    } else {
      s.putNull("tpotMs");
    }
    if (r.slo.throughput().isPresent()) {
      s.put("throughput", Json.round(r.slo.throughput().get().tokensPerSecond(), 3));
    } else {
      s.putNull("throughput");
    }
    n.put("method", r.method());
    n.put("engine", r.options.engine().kind().id());
    n.put("engineVersion", r.options.engine().version());
    n.put("maxGpus", r.options.maxGpus());
    n.put("acceleratorsSearched", r.acceleratorsSearched);
    n.put("meetingSlo", r.meeting().size());
    if (r.shown.isPresent()) {
      n.set("best", RecommendCommand.planJson(r.shown.get()));
    } else {
      n.putNull("best");
    }
    if (r.memory.isPresent()) {
      n.set("memory", MemoryCommand.toJson(r.memory.get(), null));
    } else {
      n.putNull("memory");
    }
    ArrayNode arr = n.putArray("plans");
    for (DeploymentPlan p : r.plans) {
      arr.add(RecommendCommand.planJson(p));
    }
    Optional<LatencyEstimate> e = r.estimate();
    if (e.isPresent()) {
      ObjectNode b = n.putObject("bottleneck");
      b.put("prefill", e.get().prefillBound().id());
      b.put("decode", e.get().decodeBound().id());
      top(b, "prefillTopOperator", e.get().prefillCost());
      top(b, "decodeTopOperator", e.get().decodeCost());
      b.put("text", r.bottleneck().orElse(""));
      ObjectNode band = n.putObject("errorBand");
      band.put("low", Json.round(e.get().errorBand().low(), 3));
      band.put("high", Json.round(e.get().errorBand().high(), 3));
      band.put("ttftLow", Json.round(e.get().ttftErrorBand().low(), 3));
      band.put("ttftHigh", Json.round(e.get().ttftErrorBand().high(), 3));
      band.putArray("ttftMs").add(Json.round(e.get().ttft().toMillis() * e.get().ttftErrorBand().low(), 3))
          .add(Json.round(e.get().ttft().toMillis() * e.get().ttftErrorBand().high(), 3));
      band.putArray("tpotMs").add(Json.round(e.get().tpot().toMillis() * e.get().errorBand().low(), 3))
          .add(Json.round(e.get().tpot().toMillis() * e.get().errorBand().high(), 3));
    } else {
      n.putNull("bottleneck");
      n.putNull("errorBand");
    }
    ArrayNode sk = n.putArray("skippedAccelerators");
    r.skipped.forEach(sk::add);
    return n;
  }

  private static void top(ObjectNode b, String key, PhaseCost phase) {
    phase.operators().stream().max(Comparator.comparingDouble((OperatorCost o) -> o.time().seconds())).ifPresent(o -> {
      ObjectNode t = b.putObject(key);
      t.put("name", o.name());
      t.put("share", Json.round(PlanResult.shareOf(o, phase), 4));
    });
  }

  static final List<String> CSV_COLUMNS = List.of("gpu", "count", "tp", "pp", "ep", "dp", "ttftMs", "tpotMs",
      "outputTokensPerSecond", "memoryPerGpuGiB", "meetsSlo", "limitedBy", "costPerMillionOutputTokens");

  static String csv(PlanResult r) {
    StringBuilder sb = new StringBuilder(String.join(",", CSV_COLUMNS)).append('\n');
    for (DeploymentPlan p : r.plans) {
      Optional<LatencyEstimate> e = p.estimate();
      List<String> cells = List.of(p.gpu(), "" + p.count(), "" + p.tp(), "" + p.pp(), "" + p.ep(), "" + p.dp(),
          e.map(x -> Json.round(x.ttft().toMillis(), 3).toPlainString()).orElse(""),
          e.map(x -> Json.round(x.tpot().toMillis(), 3).toPlainString()).orElse(""),
          e.map(x -> Json.round(x.outputThroughput().tokensPerSecond(), 2).toPlainString()).orElse(""),
          Json.gib(p.memoryPerGpu()).toPlainString(), "" + p.meetsSlo(),
          p.limitedBy().stream().map(Limit::id).collect(Collectors.joining(";")),
          p.costPerMillionOutputTokens().map(c -> Json.round(c.amount(), 4).toPlainString()).orElse(""));
      sb.append(cells.stream().map(PlanCommand::csvCell).collect(Collectors.joining(","))).append('\n');
    }
    return sb.toString();
  }

  private static String csvCell(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  // ---------------------------------------------------------------- helpers

  static String gib(ByteSize b) {
    return String.format(Locale.ROOT, "%.2f GiB", b.toGibibytes());
  }

  private static String clip(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }

  private static void line(StringBuilder sb, String fmt, Object... args) {
    sb.append(String.format(Locale.ROOT, fmt, args)).append('\n');
  }
}
