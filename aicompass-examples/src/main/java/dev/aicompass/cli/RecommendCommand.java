package dev.aicompass.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicompass.Method;
import dev.aicompass.catalog.AcceleratorEntry;
import dev.aicompass.catalog.Catalog;
import dev.aicompass.deploy.EngineKind;
import dev.aicompass.deploy.EngineProfile;
import dev.aicompass.hardware.Accelerator;
import dev.aicompass.model.ModelSpec;
import dev.aicompass.model.Precision;
import dev.aicompass.perf.LatencyEstimate;
import dev.aicompass.plan.DeploymentPlan;
import dev.aicompass.plan.Limit;
import dev.aicompass.plan.Planner;
import dev.aicompass.plan.PlannerOptions;
import dev.aicompass.plan.Recommendation;
import dev.aicompass.workload.ServiceLevel;
import dev.aicompass.workload.Workload;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code aicompass recommend}: which accelerators, how many, and how to split the model to meet an SLO. */
@Command(name = "recommend", mixinStandardHelpOptions = true,
    description = "Recommends deployments (accelerator, count, TP/PP/EP/DP) that fit memory and meet TTFT, TPOT and throughput, best first.",
    footer = {"", "Examples:",
        "  aicompass recommend --model llama-3.1-70b --input-len 2048 --output-len 512 --concurrency 64 --ttft 500ms --tpot 50ms",
        "  aicompass recommend --model deepseek-r1 --gpu h200 --gpu mi300x --concurrency 32 --ttft 2s --tpot 50ms --json",
        "  aicompass recommend --model qwen3-32b --concurrency 16 --throughput 2000 --max-gpus 8 --method reference",
        "  aicompass recommend --model llama-3.1-8b --concurrency 32 --tpot 30ms \\",
        "      --chart charts/"})
