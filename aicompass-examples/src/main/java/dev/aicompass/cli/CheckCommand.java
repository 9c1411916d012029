package dev.aicompass.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicompass.advise.AdviceOptions;
import dev.aicompass.advise.Advisor;
import dev.aicompass.advise.Suggestion;
import dev.aicompass.catalog.AcceleratorEntry;
import dev.aicompass.catalog.Catalog;
import dev.aicompass.catalog.ServingCommandResolver;
import dev.aicompass.check.CapacityCheck;
import dev.aicompass.check.CheckOptions;
import dev.aicompass.check.CheckResult;
import dev.aicompass.check.ResolvedCommand;
import dev.aicompass.check.ServingCommand;
import dev.aicompass.check.Shortfall;
import dev.aicompass.deploy.Deployment;
import dev.aicompass.explain.Term;
import dev.aicompass.perf.LatencyEstimate;
import dev.aicompass.units.TokenRate;
import dev.aicompass.workload.ServiceLevel;
import dev.aicompass.workload.Workload;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code aicompass check}: reads a vLLM or SGLang serving command, estimates it on an accelerator
 * and says whether it meets the stated requirements (exit 0) or not (exit 1), with re-estimated
 * what-if advice.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Checks a concrete serving command: fits, KV capacity, TTFT, TPOT, throughput and a verdict, with "
        + "re-estimated advice. Exit 0 when every stated requirement is met, 1 when not, 2 for bad input.",
    footer = {"", "Examples:",
        "  aicompass check --gpu h100-sxm --serve \"vllm serve meta-llama/Llama-3.1-8B-Instruct --max-model-len 8192\" \\",
        "      --input-len 2048 --output-len 256 --concurrency 64 --ttft 500ms --tpot 50ms",
        "  aicompass check --gpu h100-sxm --serve-file deploy/serve.sh --concurrency 32 --tpot 40ms --json",
        "  aicompass check --gpu h200 --serve \"python -m sglang.launch_server --model-path Qwen/Qwen2.5-7B-Instruct --tp 2\""})
final class CheckCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  static final class Source {
    @Option(names = "--serve", paramLabel = "COMMAND", description = "The serving command line, quoted.")
    String command;

