package dev.aicompass.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicompass.deploy.Deployment;
import dev.aicompass.explain.Term;
import dev.aicompass.memory.MemoryBreakdown;
import dev.aicompass.memory.MemoryEstimator;
import dev.aicompass.workload.Workload;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code aicompass memory}: memory per device by component, KV pool and capacity. */
@Command(name = "memory", mixinStandardHelpOptions = true,
    description = "Memory per device by component, the engine's KV-cache pool and how many tokens it holds.",
    footer = {"", "Examples:",
        "  aicompass memory --model llama-3.1-8b --gpu h100-sxm",
        "  aicompass memory --model qwen3-30b-a3b --gpu h100-sxm --tp 2 --kv-dtype fp8 --max-model-len 32768 --json",
        "  aicompass memory --model ./config.json --gpu a100-sxm-80gb --batch 16 --input-len 2048 --output-len 512",
        "  aicompass memory --model llama-3.1-70b --gpu h100-sxm --tp 4 --chart charts/",
        "Not fitting is an answer (fits: false), not an error."})
final class MemoryCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  CommonOptions common;

  @Option(names = "--max-model-len", paramLabel = "L", defaultValue = "8192", description = "Longest request in tokens (default: ${DEFAULT-VALUE}).")
  int maxModelLen;

  @Option(names = "--gpu-memory-utilization", paramLabel = "U",
      description = "vLLM gpu_memory_utilization (default 0.9); SGLang mem-fraction-static; TRT-LLM free-memory fraction.")
  Double utilization;

  @Option(names = "--block-size", paramLabel = "B", description = "KV block size in tokens (default: 16 for vLLM).")
  Integer blockSize;

  @Option(names = "--batch", paramLabel = "B", description = "Requests in flight (optional workload).")
  Integer batch;

  @Option(names = "--input-len", paramLabel = "N", description = "Prompt tokens per request (optional workload).")
  Integer inputLen;

  @Option(names = "--output-len", paramLabel = "N", description = "Output tokens per request (optional workload).")
  Integer outputLen;

  @Option(names = "--chart", paramLabel = "DIR", description = "Also write a pie of memory by component as DIR/memory.png and .svg.")
  Path chartDir;

  @Override
  public Integer call() {
    CommonOptions o = common;
    Resolver r = new Resolver(o);
    Deployment d = r.deployment(o, maxModelLen, utilization, blockSize);
    Optional<Workload> w = workload();
    MemoryBreakdown b = MemoryEstimator.estimate(d, w, Resolver.method(o.method));
    List<Path> charts = chartDir == null ? List.of() : ChartFiles.forMemory(b, chartDir);
    PrintWriter out = spec.commandLine().getOut();
    if (o.json) {
      ObjectNode n = toJson(b, o);
      if (chartDir != null) {
        ArrayNode a = n.putArray("charts");
        charts.forEach(c -> a.add(c.toString()));
      }
      out.println(Json.write(n));
    } else {
      out.print(human(b, o));
      charts.forEach(c -> out.println("chart: " + c));
    }
    out.flush();
    return 0;
  }

  private Optional<Workload> workload() {
    if (batch == null && inputLen == null && outputLen == null) {
      return Optional.empty();
    }
    return Optional.of(Workload.builder()
        .concurrency(batch == null ? 1 : batch)
        .inputTokens(inputLen == null ? 1024 : inputLen)
        .outputTokens(outputLen == null ? 256 : outputLen)
        .build());
  }

  static ObjectNode toJson(MemoryBreakdown b, CommonOptions o) {
    Deployment d = b.deployment();
    ObjectNode n = Json.object();
    n.put("model", d.model().name());
    n.put("gpu", d.accelerator().id());
    n.put("method", b.method().name().toLowerCase(Locale.ROOT));
    n.put("engine", d.engine().kind().id());
    n.put("engineVersion", d.engine().version());
    n.put("tp", d.parallelism().tp());
    n.put("pp", d.parallelism().pp());
    n.put("ep", d.parallelism().ep());
    n.put("dp", d.parallelism().dp());
    n.put("weightsGiB", Json.gib(b.weights()));
    n.put("activationGiB", Json.gib(b.activation()));
    n.put("engineOverheadGiB", Json.gib(b.engineOverhead()));
    n.put("kvCachePoolGiB", Json.gib(b.kvCachePool()));
    n.put("kvCacheTokens", b.kvCacheTokens());
    n.put("maxConcurrency", Json.round(b.maxConcurrency(), 2));
    if (b.kvCacheRequired().isPresent()) {
      n.put("kvCacheRequiredGiB", Json.gib(b.kvCacheRequired().get()));
    } else {
      n.putNull("kvCacheRequiredGiB");
    }
    n.put("totalGiB", Json.gib(b.total()));
    n.put("fits", b.fits());
    n.put("kvBytesPerToken", b.kvBytesPerToken().bytes());
    n.put("usableGiB", Json.gib(b.usable()));
    n.put("nonTorchGiB", Json.gib(b.nonTorch()));
    n.put("cudaGraphGiB", Json.gib(b.cudaGraph()));
    n.put("maxModelLen", d.maxModelLen());
    n.put("weightDtype", d.weightPrecision().id());
    n.put("quantization", d.quantization().map(q -> q.id()).orElse(null));
    n.put("kvCacheDtype", d.kvCachePrecision().id());
    ObjectNode comps = n.putObject("weightsByComponentGiB");
    b.weightsByComponent().forEach((c, s) -> comps.put(c.key(), Json.gib(s)));
    ArrayNode problems = n.putArray("problems");
    b.problems().forEach(problems::add);
    ArrayNode why = n.putArray("derivation");
    for (Term t : b.derivation().terms()) {
      why.add(t.toString());
    }
    return n;
  }

  static String human(MemoryBreakdown b, CommonOptions o) {
    Deployment d = b.deployment();
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%s on %s × %d (%s, %s, weights %s%s, KV %s, max-model-len %d, method %s)%n",
        d.model().name(), d.accelerator().id(), d.parallelism().devices(), d.parallelism(), d.engine(),
        d.weightPrecision().id(), d.quantization().map(q -> " + " + q.id()).orElse(""), d.kvCachePrecision().id(),
        d.maxModelLen(), b.method().name().toLowerCase(Locale.ROOT)));
    sb.append(String.format(Locale.ROOT, "memory per device (usable %.2f GiB):%n", b.usable().toGibibytes()));
    b.weightsByComponent().forEach((c, s) -> sb.append(String.format(Locale.ROOT, "  %-20s %10.2f GiB%n", "weights: " + c.label(), s.toGibibytes())));
    sb.append(b.toString().replaceAll("(?m)^", "  "));
    if (o.verbose) {
      sb.append("derivation:\n").append(b.derivation().toString().replaceAll("(?m)^", "  "));
    } else {
      sb.append("(--verbose prints the derivation; --json the machine-readable form)\n");
    }
    return sb.toString();
  }
}