final class RecommendCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "ID|PATH", description = "A catalog model id or a config.json path.")
  String model;

  @Option(names = "--gpu", paramLabel = "ID", description = "Accelerators to consider (repeatable; default: every catalog accelerator with a published peak).")
  List<String> gpus = new ArrayList<>();

  @Mixin
  WorkloadOptions workload;

  @Option(names = "--concurrency", paramLabel = "C", defaultValue = "1", description = "Requests in flight (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Mixin
  ServiceLevelOptions slo;

  @Option(names = "--max-gpus", paramLabel = "N", defaultValue = "64", description = "Most devices per deployment (default: ${DEFAULT-VALUE}).")
  int maxGpus;

  @Option(names = "--max-model-len", paramLabel = "L", description = "Longest request in tokens (default: input + output).")
  Integer maxModelLen;

  @Option(names = "--weight-dtype", paramLabel = "DTYPE", description = "Weight dtype (default: the checkpoint's).")
  String weightDtype;

  @Option(names = "--quant", paramLabel = "SCHEME", description = "Weight quantization scheme.")
  String quant;

  @Option(names = "--kv-dtype", paramLabel = "DTYPE", defaultValue = "auto", description = "auto|bf16|fp16|fp8 (default: ${DEFAULT-VALUE}).")
  String kvDtype;

  @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "vllm", description = "vllm|sglang|trtllm|hf (default: ${DEFAULT-VALUE}).")
  String engine;

  @Option(names = "--engine-version", paramLabel = "V", description = "Engine version.")
  String engineVersion;

  @Option(names = "--method", paramLabel = "METHOD", defaultValue = "roofline", description = "roofline|reference (default: ${DEFAULT-VALUE}).")
  String method;

  @Option(names = "--catalog", paramLabel = "FILE.json", description = "A catalog file adding or overriding entries (repeatable).")
  List<Path> catalogs = new ArrayList<>();

  @Option(names = "--all", description = "Also list layouts that fail, with what limits them (default: best per accelerator).")
  boolean all;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Option(names = "--chart", paramLabel = "DIR",
      description = "Also write devices (and cost) per accelerator as DIR/recommendation.png and .svg.")
  Path chartDir;

  @Option(names = "--verbose", description = "Print stack traces of errors.")
  boolean verbose;

  @Option(names = "--timing", hidden = true, description = "Print the time of each phase on standard error.")
  boolean timing;

  @Override
  public Integer call() {
    Timing t = new Timing(timing);
    CommonOptions shim = new CommonOptions();
    shim.catalogs = catalogs;
    Resolver r = new Resolver(shim);
    Catalog catalog = r.catalog();
    t.mark("catalog");
    ModelSpec spec0 = r.model(model);
    t.mark("model");
    List<Accelerator> scope = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    if (gpus.isEmpty()) {
      for (AcceleratorEntry e : catalog.accelerators()) {
        if (e.accelerator().peaks().isEmpty()) {
          skipped.add(e.id());
        } else {
          scope.add(e.accelerator());
        }
      }
    } else {
      for (String g : gpus) {
        Accelerator a = catalog.requireAccelerator(g).accelerator();
        if (a.peaks().isEmpty()) {
          throw new IllegalArgumentException("--gpu " + g + " has no published peak compute; add one with --catalog");
        }
        scope.add(a);
      }
    }
    EngineKind kind = EngineKind.parse(engine);
    EngineProfile engineProfile = catalog.engineProfile(kind, engineVersion);
    PlannerOptions.Builder ob = PlannerOptions.builder().accelerators(scope).maxGpus(maxGpus).engine(engineProfile)
        .method(Method.parse(method)).includeFailures(true);
    if (maxModelLen != null) {
      ob.maxModelLen(maxModelLen);
    }
    Resolver.Precisions precisions = Resolver.precisions(catalog, quant, weightDtype, kvDtype);
    precisions.quantization().ifPresent(ob::quantization);
    precisions.weights().ifPresent(ob::weightPrecision);
    precisions.kvCache().ifPresent(ob::kvCachePrecision);
    ServiceLevel target = slo.serviceLevel();
    Workload w = workload.builder().concurrency(concurrency).build();
    t.mark("options");
    Recommendation rec = Planner.recommend(spec0, w, target, ob.build());
    t.mark("plan (" + scope.size() + " accelerators)");
    List<DeploymentPlan> plans = all ? rec.plans() : bestPerAccelerator(rec.plans());
    List<Path> charts = chartDir == null ? List.of() : ChartFiles.forRecommend(chartPlans(plans), chartDir);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectNode n = Json.object();
      n.put("model", spec0.name());
      ArrayNode arr = n.putArray("plans");
      for (DeploymentPlan p : plans) {
        arr.add(planJson(p));
      }
      ArrayNode sk = n.putArray("skippedAccelerators");
      skipped.forEach(sk::add);
      if (chartDir != null) {
        ArrayNode a = n.putArray("charts");
        charts.forEach(c -> a.add(c.toString()));
      }
      out.println(Json.write(n));
    } else {
      out.print(table(spec0, w, target, plans, skipped));
      charts.forEach(c -> out.println("chart: " + c));
    }
    out.flush();
    t.mark("output");
    t.print(spec.commandLine().getErr());
    return 0;
  }

  /** Keeps the first (best) plan per accelerator, passing plans before failing ones. */
  static List<DeploymentPlan> bestPerAccelerator(List<DeploymentPlan> plans) {
    List<DeploymentPlan> out = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    for (DeploymentPlan p : plans) {
      if (p.meetsSlo() && !seen.contains(p.gpu())) {
        out.add(p);
        seen.add(p.gpu());
      }
    }
    for (DeploymentPlan p : plans) {
      if (!seen.contains(p.gpu())) {
        out.add(p);
        seen.add(p.gpu());
      }
    }
    return out;
  }

  /** The plans worth a bar: up to 16 meeting the SLO; if none does, up to 16 with an estimate; else the first 16. */
  static List<DeploymentPlan> chartPlans(List<DeploymentPlan> plans) {
    List<DeploymentPlan> meeting = plans.stream().filter(DeploymentPlan::meetsSlo).limit(16).collect(Collectors.toList());
    if (!meeting.isEmpty()) {
      return meeting;
    }
    List<DeploymentPlan> estimated = plans.stream().filter(p -> p.estimate().isPresent()).limit(16).collect(Collectors.toList());
    return estimated.isEmpty() ? plans.subList(0, Math.min(16, plans.size())) : estimated;
  }

  static ObjectNode planJson(DeploymentPlan p) {
    ObjectNode o = Json.object();
    o.put("gpu", p.gpu());
    o.put("count", p.count());
    o.put("tp", p.tp());
    o.put("pp", p.pp());
    o.put("ep", p.ep());
    o.put("dp", p.dp());
    if (p.estimate().isPresent()) {
      LatencyEstimate e = p.estimate().get();
      o.put("ttftMs", Json.round(e.ttft().toMillis(), 3));
      o.put("tpotMs", Json.round(e.tpot().toMillis(), 3));
      o.put("outputTokensPerSecond", Json.round(e.outputThroughput().tokensPerSecond(), 2));
      ObjectNode band = o.putObject("errorBand");
      band.put("low", Json.round(e.errorBand().low(), 3));
      band.put("high", Json.round(e.errorBand().high(), 3));
    } else {
      o.putNull("ttftMs");
      o.putNull("tpotMs");
      o.putNull("outputTokensPerSecond");
    }
    o.put("memoryPerGpuGiB", Json.gib(p.memoryPerGpu()));
    o.put("meetsSlo", p.meetsSlo());
    ArrayNode lim = o.putArray("limitedBy");
    p.limitedBy().forEach(l -> lim.add(l.id()));
    p.costPerMillionOutputTokens().ifPresent(c -> o.put("costPerMillionOutputTokens", c.toString()));
    p.hourlyCost().ifPresent(c -> o.put("hourlyCost", c.toString()));
    o.put("method", p.method().name().toLowerCase(Locale.ROOT));
    return o;
  }

  static String table(ModelSpec m, Workload w, ServiceLevel slo, List<DeploymentPlan> plans, List<String> skipped) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%s, %d in / %d out, concurrency %d, SLO: TTFT %s, TPOT %s%s%n", m.name(), w.inputTokens(),
        w.outputTokens(), w.concurrency(), slo.ttft().map(Object::toString).orElse("-"), slo.tpot().map(Object::toString).orElse("-"),
        slo.throughput().map(t -> ", throughput ≥ " + t).orElse("")));
    sb.append(String.format(Locale.ROOT, "%-16s %5s %-16s %9s %9s %11s %9s %8s %12s  %s%n", "accelerator", "count", "layout",
        "TTFT ms", "TPOT ms", "out tok/s", "GiB/GPU", "meets", "$/Mtok", "limited by"));
    for (DeploymentPlan p : plans) {
      String layout = "TP" + p.tp() + (p.pp() > 1 ? " PP" + p.pp() : "") + (p.ep() > 1 ? " EP" + p.ep() : "") + (p.dp() > 1 ? " DP" + p.dp() : "");
      String ttftS = p.estimate().map(e -> String.format(Locale.ROOT, "%.1f", e.ttft().toMillis())).orElse("-");
      String tpotS = p.estimate().map(e -> String.format(Locale.ROOT, "%.2f", e.tpot().toMillis())).orElse("-");
      String thr = p.estimate().map(e -> String.format(Locale.ROOT, "%.0f", e.outputThroughput().tokensPerSecond())).orElse("-");
      sb.append(String.format(Locale.ROOT, "%-16s %5d %-16s %9s %9s %11s %9.1f %8s %12s  %s%n", p.gpu(), p.count(), layout, ttftS, tpotS,
          thr, p.memoryPerGpu().toGibibytes(), p.meetsSlo() ? "yes" : "no",
          p.costPerMillionOutputTokens().map(Object::toString).orElse("-"),
          p.limitedBy().stream().map(Limit::id).collect(Collectors.joining(", "))));
    }
    if (!skipped.isEmpty()) {
      sb.append("not considered (no published peak compute): ").append(String.join(", ", skipped)).append('\n');
    }
    plans.stream().filter(DeploymentPlan::meetsSlo).findFirst().flatMap(DeploymentPlan::estimate).ifPresent(e ->
        sb.append(String.format(Locale.ROOT, "best: error band %s; bottleneck prefill %s, decode %s%n",
            e.ttftErrorBand().equals(e.errorBand())
                ? String.format(Locale.ROOT, "×%.2f–×%.2f on latency", e.errorBand().low(), e.errorBand().high())
                : String.format(Locale.ROOT, "×%.2f–×%.2f on TPOT, ×%.2f–×%.2f on TTFT", e.errorBand().low(),
                    e.errorBand().high(), e.ttftErrorBand().low(), e.ttftErrorBand().high()),
            e.prefillBound().id(), e.decodeBound().id())));
    return sb.toString();
  }
}