    @Option(names = "--serve-file", paramLabel = "FILE", description = "A launch script or file holding the serving command.")
    Path file;
  }

  @Option(names = "--gpu", required = true, paramLabel = "ID", description = "The catalog accelerator the command runs on.")
  String gpu;

  @Mixin
  WorkloadOptions workload;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  LoadOptions load = new LoadOptions();

  @Mixin
  ServiceLevelOptions slo;

  @Option(names = "--prefix-hit-rate", paramLabel = "H", defaultValue = "0",
      description = "Share of prompt tokens found in the prefix cache, 0-1 (default: ${DEFAULT-VALUE}).")
  double prefixHitRate;

  @Option(names = "--spec-acceptance", paramLabel = "A", defaultValue = "0.6",
      description = "Per-token acceptance rate assumed for speculative decoding (default: ${DEFAULT-VALUE}).")
  double specAcceptance;

  @Option(names = "--pessimistic", description = "Judge latency at the upper edge of the error band.")
  boolean pessimistic;

  @Option(names = "--engine-version", paramLabel = "V", description = "Engine version whose constants apply (vLLM default 0.19.0).")
  String engineVersion;

  @Option(names = "--catalog", paramLabel = "FILE.json", description = "A catalog file adding or overriding entries (repeatable).")
  List<Path> catalogs = new ArrayList<>();

  @Option(names = "--no-advice", description = "Skip the what-if advice.")
  boolean noAdvice;

  @Option(names = "--max-devices", paramLabel = "N", defaultValue = "64", description = "Most devices a suggestion may use (default: ${DEFAULT-VALUE}).")
  int maxDevices;

  @Option(names = "--json", description = "Print one JSON object on standard output.")
  boolean json;

  @Option(names = "--verbose", description = "Print the derivations, and stack traces of errors.")
  boolean verbose;

  @Override
  public Integer call() {
    Catalog catalog = Resolver.catalog(catalogs);
    String text;
    ServingCommandResolver resolver = ServingCommandResolver.of(catalog);
    if (source.file != null) {
      try {
        text = Files.readString(source.file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("--serve-file " + source.file + ": cannot read it (" + e + ")", e);
      }
      Path dir = source.file.toAbsolutePath().getParent();
      if (dir != null) {
        resolver = resolver.relativeTo(dir);
      }
    } else {
      text = source.command;
    }
    ServingCommand command = ServingCommand.parse(text);
    CheckOptions options = CheckOptions.builder().pessimistic(pessimistic).speculativeAcceptance(specAcceptance).build();
    ResolvedCommand resolved = resolver.resolve(command, gpu, Optional.ofNullable(engineVersion), prefixHitRate, options);
    Workload w = workload.workload(load);
    ServiceLevel target = slo.serviceLevel();
    CheckResult result = CapacityCheck.check(resolved, w, target);
    List<Suggestion> advice = List.of();
    if (!noAdvice) {
      advice = Advisor.advise(resolved.deployment(), w, target, AdviceOptions.builder().checkOptions(resolved.options())
          .prefixHitRate(prefixHitRate).maxDevices(maxDevices)
          .accelerators(catalog.accelerators().stream().map(AcceleratorEntry::accelerator).collect(Collectors.toList()))
          .build());
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.write(toJson(resolved, result, advice)));
    } else {
      out.print(human(resolved, result, advice, verbose));
    }
    out.flush();
    return result.passes() ? 0 : 1;
  }

  static String human(ResolvedCommand resolved, CheckResult r, List<Suggestion> advice, boolean verbose) {
    StringBuilder sb = new StringBuilder();
    sb.append("serving command: ").append(resolved.command()).append('\n');
    if (!resolved.notes().isEmpty()) {
      sb.append("notes:\n");
      resolved.notes().forEach(n -> sb.append("  - ").append(n).append('\n'));
    }
    if (!resolved.unknownFlags().isEmpty()) {
      sb.append("unknown flags (not checked): ").append(String.join(", ", resolved.unknownFlags())).append('\n');
    }
    sb.append(r.report());
    if (!advice.isEmpty()) {
      sb.append(r.passes() ? "savings (each change re-estimated; the deployment passes without them):\n"
          : "advice (each change re-estimated with the same check):\n");
      for (int i = 0; i < advice.size(); i++) {
        Suggestion s = advice.get(i);
        sb.append(String.format(Locale.ROOT, "  %d. %s%s%n", i + 1, s.title(),
            s.flags().isEmpty() ? "" : "  [" + ServingCommand.toShell(s.flags()) + "]"));
        sb.append("     ").append(s.effect()).append(s.passes() ? " — passes" : " — still short on "
            + s.after().shortfalls().stream().map(Shortfall::id).collect(Collectors.joining(", "))).append('\n');
        s.caveat().ifPresent(c -> sb.append("     (").append(c).append(")\n"));
      }
    }
    if (verbose) {
      sb.append("memory derivation:\n").append(r.memory().derivation().toString().replaceAll("(?m)^", "  "));
      r.estimate().ifPresent(e -> sb.append("latency derivation:\n").append(e.derivation().toString().replaceAll("(?m)^", "  ")));
    }
    return sb.toString();
  }

  static ObjectNode toJson(ResolvedCommand resolved, CheckResult r, List<Suggestion> advice) {
    ObjectNode n = Json.object();
    n.put("command", resolved.command().toString());
    n.put("engine", resolved.command().engine().id());
    n.set("deployment", deploymentJson(resolved.deployment()));
    resolved.options().performance().speculative().ifPresent(s -> {
      ObjectNode o = n.putObject("speculative");
      o.put("draftTokens", s.draftTokens());
      o.put("acceptanceRate", s.acceptanceRate());
    });
    ArrayNode notes = n.putArray("notes");
    resolved.notes().forEach(notes::add);
    ArrayNode unknown = n.putArray("unknownFlags");
    resolved.unknownFlags().forEach(unknown::add);
    ObjectNode w = n.putObject("workload");
    w.put("inputLen", r.workload().inputTokens());
    w.put("outputLen", r.workload().outputTokens());
    if (r.workload().requestRate().isPresent()) {
      w.put("requestRate", r.workload().requestRate().getAsDouble());
    } else {
      w.put("concurrency", r.workload().concurrency());
    }
    ObjectNode t = n.putObject("targets");
    putOrNull(t, "ttftMs", r.serviceLevel().ttft().map(x -> x.toMillis()));
    putOrNull(t, "tpotMs", r.serviceLevel().tpot().map(x -> x.toMillis()));
    putOrNull(t, "outputTokensPerSecond", r.serviceLevel().throughput().map(TokenRate::tokensPerSecond));
    n.setAll(resultJson(r));
    n.put("verdict", r.passes() ? "pass" : "fail");
    ArrayNode a = n.putArray("advice");
    for (Suggestion s : advice) {
      ObjectNode o = a.addObject();
      o.put("kind", s.kind().id());
      o.put("title", s.title());
      ArrayNode f = o.putArray("flags");
      s.flags().forEach(f::add);
      o.put("passes", s.passes());
      o.set("deployment", deploymentJson(s.deployment()));
      o.set("before", figures(s.before()));
      o.set("after", figures(s.after()));
      o.put("effect", s.effect());
      o.put("caveat", s.caveat().orElse(null));
    }
    return n;
  }

  private static void putOrNull(ObjectNode n, String field, Optional<Double> v) {
    if (v.isPresent()) {
      n.put(field, Json.round(v.get(), 3));
    } else {
      n.putNull(field);
    }
  }

  static ObjectNode deploymentJson(Deployment d) {
    ObjectNode n = Json.object();
    n.put("model", d.model().name());
    n.put("gpu", d.accelerator().id());
    n.put("devices", d.parallelism().devices());
    n.put("tp", d.parallelism().tp());
    n.put("pp", d.parallelism().pp());
    n.put("ep", d.parallelism().ep());
    n.put("dp", d.parallelism().dp());
    n.put("engineVersion", d.engine().version());
    n.put("maxModelLen", d.maxModelLen());
    n.put("weightDtype", d.weightPrecision().id());
    n.put("quantization", d.quantization().map(q -> q.id()).orElse(null));
    n.put("kvCacheDtype", d.kvCachePrecision().id());
    n.put("gpuMemoryUtilization", d.engine().memoryUtilization());
    n.put("maxNumSeqs", d.engine().maxNumSeqs());
    n.put("maxNumBatchedTokens", d.engine().maxNumBatchedTokens());
    n.put("blockSize", d.engine().blockSize());
    n.put("chunkedPrefill", d.engine().chunkedPrefill());
    n.put("cudaGraphs", d.engine().cudaGraphs());
    n.put("prefixCacheHitRate", d.engine().prefixCacheHitRate());
    return n;
  }

  /** The check's figures: fits, KV capacity, TTFT, TPOT, throughput, shortfalls. */
  static ObjectNode resultJson(CheckResult r) {
    ObjectNode n = figures(r);
    ObjectNode m = n.putObject("memory");
    m.put("weightsGiB", Json.gib(r.memory().weights()));
    m.put("activationGiB", Json.gib(r.memory().activation()));
    m.put("engineOverheadGiB", Json.gib(r.memory().engineOverhead()));
    m.put("kvCachePoolGiB", Json.gib(r.memory().kvCachePool()));
    m.put("totalGiB", Json.gib(r.memory().total()));
    m.put("usableGiB", Json.gib(r.memory().usable()));
    m.put("maxConcurrency", Json.round(r.memory().maxConcurrency(), 2));
    ArrayNode p = m.putArray("problems");
    r.memory().problems().forEach(p::add);
    ArrayNode reasons = n.putArray("reasons");
    r.reasons().forEach(reasons::add);
    n.put("limitedBy", r.limitedBy().orElse(null));
    r.estimate().ifPresent(e -> {
      ObjectNode band = n.putObject("errorBand");
      band.put("low", Json.round(e.errorBand().low(), 3));
      band.put("high", Json.round(e.errorBand().high(), 3));
      n.put("prefillBound", e.prefillBound().id());
      n.put("decodeBound", e.decodeBound().id());
      n.put("decodeBatch", Json.round(e.decodeBatch(), 2));
      n.put("saturated", e.saturated());
      ArrayNode why = n.putArray("derivation");
      for (Term t : e.derivation().terms()) {
        why.add(t.toString());
      }
    });
    return n;
  }

  static ObjectNode figures(CheckResult r) {
    ObjectNode n = Json.object();
    n.put("passes", r.passes());
    n.put("fits", r.memory().fits());
    n.put("kvCacheTokens", r.kvCacheTokens());
    n.put("devices", r.devices());
    Optional<LatencyEstimate> e = r.estimate();
    putOrNull(n, "ttftMs", e.map(x -> x.ttft().toMillis()));
    putOrNull(n, "tpotMs", e.map(x -> x.tpot().toMillis()));
    putOrNull(n, "outputTokensPerSecond", e.map(x -> x.outputThroughput().tokensPerSecond()));
    ArrayNode s = n.putArray("shortfalls");
    r.shortfalls().forEach(x -> s.add(x.id()));
    return n;
  }
}
