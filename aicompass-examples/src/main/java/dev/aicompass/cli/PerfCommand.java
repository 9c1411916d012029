package dev.aicompass.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicompass.deploy.Deployment;
import dev.aicompass.explain.Term;
import dev.aicompass.perf.LatencyEstimate;
import dev.aicompass.perf.PerformanceEstimator;
import dev.aicompass.workload.Workload;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code aicompass perf}: TTFT, TPOT and throughput of one deployment under a load. */
@Command(name = "perf", mixinStandardHelpOptions = true,
    description = "Time to first token, time per output token and throughput of a deployment, with the bottleneck and the error band.",
    footer = {"", "Examples:",
        "  aicompass perf --model llama-3.1-8b --gpu h100-sxm --input-len 1024 --output-len 256 --concurrency 32",
        "  aicompass perf --model llama-3.1-70b --gpu h100-sxm --tp 4 --input-len 2048 --output-len 512 --request-rate 4 --json",
        "  aicompass perf --model mixtral-8x7b --gpu h200 --tp 2 --input-len 128 --output-len 2048 --max-throughput",
        "  aicompass perf --model llama-3.1-8b --gpu l40s --concurrency 16 --chart charts/"})
final class PerfCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  CommonOptions common;

  @Mixin
  WorkloadOptions workload;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Load load = new Load();

  /** The load of {@link LoadOptions}, or else --max-throughput: all requests queued at once. */
  static final class Load extends LoadOptions {
    @Option(names = "--max-throughput", description = "All requests queued at once: the engine's best batch.")
    boolean maxThroughput;
  }

  @Mixin
  EngineOptions engine;

  @Option(names = "--chart", paramLabel = "DIR",
      description = "Also write latency-vs-concurrency and roofline charts as DIR/latency.{png,svg} and DIR/roofline.{png,svg}.")
  Path chartDir;

  @Override
  public Integer call() {
    CommonOptions o = common;
    Deployment d = engine.deployment(o, workload);
    Workload w = workload.workload(load);
    LatencyEstimate e = load.maxThroughput ? PerformanceEstimator.maxThroughput(d, w) : PerformanceEstimator.estimate(d, w);
    List<Path> charts = chartDir == null ? List.of() : ChartFiles.forPerf(e, w, chartDir);
    PrintWriter out = spec.commandLine().getOut();
    if (o.json) {
      ObjectNode n = toJson(e);
      if (chartDir != null) {
        ArrayNode a = n.putArray("charts");
        charts.forEach(c -> a.add(c.toString()));
      }
      out.println(Json.write(n));
    } else {
      out.print(human(e, o.verbose));
      charts.forEach(c -> out.println("chart: " + c));
    }
    out.flush();
    return 0;
  }

  static ObjectNode toJson(LatencyEstimate e) {
    Deployment d = e.deployment();
    ObjectNode n = Json.object();
    n.put("model", d.model().name());
    n.put("gpu", d.accelerator().id());
    n.put("tp", d.parallelism().tp());
    n.put("pp", d.parallelism().pp());
    n.put("ep", d.parallelism().ep());
    n.put("dp", d.parallelism().dp());
    n.put("mode", e.mode().name().toLowerCase(Locale.ROOT));
    n.put("ttftMs", Json.round(e.ttft().toMillis(), 3));
    n.put("tpotMs", Json.round(e.tpot().toMillis(), 3));
    n.put("outputTokensPerSecond", Json.round(e.outputThroughput().tokensPerSecond(), 2));
    n.put("outputTokensPerSecondPerGpu", Json.round(e.outputThroughputPerGpu().tokensPerSecond(), 2));
    n.put("totalTokensPerSecond", Json.round(e.totalThroughput().tokensPerSecond(), 2));
    n.put("decodeBatch", Json.round(e.decodeBatch(), 2));
    n.put("prefillBound", e.prefillBound().id());
    n.put("decodeBound", e.decodeBound().id());
    ObjectNode band = n.putObject("errorBand");
    band.put("low", Json.round(e.errorBand().low(), 3));
    band.put("high", Json.round(e.errorBand().high(), 3));
    ObjectNode ttftBand = n.putObject("ttftErrorBand");
    ttftBand.put("low", Json.round(e.ttftErrorBand().low(), 3));
    ttftBand.put("high", Json.round(e.ttftErrorBand().high(), 3));
    n.put("saturated", e.saturated());
    n.put("maxBatch", Json.round(e.maxBatch(), 2));
    n.put("kvCacheTokens", e.kvCacheTokens());
    n.put("devices", e.devices());
    n.put("requestsPerSecond", Json.round(e.requestRate(), 4));
    ArrayNode why = n.putArray("derivation");
    for (Term t : e.derivation().terms()) {
      why.add(t.toString());
    }
    return n;
  }

  static String human(LatencyEstimate e, boolean verbose) {
    Deployment d = e.deployment();
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%s on %s × %d (%s, %s), %d in / %d out, %s%n", d.model().name(), d.accelerator().id(),
        d.parallelism().devices(), d.parallelism(), d.engine(), e.workload().inputTokens(), e.workload().outputTokens(),
        e.mode().name().toLowerCase(Locale.ROOT).replace('_', ' ')));
    double lo = e.errorBand().low();
    double hi = e.errorBand().high();
    sb.append(String.format(Locale.ROOT, "  %-28s %10.1f ms   (band %.1f – %.1f)  bound: %s%n", "TTFT", e.ttft().toMillis(),
        e.ttft().toMillis() * e.ttftErrorBand().low(), e.ttft().toMillis() * e.ttftErrorBand().high(),
        e.prefillBound().id()));
    sb.append(String.format(Locale.ROOT, "  %-28s %10.2f ms   (band %.2f – %.2f)  bound: %s%n", "TPOT", e.tpot().toMillis(),
        e.tpot().toMillis() * lo, e.tpot().toMillis() * hi, e.decodeBound().id()));
    sb.append(String.format(Locale.ROOT, "  %-28s %10.0f tok/s (%.0f per GPU)%n", "output throughput",
        e.outputThroughput().tokensPerSecond(), e.outputThroughputPerGpu().tokensPerSecond()));
    sb.append(String.format(Locale.ROOT, "  %-28s %10.0f tok/s%n", "total throughput", e.totalThroughput().tokensPerSecond()));
    sb.append(String.format(Locale.ROOT, "  %-28s %10.1f (max %.0f, KV holds %d tokens)%s%n", "decode batch", e.decodeBatch(),
        e.maxBatch(), e.kvCacheTokens(), e.saturated() ? "  SATURATED: arrivals exceed capacity" : ""));
    if (verbose) {
      sb.append("derivation:\n").append(e.derivation().toString().replaceAll("(?m)^", "  "));
    }
    return sb.toString();
  }
}
